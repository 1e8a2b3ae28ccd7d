import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

/**
 * The demo on its first start holds a year in progress (server/setup/demo-year.ts): each demo account
 * finds its part of the yearly cycle at once. The server's clock starts on 2 December 2026, so the last
 * closed quarter is the third.
 */
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ CHISO_DEMO_YEAR: 'true', CHISO_NOW: '2026-12-02T09:00:00+07:00' });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function pageAs(username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await signInAs(page, server, username);
  return page;
}

describe('the demo year on its first start', () => {
  it('gives the appraiser this year’s round in its first appraisal, sheets waiting', async () => {
    const page = await pageAs('thamdinh');
    await page.getByRole('navigation').getByText('Đánh giá, chấm điểm').click();
    const current = page.getByRole('row').filter({ hasText: 'Đánh giá cải cách hành chính cấp xã năm 2026' });
    await current.getByText('Thẩm định lần 1').waitFor();
    expect(await page.getByText('Chưa có đợt đánh giá nào.').count()).toBe(0);
    await current.getByRole('link').click();
    await page.getByRole('heading', { name: 'Đánh giá cải cách hành chính cấp xã năm 2026' }).waitFor();
    await page.getByRole('link', { name: 'Phường Phố Hiến' }).waitFor();
    await page.close();
  });

  it('shows the leader last year’s published ranking of twenty communes', async () => {
    const page = await pageAs('lanhdao');
    await page.getByRole('navigation').getByText('Đánh giá, chấm điểm').click();
    const last = page.getByRole('row').filter({ hasText: 'Đánh giá cải cách hành chính cấp xã năm 2025' });
    await last.getByText('Đã công bố').waitFor();
    await last.getByRole('link').click();
    await page.getByRole('heading', { name: 'Đánh giá cải cách hành chính cấp xã năm 2025' }).waitFor();
    await page.goto(`${page.url()}/results`);
    await page
      .getByRole('heading', { name: 'Kết quả: Đánh giá cải cách hành chính cấp xã năm 2025' })
      .waitFor();
    await page.getByText('20/20 đơn vị tham gia xếp hạng.').waitFor();
    await page.getByRole('row').filter({ hasText: 'Phường Phố Hiến' }).waitFor();
    // On the overview, its remediation: twenty communes lost points, none has issued a plan yet; the
    // criterion most of them lost points on is the dossiers answered on time.
    await page.getByRole('navigation').getByText('Tổng quan', { exact: true }).click();
    const remediation = page.getByRole('region', { name: 'Tiến độ khắc phục' });
    await remediation
      .getByText('Đã ban hành 0 kế hoạch khắc phục · 0/20 đơn vị bị trừ điểm đã có kế hoạch')
      .waitFor();
    const first = remediation.getByTestId('remediation-criterion').first();
    await first.getByText('Tỷ lệ hồ sơ giải quyết đúng hạn').waitFor();
    await first.getByText('19 đơn vị bị trừ điểm · 0 có nhiệm vụ khắc phục').waitFor();
    await page.close();
  });

  it('gives Phố Hiến’s reporter the quarter’s report in draft and the tasks the province gave the ward', async () => {
    const page = await pageAs('baocao.phohien');
    await page.getByRole('link', { name: /Báo cáo cần viết: [1-9]/ }).waitFor();
    await page.getByRole('navigation').getByText('Báo cáo định kỳ').click();
    const inbox = page.getByRole('table', { name: 'Báo cáo cần viết' });
    await inbox.getByRole('row').filter({ hasText: 'Quý III/2026' }).getByText('Đang soạn').waitFor();
    await page.goto(`${server.url}/tasks`);
    await page.getByText('204/KH-UBND').first().waitFor();
    await page.close();
  });

  it('gives Phố Hiến’s head the report to send and the ward’s self-assessment, sent', async () => {
    const page = await pageAs('chutich.phohien');
    await page.getByRole('navigation').getByText('Báo cáo định kỳ').click();
    await page
      .getByRole('table', { name: 'Báo cáo cần viết' })
      .getByRole('row')
      .filter({ hasText: 'Quý III/2026' })
      .getByText('Đang soạn')
      .waitFor();
    await page.getByRole('navigation').getByText('Đánh giá, chấm điểm').click();
    await page
      .getByRole('row')
      .filter({ hasText: 'Đánh giá cải cách hành chính cấp xã năm 2026' })
      .getByRole('link')
      .click();
    await page.getByRole('link', { name: 'Phường Phố Hiến' }).click();
    await page.getByRole('heading', { name: 'Phường Phố Hiến' }).waitFor();
    expect(await page.getByRole('button', { name: 'Gửi kết quả tự đánh giá' }).count()).toBe(0);
    await page.close();
  });
});

describe('the demo year’s petitions', () => {
  it('shows the leader the year’s petitions and the coordinator an inbox with overdue ones to chase', async () => {
    const leader = await pageAs('lanhdao');
    const card = leader.getByRole('region', { name: 'Phản ánh, kiến nghị năm 2026' });
    // Fourteen that count (the spam one does not): ten answered on time or still within the deadline.
    await card.getByText('Đã tiếp nhận: 14').waitFor();
    expect(await card.textContent()).toContain('Đúng hạn (đã trả lời hoặc còn hạn): 10/14 (71,4%)');
    await card.getByText('Đơn vị quá hạn nhiều nhất').waitFor();
    await leader.close();

    const coordinator = await pageAs('dieuphoi');
    await coordinator.getByRole('navigation').getByText('Ý kiến người dân').click();
    const overdue = coordinator.getByRole('tab', { name: /^Quá hạn/ });
    expect(await overdue.locator('.mantine-Badge-label').textContent()).toBe('3');
    await overdue.click();
    // Among them the one about an official's attitude, and the one the department has not answered.
    const table = coordinator.getByRole('table', { name: 'Hộp phản ánh, kiến nghị' });
    await table.getByText('Thái độ cán bộ').waitFor();
    await table.getByText('Sở Nông nghiệp và Môi trường').waitFor();
    await coordinator.close();
  });
});
