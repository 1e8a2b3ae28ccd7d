import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

/** In English, the server's refusals read in English: a form's field, an import's rows. */
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'vi-VN' });
  await signInAs(page, server, 'admin');
  // The language switch keeps its choice in the browser; the page reads it when it loads.
  await page.evaluate(() => localStorage.setItem('chiso.locale', 'en'));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('refusals in English', () => {
  it('a form: the field the schema refuses and the field the server refuses, under the field', async () => {
    await page.goto(`${server.url}/units`);
    await page.getByText('Ủy ban nhân dân tỉnh Hưng Yên').first().click();
    await page.getByRole('button', { name: 'Add sub-unit' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // Checked in the browser by the shared schema before anything is sent.
    await dialog.getByText('Enter the unit name.', { exact: true }).waitFor();
    await dialog.getByLabel('Unit name').fill('Sở thử trùng mã');
    await dialog.getByLabel('Code').fill('33.SNV');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // Refused by the server, which knows the codes in use.
    await dialog
      .getByText('The code "33.SNV" is already used by the unit "Sở Nội vụ".', { exact: true })
      .waitFor();
    expect(await dialog.getByText('đã được dùng').count()).toBe(0);
    await page.screenshot({ path: join(tmpdir(), 'chiso-e2e-refusal-en.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('an import: the rows named with their reason in English', async () => {
    const file = join(tmpdir(), 'chiso-e2e-import-en.csv');
    writeFileSync(
      file,
      ['Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên', 'E2E.EN,Phòng thử,Hợp tác xã,33.SNV'].join(
        '\n',
      ),
    );
    await page.goto(`${server.url}/units`);
    await page.getByRole('button', { name: /Import from file/ }).click();
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: /^Import$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByRole('cell', { name: 'The unit type "Hợp tác xã" is not valid.', exact: true })
      .waitFor();
    await dialog.getByRole('cell', { name: '2', exact: true }).waitFor();
  });
});
