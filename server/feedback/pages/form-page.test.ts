import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobs, evidenceFiles, feedbackFormTokens, feedbackItems } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import {
  freshAddress,
  jpegWithLocation,
  LATITUDE,
  multipartBody,
  openCitizenForm,
  petition,
  postCitizenForm,
} from '../feedback-fixtures.ts';
import { MAX_AGE_MS, MIN_AGE_MS, RESEND_MS } from './form-token.ts';

/**
 * The citizen's form without JavaScript: what it offers, the token and honeypot that hold off scripts,
 * a refusal that keeps everything typed with the problem beside its field, and a petition sent on to
 * its private page.
 */
let t: TestApp;
// Thursday 3 December 2026, 09:00 in Vietnam.
let now = Date.parse('2026-12-03T09:00:00+07:00');
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(now) });
});
afterAll(() => t.close());

const later = (ms: number) => {
  now += ms;
};

const openForm = (url?: string, headers?: Record<string, string>) => openCitizenForm(t, url, headers);
const post = (fields: Record<string, string>, files?: { name: string; content: Buffer }[], url?: string) =>
  postCitizenForm(t, fields, files, url);

type Fields = Record<string, string> & { text: string };
const typed = () => petition({ publishName: 'true' }) as Fields;
const textarea = (body: string) => body.match(/<textarea id="text"[^>]*>([^<]*)<\/textarea>/)?.[1];
const inputValue = (body: string, id: string) =>
  body.match(new RegExp(`id="${id}" name="${id}"[^>]*value="([^"]*)"`))?.[1];
const itemCount = async () =>
  (await t.database.db.select({ id: feedbackItems.id }).from(feedbackItems)).length;

