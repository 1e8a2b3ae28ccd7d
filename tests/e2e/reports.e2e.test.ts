import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodName } from '../../core/periods/period-names.ts';
import { createSeedPlan, launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

/** The text of a .docx's body, every run in order. */
async function docxText(zip: JSZip): Promise<string> {
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

let server: RunningServer;
let browser: Browser;
const pages: Record<string, Page> = {};
const page = (user: string) => pages[user] as Page;

/** "Gửi báo cáo", then the confirmation that says where it goes and that it becomes read-only. */
async function send(p: Page) {
  await p.getByRole('button', { name: 'Gửi báo cáo' }).click();
  const dialog = p.getByRole('dialog', { name: 'Gửi báo cáo?' });
  await dialog.getByText(/sẽ được gửi tới cán bộ điều phối cấp trên/).waitFor();
  await dialog.getByRole('button', { name: 'Gửi báo cáo' }).click();
}
let reportUrl = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  for (const user of ['baocao.phohien', 'chutich.phohien', 'dieuphoi']) {
    const context = await browser.newContext({ locale: 'vi-VN' });
    pages[user] = await context.newPage();
    await signInAs(pages[user], server, user);
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const status = (p: Page, name: string) => p.getByText(name, { exact: true }).first().waitFor();

describe('a commune’s quarterly report: written, sent, returned, corrected, accepted', () => {
  it('the commune’s reporter writes the report; it saves as it is typed', async () => {
    const p = page('baocao.phohien');
    await p.getByRole('navigation').getByText('Báo cáo định kỳ').click();
    // The inbox lists the reports falling due around today, the earliest still to write first.
    await p
      .getByRole('table', { name: 'Báo cáo cần viết' })
      .getByRole('row')
      .filter({ hasText: 'Phường Phố Hiến' })
      .first()
      .getByRole('button', { name: 'Soạn báo cáo' })
      .click();
    await p.getByRole('heading', { name: 'Phường Phố Hiến' }).waitFor();
    reportUrl = new URL(p.url()).pathname;
    await p.getByLabel('Kết quả đạt được').fill('Tiếp nhận 1.250 hồ sơ, 98% đúng hạn.');
    await p.getByText(/Đã lưu lúc/).waitFor();
  });

  it('the head sends it', async () => {
    const p = page('chutich.phohien');
    await p.goto(`${server.url}${reportUrl}`);
    await expect
      .poll(() => p.getByLabel('Kết quả đạt được').inputValue())
      .toBe('Tiếp nhận 1.250 hồ sơ, 98% đúng hạn.');
    await send(p);
    await status(p, 'Đã gửi, chờ duyệt');
  });

  it('the coordinator returns it with a reason; the head corrects and resends; it is accepted', async () => {
    const coordinator = page('dieuphoi');
    await coordinator.goto(`${server.url}/reports`);
    await coordinator
      .getByRole('table', { name: 'Chờ duyệt' })
      .getByRole('row')
      .filter({ hasText: 'Phường Phố Hiến' })
      .getByRole('button', { name: 'Xem báo cáo' })
      .click();
    await coordinator.getByLabel('Lý do').fill('Bổ sung số hồ sơ trực tuyến toàn trình');
    await coordinator.getByRole('button', { name: 'Trả lại' }).click();
    await status(coordinator, 'Bị trả lại');

    const head = page('chutich.phohien');
    await head.reload();
    await head.getByText('Bổ sung số hồ sơ trực tuyến toàn trình').first().waitFor();
    await head
      .getByLabel('Kết quả đạt được')
      .fill('Tiếp nhận 1.250 hồ sơ, 98% đúng hạn; 410 hồ sơ trực tuyến toàn trình.');
    await send(head);
    await status(head, 'Đã gửi, chờ duyệt');

    await coordinator.reload();
    await expect
      .poll(() => coordinator.getByLabel('Kết quả đạt được').inputValue())
      .toContain('410 hồ sơ trực tuyến');
    await coordinator.getByRole('button', { name: 'Tiếp nhận' }).click();
    await status(coordinator, 'Đã tiếp nhận');
    for (const step of ['Mở báo cáo', 'Đã gửi', 'Trả lại', 'Tiếp nhận'])
      await coordinator.getByText(step, { exact: true }).first().waitFor();
    await coordinator.screenshot({ path: join(tmpdir(), 'chiso-e2e-report.png'), fullPage: true });
    await coordinator.goto(`${server.url}/reports`);
    await coordinator.getByText('Không có báo cáo nào chờ duyệt.').waitFor();
  });

  it('the head downloads the commune’s report as a .docx to sign and attaches the signed copy', async () => {
    const head = page('chutich.phohien');
    await head.goto(`${server.url}${reportUrl}`);
    const [download] = await Promise.all([
      head.waitForEvent('download'),
      head.getByRole('link', { name: 'Tải báo cáo .docx để trình ký' }).click(),
    ]);
    const text = docxText(await JSZip.loadAsync(readFileSync(await download.path())));
    expect(await text).toContain('PHƯỜNG PHỐ HIẾN');
    expect(await text).toMatch(/Phố Hiến, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    expect(await text).toContain('Tiếp nhận 1.250 hồ sơ, 98% đúng hạn; 410 hồ sơ trực tuyến toàn trình.');
    await head.getByText('Chưa có bản đã ký.').waitFor();
    const [chooser] = await Promise.all([
      head.waitForEvent('filechooser'),
      head.getByRole('button', { name: 'Đính kèm bản đã ký (.pdf, ảnh)' }).click(),
    ]);
    await chooser.setFiles({
      name: 'bao-cao-da-ky.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\nbáo cáo đã ký, đóng dấu\n%%EOF'),
    });
    await head.getByText('Đã đính kèm bản đã ký.').waitFor();
    await head.getByRole('link', { name: 'bao-cao-da-ky.pdf' }).waitFor();
    // The coordinator sees the signed copy on the report.
    const coordinator = page('dieuphoi');
    await coordinator.goto(`${server.url}${reportUrl}`);
    await coordinator.getByRole('link', { name: 'bao-cao-da-ky.pdf' }).waitFor();
  });

  it('the coordinator edits the consolidated report’s sections, then exports the .docx with them', async () => {
    const coordinator = page('dieuphoi');
    const reportId = reportUrl.split('/').pop();
    const periodCode = (
      (await (await coordinator.request.get(`${server.url}/api/reports/${reportId}`)).json()) as {
        period: { code: string };
      }
    ).period.code;
    await createSeedPlan(coordinator, server, { targets: true });
    await coordinator.goto(`${server.url}/reports`);
    await coordinator.getByRole('tab', { name: 'Báo cáo tổng hợp' }).click();
    const input = (label: string) =>
      coordinator.locator('input').and(coordinator.getByLabel(label, { exact: true }));
    await input('Kế hoạch được báo cáo').click();
    await coordinator.getByRole('option', { name: /29\/KH-UBND/ }).click();
    // The period in words, picked in its year (the report's period may be last year's in January).
    await input('Năm').click();
    await coordinator.getByRole('option', { name: periodCode.slice(0, 4), exact: true }).click();
    await input('Kỳ báo cáo').click();
    await coordinator.getByRole('option', { name: periodName(periodCode), exact: true }).click();
    // Until saved, the sections gather what the units reported.
    const overview = coordinator.getByLabel('Đánh giá chung', { exact: true });
    await expect.poll(() => overview.inputValue()).toContain('410 hồ sơ trực tuyến toàn trình');
    await coordinator.getByText('Gợi ý từ báo cáo của các đơn vị (chưa lưu)').waitFor();
    await overview.fill(`${await overview.inputValue()}\nCác đơn vị hoàn thành tốt nhiệm vụ của quý.`);
    await coordinator
      .getByLabel('Đề xuất, kiến nghị', { exact: true })
      .fill('Đề nghị Bộ Nội vụ hướng dẫn thêm.');
    await coordinator.getByText(/Đã lưu lúc/).waitFor();
    await coordinator.getByRole('button', { name: 'Xuất .docx' }).click();
    const link = coordinator.getByRole('link', { name: /\.docx$/ }).first();
    await link.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([coordinator.waitForEvent('download'), link.click()]);
    const text = await docxText(await JSZip.loadAsync(readFileSync(await download.path())));
    expect(text).toContain('BÁO CÁO');
    const period = periodName(periodCode);
    expect(text).toContain(`${period.charAt(0).toLowerCase()}${period.slice(1)}`);
    expect(text).toContain('Các đơn vị hoàn thành tốt nhiệm vụ của quý.');
    expect(text).toContain('IV. ĐỀ XUẤT, KIẾN NGHỊĐề nghị Bộ Nội vụ hướng dẫn thêm.');
    expect(text).toContain('Phường Phố Hiến: Tiếp nhận 1.250 hồ sơ');
    expect(text).toContain('Lĩnh vựcHoàn thànhĐang thực hiệnChưa thực hiệnTrễ hạnTổng số');
    // Reloaded, the page shows the saved text, not the suggestion.
    await coordinator.reload();
    await coordinator.getByRole('tab', { name: 'Báo cáo tổng hợp' }).click();
    await input('Kế hoạch được báo cáo').click();
    await coordinator
      .getByRole('option', { name: /29\/KH-UBND/ })
      .first()
      .click();
    await input('Kỳ báo cáo').click();
    await coordinator.getByRole('option', { name: periodName(periodCode), exact: true }).click();
    await expect
      .poll(() => coordinator.getByLabel('Đề xuất, kiến nghị', { exact: true }).inputValue())
      .toBe('Đề nghị Bộ Nội vụ hướng dẫn thêm.');
  });
});

describe('the reporting calendar', () => {
  it('the coordinator sets an internal deadline; the board shows it', async () => {
    const coordinator = page('dieuphoi');
    await coordinator.goto(`${server.url}/reports`);
    await coordinator.getByRole('tab', { name: 'Cài đặt' }).click();
    await coordinator.getByLabel('Hạn nội bộ: số ngày làm việc sau ngày chốt').fill('2');
    await coordinator.getByRole('button', { name: 'Lưu' }).first().click();
    await coordinator.getByText('Đã lưu.').first().waitFor();
    await coordinator.getByRole('tab', { name: 'Tình hình gửi báo cáo' }).click();
    await coordinator.getByText(/Hạn nội bộ: \d{2}\/\d{2}\/\d{4}/).waitFor();
  });
});
