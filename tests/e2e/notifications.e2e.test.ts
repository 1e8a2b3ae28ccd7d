import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;
let reportId = 0;

/** The API client's answers as their bodies alone. */
const bodyOf =
  (call: Awaited<ReturnType<typeof apiAs>>) => async (method: string, path: string, body?: unknown) =>
    (await call(method, path, body)).json;

const newPage = async (username: string): Promise<Page> => {
  const page = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
  await signInAs(page, server, username);
  return page;
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const reporter = bodyOf(await apiAs(server, 'baocao.phohien'));
  const head = bodyOf(await apiAs(server, 'chutich.phohien'));
  const coordinator = bodyOf(await apiAs(server, 'dieuphoi'));
  const board = await reporter('GET', '/api/reports?period=2026Q1');
  let report = await reporter('POST', '/api/reports', {
    unitId: board.units[0].unit.id,
    periodCode: '2026Q1',
  });
  report = await head('POST', `/api/reports/${report.id}/transitions`, {
    action: 'submit',
    version: report.version,
  });
  report = await coordinator('POST', `/api/reports/${report.id}/transitions`, {
    action: 'return',
    reason: 'Thiếu số liệu quý I',
    version: report.version,
  });
  expect(report.status).toBe('returned');
  reportId = report.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the notification bell', () => {
  it('shows the unread count; a click opens the report and marks it read', async () => {
    const page = await newPage('baocao.phohien');
    await page.getByRole('button', { name: 'Thông báo (1 chưa đọc)' }).click();
    await page.getByText(/Báo cáo quý I\/2026 của Phường Phố Hiến bị trả lại: Thiếu số liệu quý I/).click();
    await page.waitForURL((url) => url.pathname === `/reports/${reportId}`);
    await page.getByRole('button', { name: 'Thông báo (0 chưa đọc)' }).waitFor();
  });
});

describe('reminder settings', () => {
  it('a coordinator sets the days; an impossible day is named under its field', async () => {
    const page = await newPage('dieuphoi');
    await page.goto(`${server.url}/reports`);
    await page.getByRole('tab', { name: 'Cài đặt' }).click();
    const before = page.getByLabel('Nhắc trước hạn (số ngày, cách nhau bởi dấu phẩy)');
    // The form fills in once the settings have loaded: read it until it has.
    await expect.poll(() => before.inputValue()).toBe('1, 3');
    const save = page.getByRole('region', { name: 'Nhắc hạn' }).getByRole('button', { name: 'Lưu' });
    await before.fill('0, 2');
    await save.click();
    await page.getByText('Số ngày nhắc trước hạn phải từ 1 trở lên.').waitFor();
    await before.fill('5, 2');
    await save.click();
    await page.getByText('Đã lưu.').waitFor();
    await page.reload();
    await page.getByRole('tab', { name: 'Cài đặt' }).click();
    await expect
      .poll(() => page.getByLabel('Nhắc trước hạn (số ngày, cách nhau bởi dấu phẩy)').inputValue())
      .toBe('2, 5');
  });
});

describe('send now from the period board', () => {
  it('reminds the units shown that have not sent, after a confirmation', async () => {
    const page = await newPage('dieuphoi');
    await page.goto(`${server.url}/reports`);
    await page.getByRole('tab', { name: 'Tình hình gửi báo cáo' }).click();
    await page.getByRole('textbox', { name: 'Tìm đơn vị (không cần dấu)' }).fill('so noi vu');
    await page.getByRole('button', { name: 'Nhắc ngay các đơn vị chưa gửi (1)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Sở Nội vụ').waitFor();
    await dialog.getByRole('button', { name: 'Nhắc ngay các đơn vị chưa gửi' }).click();
    // The demo has no SMTP server and Sở Nội vụ no account: the message says nobody was reached, and why.
    await page
      .getByText(
        'Đã nhắc 0 đơn vị: 0 qua ứng dụng, 0 qua thư; 1 đơn vị chưa có tài khoản; chưa cấu hình thư điện tử',
      )
      .waitFor();
  });
});
