import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

/**
 * In December the board and the consolidated report offer every period of the year, 6 tháng cuối năm
 * and the year included, in words. The server's clock starts on 2 December 2026 (CHISO_NOW).
 */
let server: RunningServer;
let browser: Browser;

const CODE = /\d{4}(?:Q[1-4]|S[12]|M\d{2})/;
const DECEMBER_2026 = [
  'Quý IV/2026',
  'Quý III/2026',
  'Quý II/2026',
  'Quý I/2026',
  '6 tháng cuối năm 2026',
  '6 tháng đầu năm 2026',
  'Năm 2026',
  ...Array.from({ length: 12 }, (_, i) => `Tháng ${12 - i}/2026`),
];

beforeAll(async () => {
  server = await startServer({ CHISO_NOW: '2026-12-02T09:00:00+07:00' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(user: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInAs(page, server, user);
  return page;
}

const input = (scope: Page | Locator, label: string) =>
  scope.locator('input').and(scope.getByLabel(label, { exact: true }));

/** Opens the period select and reads its options in the order shown. */
async function periodOptions(page: Page, label = 'Kỳ báo cáo') {
  await input(page, label).click();
  const options = page.getByRole('option');
  await options.first().waitFor();
  const texts = (await options.allTextContents()).map((text) => text.trim());
  await page.keyboard.press('Escape');
  return texts;
}

describe('periods on 2 December 2026', () => {
  it('the period board offers every period of 2026 in words, 6 tháng cuối năm and the year included', async () => {
    const page = await signedIn('dieuphoi');
    await page.goto(`${server.url}/reports`);
    await page.getByRole('tab', { name: 'Tình hình gửi báo cáo' }).click();
    await expect.poll(() => input(page, 'Kỳ báo cáo').inputValue()).toBe('Quý IV/2026');
    expect(await periodOptions(page)).toEqual(DECEMBER_2026);

    await input(page, 'Kỳ báo cáo').click();
    await page.getByRole('option', { name: '6 tháng cuối năm 2026', exact: true }).click();
    await page.getByText('Số liệu từ … đến: 15/06/2026 – 14/12/2026 · Thời hạn: 20/12/2026').waitFor();
    await input(page, 'Kỳ báo cáo').click();
    await page.getByRole('option', { name: 'Năm 2026', exact: true }).click();
    await page.getByText('Số liệu từ … đến: 15/12/2025 – 14/12/2026 · Thời hạn: 20/12/2026').waitFor();
    expect(await page.locator('#root').textContent()).not.toMatch(CODE);

    // Last year's periods are all still there to pick, overdue.
    await input(page, 'Năm').click();
    await page.getByRole('option', { name: '2025', exact: true }).click();
    await expect.poll(() => input(page, 'Kỳ báo cáo').inputValue()).toBe('Quý IV/2025');
    expect(await periodOptions(page)).toEqual(DECEMBER_2026.map((name) => name.replace('2026', '2025')));
  });

  it('the consolidated report offers the same periods', async () => {
    const page = await signedIn('dieuphoi');
    await page.goto(`${server.url}/reports`);
    await page.getByRole('tab', { name: 'Báo cáo tổng hợp' }).click();
    await expect.poll(() => input(page, 'Kỳ báo cáo').inputValue()).toBe('Quý IV/2026');
    expect(await periodOptions(page)).toEqual(DECEMBER_2026);
  });

  it('the unit’s inbox names its periods in words', async () => {
    const page = await signedIn('baocao.phohien');
    await page.getByRole('navigation').getByText('Báo cáo định kỳ').click();
    const inbox = page.getByRole('table', { name: 'Báo cáo cần viết' });
    await inbox.getByRole('cell', { name: '6 tháng cuối năm 2026', exact: true }).first().waitFor();
    await inbox.getByRole('cell', { name: 'Năm 2026', exact: true }).first().waitFor();
    await inbox.getByRole('cell', { name: 'Quý IV/2026', exact: true }).first().waitFor();
    expect(await page.locator('#root').textContent()).not.toMatch(CODE);
  });

  it('in English the same periods read "Q4 2026", "Second half of 2026", "Year 2026", "December 2026"', async () => {
    const page = await signedIn('dieuphoi');
    await page.evaluate(() => localStorage.setItem('chiso.locale', 'en'));
    await page.goto(`${server.url}/reports`);
    await page.getByRole('tab', { name: 'Completeness' }).click();
    await expect.poll(() => input(page, 'Period').inputValue()).toBe('Q4 2026');
    const options = await periodOptions(page, 'Period');
    expect(options.slice(0, 8)).toEqual([
      'Q4 2026',
      'Q3 2026',
      'Q2 2026',
      'Q1 2026',
      'Second half of 2026',
      'First half of 2026',
      'Year 2026',
      'December 2026',
    ]);
    expect(options).toHaveLength(19);
  });
});

describe('a target’s period', () => {
  it('is picked in words, by year then period, and saved as its code', async () => {
    const page = await signedIn('dieuphoi');
    await page.goto(`${server.url}/indicators/targets`);
    await page.getByRole('button', { name: 'Thêm mục tiêu' }).click();
    const dialog = page.getByRole('dialog');
    await input(dialog, 'Chỉ số').click();
    await page.getByRole('option').first().click();
    expect(await input(dialog, 'Năm').inputValue()).toBe('Mọi kỳ');
    await input(dialog, 'Năm').click();
    await page.getByRole('option', { name: '2026', exact: true }).click();
    // A year picked: the year itself, then its halves, quarters and months, in words.
    await expect.poll(() => input(dialog, 'Kỳ áp dụng').inputValue()).toBe('Năm 2026');
    const options = await periodOptions(page, 'Kỳ áp dụng');
    expect(options.slice(0, 7)).toEqual([
      'Năm 2026',
      '6 tháng đầu năm 2026',
      '6 tháng cuối năm 2026',
      'Quý I/2026',
      'Quý II/2026',
      'Quý III/2026',
      'Quý IV/2026',
    ]);
    expect(options).toHaveLength(19);
    await input(dialog, 'Kỳ áp dụng').click();
    await page.getByRole('option', { name: 'Quý IV/2026', exact: true }).click();
    await dialog.getByLabel('Ngưỡng', { exact: true }).fill('97');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'Quý IV/2026', exact: true }).first().waitFor();
    const api = await apiAs(server, 'dieuphoi');
    const targets = (await api('GET', '/api/indicator-targets?perPage=100')).json.items as {
      periodCode: string | null;
      threshold: number;
    }[];
    expect(targets.filter((target) => target.threshold === 97).map((target) => target.periodCode)).toEqual([
      '2026Q4',
    ]);
  });
});
