import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER_FIELD_LABELS, DOSSIER_FIELDS } from '../../core/dossiers/dossier-fields.ts';
import { codeWithoutName, findProblems, withoutData } from '../../tests/words.ts';
import { fixedClock } from '../clock.ts';
import { dossiers, procedures, units, users } from '../db/schema/index.ts';
import { dossierCsv, dossierRow } from '../dossiers/dossier-fixtures.ts';
import { petition, submitJson } from '../feedback/feedback-fixtures.ts';
import { docxParagraphs, docxTables } from '../test/docx-reader.ts';
import { buildPlan, buildReport, buildRound, COMMUNE_A, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { pdfDocument } from '../test/pdf-reader.ts';
import { writeWorkbook } from './tabular.ts';

/**
 * Words, not codes, in every file the product hands a person: each .docx and .xlsx (and the .csv twin
 * of a table) is generated as a user would download it and read back, its name, sheets, headers and
 * body checked by the rules the browser walk uses (tests/words.ts). Data people typed or imported
 * (unit, person, plan and criterion names, dossier numbers, usernames and passwords) is taken out first.
 */

// After the first quarter's due date (20/03/2026): reports are due, some late.
const NOW = '2026-03-25T03:00:00Z';
const PERIOD = '2026Q1';

let t: TestApp;
let coordinator: Session;
let admin: Session;
let communeReporter: Session;
/** Data people typed or imported, in whatever form they wrote it. */
const names: string[] = [];
const ids: Record<string, number> = {};

interface Download {
  fileName: string;
  data: Buffer;
}

async function download(session: Session, url: string): Promise<Download> {
  const reply = await t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
  if (reply.statusCode !== 200) throw new Error(`${url}: ${reply.statusCode} ${reply.body}`);
  const disposition = String(reply.headers['content-disposition'] ?? '');
  const encoded = disposition.match(/filename\*=UTF-8''([^;]+)/)?.[1];
  if (!encoded) throw new Error(`${url}: no file name in "${disposition}"`);
  return { fileName: decodeURIComponent(encoded), data: reply.rawPayload };
}

/** A cell's text as a person reads it; numbers and dates are formatted by the spreadsheet itself. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' || value instanceof Date) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((run) => run.text).join('');
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  if (typeof value === 'object' && 'result' in value) return cellText(value.result as ExcelJS.CellValue);
  return String(value);
}

/** The rows a file shows, each a list of cell texts: a sheet's name is a row of its own. */
async function rowsOf(file: Download): Promise<string[][]> {
  const extension = file.fileName.toLowerCase().match(/\.[a-z]+$/)?.[0];
  if (extension === '.docx') {
    const inTables = new Set((await docxTables(file.data)).flat().flat());
    const paragraphs = (await docxParagraphs(file.data)).filter((p) => !inTables.has(p));
    return [...paragraphs.map((p) => [p]), ...(await docxTables(file.data)).flat()];
  }
  if (extension === '.xlsx') {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.data as unknown as ArrayBuffer);
    const rows: string[][] = [];
    workbook.eachSheet((sheet) => {
      rows.push([sheet.name]);
      sheet.eachRow((row) => {
        const values = row.values as ExcelJS.CellValue[];
        rows.push(values.slice(1).map(cellText));
      });
    });
    return rows;
  }
  if (extension === '.pdf')
    return (await pdfDocument(file.data)).lines.map((line) =>
      line.startsWith('| ') ? line.slice(2, -2).split(' | ') : [line],
    );
  if (extension === '.csv')
    return file.data
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .map((line) => line.split(/[,;]/));
  throw new Error(`not a document: ${file.fileName}`);
}

/** Every code a person would read in the file: its name, then each row. */
async function problemsOf(file: Download): Promise<string[]> {
  const problems: string[] = [];
  const check = (where: string, text: string) => {
    for (const found of findProblems(withoutData(text, names), 'vi'))
      problems.push(`${where}: ${found.what} "${found.found}" in "${found.line}"`);
  };
  check('file name', file.fileName.replace(/\.[a-z]+$/, ''));
  for (const row of await rowsOf(file)) {
    const cells = row.map((cell) => withoutData(cell, names));
    check('row', cells.join(' | '));
    const bare = codeWithoutName(cells);
    if (bare) problems.push(`row: a code without its name "${bare}" in "${row.join(' | ').slice(0, 120)}"`);
  }
  return [...new Set(problems)];
}

async function expectWords(file: Download, fileName: string) {
  const problems = await problemsOf(file);
  expect({ fileName: file.fileName, problems }, `\n${problems.join('\n')}\n`).toEqual({
    fileName,
    problems: [],
  });
}

