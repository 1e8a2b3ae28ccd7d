import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxParagraphs } from '../../server/test/docx-reader.ts';
import { apiAs, launchBrowser, type RunningServer, resizeTo, signInAs, startServer } from './harness.ts';

/**
 * The chairman of Phường Phố Hiến, told his ward came 10th of 20 in last year's published round, drafts
 * its remediation plan from the results page: one task per criterion it lost points on and one per PAPI
 * dimension of the province below the median, as the API drafts it; he edits a task, leaves the page and
 * comes back to his edit, saves the plan as the ward's draft and downloads it as a .docx whose parts
 * read back in order. At 390 px the review screen keeps to the phone's width.
 */
const SHOTS = '/tmp/remediation-shots';
let server: RunningServer;
let browser: Browser;
let roundId: number;
let draftTasks: { ref: string; remedies: string }[];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ CHISO_DEMO_YEAR: 'true', CHISO_NOW: '2026-12-02T09:00:00+07:00' });
  browser = await launchBrowser();
  const api = await apiAs(server, 'chutich.phohien');
  const rounds = (await api('GET', '/api/rounds')).json;
  const published = (rounds.items ?? rounds).find((round: { stage: string }) => round.stage === 'published');
  roundId = published.id;
  const results = (await api('GET', `/api/rounds/${roundId}/results`)).json;
  const phoHien = results.units.find((unit: { name: string }) => unit.name === 'Phường Phố Hiến');
  const draft = (await api('GET', `/api/rounds/${roundId}/remediation-draft?unitId=${phoHien.unitId}`)).json;
  draftTasks = draft.plan.tasks;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openAs(username: string, size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: size, acceptDownloads: true });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await signInAs(page, server, username);
  return page;
}

describe('a ward’s remediation plan', () => {
  it('is drafted from the published results, edited, kept across a reload, saved and downloaded', {
    timeout: 240_000,
  }, async () => {
    const page = await openAs('chutich.phohien', { width: 1440, height: 900 });
    await page.goto(`${server.url}/assessment/rounds/${roundId}/results`);
    // The ward's own result is shown first, with the criteria it lost points on.
    await page.getByRole('heading', { name: 'Phường Phố Hiến', level: 3 }).waitFor();
    await page.getByRole('link', { name: 'Lập kế hoạch khắc phục: Phường Phố Hiến' }).click();
    await page.getByRole('heading', { name: 'Kế hoạch khắc phục: Phường Phố Hiến' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/review-1440.png` });
    expect(draftTasks.length).toBeGreaterThan(1);
    await page.getByRole('heading', { name: `Nhiệm vụ (${draftTasks.length})` }).waitFor();
    for (const task of draftTasks)
      expect(await page.getByRole('textbox', { name: `Nhiệm vụ ${task.ref}`, exact: true }).count()).toBe(1);

    const first = draftTasks[0]?.ref as string;
    const edited = 'Ban hành Kế hoạch CCHC năm 2027 trước ngày 15/12/2026, đủ 8 lĩnh vực, giao rõ sản phẩm.';
    await page.getByRole('textbox', { name: `Nhiệm vụ ${first}`, exact: true }).fill(edited);
    await page.getByRole('textbox', { name: `Thời hạn ${first}`, exact: true }).fill('15/12/2026');
    // Leaving the page loses nothing.
    await page.reload();
    await page.getByRole('heading', { name: 'Kế hoạch khắc phục: Phường Phố Hiến' }).waitFor();
    await expect
      .poll(() => page.getByRole('textbox', { name: `Nhiệm vụ ${first}`, exact: true }).inputValue())
      .toBe(edited);

    await page.getByRole('button', { name: 'Lưu thành dự thảo kế hoạch của đơn vị' }).click();
    await page.waitForURL(/\/plans\/\d+$/);
    await page
      .getByText(/^Kế hoạch khắc phục theo kết quả Đánh giá cải cách hành chính cấp xã năm/)
      .waitFor();
    await page.getByText(edited).first().waitFor();
    await page.screenshot({ path: `${SHOTS}/plan-1440.png` });

    const planId = Number(page.url().split('/').at(-1));
    const api = await apiAs(server, 'chutich.phohien');
    const plan = (await api('GET', `/api/plans/${planId}`)).json;
    expect(plan.status).toBe('draft');
    const tasks = plan.items.filter((item: { kind: string }) => item.kind === 'task');
    expect(tasks.map((task: { remedies: string }) => task.remedies)).toEqual(
      draftTasks.map((task) => task.remedies),
    );
    expect(tasks[0]).toMatchObject({ text: edited, due: '2026-12-15' });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('link', { name: /\.docx/ })
        .first()
        .click(),
    ]);
    const paragraphs = await docxParagraphs(readFileSync((await download.path()) as string));
    const at = (start: string) => paragraphs.findIndex((paragraph) => paragraph.startsWith(start));
    expect(at('Căn cứ kết quả công bố Đánh giá cải cách hành chính cấp xã năm')).toBeGreaterThan(0);
    expect(at('I. MỤC ĐÍCH, YÊU CẦU')).toBeGreaterThan(at('Căn cứ kết quả công bố'));
    expect(at('II. NHIỆM VỤ, GIẢI PHÁP KHẮC PHỤC')).toBeGreaterThan(at('I. MỤC ĐÍCH, YÊU CẦU'));
    expect(at(`- ${edited}`)).toBeGreaterThan(at('II. NHIỆM VỤ, GIẢI PHÁP KHẮC PHỤC'));
    expect(at('III. TỔ CHỨC THỰC HIỆN')).toBeGreaterThan(at(`- ${edited}`));
  });

  it('keeps the review screen to the phone’s width at 390 px', { timeout: 180_000 }, async () => {
    const page = await openAs('chutich.phohien', { width: 1440, height: 900 });
    const phoHien = (
      await (
        await apiAs(server, 'chutich.phohien')
      )('GET', `/api/rounds/${roundId}/results`)
    ).json.units.find((unit: { name: string }) => unit.name === 'Phường Phố Hiến');
    await page.goto(`${server.url}/plans/remediation?round=${roundId}&unit=${phoHien.unitId}`);
    await page.getByRole('heading', { name: 'Kế hoạch khắc phục: Phường Phố Hiến' }).waitFor();
    await resizeTo(page, { width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/review-390.png` });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  });
});
