import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dimensionName } from '../../core/reports/consolidated-summary.ts';
import { fixedClock } from '../clock.ts';
import { docxTables, docxText, tableStartingWith } from '../test/docx-reader.ts';
import { buildPlan, buildReport, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { pdfDocument } from '../test/pdf-reader.ts';

// After the first quarter's due date (20/03/2026): what is open past its due date is late.
const NOW = '2026-03-25T03:00:00Z';

let t: TestApp;
let coordinator: Session;

beforeAll(async () => {
  t = await createTestApp({ now: fixedClock(NOW) });
  coordinator = await signInAs(t, 'coordinator', '33');
});
afterAll(() => t.close());

/**
 * A plan of five tasks (three led by Sở Nội vụ, one by Sở Tư pháp, one more of Sở Nội vụ of no dimension),
 * Sở Nội vụ's report sent (done, 40% past its due date, 20% due soon, 70%), Sở Tư pháp's sent then returned.
 */
async function seed(period: string) {
  const plan = await buildPlan(t, {
    author: coordinator,
    tasks: [
      { ref: '1', leadCodes: ['33.SNV'], dimension: 'PAPI.5', due: '2026-06-30' },
      { ref: '2', leadCodes: ['33.SNV'], dimension: 'PAPI.5', due: '2026-03-01' },
      { ref: '3', leadCodes: ['33.SNV'], dimension: 'PAPI.1', due: '2026-04-10' },
      { ref: '4', leadCodes: ['33.STP'], dimension: 'PAR.3', due: '2026-12-31' },
      { ref: '5', leadCodes: ['33.SNV'], due: '2026-12-31' },
    ],
  });
  const report = await buildReport(t, { unitCode: '33.SNV', periodCode: period });
  const reporter = await signInAs(t, 'unit_reporter', '33.SNV');
  const opened = (await reporter.request('GET', `/api/reports/${report.id}`)).json;
  const said: Record<string, [string, number, string]> = {
    '1': ['done', 100, 'Đã công khai 100% thủ tục'],
    '2': ['in_progress', 40, 'Đang rà soát quy trình'],
    '3': ['in_progress', 20, 'Đã họp triển khai'],
    '5': ['in_progress', 70, 'Đã số hóa 70% hồ sơ'],
  };
  const tasks = opened.tasks
    .filter((task: { planId: number }) => task.planId === plan.id)
    .map((task: { itemId: number; ref: string; version: number }) => {
      const [status, progress, done] = said[task.ref] ?? ['not_started', 0, ''];
      return { itemId: task.itemId, status, progress, done, version: task.version };
    });
  const saved = await reporter.request('PUT', `/api/reports/${report.id}`, {
    narrative: {
      results: 'Hoàn thành công khai thủ tục hành chính.',
      shortcomings: 'Hồ sơ trực tuyến còn ít.',
      causes: null,
      nextTasks: 'Số hóa hồ sơ.',
      proposals: null,
    },
    tasks,
    version: opened.version,
  });
  expect(saved.status).toBe(200);
  const head = await signInAs(t, 'unit_head', '33.SNV');
  const sent = await head.request('POST', `/api/reports/${report.id}/transitions`, {
    action: 'submit',
    version: saved.json.version,
  });
  expect(sent.status).toBe(200);
  // Sở Tư pháp sent its report, and it was returned: it is not counted as sent.
  const stp = await buildReport(t, { unitCode: '33.STP', periodCode: period, submit: true });
  const returned = await coordinator.request('POST', `/api/reports/${stp.id}/transitions`, {
    action: 'return',
    reason: 'Thiếu số liệu',
    version: stp.version,
  });
  expect(returned.status).toBe(200);
  const snvId = await unitIdByCode(t.database, '33.SNV');
  await t.database.pool.query(
    `insert into dossier_rollups (unit_id, field, period_code, received, finished, finished_on_time, finished_late)
     values ($1, 'Hộ tịch', $2, 210, 200, 181, 19)`,
    [snvId, period],
  );
  return { plan, reportId: report.id };
}

async function generate(planId: number, periodCode: string) {
  const started = await coordinator.request('POST', '/api/reports/consolidated', { planId, periodCode });
  expect(started.status).toBe(202);
  const jobUrl = `/api/jobs/${started.json.jobId}`;
  let job = (await coordinator.request('GET', jobUrl)).json;
  for (let i = 0; i < 400 && job.status === 'running'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    job = (await coordinator.request('GET', jobUrl)).json;
  }
  expect(job).toMatchObject({ status: 'done', files: [{ index: 0 }, { index: 1 }, { index: 2 }] });
  // The job names its plan as people read it, for its card in the list of jobs.
  const plan = (await coordinator.request('GET', `/api/plans/${planId}`)).json;
  expect(job.params).toEqual({ planId, planName: `Kế hoạch số ${plan.number}`, periodCode });
  const download = async (index: number) =>
    (
      await t.app.inject({
        method: 'GET',
        url: `${jobUrl}/files/${index}`,
        headers: { cookie: coordinator.cookie },
      })
    ).rawPayload;
  return { docx: await download(0), xlsx: await download(1), pdf: await download(2) };
}

describe('the consolidated report', () => {
  it('summarises tasks by dimension and status, names only what stands out, counts a returned report as not sent, and carries the annexes as tables', async () => {
    const { plan } = await seed('2026Q1');
    const expected = (await coordinator.request('GET', '/api/reports?period=2026Q1')).json.counts.total
      .expected;
    const { docx, xlsx, pdf } = await generate(plan.id, '2026Q1');
    // The same report as a PDF: its title, the annexes on landscape pages.
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const read = await pdfDocument(pdf);
    expect(read.title).toBe(`Kết quả thực hiện Kế hoạch ${plan.number} quý I/2026`);
    expect(read.lines).toContain('BÁO CÁO');
    expect(read.lines).toContain('Phụ lục I');
    // Three portrait pages, then both annexes on one landscape page.
    expect(read.pages.map((page) => page.width > page.height)).toEqual([false, false, false, true]);
    const text = await docxText(docx);
    expect(text).toContain(`Kết quả thực hiện Kế hoạch ${plan.number} quý I/2026`);
    expect(text).toContain('(số liệu từ 15/12/2025 đến 14/03/2026)');
    expect(text).not.toContain('2026Q1');
    // Sent on 25/03, after the due date; Sở Tư pháp's returned report is not counted.
    expect(text).toContain(
      `1/${expected} đơn vị đã gửi báo cáo (0 đúng hạn, 1 muộn); ${expected - 1} đơn vị chưa gửi: `,
    );
    expect(text).toContain(
      'Kế hoạch có 5 nhiệm vụ: 1 hoàn thành, 2 đang thực hiện, 1 chưa thực hiện, 1 trễ hạn.',
    );
    expect(text).toContain('Nhiệm vụ hoàn thành trước thời hạn:- 1. Nhiệm vụ 1 (thời hạn 30/06/2026)');
    expect(text).toContain('Nhiệm vụ trễ hạn:- 2. Nhiệm vụ 2 (thời hạn 01/03/2026, đạt 40%)');
    expect(text).toContain(
      'Nhiệm vụ có nguy cơ chậm tiến độ:- 3. Nhiệm vụ 3 (thời hạn 10/04/2026, mới đạt 20%)',
    );
    // Tasks not started and on course are counted, not reprinted.
    expect(text).not.toContain('Nhiệm vụ 4 (');
    expect(text).not.toContain('chưa thực hiện, 0%');
    // With nothing saved, the sections gather the units' own words.
    expect(text).toContain('- Sở Nội vụ: Hồ sơ trực tuyến còn ít.');

    const tables = await docxTables(docx);
    expect(tableStartingWith(tables, ['Lĩnh vực'])).toEqual([
      ['Lĩnh vực', 'Hoàn thành', 'Đang thực hiện', 'Chưa thực hiện', 'Trễ hạn', 'Tổng số'],
      [dimensionName('PAPI.1'), '0', '1', '0', '0', '1'],
      [dimensionName('PAPI.5'), '1', '0', '0', '1', '2'],
      [dimensionName('PAR.3'), '0', '0', '1', '0', '1'],
      ['Nhiệm vụ khác', '0', '1', '0', '0', '1'],
      ['Tổng số', '1', '2', '1', '1', '5'],
    ]);
    expect(dimensionName('PAPI.1')).toBe('Tham gia của người dân ở cấp cơ sở');
    // Annex II: the unit × task matrix, Vietnamese headers, percentages with the Vietnamese sign.
    expect(tableStartingWith(tables, ['STT', 'Đơn vị', 'Nhiệm vụ 1'])).toEqual([
      ['STT', 'Đơn vị', 'Nhiệm vụ 1', 'Nhiệm vụ 2', 'Nhiệm vụ 3', 'Nhiệm vụ 5'],
      ['1', 'Sở Nội vụ', '100%', '40%', '20%', '70%'],
    ]);
    // Annex I: the unit × indicator matrix; 181/200 on time is 90,5%.
    const [onTime] = (
      await t.database.pool.query(
        `select name_vi, measure_unit from indicators where code = 'DOSSIER_ON_TIME'`,
      )
    ).rows;
    const indicatorTable = tableStartingWith(tables, ['STT', 'Đơn vị']) ?? [];
    const header = indicatorTable[0] ?? [];
    const column = header.indexOf(`${onTime.name_vi} (${onTime.measure_unit})`);
    expect(column).toBeGreaterThan(1);
    expect(header.some((cell) => cell.startsWith('DOSSIER_'))).toBe(false);
    const snvRow = indicatorTable.find((row) => row[1] === 'Sở Nội vụ') ?? [];
    expect(snvRow[column]).toBe('90,5%');
    const [receivedName] = (
      await t.database.pool.query(
        `select name_vi, measure_unit from indicators where code = 'DOSSIER_RECEIVED'`,
      )
    ).rows;
    const received = header.indexOf(`${receivedName.name_vi} (${receivedName.measure_unit})`);
    expect(snvRow[received]).toBe('210');

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      'Nhiệm vụ theo lĩnh vực',
      'Chỉ số theo đơn vị',
      'Nhiệm vụ theo đơn vị',
    ]);
    const summary = book.getWorksheet('Nhiệm vụ theo lĩnh vực');
    expect(summary?.getRow(1).values).toEqual([
      undefined,
      'Lĩnh vực',
      'Hoàn thành',
      'Đang thực hiện',
      'Chưa thực hiện',
      'Trễ hạn',
      'Tổng số',
    ]);
    expect(summary?.getRow(6).values).toEqual([undefined, 'Tổng số', 1, 2, 1, 1, 5]);
    const taskSheet = book.getWorksheet('Nhiệm vụ theo đơn vị');
    expect(taskSheet?.getRow(1).values).toEqual([
      undefined,
      'STT',
      'Đơn vị',
      '1. Nhiệm vụ 1',
      '2. Nhiệm vụ 2',
      '3. Nhiệm vụ 3',
      '5. Nhiệm vụ 5',
    ]);
    expect(taskSheet?.getRow(2).values).toEqual([undefined, 1, 'Sở Nội vụ', 1, 0.4, 0.2, 0.7]);
    expect(taskSheet?.getRow(2).getCell(4).numFmt).toBe('0%');
    const indicatorSheet = book.getWorksheet('Chỉ số theo đơn vị');
    const sheetHeader = (indicatorSheet?.getRow(1).values as unknown[]) ?? [];
    const sheetColumn = sheetHeader.indexOf(`${onTime.name_vi} (${onTime.measure_unit})`);
    let snvSheetRow: ExcelJS.Row | undefined;
    indicatorSheet?.eachRow((row) => {
      if (row.getCell(2).value === 'Sở Nội vụ') snvSheetRow = row;
    });
    expect(snvSheetRow?.getCell(sheetColumn).value).toBe(0.905);
    expect(snvSheetRow?.getCell(sheetColumn).numFmt).toBe('0.0%');
  });

  it('exports the sections as the coordinator edited them; a save over a stale version is a 409', async () => {
    const { plan } = await seed('2026Q2');
    const url = `/api/reports/consolidated/draft?planId=${plan.id}&period=2026Q2`;
    const suggested = await coordinator.request('GET', url);
    expect(suggested.status).toBe(200);
    expect(suggested.json).toMatchObject({
      periodCode: '2026Q2',
      periodName: 'Quý II/2026',
      version: 0,
      sections: {
        overview: '- Sở Nội vụ: Hoàn thành công khai thủ tục hành chính.',
        shortcomings: '- Sở Nội vụ: Hồ sơ trực tuyến còn ít.',
        causes: null,
      },
    });
    const sections = {
      overview: 'Cải cách hành chính có chuyển biến rõ nét.\nNgười dân hài lòng hơn.',
      shortcomings: 'Tỷ lệ hồ sơ trực tuyến toàn trình còn thấp.',
      causes: null,
      nextTasks: 'Đẩy mạnh số hóa.',
      proposals: 'Đề nghị Bộ Nội vụ hướng dẫn.',
    };
    const body = { planId: plan.id, periodCode: '2026q2', sections, version: 0 };
    const first = await coordinator.request('PUT', '/api/reports/consolidated/draft', body);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ version: 1, sections });
    const stale = await coordinator.request('PUT', '/api/reports/consolidated/draft', {
      ...body,
      sections: { ...sections, overview: 'Bản cũ' },
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.details.current.record.sections.overview).toBe(sections.overview);
    const second = await coordinator.request('PUT', '/api/reports/consolidated/draft', {
      ...body,
      sections: { ...sections, causes: 'Hạ tầng chưa đồng bộ.' },
      version: 1,
    });
    expect(second.json.version).toBe(2);
    // A department's coordinator reads the province's plan (it leads tasks) but does not write its report;
    // a commune's, given none of its tasks, does not even see it.
    const department = await signInAs(t, 'coordinator', '33.SNV');
    expect((await department.request('PUT', '/api/reports/consolidated/draft', body)).status).toBe(403);
    expect((await department.request('GET', url)).status).toBe(403);
    const commune = await signInAs(t, 'coordinator', '11953');
    expect((await commune.request('PUT', '/api/reports/consolidated/draft', body)).status).toBe(404);

    const text = await docxText((await generate(plan.id, '2026Q2')).docx);
    expect(text).toContain('Đánh giá chung');
    expect(text).toContain('Cải cách hành chính có chuyển biến rõ nét.Người dân hài lòng hơn.');
    expect(text).toContain('2. Nguyên nhânHạ tầng chưa đồng bộ.');
    expect(text).toContain('IV. ĐỀ XUẤT, KIẾN NGHỊĐề nghị Bộ Nội vụ hướng dẫn.');
    expect(text).not.toContain('- Sở Nội vụ: Hồ sơ trực tuyến còn ít.');
  });
});
