import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scannedPlan, skipOcr } from '../../server/test/scan-plan.ts';
import { launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
let scanFile: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'vi-VN' });
  scanFile = join(tmpdir(), `ke-hoach-quet-${process.pid}.png`);
  writeFileSync(scanFile, (await scannedPlan()).png);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.skipIf(skipOcr)('a coordinator imports a scanned plan', () => {
  it('sees the recognition run, then the preview of what was read', async () => {
    await signInAs(page, server, 'dieuphoi');
    await page.goto(`${server.url}/plans/import`);
    await page.locator('input[type="file"]').setInputFiles(scanFile);
    await page
      .getByRole('status')
      .getByText(/Đang nhận dạng chữ trên bản quét ke-hoach-quet-\d+\.png/)
      .waitFor();
    await page.getByLabel('Số, ký hiệu').waitFor({ timeout: 90_000 });
    await expect.poll(() => page.getByLabel('Số, ký hiệu').inputValue()).toBe('45/KH-UBND');
    await expect.poll(() => page.getByLabel('Ngày ban hành').inputValue()).toBe('15/03/2026');
    await page.getByText('Nhiệm vụ (4)').waitFor();
    await page.screenshot({ path: join(tmpdir(), 'chiso-e2e-plan-scan.png') });
  });

  it('finds the recognised scan again in its recent scans after starting over', async () => {
    await page.getByRole('button', { name: 'Nhập văn bản khác' }).click();
    const recent = page.getByRole('region', { name: 'Bản quét nhận dạng gần đây' });
    await recent.getByRole('button', { name: 'Đọc kết quả (1 trang)' }).click();
    await expect.poll(() => page.getByLabel('Số, ký hiệu').inputValue()).toBe('45/KH-UBND');
  });
});
