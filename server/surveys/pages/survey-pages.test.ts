import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossiers, surveyResponses, surveys } from '../../db/schema/index.ts';
import { redactUrl } from '../../http/log-redaction.ts';
import { createTestApp, type TestApp, unitIdByCode } from '../../test/harness.ts';
import { citizen, ONLINE, ONLINE_STORED, walker } from '../../test/survey-citizen.ts';

/**
 * A citizen answers the satisfaction survey on a phone without JavaScript: the desk's short link, the
 * start page, one screen per element, going back, resuming on another device, a receipt's code, and
 * the flags that hold a response out without telling the citizen.
 */
let t: TestApp;
// Thursday 3 December 2026, 09:00 in Vietnam.
let now = Date.parse('2026-12-03T09:00:00+07:00');
const later = (ms: number) => {
  now += ms;
};
let sipas: number;
let base: string;
let phoHien: number;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(now) });
  const [row] = await t.database.db.select({ id: surveys.id }).from(surveys).where(eq(surveys.code, 'SIPAS'));
  sipas = row?.id ?? 0;
  base = `/khao-sat/11953/${sipas}`;
  phoHien = await unitIdByCode(t.database, '11953');
  const other = await unitIdByCode(t.database, '11977');
  const dossier = { procedureCode: 'HT-01', field: 'Hộ tịch', receivedAt: new Date('2026-11-20T02:00:00Z') };
  await t.database.db.insert(dossiers).values([
    { ...dossier, code: 'KS-ONLINE-1', unitId: phoHien, channel: 'online_full' },
    { ...dossier, code: 'KS-DIRECT-1', unitId: phoHien, channel: 'direct' },
    { ...dossier, code: 'KS-OTHER-1', unitId: other, channel: 'direct' },
  ]);
});
afterAll(() => t.close());

const { start, answer } = walker(
  () => base,
  (ms) => later(ms),
);

const responses = () => t.database.db.select().from(surveyResponses).where(eq(surveyResponses.source, 'web'));
const latest = async () => (await responses()).sort((a, b) => b.id - a.id)[0];