beforeAll(async () => {
  t = await createTestApp({ now: fixedClock(NOW) });
  coordinator = await signInAs(t, 'coordinator', '33');
  admin = await signInAs(t, 'admin', null);
  communeReporter = await signInAs(t, 'unit_reporter', COMMUNE_A);

  // A plan of the province, its tasks led by Sở Nội vụ and Sở Tư pháp.
  const plan = await buildPlan(t, {
    author: coordinator,
    title: 'Kế hoạch cải cách hành chính năm 2026',
    tasks: [
      { ref: '1', leadCodes: ['33.SNV'], dimension: 'PAPI.5', due: '2026-06-30' },
      { ref: '2', leadCodes: ['33.SNV'], dimension: 'PAPI.5', due: '2026-03-01' },
      { ref: '3', leadCodes: ['33.STP'], dimension: 'PAR.3', due: '2026-12-31' },
    ],
  });
  ids.plan = plan.id;

  // Sở Nội vụ's report of the quarter, written and sent; Sở Tư pháp's sent, then returned.
  const report = await buildReport(t, { unitCode: '33.SNV', periodCode: PERIOD });
  ids.report = report.id;
  const reporter = await signInAs(t, 'unit_reporter', '33.SNV');
  const opened = (await reporter.request('GET', `/api/reports/${report.id}`)).json;
  const said: Record<string, [string, number, string]> = {
    '1': ['done', 100, 'Đã công khai 100% thủ tục'],
    '2': ['in_progress', 40, 'Đang rà soát quy trình'],
  };
  const saved = await reporter.request('PUT', `/api/reports/${report.id}`, {
    narrative: {
      results: 'Hoàn thành công khai thủ tục hành chính.',
      shortcomings: 'Hồ sơ trực tuyến còn ít.',
      causes: null,
      nextTasks: 'Số hóa hồ sơ.',
      proposals: null,
    },
    tasks: opened.tasks
      .filter((task: { planId: number }) => task.planId === plan.id)
      .map((task: { itemId: number; ref: string; version: number }) => {
        const [status, progress, done] = said[task.ref] ?? ['not_started', 0, ''];
        return { itemId: task.itemId, status, progress, done, version: task.version };
      }),
    version: opened.version,
  });
  expect(saved.status).toBe(200);
  const head = await signInAs(t, 'unit_head', '33.SNV');
  const sent = await head.request('POST', `/api/reports/${report.id}/transitions`, {
    action: 'submit',
    version: saved.json.version,
  });
  expect(sent.status).toBe(200);
  const stp = await buildReport(t, { unitCode: '33.STP', periodCode: PERIOD, submit: true });
  const returned = await coordinator.request('POST', `/api/reports/${stp.id}/transitions`, {
    action: 'return',
    reason: 'Thiếu số liệu',
    version: stp.version,
  });
  expect(returned.status).toBe(200);

  // Dossiers: counted in the roll-ups, and a late one of Phố Hiến for the apology slip.
  const snvId = await unitIdByCode(t.database, '33.SNV');
  const phoHien = await unitIdByCode(t.database, COMMUNE_A);
  await t.database.pool.query(
    `insert into dossier_rollups (unit_id, field, period_code, received, finished, finished_on_time, finished_late)
     values ($1, 'Hộ tịch', $3, 210, 200, 181, 19), ($2, 'Hộ tịch', $3, 40, 38, 30, 8)`,
    [snvId, phoHien, PERIOD],
  );
  await t.database.db
    .insert(procedures)
    .values({ code: 'HT-WORDS', name: 'Đăng ký khai sinh', field: 'Hộ tịch' })
    .onConflictDoNothing();
  await t.database.db.insert(dossiers).values({
    unitId: phoHien,
    procedureCode: 'HT-WORDS',
    field: 'Hộ tịch',
    channel: 'online_full',
    code: '000.00.33.H01-260202-0001',
    receivedAt: new Date('2026-02-02T02:00:00Z'),
    dueAt: new Date('2026-02-05T10:00:00Z'),
    finishedAt: new Date('2026-02-09T03:00:00Z'),
  });

  // An assessment round of the communes, one criterion scored by Phố Hiến.
  const round = await buildRound(t, { coordinator, name: 'Đánh giá CCHC cấp xã năm 2026' });
  ids.round = round.id;
  const sheet = (await communeReporter.request('GET', `/api/rounds/${round.id}/units/${phoHien}`)).json;
  const first = sheet.criteria.find((criterion: { isLeaf: boolean }) => criterion.isLeaf);
  const scored = await communeReporter.request(
    'PATCH',
    `/api/rounds/${round.id}/units/${phoHien}/scores/${first.code}`,
    { selfScore: first.maxPoints, version: first.version ?? 0 },
  );
  expect(scored.status).toBe(200);
  ids.framework = (await coordinator.request('GET', `/api/rounds/${round.id}`)).json.frameworkId;

  // What people typed or imported: unit, person and plan names, criterion names, dossier numbers.
  names.push(...(await t.database.db.select({ name: units.name }).from(units)).map((unit) => unit.name));
  names.push(...(await t.database.db.select({ name: users.fullName }).from(users)).map((user) => user.name));
  const detail = (await coordinator.request('GET', `/api/plans/${plan.id}`)).json;
  names.push(
    detail.title,
    ...detail.items.flatMap((item: { text: string; leadNames?: string[] }) => [
      item.text,
      ...(item.leadNames ?? []),
    ]),
  );
  for (const agency of detail.agencies ?? []) names.push(agency.name);
  names.push('Đăng ký khai sinh', '000.00.33.H01-260202-0001');
  const framework = (await coordinator.request('GET', `/api/frameworks/${ids.framework}`)).json;
  const walk = (criteria: { nameVi: string; nameEn?: string; guidance?: string; children?: unknown[] }[]) => {
    for (const criterion of criteria) {
      names.push(criterion.nameVi, criterion.nameEn ?? '', criterion.guidance ?? '');
      walk((criterion.children ?? []) as typeof criteria);
    }
  };
  walk(framework.definition.criteria);
}, 120_000);
afterAll(() => t.close());

