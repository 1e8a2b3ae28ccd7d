import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blobs,
  evidenceFiles,
  feedbackItems,
  feedbackSubmissionCounts,
  notifications,
} from '../db/schema/index.ts';
import { signInAs } from '../test/factories.ts';
import { buildUser, createTestApp, type TestApp, unitIdByCode } from '../test/harness.ts';
import {
  freshAddress,
  jpegWithLocation,
  LATITUDE,
  petition,
  submitJson,
  submitMultipart,
  XMP_LOCATION,
} from './feedback-fixtures.ts';
import { sha256 } from './feedback-intake.ts';

/** The citizen's door: sending without an account, what is refused, and the flood and repeat guards. */
let t: TestApp;
// Thursday 3 December 2026, 09:00 in Vietnam.
let now = '2026-12-03T09:00:00+07:00';
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(now) });
});
afterAll(() => t.close());

const stored = async (code: string) => {
  const [row] = await t.database.db.select().from(feedbackItems).where(eq(feedbackItems.code, code));
  if (!row) throw new Error(`no item ${code}`);
  return row;
};

describe('a citizen sends a petition without an account', () => {
  it('gets a tracking code and a private link; only the token’s hash is stored; the commune is told', async () => {
    const communeId = await unitIdByCode(t.database, '11953');
    const staff = await buildUser(t.database, [{ role: 'unit_reporter', unitCode: '11953' }]);
    const sent = await submitJson(t, petition({ publishName: true }));
    expect(sent.status).toBe(201);
    expect(sent.json.code).toMatch(/^PAKN-20261203-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(sent.json.link).toBe(`/phan-anh/${sent.json.code}?token=${sent.json.token}`);
    expect(sent.json.status).toBe('received');
    expect(sent.json.id).toBeUndefined();
    expect(sent.json.procedure).toBe('petition');
    // 15 working days (the province's default answer clock) after Thursday 3 December 2026.
    expect(sent.json.dueOn).toBe('2026-12-24');
    const row = await stored(sent.json.code);
    expect(row.tokenHash).toBe(sha256(sent.json.token));
    expect(JSON.stringify(row)).not.toContain(sent.json.token);
    expect(row.handlingUnitId).toBe(communeId);
    expect(row.channel).toBe('web');
    expect(row.contactPhone).toBe('0912345678');
    // The name is published because the citizen said so; the contact never is.
    const page = await t.app.inject({ url: `/api/public/feedback/${sent.json.code}` });
    expect([page.json().citizenName, page.body.includes('0912345678')]).toEqual(['Nguyễn Văn An', false]);
    const told = await t.database.db.select().from(notifications).where(eq(notifications.userId, staff.id));
    expect(told.map((n) => [n.kind, n.title, n.link])).toEqual([
      ['feedback.received', `Phản ánh mới ${sent.json.code}`, `/feedback/${row.id}`],
    ]);
  });

  it('lands with the unit the routing table names: the most specific line, else the commune', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const department = await unitIdByCode(t.database, '33.SNV');
    const province = await unitIdByCode(t.database, '33');
    const communeA = await unitIdByCode(t.database, '11953');
    const communeB = await unitIdByCode(t.database, '11977');
    const form = (await coordinator.request('GET', '/api/feedback/routing')).json;
    expect([form.rules, form.version, form.categories.length]).toEqual([[], 0, 8]);
    const repeated = await coordinator.request('PUT', '/api/feedback/routing', {
      rules: [
        { categoryCode: 'land', unitId: null, handlingUnitId: department },
        { categoryCode: 'land', unitId: null, handlingUnitId: province },
      ],
      version: form.version,
    });
    expect([repeated.status, repeated.json.error.details.fields[0].path]).toEqual([400, 'rules.1']);
    const saved = await coordinator.request('PUT', '/api/feedback/routing', {
      rules: [
        { categoryCode: 'land', unitId: null, handlingUnitId: department },
        { categoryCode: 'land', unitId: communeA, handlingUnitId: communeA },
        { categoryCode: null, unitId: communeB, handlingUnitId: province },
      ],
      version: form.version,
    });
    expect(saved.status).toBe(200);
    expect(
      saved.json.rules.map(
        (rule: { unitName: string | null; handlingUnitName: string }) => rule.handlingUnitName,
      ),
    ).toEqual(['Sở Nội vụ', 'Phường Phố Hiến', 'Ủy ban nhân dân tỉnh Hưng Yên']);
    const where = async (categoryCode: string, communeCode: string) =>
      (await stored((await submitJson(t, petition({ categoryCode, communeCode }))).json.code)).handlingUnitId;
    // Land anywhere goes to the department, but land in commune A stays there (category and commune).
    expect(await where('land', '11980')).toBe(department);
    expect(await where('land', '11953')).toBe(communeA);
    // Anything about commune B goes to the province (commune beats category); no line: the commune.
    expect(await where('land', '11977')).toBe(province);
    expect(await where('infrastructure', '11980')).toBe(await unitIdByCode(t.database, '11980'));
    const stale = await coordinator.request('PUT', '/api/feedback/routing', {
      rules: [],
      version: form.version,
    });
    expect(stale.status).toBe(409);
    const undo = await coordinator.request('PUT', '/api/feedback/routing', {
      rules: [],
      version: saved.json.version,
    });
    expect([undo.status, undo.json.rules]).toEqual([200, []]);
  });

  it('refuses a commune of another province by name, and an unknown code', async () => {
    const other = await submitJson(t, petition({ communeCode: '00004' }));
    expect(other.status).toBe(400);
    expect(other.json.error.message).toBe(
      'Phường Ba Đình thuộc Thành phố Hà Nội, không thuộc Tỉnh Hưng Yên: hãy gửi phản ánh đến Thành phố Hà Nội.',
    );
    expect(other.json.error.details.fields[0].path).toBe('communeCode');
    const english = await t.app.inject({
      method: 'POST',
      url: '/api/public/feedback',
      headers: { 'x-chiso-locale': 'en' },
      payload: petition({ communeCode: '00004' }),
      remoteAddress: freshAddress(),
    });
    expect(english.json().error.message).toBe(
      'Phường Ba Đình belongs to Thành phố Hà Nội, not to Tỉnh Hưng Yên: send the petition to Thành phố Hà Nội.',
    );
    const unknown = await submitJson(t, petition({ communeCode: '99999' }));
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toBe('Không có xã, phường với mã này trong tỉnh.');
  });

  it('says in Vietnamese what is missing', async () => {
    const short = await submitJson(t, petition({ text: 'Hỏng' }));
    expect(short.status).toBe(400);
    expect(short.json.error.message).toBe('text: Nội dung quá ngắn: hãy viết ít nhất 10 ký tự.');
    const phone = await submitJson(t, petition({ contactPhone: '12ab' }));
    expect(phone.json.error.message).toBe('contactPhone: Số điện thoại không hợp lệ (ví dụ 0912345678).');
  });
});

