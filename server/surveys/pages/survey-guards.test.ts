import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, dossiers, surveyResponses, surveys } from '../../db/schema/index.ts';
import { createTestApp, type TestApp, unitIdByCode } from '../../test/harness.ts';
import {
  citizen,
  freshCitizenAddress,
  inputValue,
  ONLINE,
  ONLINE_STORED,
  walker,
} from '../../test/survey-citizen.ts';

/**
 * What the survey's public pages hold off and how: a receipt's code (one answer per dossier, the
 * unit's own, its channel known), the one-use start token, starts counted per sender and hour, and the
 * flags (a repeat the same day, too fast) that keep a response out of the figures without telling
 * anyone. Nothing about the citizen is stored beyond the answers, the code and a keyed hash.
 */
let t: TestApp;
let now = Date.parse('2026-12-03T09:00:00+07:00');
const later = (ms: number) => {
  now += ms;
};
let base: string;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(now) });
  const [row] = await t.database.db.select({ id: surveys.id }).from(surveys).where(eq(surveys.code, 'SIPAS'));
  base = `/khao-sat/11953/${row?.id}`;
  const phoHien = await unitIdByCode(t.database, '11953');
  const other = await unitIdByCode(t.database, '11977');
  const dossier = { procedureCode: 'HT-01', field: 'Hộ tịch', receivedAt: new Date('2026-11-20T02:00:00Z') };
  await t.database.db.insert(dossiers).values([
    { ...dossier, code: 'KS-ONLINE-1', unitId: phoHien, channel: 'online_full' },
    { ...dossier, code: 'KS-DIRECT-1', unitId: phoHien, channel: 'direct' },
    { ...dossier, code: 'KS-DIRECT-2', unitId: phoHien, channel: 'direct', procedureCode: 'DD-02' },
    { ...dossier, code: 'KS-OTHER-1', unitId: other, channel: 'direct' },
  ]);
});
afterAll(() => t.close());

const { start, answer } = walker(
  () => base,
  (ms) => later(ms),
);
const rows = () => t.database.db.select().from(surveyResponses).where(eq(surveyResponses.source, 'web'));
const latest = async () => (await rows()).sort((a, b) => b.id - a.id)[0];

