import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekday } from '../../core/reception/schedule.ts';
import { addDays, formatDateVi } from '../../core/text/dates.ts';
import {
  apiAs,
  closesAfterSave,
  launchBrowser,
  type RunningServer,
  resizeTo,
  signInAs,
  startServer,
} from './harness.ts';

/**
 * Reception days in Phường Phố Hiến on Thursday 3 December 2026: its reporter, on a desktop, sets the
 * chairman's weekly day (Thursday), plans the coming weeks, publishes next week's session through the confirmation, records
 * today's session with one visitor in the register (a refused save keeps what was typed) and turns the
 * line into a petition; plans an online session in January 2027 and ticks its checklist; a group line
 * with too many representatives is refused, then accepted; the public schedule shows the published day
 * and nothing of the register; the schedule fits a 390 px phone.
 */
const SHOTS = '/tmp/reception-shots';
const NOW = '2026-12-03T09:00:00+07:00';
const WEEKDAYS_VI = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'];
let server: RunningServer;
let browser: Browser;

async function newPage(size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: size });
  context.setDefaultTimeout(60_000);
  // The browser's day is the server's (CHISO_NOW): Thursday 3 December 2026.
  await context.clock.setFixedTime(new Date(NOW));
  return context.newPage();
}

const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

/** Opens a select of a dialog by its label and takes the option with that name. */
async function pick(page: Page, scope: ReturnType<Page['getByRole']>, label: string, option: string) {
  // The label carries the required mark ("Thứ *"): matched from its start.
  await scope
    .locator('input')
    .and(scope.getByLabel(new RegExp(`^${label}( \\*)?$`)))
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
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

describe('a commune’s reception days', () => {
  const today = '2026-12-03';
  const nextWeek = addDays(today, 7);
  const weekday = isoWeekday(today);

  it('sets a weekly rule, plans and publishes, records a session with a line turned into a petition', {
    timeout: 300_000,
  }, async () => {
    const page = await newPage({ width: 1440, height: 900 });
    await signInAs(page, server, 'baocao.phohien');
    await page.getByRole('navigation').getByRole('link', { name: 'Tiếp công dân' }).click();
    await page.getByRole('heading', { name: 'Tiếp công dân' }).waitFor();
    await page.getByText('Chưa có lịch tiếp định kỳ.', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Thêm lịch định kỳ' }).click();
    const ruleDialog = page.getByRole('dialog', { name: 'Thêm lịch định kỳ' });
    await ruleDialog.getByLabel('Chức danh người tiếp').fill('Chủ tịch UBND phường');
    await ruleDialog.getByLabel('Họ tên người tiếp').fill('Nguyễn Văn Bình');
    await pick(page, ruleDialog, 'Thứ', WEEKDAYS_VI[weekday] ?? '');
    await ruleDialog.getByLabel('Địa điểm').fill('Phòng tiếp công dân, trụ sở UBND phường');
    await ruleDialog.getByRole('button', { name: 'Lưu' }).click();
    await closesAfterSave(ruleDialog);
    const rules = page.getByRole('region', { name: 'Lịch tiếp định kỳ' });
    await rules.getByText(`${WEEKDAYS_VI[weekday]} hằng tuần · 07:30–11:00`).waitFor();

    await rules.getByRole('button', { name: 'Lập lịch 8 tuần tới' }).click();
    await page.getByText(/^Đã lập \d+ buổi tiếp mới \(0 buổi đã có\)\.$/).waitFor();
    await page.locator('[data-frequency="ok"]').waitFor();
    const nextRow = page.locator(`tr[data-session="${nextWeek}"]`);
    await nextRow.getByText(`Chưa công bố (hạn ${formatDateVi(today)})`).waitFor();

    // Publishing next week's day: the confirmation says it goes public, and by when the law wants it.
    await nextRow.getByRole('button', { name: 'Công bố' }).click();
    const publish = page.getByRole('dialog', { name: `Công bố buổi tiếp ngày ${formatDateVi(nextWeek)}?` });
    await publish.getByText(/hiện trên trang lịch tiếp công dân công khai/).waitFor();
    await publish.getByRole('button', { name: 'Công bố' }).click();
    await closesAfterSave(publish);
    await nextRow.getByText(`Đã công bố ngày ${formatDateVi(today)}`).waitFor();
    expect(await nextRow.locator('[data-late]').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/schedule-1440.png`, fullPage: true });

    // Today's session: one visitor in the register.
    await page
      .locator(`tr[data-session="${today}"]`)
      .getByRole('link', { name: formatDateVi(today) })
      .click();
    await page.getByRole('heading', { name: `Buổi tiếp công dân ${formatDateVi(today)}` }).waitFor();
    await page.getByRole('button', { name: 'Ghi vào sổ' }).click();
    const entryDialog = page.getByRole('dialog', { name: 'Ghi vào sổ' });
    await entryDialog.getByLabel('Họ tên').fill('Trần Thị Hoa');
    await entryDialog.getByLabel('Địa chỉ').fill('Khu phố 3, phường Phố Hiến');
    await pick(page, entryDialog, 'Loại đơn', 'Kiến nghị');
    // Saved without the matter: refused, and nothing typed is lost.
    await entryDialog.getByRole('button', { name: 'Lưu' }).click();
    await entryDialog.getByText('Hãy ghi nội dung sự việc.').waitFor();
    expect(await entryDialog.getByLabel('Họ tên').inputValue()).toBe('Trần Thị Hoa');
    await entryDialog
      .getByLabel('Nội dung sự việc')
      .fill('Cống thoát nước khu phố 3 bị tắc, nước tràn vào nhà dân.');
    await entryDialog.getByLabel('Yêu cầu của công dân').fill('Đề nghị phường nạo vét cống trong tuần.');
    await entryDialog.getByRole('button', { name: 'Lưu' }).click();
    await closesAfterSave(entryDialog);
    const line = page.locator('tr[data-entry="1"]');
    await line.getByText('Trần Thị Hoa').waitFor();

    await line.getByRole('button', { name: 'Chuyển thành đơn' }).click();
    const turn = page.getByRole('dialog', { name: 'Chuyển dòng 1 thành đơn?' });
    await turn.getByText(/kênh "Trực tiếp tại trụ sở"/).waitFor();
    await pick(page, turn, 'Lĩnh vực', 'Hạ tầng');
    await turn.getByRole('button', { name: 'Chuyển thành đơn' }).click();
    await closesAfterSave(turn);
    const petition = line.locator('[data-petition]');
    await petition.getByText('Đã tiếp nhận').waitFor();
    const code = await petition.getAttribute('data-petition');
    expect(code).toMatch(/^PAKN-\d{8}-[0-9A-Z]{5}$/);

    const record = page.getByRole('region', { name: 'Ghi nhận buổi tiếp' });
    await record
      .getByLabel('Thông báo kết luận')
      .fill('Giao tổ dân phố và công chức địa chính kiểm tra cống trong 3 ngày.');
    await record.getByRole('button', { name: 'Ghi nhận buổi tiếp' }).click();
    await page.getByText('Đã tiếp', { exact: true }).first().waitFor();
    await page.getByText('Người đến: 1').waitFor();
    await page.screenshot({ path: `${SHOTS}/session-1440.png`, fullPage: true });

    // The petition is in the inbox, entered in person.
    const reporter = await apiAs(server, 'baocao.phohien');
    const inbox = (await reporter('GET', `/api/feedback?q=${code}`)).json;
    expect([inbox.total, inbox.items[0].channel]).toEqual([1, 'in_person']);
    await page.context().close();
  });

  it('plans an online session after 01/07/2026 with its checklist; a group line is refused, then accepted', {
    timeout: 300_000,
  }, async () => {
    const page = await newPage({ width: 1440, height: 900 });
    await signInAs(page, server, 'baocao.phohien');
    await page.goto(`${server.url}/reception`);
    await page.getByRole('button', { name: 'Thêm buổi tiếp một lần / đột xuất' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm buổi tiếp một lần / đột xuất' });
    await dialog.getByLabel('Ngày tiếp').fill('05/01/2027');
    await pick(page, dialog, 'Cách tiếp', 'Trực tuyến');
    await dialog.getByText(/Trang lịch công khai chỉ ghi "Trực tuyến"/).waitFor();
    await dialog
      .getByLabel('Đường dẫn hoặc nền tảng trực tuyến (không công khai)')
      .fill('https://hop.phohien.example.vn/tiep-dan');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await closesAfterSave(dialog);

    await page.locator('tr[data-session="2027-01-05"]').getByRole('link', { name: '05/01/2027' }).click();
    await page.getByRole('heading', { name: 'Buổi tiếp công dân 05/01/2027' }).waitFor();
    await page.getByText('Cách tiếp: Trực tuyến · https://hop.phohien.example.vn/tiep-dan').waitFor();
    // Counted back in working days across New Year's Day (Friday 01/01/2027 off).
    const checklist = page.getByRole('region', { name: 'Chuẩn bị tiếp trực tuyến' });
    await checklist.getByText('chưa xác nhận', { exact: true }).waitFor();
    await checklist.locator('[data-check="notified"]').getByText('Hạn 28/12/2026').waitFor();
    await checklist.locator('[data-check="tested"]').getByText('Hạn 04/01/2027').waitFor();
    await checklist.locator('[data-check="connected"]').getByText('Ngày 05/01/2027, trước 06:30').waitFor();
    // Saved at once: the box shows ticked when the server answers.
    await checklist.getByLabel('Thông báo cho các bên tham gia').click();
    await checklist.locator('[data-check="notified"]').getByText('Đã làm ngày 03/12/2026').waitFor();
    expect(await checklist.locator('[data-late]').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/online-1440.png`, fullPage: true });

    await page.goto(`${server.url}/reception`);
    await page.getByRole('tab', { name: 'Sổ tiếp công dân' }).click();
    await page.getByRole('button', { name: 'Ghi vào sổ' }).click();
    const entryDialog = page.getByRole('dialog', { name: 'Ghi vào sổ' });
    await entryDialog.getByLabel('Họ tên').fill('Lê Văn Tâm');
    await pick(page, entryDialog, 'Loại đơn', 'Khiếu nại');
    await entryDialog
      .getByLabel('Nội dung sự việc')
      .fill('Mười hai hộ khiếu nại đơn giá bồi thường đất làm đường.');
    await entryDialog.getByLabel('Số người cùng nội dung').fill('12');
    const names = entryDialog.getByLabel('Người đại diện (mỗi dòng một người)');
    await names.fill(
      ['Lê Văn Tâm', 'Phạm Thị Lan', 'Ngô Văn Hải', 'Đỗ Thị Mai', 'Vũ Văn Nam', 'Hà Thị Thu'].join('\n'),
    );
    await entryDialog.getByRole('button', { name: 'Lưu' }).click();
    await entryDialog
      .getByText(
        'Trên 10 người cùng nội dung thì cử từ 1 đến 5 người đại diện (Luật Tiếp công dân 2013, Điều 29–30).',
      )
      .waitFor();
    await names.fill('Lê Văn Tâm\nPhạm Thị Lan');
    await entryDialog.getByRole('button', { name: 'Lưu' }).click();
    await closesAfterSave(entryDialog);
    const line = page.locator('tr[data-entry="2"]');
    await line.getByText('12 người cùng nội dung · Lê Văn Tâm, Phạm Thị Lan').waitFor();
    // Found by a representative's name typed without diacritics.
    await page.getByLabel('Tìm theo số, họ tên, nội dung, yêu cầu (không cần dấu)').fill('pham thi lan');
    await page.locator('tr[data-entry="1"]').waitFor({ state: 'detached' });
    await line.waitFor();
    await page.context().close();
  });

  it('the public schedule shows the published day and nothing of the register', async () => {
    const reply = await fetch(`${server.url}/tiep-cong-dan`);
    const body = await reply.text();
    expect(reply.status).toBe(200);
    expect(body).toContain(formatDateVi(nextWeek));
    expect(body).toContain('Phòng tiếp công dân, trụ sở UBND phường');
    for (const secret of ['Trần Thị Hoa', 'Cống thoát nước', 'Khu phố 3']) expect(body).not.toContain(secret);
  });

  it('the schedule fits a 390 px phone', { timeout: 120_000 }, async () => {
    const page = await newPage({ width: 1440, height: 900 });
    await signInAs(page, server, 'baocao.phohien');
    await page.goto(`${server.url}/reception`);
    await page.locator(`[data-session="${nextWeek}"]`).first().waitFor();
    await resizeTo(page, { width: 390, height: 844 });
    const card = page.locator(`[data-session="${nextWeek}"]`);
    await card.getByText(`Đã công bố ngày ${formatDateVi(today)}`).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/schedule-390.png`, fullPage: true });
    await page.getByRole('tab', { name: 'Sổ tiếp công dân' }).click();
    await page.locator('[data-entry="1"]').getByText('Trần Thị Hoa').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/register-390.png`, fullPage: true });
    await page.context().close();
  });
});
