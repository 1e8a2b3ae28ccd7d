import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, resizeTo, signInAs, startServer } from './harness.ts';

/**
 * The coordinator opens "Vị thế và mô phỏng" on the PAPI page: Hưng Yên 2024 stands 19th of 61; raising
 * procedures (PAPI.5) by 0,5 point moves it to 13th and into the top group, as `npx chiso papi simulate`
 * computes; the reset brings back 19th. At 1440 px and at 390 px, where the page keeps to the phone's width.
 */
const SHOTS = '/tmp/papi-simulator-shots';
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

async function openSimulator(size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: size });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await signInAs(page, server, 'dieuphoi');
  await page.goto(`${server.url}/indices/papi`);
  await page.getByRole('tab', { name: 'Vị thế và mô phỏng' }).click();
  await page.getByRole('heading', { name: 'Vị thế năm 2024: Hưng Yên' }).waitFor();
  return page;
}

const procedures = (page: Page) => page.getByRole('textbox', { name: 'Thay đổi Thủ tục hành chính công' });

describe('the PAPI rank simulator', () => {
  for (const size of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ])
    it(`moves Hưng Yên 2024 from rank 19 to 13 and into the top group on procedures +0,5 at ${size.width} px`, {
      timeout: 180_000,
    }, async () => {
      const page = await openSimulator({ width: 1440, height: 900 });
      await resizeTo(page, size);
      const [total, rank, group] = ['total', 'rank', 'group'].map((name) =>
        page.getByTestId(`papi-sim-${name}`),
      );
      await expect.poll(() => rank?.textContent()).toBe('19/61');
      expect(await total?.textContent()).toBe('44,4042');
      expect(await group?.textContent()).toBe('Trung bình cao');
      // The old provinces side by side, the estimate labelled as one.
      await page.getByRole('columnheader', { name: 'Ước tính' }).waitFor();
      await page.getByText(/trọng số bằng nhau \(mỗi tỉnh 1\/2\)/).waitFor();

      await procedures(page).fill('0,5');
      await expect.poll(() => rank?.textContent()).toBe('13/61');
      expect(await group?.textContent()).toBe('Cao nhất');
      expect(await total?.textContent()).toBe('44,9042');
      expect(await pageWidth(page)).toBeLessThanOrEqual(size.width);
      await page.screenshot({ path: `${SHOTS}/simulator-${size.width}.png`, fullPage: true });
      // What the reader sees around the new rank, without the full page's stitching.
      await procedures(page).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/simulator-${size.width}-input.png` });
      await rank?.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/simulator-${size.width}-rank.png` });

      await page.getByRole('button', { name: 'Đặt lại' }).click();
      await expect.poll(() => rank?.textContent()).toBe('19/61');
      expect(await procedures(page).inputValue()).toBe('0');
      await page.context().close();
    });

  it('proposes the smallest changes for the top group and tries them in the simulator', {
    timeout: 120_000,
  }, async () => {
    const page = await openSimulator({ width: 1440, height: 900 });
    const summary = page.getByTestId('papi-target-summary');
    await expect
      .poll(() => summary.textContent())
      .toMatch(/^Cần tăng tổng cộng \d+,\d{2} điểm\. Khi đó: hạng \d+, nhóm “Cao nhất”\.$/);
    await page.getByRole('button', { name: 'Thử trong mô phỏng' }).click();
    await expect.poll(() => page.getByTestId('papi-sim-group').textContent()).toBe('Cao nhất');
    await page.screenshot({ path: `${SHOTS}/target-1440.png`, fullPage: true });
    await page.context().close();
  });
});
