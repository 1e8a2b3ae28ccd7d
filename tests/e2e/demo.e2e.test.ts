import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // What `npm start` does on an empty data folder: the demo province with its sample dossiers.
  server = await startServer({ CHISO_DEMO_DOSSIERS: 'true' });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await signInAs(page, server, 'lanhdao');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the demo on its first start', () => {
  it('shows a leader the province’s dossier figures for the eight quarters, its units ranked', async () => {
    await page.getByRole('navigation').getByText('Chỉ số & mục tiêu').click();
    await page.getByRole('heading', { name: 'Chỉ số giải quyết hồ sơ TTHC' }).waitFor();
    const onTime = page.getByTestId('kpi-DOSSIER_ON_TIME');
    // "n / m hồ sơ" with m > 0: the latest quarter has dossiers finished.
    await onTime.getByText(/[\d.]+ \/ [1-9][\d.]* hồ sơ/).waitFor();
    const ranking = page.getByRole('region', { name: /Xếp hạng/ });
    await expect.poll(() => ranking.getByRole('row').count()).toBeGreaterThan(5);
    await page.screenshot({ path: join(tmpdir(), 'chiso-e2e-demo-dashboard.png'), fullPage: true });
  });
});
