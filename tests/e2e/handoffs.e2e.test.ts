import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkCriteria } from '../../core/frameworks/framework.ts';
import {
  apiAs,
  createSeedPlan,
  fillRoundDialog,
  launchBrowser,
  type RunningServer,
  signInAs,
  startServer,
} from './harness.ts';

const DEMO = JSON.parse(
  readFileSync(new URL('../../reference/demo/framework-communes.json', import.meta.url), 'utf8'),
);
const LEAVES = walkCriteria(DEMO.criteria).filter((entry) => !entry.criterion.children?.length);

let server: RunningServer;
let browser: Browser;

const newPage = async (username: string): Promise<Page> => {
  const page = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
  await signInAs(page, server, username);
  return page;
};

/** Opens the bell, finds the notification with this text, and closes the bell again. */
async function seeNotification(page: Page, text: string) {
  const bell = page.getByRole('button', { name: /^Thông báo \(\d+ chưa đọc\)$/ });
  await bell.click();
  await page.getByText(text).waitFor();
  await bell.click();
  await page.getByText(text).waitFor({ state: 'hidden' });
}

/** Opens the bell and follows the notification with this text. */
async function followNotification(page: Page, text: string | RegExp) {
  await page.getByRole('button', { name: /^Thông báo \(\d+ chưa đọc\)$/ }).click();
  await page.getByText(text).click();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the reporter → head → coordinator chain', () => {
  it('the reporter presents; the head sees it waiting and sends it; the coordinator is told and returns it; the reporter is told', async () => {
    const reporterApi = await apiAs(server, 'baocao.phohien');
    const board = (await reporterApi('GET', '/api/reports?period=2026Q1')).json;
    const opened = await reporterApi('POST', '/api/reports', {
      unitId: board.units[0].unit.id,
      periodCode: '2026Q1',
    });
    const reportId = opened.json.id as number;

    const reporter = await newPage('baocao.phohien');
    await reporter.goto(`${server.url}/reports/${reportId}`);
    await reporter.getByRole('button', { name: 'Trình thủ trưởng' }).click();
    const present = reporter.getByRole('dialog', { name: 'Trình báo cáo cho thủ trưởng?' });
    await present.getByText(/sẽ được trình thủ trưởng đơn vị để duyệt và gửi đi/).waitFor();
    await present.getByRole('button', { name: 'Trình thủ trưởng' }).click();
    await reporter.getByText('Đã trình, chờ thủ trưởng duyệt').waitFor();

    // The head's home names what waits for the head, and the bell says it too.
    const head = await newPage('chutich.phohien');
    const waiting = head.getByRole('link', { name: 'Báo cáo chờ thủ trưởng duyệt: 1' });
    await waiting.waitFor();
    expect(await head.getByText(/^Báo cáo cần viết/).count()).toBe(0);
    await seeNotification(head, 'Báo cáo quý I/2026 của Phường Phố Hiến chờ thủ trưởng duyệt');
    await waiting.click();
    await head.waitForURL((url) => url.pathname === `/reports/${reportId}`);
    await head.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await head
      .getByRole('dialog', { name: 'Gửi báo cáo?' })
      .getByRole('button', { name: 'Gửi báo cáo' })
      .click();
    await head.getByText('Đã gửi, chờ duyệt').waitFor();
    await head.goto(`${server.url}/`);
    await head.getByRole('link', { name: 'Báo cáo chờ thủ trưởng duyệt: 0' }).waitFor();

    // The coordinator is told, finds it in the queue's count, and returns it with a reason.
    const coordinator = await newPage('dieuphoi');
    await coordinator.getByRole('link', { name: /^Báo cáo chờ tiếp nhận: [1-9]\d*$/ }).waitFor();
    await followNotification(coordinator, 'Phường Phố Hiến đã gửi báo cáo quý I/2026');
    await coordinator.waitForURL((url) => url.pathname === `/reports/${reportId}`);
    await coordinator.getByLabel('Lý do').fill('Thiếu số liệu hồ sơ trực tuyến');
    await coordinator.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await coordinator.getByText('Bị trả lại', { exact: true }).waitFor();

    await reporter.goto(`${server.url}/`);
    await followNotification(
      reporter,
      'Báo cáo quý I/2026 của Phường Phố Hiến bị trả lại: Thiếu số liệu hồ sơ trực tuyến',
    );
    await reporter.waitForURL((url) => url.pathname === `/reports/${reportId}`);
    await reporter.getByText('Thiếu số liệu hồ sơ trực tuyến').first().waitFor();
    await reporter.getByRole('button', { name: 'Trình thủ trưởng' }).waitFor();
  });
});

