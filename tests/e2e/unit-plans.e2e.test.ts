import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, launchBrowser, type RunningServer, resizeTo, signInAs, startServer } from './harness.ts';

/**
 * A commune answers the province's request for a plan of its own: its reporter sees the provincial
 * plan that gives it tasks; its head makes the commune's plan from them (a draft), adds a task and a
 * target of its own, numbers it, edits the target and issues it; the coordinator sees the commune
 * issued its plan on time, and is told.
 */
let server: RunningServer;
let browser: Browser;
const pages: Record<string, Page> = {};
const page = (user: string) => pages[user] as Page;
const NUMBER = '88/KH-UBND';
const TITLE = 'Kế hoạch cải thiện Chỉ số PAPI năm 2099';
let planId = 0;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  for (const user of ['dieuphoi', 'baocao.phohien', 'chutich.phohien']) {
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1440, height: 900 } });
    pages[user] = await context.newPage();
    await signInAs(page(user), server, user);
  }
  // The province's plan: one task for Phường Phố Hiến, one for Xã Tân Hưng; units answer by 31/12/2099.
  const api = await apiAs(server, 'dieuphoi');
  const unitId = async (q: string) =>
    (await api('GET', `/api/units?q=${encodeURIComponent(q)}&perPage=5`)).json.items[0].id as number;
  const [province, phoHien, tanHung] = [
    await unitId('Ủy ban nhân dân tỉnh Hưng Yên'),
    await unitId('Phường Phố Hiến'),
    await unitId('Xã Tân Hưng'),
  ];
  const saved = await api('POST', '/api/plans', {
    unitId: province,
    number: NUMBER,
    type: 'KH',
    issuedOn: '2099-01-15',
    place: 'Hưng Yên',
    issuer: 'Ủy ban nhân dân tỉnh Hưng Yên',
    signer: null,
    title: TITLE,
    year: 2099,
    indices: ['PAPI'],
    sections: [],
    tasks: [
      {
        ref: '1',
        text: 'Công khai danh sách hộ nghèo tại nhà văn hóa khu phố',
        index: 'PAPI',
        dimension: null,
        leadNames: ['UBND phường Phố Hiến'],
        supportNames: [],
        due: '2099-06-30',
        recurrence: null,
      },
      {
        ref: '2',
        text: 'Tổ chức đối thoại với nhân dân về thủ tục đất đai',
        index: 'PAPI',
        dimension: null,
        leadNames: ['UBND xã Tân Hưng'],
        supportNames: [],
        due: '2099-06-30',
        recurrence: null,
      },
    ],
    targets: [],
    agencies: [
      { name: 'UBND phường Phố Hiến', unitId: phoHien },
      { name: 'UBND xã Tân Hưng', unitId: tanHung },
    ],
    childPlansDue: '2099-12-31',
  });
  if (saved.status !== 201) throw new Error(`plan: ${saved.status} ${JSON.stringify(saved.json)}`);
  planId = saved.json.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const planUrl = (id: number) => `${server.url}/plans/${id}`;
const SHOTS = '/tmp/unitplan-shots';

/** A Mantine select's input by its label. */
const select = (p: Page, label: string) => p.locator('input').and(p.getByLabel(label, { exact: true }));

/** The page at 1440 and at 390 px wide, for a person to look at (saved to /tmp/unitplan-shots/). */
async function shoot(p: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await p.screenshot({ path: join(SHOTS, `${name}-1440.png`), fullPage: true });
  await resizeTo(p, { width: 390, height: 844 });
  await p.getByRole('heading', { level: 2 }).waitFor();
  await p.screenshot({ path: join(SHOTS, `${name}-390.png`), fullPage: true });
  await resizeTo(p, { width: 1440, height: 900 });
}

