import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText } from '../test/docx-reader.ts';
import { buildPlan, signInAs } from '../test/factories.ts';
import { createTestApp, type TestApp, unitIdByCode } from '../test/harness.ts';
import { sendPetition, takeStep } from './feedback-fixtures.ts';

/**
 * The feedback figures in the indicator roll-ups: the report form (filled in from the data), a plan's
 * targets and the consolidated report (its paragraph and its annex), all counted by the one tally
 * (closed is never resolved; what is not yet due counts as on time until its deadline passes).
 */
let t: TestApp;
let now = '2026-12-03T09:00:00+07:00';
let communeId: number;
const COMMUNE = '11980';
const text = (n: number) => `Phản ánh ${n} về rác thải ở chợ phường Hồng Châu chưa được thu gom.`;

const send = (n: number) => sendPetition(t, { communeCode: COMMUNE, text: text(n) });

const act = takeStep;

async function rate(item: { code: string; token: string }, rating: string) {
  const reply = await t.app.inject({
    method: 'POST',
    url: `/api/public/feedback/${item.code}/rating`,
    payload: { token: item.token, rating },
  });
  if (reply.statusCode !== 200) throw new Error(`rate: ${reply.statusCode} ${reply.body}`);
}

let open: Awaited<ReturnType<typeof send>>;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(now) });
  communeId = await unitIdByCode(t.database, COMMUNE);
  // Four petitions on 03/12/2026: one resolved and rated satisfied, one not resolved and rated not
  // satisfied, one spam, one still open within its deadline.
  const [resolved, notResolved, spam, stillOpen] = [
    await send(1),
    await send(2),
    await send(3),
    await send(4),
  ];
  open = stillOpen as typeof open;
  const reporter = await signInAs(t, 'unit_reporter', COMMUNE);
  for (const item of [resolved, notResolved])
    await act(reporter, (item as typeof open).id, { type: 'accept' });
  await act(reporter, (resolved as typeof open).id, {
    type: 'answer',
    outcome: 'resolved',
    answer: 'Đã thu gom.',
  });
  await act(reporter, (resolved as typeof open).id, { type: 'close' });
  await act(reporter, (notResolved as typeof open).id, {
    type: 'answer',
    outcome: 'not_resolved',
    answer: 'Chưa có xe thu gom.',
    reason: 'Chờ hợp đồng vệ sinh môi trường',
  });
  await act(reporter, (spam as typeof open).id, { type: 'spam', reason: 'Gửi thử' });
  await rate(resolved as typeof open, 'satisfied');
  await rate(notResolved as typeof open, 'not_satisfied');
});
afterAll(() => t.close());

const figure = (list: { code: string }[], code: string) => list.find((entry) => entry.code === code);

