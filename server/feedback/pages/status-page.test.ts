import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackItems } from '../../db/schema/index.ts';
import { signInAs } from '../../test/factories.ts';
import { createTestApp, type Session, type TestApp } from '../../test/harness.ts';
import { expectCachedPage } from '../../test/public-cache-check.ts';
import { freshAddress, petition, sendPetition, submitJson, takeStep } from '../feedback-fixtures.ts';

/**
 * An item's page without JavaScript: what the public reads (never a contact, the name only if
 * allowed), the private link's forms (rate, reopen, add information) posted as plain forms that go
 * back to the page, a wrong link shown as the public page, and the public list with its filters. The
 * public page and the list are cached until feedback changes; the private page never is.
 */
let t: TestApp;
let now = '2026-12-03T09:00:00+07:00';
let reporter: Session;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(now) });
  reporter = await signInAs(t, 'unit_reporter', '11953');
});
afterAll(() => t.close());

const send = (overrides: Record<string, unknown> = {}) => sendPetition(t, overrides);

const act = (id: number, body: Record<string, unknown>) => takeStep(reporter, id, body);

async function answered() {
  const item = await send();
  await act(item.id, { type: 'accept' });
  await act(item.id, { type: 'answer', outcome: 'resolved', answer: 'Đã thay bóng đèn ngày 03/12/2026.' });
  return item;
}

const page = (url: string) => t.app.inject({ url });
/** A plain form post (urlencoded), as a browser without JavaScript sends it. */
const postForm = (url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
    remoteAddress: freshAddress(),
  });
const privateUrl = (item: { code: string; token: string }) => `/phan-anh/${item.code}?token=${item.token}`;