describe('a commune answers the province’s request for its plan', () => {
  it('the commune’s reporter finds the provincial plan in its list and reads what is asked', async () => {
    const p = page('baocao.phohien');
    await p.getByRole('navigation').getByText('Kế hoạch', { exact: true }).click();
    await p.getByRole('link', { name: TITLE }).click();
    await p.getByRole('heading', { name: TITLE }).waitFor();
    await p.getByText('Yêu cầu lập kế hoạch của đơn vị').waitFor();
    await p.getByText('trước ngày 31/12/2099', { exact: false }).waitFor();
    await p.getByText('Thủ trưởng đơn vị lập kế hoạch thực hiện.').waitFor();
    expect(await p.getByRole('button', { name: /^Lập kế hoạch của/ }).count()).toBe(0);
    // It reports on its own task only: the other commune's is not a link.
    await p.getByRole('button', { name: '1', exact: true }).waitFor();
    expect(await p.getByRole('button', { name: '2', exact: true }).count()).toBe(0);
    await p.screenshot({ path: join(tmpdir(), 'chiso-e2e-unit-plan-request.png'), fullPage: true });
  });

  it('the head makes the commune’s plan from its task, adds a task and a target of its own, and numbers it', async () => {
    const p = page('chutich.phohien');
    await p.goto(planUrl(planId));
    const answer = p.getByRole('button', { name: 'Lập kế hoạch của Phường Phố Hiến' });
    await answer.waitFor();
    // One button, for its own commune; none for the other commune on the units' tab either.
    expect(await p.getByRole('button', { name: /^Lập kế hoạch của/ }).count()).toBe(1);
    await p.getByRole('tab', { name: 'Kế hoạch của các đơn vị' }).click();
    await p.getByRole('row').filter({ hasText: 'Phường Phố Hiến' }).waitFor();
    expect(await p.getByRole('row').filter({ hasText: 'Xã Tân Hưng' }).count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Lập kế hoạch của đơn vị' }).count()).toBe(1);

    await answer.click();
    await p
      .getByRole('heading', {
        name: `Thực hiện Kế hoạch số ${NUMBER} ngày 15/01/2099 của Ủy ban nhân dân tỉnh Hưng Yên về cải thiện Chỉ số PAPI năm 2099`,
      })
      .waitFor();
    await p.getByRole('link', { name: `Kế hoạch số ${NUMBER}` }).waitFor();
    await p.getByText('1 nhiệm vụ', { exact: true }).waitFor();

    await p.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
    const dialog = p.getByRole('dialog', { name: 'Thêm nhiệm vụ' });
    await dialog
      .getByLabel('Nội dung nhiệm vụ')
      .fill('Niêm yết thủ tục hành chính tại bộ phận một cửa phường');
    await dialog.getByLabel('Thời hạn').fill('30/09/2099');
    await dialog
      .locator('input')
      .and(dialog.getByLabel('Định kỳ', { exact: true }))
      .click();
    await p.getByRole('option', { name: 'Hằng tháng', exact: true }).click();
    await dialog.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = p.getByRole('row').filter({ hasText: 'Niêm yết thủ tục hành chính' });
    await row.getByText('30/09/2099').waitFor();
    await row.getByText('Phường Phố Hiến').waitFor();
    await row.getByText('Hằng tháng').waitFor();
    await p.getByText('2 nhiệm vụ', { exact: true }).waitFor();

    await p.getByRole('tab', { name: /^Chỉ tiêu/ }).click();
    await p.getByLabel('Chỉ tiêu', { exact: true }).fill('Tỷ lệ hồ sơ giải quyết đúng hạn');
    await p.getByLabel('Mức').fill('98,5');
    await p.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
    await p
      .getByRole('row')
      .filter({ hasText: 'Tỷ lệ hồ sơ giải quyết đúng hạn' })
      .getByText('≥ 98,5 %')
      .waitFor();

    await p.getByRole('button', { name: 'Số, ngày ban hành, người ký' }).click();
    const particulars = p.getByRole('dialog', { name: 'Số, ngày ban hành, người ký' });
    await particulars.getByLabel('Số, ký hiệu').fill('15/KH-UBND');
    await particulars.getByLabel('Ngày ban hành').fill('20/02/2099');
    await particulars.getByLabel('Người ký').fill('Nguyễn Văn An');
    await particulars.getByRole('button', { name: 'Lưu' }).click();
    await particulars.waitFor({ state: 'detached' });
    await p.getByText('Kế hoạch số 15/KH-UBND · 20/02/2099 · Phường Phố Hiến').waitFor();
    await p.getByText('Dự thảo', { exact: true }).waitFor();

    // The draft's own target: what it measures, a new value and the period it is set for, in words.
    const target = p.getByRole('row').filter({ hasText: 'Tỷ lệ hồ sơ giải quyết đúng hạn' });
    await target.getByRole('button', { name: 'Sửa Tỷ lệ hồ sơ giải quyết đúng hạn' }).click();
    await select(p, 'Chỉ số đo').click();
    await p.getByRole('option').first().click();
    await p.getByLabel('Mức').fill('99');
    await select(p, 'Năm').click();
    await p.getByRole('option', { name: '2027', exact: true }).click();
    await select(p, 'Kỳ áp dụng').click();
    await p.getByRole('option', { name: 'Quý IV/2027', exact: true }).click();
    await p.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    await target.getByText('≥ 99 %').waitFor();
    await target.getByText('Quý IV/2027', { exact: true }).waitFor();
    await target.getByText(/^Chỉ số đo: /).waitFor();
    await shoot(p, 'draft');

    // Issued behind a dialog that says what will happen; then it is fixed and says so.
    await p.getByRole('button', { name: 'Ban hành', exact: true }).click();
    const confirm = p.getByRole('dialog', { name: 'Ban hành kế hoạch?' });
    await confirm
      .getByText(
        `Kế hoạch số 15/KH-UBND ngày 20/02/2099 sẽ được ban hành nhân danh Ủy ban nhân dân phường Phố Hiến. Kế hoạch được tính là đơn vị đã trả lời Kế hoạch số ${NUMBER}`,
        { exact: false },
      )
      .waitFor();
    await confirm.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await p.getByText('Đã ban hành', { exact: true }).waitFor();
    await p.getByRole('button', { name: 'Thu hồi về dự thảo' }).waitFor();
    expect(await p.getByRole('button', { name: 'Số, ngày ban hành, người ký' }).count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Thêm chỉ tiêu' }).count()).toBe(0);
    await shoot(p, 'issued');
  });

  it('the coordinator sees the commune answered on time, and the other not yet', async () => {
    const p = page('dieuphoi');
    await p.goto(planUrl(planId));
    await p.getByRole('tab', { name: 'Kế hoạch của các đơn vị' }).click();
    const answered = p.getByRole('row').filter({ hasText: 'Phường Phố Hiến' });
    await answered.getByText('Đã ban hành đúng hạn').waitFor();
    await answered.getByRole('link', { name: /^Kế hoạch số 15\/KH-UBND/ }).waitFor();
    const waiting = p.getByRole('row').filter({ hasText: 'Xã Tân Hưng' });
    await waiting.getByText('Chưa ban hành').waitFor();
    await p.getByText('Đã ban hành đúng hạn: 1').waitFor();
    await p.getByText('Chưa ban hành: 1').waitFor();
    await p.getByText('Ban hành muộn: 0').waitFor();
    // Told by the bell, the commune's plan by its number.
    await p.getByRole('button', { name: /^Thông báo \([1-9]\d* chưa đọc\)$/ }).click();
    await p.getByText('Phường Phố Hiến đã ban hành Kế hoạch số 15/KH-UBND').waitFor();
    await p.keyboard.press('Escape');
    await p.screenshot({ path: join(tmpdir(), 'chiso-e2e-unit-plan-cascade.png'), fullPage: true });
  });
});
