import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_SECONDS_PER_ANSWER } from '../../core/surveys/exclusions.ts';
import { isScored, type SurveyDefinition } from '../../core/surveys/survey.ts';
import { MIN_AGE_MS } from '../../server/feedback/pages/form-token.ts';
import { apiAs, launchBrowser, type RunningServer, resizeTo, signInAs, startServer } from './harness.ts';

/**
 * Issue 15's satisfaction survey from end to end, in Phường Phố Hiến on 3 December 2026 (the fourth
 * quarter): a citizen scans the desk's short link on a phone and answers SIPAS by tapping the answers'
 * words; the ward's reporter types two paper forms in the grid with the keyboard; the coordinator reads
 * the ward's results for the quarter — three respondents, the rate worked out by hand, its interval,
 * "Chưa đủ mẫu" — and, once the sample reaches the questionnaire's minimum of 30, the weakest question:
 * the one every respondent answered "Không hài lòng" ("Nhận kết quả đúng hẹn", DV4.1).
 *
 * The three responses (all in person, 23 scored answers each, "Hài lòng" = 4 and "Rất hài lòng" = 5
 * count as satisfied):
 * - the citizen: every question "Hài lòng" but DV4.1 "Không hài lòng" — 22 of 23;
 * - form G-1: DV4.1 "Không hài lòng" and DV3.4 "Bình thường", the rest 4 or 5 — 21 of 23;
 * - form G-2: DV4.1 "Không hài lòng", the rest 4 or 5 — 22 of 23.
 * The index is 65/69 = 94,2 %; each respondent one cluster, its 95 % interval 91,4–97 %.
 */
const NOW = '2026-12-03T09:00:00+07:00';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const SIPAS = JSON.parse(
  readFileSync(new URL('../../reference/surveys/SIPAS-2023-2026.json', import.meta.url), 'utf8'),
) as SurveyDefinition;

let server: RunningServer;
let browser: Browser;
let surveyId = 0;
let phoHienId = 0;

