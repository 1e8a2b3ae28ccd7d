import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATITUDE, withLocation } from '../../server/feedback/feedback-fixtures.ts';
import { MIN_AGE_MS } from '../../server/feedback/pages/form-token.ts';
import {
  closesAfterSave,
  launchBrowser,
  type RunningServer,
  resizeTo,
  signInAs,
  startServer,
} from './harness.ts';

/**
 * A citizen on a cheap phone with JavaScript turned off: finds the form from the sign-in page, sends a
 * petition with a photo taken with its location to Phường Phố Hiến, is refused once and keeps what they
 * typed, presses "Gửi" twice and lands on the private page of one petition; the ward's official, on a
 * phone too, finds it in the inbox and accepts, starts and answers it through the item page; the citizen
 * reads the answer and rates it; the public page shows the rating; the stored photo has no location.
 */
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const SHOTS = '/tmp/feedback-shots';

let server: RunningServer;
let browser: Browser;
let citizen: BrowserContext;
let page: Page;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // The server's clock starts on Wednesday 2 December 2026: every step is dated that day.
  server = await startServer({ CHISO_NOW: '2026-12-02T09:00:00+07:00' });
  browser = await launchBrowser();
  citizen = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, locale: 'vi-VN' });
  page = await citizen.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * Full-page screenshots at phone and desktop width, ending at the phone's. The pages have no script
 * and no transition, so the new size is laid out at once (the harness's resizeTo waits on animation
 * frames, which a page without JavaScript never runs).
 */