describe('the kinds told apart at intake', () => {
  it('a complaint sent on the web is unsigned: the citizen is told it needs a signed petition', async () => {
    const sent = await submitJson(t, petition({ kind: 'complaint' }));
    expect(sent.status).toBe(400);
    expect(sent.json.error.message).toBe(
      'Đơn khiếu nại phải có chữ ký hoặc điểm chỉ của người khiếu nại: đơn chưa ký không được thụ lý.',
    );
    expect(sent.json.error.details.refusal).toBe('unsigned_complaint');
    expect(sent.json.error.details.basis).toBe('Luật Khiếu nại 2011, Điều 8 khoản 2, Điều 11');
  });

  it('an anonymous denunciation is not processed as one; a named one goes to its own procedure and clock', async () => {
    const anonymous = await submitJson(
      t,
      petition({ kind: 'denunciation', citizenName: null, contactPhone: null }),
    );
    expect(anonymous.status).toBe(400);
    expect(anonymous.json.error.details.refusal).toBe('anonymous_denunciation');
    const named = await submitJson(t, petition({ kind: 'denunciation' }));
    expect(named.status).toBe(201);
    expect(named.json.procedure).toBe('denunciation');
    // Initial processing: 7 working days (Luật Tố cáo 2018, Điều 24).
    expect(named.json.dueOn).toBe('2026-12-14');
    expect((await stored(named.json.code)).dueBasis).toBe('Luật Tố cáo 2018, Điều 24 khoản 1');
    // It names people: no public page, no place in the public list; its sender reads it.
    expect((await t.app.inject({ url: `/api/public/feedback/${named.json.code}` })).statusCode).toBe(404);
    const own = await t.app.inject({
      url: `/api/public/feedback/${named.json.code}?token=${named.json.token}`,
    });
    expect([own.statusCode, own.json().procedure]).toEqual([200, 'denunciation']);
    const list = (await t.app.inject({ url: '/api/public/feedback?perPage=100' })).json();
    expect(list.items.map((item: { code: string }) => item.code)).not.toContain(named.json.code);
  });

  it('staff enter a signed complaint from paper: its acceptance clock; a mixed text must be split', async () => {
    const reporter = await signInAs(t, 'unit_reporter', '11953');
    const complaint = await reporter.request('POST', '/api/feedback', {
      ...petition({ kind: 'complaint' }),
      channel: 'paper',
      signed: true,
    });
    expect(complaint.status).toBe(201);
    expect(complaint.json.procedure).toBe('complaint');
    // Acceptance: 7 working days from 1 July 2026.
    expect(complaint.json.dueOn).toBe('2026-12-14');
    const row = await stored(complaint.json.code);
    expect([row.channel, row.createdBy !== null]).toEqual(['paper', true]);
    const mixed = await reporter.request('POST', '/api/feedback', {
      ...petition({ kind: 'complaint' }),
      channel: 'hotline',
      signed: true,
      mixed: true,
    });
    expect(mixed.status).toBe(400);
    expect(mixed.json.error.details.refusal).toBe('split');
    // Another commune's paper is not this commune's to enter.
    const elsewhere = await reporter.request('POST', '/api/feedback', {
      ...petition({ communeCode: '11977' }),
      channel: 'paper',
    });
    expect(elsewhere.status).toBe(403);
  });
});