describe('the form', () => {
  it('offers the kinds, the province’s categories and its communes, in Vietnamese, never cached', async () => {
    const { page } = await openForm();
    expect([page.statusCode, page.headers['content-type'], page.headers['cache-control']]).toEqual([
      200,
      'text/html; charset=utf-8',
      'no-store',
    ]);
    expect(page.body).toContain('<html lang="vi">');
    expect(page.body).toContain('<h1>Gửi phản ánh, kiến nghị</h1>');
    expect(page.body).toContain('<option value="infrastructure">Hạ tầng</option>');
    expect(page.body).toContain('<option value="11953">Phường Phố Hiến</option>');
    const options = (select: string) =>
      [
        ...(page.body.match(new RegExp(`<select id="${select}"[\\s\\S]*?</select>`))?.[0] ?? '').matchAll(
          /<option value="([^"]*)"/g,
        ),
      ].map((m) => m[1]);
    expect(options('categoryCode')).toEqual([
      '',
      'administrative_procedures',
      'land',
      'environment',
      'order_security',
      'infrastructure',
      'social_policy',
      'official_attitude',
      'other',
    ]);
    // The province's 104 communes and wards since 1 July 2025, after the empty choice.
    expect(options('communeCode').length).toBe(1 + 104);
    expect([...page.body.matchAll(/name="kind" value="([a-z_]+)"/g)].map((m) => m[1])).toEqual([
      'pakn_regulation',
      'pakn_conduct',
      'pakn_general',
      'complaint',
      'denunciation',
    ]);
    expect(page.body).toContain(
      'id="kind-pakn_general" name="kind" value="pakn_general" aria-describedby="kind-pakn_general-hint" checked',
    );
    // Off by default: the name published, the photos' location kept.
    expect(page.body).toMatch(
      /id="publishName" name="publishName" aria-describedby="publishName-hint" value="true">/,
    );
    expect(page.body).toMatch(
      /id="keepLocation" name="keepLocation" aria-describedby="keepLocation-hint" value="true">/,
    );
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"');
    expect(page.body).toContain('<input type="text" id="website" name="website" tabindex="-1"');
    // One script only, the optional map point's (the form works without it).
    expect(page.body.match(/<script[^>]*>/g)).toEqual(['<script src="/phan-anh/vi-tri.js" defer>']);
    // The style sheet is the page's own text, not escaped (its quotes and child selectors work).
    expect(page.body).toContain('"Segoe UI"');
    expect(page.body).toContain('.card>h2:first-child{margin-top:0}');
  });

  it('speaks English when asked in the address or by the browser', async () => {
    const asked = await openForm('/phan-anh?lang=en');
    expect(asked.page.body).toContain('<html lang="en">');
    expect(asked.page.body).toContain('<h1>Send feedback or a proposal</h1>');
    expect(asked.page.body).toContain('<option value="infrastructure">Infrastructure</option>');
    expect(asked.page.body).toContain('action="/phan-anh?lang=en"');
    const browser = await openForm('/phan-anh', { 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' });
    expect(browser.page.body).toContain('<h1>Send feedback or a proposal</h1>');
    expect(browser.page.body).toContain('action="/phan-anh"');
    const vietnamese = await openForm('/phan-anh', { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.8' });
    expect(vietnamese.page.body).toContain('<html lang="vi">');
  });
});

describe('what holds scripts off', () => {
  it('refuses a post without a form token, keeping what was typed (escaped) and giving a new token', async () => {
    const before = await itemCount();
    const fields = { ...typed(), text: 'Cống <b>tràn</b> & ngập "ngõ 5" phố Hiến' };
    const reply = await post(fields);
    expect(reply.statusCode).toBe(400);
    expect(reply.body).toContain('Biểu mẫu không hợp lệ: hãy kiểm tra lại nội dung rồi bấm “Gửi phản ánh”.');
    expect(textarea(reply.body)).toBe('Cống &lt;b&gt;tràn&lt;/b&gt; &amp; ngập &quot;ngõ 5&quot; phố Hiến');
    expect(reply.body).toContain('<option value="11953" selected>Phường Phố Hiến</option>');
    expect(reply.body).toContain('<option value="infrastructure" selected>Hạ tầng</option>');
    expect(inputValue(reply.body, 'citizenName')).toBe('Nguyễn Văn An');
    expect(inputValue(reply.body, 'contactPhone')).toBe('0912 345 678');
    expect(reply.body).toMatch(
      /id="publishName" name="publishName" aria-describedby="publishName-hint" value="true" checked>/,
    );
    expect(reply.body).toMatch(/name="formToken" value="[^"]+"/);
    expect(await itemCount()).toBe(before);
  });

  it('refuses a forged or altered token', async () => {
    const { token } = await openForm();
    later(MIN_AGE_MS + 1000);
    const [issued, nonce] = token.split('.');
    const forged = `${issued}.${nonce}.${'A'.repeat(43)}`;
    const reply = await post({ ...typed(), formToken: forged });
    expect([reply.statusCode, reply.body.includes('Biểu mẫu không hợp lệ')]).toEqual([400, true]);
  });

  it('refuses a form sent within 3 seconds of being opened, keeping its token, which is good a moment later', async () => {
    const { token } = await openForm();
    later(MIN_AGE_MS - 1000);
    const fields = { ...typed(), formToken: token };
    const early = await post(fields);
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('Biểu mẫu được gửi quá nhanh');
    expect(early.body).toContain(`name="formToken" value="${token}"`);
    expect(textarea(early.body)).toBe(fields.text);
    later(1000);
    const sent = await post(fields);
    expect(sent.statusCode).toBe(303);
  });

  it('refuses a form opened more than four hours ago', async () => {
    const { token } = await openForm();
    later(MAX_AGE_MS + 1000);
    const reply = await post({ ...typed(), formToken: token });
    expect([reply.statusCode, reply.body.includes('Biểu mẫu đã mở quá lâu')]).toEqual([400, true]);
  });

  it('refuses a post whose hidden field was filled, keeping the text and emptying the hidden field', async () => {
    const before = await itemCount();
    const { token } = await openForm();
    later(MIN_AGE_MS + 2000);
    const fields = { ...typed(), formToken: token, website: 'http://spam.example' };
    const reply = await post(fields);
    expect(reply.statusCode).toBe(400);
    expect(reply.body).toContain('Không gửi được biểu mẫu: hãy kiểm tra lại rồi gửi lần nữa.');
    expect(textarea(reply.body)).toBe(fields.text);
    expect(reply.body).not.toContain('spam.example');
    expect(await itemCount()).toBe(before);
  });

  it('sends one petition per form: the token’s second use is refused', async () => {
    const { token } = await openForm();
    later(MIN_AGE_MS + 2000);
    expect((await post({ ...typed(), formToken: token })).statusCode).toBe(303);
    const again = { ...typed(), formToken: token };
    const reply = await post(again);
    expect(reply.statusCode).toBe(409);
    expect(reply.body).toContain('Biểu mẫu này đã được dùng để gửi một phản ánh.');
    expect(reply.body).not.toContain(`name="formToken" value="${token}"`);
    expect(textarea(reply.body)).toBe(again.text);
    const spent = await t.database.db
      .select()
      .from(feedbackFormTokens)
      .where(eq(feedbackFormTokens.nonce, token.split('.')[1] as string));
    expect(spent.length).toBe(1);
  });
});

describe('the same form sent twice (a double click on “Gửi”)', () => {
  const photo = () => [{ name: 'cong.jpg', content: jpegWithLocation() }];
  /** One address's posts, as one browser sends them. */
  const from =
    (address: string) =>
    (fields: Record<string, string>, files: { name: string; content: Buffer }[] = photo()) =>
      t.app.inject({
        method: 'POST',
        url: '/phan-anh',
        ...multipartBody(fields, files),
        remoteAddress: address,
      });
  const itemsOf = async (text: string) =>
    t.database.db
      .select({ code: feedbackItems.code })
      .from(feedbackItems)
      .where(eq(feedbackItems.text, text));

  it('answers the second post with the first one’s confirmation: its code and private link, one petition', async () => {
    const { token } = await openForm();
    later(MIN_AGE_MS + 1000);
    const fields = { ...typed(), formToken: token };
    const send = from(freshAddress());
    const first = await send(fields);
    later(1000);
    const second = await send(fields);
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    expect(String(first.headers.location)).toMatch(
      /^\/phan-anh\/PAKN-20261203-\w{5}\?token=[\w-]{32}&done=sent$/,
    );
    expect(second.headers.location).toBe(first.headers.location);
    const items = await itemsOf(fields.text);
    expect(items.map((item) => item.code)).toEqual([String(first.headers.location).split(/[/?]/)[2]]);
    // The link shown again opens the private page.
    const page = await t.app.inject({ url: String(second.headers.location) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Đã gửi. Hãy lưu mã theo dõi và đường dẫn riêng dưới đây');
    expect(page.body).toContain('>cong.jpg</a>');
  });

  it('gives the same confirmation to both posts arriving at once', async () => {
    const { token } = await openForm();
    later(MIN_AGE_MS + 1000);
    const fields = { ...typed(), formToken: token };
    const send = from(freshAddress());
    const [first, second] = await Promise.all([send(fields), send(fields)]);
    expect([first?.statusCode, second?.statusCode]).toEqual([303, 303]);
    expect(second?.headers.location).toBe(first?.headers.location);
    expect((await itemsOf(fields.text)).length).toBe(1);
  });

  it('still refuses the spent token from another address, with other content or files, or ten minutes on', async () => {
    const { token } = await openForm();
    later(MIN_AGE_MS + 1000);
    const fields = { ...typed(), formToken: token };
    const address = freshAddress();
    const first = await from(address)(fields);
    expect(first.statusCode).toBe(303);
    const refusedAs = async (reply: Awaited<ReturnType<typeof post>>) => [
      reply.statusCode,
      reply.body.includes('Biểu mẫu này đã được dùng để gửi một phản ánh.'),
      reply.body.includes(String(first.headers.location).split('token=')[1]?.split('&')[0] as string),
      reply.body.includes(`name="formToken" value="${token}"`),
    ];
    const refused = [409, true, false, false];
    // Same content from another address.
    expect(await refusedAs(await from(freshAddress())(fields))).toEqual(refused);
    // Same address: another text, another name, another photo, no photo.
    expect(await refusedAs(await from(address)({ ...fields, text: `${fields.text} Xin cảm ơn.` }))).toEqual(
      refused,
    );
    expect(await refusedAs(await from(address)({ ...fields, citizenName: 'Nguyễn Văn Ân' }))).toEqual(
      refused,
    );
    const other = jpegWithLocation();
    other[other.length - 3] = (other[other.length - 3] ?? 0) ^ 1;
    expect(await refusedAs(await from(address)(fields, [{ name: 'cong.jpg', content: other }]))).toEqual(
      refused,
    );
    expect(await refusedAs(await from(address)(fields, []))).toEqual(refused);
    // The same post again, ten minutes after the petition was stored.
    later(RESEND_MS);
    expect(await refusedAs(await from(address)(fields))).toEqual(refused);
    expect((await itemsOf(fields.text)).length).toBe(1);
  });
});

describe('sending', () => {
  it('goes on (303) to the private page with its tracking code; the photo is stored without its location', async () => {
    const { token } = await openForm();
    later(MIN_AGE_MS + 5000);
    const fields = { ...typed(), formToken: token };
    const reply = await post(fields, [{ name: 'den-duong.jpg', content: jpegWithLocation() }]);
    expect(reply.statusCode).toBe(303);
    const location = String(reply.headers.location);
    expect(location).toMatch(/^\/phan-anh\/PAKN-20261203-[0-9A-HJKMNP-TV-Z]{5}\?token=[\w-]+&done=sent$/);
    const code = location.split('?')[0]?.split('/')[2] as string;
    const [item] = await t.database.db.select().from(feedbackItems).where(eq(feedbackItems.code, code));
    expect([item?.text, item?.channel, item?.publishName, item?.contactPhone]).toEqual([
      fields.text,
      'web',
      true,
      '0912345678',
    ]);
    const [photo] = await t.database.db
      .select({ name: evidenceFiles.fileName, data: blobs.data })
      .from(evidenceFiles)
      .innerJoin(blobs, eq(blobs.sha256, evidenceFiles.sha256))
      .where(eq(evidenceFiles.ownerKey, String(item?.id)));
    expect(photo?.name).toBe('den-duong.jpg');
    expect(Buffer.from(photo?.data as Uint8Array).includes(LATITUDE)).toBe(false);
    const page = await t.app.inject({ url: location });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<h1>Phản ánh <span class="nowrap">${code}</span></h1>`);
    expect(page.body).toContain('Đã gửi. Hãy lưu mã theo dõi và đường dẫn riêng dưới đây');
    expect(page.body).toContain(`http://localhost:80/phan-anh/${code}?token=`);
    expect(page.body).toContain('>den-duong.jpg</a>');
  });

  it('keeps the language chosen in the address through the redirect', async () => {
    const { token } = await openForm('/phan-anh?lang=en');
    later(MIN_AGE_MS + 1000);
    const reply = await post({ ...typed(), formToken: token }, [], '/phan-anh?lang=en');
    expect(String(reply.headers.location)).toMatch(/&done=sent&lang=en$/);
  });

  it('shows each problem beside its field, focuses the first, and asks for the files again', async () => {
    const { token } = await openForm();
    later(MIN_AGE_MS + 1000);
    const fields = { ...typed(), formToken: token, text: 'Ngắn', contactPhone: '12345' };
    const reply = await post(fields, [{ name: 'anh.jpg', content: jpegWithLocation() }]);
    expect(reply.statusCode).toBe(400);
    expect(reply.body).toContain(
      '<p class="error" id="text-error">Nội dung quá ngắn: hãy viết ít nhất 10 ký tự.</p>',
    );
    expect(reply.body).toContain(
      '<p class="error" id="contactPhone-error">Số điện thoại không hợp lệ (ví dụ 0912345678).</p>',
    );
    expect(reply.body).toMatch(
      /<textarea id="text" name="text" aria-describedby="text-error text-hint" aria-invalid="true" autofocus/,
    );
    expect(reply.body).toMatch(
      /id="contactPhone" name="contactPhone" aria-describedby="contactPhone-error" aria-invalid="true" autocomplete/,
    );
    expect(reply.body.match(/ autofocus/g)?.length).toBe(1);
    expect(reply.body).toContain('Ảnh, tệp đã chọn không được giữ lại sau khi gửi: hãy chọn lại.');
    expect(textarea(reply.body)).toBe('Ngắn');
    // The good token stays: the corrected form goes at once.
    expect(reply.body).toContain(`name="formToken" value="${token}"`);
    const corrected = await post({
      ...fields,
      text: 'Đèn đường ngõ 7 hỏng từ tuần trước.',
      contactPhone: '0912345678',
    });
    expect(corrected.statusCode).toBe(303);
    expect(inputValue(reply.body, 'contactPhone')).toBe('12345');
  });

  it('refuses a program named as a photo beside the file field', async () => {
    const { token } = await openForm();
    later(MIN_AGE_MS + 1000);
    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]);
    const reply = await post({ ...typed(), formToken: token }, [{ name: 'anh.jpg', content: program }]);
    expect(reply.statusCode).toBe(400);
    expect(reply.body).toContain(
      '<p class="error" id="files-error">Tệp là chương trình hoặc mã lệnh (PE (Windows .exe/.dll)), không nhận làm minh chứng.</p>',
    );
    expect(reply.body).toContain('Ảnh, tệp đã chọn không được giữ lại sau khi gửi: hãy chọn lại.');
  });

  it('tells a complaint where it belongs', async () => {
    const { token } = await openForm();
    later(MIN_AGE_MS + 1000);
    const reply = await post({ ...typed(), formToken: token, kind: 'complaint' });
    expect(reply.statusCode).toBe(400);
    expect(reply.body).toContain(
      '<p class="error" id="kind-error">Đơn khiếu nại phải có chữ ký hoặc điểm chỉ của người khiếu nại: đơn chưa ký không được thụ lý.</p>',
    );
    expect(reply.body).toContain(
      'Khiếu nại: hãy gửi đơn có chữ ký hoặc điểm chỉ đến cơ quan đã ra quyết định',
    );
    expect(reply.body).toContain(
      'id="kind-complaint" name="kind" value="complaint" aria-describedby="kind-complaint-hint" checked autofocus',
    );
  });

  it('answers a repeat of the same text with the earlier code, and the sixth from one address is refused', async () => {
    const { token } = await openForm();
    later(MIN_AGE_MS + 1000);
    const fields = { ...typed(), formToken: token };
    const address = freshAddress();
    const send = (body: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/phan-anh', ...multipartBody(body, []), remoteAddress: address });
    const first = await send(fields);
    const code = String(first.headers.location).split('?')[0]?.split('/')[2];
    const second = await openForm();
    later(MIN_AGE_MS + 1000);
    const repeat = await send({ ...fields, formToken: second.token });
    expect(repeat.statusCode).toBe(200);
    expect(repeat.body).toContain(
      `Nội dung này đã được gửi trong ngày với mã ${code}: hãy theo dõi theo mã đó.`,
    );
    expect(repeat.body).toContain(`href="/phan-anh/${code}"`);
    for (let sent = 1; sent < 5; sent++) {
      const form = await openForm();
      later(MIN_AGE_MS + 1000);
      expect((await send({ ...typed(), formToken: form.token })).statusCode).toBe(303);
    }
    const form = await openForm();
    later(MIN_AGE_MS + 1000);
    const sixth = { ...typed(), formToken: form.token };
    const refused = await send(sixth);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Mỗi địa chỉ gửi được tối đa 5 phản ánh trong một giờ.');
    expect(textarea(refused.body)).toBe(sixth.text);
  });
});
