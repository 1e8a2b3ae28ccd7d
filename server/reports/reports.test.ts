import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

const SEED = readFileSync(
  new URL('../../core/plans/fixtures/hung-yen-papi-2020.txt', import.meta.url),
  'utf8',
);

let t: TestApp;
let coordinator: Session;
let reporter: Session;
let head: Session;
let otherReporter: Session;
let snvId: number;
let planId: number;
let report: {
  id: number;
  version: number;
  status: string;
  tasks: { itemId: number; ref: string; status: string; progress: number; version: number }[];
};

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signInAs(t, 'coordinator', '33');
  reporter = await signInAs(t, 'unit_reporter', '33.SNV');
  head = await signInAs(t, 'unit_head', '33.SNV');
  otherReporter = await signInAs(t, 'unit_reporter', '33.STP');
  snvId = await unitIdByCode(t.database, '33.SNV');
  // A provincial plan whose tasks Sở Nội vụ leads (matched by name).
  const preview = (await coordinator.request('POST', '/api/plans/preview', { text: SEED })).json;
  const saved = await coordinator.request('POST', '/api/plans', {
    unitId: await unitIdByCode(t.database, '33'),
    number: preview.plan.document.number,
    type: 'KH',
    issuedOn: preview.plan.document.issuedOn,
    title: preview.plan.document.title,
    year: 2026,
    indices: preview.plan.indices,
    sections: preview.plan.sections,
    tasks: preview.plan.tasks.map((task: { lead: string[]; support: string[] }) => ({
      ...task,
      leadNames: task.lead,
      supportNames: task.support,
    })),
    targets: [
      {
        ref: 'I.2',
        text: 'Trên 95% số hồ sơ TTHC được trả kết quả giải quyết đúng hạn',
        op: '>',
        value: 95,
        unit: '%',
        level: null,
      },
    ],
    agencies: preview.agencies.map((agency: { name: string; unit: { id: number } | null }) => ({
      name: agency.name,
      unitId: agency.unit?.id ?? null,
    })),
  });
  expect(saved.status).toBe(201);
  planId = saved.json.id;
});
afterAll(() => t.close());

const url = () => `/api/reports/${report.id}`;
const move = (session: Session, action: string, reason?: string) =>
  session.request('POST', `${url()}/transitions`, { action, reason, version: report.version });