describe('a receipt’s code', () => {
  it('ties the answer to the dossier: its channel answers the first screen, which is skipped', async () => {
    const c = citizen(t);
    const started = await start(c, { dossierCode: ' KS-ONLINE-1 ' });
    expect(started.headers.location).toBe(`${base}/phan/1`);
    expect(await latest()).toMatchObject({
      status: 'draft',
      dossierCode: 'KS-ONLINE-1',
      procedureCode: 'HT-01',
      dossierChannel: 'online_full',
      answers: { KENH: 2 },
    });
    const first = await c.get(`${base}/phan/1`);
    expect(first.body).toContain('Phần 1/7');
    expect(first.body).toContain('<h1>Tiếp cận dịch vụ</h1>');
    // Applied online (from the dossier): the online question is asked.
    expect(first.body).toContain('Dịch vụ công trực tuyến dễ dùng');
    await answer(c, ONLINE.slice(1));
    expect(await latest()).toMatchObject({
      status: 'submitted',
      answers: ONLINE_STORED,
      senderHash: null,
      excludedReason: null,
    });
  });

  it('refuses a dossier already rated, even by a draft, and lets the citizen go on without the code', async () => {
    const first = citizen(t);
    expect((await start(first, { dossierCode: 'KS-DIRECT-1' })).statusCode).toBe(303);
    const before = (await rows()).length;
    const second = citizen(t);
    const page = await second.get(base);
    later(5_000);
    const token = inputValue(page.body, 'formToken') ?? '';
    const refused = await second.post(base, { formToken: token, dossierCode: 'KS-DIRECT-1' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('<p class="error" id="dossierCode-error">Hồ sơ này đã được đánh giá.</p>');
    expect(refused.body).toContain('value="without-code"');
    expect((await second.post(base, { formToken: token, dossierCode: 'KS-ONLINE-1' })).body).toContain(
      'Hồ sơ này đã được đánh giá.',
    );
    expect((await rows()).length).toBe(before);
    // The same form, without the code.
    const going = await second.post(base, {
      formToken: inputValue(refused.body, 'formToken') ?? '',
      dossierCode: 'KS-DIRECT-1',
      action: 'without-code',
    });
    expect([going.statusCode, going.headers.location]).toEqual([303, `${base}/phan/1`]);
    expect(await latest()).toMatchObject({ dossierCode: null, answers: {} });
  });

  it('refuses a code of another unit, and one that does not exist, by name', async () => {
    const c = citizen(t);
    const other = await start(c, { dossierCode: 'KS-OTHER-1' });
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('Không tìm thấy hồ sơ mã KS-OTHER-1 của Phường Phố Hiến.');
    expect(other.body).toContain('value="KS-OTHER-1"');
    const none = await start(c, { dossierCode: 'KHONG-CO' });
    expect(none.body).toContain('Không tìm thấy hồ sơ mã KHONG-CO của Phường Phố Hiến.');
  });
});

describe('the start token', () => {
  it('refuses a start pressed sooner than a person reads, a forged token, and a token used by another device', async () => {
    const before = (await rows()).length;
    const quick = await start(citizen(t), {}, 1_000);
    expect(quick.statusCode).toBe(400);
    expect(quick.body).toContain('Ông/bà bấm nhanh quá: hãy bấm “Bắt đầu” lần nữa.');
    const forged = await citizen(t).post(base, { formToken: 'abc.def.ghi' });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('Trang đã cũ hoặc không hợp lệ');
    expect((await rows()).length).toBe(before);

    const phone = citizen(t);
    const page = await phone.get(base);
    later(4_000);
    const token = inputValue(page.body, 'formToken') ?? '';
    expect((await phone.post(base, { formToken: token })).statusCode).toBe(303);
    const replay = await citizen(t).post(base, { formToken: token });
    expect(replay.statusCode).toBe(409);
    expect(replay.body).toContain('Nút “Bắt đầu” của trang này đã được bấm.');
    // Pressed twice on the same phone: it goes on with the draft it holds.
    const twice = await phone.post(base, { formToken: token });
    expect([twice.statusCode, twice.headers.location]).toEqual([303, `${base}/phan/1`]);
    expect((await rows()).length).toBe(before + 1);
  });
});

describe('starts counted per sender and hour', () => {
  it('refuses the sixth start in an hour from one device, not one with a receipt’s code', async () => {
    const address = freshCitizenAddress();
    for (let i = 0; i < 5; i += 1) expect((await start(citizen(t, { address }))).statusCode).toBe(303);
    const sixth = await start(citizen(t, { address }));
    expect(sixth.statusCode).toBe(429);
    expect(sixth.body).toContain('Mỗi máy chỉ bắt đầu được 5 phiếu khảo sát trong một giờ.');
    expect((await start(citizen(t, { address }), { dossierCode: 'KS-DIRECT-2' })).statusCode).toBe(303);
    // Another browser behind the same address (the office's Wi-Fi) is another sender.
    expect((await start(citizen(t, { address, userAgent: 'Zalo' }))).statusCode).toBe(303);
    later(3_600_000);
    expect((await start(citizen(t, { address }))).statusCode).toBe(303);
  });
});

describe('flags, never refusals', () => {
  it('flags the same sender’s second response of the day as a repeat, and a survey answered too fast', async () => {
    const address = freshCitizenAddress();
    const thanks: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const c = citizen(t, { address });
      await start(c);
      await answer(c, ONLINE);
      thanks.push((await c.get(`${base}/cam-on`)).body);
    }
    const [second, first] = (await rows()).sort((a, b) => b.id - a.id);
    expect([first?.excludedReason, second?.excludedReason]).toEqual([null, 'repeat']);
    expect(second?.excludedAt).toEqual(new Date(now));
    expect(first?.senderHash).toBe(second?.senderHash);
    // The citizen is not told.
    expect(thanks[0]).toBe(thanks[1]);

    // 24 scored answers in 3 + 8 seconds: under 2 s each.
    const hasty = citizen(t);
    await start(hasty, {}, 3_000);
    await answer(hasty, ONLINE, 1, 1_000);
    expect(await latest()).toMatchObject({ status: 'submitted', excludedReason: 'too_fast' });
    // The next day the same sender is another hash: not a repeat.
    later(24 * 3_600_000);
    const tomorrow = citizen(t, { address });
    await start(tomorrow);
    await answer(tomorrow, ONLINE);
    const next = await latest();
    expect(next?.excludedReason).toBe(null);
    expect(next?.senderHash).not.toBe(first?.senderHash);
  });

  it('keeps nothing about the citizen: no address or browser in the response nor in the audit', async () => {
    const address = freshCitizenAddress();
    const c = citizen(t, { address, userAgent: 'DienThoaiRe/1.0' });
    await start(c);
    await answer(c, ONLINE);
    const row = await latest();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(address);
    expect(stored).not.toContain('DienThoaiRe');
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(row?.id)));
    expect(events.map((event) => [event.action, event.ip])).toEqual([
      ['survey.public.start', null],
      ...Array(7).fill(['survey.public.save', null]),
      ['survey.public.submit', null],
    ]);
    expect(JSON.stringify(events)).not.toContain(address);
  });
});
