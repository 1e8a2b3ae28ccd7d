import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
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
 * Community projects: Phường Phố Hiến's reporter records a project, the households' vote (autosaved:
 * it is there after a reload), two households' contributions — one agreeing to be named, one not —,
 * and publishes it through the switch and its confirmation, which says how many households will be
 * named and how many only counted; a citizen on a 390 px phone without JavaScript reads the project
 * on /cong-khai/cong-trinh with the named household and without the other's name.
 */
const SHOTS = '/tmp/project-shots';
let server: RunningServer;
let browser: Browser;
const NAME = 'Bê tông hóa ngõ 7 khu phố Hiến Nam';
const NAMED = 'Nguyễn Văn Công Khai';
const HIDDEN = 'Trần Thị Giấu Tên';

async function newPage(size: { width: number; height: number }, javaScript = true): Promise<Page> {
  const context = await browser.newContext({
    locale: 'vi-VN',
    viewport: size,
    javaScriptEnabled: javaScript,
  });
  context.setDefaultTimeout(60_000);
  return context.newPage();
}

const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function addContribution(page: Page, household: string, amount: string, consent: boolean) {
  await page.getByRole('button', { name: 'Thêm' }).click();
  const dialog = page.getByRole('dialog', { name: 'Các khoản đóng góp của hộ gia đình' });
  await dialog.getByLabel('Chủ hộ').fill(household);
  await dialog.getByLabel('Số lượng (đồng, m² hoặc ngày công)').fill(amount);
  await dialog.getByLabel('Ngày đóng góp').fill('05/03/2026');
  if (consent) await dialog.getByLabel('Hộ đồng ý công khai tên').check();
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await closesAfterSave(dialog);
  await page.getByRole('cell', { name: household }).waitFor();
}

describe('a commune records a community project and publishes it', () => {
  it('records the vote (autosaved through a reload) and the contributions, publishes after the confirmation, and a phone reads it', {
    timeout: 300_000,
  }, async () => {
    const page = await newPage({ width: 1440, height: 900 });
    await signInAs(page, server, 'baocao.phohien');
    await page.getByRole('navigation').getByRole('link', { name: 'Công trình dân góp', exact: true }).click();
    await page.getByRole('heading', { name: 'Công trình do dân đóng góp' }).waitFor();
    await page.getByText('Chưa có công trình nào.').waitFor();

    await page.getByRole('button', { name: 'Ghi nhận công trình' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ghi nhận công trình' });
    expect(await dialog.locator('input').and(dialog.getByLabel('Xã, phường')).inputValue()).toBe(
      'Phường Phố Hiến',
    );
    await dialog.getByLabel('Tên công trình').fill(NAME);
    await dialog.getByRole('button', { name: 'Ghi nhận công trình' }).click();
    await closesAfterSave(dialog);
    await page.getByRole('heading', { name: NAME }).waitFor();

    // The households' vote, saved as it is typed.
    await page.getByLabel('Ngày biểu quyết').fill('10/03/2026');
    await page.getByLabel('Tổng số hộ gia đình').fill('150');
    await page.getByLabel('Số hộ tán thành').fill('120');
    await page.getByText(/Đã lưu lúc/).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: NAME }).waitFor();
    expect(await page.getByLabel('Số hộ tán thành').inputValue()).toBe('120');
    expect(await page.getByLabel('Ngày biểu quyết').inputValue()).toBe('10/03/2026');
    await page.getByText('Đạt tỷ lệ luật định · Tỷ lệ tán thành: 80%').waitFor();
    await page.screenshot({ path: `${SHOTS}/1-vote.png`, fullPage: true });

    await page.getByRole('tab', { name: 'Hộ đóng góp' }).click();
    await addContribution(page, NAMED, '2000000', true);
    await addContribution(page, HIDDEN, '1500000', false);
    await page.screenshot({ path: `${SHOTS}/2-contributors.png`, fullPage: true });

    // The preview is the public page itself, before anything is public.
    const [preview] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: 'Xem trước trang công khai' }).click(),
    ]);
    await preview.getByRole('heading', { level: 1, name: NAME }).waitFor();
    const previewText = (await preview.locator('main').textContent()) ?? '';
    expect(previewText).toContain('Bản xem trước: đây đúng là trang người dân sẽ thấy');
    expect(previewText).toContain(NAMED);
    expect(previewText).not.toContain(HIDDEN);
    await preview.screenshot({ path: `${SHOTS}/2b-preview.png` });
    await preview.close();

    // One switch publishes it, after a confirmation saying who will be named.
    await page.getByRole('switch', { name: 'Công khai trên trang của tỉnh' }).click({ force: true });
    const confirm = page.getByRole('dialog', { name: 'Công khai công trình?' });
    await confirm
      .getByText(
        'Tên của 1 hộ đồng ý công khai sẽ hiện; 1 hộ không đồng ý chỉ được tính gộp, không hiện tên.',
      )
      .waitFor();
    await page.screenshot({ path: `${SHOTS}/3-confirm.png` });
    await confirm.getByRole('button', { name: 'Công khai' }).click();
    await closesAfterSave(confirm);
    await page.getByText('Đã công khai', { exact: true }).waitFor();
    expect(await page.getByRole('switch', { name: 'Công khai trên trang của tỉnh' }).isChecked()).toBe(true);

    // The staff's page fits a phone too.
    await resizeTo(page, { width: 390, height: 844 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/3b-staff-phone.png`, fullPage: true });

    // A citizen's phone, without JavaScript.
    const phone = await newPage({ width: 390, height: 844 }, false);
    await phone.goto(`${server.url}/cong-khai/cong-trinh`);
    await phone.getByRole('link', { name: NAME }).click();
    await phone.getByRole('heading', { level: 1, name: NAME }).waitFor();
    expect(new URL(phone.url()).pathname).toMatch(
      /^\/cong-khai\/cong-trinh\/\d+-be-tong-hoa-ngo-7-khu-pho-hien-nam$/,
    );
    const text = (await phone.locator('main').textContent()) ?? '';
    expect(text).toContain(NAMED);
    expect(text).not.toContain(HIDDEN);
    expect(await phone.content()).not.toContain(HIDDEN);
    expect(text).toContain('Hộ gia đình (1 hộ không công khai tên)');
    expect(text).toContain('120/150 (80%)');
    expect(await pageWidth(phone)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${SHOTS}/4-public-phone.png`, fullPage: true });
  });
});
