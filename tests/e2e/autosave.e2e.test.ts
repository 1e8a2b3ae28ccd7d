import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSeedPlan,
  fillRoundDialog,
  launchBrowser,
  type RunningServer,
  resizeTo,
  signInAs,
  startServer,
} from './harness.ts';

// Nothing a user types is lost: every autosaving form is typed into and left at once (a route change
// straight after typing, and a reload), then read back.

let server: RunningServer;
let browser: Browser;
const pages: Record<string, Page> = {};
const page = (user: string) => pages[user] as Page;
let reportUrl = '';
let sheetUrl = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  for (const user of ['baocao.phohien', 'chutich.phohien', 'dieuphoi']) {
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1440, height: 900 } });
    pages[user] = await context.newPage();
    await signInAs(pages[user], server, user);
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const DOC_SIGNED = 'Tỷ lệ văn bản điện tử có chữ ký số';
const leaveAndComeBack = async (p: Page, url: string) => {
  // Straight after typing: no wait for the debounce.
  await p.getByRole('navigation').getByText('Báo cáo định kỳ').click();
  await p.waitForURL((current) => current.pathname !== url);
  await p.goto(`${server.url}${url}`);
};

async function openReport(p: Page) {
  await p.goto(`${server.url}/reports`);
  await p
    .getByRole('table', { name: 'Báo cáo cần viết' })
    .getByRole('row')
    .filter({ hasText: 'Phường Phố Hiến' })
    .first()
    .getByRole('button', { name: 'Soạn báo cáo' })
    .click();
  await p.getByRole('heading', { name: 'Phường Phố Hiến' }).waitFor();
  return new URL(p.url()).pathname;
}

describe('the periodic report', () => {
  it('narrative typed and left at once (route change, then reload) is there on return', async () => {
    const p = page('baocao.phohien');
    reportUrl = await openReport(p);
    await p.getByLabel('Kết quả đạt được').fill('Tiếp nhận 1.250 hồ sơ.');
    await leaveAndComeBack(p, reportUrl);
    await expect.poll(() => p.getByLabel('Kết quả đạt được').inputValue()).toBe('Tiếp nhận 1.250 hồ sơ.');

    await p.getByLabel('Tồn tại, hạn chế').fill('Hồ sơ trực tuyến còn ít.');
    await p.reload();
    await expect.poll(() => p.getByLabel('Tồn tại, hạn chế').inputValue()).toBe('Hồ sơ trực tuyến còn ít.');
    await p
      .getByText(/Đã lưu lúc|Kết quả đạt được/)
      .first()
      .waitFor();
  });

  it('indicator values save with no button, and survive leaving and reloading at once', async () => {
    const p = page('baocao.phohien');
    await p.goto(`${server.url}${reportUrl}`);
    expect(await p.getByRole('button', { name: 'Lưu số liệu chỉ số' }).count()).toBe(0);
    await p.getByLabel(`${DOC_SIGNED}: Tử số`).fill('180');
    await p.getByLabel(`${DOC_SIGNED}: Mẫu số`).fill('200');
    await leaveAndComeBack(p, reportUrl);
    await expect.poll(() => p.getByLabel(`${DOC_SIGNED}: Tử số`).inputValue()).toBe('180');
    await expect.poll(() => p.getByLabel(`${DOC_SIGNED}: Mẫu số`).inputValue()).toBe('200');

    await p.getByLabel(`${DOC_SIGNED}: Ghi chú, kết quả`).fill('Trừ văn bản mật');
    await p.reload();
    await expect
      .poll(() => p.getByLabel(`${DOC_SIGNED}: Ghi chú, kết quả`).inputValue())
      .toBe('Trừ văn bản mật');
  });

  it('two people on the same report: the second sees both versions and keeps theirs', async () => {
    const reporter = page('baocao.phohien');
    const head = page('chutich.phohien');
    await reporter.goto(`${server.url}${reportUrl}`);
    await head.goto(`${server.url}${reportUrl}`);
    await head.getByLabel('Nguyên nhân').waitFor();
    await reporter.getByLabel('Nguyên nhân').fill('Thiếu cán bộ (bản của cán bộ báo cáo)');
    await reporter.getByText(/Đã lưu lúc/).waitFor();
    await reporter.screenshot({ path: '/tmp/save-state-1440.png' });
    await resizeTo(reporter, { width: 390, height: 844 });
    await reporter.screenshot({ path: '/tmp/save-state-390.png' });
    await resizeTo(reporter, { width: 1440, height: 900 });
    await head.getByLabel('Nguyên nhân').fill('Hạ tầng mạng yếu (bản của chủ tịch)');
    const dialog = head.getByRole('dialog', { name: 'Người khác vừa sửa nội dung này' });
    await dialog.waitFor();
    await dialog.getByText('Thiếu cán bộ (bản của cán bộ báo cáo)').waitFor();
    await dialog.getByText('Hạ tầng mạng yếu (bản của chủ tịch)').waitFor();
    await head.screenshot({ path: '/tmp/save-conflict-1440.png' });
    await resizeTo(head, { width: 390, height: 844 });
    await head.screenshot({ path: '/tmp/save-conflict-390.png' });
    await dialog.getByRole('button', { name: 'Giữ bản của tôi' }).click();
    await head.getByText(/Đã lưu lúc/).waitFor();
    await reporter.reload();
    await expect
      .poll(() => reporter.getByLabel('Nguyên nhân').inputValue())
      .toBe('Hạ tầng mạng yếu (bản của chủ tịch)');
    await resizeTo(head, { width: 1440, height: 900 });
  });
});