describe('the report form', () => {
  it('shows the period’s feedback figures and offers them for the 766 indicators the unit enters', async () => {
    const reporter = await signInAs(t, 'unit_reporter', COMMUNE);
    const form = (await reporter.request('GET', `/api/units/${communeId}/indicator-values?period=2026Q4`))
      .json;
    expect(figure(form.feedback, 'FEEDBACK_RECEIVED')).toMatchObject({
      numerator: 3,
      denominator: null,
      rate: 3,
    });
    // Two answered the same day, one not yet due: all on time on 03/12; the spam is outside.
    expect(figure(form.feedback, 'FEEDBACK_ON_TIME')).toMatchObject({
      numerator: 3,
      denominator: 3,
      rate: 100,
      target: { operator: '>=', threshold: 90, riskMargin: 5 },
      status: 'met',
    });
    // Closed is not resolved: one of the two answers resolved it.
    expect(figure(form.feedback, 'FEEDBACK_RESOLVED')).toMatchObject({
      numerator: 1,
      denominator: 2,
      rate: 50,
    });
    expect(figure(form.feedback, 'FEEDBACK_SATISFIED')).toMatchObject({
      numerator: 1,
      denominator: 2,
      rate: 50,
    });
    expect(figure(form.feedback, 'FEEDBACK_MEDIAN_DAYS')).toMatchObject({ rate: 0 });
    expect(figure(form.items, 'SERVICE_766.5.1')).toMatchObject({
      fromData: { numerator: 3, denominator: 3, rate: 100 },
      numerator: null,
    });
    expect(figure(form.items, 'SERVICE_766.5.2')).toMatchObject({
      fromData: { numerator: 1, denominator: 2, rate: 50 },
    });
    // Entered indicators the data cannot answer offer nothing; a period without petitions neither.
    expect(figure(form.items, 'DOC_SIGNED')).toMatchObject({ fromData: null });
    const november = (
      await reporter.request('GET', `/api/units/${communeId}/indicator-values?period=2026M11`)
    ).json;
    expect(figure(november.items, 'SERVICE_766.5.1')).toMatchObject({ fromData: null });
    expect(figure(november.feedback, 'FEEDBACK_ON_TIME')).toMatchObject({
      numerator: 0,
      denominator: 0,
      rate: null,
    });
    // Another commune's reporter reads its own figures, not these.
    const other = await signInAs(t, 'unit_reporter', '11953');
    expect(
      (await other.request('GET', `/api/units/${communeId}/indicator-values?period=2026Q4`)).status,
    ).toBe(404);
  });

  it('counts the open petition as overdue once its deadline has passed', async () => {
    try {
      now = '2027-01-05T09:00:00+07:00';
      expect(open.dueOn < '2027-01-05').toBe(true);
      const reporter = await signInAs(t, 'unit_reporter', COMMUNE);
      const form = (await reporter.request('GET', `/api/units/${communeId}/indicator-values?period=2026Q4`))
        .json;
      expect(figure(form.feedback, 'FEEDBACK_ON_TIME')).toMatchObject({
        numerator: 2,
        denominator: 3,
        status: 'missed',
      });
      expect(figure(form.feedback, 'FEEDBACK_OVERDUE')).toMatchObject({ numerator: 1 });
    } finally {
      now = '2026-12-03T09:00:00+07:00';
    }
  });
});

describe('the consolidated report', () => {
  it('measures a plan’s feedback target, tells the petitions in a paragraph and adds them to the annex', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const plan = await buildPlan(t, {
      author: coordinator,
      tasks: 1,
      targets: [
        {
          ref: '1',
          text: '100% phản ánh, kiến nghị của người dân được trả lời đúng hạn',
          op: '>=',
          value: 100,
          unit: '%',
          level: null,
        },
      ],
    });
    const started = await coordinator.request('POST', '/api/reports/consolidated', {
      planId: plan.id,
      periodCode: '2026Q4',
    });
    expect(started.status).toBe(202);
    const jobUrl = `/api/jobs/${started.json.jobId}`;
    let job = (await coordinator.request('GET', jobUrl)).json;
    for (let i = 0; i < 400 && job.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await coordinator.request('GET', jobUrl)).json;
    }
    expect(job.status).toBe('done');
    const download = async (index: number) =>
      (await t.app.inject({ url: `${jobUrl}/files/${index}`, headers: { cookie: coordinator.cookie } }))
        .rawPayload;
    const text = await docxText(await download(0));
    expect(text).toContain(
      '100% phản ánh, kiến nghị của người dân được trả lời đúng hạn: đạt 100% (3/3 phản ánh, kiến nghị; chỉ tiêu từ 100%) — đạt',
    );
    expect(text).toContain('Tiếp nhận, trả lời phản ánh, kiến nghị của người dân');
    expect(text).toContain(
      'Tiếp nhận 3 phản ánh, kiến nghị của người dân, đã trả lời 2; ' +
        'tỷ lệ trả lời đúng hạn (gồm cả số còn trong hạn) 100% (3/3); ' +
        'giải quyết được 50% (1/2) số đã trả lời; không có phản ánh quá hạn; ' +
        'người dân hài lòng với 50% (1/2) câu trả lời được đánh giá; thời gian trả lời trung vị 0 ngày.',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(1)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Chỉ số theo đơn vị') as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const column = header.indexOf('Tỷ lệ phản ánh, kiến nghị trả lời đúng hạn (%)');
    expect(column).toBeGreaterThan(0);
    const commune = (await coordinator.request('GET', `/api/units/${communeId}`)).json.name as string;
    const row = sheet
      .getRows(2, sheet.rowCount - 1)
      ?.find((candidate) => candidate.getCell(2).value === commune);
    // A share of one, shown as 100,0%.
    expect(row?.getCell(column).value).toBe(1);
    expect(row?.getCell(column).numFmt).toBe('0.0%');
  });
});
