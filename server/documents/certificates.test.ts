import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signingCertificates } from '../db/schema/index.ts';
import { signInAs } from '../test/factories.ts';
import { buildUser, createTestApp, type TestApp, unitIdByCode } from '../test/harness.ts';
import { samplePng, testPki } from '../test/signing-fixtures.ts';
import { signingIdentity } from './certificates.ts';

const SECRET = 'test-secret-that-is-long-enough-0123456789';
const PROVINCE = '33';
const COMMUNE_A = '11953';
const COMMUNE_B = '11977';

describe('signing certificates', () => {
  let t: TestApp;
  let unitA: number;
  beforeAll(async () => {
    t = await createTestApp();
    unitA = await unitIdByCode(t.database, COMMUNE_A);
  });
  afterAll(() => t.close());

  const uploadAs = async (
    session: Awaited<ReturnType<typeof signInAs>>,
    unitId: number,
    fields: Record<string, string>,
    p12 = testPki().p12,
  ) => session.upload(`/api/units/${unitId}/signing-certificates`, 'ubnd.p12', p12, { fields });

  it('keeps the file and its password sealed, shows what the certificate says, and opens it for signing', async () => {
    const admin = await signInAs(t, 'admin', null);
    const { password } = testPki();
    const uploaded = await uploadAs(admin, unitA, { kind: 'organisation', password });
    expect(uploaded.status).toBe(200);
    expect(uploaded.json).toMatchObject({
      unitId: unitA,
      kind: 'organisation',
      subjectName: 'Nguyễn Văn A',
      organisation: 'UBND tỉnh Hưng Yên',
      serial: '1A2B3C',
      issuerName: 'Chiso Test Root CA',
      notBefore: '2025-01-01T00:00:00.000Z',
      notAfter: '2030-01-01T00:00:00.000Z',
      hasImage: false,
      state: 'active',
    });
    expect(JSON.stringify(uploaded.json)).not.toContain(password);
    const [row] = await t.database.db
      .select()
      .from(signingCertificates)
      .where(eq(signingCertificates.id, uploaded.json.id));
    if (!row) throw new Error('no row');
    // Neither the password nor the file is in the database as it was given.
    expect(row.passwordSealed).not.toContain(password);
    expect(Buffer.from(row.passwordSealed, 'base64').includes(Buffer.from(password))).toBe(false);
    expect(row.p12Sealed.includes(testPki().p12.subarray(0, 64))).toBe(false);
    const opened = await signingIdentity(t.database.db, SECRET, unitA, 'organisation', null, new Date());
    expect(opened?.certificateId).toBe(uploaded.json.id);
    expect(opened?.identity.serial).toBe('1A2B3C');
    // Under another installation secret it cannot be opened, and says why.
    await expect(
      signingIdentity(t.database.db, `${SECRET}-other`, unitA, 'organisation', null, new Date()),
    ).rejects.toThrow(/CHISO_SECRET/);
  });

  it('refuses a wrong password and a file that is no certificate, saying so', async () => {
    const admin = await signInAs(t, 'admin', null);
    const wrong = await uploadAs(admin, unitA, { kind: 'organisation', password: 'sai' });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.message).toBe('Mật khẩu của tệp chứng thư số (.p12/.pfx) không đúng.');
    const junk = await uploadAs(
      admin,
      unitA,
      { kind: 'organisation', password: 'x' },
      Buffer.from('not a p12'),
    );
    expect(junk.status).toBe(400);
  });

  it('replaces the certificate in use, keeps the one before as withdrawn, and sets the seal image', async () => {
    const admin = await signInAs(t, 'admin', null);
    const unitId = await unitIdByCode(t.database, '11980');
    const first = await uploadAs(admin, unitId, { kind: 'organisation', password: testPki().password });
    const second = await uploadAs(admin, unitId, { kind: 'organisation', password: testPki().password });
    expect(second.status).toBe(200);
    const list = await admin.request('GET', `/api/units/${unitId}/signing-certificates`);
    expect(list.json.items.map((item: { id: number; state: string }) => [item.id, item.state])).toEqual([
      [second.json.id, 'active'],
      [first.json.id, 'retired'],
    ]);
    const image = await admin.upload(
      `/api/signing-certificates/${second.json.id}/image`,
      'con-dau.png',
      await samplePng('#d00000'),
      { method: 'PUT' },
    );
    expect(image.status).toBe(200);
    expect(image.json.hasImage).toBe(true);
    const opened = await signingIdentity(t.database.db, SECRET, unitId, 'organisation', null, new Date());
    expect(opened?.image?.subarray(1, 4).toString()).toBe('PNG');
    const retired = await admin.request('POST', `/api/signing-certificates/${second.json.id}/retire`);
    expect(retired.json.state).toBe('retired');
    expect(await signingIdentity(t.database.db, SECRET, unitId, 'organisation', null, new Date())).toBeNull();
  });

  it('takes a signer’s own certificate only for one of the unit’s people', async () => {
    const admin = await signInAs(t, 'admin', null);
    const head = await buildUser(t.database, [{ role: 'unit_head', unitCode: COMMUNE_A }]);
    const outsider = await buildUser(t.database, [{ role: 'unit_head', unitCode: COMMUNE_B }]);
    const password = testPki().password;
    const refused = await uploadAs(admin, unitA, { kind: 'person', userId: String(outsider.id), password });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.fields[0].message).toBe('Người ký phải là người của đơn vị này.');
    const own = await uploadAs(admin, unitA, { kind: 'person', userId: String(head.id), password });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ kind: 'person', userId: head.id });
    const opened = await signingIdentity(t.database.db, SECRET, unitA, 'person', head.id, new Date());
    expect(opened?.certificateId).toBe(own.json.id);
    // The organisation's certificate never stands in for a person's.
    expect(await signingIdentity(t.database.db, SECRET, unitA, 'person', outsider.id, new Date())).toBeNull();
  });

  it('lets only administrators of the unit’s subtree manage its certificates', async () => {
    const headOfA = await signInAs(t, 'unit_head', COMMUNE_A);
    expect((await headOfA.request('GET', `/api/units/${unitA}/signing-certificates`)).status).toBe(403);
    const adminOfB = await signInAs(t, 'admin', COMMUNE_B);
    expect((await adminOfB.request('GET', `/api/units/${unitA}/signing-certificates`)).status).toBe(404);
    const upload = await uploadAs(adminOfB, unitA, { kind: 'organisation', password: testPki().password });
    expect(upload.status).toBe(404);
    const provinceAdmin = await signInAs(t, 'admin', PROVINCE);
    expect((await provinceAdmin.request('GET', `/api/units/${unitA}/signing-certificates`)).status).toBe(200);
  });

  it('keeps a trust list of root certificates only, set at the root', async () => {
    const admin = await signInAs(t, 'admin', null);
    const empty = await admin.request('GET', '/api/signing/settings');
    expect(empty.json).toMatchObject({ trustRoots: [], tsaUrl: null });
    const added = await admin.upload(
      `/api/signing/trust?version=${empty.json.version}`,
      'goc.pem',
      Buffer.from(testPki().caPem),
    );
    expect(added.status).toBe(200);
    expect(added.json.trustRoots).toEqual([
      expect.objectContaining({ subject: 'Chiso Test Root CA', notAfter: expect.any(String) }),
    ]);
    expect(JSON.stringify(added.json)).not.toContain('BEGIN CERTIFICATE');
    const leaf = await admin.upload(
      `/api/signing/trust?version=${added.json.version}`,
      'la.pem',
      Buffer.from(testPki().leafPem),
    );
    expect(leaf.status).toBe(400);
    expect(leaf.json.error.details.fields[0].message).toContain(
      'không phải chứng thư của tổ chức cung cấp dịch vụ chứng thực',
    );
    const again = await admin.upload(
      `/api/signing/trust?version=${added.json.version}`,
      'goc.pem',
      Buffer.from(testPki().caPem),
    );
    expect(again.status).toBe(409);
    const tsa = await admin.request('PUT', '/api/signing/tsa', {
      tsaUrl: 'http://tsa.example.vn/tsp',
      version: added.json.version,
    });
    expect(tsa.json.tsaUrl).toBe('http://tsa.example.vn/tsp');
    const removed = await admin.request(
      'DELETE',
      `/api/signing/trust/${encodeURIComponent(added.json.trustRoots[0].fingerprint256)}?version=${tsa.json.version}`,
    );
    expect(removed.json.trustRoots).toEqual([]);
    const communeAdmin = await signInAs(t, 'admin', COMMUNE_A);
    expect((await communeAdmin.request('GET', '/api/signing/settings')).status).toBe(403);
  });
});