describe('the self-assessment sheet', () => {
  it('a criterion’s score and note typed and left at once are there on return', async () => {
    const coordinator = page('dieuphoi');
    await coordinator.goto(`${server.url}/`);
    await coordinator.getByRole('navigation').getByText('Đánh giá, chấm điểm').click();
    const dialog = await fillRoundDialog(coordinator, 'Tự đánh giá thử lưu tự động');
    await dialog.getByRole('button', { name: 'Mở đợt đánh giá' }).click();
    await coordinator.getByRole('heading', { name: 'Tự đánh giá thử lưu tự động' }).waitFor();
    const roundUrl = new URL(coordinator.url()).pathname;

    const p = page('baocao.phohien');
    await p.goto(`${server.url}${roundUrl}`);
    await p.getByRole('link', { name: 'Phường Phố Hiến' }).click();
    await p.getByRole('heading', { name: 'Phường Phố Hiến' }).waitFor();
    sheetUrl = new URL(p.url()).pathname;
    await p.getByLabel('Tự đánh giá XA.1.1', { exact: true }).fill('2');
    await p.getByLabel('Thuyết minh XA.1.1', { exact: true }).fill('Kế hoạch số 5/KH-UBND');
    await leaveAndComeBack(p, sheetUrl);
    await expect.poll(() => p.getByLabel('Tự đánh giá XA.1.1', { exact: true }).inputValue()).toBe('2');
    await expect
      .poll(() => p.getByLabel('Thuyết minh XA.1.1', { exact: true }).inputValue())
      .toBe('Kế hoạch số 5/KH-UBND');

    await p.getByLabel('Tự đánh giá XA.1.2', { exact: true }).fill('1');
    await p.getByLabel('Thuyết minh XA.1.2', { exact: true }).fill('Đã rà soát');
    await p.reload();
    await expect.poll(() => p.getByLabel('Tự đánh giá XA.1.2', { exact: true }).inputValue()).toBe('1');
    await expect
      .poll(() => p.getByLabel('Thuyết minh XA.1.2', { exact: true }).inputValue())
      .toBe('Đã rà soát');
    expect(
      await p.getByRole('row').filter({ hasText: 'XA.1.1' }).getByRole('button', { name: 'Lưu' }).count(),
    ).toBe(0);
  });
});

describe('the cascade', () => {
  it('a lead share of 70 % saved with the date reads back as 70 % after a reload', async () => {
    const p = page('dieuphoi');
    const planUrl = `${server.url}/plans/${await createSeedPlan(p, server)}`;
    await p.goto(planUrl);
    await p.getByRole('tab', { name: 'Kế hoạch của các đơn vị' }).click();
    const share = p.getByLabel('Tỷ trọng báo cáo của đơn vị chủ trì');
    await share.fill('70');
    const saved = p.waitForResponse((response) => response.request().method() === 'PATCH');
    await p.getByRole('tabpanel').getByRole('button', { name: 'Lưu', exact: true }).click();
    expect((await saved).status()).toBe(200);
    await p.reload();
    await p.getByRole('tab', { name: 'Kế hoạch của các đơn vị' }).click();
    await expect.poll(() => p.getByLabel('Tỷ trọng báo cáo của đơn vị chủ trì').inputValue()).toBe('70 %');
  });
});

describe('the plan task dialog', () => {
  it('two people change the same task: the second sees both versions and takes theirs', async () => {
    const first = page('dieuphoi');
    const planId = await createSeedPlan(first, server);
    const second = await (
      await browser.newContext({ locale: 'vi-VN', viewport: { width: 1440, height: 900 } })
    ).newPage();
    await signInAs(second, server, 'dieuphoi');
    const open = async (p: Page) => {
      await p.goto(`${server.url}/plans/${planId}`);
      await p.getByRole('button', { name: 'II.1.a.3', exact: true }).click();
      return p.getByRole('dialog', { name: 'Cập nhật nhiệm vụ II.1.a.3' });
    };
    const firstDialog = await open(first);
    const secondDialog = await open(second);
    await firstDialog.getByRole('textbox', { name: 'Tiến độ (%)' }).fill('40');
    await firstDialog.getByRole('button', { name: 'Lưu' }).click();
    await firstDialog.waitFor({ state: 'detached' });

    await secondDialog.getByRole('textbox', { name: 'Tiến độ (%)' }).fill('70');
    await secondDialog.getByRole('button', { name: 'Lưu' }).click();
    const conflict = second.getByRole('dialog', { name: 'Người khác vừa sửa nội dung này' });
    await conflict.waitFor();
    expect(
      (
        await conflict.getByRole('row').filter({ hasText: 'Tiến độ (%)' }).getByRole('cell').allTextContents()
      ).map((cell) => cell.trim()),
    ).toEqual(['Tiến độ (%)', '70', '40']);
    await conflict.getByText(/lưu lúc/).waitFor();
    await conflict.getByRole('button', { name: 'Lấy bản đang lưu' }).click();
    await conflict.waitFor({ state: 'detached' });
    await expect
      .poll(() => secondDialog.getByRole('textbox', { name: 'Tiến độ (%)' }).inputValue())
      .toBe('40');

    const plan = await (await second.request.get(`${server.url}/api/plans/${planId}`)).json();
    const task = plan.items.find((item: { ref: string }) => item.ref === 'II.1.a.3');
    expect(task.reportedProgress).toBe(40);
    await second.context().close();
  });
});
