import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodName } from '../../core/periods/period-names.ts';
import { periodContaining } from '../../core/periods/periods.ts';
import { todayInVietnam } from '../../core/text/dates.ts';
import { apiAs, launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;
/** The quarter the board and the overview open on: the one whose data window holds today. */
const QUARTER = periodContaining(todayInVietnam(), 'quarter').code;
/** The quarter in words inside a sentence ("quý IV/2026"). */
const IN_WORDS = periodName(QUARTER, 'vi', { inSentence: true });
let planId = 0;

type Api = Awaited<ReturnType<typeof apiAs>>;
const unitId = async (api: Api, search: string) =>
  (await api('GET', `/api/units?q=${encodeURIComponent(search)}&perPage=5`)).json.items[0].id as number;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const coordinator = await apiAs(server, 'dieuphoi');
  const admin = await apiAs(server, 'admin');
  const province = await unitId(coordinator, 'uy ban nhan dan tinh hung yen');
  const snv = await unitId(coordinator, 'so noi vu');
  // A plan with two overdue tasks: one Sở Nội vụ leads, one whose lead nobody mapped to a unit.
  const plan = await coordinator('POST', '/api/plans', {
    unitId: province,
    number: '7/KH-UBND',
    type: 'KH',
    issuedOn: null,
    place: null,
    issuer: null,
    signer: null,
    title: 'Kế hoạch đôn đốc thử',
    year: 2026,
    indices: [],
    sections: [],
    tasks: [
      {
        ref: '1',
        text: 'Rà soát thủ tục',
        index: null,
        dimension: null,
        leadNames: ['Sở Nội vụ'],
        supportNames: [],
        due: '2020-06-30',
        recurrence: null,
      },
      {
        ref: '2',
        text: 'Công khai kết quả',
        index: null,
        dimension: null,
        leadNames: ['Các sở, ban, ngành'],
        supportNames: [],
        due: '2020-03-31',
        recurrence: null,
      },
    ],
    targets: [],
    agencies: [
      { name: 'Sở Nội vụ', unitId: snv },
      { name: 'Các sở, ban, ngành', unitId: null },
    ],
  });
  expect(plan.status).toBe(201);
  planId = plan.json.id;
  // Phường Phố Hiến has sent this quarter's report.
  const phoHien = await unitId(coordinator, 'pho hien');
  const reporter = await apiAs(server, 'baocao.phohien');
  const head = await apiAs(server, 'chutich.phohien');
  const opened = await reporter('POST', '/api/reports', { unitId: phoHien, periodCode: QUARTER });
  const sent = await head('POST', `/api/reports/${opened.json.id}/transitions`, {
    action: 'submit',
    version: opened.json.version,
  });
  expect(sent.status).toBe(200);
  // Sở Nội vụ's head on the unit record, and one account at Sở Nội vụ.
  const detail = (await admin('GET', `/api/units/${snv}`)).json;
  const patched = await admin('PATCH', `/api/units/${snv}`, {
    code: detail.code,
    name: detail.name,
    shortName: detail.shortName,
    type: detail.type,
    headName: 'Nguyễn Văn An',
    headTitle: detail.headTitle,
    headPhone: '0912 345 678',
    headEmail: 'giamdoc@snv.example.vn',
    address: detail.address,
    version: detail.version,
  });
  expect(patched.status).toBe(200);
  const user = await admin('POST', '/api/users', { username: 'canbo.snv', fullName: 'Cán bộ Sở Nội vụ' });
  expect(user.status).toBe(201);
  expect(
    (await admin('POST', `/api/users/${user.json.user.id}/grants`, { role: 'unit_reporter', unitId: snv }))
      .status,
  ).toBe(200);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(user: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  await signInAs(page, server, user);
  return page;
}

describe('the leader’s overview', () => {
  it('shows the province’s figures, exactly as seeded, each leading to its page', async () => {
    const page = await newPage('lanhdao');
    await page
      .getByRole('heading', { name: 'Tổng quan của lãnh đạo — Ủy ban nhân dân tỉnh Hưng Yên' })
      .waitFor();
    const papi = page.getByRole('region', { name: 'Chỉ số PAPI 2024' });
    await papi.getByText('xếp hạng 19/61').waitFor();
    await papi.getByText('xếp hạng 15/61').waitFor();
    await papi
      .getByText('2018: 37 · 2019: 60 · 2020: 44 · 2021: 5 · 2022: 11 · 2023: 12 · 2024: 19')
      .waitFor();
    // What moves each old province most: public services first (a point buys 10 ranks on every
    // dimension; provinces gain most on it in a year), the next rank 0,0103 points away for Hưng Yên.
    const levers = page.getByRole('region', { name: 'Điều gì giúp tăng hạng nhiều nhất' });
    const firstLever = levers.getByRole('listitem').first();
    await firstLever.getByText('Cung ứng dịch vụ công').waitFor();
    await firstLever.getByText('Lên 1 hạng: thêm 0,0103 điểm').waitFor();
    expect(await levers.getByText('Lên 1 hạng: thêm 0,0094 điểm').count()).toBe(3);
    // No round is published yet: nothing to remediate.
    await page
      .getByRole('region', { name: 'Tiến độ khắc phục' })
      .getByText('Chưa có đợt đánh giá nào được công bố.')
      .waitFor();

    const reports = page.getByRole('region', { name: `Báo cáo ${IN_WORDS}` });
    await reports.getByText('Đã gửi: 1/116').waitFor();

    const overdue = page.getByRole('region', { name: 'Nhiệm vụ quá hạn: 2' });
    await overdue.getByRole('link', { name: 'Sở Nội vụ: 1' }).waitFor();
    await overdue.getByRole('link', { name: 'Ủy ban nhân dân tỉnh Hưng Yên: 1' }).waitFor();
    await page
      .getByRole('region', { name: 'Kết quả đánh giá mới nhất' })
      .getByText('Chưa có đợt đánh giá nào được công bố.')
      .waitFor();
    await page
      .getByRole('region', { name: '10 xã, phường yếu nhất' })
      .getByText('Chưa có số liệu.')
      .waitFor();
    await page.screenshot({ path: join(tmpdir(), 'chiso-e2e-leader.png'), fullPage: true });

    // A unit's overdue tasks open filtered; the plan counts the same two.
    await overdue.getByRole('link', { name: 'Sở Nội vụ: 1' }).click();
    await page.waitForURL(/\/tasks/);
    await page.getByRole('row').filter({ hasText: 'Rà soát thủ tục' }).getByText('Quá hạn').waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Công khai kết quả' }).count()).toBe(0);
    await page.goto(`${server.url}/plans/${planId}`);
    await page.getByText('2 quá hạn').first().waitFor();

    await page.goto(`${server.url}/`);
    await papi.getByRole('link', { name: 'Xem chi tiết' }).click();
    await page.waitForURL(`${server.url}/indices/papi`);

    // A province's levers lead to the simulator on that province.
    await page.goto(`${server.url}/`);
    await levers.getByRole('link', { name: 'Mô phỏng Thái Bình' }).click();
    await page.waitForURL(/\/indices\/papi\?tab=standing/);
    await page.getByRole('tab', { name: 'Vị thế và mô phỏng', selected: true }).waitFor();
    await page.getByRole('heading', { name: 'Vị thế năm 2024: Thái Bình' }).waitFor();
  });

  it('is not shown to a commune’s reporter', async () => {
    const page = await newPage('baocao.phohien');
    await page
      .getByRole('heading', { name: /Tổng quan/ })
      .first()
      .waitFor();
    expect(await page.getByText('Tổng quan của lãnh đạo').count()).toBe(0);
  });
});

describe('chasing from the period board', () => {
  it('shows heads, says who a reminder reached and how, downloads the công văn and copies a message', async () => {
    const page = await newPage('dieuphoi');
    await page.goto(`${server.url}/reports`);
    await page.getByRole('tab', { name: 'Tình hình gửi báo cáo' }).click();
    const snvRow = page.getByRole('row').filter({ hasText: 'Sở Nội vụ' });
    await snvRow.getByText('Giám đốc Sở Nguyễn Văn An').waitFor();
    await snvRow.getByRole('link', { name: '0912 345 678' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Sở Tư pháp' }).getByText('(chưa có họ tên)').waitFor();
    await page.screenshot({ path: join(tmpdir(), 'chiso-e2e-board-chasing.png') });

    await page.getByRole('button', { name: 'Nhắc ngay các đơn vị chưa gửi (115)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Nhắc ngay các đơn vị chưa gửi' }).click();
    await page
      .getByText(
        'Đã nhắc 1 đơn vị: 1 qua ứng dụng, 0 qua thư; 114 đơn vị chưa có tài khoản; chưa cấu hình thư điện tử',
      )
      .waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Công văn đôn đốc (.docx)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      `Công văn đôn đốc báo cáo ${IN_WORDS.replace('/', ' năm ')}.docx`,
    );
    const file = join(tmpdir(), `chiso-e2e-cong-van-${process.pid}.docx`);
    await download.saveAs(file);
    const xml =
      (await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(xml).toContain(`V/v đôn đốc gửi báo cáo ${IN_WORDS}`);
    expect(xml).toContain('còn 115 cơ quan, đơn vị chưa gửi báo cáo');
    expect(xml).toContain('Sở Nội vụ (Giám đốc Sở Nguyễn Văn An, điện thoại 0912 345 678);');
    expect(xml).not.toContain('Phường Phố Hiến');

    await page.getByRole('button', { name: 'Chép tin nhắn cho nhóm Zalo' }).click();
    const message = page.getByRole('dialog', { name: 'Tin nhắn đôn đốc' }).getByRole('textbox');
    await expect.poll(() => message.inputValue()).toContain('115 đơn vị chưa gửi báo cáo');
    const text = await message.inputValue();
    expect(text).toContain(`báo cáo ${IN_WORDS}`);
    expect(text).toMatch(/\n\d+\. Sở Nội vụ: Nguyễn Văn An, 0912 345 678\n/);
    // The same text is on the clipboard (evaluated in the page: the test itself has no DOM types).
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(text);
  });
});
