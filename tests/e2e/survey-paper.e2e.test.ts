import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

/**
 * Paper questionnaires in Phường Phố Hiến on 3 December 2026: its reporter, at 1440 px and with the
 * keyboard alone, types two SIPAS forms in the grid (digits fill and move on, the question not asked
 * of an in-person applicant is skipped, the end of a row starts the next form); a reload loses
 * nothing; a repeated form number is refused with its cell marked and everything kept; corrected,
 * both forms are saved and the grid is empty again.
 */
const NOW = '2026-12-03T09:00:00+07:00';
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ CHISO_NOW: NOW });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const cell = (page: Page, column: string, form: number) =>
  page.getByLabel(`${column}, Phiếu ${form}`, { exact: true });

describe('paper questionnaires entered by keyboard', () => {
  it('types two forms, keeps them over a reload, shows a refusal in its cell and saves them', {
    timeout: 300_000,
  }, async () => {
    const reporter = await apiAs(server, 'baocao.phohien');
    const surveys = (await reporter('GET', '/api/surveys')).json as { id: number; code: string }[];
    const sipas = surveys.find((survey) => survey.code === 'SIPAS');
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(60_000);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    await signInAs(page, server, 'baocao.phohien');
    await page.goto(`${server.url}/surveys/${sipas?.id}/paper`);
    await page.getByRole('heading', { name: 'Nhập phiếu khảo sát giấy' }).waitFor();
    expect(await page.getByLabel('Ngày trả lời (mặc định)').inputValue()).toBe('03/12/2026');
    await page.getByText('1 · Rất không hài lòng').waitFor();

    // Form 1, in person (KENH 1): DV1.5 (online only) is grey and skipped.
    await cell(page, 'Số phiếu', 1).focus();
    await page.keyboard.type('G-1');
    await page.keyboard.press('Tab'); // Ngày: the default date
    await page.keyboard.press('Tab'); // Mã hồ sơ: none
    await page.keyboard.press('Tab');
    await page.keyboard.type('14453'); // KENH, DV1.1–DV1.4
    expect(await cell(page, 'DV1.5', 1).isDisabled()).toBe(true);
    await page.keyboard.type('Cần thêm ghế chờ'); // DV1.GY, a text cell
    await page.keyboard.press('Enter');
    await page.keyboard.type('4444'); // DV2.1–DV2.4
    await page.keyboard.press('Tab'); // DV2.GY
    await page.keyboard.type('55554'); // DV3
    await page.keyboard.press('Tab');
    await page.keyboard.type('444'); // DV4
    await page.keyboard.press('Tab');
    await page.keyboard.type('333'); // DV5
    await page.keyboard.press('Tab');
    await page.keyboard.type('44449'); // CS.1–CS.4, then 9: not an answer to TIEN, ignored
    expect(await cell(page, 'TIEN', 1).inputValue()).toBe('');
    await page.keyboard.type('0'); // TIEN: no
    await page.keyboard.press('Tab'); // GOPY, last: the next form starts
    expect(await page.evaluate('document.activeElement.getAttribute("aria-label")')).toBe(
      'Số phiếu, Phiếu 2',
    );
    expect(await cell(page, 'DV1.4', 1).inputValue()).toBe('3');
    expect(await cell(page, 'DV3.5', 1).inputValue()).toBe('4');

    // Leaving the page loses nothing.
    await page.reload();
    await page.getByRole('heading', { name: 'Nhập phiếu khảo sát giấy' }).waitFor();
    await cell(page, 'DV1.GY', 1).waitFor();
    expect(await cell(page, 'Số phiếu', 1).inputValue()).toBe('G-1');
    expect(await cell(page, 'DV1.GY', 1).inputValue()).toBe('Cần thêm ghế chờ');

    // Form 2, online (KENH 2): DV1.5 is asked; its number repeats form 1's by mistake.
    await cell(page, 'Số phiếu', 2).focus();
    await page.keyboard.type('G-1');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('255555'); // KENH, DV1.1–DV1.5
    expect(await cell(page, 'DV1.5', 2).inputValue()).toBe('5');
    await page.keyboard.press('Backspace'); // on DV1.GY (text): nothing to clear
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Backspace'); // DV1.5 cleared …
    expect(await cell(page, 'DV1.5', 2).inputValue()).toBe('');
    await page.keyboard.type('4'); // … and answered again
    expect(await cell(page, 'DV1.5', 2).inputValue()).toBe('4');

    const save = page.getByRole('button', { name: 'Lưu 2 phiếu' });
    await save.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Chưa lưu phiếu nào: sửa các ô tô đỏ rồi lưu lại.').waitFor();
    await expect.poll(() => cell(page, 'Số phiếu', 2).getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('cell', { name: 'Số phiếu G-1 lặp lại trong lần nhập này.' }).waitFor();
    await page.screenshot({ path: '/tmp/survey-paper-refused-1440.png', fullPage: true });
    expect(await cell(page, 'DV1.5', 2).inputValue()).toBe('4');

    await cell(page, 'Số phiếu', 2).focus();
    await page.keyboard.type('G-2'); // the cell's text is selected on focus: replaced
    expect(await cell(page, 'Số phiếu', 2).getAttribute('aria-invalid')).toBeNull();
    await save.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Đã lưu 2 phiếu.').waitFor();
    expect(await cell(page, 'Số phiếu', 1).inputValue()).toBe('');
    expect(
      await page.evaluate('Object.keys(localStorage).filter((key) => key.startsWith("chiso.paper."))'),
    ).toEqual([]);
    await page.screenshot({ path: '/tmp/survey-paper-1440.png', fullPage: true });
    await context.close();
  });

  it('checks a file first, names its bad cells, then records it after a confirmation', {
    timeout: 120_000,
  }, async () => {
    const reporter = await apiAs(server, 'baocao.phohien');
    const surveys = (await reporter('GET', '/api/surveys')).json as { id: number; code: string }[];
    const sipas = surveys.find((survey) => survey.code === 'SIPAS');
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(60_000);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    await signInAs(page, server, 'baocao.phohien');
    await page.goto(`${server.url}/surveys/${sipas?.id}/paper`);
    await page.getByRole('heading', { name: 'Nhập từ tệp' }).waitFor();
    const upload = (content: string) =>
      page.locator('input[type="file"]').setInputFiles({
        name: 'phieu.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(content, 'utf8'),
      });

    await upload('Số phiếu,KENH,DV1.1,DV1.5\nF-1,1,hai long,\nF-2,1,7,4\n');
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const issues = page.getByRole('table', {
      name: 'Tệp có lỗi nên chưa có gì được ghi. Sửa các dòng dưới đây rồi nhập lại.',
    });
    await issues.getByRole('cell', { name: /"7" không phải câu trả lời hợp lệ/ }).waitFor();
    await issues
      .getByRole('cell', { name: 'Câu này chỉ hỏi khi câu KENH được trả lời khác; để trống.' })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Ghi 0 phiếu' }).isDisabled()).toBe(true);

    await upload('Số phiếu,Ngày,KENH,DV1.1\nF-1,02/12/2026,1,hai long\nF-2,,3,5\n');
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await page.getByText('2 phiếu hợp lệ, chưa ghi.').waitFor();
    await page.getByRole('button', { name: 'Ghi 2 phiếu' }).click();
    const confirm = page.getByRole('dialog', { name: 'Nhập từ tệp' });
    await confirm.getByText('Ghi 2 phiếu của Phường Phố Hiến vào kết quả khảo sát?').waitFor();
    await confirm.getByRole('button', { name: 'Ghi 2 phiếu' }).click();
    await page.getByText('Đã ghi 2 phiếu từ tệp.').waitFor();
    await context.close();
  });
});
