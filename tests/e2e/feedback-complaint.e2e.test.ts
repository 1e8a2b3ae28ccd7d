import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_AGE_MS } from '../../server/feedback/pages/form-token.ts';
import { apiAs, launchBrowser, type RunningServer, resizeTo, signInAs, startServer } from './harness.ts';

/**
 * Two things a phone can do that the plain form cannot: a citizen standing at the blocked drain lets the
 * browser give its location, checks it and sends it with the petition (the ward sees the point, the
 * public never does); and the commune's official extends a complex complaint's resolution as the law
 * allows, once, with the new deadline in the history.
 */
const PHONE = { width: 390, height: 844 };
const SHOTS = '/tmp/feedback-shots';
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ CHISO_NOW: '2026-12-03T09:00:00+07:00' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * The province's coordinator loads Phường Phố Hiến's boundary (a square around its centre) as a GeoJSON
 * file, on the feedback settings screen.
 */
async function loadWardBoundary() {
  const ring = [
    [106.03, 20.63],
    [106.07, 20.63],
    [106.07, 20.66],
    [106.03, 20.66],
    [106.03, 20.63],
  ];
  const geojson = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { code: '11953' }, geometry: { type: 'Polygon', coordinates: [ring] } },
    ],
  };
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await signInAs(page, server, 'dieuphoi');
  await page.goto(`${server.url}/feedback/settings`);
  const section = page.getByRole('region', { name: 'Ranh giới xã, phường' });
  await section.getByText('Đã có ranh giới 0/104 xã, phường.').waitFor();
  await section.locator('input[type="file"]').setInputFiles({
    name: 'phuong-pho-hien.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify(geojson)),
  });
  await section.getByText('Đã nạp ranh giới.').waitFor();
  expect(await section.locator('[data-commune-areas]').textContent()).toContain(
    'Đã có ranh giới 1/104 xã, phường. Còn thiếu: ',
  );
  await page.screenshot({ path: `${SHOTS}/commune-areas-1440.png`, fullPage: true });
  await context.close();
}

