import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'vi-VN' });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function unitCount(): Promise<number> {
  const response = await page.request.get(`${server.url}/api/units?status=all&perPage=1`);
  return (await response.json()).total;
}

describe('administrator in the browser', () => {
  it('signs in (Vietnamese UI) and sees the modules of the brief in the navigation', async () => {
    await signInAs(page, server, 'admin');
    const nav = page.getByRole('navigation');
    for (const name of ['Kế hoạch', 'Báo cáo định kỳ', 'Đánh giá', 'Cơ cấu tổ chức', 'Nhật ký hệ thống']) {
      await nav.getByText(name, { exact: false }).first().waitFor();
    }
  });

  it('browses the organisation tree down to a commune and reads its details', async () => {
    await page.goto(`${server.url}/units`);
    await page.getByText('Ủy ban nhân dân tỉnh Hưng Yên').first().click();
    await page.getByText('Phường Phố Hiến').first().waitFor();
    await page.getByText('Phường Phố Hiến').first().click();
    await page.getByRole('heading', { name: 'Phường Phố Hiến' }).waitFor();
    await page.getByText('11953').first().waitFor();
    await page.screenshot({ path: join(tmpdir(), 'chiso-e2e-units.png') });
  });

  it('imports a file with one bad row: the error names row, column and reason, and nothing changes', async () => {
    const before = await unitCount();
    const file = join(tmpdir(), 'chiso-e2e-import.csv');
    writeFileSync(
      file,
      [
        'Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên',
        'E2E.1,Phòng thử một,Phòng,33.SNV',
        'E2E.2,Phòng thử hai,Hợp tác xã,33.SNV',
      ].join('\n'),
    );
    await page.goto(`${server.url}/units`);
    await page.getByRole('button', { name: /Nhập từ tệp/ }).click();
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: /^Nhập$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Hợp tác xã', { exact: false }).first().waitFor();
    await dialog.getByRole('cell', { name: '3', exact: true }).waitFor();
    await dialog.getByRole('cell', { name: 'Loại đơn vị', exact: true }).waitFor();
    await dialog
      .getByText(/chưa có gì được ghi|không có gì được ghi/i)
      .first()
      .waitFor();
    await page.screenshot({ path: join(tmpdir(), 'chiso-e2e-import-error.png') });
    expect(await unitCount()).toBe(before);
  });

  it('reads PAPI: the province over the years and the ranking of a year', async () => {
    await page.goto(`${server.url}/indices/papi`);
    await page.getByRole('heading', { name: 'Chỉ số PAPI các tỉnh' }).waitFor();
    // Today's Hưng Yên is selected by default: the results of the two provinces that formed it show,
    // Hưng Yên 44th of 63 in 2020 and Thái Bình 20th.
    await page.getByRole('heading', { name: 'Thái Bình' }).waitFor();
    await page.getByRole('cell', { name: '44/63' }).waitFor();
    await page.getByRole('cell', { name: '20/63' }).waitFor();
    await page.getByRole('cell', { name: 'Quảng Ninh' }).first().waitFor();
    await page.screenshot({ path: join(tmpdir(), 'chiso-e2e-papi.png'), fullPage: true });
  });

  it('edits a unit and finds the change, with before and after, in the audit log', async () => {
    await page.goto(`${server.url}/units`);
    await page.getByRole('searchbox').or(page.getByPlaceholder(/Tìm/)).first().fill('so tu phap');
    await page.getByText('Sở Tư pháp').first().click();
    await page.getByRole('heading', { name: 'Sở Tư pháp' }).waitFor();
    await page.getByRole('button', { name: /Sửa/ }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Điện thoại/).fill('0221 3863 999');
    await dialog.getByRole('button', { name: /Lưu/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('0221 3863 999').first().waitFor();

    await page.goto(`${server.url}/audit`);
    // In words: who changed which unit, then each field by its name with before and after.
    const row = page
      .getByRole('row')
      .filter({ hasText: /đã sửa thông tin đơn vị Sở Tư pháp/ })
      .first();
    await row.waitFor();
    await row.click();
    const change = page.getByRole('row', { name: /^Điện thoại thủ trưởng/ });
    await change.getByText('0221 3863 999').waitFor();
    await page.screenshot({ path: join(tmpdir(), 'chiso-e2e-audit.png') });
  });
});
