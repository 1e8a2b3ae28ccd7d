import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../server/files/tabular.ts';
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
 * The staff's side of citizens' feedback: a petition sent through the public API lands in Phường Phố
 * Hiến's inbox; its reporter, on a phone, opens it, accepts it and answers it "đã giải quyết" through
 * the confirmation; a step taken on a stale version says so and shows the item as it is; the province's
 * coordinator, on a desktop, reads the figures (answered on time, resolved) and enters a hotline call.
 */
const SHOTS = '/tmp/feedback-shots';
let server: RunningServer;
let browser: Browser;
const sent: Record<'main' | 'stale', { code: string; text: string }> = {
  main: { code: '', text: 'Đèn đường ở ngõ 12 phố Nguyễn Văn Linh hỏng đã hai tuần, buổi tối rất tối.' },
  stale: { code: '', text: 'Rác thải để ở đầu ngõ 5 phố Bãi Sậy ba ngày chưa được thu gom.' },
};

async function submit(text: string, address: string): Promise<string> {
  const reply = await fetch(`${server.url}/api/public/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({
      kind: 'pakn_general',
      categoryCode: 'infrastructure',
      communeCode: '11953',
      text,
      citizenName: 'Nguyễn Văn An',
      contactPhone: '0912 345 678',
    }),
  });
  const json = (await reply.json()) as { code: string };
  expect(reply.status).toBe(201);
  return json.code;
}

async function newPage(size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: size });
  context.setDefaultTimeout(60_000);
  return context.newPage();
}

/** Nothing on the page is wider than the screen: no sideways scrolling of the page itself. */
const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  sent.main.code = await submit(sent.main.text, '10.1.1.1');
  sent.stale.code = await submit(sent.stale.text, '10.1.1.2');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the commune’s reporter handles a petition on a phone', () => {
  it('sees it from home, opens it, accepts and answers it through the confirmation', {
    timeout: 240_000,
  }, async () => {
    const page = await newPage({ width: 390, height: 844 });
    await signInAs(page, server, 'baocao.phohien');
    // Home says two new petitions wait, and leads to the inbox.
    await page.getByRole('link', { name: 'Phản ánh mới chờ nhận xử lý: 2' }).click();
    await page.getByRole('heading', { name: 'Hộp phản ánh, kiến nghị' }).waitFor();
    const card = page.locator(`[data-feedback="${sent.main.code}"]`);
    await card.getByText('Hạ tầng').first().waitFor();
    expect(await card.textContent()).toContain('Phường Phố Hiến');
    expect(await card.textContent()).toContain('Đã tiếp nhận');
    expect(await page.getByRole('tab', { name: /^Mới/ }).locator('.mantine-Badge-label').textContent()).toBe(
      '2',
    );
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/inbox-390.png`, fullPage: true });

    await card.getByRole('link', { name: sent.main.code }).click();
    await page.getByRole('heading', { name: sent.main.code }).waitFor();
    await page.getByText(sent.main.text).waitFor();
    const contact = page.getByRole('region', { name: 'Người gửi và liên hệ' });
    await contact.getByText('Riêng tư: chỉ cán bộ xử lý được xem, không công khai').waitFor();
    expect(await contact.textContent()).toContain('0912345678');
    const history = page.getByRole('region', { name: 'Lịch sử xử lý' });
    expect(
      await history
        .locator('[data-event]')
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-event'))),
    ).toEqual(['received']);
    expect(await history.textContent()).toContain('Người gửi');

    // The steps the workflow allows on a new item, and only those.
    const actions = page.getByRole('region', { name: 'Xử lý' });
    expect(await actions.getByRole('button').allInnerTexts()).toEqual([
      'Nhận xử lý',
      'Chuyển đơn vị khác',
      'Hỏi người gửi bổ sung',
      'Không thuộc thẩm quyền',
      'Đánh dấu trùng',
      'Đánh dấu spam',
    ]);
    await page.getByRole('button', { name: 'Nhận xử lý' }).click();
    await page.getByText('Đã nhận xử lý', { exact: true }).waitFor();
    // An internal note, kept apart from the history.
    await page.getByLabel('Ghi chú mới').fill('Đã gọi điện lại cho người gửi, hẹn kiểm tra trong tuần.');
    await page.getByRole('button', { name: 'Thêm ghi chú' }).click();
    await page
      .getByRole('region', { name: 'Ghi chú nội bộ' })
      .getByText('Đã gọi điện lại cho người gửi, hẹn kiểm tra trong tuần.')
      .waitFor();

    await page.getByRole('button', { name: 'Trả lời', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Trả lời người gửi' });
    await dialog.getByText(/Người gửi sẽ thấy bước này/).waitFor();
    await dialog.getByText('Bước này không hoàn tác được.').waitFor();
    const answer = 'Phường đã thay bóng đèn ngày 02/12/2026; đèn sáng bình thường.';
    await dialog.getByLabel('Nội dung trả lời').fill(answer);
    expect(await dialog.getByRole('radio', { name: 'Đã giải quyết' }).isChecked()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/answer-dialog-390.png` });
    await dialog.getByRole('button', { name: 'Gửi trả lời' }).click();
    await closesAfterSave(dialog);
    await page.getByText('Đã trả lời', { exact: true }).waitFor();
    await page.getByText(answer).waitFor();
    expect(
      await history
        .locator('[data-event]')
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-event'))),
    ).toEqual(['received', 'accept', 'answer']);
    // Answered, so only closing is left.
    expect(await actions.getByRole('button').allInnerTexts()).toEqual(['Đóng phản ánh']);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    // Once the dialog's overlay has faded out.
    await resizeTo(page, { width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/item-390.png`, fullPage: true });
    await page.context().close();
  });

  it('a step on a version someone else changed says so and shows the item as it is now', {
    timeout: 120_000,
  }, async () => {
    const page = await newPage({ width: 390, height: 844 });
    await signInAs(page, server, 'baocao.phohien');
    await page.goto(`${server.url}/feedback`);
    await page.locator(`[data-feedback="${sent.stale.code}"]`).getByRole('link').click();
    await page.getByText(sent.stale.text).waitFor();
    // The coordinator accepts it first, through the API.
    const coordinator = await apiAs(server, 'dieuphoi');
    const list = await coordinator('GET', `/api/feedback?q=${sent.stale.code}`);
    const item = list.json.items[0];
    expect(
      (
        await coordinator('POST', `/api/feedback/${item.id}/actions`, {
          type: 'accept',
          version: item.version,
        })
      ).status,
    ).toBe(200);
    await page.getByRole('button', { name: 'Nhận xử lý' }).click();
    await page
      .getByRole('alert')
      .getByText(/Phản ánh vừa được người khác xử lý/)
      .waitFor();
    await page.getByText('Đã nhận xử lý', { exact: true }).waitFor();

    // It is spam: closed with a reason, never deleted; the reason is required.
    await page.getByRole('button', { name: 'Đánh dấu spam' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đánh dấu spam' });
    await dialog.getByText(/không bị xoá, lý do chỉ lưu nội bộ/).waitFor();
    const confirm = dialog.getByRole('button', { name: 'Đánh dấu spam' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Lý do đánh dấu spam').fill('Nội dung quảng cáo, không phải phản ánh.');
    await confirm.click();
    await closesAfterSave(dialog);
    await page.getByText('Không phải phản ánh (spam)').first().waitFor();
    expect(await page.getByText('Đã đóng', { exact: true }).count()).toBe(1);
    await page.context().close();
  });
});

describe('the province’s coordinator on a desktop', () => {
  it('reads the figures: answered on time and resolved, as numerator/denominator', {
    timeout: 120_000,
  }, async () => {
    const page = await newPage({ width: 1440, height: 900 });
    await signInAs(page, server, 'dieuphoi');
    await page.getByRole('navigation').getByRole('link', { name: 'Ý kiến người dân' }).click();
    const figures = page.getByRole('region', { name: 'Chỉ số năm 2026' });
    const ratio = (label: string) => figures.locator(`[data-kpi="${label}"] [data-testid="ratio"]`);
    // The answered item counts, on time and resolved; the spam one, though closed, counts in neither.
    await ratio('feedbackKpiOnTime').getByText('1/1').waitFor();
    expect(await ratio('feedbackKpiResolved').textContent()).toBe('1/1');
    await figures.locator('[data-kpi="feedbackKpiMedian"]').getByText('0 ngày', { exact: true }).waitFor();
    expect(await figures.locator('[data-kpi="feedbackKpiClosed"] p').allInnerTexts()).toEqual([
      'Đã đóng',
      '1',
    ]);
    // Phố Hiến's line below: both arrived, the answered one on time against the province's target.
    const phoHien = figures
      .getByRole('table', { name: 'Theo đơn vị' })
      .getByRole('row', { name: /Phường Phố Hiến/ });
    const cells = (await phoHien.locator('td').allInnerTexts()).map((cell) => cell.replace(/\s+/g, ' '));
    expect(cells).toEqual(['Phường Phố Hiến', '2', '1/1 (100%) Đạt', '1/1', '0', '0 ngày']);
    const row = page
      .getByRole('table', { name: 'Hộp phản ánh, kiến nghị' })
      .locator(`[data-feedback="${sent.main.code}"]`);
    expect(await row.locator('td').allInnerTexts()).toEqual([
      // The box to choose it for a step taken on several at once.
      '',
      sent.main.code,
      'Hạ tầng',
      'Phường Phố Hiến',
      expect.stringMatching(/^\d\d\/\d\d\/2026$/),
      expect.stringMatching(/^\d\d\/\d\d\/2026$/),
      'Đã trả lời\nĐã giải quyết',
      'Phường Phố Hiến',
    ]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(1440);
    await page.screenshot({ path: `${SHOTS}/inbox-1440.png`, fullPage: true });
    // The whole tab as a spreadsheet, read back: the answered item in words.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải .xlsx' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Phản ánh, kiến nghị \(tất cả\) ngày \d\d-12-2026\.xlsx$/);
    const sheet = await readTable(readFileSync((await download.path()) ?? ''), 'xlsx');
    const exported = sheet.rows.find((cells) => cells[0] === sent.main.code);
    expect(exported?.slice(7, 9)).toEqual(['Đã trả lời', 'Đã giải quyết']);
    await row.getByRole('link').click();
    await page.getByText(sent.main.text).waitFor();
    await page.screenshot({ path: `${SHOTS}/item-1440.png`, fullPage: true });
    await page.context().close();
  });

  it('enters a petition that came by the hotline: the channel is required', {
    timeout: 120_000,
  }, async () => {
    const page = await newPage({ width: 1440, height: 900 });
    await signInAs(page, server, 'dieuphoi');
    await page.goto(`${server.url}/feedback`);
    await page.getByRole('button', { name: 'Nhập phản ánh' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nhập phản ánh' });
    await dialog.getByLabel('Lĩnh vực').click();
    await page.getByRole('option', { name: 'Hạ tầng' }).click();
    await dialog.getByLabel('Xã, phường').fill('Pho Hien');
    await page.getByRole('option', { name: 'Phường Phố Hiến' }).click();
    const text = 'Người dân gọi đường dây nóng: cống thoát nước phố Điện Biên bị tắc, nước tràn lên đường.';
    await dialog.getByLabel('Nội dung người gửi').fill(text);
    await dialog.getByRole('button', { name: 'Nhập phản ánh' }).click();
    await dialog.getByText('Hãy chọn kênh tiếp nhận.').waitFor();
    // Nothing typed is lost.
    expect(await dialog.getByLabel('Nội dung người gửi').inputValue()).toBe(text);
    await page.screenshot({ path: `${SHOTS}/enter-1440.png` });
    await dialog.getByLabel('Kênh tiếp nhận').click();
    await page.getByRole('option', { name: 'Đường dây nóng' }).click();
    await dialog.getByRole('button', { name: 'Nhập phản ánh' }).click();
    await closesAfterSave(dialog);
    await page.getByText(text).waitFor();
    await page.getByText('Đường dây nóng', { exact: true }).waitFor();
    await page.context().close();
  });
});

describe('the province’s settings', () => {
  it('the coordinator says who answers land petitions and sets a clock; both are kept; a commune is not offered them', {
    timeout: 180_000,
  }, async () => {
    const page = await newPage({ width: 1440, height: 900 });
    await signInAs(page, server, 'dieuphoi');
    await page.goto(`${server.url}/feedback`);
    await page.getByRole('link', { name: 'Cài đặt tiếp nhận phản ánh' }).click();
    const routing = page.getByRole('region', { name: 'Phân công đơn vị giải quyết' });
    await routing.getByText('Chưa có dòng nào: mỗi xã, phường tự giải quyết phản ánh về mình.').waitFor();
    await routing.getByRole('button', { name: 'Thêm dòng' }).click();
    await routing.getByLabel('Lĩnh vực 1').click();
    await page.getByRole('option', { name: 'Đất đai' }).click();
    // Not saved until it names the unit that answers.
    await routing.getByText('1 dòng chưa đủ, chưa lưu').waitFor();
    await routing.getByLabel('Đơn vị giải quyết 1').fill('nong nghiep');
    await page.getByRole('option', { name: 'Sở Nông nghiệp và Môi trường' }).click();
    await routing.getByText(/^Đã lưu/).waitFor();
    const clocks = page.getByRole('region', { name: 'Thời hạn tỉnh quy định' });
    const first = clocks.getByRole('textbox').first();
    await first.fill('12');
    await clocks.getByText(/^Đã lưu/).waitFor();
    await page.screenshot({ path: `${SHOTS}/settings-1440.png`, fullPage: true });

    // Read back after a reload: the line and the number are kept, in words.
    await page.reload();
    await routing.getByLabel('Lĩnh vực 1').waitFor();
    expect(await routing.getByLabel('Lĩnh vực 1').inputValue()).toBe('Đất đai');
    expect(await routing.getByLabel('Đơn vị giải quyết 1').inputValue()).toBe('Sở Nông nghiệp và Môi trường');
    expect(await routing.getByLabel('Xã, phường 1').inputValue()).toBe('');
    expect(await clocks.getByRole('textbox').first().inputValue()).toBe('12');
    // The law's own numbers are not offered; the sources are said in words.
    expect(await clocks.textContent()).not.toMatch(/unconfirmed|province_default|workdays/);
    await resizeTo(page, { width: 390, height: 844 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/settings-390.png`, fullPage: true });
    await page.context().close();

    // A land petition about Phố Hiến now lands with the department.
    const reply = await fetch(`${server.url}/api/public/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.1.1.9' },
      body: JSON.stringify({
        kind: 'pakn_general',
        categoryCode: 'land',
        communeCode: '11953',
        text: 'Đề nghị kiểm tra việc lấn chiếm đất hành lang giao thông ở tổ dân phố 3.',
      }),
    });
    expect(reply.status).toBe(201);
    const { code } = (await reply.json()) as { code: string };
    const item = (await (
      await fetch(`${server.url}/api/public/feedback/${code}`, { headers: { accept: 'application/json' } })
    ).json()) as { handlingUnitName: string };
    expect(item.handlingUnitName).toBe('Sở Nông nghiệp và Môi trường');

    // A commune's reporter has no settings to change.
    const commune = await newPage({ width: 1440, height: 900 });
    await signInAs(commune, server, 'baocao.phohien');
    await commune.goto(`${server.url}/feedback`);
    await commune.getByRole('heading', { name: 'Hộp phản ánh, kiến nghị' }).waitFor();
    expect(await commune.getByRole('link', { name: 'Cài đặt tiếp nhận phản ánh' }).count()).toBe(0);
    await commune.context().close();
  });
});

describe('several items at once', () => {
  it('the coordinator receives two new petitions in one step and sets one aside as spam with its reason', {
    timeout: 180_000,
  }, async () => {
    const texts = [
      'Xin kiểm tra đèn tín hiệu giao thông ở ngã tư Hồng Châu, đèn vàng nhấp nháy cả ngày.',
      'Đề nghị sửa mặt đường trước trường tiểu học Hồng Châu, nhiều ổ gà sau mưa.',
      'Quảng cáo: mua bán nhà đất giá rẻ, liên hệ ngay.',
    ];
    // Entered from the hotline by the coordinator (the public form's limit per address is spent by now).
    const coordinator = await apiAs(server, 'dieuphoi');
    const codes: string[] = [];
    for (const text of texts) {
      const reply = await coordinator('POST', '/api/feedback', {
        kind: 'pakn_general',
        categoryCode: 'infrastructure',
        communeCode: '11980',
        text,
        channel: 'hotline',
      });
      expect(reply.status).toBe(201);
      codes.push(reply.json.code as string);
    }
    const page = await newPage({ width: 1440, height: 900 });
    await signInAs(page, server, 'dieuphoi');
    await page.goto(`${server.url}/feedback`);
    await page.getByRole('tab', { name: /^Mới/ }).click();
    for (const code of codes.slice(0, 2)) await page.getByRole('checkbox', { name: `Chọn ${code}` }).check();
    const bar = page.getByRole('region', { name: 'Xử lý nhiều phản ánh' });
    await bar.getByText('Đã chọn 2').waitFor();
    await bar.getByRole('button', { name: 'Nhận xử lý (2)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nhận xử lý (2)' });
    await dialog
      .getByText('2 phản ánh được nhận xử lý; người gửi thấy bước này trên trang theo dõi.')
      .waitFor();
    // Which items, by their codes, in the inbox's order.
    expect(await dialog.textContent()).toContain(`${codes[1]}, ${codes[0]}`);
    await page.screenshot({ path: `${SHOTS}/bulk-confirm-1440.png` });
    await dialog.getByRole('button', { name: 'Nhận xử lý' }).click();
    await page.getByText('Đã xử lý 2 phản ánh').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    // They left the "new" tab; the third is still there.
    await page.locator(`[data-feedback="${codes[0]}"]`).waitFor({ state: 'detached' });
    await page.locator(`[data-feedback="${codes[2]}"]`).waitFor();

    await page.getByRole('checkbox', { name: `Chọn ${codes[2]}` }).check();
    await bar.getByRole('button', { name: 'Đánh dấu spam (1)' }).click();
    const spam = page.getByRole('dialog', { name: 'Đánh dấu spam (1)' });
    await spam.getByText(/Không phản ánh nào bị xóa/).waitFor();
    // The reason is required: nothing happens without it.
    expect(await spam.getByRole('button', { name: 'Đánh dấu spam' }).isDisabled()).toBe(true);
    await spam
      .getByLabel('Lý do (chung cho các phản ánh đã chọn)')
      .fill('Tin quảng cáo, không phải phản ánh');
    await spam.getByRole('button', { name: 'Đánh dấu spam' }).click();
    await page.getByText('Đã xử lý 1 phản ánh').waitFor();
    await page.locator(`[data-feedback="${codes[2]}"]`).waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: /^Tất cả/ }).click();
    const row = page.locator(`[data-feedback="${codes[2]}"]`);
    await row.getByText('Không phải phản ánh (spam)').waitFor();
    await page.context().close();
  });
});
