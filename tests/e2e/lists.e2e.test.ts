import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;

/** The demo province's children as shipped: its departments and its communes since 1 July 2025. */
function demoProvinceChildren(): number {
  const demo = JSON.parse(
    readFileSync(new URL('../../reference/demo/hung-yen.json', import.meta.url), 'utf8'),
  );
  const csv = readFileSync(new URL('../../reference/dvhc/units_2025.csv', import.meta.url), 'utf8');
  const communes = csv
    .split('\n')
    .slice(1)
    .filter((line) => line.startsWith('commune,') && line.trim().endsWith(`,${demo.province.code}`));
  return demo.departments.length + communes.length;
}

const newPage = async (username: string): Promise<Page> => {
  const page = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
  await signInAs(page, server, username);
  return page;
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('no list is silently cut', () => {
  it('the unit tree shows every child of the province, past the first hundred', async () => {
    const expected = demoProvinceChildren();
    expect(expected).toBe(116);
    const page = await newPage('dieuphoi');
    await page.goto(`${server.url}/units`);
    const tree = page.getByRole('list', { name: 'Cây đơn vị' });
    // The province opens by itself; its children are the items of the list under it.
    const children = tree.locator(':scope > li > ul > li');
    await expect.poll(() => children.count()).toBe(expected);
    await expect.poll(() => children.last().isVisible()).toBe(true);
  });

  it('the consolidated report’s plan picker offers a plan beyond the first hundred', async () => {
    const coordinator = await apiAs(server, 'dieuphoi');
    const units = (await coordinator('GET', '/api/units?parentId=root')).json.items as { id: number }[];
    const provinceId = units[0]?.id;
    const plan = (title: string) => ({
      unitId: provinceId,
      number: null,
      type: 'KH',
      issuedOn: null,
      place: null,
      issuer: null,
      signer: null,
      title,
      year: 2026,
      indices: [],
      sections: [],
      tasks: [
        {
          ref: '1',
          text: 'Nhiệm vụ',
          index: null,
          dimension: null,
          leadNames: [],
          supportNames: [],
          due: null,
          recurrence: null,
        },
      ],
      targets: [],
      agencies: [],
    });
    // The oldest plan is the 101st, newest first.
    expect((await coordinator('POST', '/api/plans', plan('Kế hoạch đầu tiên của năm'))).status).toBe(201);
    for (let index = 2; index <= 101; index += 1)
      expect((await coordinator('POST', '/api/plans', plan(`Kế hoạch thử ${index}`))).status).toBe(201);

    const page = await newPage('dieuphoi');
    await page.goto(`${server.url}/reports`);
    await page.getByRole('tab', { name: 'Báo cáo tổng hợp' }).click();
    const picker = page.locator('input').and(page.getByLabel('Kế hoạch được báo cáo', { exact: true }));
    await picker.click();
    await expect.poll(() => page.getByRole('option').count()).toBe(101);
    await picker.fill('đầu tiên');
    await page.getByRole('option', { name: /Kế hoạch đầu tiên của năm/ }).click();
    await expect.poll(() => picker.inputValue()).toContain('Kế hoạch đầu tiên của năm');
  });

  it('the targets page lists every target, past the first hundred', async () => {
    const coordinator = await apiAs(server, 'dieuphoi');
    const communes = (await coordinator('GET', '/api/units?type=commune&perPage=100&sort=code')).json
      .items as { id: number; code: string }[];
    const existing = (await coordinator('GET', '/api/indicator-targets?perPage=1')).json.total as number;
    // A commune's own target each, until the list is longer than one page of the list contract.
    const toAdd = communes.slice(0, 101 - existing);
    for (const commune of toAdd) {
      const created = await coordinator('POST', '/api/indicator-targets', {
        indicatorCode: 'DOSSIER_ON_TIME',
        unitId: commune.id,
        operator: '>=',
        threshold: 90,
        riskMargin: 2,
        note: `Mục tiêu riêng của xã ${commune.code}`,
      });
      expect(created.status).toBe(201);
    }
    const total = (await coordinator('GET', '/api/indicator-targets?perPage=1')).json.total as number;
    expect(total).toBe(101);

    const page = await newPage('dieuphoi');
    await page.goto(`${server.url}/indicators/targets`);
    const rows = page.getByRole('table').locator('tbody > tr');
    await expect.poll(() => rows.count()).toBe(total);
    const last = toAdd.at(-1);
    await page.getByText(`Mục tiêu riêng của xã ${last?.code}`).waitFor();
  });
});