describe('the desk’s short link and the start page', () => {
  it('sends /ks/:unitCode to the unit’s page of the survey in use this year', async () => {
    const c = citizen(t);
    expect((await c.get('/ks/11953')).headers.location).toBe(base);
    expect((await c.get('/ks/11953?lang=en')).headers.location).toBe(`${base}?lang=en`);
    expect((await c.get('/ks/11953')).statusCode).toBe(303);
    expect((await c.get('/ks/11953?s=KHONGCO')).statusCode).toBe(404);
    expect((await c.get('/ks/99999')).statusCode).toBe(404);
  });

  it('names the unit, the time it takes, asks nothing personal, and has no script', async () => {
    const page = await citizen(t).get(base);
    expect([page.statusCode, page.headers['cache-control']]).toEqual([200, 'no-store']);
    expect(page.body).toContain('<h1>Khảo sát sự hài lòng: Phường Phố Hiến</h1>');
    expect(page.body).toContain('Mất khoảng 5 phút.');
    expect(page.body).toContain('Không hỏi họ tên, số điện thoại hay địa chỉ.');
    expect(page.body).toContain('<label for="dossierCode">Mã hồ sơ (trên giấy biên nhận)</label>');
    expect(page.body).toContain('>Bắt đầu</button>');
    expect(page.body).not.toContain('<script');
    expect(page.body).not.toMatch(/(src|href)="https?:/);
    expect(Buffer.byteLength(page.body)).toBeLessThan(12_000);
  });

  it('speaks English with ?lang=en, and its form keeps the language', async () => {
    const page = await citizen(t).get(`${base}?lang=en`);
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('<h1>Satisfaction survey: Phường Phố Hiến</h1>');
    expect(page.body).toContain(`action="${base}?lang=en"`);
  });

  it('is not found for a draft questionnaire or an unknown unit', async () => {
    const [draft] = await t.database.db
      .insert(surveys)
      .values({
        code: 'NHAP',
        revision: 1,
        nameVi: 'Nháp',
        fromYear: 2026,
        status: 'draft',
        definition: {
          code: 'NHAP',
          nameVi: 'Nháp',
          fromYear: 2026,
          toYear: null,
          status: 'unconfirmed',
          source: '',
          indexMethod: 'share',
          minRespondents: 30,
          elements: [],
          questions: [],
        },
      })
      .returning({ id: surveys.id });
    expect((await citizen(t).get(`/khao-sat/11953/${draft?.id}`)).statusCode).toBe(404);
    expect((await citizen(t).get(`/khao-sat/00000/${sipas}`)).statusCode).toBe(404);
    expect((await citizen(t).get('/khao-sat/11953/abc')).statusCode).toBe(404);
  });
});

describe('answering screen by screen', () => {
  it('walks every screen by plain form posts, goes back with answers kept, and submits once', async () => {
    const c = citizen(t);
    const started = await start(c);
    expect([started.statusCode, started.headers.location]).toEqual([303, `${base}/phan/1`]);
    const cookie = started.cookies.find((one) => one.name === 'chiso_ks');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: base });
    const draft = await latest();
    expect(draft).toMatchObject({
      status: 'draft',
      source: 'web',
      unitId: phoHien,
      answers: {},
      senderHash: null,
    });
    expect(draft?.resumeHash).toBe(
      createHash('sha256')
        .update(cookie?.value ?? '')
        .digest('hex'),
    );

    const first = await c.get(`${base}/phan/1`);
    expect(first.body).toContain('Phần 1/8');
    expect(first.body).toContain('Ông/bà đã nộp hồ sơ bằng cách nào?');
    expect(first.body).toContain(
      '<label class="check" for="q-KENH-2"><input type="radio" id="q-KENH-2" name="KENH" value="2">',
    );
    // The routing question must be answered to go on; nothing is saved.
    const refused = await c.post(`${base}/phan/1`, { action: 'next' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Hãy chọn một câu trả lời để tiếp tục.');
    expect(refused.body).not.toContain('Không có ý kiến');

    await answer(c, ONLINE.slice(0, 2));
    const third = await c.get(`${base}/phan/3`);
    expect(third.body).toContain('Phần 3/8');
    expect(third.body).toContain('<h1>Thủ tục hành chính</h1>');
    expect(third.body).not.toContain('<script');
    expect(Buffer.byteLength(third.body)).toBeLessThan(16_000);
    // The five levels in words and "no opinion", checked by default.
    for (const words of ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'])
      expect(third.body).toContain(`<span>${words}</span>`);
    expect(third.body).toContain('id="q-DV2.1-none" name="DV2.1" value="" checked');
    // "Quay lại" saves this screen and goes back; its answers are there on return.
    const back = await c.post(`${base}/phan/3`, { ...ONLINE[2], action: 'back' });
    expect(back.headers.location).toBe(`${base}/phan/2`);
    const again = await c.get(`${base}/phan/3`);
    expect(again.body).toContain('id="q-DV2.3-5" name="DV2.3" value="5" checked');
    expect((await c.get(`${base}/phan/2`)).body).toContain('id="q-DV1.5-2" name="DV1.5" value="2" checked');

    const last = await answer(c, ONLINE.slice(2), 3);
    expect(last.headers.location).toBe(`${base}/cam-on`);
    expect(last.cookies.find((one) => one.name === 'chiso_ks')?.value).toBe('');
    const thanks = await c.get(`${base}/cam-on`);
    expect(thanks.body).toContain('Phiếu đã được gửi đến Phường Phố Hiến.');

    const sent = await t.database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.id, draft?.id ?? 0));
    expect(sent[0]).toMatchObject({
      status: 'submitted',
      answers: ONLINE_STORED,
      answeredAt: new Date(now),
      resumeHash: null,
      excludedReason: null,
      excludedAt: null,
      dossierCode: null,
    });
    expect(sent[0]?.senderHash).toMatch(/^[0-9a-f]{64}$/);

    // Submitted, it cannot be changed: the old cookie opens nothing.
    const old = citizen(t);
    old.cookies.set('chiso_ks', cookie?.value ?? '');
    const change = await old.post(`${base}/phan/8`, { TIEN: '1', action: 'next' });
    expect([change.statusCode, change.headers.location]).toEqual([303, `${base}?lost=1`]);
    expect((await old.get(`${base}?lost=1`)).body).toContain('Không tìm thấy phiếu đang làm dở');
    const unchanged = await t.database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.id, draft?.id ?? 0));
    expect(unchanged[0]?.answers).toEqual(ONLINE_STORED);
  });

  it('skips a question whose condition is not met, and drops its answer when the route changes', async () => {
    const c = citizen(t);
    await start(c);
    await answer(c, ONLINE.slice(0, 2));
    const id = (await latest())?.id ?? 0;
    // Back to the first screen: applied in person after all.
    later(10_000);
    await c.post(`${base}/phan/1`, { KENH: '1', action: 'next' });
    const access = await c.get(`${base}/phan/2`);
    expect(access.body).toContain('Nơi tiếp nhận hồ sơ có biển hiệu');
    expect(access.body).not.toContain('Dịch vụ công trực tuyến dễ dùng');
    const [row] = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.id, id));
    expect(row?.answers).toEqual({
      KENH: 1,
      'DV1.1': 5,
      'DV1.2': 4,
      'DV1.3': 4,
      'DV1.4': 3,
      'DV1.GY': 'Cần thêm ghế <chờ>',
    });
  });

  it('resumes on another device by the link shown on every screen', async () => {
    const phone = citizen(t);
    await start(phone);
    await answer(phone, ONLINE.slice(0, 2));
    const screen = await phone.get(`${base}/phan/3`);
    expect(screen.body).toContain('Lưu đường dẫn này để làm tiếp:');
    const resume = screen.body.match(/href="(http:\/\/[^"]+\/tiep\?t=[^"]+)"/)?.[1] ?? '';
    expect(resume).toMatch(new RegExp(`^http://localhost(:80)?${base}/tiep\\?t=[\\w-]{32}$`));
    const computer = citizen(t);
    const opened = await computer.get(resume.replace(/^http:\/\/[^/]+/, ''));
    // On where nothing is answered yet: the third screen.
    expect([opened.statusCode, opened.headers.location]).toEqual([303, `${base}/phan/3`]);
    expect(computer.cookies.get('chiso_ks')).toBe(phone.cookies.get('chiso_ks'));
    const back = await computer.get(`${base}/phan/2`);
    expect(back.body).toContain('id="q-DV1.1-5" name="DV1.1" value="5" checked');
    // The token never reaches the request log.
    expect(redactUrl(resume.replace(/^http:\/\/[^/]+/, ''))).toBe(`${base}/tiep?[redacted]`);
    // A wrong link opens nothing.
    const wrong = await citizen(t).get(`${base}/tiep?t=khong-dung`);
    expect(wrong.headers.location).toBe(`${base}?lost=1`);
    // The start page offers to go on where the draft stands.
    expect((await computer.get(base)).body).toContain(`<a href="${base}/phan/3">Làm tiếp</a>`);
  });
});