describe('floods and repeats', () => {
  it('answers the same text about the same commune within a day with the earlier code', async () => {
    const body = petition();
    const first = await submitJson(t, body);
    const again = await submitJson(t, body);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({
      duplicate: true,
      code: first.json.code,
      message: `Nội dung này đã được gửi trong ngày với mã ${first.json.code}: hãy theo dõi theo mã đó.`,
    });
    const same = await t.database.db.select().from(feedbackItems).where(eq(feedbackItems.text, body.text));
    expect(same.length).toBe(1);
    try {
      // A day and an hour later it is a new petition.
      now = '2026-12-04T10:00:00+07:00';
      const later = await submitJson(t, body);
      expect([later.status, later.json.code.startsWith('PAKN-20261204-')]).toEqual([201, true]);
    } finally {
      now = '2026-12-03T09:00:00+07:00';
    }
  });

  it('takes 5 submissions an hour from one address; the sixth is 429 with when to retry', async () => {
    const address = freshAddress();
    for (let n = 1; n <= 5; n++) expect((await submitJson(t, petition(), address)).status).toBe(201);
    const sixth = await submitJson(t, petition(), address);
    expect(sixth.status).toBe(429);
    expect(sixth.json.error.code).toBe('RATE_LIMITED');
    // 09:00 → the hour ends at 10:00.
    expect(sixth.headers['retry-after']).toBe('3600');
    expect((await submitJson(t, petition())).status).toBe(201);
    // The counter keeps no plain hash of the address: an HMAC under the installation's own key.
    const rows = await t.database.db.select().from(feedbackSubmissionCounts);
    const plain = createHash('sha256').update(`feedback:${address}`).digest('hex');
    const bare = createHash('sha256').update(address).digest('hex');
    expect(rows.some((row) => row.addressHash === plain || row.addressHash === bare)).toBe(false);
    expect(rows.map((row) => row.count).sort((a, b) => b - a)[0]).toBe(5);
  });
});