describe('an assessment round', () => {
  it('opened, the commune reporter is told and sends the sheet; in the appraisal the appraiser’s home counts it', async () => {
    const coordinator = await newPage('dieuphoi');
    await coordinator.goto(`${server.url}/assessment`);
    const dialog = await fillRoundDialog(coordinator, 'Đợt bàn giao 2026');
    await dialog.getByRole('button', { name: 'Mở đợt đánh giá' }).click();
    await coordinator.getByRole('heading', { name: 'Đợt bàn giao 2026' }).waitFor();
    const roundId = new URL(coordinator.url()).pathname.split('/').at(-1);

    const reporter = await newPage('baocao.phohien');
    const toFill = reporter.getByRole('link', { name: 'Phiếu tự đánh giá cần nộp: 1' });
    await toFill.waitFor();
    await seeNotification(
      reporter,
      'Đợt đánh giá “Đợt bàn giao 2026” đã mở: mời đơn vị tự đánh giá (hạn 30/06/2099)',
    );
    await toFill.click();
    await reporter.getByRole('heading', { name: 'Phường Phố Hiến' }).waitFor();
    const unitId = new URL(reporter.url()).pathname.split('/').at(-1);

    // The scores through the API, as a bulk entry would; the sending through the page.
    const reporterApi = await apiAs(server, 'baocao.phohien');
    const sheet = (await reporterApi('GET', `/api/rounds/${roundId}/units/${unitId}`)).json;
    const versions = new Map(
      sheet.criteria.map((entry: { code: string; version: number }) => [entry.code, entry.version]),
    );
    const csrf = (await (await reporter.request.get(`${server.url}/api/auth/me`)).json()).csrfToken;
    for (const { criterion } of LEAVES) {
      const base = `/api/rounds/${roundId}/units/${unitId}/scores/${criterion.code}`;
      const version = versions.get(criterion.code) ?? 0;
      expect((await reporterApi('PATCH', base, { selfScore: criterion.maxPoints, version })).status).toBe(
        200,
      );
      if (criterion.evidenceRequired) {
        const uploaded = await reporter.request.post(`${server.url}${base}/evidence`, {
          headers: { 'x-csrf-token': csrf },
          multipart: {
            file: {
              name: `${criterion.code}.pdf`,
              mimeType: 'application/pdf',
              buffer: Buffer.from('%PDF-1.7'),
            },
          },
        });
        expect(uploaded.status()).toBe(201);
      }
    }
    await reporter.reload();
    await reporter.getByText('100 / 100').waitFor();
    await reporter.getByRole('button', { name: 'Gửi kết quả tự đánh giá' }).click();
    await reporter
      .getByRole('dialog', { name: 'Gửi bản tự đánh giá?' })
      .getByRole('button', { name: 'Gửi kết quả tự đánh giá' })
      .click();
    await reporter.getByText('Đơn vị đã gửi kết quả tự đánh giá.').waitFor();

    // The coordinator moves the round on (before its deadline, so with a reason).
    const coordinatorApi = await apiAs(server, 'dieuphoi');
    const round = (await coordinatorApi('GET', `/api/rounds/${roundId}`)).json;
    const moved = await coordinatorApi('POST', `/api/rounds/${roundId}/advance`, {
      version: round.version,
      reason: 'UBND tỉnh rút ngắn thời gian tự đánh giá',
    });
    expect(moved.status).toBe(200);

    const appraiser = await newPage('thamdinh');
    const toAppraise = appraiser.getByRole('link', { name: 'Phiếu chờ thẩm định: 1' });
    await toAppraise.waitFor();
    await seeNotification(
      appraiser,
      'Đợt đánh giá “Đợt bàn giao 2026”: phiếu chờ thẩm định (hạn 31/07/2099)',
    );
    await toAppraise.click();
    await appraiser.waitForURL((url) => url.pathname === `/assessment/rounds/${roundId}/units/${unitId}`);
    await appraiser.getByRole('heading', { name: 'Phường Phố Hiến' }).waitFor();
  });
});

