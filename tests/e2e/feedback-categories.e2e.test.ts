import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

/**
 * The province keeps its own list of categories: the admin adds one on the feedback settings screen,
 * moves it to the top, retires "Khác", adds and deletes a spare one behind the confirmation; after a
 * reload the list is as left, and the citizen's form `/phan-anh` offers exactly the categories in use.
 */
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync('/tmp/feedback-shots', { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  // A petition about land: that category is used, so it may be retired but never deleted.
  const reply = await fetch(`${server.url}/api/public/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.2.1.1' },
    body: JSON.stringify({
      kind: 'pakn_general',
      categoryCode: 'land',
      communeCode: '11953',
      text: 'Mốc giới thửa đất ở ngõ 7 bị xê dịch khi làm đường, xin phường kiểm tra lại.',
      citizenName: 'Nguyễn Văn An',
      contactPhone: '0912 345 678',
    }),
  });
  expect(reply.status).toBe(201);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(60_000);
  return context.newPage();
}

/** The Vietnamese names of the list, top to bottom, as the inputs hold them. */
const names = (page: Page) =>
  page
    .getByRole('region', { name: 'Lĩnh vực phản ánh' })
    .getByRole('textbox', { name: /^Tên tiếng Việt \d+$/ })
    .evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));

describe('the list of categories', () => {
  it('the admin adds one, reorders and retires; the citizen’s form offers the list in use', {
    timeout: 240_000,
  }, async () => {
    const page = await newPage();
    await signInAs(page, server, 'admin');
    await page.goto(`${server.url}/feedback/settings`);
    const section = page.getByRole('region', { name: 'Lĩnh vực phản ánh' });
    await section.getByRole('textbox', { name: 'Tên tiếng Việt 8' }).waitFor();
    const saved = async () => {
      await section
        .getByRole('status')
        .getByText(/Đã lưu lúc/)
        .waitFor();
    };

    // A name the list has already is refused on the spot, without diacritics too.
    await section.getByLabel('Lĩnh vực mới (tên tiếng Việt)').fill('dat dai');
    await section.getByRole('button', { name: 'Thêm lĩnh vực' }).click();
    await section.getByText('Đã có lĩnh vực tên này').waitFor();

    await section.getByLabel('Lĩnh vực mới (tên tiếng Việt)').fill('Giao thông đường thủy');
    await section.getByLabel('Tên tiếng Anh (không bắt buộc)').fill('Waterways');
    await section.getByRole('button', { name: 'Thêm lĩnh vực' }).click();
    await saved();
    expect(await names(page)).toEqual([
      'Thủ tục hành chính',
      'Đất đai',
      'Môi trường',
      'An ninh trật tự',
      'Hạ tầng',
      'Chính sách xã hội',
      'Thái độ cán bộ',
      'Khác',
      'Giao thông đường thủy',
    ]);
    // A used category has no delete button; the new one, used by nobody, has.
    expect(await section.getByRole('button', { name: 'Xóa Đất đai' }).count()).toBe(0);

    for (let at = 9; at > 1; at -= 1)
      await section.getByRole('button', { name: 'Chuyển Giao thông đường thủy lên' }).click();
    await saved();
    await section.getByRole('switch', { name: 'Khác: đang dùng' }).uncheck();
    await section.getByText('Đã thôi dùng').waitFor();
    await saved();

    await section.getByLabel('Lĩnh vực mới (tên tiếng Việt)').fill('Tạm thời');
    await section.getByRole('button', { name: 'Thêm lĩnh vực' }).click();
    await saved();
    await section.getByRole('button', { name: 'Xóa Tạm thời' }).click();
    const confirm = page.getByRole('dialog', { name: 'Xóa lĩnh vực "Tạm thời"?' });
    await confirm.getByText(/Chưa có phản ánh nào thuộc lĩnh vực này/).waitFor();
    await confirm.getByRole('button', { name: 'Xóa lĩnh vực' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await saved();

    await page.reload();
    await section.getByRole('textbox', { name: 'Tên tiếng Việt 9' }).waitFor();
    expect(await names(page)).toEqual([
      'Giao thông đường thủy',
      'Thủ tục hành chính',
      'Đất đai',
      'Môi trường',
      'An ninh trật tự',
      'Hạ tầng',
      'Chính sách xã hội',
      'Thái độ cán bộ',
      'Khác',
    ]);
    expect(await section.getByRole('textbox', { name: 'Tên tiếng Anh 1' }).inputValue()).toBe('Waterways');
    expect(await section.getByRole('switch', { name: 'Khác: đang dùng' }).isChecked()).toBe(false);
    expect(await section.getByRole('switch', { name: 'Giao thông đường thủy: đang dùng' }).isChecked()).toBe(
      true,
    );

    await section.screenshot({ path: '/tmp/feedback-shots/categories-1280.png' });
    await page.goto(`${server.url}/phan-anh`);
    const options = await page
      .locator('#categoryCode option')
      .evaluateAll((nodes) => nodes.map((node) => node.textContent));
    expect(options).toEqual([
      '— Chọn lĩnh vực —',
      'Giao thông đường thủy',
      'Thủ tục hành chính',
      'Đất đai',
      'Môi trường',
      'An ninh trật tự',
      'Hạ tầng',
      'Chính sách xã hội',
      'Thái độ cán bộ',
    ]);
    await page.context().close();
  });
});
