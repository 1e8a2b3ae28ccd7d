import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRound,
  fillRoundDialog,
  launchBrowser,
  type RunningServer,
  resizeTo,
  signInAs,
  startServer,
} from './harness.ts';

/** Commune staff work on phones: every page at 390 × 844, the navigation a drawer behind a burger. */
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

let server: RunningServer;
let browser: Browser;
const pages: Record<string, Page> = {};
const page = (user: string) => pages[user] as Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  for (const user of ['dieuphoi', 'baocao.phohien', 'chutich.phohien', 'admin']) {
    const context = await browser.newContext({ locale: 'vi-VN', viewport: PHONE });
    pages[user] = await context.newPage();
    await signInAs(pages[user], server, user);
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const nav = (p: Page) => p.getByRole('navigation', { name: 'Điều hướng chính' });
const burger = (p: Page) => p.getByRole('button', { name: /menu điều hướng/ });
/** Open means some of the navigation is on the screen (collapsed, it is moved off to the left). */
async function isNavOpen(p: Page): Promise<boolean> {
  const box = await nav(p).boundingBox();
  return !!box && box.x + box.width > 1;
}

/** No sideways page scroll, and the header's bell, language switch and sign-out inside the screen. */
async function expectFitsPhone(p: Page, where: string) {
  expect(await p.evaluate<number>('document.documentElement.scrollWidth'), where).toBeLessThanOrEqual(
    PHONE.width,
  );
  const header = p.locator('header');
  for (const control of [
    header.getByRole('button', { name: /^Thông báo/ }),
    header.getByText('EN', { exact: true }),
    header.getByRole('button', { name: 'Đăng xuất' }),
  ]) {
    const box = await control.boundingBox();
    expect(box, where).not.toBeNull();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width, where).toBe(true);
  }
}

/** Full-page screenshots at phone and desktop size, /tmp/phone-<name>-<width>.png, to look at. */
async function shoot(p: Page, name: string) {
  for (const size of [DESKTOP, PHONE]) {
    await resizeTo(p, size);
    await p.screenshot({ path: `/tmp/phone-${name}-${size.width}.png`, fullPage: true });
  }
}

/** Writes through the API as the signed-in user of a page (its cookie and CSRF token). */
async function postAs(p: Page, url: string, data: unknown) {
  const me = (await (await p.request.get(`${server.url}/api/auth/me`)).json()) as { csrfToken: string };
  const reply = await p.request.post(`${server.url}${url}`, {
    data,
    headers: { 'x-csrf-token': me.csrfToken },
  });
  expect(reply.status(), await reply.text()).toBe(201);
  return reply.json();
}

/** A provincial plan with one task Phường Phố Hiến leads, saved by the coordinator. */
async function buildPhoHienPlan(title: string): Promise<{ id: number }> {
  const reporterMe = await (await page('baocao.phohien').request.get(`${server.url}/api/auth/me`)).json();
  const coordinatorMe = await (await page('dieuphoi').request.get(`${server.url}/api/auth/me`)).json();
  return postAs(page('dieuphoi'), '/api/plans', {
    unitId: coordinatorMe.user.grants[0].unitId,
    number: null,
    type: 'KH',
    issuedOn: null,
    place: null,
    issuer: null,
    signer: null,
    title,
    year: 2026,
    indices: [],
    sections: [],
    tasks: [
      {
        ref: '1',
        text: 'Niêm yết công khai thủ tục hành chính tại bộ phận một cửa và trên cổng thông tin điện tử của phường',
        index: null,
        dimension: null,
        leadNames: ['UBND phường Phố Hiến'],
        supportNames: [],
        due: null,
        recurrence: null,
      },
    ],
    targets: [],
    agencies: [{ name: 'UBND phường Phố Hiến', unitId: reporterMe.user.grants[0].unitId }],
  });
}