beforeAll(async () => {
  // No demo year: the ward's only responses are the test's own (checked below through the API).
  server = await startServer({ CHISO_NOW: NOW });
  browser = await launchBrowser();
  const reporter = await apiAs(server, 'baocao.phohien');
  const surveys = (await reporter('GET', '/api/surveys')).json as { id: number; code: string }[];
  surveyId = surveys.find((survey) => survey.code === 'SIPAS')?.id ?? 0;
  phoHienId = (await reporter('GET', '/api/auth/me')).json.user.grants[0].unitId;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** How wide the page is laid out: the viewport's width when nothing scrolls sideways. */
const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

/** Badges shown cut short ("CHƯA ĐỦ M…"): their words wider than the badge. */
const cutBadges = (page: Page) =>
  page.evaluate<string[]>(`[...document.querySelectorAll('.mantine-Badge-label')]
    .filter((label) => label.getClientRects().length > 0 && label.scrollWidth > label.clientWidth)
    .map((label) => label.textContent)`);

/** The ward's results for the quarter as the API gives them to the coordinator. */
async function resultsByApi() {
  const coordinator = await apiAs(server, 'dieuphoi');
  const answer = await coordinator(
    'GET',
    `/api/surveys/${surveyId}/results?unitId=${phoHienId}&period=2026Q4`,
  );
  expect(answer.status).toBe(200);
  return answer.json;
}

/** The citizen's answer to each question, as the word on the screen. */
function citizensWord(code: string): string {
  if (code === 'KENH') return 'Trực tiếp tại bộ phận một cửa';
  if (code === 'TIEN') return 'Không';
  if (code === 'DV4.1') return 'Không hài lòng';
  return 'Hài lòng';
}

describe('a satisfaction survey from the desk’s link to the coordinator’s results', () => {
  it('starts with no response in the ward this quarter', async () => {
    const before = await resultsByApi();
    expect(before.responses).toMatchObject({ counted: 0, excluded: 0 });
    expect(before.index.unweighted.respondents).toBe(0);
  });

  it('a citizen answers on a phone by tapping the words, and it counts', { timeout: 240_000 }, async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      locale: 'vi-VN',
      isMobile: true,
      hasTouch: true,
    });
    phone.setDefaultTimeout(60_000);
    const page = await phone.newPage();
    // The desk's QR code opens the short link, which leads to the ward's start page.
    await page.goto(`${server.url}/ks/11953`);
    await page.waitForURL(`${server.url}/khao-sat/11953/${surveyId}`);
    const openedAt = Date.now();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Khảo sát sự hài lòng: Phường Phố Hiến',
    );
    expect(await pageWidth(page)).toBe(PHONE.width);
    // The start page's form is refused when sent faster than a person reads it.
    await expect.poll(() => Date.now() - openedAt, { interval: 200 }).toBeGreaterThan(MIN_AGE_MS + 200);
    await page.getByRole('button', { name: 'Bắt đầu' }).tap();
    await page.waitForURL(`${server.url}/khao-sat/11953/${surveyId}/phan/1`);
    // The draft is stored (with the server's time) before the first screen is shown.
    const startedAt = Date.now();

    let scored = 0;
    const shown: string[] = [];
    for (let n = 1; ; n += 1) {
      const progress = (await page.locator('#progress').textContent()) ?? '';
      expect(progress).toMatch(new RegExp(`^Phần ${n}/\\d+ · Phường Phố Hiến$`));
      expect(await pageWidth(page), `screen ${n}`).toBe(PHONE.width);
      for (const fieldset of await page.locator('main fieldset').all()) {
        const code = (await fieldset.locator('input[type="radio"]').first().getAttribute('name')) ?? '';
        const question = SIPAS.questions.find((q) => q.code === code);
        if (!question) throw new Error(`no question ${code} in SIPAS`);
        const word = citizensWord(code);
        await fieldset.getByText(word, { exact: true }).tap();
        expect(await fieldset.getByRole('radio', { name: word, exact: true }).isChecked(), code).toBe(true);
        shown.push(code);
        if (isScored(question)) scored += 1;
      }
      const send = page.getByRole('button', { name: 'Gửi phiếu' });
      if ((await send.count()) === 0) {
        await page.getByRole('button', { name: 'Tiếp tục' }).tap();
        await page.waitForURL(`${server.url}/khao-sat/11953/${surveyId}/phan/${n + 1}`);
        continue;
      }
      // A person takes at least 2 s an answer: the server's clock runs on at the real pace, so the
      // citizen sends once that long has passed since the start (else "too_fast", kept but not counted).
      expect(scored).toBe(23);
      await expect
        .poll(() => Date.now() - startedAt, { interval: 500, timeout: 120_000 })
        .toBeGreaterThan(MIN_SECONDS_PER_ANSWER * scored * 1000 + 1000);
      await send.tap();
      break;
    }
    // Every question asked of an applicant in person, the online-only DV1.5 not.
    expect(shown).toContain('KENH');
    expect(shown).toContain('TIEN');
    expect(shown).not.toContain('DV1.5');
    await page.waitForURL(`${server.url}/khao-sat/11953/${surveyId}/cam-on`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Cảm ơn ông/bà');
    expect(await page.getByRole('status').textContent()).toContain('Phiếu đã được gửi đến Phường Phố Hiến.');
    expect(await pageWidth(page)).toBe(PHONE.width);
    await page.screenshot({ path: '/tmp/survey-flow-thanks-390.png', fullPage: true });
    await phone.close();

    // Counted, not held out.
    const after = await resultsByApi();
    expect(after.responses).toMatchObject({ counted: 1, excluded: 0, bySource: { web: 1, paper: 0 } });
    expect(after.index.unweighted).toMatchObject({ numerator: 22, denominator: 23, respondents: 1 });
  });

  it('the ward’s reporter types two paper forms with the keyboard and saves them', {
    timeout: 180_000,
  }, async () => {
    const context = await browser.newContext({ locale: 'vi-VN', viewport: DESKTOP });
    context.setDefaultTimeout(60_000);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    await signInAs(page, server, 'baocao.phohien');
    await page.goto(`${server.url}/surveys/${surveyId}/paper`);
    await page.getByRole('heading', { name: 'Nhập phiếu khảo sát giấy' }).waitFor();
    expect(await page.getByLabel('Ngày trả lời (mặc định)').inputValue()).toBe('03/12/2026');
    const cell = (column: string, form: number) =>
      page.getByLabel(`${column}, Phiếu ${form}`, { exact: true });
    const focused = () => page.evaluate('document.activeElement.getAttribute("aria-label")');

    // Digits fill a cell and move on; Tab passes a comment cell or the date and dossier code.
    const typeForm = async (form: number, number: string, parts: string[]) => {
      await page.keyboard.type(number);
      await page.keyboard.press('Tab'); // Ngày: the default date
      await page.keyboard.press('Tab'); // Mã hồ sơ: none
      await page.keyboard.press('Tab');
      for (const part of parts) {
        await page.keyboard.type(part);
        // After an element's last answer the cursor is in its comment cell (or GOPY): left empty.
        await page.keyboard.press('Tab');
      }
      expect(await focused(), `after form ${form}`).toBe(`Số phiếu, Phiếu ${form + 1}`);
    };
    await cell('Số phiếu', 1).focus();
    // KENH 1 and DV1.1–1.4 · DV2 · DV3 · DV4 · DV5 · CS and TIEN (0, "Không"), then GOPY's Tab.
    await typeForm(1, 'G-1', ['15555', '4444', '55535', '244', '555', '44440']);
    await typeForm(2, 'G-2', ['14444', '5555', '44444', '244', '444', '55550']);
    expect(await cell('DV1.5', 1).isDisabled()).toBe(true);
    expect(await cell('DV3.4', 1).inputValue()).toBe('3');
    expect(await cell('DV4.1', 2).inputValue()).toBe('2');
    expect(await cell('TIEN', 2).inputValue()).toBe('0');

    await page.getByRole('button', { name: 'Lưu 2 phiếu' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Đã lưu 2 phiếu.').waitFor();
    expect(await cell('Số phiếu', 1).inputValue()).toBe('');
    await context.close();

    const after = await resultsByApi();
    expect(after.responses).toMatchObject({ counted: 3, excluded: 0, bySource: { web: 1, paper: 2 } });
  });

  it('the coordinator sees the ward’s results for the quarter: n = 3, the rate, its interval', {
    timeout: 180_000,
  }, async () => {
    // The page shows what the API computes, and the API what was worked out by hand.
    const api = await resultsByApi();
    expect(api.period).toBe('2026Q4');
    expect(api.index.unweighted).toMatchObject({
      numerator: 65,
      denominator: 69,
      respondents: 3,
      rate: 94.2,
      low: 91.36,
      high: 97.04,
      enough: false,
    });
    expect(api.weakest).toEqual([]);

    const context = await browser.newContext({ locale: 'vi-VN', viewport: DESKTOP });
    context.setDefaultTimeout(60_000);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    await signInAs(page, server, 'dieuphoi');
    await page.goto(`${server.url}/surveys/${surveyId}?unitId=${phoHienId}`);
    await page.getByRole('heading', { name: 'Phường Phố Hiến · Quý IV/2026' }).waitFor();
    expect(await page.getByTestId('survey-counts').textContent()).toBe(
      '3 phiếu được tính (1 trực tuyến, 2 phiếu giấy); 0 phiếu không tính.',
    );
    const index = page.getByTestId('survey-card-index');
    const [unweighted, weighted] = await index.locator(':scope > .mantine-SimpleGrid-root > *').all();
    if (!unweighted || !weighted) throw new Error('the index card has no unweighted and weighted figures');
    expect(await unweighted.textContent()).toBe(
      'Không trọng số94,2%Chưa đủ mẫu91,4–97% · n = 3 · cần thêm 27 phiếu',
    );
    // No dossiers in the quarter (the browser tests load none): nothing to weigh by.
    expect(await weighted.textContent()).toBe('Có trọng số theo số hồ sơ—');

    // Under the minimum no question is called the weakest; the question's own row shows it at 0 %.
    await page.getByText('Chưa câu hỏi nào đủ mẫu để so sánh.').waitFor();
    const late = page.getByRole('row', { name: /^Nhận kết quả đúng hẹn/ });
    expect(await late.getByRole('cell').allTextContents()).toEqual([
      'Nhận kết quả đúng hẹnchưa xác nhận',
      '0%Chưa đủ mẫu0–56,2% · n = 3 · cần thêm 27 phiếu',
      '0',
      '3',
      '0',
      '0',
      '0',
    ]);
    // "Chưa đủ mẫu" is read whole, beside the rate or below it.
    expect(await cutBadges(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/survey-flow-results-1440.png', fullPage: true });

    // On a phone the page itself does not scroll sideways (wide tables scroll in their own frame).
    await resizeTo(page, PHONE);
    expect(await pageWidth(page)).toBe(PHONE.width);
    expect(await cutBadges(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/survey-flow-results-390.png', fullPage: true });
    await context.close();
  });

  it('with 27 more paper forms (30 respondents) the weakest question is the one answered “Không hài lòng”', {
    timeout: 120_000,
  }, async () => {
    // Set quickly through the API: the same in-person answers as the citizen's.
    const reporter = await apiAs(server, 'baocao.phohien');
    const answers: Record<string, number> = { KENH: 1, TIEN: 0 };
    for (const question of SIPAS.questions)
      if (question.kind === 'scale5' && !question.condition) answers[question.code] = 4;
    answers['DV4.1'] = 2;
    const forms = Array.from({ length: 27 }, (_, i) => ({
      paperNumber: `H-${i + 1}`,
      answeredOn: '2026-12-03',
      answers,
    }));
    const recorded = await reporter('POST', `/api/surveys/${surveyId}/paper-forms`, {
      unitId: phoHienId,
      forms,
    });
    expect(recorded.status).toBe(201);
    const api = await resultsByApi();
    expect(api.index.unweighted).toMatchObject({ respondents: 30, rate: 95.51, enough: true });
    expect(api.weakest.map((question: { code: string }) => question.code).slice(0, 2)).toEqual([
      'DV4.1',
      'DV3.4',
    ]);

    const context = await browser.newContext({ locale: 'vi-VN', viewport: DESKTOP });
    context.setDefaultTimeout(60_000);
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    await signInAs(page, server, 'dieuphoi');
    await page.goto(`${server.url}/surveys/${surveyId}?unitId=${phoHienId}&period=2026Q4`);
    const weakest = page.getByTestId('survey-weakest');
    await weakest.waitFor();
    const items = await weakest.locator(':scope > li').allTextContents();
    expect(items).toHaveLength(5);
    expect(items[0]).toBe('Nhận kết quả đúng hẹnchưa xác nhận0%0–11,4% · n = 30');
    expect(items[1]).toBe(
      'Công chức tuân thủ đúng quy định khi giải quyết hồ sơchưa xác nhận96,7%83,3–99,4% · n = 30',
    );
    const index = page.getByTestId('survey-card-index');
    expect(await index.locator(':scope > .mantine-SimpleGrid-root > *').first().textContent()).toBe(
      'Không trọng số95,5%95,2–95,8% · n = 30',
    );
    await resizeTo(page, PHONE);
    expect(await pageWidth(page)).toBe(PHONE.width);
    await context.close();
  });
});