async function shoot(name: string) {
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}.png`, fullPage: true });
  }
}

/** Nothing wider than the phone: the page's main column and every control inside the screen. */
async function expectFitsPhone(where: string) {
  expect(await page.evaluate<number>('document.documentElement.scrollWidth'), where).toBe(PHONE.width);
  for (const box of [await page.locator('main').boundingBox(), await page.locator('header').boundingBox()])
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width, where).toBe(true);
  // What is shown: the map point's block stays hidden without JavaScript.
  const shown = page.locator('main button:visible, main select:visible, main textarea:visible');
  for (const control of await shown.all()) {
    const box = await control.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width, where).toBe(true);
    // Touch targets a thumb can hit.
    expect(box && box.height >= 44, where).toBe(true);
  }
}

/** How wide the staff's page is laid out (no sideways scrolling). */
const staffWidth = (staff: Page) => staff.evaluate<number>('document.documentElement.scrollWidth');

/** How many lines the tracking code takes wherever the page shows it (the heading, the details). */
const linesOfCode = () =>
  page.evaluate<number[]>(`[...document.querySelectorAll('h1 .nowrap, dd.code')].map((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return range.getClientRects().length;
  })`);

/** A real JPEG (the browser's own screenshot) carrying a camera's EXIF and XMP location. */
async function photoWithLocation(): Promise<Buffer> {
  const context = await browser.newContext({ viewport: { width: 64, height: 48 } });
  const painter = await context.newPage();
  await painter.setContent('<body style="margin:0;background:linear-gradient(#f80,#08f)"></body>');
  const jpeg = await painter.screenshot({ type: 'jpeg', quality: 80 });
  await context.close();
  return withLocation(jpeg);
}

/** The form has been open long enough for a person to have read it (the server refuses a faster post). */
async function formIsOldEnough(openedAt: number) {
  await expect.poll(() => Date.now() - openedAt, { interval: 200 }).toBeGreaterThan(MIN_AGE_MS + 200);
}

describe('a citizen without an account and without JavaScript', () => {
  let code = '';
  let privateUrl = '';
  const text =
    'Cống thoát nước trước số nhà 25 phố Nguyễn Văn Linh bị tắc, mỗi lần mưa nước tràn vào nhà dân.';
  const answer = 'Phường đã cho nạo vét cống trước số nhà 25 ngày 02/12/2026; nước đã thoát bình thường.';

  it('finds the form from the sign-in page', async () => {
    const signIn = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const login = await signIn.newPage();
    await login.goto(`${server.url}/login`);
    await login.getByRole('link', { name: 'Gửi phản ánh, kiến nghị — không cần tài khoản' }).click();
    await login.waitForURL(`${server.url}/phan-anh`);
    await expect
      .poll(() => login.getByRole('heading', { level: 1 }).textContent())
      .toBe('Gửi phản ánh, kiến nghị');
    await signIn.close();
  });

  it('sends a petition with a photo; a refusal keeps everything typed but the photo', async () => {
    const photo = await photoWithLocation();
    await page.goto(`${server.url}/phan-anh`);
    const openedAt = Date.now();
    await shoot('form');
    await expectFitsPhone('the form');
    expect(await page.getByLabel('Phản ánh, kiến nghị chung').isChecked()).toBe(true);
    await page.getByLabel('Lĩnh vực').selectOption({ label: 'Hạ tầng' });
    await page.getByLabel('Xã, phường liên quan').selectOption({ label: 'Phường Phố Hiến' });
    await page.getByLabel('Nội dung').fill(text);
    await page.getByLabel('Số điện thoại').fill('0912 34 56');
    await page.getByLabel('Họ và tên').fill('Trần Thị Bình');
    await page.getByLabel('Chọn tối đa 3 ảnh (JPEG, PNG) hoặc 1 tệp PDF').setInputFiles({
      name: 'cong-tac.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    await formIsOldEnough(openedAt);
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    // The phone number is one digit short: said beside it, everything typed is still there.
    await expect
      .poll(() => page.locator('#contactPhone-error').textContent())
      .toBe('Số điện thoại không hợp lệ (ví dụ 0912345678).');
    expect(page.url()).toBe(`${server.url}/phan-anh`);
    expect(await page.getByRole('alert').first().textContent()).toContain('Chưa gửi được.');
    expect(await page.getByLabel('Nội dung').inputValue()).toBe(text);
    expect(await page.getByLabel('Lĩnh vực').inputValue()).toBe('infrastructure');
    expect(await page.getByLabel('Xã, phường liên quan').inputValue()).toBe('11953');
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Trần Thị Bình');
    expect(await page.getByLabel('Số điện thoại').inputValue()).toBe('0912 34 56');
    expect(
      await page.getByText('Ảnh, tệp đã chọn không được giữ lại sau khi gửi: hãy chọn lại.').count(),
    ).toBe(2);
    await shoot('form-refused');
    await expectFitsPhone('the form refused');

    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    await page.getByLabel('Chọn tối đa 3 ảnh (JPEG, PNG) hoặc 1 tệp PDF').setInputFiles({
      name: 'cong-tac.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    // Pressed twice, as a hurried thumb does on a slow line: the first post reaches the server and is
    // stored, but its answer is held back until "Gửi" is pressed again, so the browser drops it and
    // posts the same form a second time. The second post is answered with the first one's confirmation
    // (its code and private link), not "already used".
    let posts = 0;
    let firstAnswered = 0;
    let pressedAgain = () => {};
    const again = new Promise<void>((resolve) => {
      pressedAgain = resolve;
    });
    await page.route(`${server.url}/phan-anh`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts += 1;
      if (posts > 1) return route.continue();
      const response = await route.fetch({ maxRedirects: 0 });
      firstAnswered = response.status();
      await again;
      // The browser has given this one up for the second post.
      await route.fulfill({ response }).catch(() => undefined);
    });
    // Pressed with the mouse where the button is: a locator's click would wait for the first
    // navigation, which never finishes (its answer is held, then dropped).
    const send = page.getByRole('button', { name: 'Gửi phản ánh' });
    await send.scrollIntoViewIfNeeded();
    const box = await send.boundingBox();
    if (!box) throw new Error('no “Gửi phản ánh” button on the screen');
    const press = () => page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await press();
    await expect.poll(() => firstAnswered).toBe(303);
    await press();
    await expect.poll(() => posts).toBe(2);
    pressedAgain();
    await page.waitForURL(/\/phan-anh\/PAKN-\d{8}-[0-9A-Z]{5}\?token=[\w-]+&done=sent$/);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    privateUrl = page.url().replace('&done=sent', '');
    code = new URL(privateUrl).pathname.split('/')[2] as string;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Phản ánh ${code}`);
    expect(await page.getByRole('status').first().textContent()).toContain('Đã gửi. Hãy lưu mã theo dõi');
    expect(await page.locator('dd.code').textContent()).toBe(code);
    expect(await page.getByText(privateUrl, { exact: true }).count()).toBe(1);
    expect(await page.getByText('Đã tiếp nhận', { exact: true }).count()).toBe(1);
    await shoot('private-received');
    await expectFitsPhone('the private page');
    expect(await linesOfCode()).toEqual([1, 1]);
  });

  it('the ward’s official, on a phone, finds it in the inbox and accepts, starts and answers it', {
    timeout: 180_000,
  }, async () => {
    const official = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    official.setDefaultTimeout(60_000);
    const staff = await official.newPage();
    await signInAs(staff, server, 'baocao.phohien');
    await staff.goto(`${server.url}/feedback`);
    await staff.getByRole('heading', { name: 'Hộp phản ánh, kiến nghị' }).waitFor();
    // Sent once, though the button was pressed twice.
    const card = staff.locator(`[data-feedback="${code}"]`);
    await card.getByText('Hạ tầng').first().waitFor();
    expect(await staff.locator('[data-feedback]', { hasText: text }).count()).toBe(1);
    expect(await card.textContent()).toContain('Phường Phố Hiến');
    expect(await card.textContent()).toContain('Đã tiếp nhận');
    expect(await staffWidth(staff)).toBe(PHONE.width);
    await staff.screenshot({ path: `${SHOTS}/staff-inbox-390.png`, fullPage: true });

    await card.getByRole('link', { name: code }).click();
    await staff.getByRole('heading', { name: code }).waitFor();
    await staff.getByText(text).waitFor();
    // The photo came with it; the sender's name and number are for the staff only.
    expect(await staff.getByRole('link', { name: 'cong-tac.jpg' }).count()).toBe(1);
    const contact = staff.getByRole('region', { name: 'Người gửi và liên hệ' });
    expect(await contact.textContent()).toContain('Trần Thị Bình');
    expect(await contact.textContent()).toContain('0912345678');

    const actions = staff.getByRole('region', { name: 'Xử lý' });
    await actions.getByRole('button', { name: 'Nhận xử lý' }).click();
    await staff.getByText('Đã nhận xử lý', { exact: true }).waitFor();
    await actions.getByRole('button', { name: 'Bắt đầu xử lý' }).click();
    await staff.getByText('Đang xử lý', { exact: true }).waitFor();

    await actions.getByRole('button', { name: 'Trả lời', exact: true }).click();
    const dialog = staff.getByRole('dialog', { name: 'Trả lời người gửi' });
    await dialog.getByText('Bước này không hoàn tác được.').waitFor();
    await dialog.getByLabel('Nội dung trả lời').fill(answer);
    await dialog.getByRole('radio', { name: 'Đã giải quyết' }).check();
    expect(await dialog.getByRole('radio', { name: 'Chưa giải quyết được' }).isChecked()).toBe(false);
    expect(await staffWidth(staff)).toBe(PHONE.width);
    // Once the dialog has finished opening.
    await resizeTo(staff, PHONE);
    await staff.screenshot({ path: `${SHOTS}/staff-answer-390.png` });
    await dialog.getByRole('button', { name: 'Gửi trả lời' }).click();
    await closesAfterSave(dialog);
    await staff.getByText('Đã trả lời', { exact: true }).waitFor();
    await staff.getByText(answer).waitFor();
    const history = staff.getByRole('region', { name: 'Lịch sử xử lý' });
    expect(
      await history
        .locator('[data-event]')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-event'))),
    ).toEqual(['received', 'accept', 'start', 'answer']);
    expect(await actions.getByRole('button').allInnerTexts()).toEqual(['Đóng phản ánh']);
    // Once the dialog's overlay has faded out.
    await resizeTo(staff, PHONE);
    expect(await staffWidth(staff)).toBe(PHONE.width);
    await staff.screenshot({ path: `${SHOTS}/staff-item-390.png`, fullPage: true });
    await official.close();
  });

  it('reads the ward’s answer and rates it; the public page shows the rating', async () => {
    await page.goto(privateUrl);
    expect(await page.locator('.badge').textContent()).toBe('Đã trả lời');
    expect(await page.getByRole('region', { name: 'Trả lời của đơn vị' }).textContent()).toContain(answer);
    await shoot('private-answered');
    await expectFitsPhone('the answered page');
    expect(await linesOfCode()).toEqual([1, 1]);
    await page.getByRole('button', { name: 'Hài lòng', exact: true }).click();
    await page.waitForURL(`${privateUrl}&done=rated`);
    expect(await page.getByRole('status').first().textContent()).toBe('Đã ghi nhận đánh giá của bạn.');
    expect(await page.getByText('Bạn đã đánh giá: Hài lòng.').count()).toBe(1);

    await page.goto(`${server.url}/phan-anh/${code}`);
    const steps = page.getByRole('region', { name: 'Các bước xử lý' }).getByRole('listitem');
    expect(await steps.allInnerTexts()).toEqual([
      '02/12/2026 — Tiếp nhận — Phường Phố Hiến',
      '02/12/2026 — Đơn vị nhận xử lý',
      '02/12/2026 — Bắt đầu xử lý',
      '02/12/2026 — Trả lời',
      '02/12/2026 — Người gửi đánh giá câu trả lời\nHài lòng',
    ]);
    expect(await page.getByText('Trần Thị Bình').count()).toBe(0);
    expect(await page.getByText('Đường dẫn riêng của bạn').count()).toBe(0);
    await shoot('public-rated');
    await expectFitsPhone('the public page');
    expect(await linesOfCode()).toEqual([1, 1]);
  });

  it('the stored photo has no location, and is still the picture', async () => {
    await page.goto(privateUrl);
    const href = await page.getByRole('link', { name: 'cong-tac.jpg' }).getAttribute('href');
    const stored = Buffer.from(await (await page.request.get(`${server.url}${href}`)).body());
    expect(stored.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(stored.includes(LATITUDE)).toBe(false);
    expect(stored.includes(Buffer.from('GPSLatitude'))).toBe(false);
    // A browser still draws it, 64 × 48 turned upright by the camera's orientation (kept: only the
    // location goes).
    const viewer = await browser.newContext();
    const check = await viewer.newPage();
    await check.setContent(`<img src="data:image/jpeg;base64,${stored.toString('base64')}">`);
    await expect
      .poll(() =>
        check.evaluate<string>("document.images[0].naturalWidth + '×' + document.images[0].naturalHeight"),
      )
      .toBe('48×64');
    await viewer.close();
  });

  it('finds it in the public list by the ward and the status', async () => {
    await page.goto(`${server.url}/phan-anh/danh-sach`);
    await page.getByLabel('Xã, phường liên quan').selectOption({ label: 'Phường Phố Hiến' });
    await page.getByLabel('Trạng thái').selectOption({ label: 'Đã trả lời' });
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/communeCode=11953.*status=answered/);
    expect(await page.getByRole('link', { name: code }).count()).toBe(1);
    await shoot('list');
    await expectFitsPhone('the list');
  });
});