describe('every page the navigation offers fits a 390 px phone', () => {
  for (const [user, expected] of [
    [
      'dieuphoi',
      [
        '/',
        '/indices/papi',
        '/plans',
        '/tasks',
        // The register of outgoing documents (the province's and its units').
        '/documents/register',
        '/reports',
        '/assessment',
        // The national view (a grant at the root): the province's own shared figures here.
        '/national',
        '/indicators',
        // Citizens' feedback: the unit's inbox.
        '/feedback',
        // Dialogues with residents and businesses.
        '/dialogues',
        // Community projects and the disclosures register.
        '/projects',
        '/disclosures',
        // Reception days and the register.
        '/reception',
        '/surveys',
        // The unit keeps its own public contacts.
        '/unit-contacts',
        '/units',
        // A coordinator manages the accounts of its subtree (and imports them from a sheet).
        '/users',
        '/account',
      ],
    ],
    [
      'admin',
      [
        '/',
        '/indices/papi',
        '/plans',
        '/tasks',
        // The register of outgoing documents (the province's and its units').
        '/documents/register',
        '/reports',
        '/assessment',
        // The national view (a grant at the root): the province's own shared figures here.
        '/national',
        '/indicators',
        // Citizens' feedback: the unit's inbox.
        '/feedback',
        // Dialogues with residents and businesses.
        '/dialogues',
        // Community projects and the disclosures register.
        '/projects',
        '/disclosures',
        // Reception days and the register.
        '/reception',
        '/surveys',
        // The unit keeps its own public contacts.
        '/unit-contacts',
        '/units',
        '/users',
        '/audit',
        // Digital signatures: the units' certificates, the trust list.
        '/signing',
        '/account',
      ],
    ],
    [
      'baocao.phohien',
      [
        '/',
        '/indices/papi',
        '/plans',
        '/tasks',
        '/reports',
        '/assessment',
        '/indicators',
        // Citizens' feedback: the unit's inbox.
        '/feedback',
        // Dialogues with residents and businesses.
        '/dialogues',
        // Community projects and the disclosures register.
        '/projects',
        '/disclosures',
        // Reception days and the register.
        '/reception',
        '/surveys',
        // The unit keeps its own public contacts.
        '/unit-contacts',
        '/units',
        '/account',
      ],
    ],
  ] as const) {
    it(`${user}: no page wider than the screen, the navigation closed; the burger opens it, a link closes it`, async () => {
      const p = page(user);
      await p.goto(`${server.url}/`, { waitUntil: 'networkidle' });
      // The public site opens in a tab of its own (the server's pages, not the app's): not walked here.
      const hrefs = await nav(p)
        .locator('a[href^="/"]:not([target="_blank"])')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(hrefs).toEqual(expected);
      // Following the link of the page already open closes the navigation too.
      await burger(p).click();
      await expect.poll(() => isNavOpen(p)).toBe(true);
      await nav(p).locator('a[href="/"]').click();
      await expect.poll(() => isNavOpen(p)).toBe(false);
      for (const [index, href] of hrefs.entries()) {
        await p.goto(`${server.url}${href}`, { waitUntil: 'networkidle' });
        await p.locator('main').getByRole('heading').first().waitFor();
        await expect.poll(() => isNavOpen(p), { message: href ?? '' }).toBe(false);
        await expectFitsPhone(p, href ?? '');
        // Opened from the burger, the navigation closes itself when one of its links is followed.
        const next = hrefs[(index + 1) % hrefs.length] as string;
        await burger(p).click();
        await expect.poll(() => isNavOpen(p), { message: href ?? '' }).toBe(true);
        await nav(p).locator(`a[href="${next}"]`).click();
        await p.waitForURL((url) => url.pathname === next);
        await expect.poll(() => isNavOpen(p), { message: next }).toBe(false);
      }
    });
  }
});

