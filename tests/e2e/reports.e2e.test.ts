import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;
const pages: Record<string, Page> = {};
const page = (user: string) => pages[user] as Page;
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
    await p
      .getByRole('row')
      .filter({ hasText: 'Phường Phố Hiến' })
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
    await expect(p.getByLabel('Kết quả đạt được').inputValue()).resolves.toBe(
      'Tiếp nhận 1.250 hồ sơ, 98% đúng hạn.',
    );
    await p.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await status(p, 'Đã gửi, chờ duyệt');
  });

  it('the coordinator returns it with a reason; the head corrects and resends; it is accepted', async () => {
    const coordinator = page('dieuphoi');
    await coordinator.goto(`${server.url}/reports`);
    await coordinator
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
    await head.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await status(head, 'Đã gửi, chờ duyệt');

    await coordinator.reload();
    await expect(coordinator.getByLabel('Kết quả đạt được').inputValue()).resolves.toContain(
      '410 hồ sơ trực tuyến',
    );
    await coordinator.getByRole('button', { name: 'Tiếp nhận' }).click();
    await status(coordinator, 'Đã tiếp nhận');
    for (const step of ['Mở báo cáo', 'Đã gửi', 'Trả lại', 'Tiếp nhận'])
      await coordinator.getByText(step, { exact: true }).first().waitFor();
    await coordinator.screenshot({ path: join(tmpdir(), 'chiso-e2e-report.png'), fullPage: true });
    await coordinator.goto(`${server.url}/reports`);
    await coordinator
      .getByRole('row')
      .filter({ hasText: 'Phường Phố Hiến' })
      .getByText('Đã tiếp nhận')
      .waitFor();
  });
});