describe('attachments', () => {
  const fields = () => {
    const { citizenName, contactPhone, ...rest } = petition();
    return { ...rest, citizenName: String(citizenName), contactPhone: String(contactPhone) } as Record<
      string,
      string
    >;
  };
  const blobOf = async (code: string) => {
    const row = await stored(code);
    const files = await t.database.db
      .select({ name: evidenceFiles.fileName, data: blobs.data })
      .from(evidenceFiles)
      .innerJoin(blobs, eq(blobs.sha256, evidenceFiles.sha256))
      .where(eq(evidenceFiles.ownerKey, String(row.id)));
    return files;
  };

  it('strips a photo’s location unless the citizen keeps it; the orientation stays', async () => {
    const photo = jpegWithLocation();
    const stripped = await submitMultipart(t, fields(), [{ name: 'den.jpg', content: photo }]);
    expect(stripped.status).toBe(201);
    const [kept] = await blobOf(stripped.json.code);
    expect(kept?.name).toBe('den.jpg');
    const data = kept?.data as Buffer;
    expect(data.includes(LATITUDE)).toBe(false);
    expect(data.includes(Buffer.from(XMP_LOCATION))).toBe(false);
    expect(data.includes(Buffer.from([0x88, 0x25]))).toBe(false);
    expect(data.includes(Buffer.from([0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06]))).toBe(
      true,
    );
    const asked = await submitMultipart(t, { ...fields(), keepLocation: 'on' }, [
      { name: 'den.jpg', content: photo },
    ]);
    const [original] = await blobOf(asked.json.code);
    expect(original?.data.equals(photo)).toBe(true);
  });

  it('refuses a program named .jpg, a file over 5 MB, and a PDF with photos; nothing is stored', async () => {
    const before = await t.database.db.select().from(feedbackItems);
    const program = await submitMultipart(t, fields(), [
      { name: 'anh.jpg', content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]) },
    ]);
    expect(program.status).toBe(400);
    expect(program.json.error.message).toBe(
      'Tệp là chương trình hoặc mã lệnh (PE (Windows .exe/.dll)), không nhận làm minh chứng.',
    );
    const big = Buffer.concat([jpegWithLocation(), Buffer.alloc(5 * 1024 * 1024)]);
    const oversize = await submitMultipart(t, fields(), [{ name: 'to.jpg', content: big }]);
    expect(oversize.status).toBe(413);
    expect(oversize.json.error.message).toBe('Mỗi tệp đính kèm tối đa 5 MB.');
    const pdf = Buffer.from('%PDF-1.4\n%%EOF');
    const mixed = await submitMultipart(t, fields(), [
      { name: 'don.pdf', content: pdf },
      { name: 'den.jpg', content: jpegWithLocation() },
    ]);
    expect(mixed.status).toBe(400);
    expect(mixed.json.error.message).toBe('Tối đa 3 ảnh hoặc 1 tệp PDF.');
    const four = await submitMultipart(
      t,
      fields(),
      [1, 2, 3, 4].map((n) => ({ name: `${n}.jpg`, content: jpegWithLocation() })),
    );
    expect(four.status).toBe(400);
    expect((await t.database.db.select().from(feedbackItems)).length).toBe(before.length);
  });
});

describe('the exact place', () => {
  it('is kept for the unit and the sender, never on the public page or list', async () => {
    const place = 'Ngõ 7 đường Bãi Sậy, trước nhà văn hóa tổ dân phố 2';
    const sent = await submitJson(t, petition({ placeText: `  ${place}  ` }));
    expect(sent.status).toBe(201);
    expect((await stored(sent.json.code)).placeText).toBe(place);
    const reporter = await signInAs(t, 'unit_reporter', '11953');
    const [row] = (await reporter.request('GET', `/api/feedback?q=${sent.json.code}`)).json.items;
    expect((await reporter.request('GET', `/api/feedback/${row.id}`)).json).toMatchObject({
      placeText: place,
      lat: null,
      lng: null,
    });
    const shown = await t.app.inject({ url: `/api/public/feedback/${sent.json.code}` });
    expect(shown.body).not.toContain('Bãi Sậy, trước nhà văn hóa');
    const page = await t.app.inject({ url: `/phan-anh/${sent.json.code}` });
    expect(page.body).not.toContain('Bãi Sậy, trước nhà văn hóa');
    // Too long is refused in words, naming the field.
    const long = await submitJson(t, petition({ placeText: 'x'.repeat(301) }));
    expect(long.status).toBe(400);
    expect(long.json.error.details.fields[0]).toMatchObject({ path: 'placeText' });
  });
});