describe('every generated file reads in words', () => {
  it('the plan exported as .docx and .pdf', async () => {
    const plan = (await coordinator.request('GET', `/api/plans/${ids.plan}`)).json;
    const number = plan.number.replaceAll('/', '-');
    await expectWords(
      await download(coordinator, `/api/plans/${ids.plan}/export.docx`),
      `Kế hoạch ${number}.docx`,
    );
    await expectWords(
      await download(coordinator, `/api/plans/${ids.plan}/export.pdf`),
      `Kế hoạch ${number}.pdf`,
    );
  });

  it('the consolidated report .docx, its .pdf and its annex .xlsx', async () => {
    const started = await coordinator.request('POST', '/api/reports/consolidated', {
      planId: ids.plan,
      periodCode: PERIOD,
    });
    expect(started.status).toBe(202);
    const jobUrl = `/api/jobs/${started.json.jobId}`;
    let job = (await coordinator.request('GET', jobUrl)).json;
    for (let i = 0; i < 600 && job.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await coordinator.request('GET', jobUrl)).json;
    }
    expect(job.status).toBe('done');
    const plan = (await coordinator.request('GET', `/api/plans/${ids.plan}`)).json;
    const stem = `Báo cáo kết quả thực hiện Kế hoạch ${plan.number.replaceAll('/', '-')} quý I năm 2026`;
    // The job's list names its files the same way.
    expect(job.files.map((file: { fileName: string }) => file.fileName)).toEqual([
      `${stem}.docx`,
      `${stem} - Phụ lục.xlsx`,
      `${stem}.pdf`,
    ]);
    await expectWords(await download(coordinator, `${jobUrl}/files/0`), `${stem}.docx`);
    await expectWords(await download(coordinator, `${jobUrl}/files/1`), `${stem} - Phụ lục.xlsx`);
    await expectWords(await download(coordinator, `${jobUrl}/files/2`), `${stem}.pdf`);
  });

  it('a unit’s periodic report .docx', async () => {
    await expectWords(
      await download(coordinator, `/api/reports/${ids.report}/export.docx`),
      'Báo cáo quý I năm 2026 - Sở Nội vụ.docx',
    );
  });

  it('the công văn đôn đốc and the board of the period', async () => {
    await expectWords(
      await download(coordinator, `/api/reports/chasing-letter.docx?period=${PERIOD}`),
      'Công văn đôn đốc báo cáo quý I năm 2026.docx',
    );
    await expectWords(
      await download(coordinator, `/api/reports/board.xlsx?period=${PERIOD}`),
      'Tình hình gửi báo cáo quý I năm 2026.xlsx',
    );
  });

  it('the inbox of citizens’ feedback as .xlsx', async () => {
    const sent = await submitJson(t, petition({ communeCode: '11953' }));
    expect(sent.status).toBe(201);
    names.push(sent.json.code);
    await expectWords(
      await download(communeReporter, '/api/feedback/export.xlsx?filter=new'),
      'Phản ánh, kiến nghị (mới) ngày 25-03-2026.xlsx',
    );
  });

  it('the apology slip of a late dossier', async () => {
    await expectWords(
      await download(communeReporter, '/api/dossiers/000.00.33.H01-260202-0001/apology-letter.docx'),
      'Phiếu xin lỗi hồ sơ 000.00.33.H01-260202-0001.docx',
    );
  });

  it('each chart of the dossier dashboard as .xlsx', async () => {
    const province = await unitIdByCode(t.database, '33');
    const sheets = {
      kpis: 'Chỉ số',
      trend: 'Xu hướng',
      ranking: 'Xếp hạng',
      late: 'Hồ sơ trễ hạn',
    };
    for (const [chart, sheet] of Object.entries(sheets))
      await expectWords(
        await download(
          coordinator,
          `/api/dashboards/dossiers/export?unitId=${province}&period=${PERIOD}&chart=${chart}`,
        ),
        `${sheet} - Ủy ban nhân dân tỉnh Hưng Yên - quý I năm 2026.xlsx`,
      );
  });

  it('the framework and the round’s results, as .xlsx and .csv', async () => {
    const framework = (await coordinator.request('GET', `/api/frameworks/${ids.framework}`)).json.definition;
    for (const format of ['xlsx', 'csv'])
      await expectWords(
        await download(coordinator, `/api/frameworks/${ids.framework}/export?format=${format}`),
        `${framework.nameVi} ${framework.fromYear}.${format}`,
      );
    for (const format of ['xlsx', 'csv'])
      await expectWords(
        await download(coordinator, `/api/rounds/${ids.round}/results/export?format=${format}`),
        `Kết quả Đánh giá CCHC cấp xã năm 2026.${format}`,
      );
  });

  it('the list of refused rows of a dossier import', async () => {
    // A file as a one-stop system exports it (Vietnamese titles), one row with an unknown channel.
    const headers = DOSSIER_FIELDS.map((field) => DOSSIER_FIELD_LABELS[field]);
    const file = dossierCsv([dossierRow({ channel: 'fax' })], headers);
    const started = await coordinator.upload('/api/dossiers/imports', 'ho-so.csv', Buffer.from(file));
    expect(started.status).toBe(202);
    const jobUrl = `/api/jobs/${started.json.jobId}`;
    let job = (await coordinator.request('GET', jobUrl)).json;
    for (let i = 0; i < 600 && job.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await coordinator.request('GET', jobUrl)).json;
    }
    expect(job.result.rejectedCount).toBe(1);
    names.push('fax', 'ho-so.csv');
    await expectWords(await download(coordinator, `${jobUrl}/files/0`), 'loi-nhap-ho-so.csv');
  });

  it('the units and accounts: exports, templates and the temporary passwords', async () => {
    for (const format of ['xlsx', 'csv']) {
      await expectWords(await download(admin, `/api/units/export?format=${format}`), `don-vi.${format}`);
      await expectWords(
        await download(admin, `/api/units/import-template?format=${format}`),
        `mau-nhap-don-vi.${format}`,
      );
    }
    // The template's example account signs in as "an.nguyenvan": a username is what a person types.
    names.push('an.nguyenvan');
    await expectWords(await download(admin, '/api/users/import-template'), 'mau-nhap-tai-khoan.xlsx');
    const username = `loan.words.${process.pid}`;
    const file = await writeWorkbook([
      {
        name: 'Tài khoản',
        headers: ['Họ và tên', 'Tên đăng nhập', 'Thư điện tử', 'Điện thoại', 'Đơn vị', 'Vai trò'],
        rows: [['Phạm Thị Loan', username, '', '', 'Phường Phố Hiến', 'Cán bộ báo cáo của đơn vị']],
      },
    ]);
    const imported = await admin.upload('/api/users/import?dryRun=false', 'tai-khoan.xlsx', file);
    expect(imported.status).toBe(200);
    const credentials = await download(
      admin,
      `/api/users/import/credentials/${imported.json.credentialsToken}`,
    );
    // The temporary password is data: the one cell beside the username.
    const rows = await rowsOf(credentials);
    const row = rows.find((cells) => cells.includes(username)) ?? [];
    names.push('Phạm Thị Loan', username, ...row.filter((cell) => cell && !/\s/.test(cell)));
    await expectWords(credentials, 'tai-khoan-moi-mat-khau-tam.xlsx');
  });
});