describe('the commune’s quarterly report on a phone', () => {
  it('the reporter opens it from the home to-do, writes and presents it; the head, on a phone too, sends it from the home to-do; the coordinator sees it waiting', async () => {
    await buildPhoHienPlan('Kế hoạch cải thiện chỉ số PAPI của phường năm 2026');
    const p = page('baocao.phohien');
    await p.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    // No report written yet: the to-do opens the list of reports to write.
    await p.getByRole('link', { name: /^Báo cáo cần viết: [1-9]\d*$/ }).click();
    await p.waitForURL((url) => url.pathname === '/reports');
    await p
      .getByRole('table', { name: 'Báo cáo cần viết' })
      .getByRole('row')
      .filter({ hasText: 'Phường Phố Hiến' })
      .first()
      .getByRole('button', { name: 'Soạn báo cáo' })
      .click();
    await p.getByRole('heading', { name: 'Phường Phố Hiến' }).waitFor();
    const reportUrl = new URL(p.url()).pathname;
    await p.getByLabel('Kết quả đạt được').fill('Tiếp nhận 1.250 hồ sơ, 98% đúng hạn.');
    await p.getByLabel('Tiến độ 1', { exact: true }).fill('60');
    await p.getByLabel('Kết quả thực hiện 1', { exact: true }).fill('Đã niêm yết 120/120 thủ tục.');
    await p.getByText(/Đã lưu lúc/).waitFor();
    await expectFitsPhone(p, reportUrl);
    await shoot(p, 'report');
    await p.getByRole('button', { name: 'Trình thủ trưởng' }).click();
    const present = p.getByRole('dialog', { name: 'Trình báo cáo cho thủ trưởng?' });
    await present.getByText(/sẽ được trình thủ trưởng đơn vị để duyệt và gửi đi/).waitFor();
    await present.getByRole('button', { name: 'Trình thủ trưởng' }).click();
    await p.getByText('Đã trình, chờ thủ trưởng duyệt', { exact: true }).first().waitFor();
    await expectFitsPhone(p, `${reportUrl} (presented)`);

    const head = page('chutich.phohien');
    await head.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    await expectFitsPhone(head, '/ (head)');
    await head.getByRole('link', { name: 'Báo cáo chờ thủ trưởng duyệt: 1' }).click();
    await head.waitForURL((url) => url.pathname === reportUrl);
    await expect
      .poll(() => head.getByLabel('Kết quả đạt được').inputValue())
      .toBe('Tiếp nhận 1.250 hồ sơ, 98% đúng hạn.');
    await expect.poll(() => head.getByLabel('Tiến độ 1', { exact: true }).inputValue()).toBe('60 %');
    await expectFitsPhone(head, reportUrl);
    await head.getByRole('button', { name: 'Gửi báo cáo' }).click();
    const dialog = head.getByRole('dialog', { name: 'Gửi báo cáo?' });
    await dialog.getByText(/sẽ được gửi tới cán bộ điều phối cấp trên/).waitFor();
    await dialog.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await head.getByText('Đã gửi, chờ duyệt', { exact: true }).first().waitFor();
    await expectFitsPhone(head, reportUrl);
    await shoot(head, 'report-sent');

    // The coordinator, at a desk, finds it waiting: counted on the home page and in the review queue.
    const context = await browser.newContext({ locale: 'vi-VN', viewport: DESKTOP });
    const coordinator = await context.newPage();
    await signInAs(coordinator, server, 'dieuphoi');
    await coordinator.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    await coordinator.getByRole('link', { name: 'Báo cáo chờ tiếp nhận: 1' }).waitFor();
    await coordinator.goto(`${server.url}/reports`, { waitUntil: 'networkidle' });
    await coordinator
      .getByRole('table', { name: 'Chờ duyệt' })
      .getByRole('row')
      .filter({ hasText: 'Phường Phố Hiến' })
      .getByRole('button', { name: 'Xem báo cáo' })
      .click();
    await coordinator.waitForURL((url) => url.pathname === reportUrl);
    await coordinator.getByText('Đã gửi, chờ duyệt', { exact: true }).first().waitFor();
    await context.close();
  });
});