describe('a round published and withdrawn', () => {
  it('the commune is told the result is out and follows the bell to it; withdrawn, it reads why', async () => {
    const coordinatorApi = await apiAs(server, 'dieuphoi');
    const reporterApi = await apiAs(server, 'baocao.phohien');
    const phoHien = (await reporterApi('GET', '/api/auth/me')).json.user.grants[0].unitId;
    const owner = (await coordinatorApi('GET', '/api/auth/me')).json.user.grants[0].unitId;
    const frameworks = (await coordinatorApi('GET', '/api/frameworks')).json as {
      id: number;
      code: string;
    }[];
    const created = await coordinatorApi('POST', '/api/rounds', {
      frameworkId: frameworks.find((entry) => entry.code === DEMO.code)?.id,
      ownerUnitId: owner,
      name: 'Đợt công bố 2026',
      year: 2026,
      unitIds: [phoHien],
      deadlines: {
        self: '30/06/2099',
        appraisal1: '31/07/2099',
        explanation: '15/08/2099',
        appraisal2: '31/08/2099',
        final: '30/09/2099',
      },
    });
    expect(created.status).toBe(201);
    let round = created.json as { id: number; version: number; stage: string };
    while (round.stage !== 'published') {
      const moved = await coordinatorApi('POST', `/api/rounds/${round.id}/advance`, {
        version: round.version,
        reason: 'Rút ngắn theo chỉ đạo của UBND tỉnh',
      });
      expect(moved.status).toBe(200);
      round = moved.json;
    }

    const reporter = await newPage('baocao.phohien');
    await followNotification(reporter, 'Đợt đánh giá “Đợt công bố 2026” đã công bố kết quả');
    await reporter.waitForURL((url) => url.pathname === `/assessment/rounds/${round.id}/results`);
    await reporter.getByRole('heading', { name: 'Kết quả: Đợt công bố 2026' }).waitFor();

    const withdrawn = await coordinatorApi('POST', `/api/rounds/${round.id}/withdraw`, {
      version: round.version,
      reason: 'Sai sót điểm thưởng',
    });
    expect(withdrawn.status).toBe(200);
    await reporter.goto(`${server.url}/`);
    await reporter.getByRole('button', { name: /^Thông báo \([1-9]\d* chưa đọc\)$/ }).click();
    await reporter.getByText('Đợt đánh giá “Đợt công bố 2026”: kết quả đã thu hồi công bố').waitFor();
    await reporter.getByText('Lý do: Sai sót điểm thưởng').waitFor();
  });
});

describe('plan hand-offs', () => {
  it('a task given to the commune tells its reporter; asked for its own plan, its home shows it', async () => {
    const coordinator = await newPage('dieuphoi');
    const planId = await createSeedPlan(coordinator, server);
    const coordinatorApi = await apiAs(server, 'dieuphoi');
    const plan = (await coordinatorApi('GET', `/api/plans/${planId}`)).json;
    const task = plan.items.find((item: { kind: string }) => item.kind === 'task');
    const reporterApi = await apiAs(server, 'baocao.phohien');
    const phoHien = (await reporterApi('GET', '/api/auth/me')).json.user.grants[0].unitId;
    const assigned = await coordinatorApi('PATCH', `/api/plans/${planId}/items/${task.id}`, {
      leadUnitIds: [phoHien],
      version: task.version,
    });
    expect(assigned.status).toBe(200);
    const asked = await coordinatorApi('PATCH', `/api/plans/${planId}`, {
      childPlansDue: '30/06/2099',
      version: plan.version,
    });
    expect(asked.status).toBe(200);

    const reporter = await newPage('baocao.phohien');
    await reporter.getByRole('link', { name: 'Kế hoạch cần lập: 1' }).waitFor();
    await followNotification(reporter, /giao đơn vị chủ trì 1 nhiệm vụ$/);
    await reporter.waitForURL((url) => url.pathname === `/plans/${planId}`);
    await reporter.getByRole('heading', { name: plan.title }).waitFor();
  });

  it('a task given to every commune reaches the commune; on a 390 px phone the bell fits, marks all read and leads to the plan', async () => {
    const coordinator = await newPage('dieuphoi');
    const planId = await createSeedPlan(coordinator, server);
    const coordinatorApi = await apiAs(server, 'dieuphoi');
    const plan = (await coordinatorApi('GET', `/api/plans/${planId}`)).json;
    const task = plan.items.find((item: { kind: string }) => item.kind === 'task');
    const given = await coordinatorApi('PATCH', `/api/plans/${planId}/items/${task.id}`, {
      leadGroupKeys: ['type:commune'],
      version: task.version,
    });
    expect(given.status).toBe(200);
    const asked = await coordinatorApi('PATCH', `/api/plans/${planId}`, {
      childPlansDue: '30/06/2099',
      version: plan.version,
    });
    expect(asked.status).toBe(200);

    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 390, height: 844 } });
    const reporter = await context.newPage();
    await signInAs(reporter, server, 'baocao.phohien');
    await reporter.getByRole('link', { name: /^Kế hoạch cần lập: [1-9]\d*$/ }).waitFor();
    await reporter.getByRole('button', { name: /^Thông báo \([1-9]\d* chưa đọc\)$/ }).click();
    const asking = reporter
      .getByRole('button', { name: /đề nghị đơn vị lập kế hoạch thực hiện trước 30\/06\/2099/ })
      .first();
    await asking.waitFor();
    // Words and a date a person reads, no codes.
    expect(await asking.textContent()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    expect(await asking.textContent()).not.toMatch(/plan\.child|2026Q\d/);
    const dropdown = reporter.locator('.mantine-Popover-dropdown');
    const box = await dropdown.boundingBox();
    expect(box).not.toBeNull();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    await reporter.getByRole('button', { name: 'Đánh dấu đã đọc tất cả' }).click();
    await reporter.getByRole('button', { name: 'Thông báo (0 chưa đọc)' }).waitFor();
    await asking.click();
    await reporter.waitForURL((url) => url.pathname === `/plans/${planId}`);
    await reporter.getByRole('heading', { name: plan.title }).waitFor();
    await context.close();
  });
});