describe('the public page', () => {
  it('shows the text, unit, steps with their dates; never the contact, nor the name unless allowed', async () => {
    const hidden = await send({ contactEmail: 'an@example.vn' });
    const shown = await send({ publishName: true });
    const hiddenPage = await page(`/phan-anh/${hidden.code}`);
    expect([hiddenPage.statusCode, hiddenPage.headers['cache-control']]).toEqual([200, 'public, max-age=60']);
    expect(hiddenPage.body).toContain(`<h1>Phản ánh <span class="nowrap">${hidden.code}</span></h1>`);
    expect(hiddenPage.body).toContain('<dt>Người gửi</dt><dd>Không công khai</dd>');
    expect(hiddenPage.body).toContain('<dt>Đơn vị xử lý</dt><dd>Phường Phố Hiến</dd>');
    expect(hiddenPage.body).toContain('<dt>Ngày tiếp nhận</dt><dd>03/12/2026</dd>');
    expect(hiddenPage.body).toContain('<dt>Hạn trả lời</dt><dd>24/12/2026</dd>');
    expect(hiddenPage.body).toContain('<li><strong>03/12/2026</strong> — Tiếp nhận — Phường Phố Hiến</li>');
    for (const secret of ['Nguyễn Văn An', '0912345678', '0912 345 678', 'an@example.vn', hidden.token])
      expect(hiddenPage.body).not.toContain(secret);
    expect(hiddenPage.body).not.toContain('/danh-gia');
    const shownPage = await page(`/phan-anh/${shown.code}`);
    expect(shownPage.body).toContain('<dt>Người gửi</dt><dd>Nguyễn Văn An</dd>');
    expect(shownPage.body).not.toContain('0912345678');
  });

  it('keeps the outcome apart from the status: closed without an answer is not resolved', async () => {
    const item = await send();
    await act(item.id, {
      type: 'not_competent',
      forwardedTo: 'Công an tỉnh Hưng Yên',
      reason: 'Việc thuộc thẩm quyền công an',
    });
    const body = (await page(`/phan-anh/${item.code}`)).body;
    expect(body).toContain('<dt>Trạng thái</dt><dd><span class="badge">Đã đóng</span></dd>');
    expect(body).toContain('<dt>Kết quả</dt><dd>Không thuộc thẩm quyền</dd>');
    expect(body).toContain('<dt>Cơ quan có thẩm quyền</dt><dd>Công an tỉnh Hưng Yên</dd>');
    expect(body).not.toContain('Đã giải quyết');
  });

  it('with a wrong token shows the public page, saying only that the link is not valid', async () => {
    const item = await answered();
    const reply = await page(`/phan-anh/${item.code}?token=${'x'.repeat(32)}`);
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toContain('Liên kết không hợp lệ. Đây là trang công khai của phản ánh.');
    expect(reply.body).not.toContain('Đánh giá câu trả lời');
    expect(reply.body).not.toContain('Đường dẫn riêng của bạn');
  });

  it('answers an unknown code, and any other path under /phan-anh/, with a 404 page of its own', async () => {
    const unknown = await page('/phan-anh/PAKN-20261203-ZZZZZ');
    expect([unknown.statusCode, unknown.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    expect(unknown.body).toContain('Không có phản ánh với mã này.');
    const other = await page('/phan-anh/PAKN-20261203-ZZZZZ/tep');
    expect([other.statusCode, other.body.includes('<h1>Không tìm thấy</h1>')]).toEqual([404, true]);
    const slash = await page('/phan-anh/');
    expect([slash.statusCode, slash.headers.location]).toEqual([301, '/phan-anh']);
  });

  it('is served from the cache until the item moves on: then the next reader sees the answer', async () => {
    const item = await send();
    const url = `/phan-anh/${item.code}`;
    const received = await expectCachedPage(t, url);
    expect(received.body).toContain('<dt>Trạng thái</dt><dd><span class="badge">Đã tiếp nhận</span></dd>');
    await act(item.id, { type: 'accept' });
    await act(item.id, { type: 'answer', outcome: 'resolved', answer: 'Đã thay bóng đèn ngày 03/12/2026.' });
    const answered = await expectCachedPage(t, url);
    expect(answered.headers.etag).not.toBe(received.headers.etag);
    expect(answered.body).toContain('<dt>Trạng thái</dt><dd><span class="badge">Đã trả lời</span></dd>');
    expect(answered.body).toContain('<p class="text">Đã thay bóng đèn ngày 03/12/2026.</p>');
    // The reader who kept the old page gets the new one, not a 304.
    const kept = await t.app.inject({ url, headers: { 'if-none-match': String(received.headers.etag) } });
    expect(kept.statusCode).toBe(200);
    // The private page is the sender's alone: never cached, never the public entry.
    const mine = await page(privateUrl(item));
    expect([mine.headers['cache-control'], mine.headers.etag]).toEqual(['no-store', undefined]);
    expect(mine.body).toContain('Đường dẫn riêng của bạn');
    // Nor is the public page shown for a wrong token.
    const wrong = await page(`${url}?token=${'x'.repeat(32)}`);
    expect(wrong.headers['cache-control']).toBe('no-store');
  });

  it('is not shown for a denunciation without its private link', async () => {
    const sent = await submitJson(t, petition({ kind: 'denunciation' }));
    expect(sent.status).toBe(201);
    expect((await page(`/phan-anh/${sent.json.code}`)).statusCode).toBe(404);
    expect((await page(`/phan-anh/${sent.json.code}?token=${sent.json.token}`)).statusCode).toBe(200);
  });
});

describe('the private page’s forms', () => {
  it('rates the answer: back (303) to the page with a message; the public page shows the rating step', async () => {
    const item = await answered();
    const before = await page(privateUrl(item));
    expect(before.body).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(before.body).toContain('<p class="text">Đã thay bóng đèn ngày 03/12/2026.</p>');
    expect(before.body).toContain('<button type="submit" name="rating" value="satisfied">Hài lòng</button>');
    const rated = await postForm(`/phan-anh/${item.code}/danh-gia`, {
      token: item.token,
      rating: 'satisfied',
    });
    expect(rated.statusCode).toBe(303);
    expect(rated.headers.location).toBe(`/phan-anh/${item.code}?token=${item.token}&done=rated`);
    const after = await page(String(rated.headers.location));
    expect(after.body).toContain('Đã ghi nhận đánh giá của bạn.');
    expect(after.body).toContain('Bạn đã đánh giá: <strong>Hài lòng</strong>.');
    const open = await page(`/phan-anh/${item.code}`);
    expect(open.body).toContain(
      '<li><strong>03/12/2026</strong> — Người gửi đánh giá câu trả lời<br><span class="text">Hài lòng</span></li>',
    );
  });

  it('reopens once within 30 days, with a reason: refused without one, keeping the page', async () => {
    const item = await answered();
    const empty = await postForm(`/phan-anh/${item.code}/mo-lai`, { token: item.token, reason: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<p class="error" id="reason-error">Hãy nêu lý do mở lại.</p>');
    expect(empty.body).toContain('mở lại một lần, đến hết ngày 02/01/2027.');
    const reason = 'Đèn lại hỏng <ngay> hôm sau';
    const reopened = await postForm(`/phan-anh/${item.code}/mo-lai`, { token: item.token, reason });
    expect([reopened.statusCode, reopened.headers.location]).toEqual([
      303,
      `/phan-anh/${item.code}?token=${item.token}&done=reopened`,
    ]);
    const after = await page(String(reopened.headers.location));
    expect(after.body).toContain('Phản ánh đã được mở lại; đơn vị sẽ xử lý tiếp.');
    expect(after.body).toContain('<dt>Trạng thái</dt><dd><span class="badge">Đang xử lý</span></dd>');
    expect(after.body).toContain(
      'Người gửi mở lại<br><span class="text">Đèn lại hỏng &lt;ngay&gt; hôm sau</span>',
    );
    expect(after.body).not.toContain('Lý do mở lại');
  });

  it('refuses a reopen after 30 days, saying why', async () => {
    const item = await answered();
    now = '2027-01-04T09:00:00+07:00';
    try {
      const page30 = await page(privateUrl(item));
      expect(page30.body).not.toContain('Lý do mở lại');
      const late = await postForm(`/phan-anh/${item.code}/mo-lai`, { token: item.token, reason: 'Vẫn hỏng' });
      expect(late.statusCode).toBe(409);
      expect(late.body).toContain('Chỉ mở lại được trong 30 ngày kể từ khi có trả lời.');
    } finally {
      now = '2026-12-03T09:00:00+07:00';
    }
  });

  it('adds what the unit asked for', async () => {
    const item = await send();
    await act(item.id, { type: 'ask_info', question: 'Đèn ở số nhà nào?' });
    const asked = await page(privateUrl(item));
    expect(asked.body).toContain(
      'Đơn vị đề nghị bổ sung thông tin<br><span class="text">Đèn ở số nhà nào?</span>',
    );
    expect((await page(`/phan-anh/${item.code}`)).body).not.toContain('Đèn ở số nhà nào?');
    // Asked on Thursday 3 December, answered on Tuesday 8: the clock stood still for 3 working days.
    const asked3 = now;
    now = '2026-12-08T09:00:00+07:00';
    const replied = await postForm(`/phan-anh/${item.code}/bo-sung`, {
      token: item.token,
      text: 'Trước số nhà 12',
    }).finally(() => {
      now = asked3;
    });
    expect([replied.statusCode, replied.headers.location]).toEqual([
      303,
      `/phan-anh/${item.code}?token=${item.token}&done=replied`,
    ]);
    const after = await page(String(replied.headers.location));
    expect(after.body).toContain(
      'Người gửi bổ sung thông tin<br><span class="text">Trước số nhà 12</span><br>Hạn mới: 29/12/2026</li>',
    );
    expect(after.body).toContain('<dt>Trạng thái</dt><dd><span class="badge">Đã nhận xử lý</span></dd>');
  });

  it('with a wrong token refuses the step (403) and shows the public page', async () => {
    const item = await answered();
    const reply = await postForm(`/phan-anh/${item.code}/danh-gia`, {
      token: 'y'.repeat(32),
      rating: 'satisfied',
    });
    expect(reply.statusCode).toBe(403);
    expect(reply.body).toContain('Liên kết không hợp lệ.');
    const [row] = await t.database.db.select().from(feedbackItems).where(eq(feedbackItems.id, item.id));
    expect(row?.rating).toBeNull();
  });

  it('speaks English with ?lang=en, and the redirect keeps it', async () => {
    const item = await answered();
    const english = await page(`${privateUrl(item)}&lang=en`);
    expect(english.body).toContain(`<h1>Petition <span class="nowrap">${item.code}</span></h1>`);
    expect(english.body).toContain('<dt>Status</dt><dd><span class="badge">Answered</span></dd>');
    expect(english.body).toContain(`action="/phan-anh/${item.code}/danh-gia?lang=en"`);
    const rated = await postForm(`/phan-anh/${item.code}/danh-gia?lang=en`, {
      token: item.token,
      rating: 'not_satisfied',
    });
    expect(rated.headers.location).toBe(`/phan-anh/${item.code}?token=${item.token}&done=rated&lang=en`);
  });
});

describe('the public list', () => {
  it('filters by commune, category and status with GET fields, pages with links, and shows no names', async () => {
    const sent = [];
    for (let index = 0; index < 3; index++)
      sent.push(await send({ communeCode: '11977', categoryCode: 'environment', publishName: true }));
    const first = await page('/phan-anh/danh-sach?communeCode=11977&categoryCode=environment&perPage=2');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('<option value="11977" selected>Xã Tân Hưng</option>');
    expect(first.body).toContain('<option value="environment" selected>Môi trường</option>');
    expect(first.body).toContain('Trang 1/2 · 3 phản ánh');
    expect(first.body).toContain(
      'href="/phan-anh/danh-sach?communeCode=11977&amp;categoryCode=environment&amp;perPage=2&amp;page=2" rel="next"',
    );
    expect(first.body).not.toContain('Nguyễn Văn An');
    const codes = (body: string) => [...body.matchAll(/class="code">(PAKN-[^<]+)</g)].map((m) => m[1]);
    const second = await page(
      '/phan-anh/danh-sach?communeCode=11977&categoryCode=environment&perPage=2&page=2',
    );
    expect([...codes(first.body), ...codes(second.body)].sort()).toEqual(
      sent.map((item) => item.code).sort(),
    );
    expect(second.body).toContain('rel="prev"');
    const answeredOnes = await page('/phan-anh/danh-sach?communeCode=11977&status=answered');
    expect(answeredOnes.body).toContain('Không có phản ánh nào phù hợp.');
  });

  it('is served from the cache until a petition arrives or moves on', async () => {
    const url = '/phan-anh/danh-sach?communeCode=11953&categoryCode=order_security';
    const before = await expectCachedPage(t, url);
    const item = await send({ communeCode: '11953', categoryCode: 'order_security' });
    const after = await expectCachedPage(t, url);
    expect(before.body).not.toContain(item.code);
    expect(after.body).toContain(`class="code">${item.code}</a>`);
    await act(item.id, { type: 'accept' });
    const accepted = await page(`${url}&status=accepted`);
    expect(accepted.body).toContain(`class="code">${item.code}</a>`);
  });

  it('ignores a filter value it does not know rather than failing', async () => {
    const reply = await page('/phan-anh/danh-sach?status=fixed&page=-3&communeCode=11977');
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toContain('<option value="11977" selected>Xã Tân Hưng</option>');
    expect(reply.body).toContain('<option value="" selected>Tất cả trạng thái</option>');
  });
});
