import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closesAfterSave,
  launchBrowser,
  type RunningServer,
  resizeTo,
  signInAs,
  startServer,
} from './harness.ts';

/**
 * The register of outgoing documents as Phường Phố Hiến's clerk keeps it on Tuesday 10 March 2026: on
 * a desktop, takes a number for a plan through "Lấy số" (the type picked by its name, the day typed
 * dd/mm/yyyy) and sees it in the list, voids it behind a confirmation saying it will not be reused and
 * the next plan takes 02; on a 390 px phone, takes a công văn's number and reads it as a card.
 */
const SHOTS = '/tmp/register-shots';
const NOW = '2026-03-10T09:00:00+07:00';
let server: RunningServer;
let browser: Browser;

async function newPage(size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: size });
  context.setDefaultTimeout(60_000);
  await context.clock.setFixedTime(new Date(NOW));
  return context.newPage();
}

const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

/** Opens a select of a dialog by its label and takes the option with that name. */
async function pick(page: Page, scope: Locator, label: string, option: string) {
  await scope
    .locator('input')
    .and(scope.getByLabel(new RegExp(`^${label}( \\*)?$`)))
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function takeNumber(
  page: Page,
  fields: {
    type: string;
    title: string;
    day?: string;
    signer?: string;
    recipients?: string;
    drafter?: string;
  },
) {
  await page.getByRole('button', { name: 'Lấy số', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Lấy số văn bản đi' });
  await pick(page, dialog, 'Loại văn bản', fields.type);
  await dialog.getByLabel(/^Trích yếu/).fill(fields.title);
  if (fields.day) await dialog.getByLabel(/^Ngày/).fill(fields.day);
  if (fields.drafter) await dialog.getByLabel(/^Đơn vị soạn thảo/).fill(fields.drafter);
  if (fields.signer) await dialog.getByLabel(/^Người ký/).fill(fields.signer);
  if (fields.recipients) await dialog.getByLabel(/^Nơi nhận/).fill(fields.recipients);
  await dialog.getByRole('button', { name: 'Lấy số', exact: true }).click();
  await closesAfterSave(dialog);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ CHISO_NOW: NOW });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the clerk’s register of outgoing documents', () => {
  it('takes a number at 1440 px and sees it in the list; voided, it is not given again', {
    timeout: 300_000,
  }, async () => {
    const page = await newPage({ width: 1440, height: 900 });
    await signInAs(page, server, 'vanthu.phohien');
    await page.getByRole('navigation').getByRole('link', { name: 'Sổ văn bản đi' }).click();
    await page.getByRole('heading', { name: 'Sổ văn bản đi' }).waitFor();
    await takeNumber(page, {
      type: 'Kế hoạch',
      title: 'Kế hoạch cải cách hành chính năm 2026',
      day: '09/03/2026',
      signer: 'Nguyễn Văn An',
      recipients: 'UBND tỉnh Hưng Yên\nSở Nội vụ',
    });
    const table = page.getByRole('table', { name: 'Sổ văn bản đi' });
    const first = table.locator('tr[data-number="01/KH-UBND"]');
    await first.waitFor();
    // The cells' text as written (a badge is shown in capitals by its style).
    expect((await first.locator('td').allTextContents()).slice(0, 7)).toEqual([
      '01/KH-UBND',
      '09/03/2026',
      'Kế hoạch cải cách hành chính năm 2026Kế hoạch',
      'Nguyễn Văn An',
      'UBND tỉnh Hưng Yên; Sở Nội vụ',
      'Phường Phố Hiến',
      'Đã cấp số',
    ]);
    await page.getByRole('textbox', { name: 'Tìm theo số, trích yếu, người ký, nơi nhận' }).fill('cai cach');
    await table.locator('tr[data-number="01/KH-UBND"]').waitFor();
    await page.screenshot({ path: `${SHOTS}/register-1440.png`, fullPage: true });

    await first.getByRole('button', { name: 'Hủy số' }).click();
    const confirm = page.getByRole('dialog', { name: 'Hủy số 01/KH-UBND?' });
    await confirm.getByText('không bao giờ được cấp lại cho văn bản khác', { exact: false }).waitFor();
    await confirm.getByLabel(/^Lý do hủy số/).fill('Ghi nhầm trích yếu');
    await confirm.getByRole('button', { name: 'Hủy số', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await first.getByText('Đã hủy số', { exact: true }).waitFor();
    await first.getByText('Lý do: Ghi nhầm trích yếu').waitFor();
    expect(await first.getByRole('button', { name: 'Hủy số' }).count()).toBe(0);

    await page.getByRole('textbox', { name: 'Tìm theo số, trích yếu, người ký, nơi nhận' }).fill('');
    await takeNumber(page, { type: 'Kế hoạch', title: 'Kế hoạch cải cách hành chính năm 2026 (sửa)' });
    await table.locator('tr[data-number="02/KH-UBND"]').getByText('10/03/2026').waitFor();
    await context(page).close();
  });

  it('takes a công văn’s number on a 390 px phone and reads it as a card', { timeout: 300_000 }, async () => {
    const page = await newPage({ width: 390, height: 844 });
    await signInAs(page, server, 'vanthu.phohien');
    await page.goto(`${server.url}/documents/register`);
    await page.getByRole('heading', { name: 'Sổ văn bản đi' }).waitFor();
    await resizeTo(page, { width: 390, height: 844 });
    await takeNumber(page, { type: 'Công văn', title: 'V/v đôn đốc báo cáo quý I', drafter: 'VP' });
    const card = page.locator('[data-number="01/UBND-VP"]');
    await card.getByText('V/v đôn đốc báo cáo quý I').waitFor();
    await card.getByText('10/03/2026 · Công văn · Phường Phố Hiến').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/register-390.png`, fullPage: true });
  });
});

const context = (page: Page) => page.context();
