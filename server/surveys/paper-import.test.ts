import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { auditEvents, dossiers, surveyResponses, surveys } from '../db/schema/index.ts';
import { readTable, writeWorkbook } from '../files/tabular.ts';
import { COMMUNE_A, COMMUNE_B, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

let t: TestApp;
let clerk: Session;
let surveyId: number;
let unitA: number;
let unitB: number;

const csv = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`, 'utf8');
const importUrl = (query: string) => `/api/surveys/${surveyId}/paper-import?unitId=${unitA}&${query}`;

async function responseCount(): Promise<number> {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId));
  return row?.n ?? 0;
}

/** Each refusal as [row, column], the way the web marks its cells. */
const cellsOf = (json: { error: { details: { rows: { row: number; column: string }[] } } }) =>
  json.error.details.rows.map((issue) => [issue.row, issue.column]);

beforeAll(async () => {
  t = await createTestApp({ now: fixedClock('2026-03-20T09:00:00+07:00') });
  clerk = await signInAs(t, 'coordinator', COMMUNE_A);
  const [sipas] = await t.database.db
    .select({ id: surveys.id })
    .from(surveys)
    .where(eq(surveys.code, 'SIPAS'));
  surveyId = sipas?.id ?? 0;
  unitA = await unitIdByCode(t.database, COMMUNE_A);
  unitB = await unitIdByCode(t.database, COMMUNE_B);
  const dossier = (code: string, unitId: number, channel: string) => ({
    code,
    unitId,
    channel,
    procedureCode: '1.001234',
    field: 'Hộ tịch',
    receivedAt: new Date('2026-03-02T08:00:00+07:00'),
  });
  await t.database.db
    .insert(dossiers)
    .values([
      dossier('PAPER-A1', unitA, 'online_full'),
      dossier('PAPER-A2', unitA, 'direct'),
      dossier('PAPER-A3', unitA, 'direct'),
      dossier('PAPER-B1', unitB, 'direct'),
    ]);
});
afterAll(() => t.close());

describe('POST /api/surveys/:id/paper-import', () => {
  it('checks a .csv with numbers and answer words (dry run writes nothing), then records it with its audit event', async () => {
    const file = csv([
      'Số phiếu,Ngày,Mã hồ sơ,KENH,DV1.1,DV1.2,DV1.5,TIEN,GOPY',
      'CSV-1,05/03/2026,,1,4,Hài lòng,,Không,Nhanh gọn',
      ',,,,,,,,',
      'CSV-2,06/03/2026,PAPER-A1,,rat hai long,2,5,co,',
    ]);
    const before = await responseCount();
    const checked = await clerk.upload(importUrl('dryRun=true'), 'phieu.csv', file);
    expect(checked).toEqual({ status: 200, json: { recorded: 2, dryRun: true, batch: null } });
    expect(await responseCount()).toBe(before);

    const recorded = await clerk.upload(importUrl('dryRun=false'), 'phieu.csv', file);
    expect(recorded.status).toBe(201);
    expect(recorded.json.recorded).toBe(2);
    const rows = await t.database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.batch, recorded.json.batch))
      .orderBy(surveyResponses.id);
    expect(
      rows.map((row) => [
        row.source,
        row.unitId,
        row.paperNumber,
        row.dossierCode,
        row.dossierChannel,
        row.answers,
      ]),
    ).toEqual([
      ['import', unitA, 'CSV-1', null, null, { KENH: 1, 'DV1.1': 4, 'DV1.2': 4, TIEN: 0, GOPY: 'Nhanh gọn' }],
      // The channel comes from the dossier (online), so DV1.5 is asked.
      [
        'import',
        unitA,
        'CSV-2',
        'PAPER-A1',
        'online_full',
        { KENH: 2, 'DV1.1': 5, 'DV1.2': 2, 'DV1.5': 5, TIEN: 1 },
      ],
    ]);
    expect(rows[0]?.answeredAt.toISOString()).toBe('2026-03-05T05:00:00.000Z');
    const events = await t.database.db
      .select({ after: auditEvents.after, unitId: auditEvents.unitId })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'survey.responses.record'), eq(auditEvents.entityId, String(surveyId))),
      );
    expect(events.at(-1)).toEqual({
      unitId: unitA,
      after: {
        source: 'import',
        batch: recorded.json.batch,
        count: 2,
        firstId: rows[0]?.id,
        lastId: rows[1]?.id,
      },
    });
  });

  it('reads an .xlsx with Excel dates, words without diacritics and the default date for rows without one', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phiếu');
    sheet.addRow(['so phieu', 'ngay', 'kenh', 'dv2.1', 'dv2.2']);
    sheet.addRow(['X-1', new Date(Date.UTC(2026, 1, 14)), 'Truc tiep tai bo phan mot cua', 'binh thuong', 5]);
    sheet.addRow(['X-2', null, 3, 'Rất không hài lòng', '1']);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const recorded = await clerk.upload(importUrl('dryRun=false&date=01/03/2026'), 'phieu.xlsx', data);
    expect(recorded.status).toBe(201);
    const rows = await t.database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.batch, recorded.json.batch))
      .orderBy(surveyResponses.id);
    expect(rows.map((row) => [row.answeredAt.toISOString().slice(0, 10), row.answers])).toEqual([
      ['2026-02-14', { KENH: 1, 'DV2.1': 3, 'DV2.2': 5 }],
      ['2026-03-01', { KENH: 3, 'DV2.1': 1, 'DV2.2': 1 }],
    ]);
  });

  it('refuses a file naming every bad cell by row, column and reason, and writes nothing', async () => {
    const file = csv([
      'Số phiếu,Ngày,Mã hồ sơ,KENH,DV1.1,DV1.5',
      'R-1,05/03/2026,,1,7,', // 2: bad answer
      'R-2,05/03/2026,,1,4,5', // 3: DV1.5 only asked online
      'R-3,05/03/2026,,,4,', // 4: KENH required
      'R-4,31/02/2026,,1,4,', // 5: no such date
      'R-5,05/03/2022,,1,4,', // 6: before the questionnaire's years
      'R-6,,,1,4,', // 7: no date and no default
      'R-7,05/03/2026,PAPER-B1,,4,', // 8: another unit's dossier
      'R-8,05/03/2026,PAPER-A2,,4,', // 9: first use of A2: fine
      'R-9,05/03/2026,PAPER-A2,,4,', // 10: A2 again in the file
      'R-1,05/03/2026,,1,4,', // 11: form number repeated in the file
      'R-10,21/03/2026,,1,4,', // 12: after today
      'R-11,05/03/2026,,1,,', // 13: no answer at all
    ]);
    const before = await responseCount();
    const refused = await clerk.upload(importUrl('dryRun=false'), 'phieu.csv', file);
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('IMPORT_REJECTED');
    expect(cellsOf(refused.json)).toEqual([
      [2, 'DV1.1'],
      [3, 'DV1.5'],
      [4, 'KENH'],
      [5, 'Ngày'],
      [6, 'Ngày'],
      [7, 'Ngày'],
      [8, 'Mã hồ sơ'],
      [8, 'KENH'],
      [10, 'Mã hồ sơ'],
      [10, 'KENH'],
      [11, 'Số phiếu'],
      [12, 'Ngày'],
      [13, ''],
    ]);
    const reasons = refused.json.error.details.rows.map((issue: { reason: string }) => issue.reason);
    expect(reasons).toEqual([
      '"7" không phải câu trả lời hợp lệ; chọn một trong: 1 (Rất không hài lòng), 2 (Không hài lòng), 3 (Bình thường), 4 (Hài lòng), 5 (Rất hài lòng).',
      'Câu này chỉ hỏi khi câu KENH được trả lời khác; để trống.',
      'Câu hỏi bắt buộc chưa được trả lời.',
      'Ngày trả lời "31/02/2026" không hợp lệ (dd/mm/yyyy).',
      'Phiếu này dùng cho các năm 2023–2026; ngày trả lời ngoài khoảng đó.',
      'Chưa ghi ngày trả lời (dd/mm/yyyy).',
      'Hồ sơ PAPER-B1 không thuộc Phường Phố Hiến.',
      'Câu hỏi bắt buộc chưa được trả lời.',
      'Mã hồ sơ PAPER-A2 lặp lại trong lần nhập này.',
      'Câu hỏi bắt buộc chưa được trả lời.',
      'Số phiếu R-1 lặp lại trong lần nhập này.',
      'Ngày trả lời sau hôm nay.',
      'Phiếu chưa có câu trả lời nào.',
    ]);
    expect(refused.json.error.message).toMatch(
      /^Tệp có 13 lỗi; chưa ghi phiếu nào\. Lỗi đầu tiên — dòng 2, cột "DV1\.1"/,
    );
    expect(await responseCount()).toBe(before);
  });

  it('refuses an unknown column by name before reading any row', async () => {
    const refused = await clerk.upload(
      importUrl('dryRun=true'),
      'phieu.csv',
      csv(['Ngày,DV1.1,Câu 99', '05/03/2026,9,x']),
    );
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.rows).toEqual([
      { row: 1, column: 'Câu 99', reason: expect.stringContaining('không có câu hỏi mã "Câu 99"') },
    ]);
  });

  it('takes one answer per dossier and one form per number, against what is already recorded', async () => {
    const first = await clerk.upload(
      importUrl('dryRun=false'),
      'phieu.csv',
      csv(['Số phiếu,Ngày,Mã hồ sơ,DV1.1', 'D-1,10/03/2026,PAPER-A3,4']),
    );
    expect(first.status).toBe(201);
    const before = await responseCount();
    const again = await clerk.upload(
      importUrl('dryRun=false'),
      'phieu.csv',
      csv(['Số phiếu,Ngày,Mã hồ sơ,KENH,DV1.1', 'D-2,10/03/2026,PAPER-A3,1,5', 'D-1,10/03/2026,,1,3']),
    );
    expect(again.status).toBe(400);
    expect(again.json.error.details.rows.map((issue: { reason: string }) => issue.reason)).toEqual([
      'Hồ sơ PAPER-A3 đã có phiếu trả lời.',
      'Phiếu số D-1 của đơn vị đã được nhập.',
    ]);
    expect(await responseCount()).toBe(before);
    // The grid's route keeps the same rule.
    const grid = await clerk.request('POST', `/api/surveys/${surveyId}/paper-forms`, {
      unitId: unitA,
      forms: [{ answers: { KENH: 1, 'DV1.1': 4 }, answeredOn: '2026-03-10', dossierCode: 'PAPER-A3' }],
    });
    expect(grid.status).toBe(400);
    expect(cellsOf(grid.json)).toEqual([[1, 'Mã hồ sơ']]);
  });

  it('refuses another unit (404) and a person who only reads (403), before reading the file', async () => {
    const file = csv(['Ngày,KENH,DV1.1', '05/03/2026,1,4']);
    const other = await clerk.upload(
      `/api/surveys/${surveyId}/paper-import?unitId=${unitB}&dryRun=true`,
      'phieu.csv',
      file,
    );
    expect(other.status).toBe(404);
    const leader = await signInAs(t, 'leader', COMMUNE_A);
    expect((await leader.upload(importUrl('dryRun=true'), 'phieu.csv', file)).status).toBe(403);
  });
});

describe('POST /api/surveys/:id/paper-forms (the grid)', () => {
  it('refuses a date no calendar has and a form with nothing in it, naming the form, and writes nothing', async () => {
    const before = await responseCount();
    const refused = await clerk.request('POST', `/api/surveys/${surveyId}/paper-forms`, {
      unitId: unitA,
      forms: [
        { answers: { KENH: 1, 'DV1.1': 4 }, answeredOn: '2026-02-31' },
        { answers: { KENH: 1, 'DV1.1': null }, answeredOn: '2026-03-02' },
        { answers: { KENH: 1, 'DV1.1': 'Hài lòng' }, answeredOn: '2026-03-02', paperNumber: 'G-7' },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.rows).toEqual([
      { row: 1, column: 'Ngày', reason: 'Ngày trả lời "2026-02-31" không hợp lệ (dd/mm/yyyy).' },
      { row: 2, column: '', reason: 'Phiếu chưa có câu trả lời nào.' },
    ]);
    expect(await responseCount()).toBe(before);
  });
});

describe('GET /api/surveys/:id/paper-template', () => {
  it('is an .xlsx whose first sheet is the header row the import reads back, and a guide of every code', async () => {
    const reply = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${surveyId}/paper-template`,
      headers: { cookie: clerk.cookie },
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-disposition']).toContain(
      encodeURIComponent('Mẫu nhập phiếu giấy - Phiếu khảo sát sự hài lòng'),
    );
    const bytes = reply.rawPayload;
    const table = await readTable(bytes, 'xlsx');
    expect(table.headers.slice(0, 5)).toEqual(['Số phiếu', 'Ngày', 'Mã hồ sơ', 'KENH', 'DV1.1']);
    expect(table.headers).toHaveLength(3 + 32);
    expect(table.rows).toEqual([]);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const forms = workbook.getWorksheet('Phiếu');
    expect([1, 2, 3, 4].map((column) => forms?.getColumn(column).numFmt ?? null)).toEqual([
      '@',
      '@',
      '@',
      null,
    ]);
    const guide = workbook.getWorksheet('Hướng dẫn');
    const dv15 = guide?.getRows(1, guide.rowCount)?.find((row) => row.getCell(1).value === 'DV1.5');
    expect(dv15?.getCell(3).value).toBe(
      '1 (Rất không hài lòng), 2 (Không hài lòng), 3 (Bình thường), 4 (Hài lòng), 5 (Rất hài lòng)',
    );
    expect(dv15?.getCell(4).value).toBe('Chỉ trả lời khi câu KENH là 2; nếu không, để trống');

    // Filled in, it imports.
    const filled = await writeWorkbook([
      {
        name: 'Phiếu',
        headers: table.headers,
        rows: [['T-1', '12/03/2026', '', 2, 4, ...table.headers.slice(5).map(() => null)]],
      },
    ]);
    const checked = await clerk.upload(importUrl('dryRun=true'), 'mau.xlsx', filled);
    expect(checked.json).toEqual({ recorded: 1, dryRun: true, batch: null });
  });
});
