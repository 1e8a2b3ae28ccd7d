import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/engine.ts';
import { FIXTURE_NOW, insertFederationFixture } from '../../server/test/federation-fixture.ts';
import { launchBrowser, type RunningServer, resizeTo, signInAs, startServer } from './harness.ts';

/**
 * The national view as the province's leader reads it on 20 April 2026, three provinces having shared
 * their figures (server/test/federation-fixture.ts): at 1440 px the provinces ranked on the dossiers
 * finished on time (decimal comma, freshness in words, Hà Nội's figures over an hour old and said so),
 * then on reports sent on time (a tie), the DHIS2 file downloaded, Hưng Yên's communes searched without
 * diacritics; at 390 px the same pages without the page scrolling sideways. A commune's head has no
 * menu entry and is refused the page.
 */
const SHOTS = '/tmp/national-shots';
let server: RunningServer;
let browser: Browser;
let dataDir: string;

async function newPage(size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: size, acceptDownloads: true });
  context.setDefaultTimeout(60_000);
  await context.clock.setFixedTime(new Date(FIXTURE_NOW));
  return context.newPage();
}

const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');
const cells = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).locator('td').allInnerTexts()).map((text) =>
    text.replace(/\s+/g, ' ').trim(),
  );

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // The first start makes the demo installation and prints its logins; the provinces' shared rows are
  // then written into its database (as logical replication would) before the server starts again.
  dataDir = mkdtempSync(join(tmpdir(), 'chiso-national-e2e-'));
  const env = { CHISO_DATA_DIR: dataDir, CHISO_NOW: FIXTURE_NOW };
  const first = await startServer(env);
  const logins = new Map(first.logins);
  await first.stop();
  const database = await openDatabase({ dataDir });
  try {
    await insertFederationFixture(database.db);
  } finally {
    await database.close();
  }
  server = await startServer(env);
  for (const [username, password] of logins) server.logins.set(username, password);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the national view', () => {
  it('ranks the provinces, says how fresh each is, downloads DHIS2 and drills into a province at 1440 px', {
    timeout: 300_000,
  }, async () => {
    const page = await newPage({ width: 1440, height: 900 });
    await signInAs(page, server, 'lanhdao');
    await page.getByRole('navigation').getByRole('link', { name: 'Toàn quốc' }).click();
    await page.getByRole('heading', { name: 'Số liệu các tỉnh, thành phố' }).waitFor();
    await page.getByTestId('province-01').waitFor();
    expect(await page.getByRole('combobox', { name: 'Kỳ báo cáo' }).inputValue()).toBe('Quý I/2026');
    expect(await cells(page, 'province-01')).toEqual([
      '1',
      'Thành phố Hà Nội',
      '93%',
      '930 / 1.000',
      'cập nhật 3 giờ trước Số liệu đã cũ hơn 1 giờ',
      '2/3 đã gửi, 2 đúng hạn',
    ]);
    const hungYen = await cells(page, 'province-33');
    expect([...hungYen.slice(0, 4), hungYen[5]]).toEqual([
      '2',
      'Tỉnh Hưng Yên',
      '89,7%',
      '435 / 485',
      '5/6 đã gửi, 4 đúng hạn',
    ]);
    // Recomputed 5 minutes before the server's clock started; it runs on (a minute may have passed).
    expect(hungYen[4]).toMatch(/^cập nhật [56] phút trước$/);
    expect((await cells(page, 'province-48')).slice(0, 4)).toEqual([
      'không xếp hạng',
      'Thành phố Đà Nẵng',
      '—',
      '0 / 0',
    ]);
    await page.screenshot({ path: `${SHOTS}/national-1440.png`, fullPage: true });

    // Reports sent on time: Đà Nẵng 1/1 first, Hưng Yên 4/6 and Hà Nội 2/3 share the second place.
    await page.getByRole('combobox', { name: 'Chỉ tiêu' }).click();
    await page.getByRole('option', { name: 'Tỷ lệ đơn vị gửi báo cáo đúng hạn' }).click();
    await page.getByText('Tỷ lệ đơn vị gửi báo cáo đúng hạn', { exact: true }).first().waitFor();
    await expect
      .poll(async () => (await cells(page, 'province-48')).slice(0, 3))
      .toEqual(['1', 'Thành phố Đà Nẵng', '100%']);
    expect((await cells(page, 'province-33')).slice(0, 3)).toEqual(['2', 'Tỉnh Hưng Yên', '66,7%']);
    expect((await cells(page, 'province-01')).slice(0, 3)).toEqual(['2', 'Thành phố Hà Nội', '66,7%']);
    expect(new URL(page.url()).searchParams.get('indicator')).toBe('REPORTS_ON_TIME');
    // Sorted by name, Vietnamese order.
    await page.getByRole('button', { name: 'Tỉnh, thành phố' }).click();
    const rankingRows = page.getByRole('table', { name: 'Xếp hạng các tỉnh' }).locator('tbody tr');
    await expect
      .poll(async () => (await rankingRows.allInnerTexts()).map((row) => row.split('\t')[1]?.trim()))
      .toEqual(['Thành phố Đà Nẵng', 'Thành phố Hà Nội', 'Tỉnh Hưng Yên']);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải DHIS2 (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('chiso-dhis2-2026Q1.json');
    const set = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(set.dataValues).toHaveLength(257);
    expect(set.dataValues[0]).toEqual({
      dataElement: 'DOSSIER_ON_TIME',
      period: '2026Q1',
      orgUnit: '01',
      categoryOptionCombo: 'NUMERATOR',
      value: '930',
    });

    await page.getByRole('link', { name: 'Xem các xã, phường của Tỉnh Hưng Yên' }).click();
    await page.getByRole('heading', { name: 'Tỉnh Hưng Yên' }).waitFor();
    // The indicator chosen on the national page goes along.
    await page.getByText('Toàn tỉnh: 66,7% (4 / 6)', { exact: false }).waitFor();
    await page.getByRole('combobox', { name: 'Chỉ tiêu' }).click();
    await page.getByRole('option', { name: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn' }).click();
    await page.getByText('Toàn tỉnh: 89,7% (435 / 485)', { exact: false }).waitFor();
    expect(await cells(page, 'commune-11980')).toEqual([
      '1',
      'Phường Hồng Châu',
      '95%',
      '19 / 20',
      '1/1 đã gửi, 1 đúng hạn',
    ]);
    await page.screenshot({ path: `${SHOTS}/province-1440.png`, fullPage: true });
    await page.getByRole('textbox', { name: 'Tìm xã, phường (gõ không dấu được)' }).fill('pho hien');
    await expect.poll(() => page.locator('tbody tr[data-testid^="commune-"]').count()).toBe(1);
    expect(await cells(page, 'commune-11953')).toEqual([
      '2',
      'Phường Phố Hiến',
      '90%',
      '90 / 100',
      '1/1 đã gửi, 1 đúng hạn',
    ]);
    await page.getByText('Tổng số: 1').waitFor();
    await page.context().close();
  });

  it('is usable on a 390 px phone: the page never scrolls sideways', { timeout: 300_000 }, async () => {
    const page = await newPage({ width: 390, height: 844 });
    await signInAs(page, server, 'lanhdao');
    await page.goto(`${server.url}/national`);
    await page.getByTestId('province-33').waitFor();
    await resizeTo(page, { width: 390, height: 844 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/national-390.png`, fullPage: true });
    await page.goto(`${server.url}/national/33?indicator=DOSSIER_ON_TIME`);
    await page.getByTestId('commune-11980').waitFor();
    await resizeTo(page, { width: 390, height: 844 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/province-390.png`, fullPage: true });
    await page.context().close();
  });

  it('is not offered to a commune’s head, and refused if asked for', { timeout: 120_000 }, async () => {
    const page = await newPage({ width: 1440, height: 900 });
    await signInAs(page, server, 'chutich.phohien');
    await page.getByRole('navigation').getByRole('link', { name: 'Kế hoạch' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Toàn quốc' }).count()).toBe(0);
    await page.goto(`${server.url}/national`);
    // Told why, without asking the server; and the server refuses if asked.
    await page
      .getByText('Số liệu các tỉnh chỉ dành cho người được phân quyền ở cấp cao nhất của hệ thống')
      .waitFor();
    expect((await page.request.get(`${server.url}/api/national/dashboard`)).status()).toBe(403);
    await page.goto(`${server.url}/national/33`);
    await page
      .getByText('Số liệu các tỉnh chỉ dành cho người được phân quyền ở cấp cao nhất của hệ thống')
      .waitFor();
    await page.context().close();
  });
});
