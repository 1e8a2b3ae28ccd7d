import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, notifications } from '../db/schema/index.ts';
import { signPdf } from '../signing/index.ts';
import { recordObligation } from '../test/disclosure-register.ts';
import { buildPlan, COMMUNE_A, COMMUNE_B, signInAs } from '../test/factories.ts';
import {
  buildUser,
  createTestApp,
  type Session,
  signIn,
  type TestApp,
  unitIdByCode,
} from '../test/harness.ts';
import { pdfsigValidations, poppler } from '../test/poppler.ts';
import { samplePdf, samplePng, testPki } from '../test/signing-fixtures.ts';

/**
 * A document on its way out: the register numbers it, Chiso makes its PDF, the head signs with their own
 * certificate, the clerk seals with the unit's; or it is signed outside Chiso and brought back. pdfsig
 * (poppler, independent of Chiso) says each signature is valid.
 */
describe('signing an issued document', () => {
  let t: TestApp;
  let unitA: number;
  let admin: Session;
  let head: Session;
  let headId: number;
  let clerk: Session;
  let clerkId: number;

  beforeAll(async () => {
    t = await createTestApp();
    unitA = await unitIdByCode(t.database, COMMUNE_A);
    admin = await signInAs(t, 'admin', null);
    const headUser = await buildUser(t.database, [{ role: 'unit_head', unitCode: COMMUNE_A }]);
    headId = headUser.id;
    head = await signIn(t.app, headUser.username);
    const clerkUser = await buildUser(t.database, [{ role: 'clerk', unitCode: COMMUNE_A }]);
    clerkId = clerkUser.id;
    clerk = await signIn(t.app, clerkUser.username);
    const { p12, password } = testPki();
    const person = await admin.upload(`/api/units/${unitA}/signing-certificates`, 'ca-nhan.p12', p12, {
      fields: { kind: 'person', userId: String(headId), password },
    });
    expect(person.status).toBe(200);
    const organisation = await admin.upload(`/api/units/${unitA}/signing-certificates`, 'co-quan.p12', p12, {
      fields: { kind: 'organisation', password },
    });
    expect(organisation.status).toBe(200);
    const seal = await admin.upload(
      `/api/signing-certificates/${organisation.json.id}/image`,
      'dau.png',
      await samplePng('#d00000'),
      { method: 'PUT' },
    );
    expect(seal.status).toBe(200);
  });
  afterAll(() => t.close());

  const numbered = async (
    title: string,
    source: { kind: string; id: string | null } = { kind: 'other', id: null },
  ) => {
    const taken = await clerk.request('POST', '/api/documents/register', {
      unitId: unitA,
      type: 'KH',
      title,
      issuedOn: '2026-12-06',
      signerName: 'Nguyễn Văn A',
      sourceKind: source.kind,
      sourceId: source.id,
    });
    expect(taken.status).toBe(201);
    return taken.json as { id: number; number: string };
  };
  const pdfOf = async (session: Session, id: number) => {
    const reply = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${id}/document.pdf`,
      headers: { cookie: session.cookie },
    });
    expect(reply.statusCode).toBe(200);
    return reply.rawPayload;
  };

  it('the plan: prepared, signed by the head, sealed by the clerk; both signatures valid for pdfsig', async () => {
    const plan = await buildPlan(t, {
      unitCode: COMMUNE_A,
      leadCode: COMMUNE_A,
      title: 'Kế hoạch cải cách hành chính năm 2027',
    });
    const entry = await numbered(plan.title, { kind: 'plan', id: String(plan.id) });

    const fresh = await head.request('GET', `/api/documents/${entry.id}/signing`);
    expect(fresh.json).toMatchObject({ next: 'prepare', canPrepare: true, canSign: false, signatures: [] });

    const prepared = await clerk.request('POST', `/api/documents/${entry.id}/prepare`);
    expect(prepared.status).toBe(200);
    expect(prepared.json).toMatchObject({ next: 'sign', canSign: false, canSeal: false });
    const [toSign] = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, headId), eq(notifications.kind, 'document.to_sign')));
    expect(toSign?.title).toBe(`Văn bản ${entry.number} “${plan.title}” chờ ký số`);
    expect(toSign?.link).toBe(`/documents/${entry.id}`);

    const before = await head.request('GET', `/api/documents/${entry.id}/signing`);
    expect(before.json).toMatchObject({
      canSign: true,
      myCertificate: { subjectName: 'Nguyễn Văn A', issuerName: 'Chiso Test Root CA' },
    });

    // Sealing before the head has signed is refused.
    expect((await clerk.request('POST', `/api/documents/${entry.id}/seal`)).status).toBe(409);

    const signed = await head.request('POST', `/api/documents/${entry.id}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.json.next).toBe('seal');
    expect(signed.json.signatures).toEqual([
      expect.objectContaining({
        kind: 'person',
        signerName: 'Nguyễn Văn A',
        organisation: 'UBND tỉnh Hưng Yên',
      }),
    ]);
    expect(signed.json.signature.signatures).toEqual([
      expect.objectContaining({ signer: 'Nguyễn Văn A', intact: true, trusted: false, changesAfter: 'none' }),
    ]);
    const [toSeal] = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, clerkId), eq(notifications.kind, 'document.to_seal')));
    expect(toSeal?.title).toBe(`Văn bản ${entry.number} “${plan.title}” đã được ký: chờ văn thư đóng dấu số`);
    // A second signature by the same head is refused.
    expect((await head.request('POST', `/api/documents/${entry.id}/sign`)).status).toBe(409);

    const sealed = await clerk.request('POST', `/api/documents/${entry.id}/seal`);
    expect(sealed.status).toBe(200);
    expect(sealed.json.next).toBe('done');
    expect(
      sealed.json.signature.signatures.map((v: { intact: boolean; changesAfter: string }) => [
        v.intact,
        v.changesAfter,
      ]),
    ).toEqual([
      [true, 'signatures-only'],
      [true, 'none'],
    ]);

    expect(sealed.json.signature.verdict).toBe('untrusted');
    const pdf = await pdfOf(head, entry.id);
    expect(await pdfsigValidations(pdf)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    const text = await poppler('pdftotext', [], pdf);
    expect(text).toContain(`Số: ${entry.number}`);
    expect(text).toContain('Ký bởi: Nguyễn Văn A');
    expect(text).toContain('UBND tỉnh Hưng Yên');

    // The audit trail holds the signed PDF's hash.
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'document.seal'), eq(auditEvents.entityId, String(entry.id))));
    expect((event?.after as { sha256: string } | undefined)?.sha256).toBe(sha256);

    // Trusted once the province lists the CA as a root, without signing again.
    const settings = await admin.request('GET', '/api/signing/settings');
    await admin.upload(
      `/api/signing/trust?version=${settings.json.version}`,
      'goc.pem',
      Buffer.from(testPki().caPem),
    );
    const trusted = await head.request('GET', `/api/documents/${entry.id}/signing`);
    expect(trusted.json.signature.signatures.map((v: { trusted: boolean }) => v.trusted)).toEqual([
      true,
      true,
    ]);
    expect(trusted.json.signature.verdict).toBe('valid');

    // One byte of the signed document changed: pdfsig and Chiso both say so.
    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('Kế hoạch') > 0 ? tampered.indexOf('/Type') : 200;
    tampered[at + 1] = (tampered[at + 1] ?? 0) ^ 0x01;
    expect((await pdfsigValidations(tampered))[0]).toBe('Digest Mismatch.');
  });

  it('refuses whoever is not the unit’s own head or clerk', async () => {
    const plan = await buildPlan(t, { unitCode: COMMUNE_A, leadCode: COMMUNE_A });
    const entry = await numbered(plan.title, { kind: 'plan', id: String(plan.id) });
    await clerk.request('POST', `/api/documents/${entry.id}/prepare`);
    const headOfB = await signInAs(t, 'unit_head', COMMUNE_B);
    expect((await headOfB.request('POST', `/api/documents/${entry.id}/sign`)).status).toBe(404);
    const provinceHead = await signInAs(t, 'unit_head', '33');
    const above = await provinceHead.request('POST', `/api/documents/${entry.id}/sign`);
    expect(above.status).toBe(403);
    expect(above.json.error.message).toBe('Chỉ thủ trưởng của đơn vị ban hành ký được văn bản này.');
    const coordinator = await signInAs(t, 'coordinator', '33');
    expect((await coordinator.request('POST', `/api/documents/${entry.id}/sign`)).status).toBe(403);
    expect((await admin.request('POST', `/api/documents/${entry.id}/seal`)).status).toBe(403);
    // A head of the unit without a certificate of their own is told what to do.
    const otherHead = await signInAs(t, 'unit_head', COMMUNE_A);
    const none = await otherHead.request('POST', `/api/documents/${entry.id}/sign`);
    expect(none.status).toBe(409);
    expect(none.json.error.message).toContain('chưa có chứng thư số còn hạn');
    expect((await head.request('GET', `/api/documents/${entry.id}/signing`)).json.signatures).toEqual([]);
  });

  it('signed outside Chiso on the prepared field: taken back when it is the same document, refused otherwise', async () => {
    const entry = await numbered('Công văn về việc đôn đốc báo cáo');
    const source = await samplePdf();
    const upload = await clerk.upload(`/api/documents/${entry.id}/pdf`, 'cong-van.pdf', source);
    expect(upload.status).toBe(200);
    expect(upload.json.next).toBe('sign');
    const ready = await head.request('POST', `/api/documents/${entry.id}/outside`);
    expect(ready.json).toMatchObject({ awaitingOutside: true });
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${entry.id}/outside.pdf`,
      headers: { cookie: clerk.cookie },
    });
    expect(download.statusCode).toBe(200);
    const prepared = download.rawPayload;
    expect(prepared.subarray(0, source.length).equals(source)).toBe(true);
    // The "USB token": any PAdES signer filling the prepared field.
    const outside = await signPdf(prepared, { identity: testPki().identity, fieldName: 'ChuKySo1' });
    // A different document signed the same way is refused with the reason.
    const other = await signPdf(await samplePdf({ objectStreams: true }), { identity: testPki().identity });
    const refused = await head.upload(`/api/documents/${entry.id}/return`, 'da-ky.pdf', other);
    expect(refused.status).toBe(400);
    const altered = Buffer.from(outside);
    altered[20] = (altered[20] ?? 0) ^ 0x01;
    expect((await head.upload(`/api/documents/${entry.id}/return`, 'da-ky.pdf', altered)).status).toBe(400);

    const returned = await head.upload(`/api/documents/${entry.id}/return`, 'da-ky.pdf', outside);
    expect(returned.status).toBe(200);
    expect(returned.json).toMatchObject({ next: 'seal', awaitingOutside: false });
    expect(returned.json.signatures).toEqual([
      expect.objectContaining({ kind: 'outside', signerName: 'Nguyễn Văn A' }),
    ]);
    const sealed = await clerk.request('POST', `/api/documents/${entry.id}/seal`);
    expect(sealed.status).toBe(200);
    expect(await pdfsigValidations(await pdfOf(clerk, entry.id))).toEqual([
      'Signature is Valid.',
      'Signature is Valid.',
    ]);
  });

  it('the quarter’s list of disclosures, written by Chiso from the register’s entry, signed by the head', async () => {
    await recordObligation(
      head,
      unitA,
      { itemCode: 'HO_NGHEO', title: 'Danh sách hộ nghèo năm 2027', decisionDate: '02/11/2026' },
      [{ place: 'office', from: '04/11/2026' }],
    );
    const taken = await clerk.request('POST', '/api/documents/register', {
      unitId: unitA,
      type: 'TB',
      title: 'Danh sách thông tin đã công khai quý IV năm 2026',
      issuedOn: '2026-12-06',
      sourceKind: 'quarter_list',
      sourceId: '2026Q4',
    });
    expect(taken.status).toBe(201);
    const prepared = await head.request('POST', `/api/documents/${taken.json.id}/prepare`);
    expect(prepared.status).toBe(200);
    const signed = await head.request('POST', `/api/documents/${taken.json.id}/sign`);
    expect(signed.json.next).toBe('seal');
    const pdf = await pdfOf(head, taken.json.id);
    expect(await pdfsigValidations(pdf)).toEqual(['Signature is Valid.']);
    const text = await poppler('pdftotext', [], pdf);
    expect(text).toContain(`Số: ${taken.json.number}`);
    expect(text).toContain('Danh sách hộ nghèo năm 2027');
  });
});
