import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

/**
 * The province's coordinator registers an application that sends feedback through Open311: the key is
 * shown once in the dialog and works at once; the list keeps only its last four characters; revoking it
 * goes through a confirmation that says what happens, and the key is refused from then on.
 */
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ CHISO_NOW: '2026-12-02T09:00:00+07:00' });
  browser = await launchBrowser();
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

/** A request as the standard's client sends it, with the key the dialog showed. */
async function send(key: string) {
  const reply = await fetch(`${server.url}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({
      api_key: key,
      service_code: 'infrastructure',
      address_string: 'Ngõ 3 phố Bãi Sậy',
      'attribute[commune]': '11953',
      description: 'Nắp cống ở ngõ 3 phố Bãi Sậy bị vỡ, rất nguy hiểm cho người đi xe máy.',
    }).toString(),
  });
  return { status: reply.status, json: (await reply.json()) as { service_request_id?: string }[] };
}

describe('applications sending feedback', () => {
  it('registers one, shows its key once, and revokes it behind a confirmation', {
    timeout: 240_000,
  }, async () => {
    const page = await newPage();
    await signInAs(page, server, 'dieuphoi');
    await page.goto(`${server.url}/feedback`);
    await page.getByRole('link', { name: 'Cài đặt tiếp nhận phản ánh' }).click();
    await page.getByRole('link', { name: 'Đăng ký, thu hồi khóa ứng dụng' }).click();
    await page.getByRole('heading', { name: 'Ứng dụng gửi phản ánh (Open311)' }).waitFor();
    await page.getByText('Chưa có ứng dụng nào được đăng ký.').waitFor();

    await page.getByRole('button', { name: 'Đăng ký ứng dụng' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Tên ứng dụng' }).fill('Hưng Yên Số');
    await dialog.getByRole('button', { name: 'Đăng ký ứng dụng' }).click();
    await page.getByRole('dialog', { name: 'Khóa của ứng dụng Hưng Yên Số' }).waitFor();
    const key = (await page.locator('[data-open311-key]').textContent())?.trim() ?? '';
    expect(key).toMatch(/^[\w-]{43}$/);
    await page.getByRole('button', { name: 'Sao chép khóa' }).waitFor();
    await page.getByRole('button', { name: 'Tôi đã lưu khóa' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    const row = page.locator('[data-open311-client="Hưng Yên Số"]');
    expect((await row.locator('td').allTextContents()).slice(0, 5)).toEqual([
      'Hưng Yên Số',
      'Ứng dụng của tỉnh (Open311)',
      `kết thúc bằng …${key.slice(-4)}`,
      '02/12/2026 · Cán bộ điều phối Sở Nội vụ (demo)',
      'Đang dùng',
    ]);
    // Shown once: the key is nowhere on the page any more.
    expect(await page.locator('body').textContent()).not.toContain(key);
    const accepted = await send(key);
    expect(accepted.status).toBe(200);
    expect(accepted.json[0]?.service_request_id).toMatch(/^PAKN-20261202-/);

    await row.getByRole('button', { name: 'Thu hồi khóa' }).click();
    const confirm = page.getByRole('dialog', { name: 'Thu hồi khóa của Hưng Yên Số?' });
    await confirm.getByText('Từ nay ứng dụng không gửi được phản ánh mới bằng khóa này').waitFor();
    await confirm.getByRole('button', { name: 'Thu hồi khóa' }).click();
    await confirm.waitFor({ state: 'detached' });
    await row.getByText('Đã thu hồi 02/12/2026').waitFor();
    expect(await row.getByRole('button', { name: 'Thu hồi khóa' }).count()).toBe(0);
    expect((await send(key)).status).toBe(403);
  });
});
