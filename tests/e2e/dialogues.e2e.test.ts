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
 * Dialogues: Phường Phố Hiến's reporter, on a desktop, records its yearly conference with a question,
 * the answer and a commitment led by Sở Xây dựng, and publishes it through the confirmation that says
 * what becomes public; anyone reads it on /doi-thoai without JavaScript; the same pages fit a phone;
 * the province's coordinator sees the commune on the board and the communes without a conference first.
 */
const SHOTS = '/tmp/dialogue-shots';
let server: RunningServer;
let browser: Browser;
const TOPIC = 'Hội nghị đối thoại giữa Chủ tịch UBND phường với Nhân dân năm 2026';
const QUESTION = 'Đường vào khu phố 3 xuống cấp, khi nào được sửa?';
const ASKER = 'Ông Trần Văn Khải, khu phố 3';
const ANSWER = 'Sở Xây dựng đưa vào kế hoạch duy tu quý I năm 2027.';
const COMMITMENT = 'Duy tu đường vào khu phố 3';
let dialogueUrl = '';

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

describe('a commune records its yearly dialogue conference and publishes it', () => {
  it('records the conference, a question with its answer and a commitment to another unit, and publishes it', {
    timeout: 240_000,
  }, async () => {
    const page = await newPage({ width: 1440, height: 900 });
    await signInAs(page, server, 'baocao.phohien');
    await page.getByRole('navigation').getByRole('link', { name: 'Đối thoại', exact: true }).click();
    await page.getByRole('heading', { name: 'Đối thoại với Nhân dân, doanh nghiệp' }).waitFor();
    await page.getByText('Chưa có buổi đối thoại nào.').waitFor();

    await page.getByRole('button', { name: 'Ghi nhận buổi đối thoại' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ghi nhận buổi đối thoại' });
    expect(await dialog.locator('input').and(dialog.getByLabel('Đơn vị tổ chức')).inputValue()).toBe(
      'Phường Phố Hiến',
    );
    expect(await dialog.getByLabel('Hình thức').inputValue()).toBe(
      'Hội nghị đối thoại với Nhân dân (hằng năm)',
    );
    // A date that does not exist is refused in words, and what was typed stays.
    await dialog.getByLabel('Ngày tổ chức').fill('31/02/2026');
    await dialog.getByLabel('Chủ đề, nội dung').fill(TOPIC);
    await dialog.getByRole('button', { name: 'Ghi nhận buổi đối thoại' }).click();
    await dialog.getByText('Ngày không hợp lệ (dd/mm/yyyy).').waitFor();
    expect(await dialog.getByLabel('Chủ đề, nội dung').inputValue()).toBe(TOPIC);
    await dialog.getByLabel('Ngày tổ chức').fill('15/11/2026');
    await dialog.getByRole('button', { name: 'Ghi nhận buổi đối thoại' }).click();
    await closesAfterSave(dialog);
    await page.getByRole('heading', { name: TOPIC }).waitFor();
    dialogueUrl = page.url();
    expect(dialogueUrl).toMatch(/\/dialogues\/\d+$/);

    await page.getByLabel('Địa điểm').fill('Hội trường UBND phường');
    await page.getByLabel('Người chủ trì').fill('Chủ tịch UBND phường');
    await page.getByLabel('Số người tham dự').fill('150');
    await page.getByRole('button', { name: 'Lưu thông tin' }).click();
    await page.getByText('Đã lưu.').waitFor();

    const question = page.locator('[data-question-form="new"]');
    await question.getByLabel('Câu hỏi, ý kiến').fill(QUESTION);
    await question.getByLabel('Người hỏi').fill(ASKER);
    await question.getByLabel('Trả lời', { exact: true }).fill(ANSWER);
    await question.getByLabel('Người trả lời').fill('Chủ tịch UBND phường');
    await question.getByRole('button', { name: 'Thêm câu hỏi' }).click();
    await page.locator('[data-question]').getByText(`1. ${QUESTION}`).waitFor();
    expect(await question.getByLabel('Câu hỏi, ý kiến').inputValue()).toBe('');

    const commitment = page.locator('[data-commitment-form]');
    await commitment.getByLabel('Nội dung cam kết').fill(COMMITMENT);
    const lead = commitment.locator('input').and(commitment.getByLabel('Đơn vị chủ trì'));
    await lead.click();
    await lead.fill('xay dung');
    await page.getByRole('option', { name: 'Sở Xây dựng', exact: true }).click();
    await commitment.getByLabel('Thời hạn').fill('31/03/2027');
    await commitment.getByRole('button', { name: 'Ghi cam kết và giao nhiệm vụ' }).click();
    const row = page.locator('[data-commitment]');
    await row.getByText(COMMITMENT).waitFor();
    expect(await row.textContent()).toContain('Sở Xây dựng');
    expect(await row.textContent()).toContain('31/03/2027');
    expect(await row.locator('[data-state]').textContent()).toBe('Chưa thực hiện');
    await row.getByRole('link', { name: 'Xem nhiệm vụ' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/dialogue-1440.png`, fullPage: true });

    await page.getByRole('button', { name: 'Công khai', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Công khai buổi đối thoại' });
    await confirm.getByText(/Ai cũng đọc được trên trang \/doi-thoai/).waitFor();
    await confirm.getByText('Không công khai: thành phần tham dự và tên người hỏi.').waitFor();
    await confirm.getByRole('button', { name: 'Công khai' }).click();
    await closesAfterSave(confirm);
    await page.getByText(/^Đã công khai lúc/).waitFor();
    // Published: the record is read-only until it is taken down.
    expect(await page.getByRole('button', { name: 'Lưu thông tin' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Gỡ khỏi trang công khai' }).waitFor();

    // On a phone the same page fits the screen.
    await resizeTo(page, { width: 390, height: 844 });
    await page.locator('[data-commitment]').getByText(COMMITMENT).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/dialogue-390.png`, fullPage: true });
    await page.context().close();
  });

  it('shows it to anyone on /doi-thoai without JavaScript, on a phone too', {
    timeout: 120_000,
  }, async () => {
    for (const width of [1440, 390]) {
      const page = await newPage({ width, height: 900 }, false);
      await page.goto(`${server.url}/doi-thoai`);
      await page.getByRole('heading', { name: 'Đối thoại với Nhân dân và doanh nghiệp' }).waitFor();
      await page.getByRole('link', { name: TOPIC }).click();
      await page.getByRole('heading', { name: TOPIC }).waitFor();
      const body = (await page.locator('main').textContent()) ?? '';
      expect(body).toContain('Phường Phố Hiến');
      expect(body).toContain('15/11/2026');
      expect(body).toContain(QUESTION);
      expect(body).toContain(ANSWER);
      expect(body).toContain(COMMITMENT);
      const item = page.locator('[data-commitment]');
      expect(await item.textContent()).toContain('Sở Xây dựng');
      expect(await item.textContent()).toContain('31/03/2027');
      expect(await item.locator('.badge').textContent()).toBe('Chưa thực hiện');
      expect(body).not.toContain('Trần Văn Khải');
      expect(await pageWidth(page)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${SHOTS}/public-${width}.png`, fullPage: true });
      await page.context().close();
    }
  });

  it('puts the commune on the coordinator’s board, those without a conference first', {
    timeout: 120_000,
  }, async () => {
    const page = await newPage({ width: 1440, height: 900 });
    await signInAs(page, server, 'dieuphoi');
    await page.goto(`${server.url}/dialogues`);
    await page.getByRole('tab', { name: 'Theo dõi nghĩa vụ hằng năm' }).click();
    await page
      .getByRole('status')
      .getByText(/xã, phường chưa tổ chức hội nghị đối thoại năm 2026/)
      .waitFor();
    const first = page.locator('[data-commune]').first();
    expect(await first.textContent()).toContain('Chưa tổ chức đối thoại');
    await page.getByPlaceholder('Tìm xã, phường (không cần dấu)').fill('pho hien');
    const row = page.locator('[data-commune]').filter({ hasText: 'Phường Phố Hiến' });
    await row.getByText('Đã tổ chức').waitFor();
    expect(await row.locator('td').allTextContents()).toEqual([
      'Phường Phố Hiến',
      '1',
      '1',
      '15/11/2026',
      'Đã tổ chức',
    ]);
    await page.screenshot({ path: `${SHOTS}/board-1440.png`, fullPage: true });

    // On a phone the board and the list are cards: nothing to scroll sideways.
    await resizeTo(page, { width: 390, height: 844 });
    await page
      .locator('[data-commune]')
      .filter({ hasText: 'Phường Phố Hiến' })
      .getByText('Đã tổ chức')
      .waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/board-390.png`, fullPage: true });
    await page.getByRole('tab', { name: 'Các buổi đối thoại' }).click();
    await page.locator('[data-dialogue]').getByText(TOPIC).waitFor();
    expect(await page.locator('[data-dialogue]').textContent()).toContain('Đã công khai');
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/list-390.png`, fullPage: true });
    await page.context().close();
  });
});