describe('a citizen gives the map point from the phone', () => {
  it('takes the location, sees it written out and its ward chosen, removes and takes it again, and sends it', {
    timeout: 120_000,
  }, async () => {
    await loadWardBoundary();
    const context = await browser.newContext({
      viewport: PHONE,
      locale: 'vi-VN',
      geolocation: { latitude: 20.6464, longitude: 106.0511, accuracy: 12 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/phan-anh`);
    const openedAt = Date.now();
    const block = page.locator('#locate');
    await block.waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Lấy vị trí hiện tại' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Đã ghi vị trí' });
    await status.waitFor();
    // The province loaded its wards' boundaries: the ward at that point is chosen for the citizen.
    await status.getByText('Đã chọn Phường Phố Hiến theo vị trí.', { exact: false }).waitFor();
    expect(await status.textContent()).toBe(
      'Đã chọn Phường Phố Hiến theo vị trí. Đã ghi vị trí 20,64640; 106,05110 (sai số khoảng 12 m). Xem trên bản đồ',
    );
    expect(await page.locator('#communeCode').inputValue()).toBe('11953');
    expect(await status.getByRole('link', { name: 'Xem trên bản đồ' }).getAttribute('href')).toBe(
      'https://www.openstreetmap.org/?mlat=20.64640&mlon=106.05110#map=17/20.64640/106.05110',
    );
    await page.getByRole('button', { name: 'Bỏ vị trí' }).click();
    expect(await page.locator('#lat').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Lấy vị trí hiện tại' }).click();
    await status.waitFor();

    await page.getByLabel('Lĩnh vực').selectOption('infrastructure');
    const text = 'Cống thoát nước trước số nhà 25 phố Nguyễn Văn Linh bị tắc, mưa là nước tràn vào nhà dân.';
    await page.getByLabel('Nội dung').fill(text);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBe(PHONE.width);
    await page.screenshot({ path: `${SHOTS}/form-location-390.png`, fullPage: true });
    await expect.poll(() => Date.now() - openedAt, { interval: 200 }).toBeGreaterThan(MIN_AGE_MS + 200);
    await page.getByRole('button', { name: 'Gửi' }).click();
    await page.waitForURL(/\/phan-anh\/PAKN-[^?]+\?token=/);
    const code = new URL(page.url()).pathname.split('/')[2] ?? '';
    expect((await page.locator('main').textContent())?.includes('20.6464')).toBe(false);

    // The ward's staff see the point, with a map link; the public page never shows it.
    const coordinator = await apiAs(server, 'dieuphoi');
    const list = await coordinator('GET', `/api/feedback?search=${code}`);
    const id = list.json.items[0].id as number;
    const item = await coordinator('GET', `/api/feedback/${id}`);
    expect([item.json.lat, item.json.lng]).toEqual([20.6464, 106.0511]);
    const open = await (await fetch(`${server.url}/phan-anh/${code}`)).text();
    expect(open).not.toContain('20.6464');
    await context.close();
  });
});

describe('the ward extends a complex complaint', () => {
  it('accepts it, extends it once with a reason, and the history shows the new deadline', {
    timeout: 180_000,
  }, async () => {
    const coordinator = await apiAs(server, 'dieuphoi');
    const entered = await coordinator('POST', '/api/feedback', {
      kind: 'complaint',
      categoryCode: 'land',
      communeCode: '11953',
      text: 'Khiếu nại quyết định thu hồi đất số 12/QĐ-UBND của UBND phường Phố Hiến đối với thửa đất số 45.',
      citizenName: 'Trần Văn Bình',
      contactAddress: 'Số 7 phố Chùa Chuông, phường Phố Hiến',
      channel: 'paper',
      signed: true,
    });
    expect(entered.status).toBe(201);
    const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    context.setDefaultTimeout(60_000);
    const page: Page = await context.newPage();
    await signInAs(page, server, 'baocao.phohien');
    await page.goto(`${server.url}/feedback/${entered.json.id}`);
    await page.getByRole('heading', { name: entered.json.code }).waitFor();
    const actions = page.getByRole('region', { name: 'Xử lý' });
    await actions.getByRole('button', { name: 'Nhận xử lý' }).click();
    const extend = actions.getByRole('button', { name: 'Gia hạn giải quyết' });
    await extend.click();
    const dialog = page.getByRole('dialog', { name: 'Gia hạn thời hạn giải quyết' });
    await dialog.getByText('khiếu nại một lần, đến 45 ngày kể từ ngày thụ lý', { exact: false }).waitFor();
    await resizeTo(page, PHONE);
    await page.screenshot({ path: `${SHOTS}/extend-dialog-390.png`, fullPage: true });
    await dialog
      .getByLabel('Lý do gia hạn (vụ việc phức tạp vì sao)')
      .fill('Cần đo đạc lại thửa đất số 45 với Sở Nông nghiệp và Môi trường.');
    await dialog.getByRole('button', { name: 'Gia hạn giải quyết' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const history = page.getByRole('region', { name: 'Lịch sử xử lý' });
    const step = history.locator('[data-event="extend"]');
    await step.waitFor();
    // Accepted on Thursday 3 December 2026: 45 days on is Sunday 17 January 2027, so Monday 18.
    expect(await step.textContent()).toContain('Hạn mới: 18/01/2027');
    expect(await step.textContent()).toContain('Cần đo đạc lại thửa đất số 45');
    // A complaint is extended once only: the step is no longer offered.
    expect(await actions.getByRole('button', { name: 'Gia hạn giải quyết' }).count()).toBe(0);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    // The history's times are the app's clock, the same day as the steps' dates.
    expect(await step.textContent()).toContain('03/12/2026');
    await resizeTo(page, PHONE);
    await page.screenshot({ path: `${SHOTS}/extended-390.png`, fullPage: true });
    await context.close();
  });
});