describe('a department’s quarterly report', () => {
  const body = (tasks = report.tasks.slice(0, 1)) => ({
    narrative: {
      results: 'Đã tổ chức 3 hội nghị tuyên truyền về PAPI.',
      shortcomings: 'Tỷ lệ hồ sơ trực tuyến còn thấp.',
      causes: null,
      nextTasks: 'Đẩy mạnh số hóa hồ sơ.',
      proposals: null,
    },
    tasks: tasks.map((task) => ({
      itemId: task.itemId,
      status: 'in_progress',
      progress: 60,
      done: 'Đã ban hành kế hoạch tuyên truyền',
      version: task.version,
    })),
    version: report.version,
  });

  it('a department’s quarterly report, from draft through sending, return, acceptance, lock and reopening to the province’s consolidated report', async () => {
    // It opens as a draft for the period, with the tasks the department leads and the period’s window.
    const opened = await reporter.request('POST', '/api/reports', { unitId: snvId, periodCode: '2026q1' });
    expect(opened.status).toBe(200);
    report = opened.json;
    expect(opened.json).toMatchObject({
      status: 'draft',
      period: { code: '2026Q1', dataFrom: '2025-12-15', dataTo: '2026-03-14', due: '2026-03-20' },
    });
    expect(report.tasks.length).toBeGreaterThan(0);
    expect(opened.json.tasks[0]).toMatchObject({ evidenceCount: 0, planId });
    const again = await reporter.request('POST', '/api/reports', { unitId: snvId, periodCode: '2026Q1' });
    expect(again.json.id).toBe(report.id);
    // Another department's reporter does not read this one's reports: not found, as a report it cannot read.
    expect(
      (await otherReporter.request('POST', '/api/reports', { unitId: snvId, periodCode: '2026Q1' })).status,
    ).toBe(404);
    expect(
      (await reporter.request('POST', '/api/reports', { unitId: snvId, periodCode: '2026Q7' })).status,
    ).toBe(400);

    // It saves the draft as it is typed, and refuses to overwrite someone else’s newer save.
    const saved = await reporter.request('PUT', url(), body());
    expect(saved.status).toBe(200);
    expect(saved.json.narrative.results).toContain('3 hội nghị');
    expect(saved.json.tasks[0].reported).toMatchObject({ status: 'in_progress', progress: 60 });
    const stale = await head.request('PUT', url(), body());
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('VERSION_CONFLICT');
    report = saved.json;
    const foreign = await reporter.request('PUT', url(), {
      ...body(),
      tasks: [{ itemId: 999_999, status: 'done', progress: 100, done: null, version: 1 }],
    });
    expect(foreign.status).toBe(400);

    // It is sent by the head only; sending writes the task progress into the plan and locks the text.
    expect((await move(reporter, 'submit')).status).toBe(403);
    const sent = await move(head, 'submit');
    expect(sent.status).toBe(200);
    report = sent.json;
    expect(sent.json.status).toBe('submitted');
    const task = await t.database.pool.query('select status, progress, note from plan_items where id = $1', [
      report.tasks[0]?.itemId,
    ]);
    expect(task.rows[0]).toMatchObject({
      status: 'in_progress',
      progress: 60,
      note: 'Đã ban hành kế hoạch tuyên truyền',
    });
    expect((await reporter.request('PUT', url(), body())).status).toBe(409);
    expect((await move(head, 'submit')).status).toBe(409);

    // The coordinator returns it with a reason; the department corrects and resends; it is accepted and locked.
    const noReason = await move(coordinator, 'return');
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.details.fields[0].path).toBe('reason');
    const returned = await move(coordinator, 'return', 'Thiếu số liệu hồ sơ trực tuyến quý I');
    expect(returned.json).toMatchObject({
      status: 'returned',
      reason: 'Thiếu số liệu hồ sơ trực tuyến quý I',
    });
    report = returned.json;
    const corrected = await reporter.request('PUT', url(), {
      ...body(),
      narrative: { ...body().narrative, results: 'Tỷ lệ hồ sơ trực tuyến quý I: 42%.' },
    });
    report = corrected.json;
    report = (await move(head, 'submit')).json;
    expect((await move(head, 'accept')).status).toBe(403);
    report = (await move(coordinator, 'accept')).json;
    expect(report.status).toBe('accepted');
    report = (await move(coordinator, 'lock')).json;
    expect(report.status).toBe('locked');
    expect((await move(coordinator, 'reopen')).status).toBe(400);
    const reopened = await move(coordinator, 'reopen', 'Bổ sung kết quả khảo sát SIPAS');
    expect(reopened.json.status).toBe('returned');
    const actions = reopened.json.history.map((event: { action: string }) => event.action);
    expect(actions).toEqual([
      'report.open',
      'report.submit',
      'report.return',
      'report.submit',
      'report.accept',
      'report.lock',
      'report.reopen',
    ]);
    expect(reopened.json.history[2].reason).toBe('Thiếu số liệu hồ sơ trực tuyến quý I');

    // It shows the coordinator who has sent, late or on time, and whom to chase.
    const { status, json } = await coordinator.request('GET', '/api/reports?period=2026Q1');
    expect(status).toBe(200);
    expect(json.counts.total.expected).toBe(json.units.length);
    // Reopened, the report is back with the department: it is not counted as sent and is chased again.
    expect(json.counts.byType.department.submitted).toBe(0);
    expect(json.counts.total).toMatchObject({ submitted: 0, late: 0, onTime: 0 });
    expect(json.counts.total.missing).toBe(json.units.length);
    const snv = json.units.find((entry: { unit: { id: number } }) => entry.unit.id === snvId);
    expect(snv).toMatchObject({ report: { status: 'returned', onTime: null }, toChase: true });
    expect(json.units.filter((entry: { toChase: boolean }) => entry.toChase)).toHaveLength(json.units.length);
    const mine = await reporter.request('GET', '/api/reports?period=2026Q1');
    expect(mine.json.units.map((entry: { unit: { id: number } }) => entry.unit.id)).toEqual([snvId]);
    expect((await coordinator.request('GET', '/api/reports?period=nonsense')).status).toBe(400);

    // The coordinator generates the province’s report in the background: .docx with the units’ texts, .xlsx annex.
    // Dossier roll-ups of the department for the quarter: 180 of 200 finished on time.
    await t.database.pool.query(
      `insert into dossier_rollups (unit_id, field, period_code, received, finished, finished_on_time, finished_late)
       values ($1, 'Hộ tịch', '2026Q1', 210, 200, 180, 20)`,
      [snvId],
    );
    report = (await reporter.request('GET', url())).json;
    report = (await move(head, 'submit')).json;
    report = (await move(coordinator, 'accept')).json;
    expect(report.status).toBe('accepted');
    expect(
      (await reporter.request('POST', '/api/reports/consolidated', { planId, periodCode: '2026Q1' })).status,
    ).toBe(403);
    const started = await coordinator.request('POST', '/api/reports/consolidated', {
      planId,
      periodCode: '2026Q1',
    });
    expect(started.status).toBe(202);
    const jobUrl = `/api/jobs/${started.json.jobId}`;
    let job = (await coordinator.request('GET', jobUrl)).json;
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await coordinator.request('GET', jobUrl)).json;
    }
    // Named as the document is: the plan by its number ("29/KH-UBND" → "29-KH-UBND"), the period in words.
    const { number } = (await coordinator.request('GET', `/api/plans/${planId}`)).json;
    const stem = `Báo cáo kết quả thực hiện Kế hoạch ${number.replaceAll('/', '-')} quý I năm 2026`;
    expect(stem).toMatch(/^Báo cáo kết quả thực hiện Kế hoạch \d+-KH-\S+ quý I năm 2026$/);
    expect(job).toMatchObject({
      status: 'done',
      files: [
        { index: 0, fileName: `${stem}.docx` },
        { index: 1, fileName: `${stem} - Phụ lục.xlsx` },
        { index: 2, fileName: `${stem}.pdf` },
      ],
    });
    expect(job.progress).toBe(job.total);
    expect((await head.request('GET', jobUrl)).status).toBe(404);

    const download = async (index: number) =>
      (
        await t.app.inject({
          method: 'GET',
          url: `${jobUrl}/files/${index}`,
          headers: { cookie: coordinator.cookie },
        })
      ).rawPayload;
    const zip = await JSZip.loadAsync(await download(0));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('BÁO CÁO');
    // The plan was saved without its particulars: the plan's unit issues the report, dated from its province.
    expect(text).toContain('TM. ỦY BAN NHÂN DÂN');
    expect(text).toContain('/BC-UBND');
    expect(text).toMatch(/Hưng Yên, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    expect(text).toContain('- Bộ Nội vụ;');
    expect(text).toContain('Kết quả thực hiện Kế hoạch 29/KH-UBND quý I/2026');
    expect(text).toContain('kết quả thực hiện quý I/2026 (số liệu từ 15/12/2025 đến 14/03/2026) như sau:');
    // Periods in words: no code like 2026Q1 anywhere a person reads.
    expect(text).not.toMatch(/\d{4}(?:Q[1-4]|S[12]|M\d{2})/);
    expect(text).toContain('- Sở Nội vụ: Tỷ lệ hồ sơ trực tuyến còn thấp.');
    expect(text).toContain(
      'Trên 95% số hồ sơ TTHC được trả kết quả giải quyết đúng hạn: đạt 90% (180/200 hồ sơ; chỉ tiêu trên 95%) — không đạt.',
    );
    expect(text).toContain('đơn vị chưa gửi: ');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(1)) as unknown as ArrayBuffer);
    expect(book.getWorksheet('Nhiệm vụ theo đơn vị')?.getRow(2).getCell(2).value).toBe('Sở Nội vụ');
  });
});
