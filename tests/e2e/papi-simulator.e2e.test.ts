import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, launchBrowser, type RunningServer, resizeTo, signInAs, startServer } from './harness.ts';

/**
 * The coordinator opens "Vị thế và mô phỏng" on the PAPI page: Hưng Yên 2024 stands 19th of 61; raising
 * procedures (PAPI.5) by 0,5 point moves it to 13th and into the top group, as `npx chiso papi simulate`
 * computes; the reset brings back 19th. Opened to its sub-dimensions, e-governance's "Internet access and
 * use" +0,3 moves it to the rank and group the API gives for that change. At 1440 px and at 390 px, where
 * the page keeps to the phone's width.
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

  for (const size of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ])
    it(`moves a sub-dimension (Internet access +0,3) to the rank and group the API gives, at ${size.width} px`, {
      timeout: 180_000,
    }, async () => {
      const call = await apiAs(server, 'dieuphoi');
      const { status, json } = await call('POST', '/api/indices/papi/simulate', {
        year: 2024,
        province: '33',
        changes: [{ code: 'PAPI.8.2', delta: 0.3 }],
      });
      expect(status).toBe(200);
      expect(json).toMatchObject({ rankAfter: 16, groupAfter: 1, totalAfter: 44.7042 });

      const page = await openSimulator({ width: 1440, height: 900 });
      await resizeTo(page, size);
      const [total, rank, group] = ['total', 'rank', 'group'].map((name) =>
        page.getByTestId(`papi-sim-${name}`),
      );
      await expect.poll(() => rank?.textContent()).toBe('19/61');
      const internet = page.getByRole('textbox', {
        name: 'Thay đổi Tiếp cận và sử dụng Internet tại địa phương',
      });
      expect(await internet.count()).toBe(0);
      const open = page.getByRole('button', { name: 'Chỉ số thành phần của Quản trị điện tử' });
      await open.click();
      expect(await open.getAttribute('aria-expanded')).toBe('true');
      // Named as the codebook names them, each with its score.
      const rows = page.locator('[data-testid^="papi-sim-sub-PAPI.8."]');
      expect(await rows.count()).toBe(3);
      expect(await page.getByTestId('papi-sim-sub-PAPI.8.2').locator('td').first().textContent()).toBe(
        'Tiếp cận và sử dụng Internet tại địa phươngĐiểm: 2,5633',
      );

      await internet.fill('0,3');
      await expect.poll(() => rank?.textContent()).toBe(`${json.rankAfter}/${json.ranked}`);
      expect(await total?.textContent()).toBe('44,7042');
      expect(await group?.textContent()).toBe('Cao nhất');
      // The sub-dimension's and its dimension's new scores; the dimension's own input waits.
      const subCells = page.getByTestId('papi-sim-sub-PAPI.8.2').locator('td');
      expect(await subCells.nth(2).textContent()).toBe('2,8633');
      // 0,438499779 + 2,563326359 + 0,424848825 = 3,4267 before.
      expect(await page.getByTestId('papi-sim-dim-PAPI.8').locator('td').nth(2).textContent()).toBe('3,7267');
      const egov = page.getByRole('textbox', { name: 'Thay đổi Quản trị điện tử' });
      expect(await egov.isDisabled()).toBe(true);
      expect(await pageWidth(page)).toBeLessThanOrEqual(size.width);
      await internet.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/subdimension-${size.width}.png` });
      await page.screenshot({ path: `${SHOTS}/subdimension-${size.width}-full.png`, fullPage: true });

      await page.getByRole('button', { name: 'Đặt lại' }).click();
      await expect.poll(() => rank?.textContent()).toBe('19/61');
      expect(await internet.inputValue()).toBe('0');
      expect(await egov.isDisabled()).toBe(false);
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