describe('the commune’s self-assessment on a phone', () => {
  it('each criterion is a card: the reporter scores two with comments, in the screen, and a reload shows them saved', async () => {
    const roundId = await createRound(server, 'Tự đánh giá CCHC trên điện thoại 2026');
    const p = page('baocao.phohien');
    const me = (await (await p.request.get(`${server.url}/api/auth/me`)).json()) as {
      user: { grants: { unitId: number }[] };
    };
    const sheetUrl = `/assessment/rounds/${roundId}/units/${me.user.grants[0]?.unitId}`;
    await p.goto(`${server.url}${sheetUrl}`, { waitUntil: 'networkidle' });
    await p.getByRole('heading', { name: 'Phường Phố Hiến' }).waitFor();
    // Cards, not a table to scroll sideways: the score box of each criterion is inside the screen.
    expect(await p.locator('main table').count()).toBe(0);
    for (const [code, score, comment] of [
      ['XA.1.1', '3', 'Kế hoạch số 5/KH-UBND ngày 10/01/2026'],
      ['XA.1.2', '3,5', 'Hoàn thành 35/40 nhiệm vụ'],
    ] as const) {
      const card = p.getByRole('article', { name: new RegExp(`^${code.replaceAll('.', '\\.')} `) });
      const input = card.getByLabel(`Tự đánh giá ${code}`, { exact: true });
      const box = await input.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= PHONE.width, code).toBe(true);
      await input.fill(score);
      await card.getByLabel(`Thuyết minh ${code}`, { exact: true }).fill(comment);
      await card.getByText(/Đã lưu lúc/).waitFor();
    }
    await expectFitsPhone(p, sheetUrl);
    await shoot(p, 'sheet-self');
    await p.reload({ waitUntil: 'networkidle' });
    await p.getByRole('heading', { name: 'Phường Phố Hiến' }).waitFor();
    await expect.poll(() => p.getByLabel('Tự đánh giá XA.1.1', { exact: true }).inputValue()).toBe('3');
    await expect.poll(() => p.getByLabel('Tự đánh giá XA.1.2', { exact: true }).inputValue()).toBe('3,5');
    await expect
      .poll(() => p.getByLabel('Thuyết minh XA.1.1', { exact: true }).inputValue())
      .toBe('Kế hoạch số 5/KH-UBND ngày 10/01/2026');
    await expect
      .poll(() => p.getByLabel('Thuyết minh XA.1.2', { exact: true }).inputValue())
      .toBe('Hoàn thành 35/40 nhiệm vụ');
    await expect.poll(() => p.getByLabel('Tổng điểm').textContent()).toBe('6,5 / 100');
  });
});

describe('the pages people live in, at 390 and 1440 px', () => {
  it('home, plans, a plan, an assessment sheet and the results fit the phone; screenshots of each', async () => {
    const p = page('dieuphoi');
    const plan = await buildPhoHienPlan('Kế hoạch nâng cao chỉ số cải cách hành chính năm 2026');
    for (const [name, path] of [
      ['home', '/'],
      ['plans', '/plans'],
      ['plan', `/plans/${plan.id}`],
      ['plan-import', '/plans/import'],
      ['dossier-import', '/indicators/import'],
      ['targets', '/indicators/targets'],
    ]) {
      await p.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
      await p.locator('main').getByRole('heading').first().waitFor();
      await expectFitsPhone(p, path as string);
      await shoot(p, name as string);
    }
    // Each tab of the reporting page: the review queue, the board, the consolidated report, the calendar.
    await p.goto(`${server.url}/reports`, { waitUntil: 'networkidle' });
    for (const tab of ['Tình hình gửi báo cáo', 'Báo cáo tổng hợp', 'Cài đặt']) {
      await p.getByRole('tab', { name: tab }).click();
      await p.waitForLoadState('networkidle');
      await expectFitsPhone(p, `/reports: ${tab}`);
    }
    await shoot(p, 'reports-settings');
    // A round opened from the phone, as the coordinator would in the field.
    await p.goto(`${server.url}/assessment`, { waitUntil: 'networkidle' });
    const dialog = await fillRoundDialog(p, 'Đánh giá CCHC cấp xã năm 2026');
    await dialog.getByRole('button', { name: 'Mở đợt đánh giá' }).click();
    await p.getByRole('heading', { name: 'Đánh giá CCHC cấp xã năm 2026' }).waitFor();
    const roundUrl = new URL(p.url()).pathname;
    await expectFitsPhone(p, roundUrl);
    await shoot(p, 'round');
    await p.getByRole('link', { name: 'Phường Phố Hiến' }).click();
    await p.getByRole('heading', { name: 'Phường Phố Hiến' }).waitFor();
    await p.waitForLoadState('networkidle');
    await expectFitsPhone(p, 'sheet');
    await shoot(p, 'sheet');
    await p.goto(`${server.url}${roundUrl}/results`, { waitUntil: 'networkidle' });
    await p.locator('main').getByRole('heading').first().waitFor();
    await expectFitsPhone(p, `${roundUrl}/results`);
    // The ranking needs no sideways scroll either: band under the name, share under the points.
    const ranking = await p.locator('main table').first().boundingBox();
    expect(ranking && ranking.x + ranking.width <= PHONE.width).toBe(true);
    await shoot(p, 'results');
  });
});
