import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER_FIELDS } from '../../core/dossiers/dossier-fields.ts';
import { AppError } from '../../core/errors.ts';
import type { Database } from '../db/engine.ts';
import { buildUser, openTestDatabase, unitIdByCode } from '../test/harness.ts';
import {
  dossierCsv,
  dossierJsonLines,
  dossierRow,
  systemContext,
  tempFiles,
  writtenCounts,
} from './dossier-fixtures.ts';
import { importDossiers } from './dossier-import-service.ts';
import type { DossierContext } from './dossier-mapping-service.ts';

let database: Database;
let ctx: DossierContext;
const files = tempFiles();

beforeAll(async () => {
  database = await openTestDatabase();
  ctx = systemContext(database);
});
afterAll(async () => {
  await database.close();
  files.cleanup();
});

const importCsv = (
  rows: ReturnType<typeof dossierRow>[],
  options: { dryRun?: boolean; context?: DossierContext } = {},
) =>
  importDossiers(options.context ?? ctx, {
    path: files.write(`f${Math.random().toString(36).slice(2)}.csv`, dossierCsv(rows)),
    format: 'csv',
    dryRun: options.dryRun ?? false,
  });

async function expectRefused(
  rows: ReturnType<typeof dossierRow>[],
  expected: { line: number; column: string; reason: string | RegExp }[],
  context?: DossierContext,
) {
  const before = await writtenCounts(database);
  const result = await importCsv(rows, { context });
  expect(result.imported + result.updated).toBe(0);
  expect(result.rejectedCount).toBe(expected.length);
  expect(result.rejected).toEqual(
    expected.map((issue) => ({
      ...issue,
      reason: typeof issue.reason === 'string' ? issue.reason : expect.stringMatching(issue.reason),
    })),
  );
  expect(await writtenCounts(database)).toEqual(before);
}

describe('dossier import refusals: nothing is written', () => {
  it('refuses a dossier finished before it was received', async () => {
    await expectRefused(
      [dossierRow(), dossierRow({ receivedAt: '10/01/2026 08:00', finishedAt: '09/01/2026 08:00' })],
      [{ line: 3, column: 'finishedAt', reason: 'Ngày hoàn thành trước ngày tiếp nhận.' }],
    );
  });

  it('refuses an unknown unit code', async () => {
    await expectRefused(
      [dossierRow({ unitCode: 'KHONG-CO' }), dossierRow()],
      [{ line: 2, column: 'unitCode', reason: 'Không tìm thấy đơn vị có mã "KHONG-CO".' }],
    );
  });

  it("refuses a unit outside the importer's scope", async () => {
    const user = await buildUser(database, [{ role: 'unit_reporter', unitCode: '11953' }]);
    const unitId = await unitIdByCode(database, '11953');
    const [unit] = (await database.pool.query('select path from units where id = $1', [unitId])).rows;
    const reporter: DossierContext = {
      db: database.db,
      actor: { userId: user.id, name: user.username },
      ip: null,
      user: { grants: [{ role: 'unit_reporter', unitId, unitPath: unit.path }] },
    };
    await expectRefused(
      [dossierRow({ unitCode: '11953' }), dossierRow({ unitCode: '33.SNV' })],
      [{ line: 3, column: 'unitCode', reason: 'Đơn vị "33.SNV" ngoài phạm vi bạn được nhập hồ sơ.' }],
      reporter,
    );
  });

  it('refuses impossible and missing dates', async () => {
    await expectRefused(
      [
        dossierRow({ receivedAt: '31/02/2026 08:00' }),
        dossierRow({ receivedAt: '' }),
        dossierRow({ dueAt: '2026-02-30' }),
      ],
      [
        { line: 2, column: 'receivedAt', reason: /"31\/02\/2026 08:00" không phải ngày giờ hợp lệ/ },
        { line: 3, column: 'receivedAt', reason: 'Thiếu ngày tiếp nhận.' },
        { line: 4, column: 'dueAt', reason: /"2026-02-30" không phải ngày giờ hợp lệ/ },
      ],
    );
  });

  it('refuses a code repeated with different content, naming both lines', async () => {
    const first = dossierRow();
    await expectRefused(
      [first, dossierRow(), { ...first, status: 'Đang xử lý' }],
      [{ line: 4, column: 'code', reason: `Mã hồ sơ "${first.code}" đã có ở dòng 2 với nội dung khác.` }],
    );
  });

  it('refuses rows with bytes that are not UTF-8 or a NUL, past the part judged for the encoding', async () => {
    const before = await writtenCounts(database);
    // 2,000 good rows (past the first chunk, whose encoding is judged up front), then two damaged ones.
    const good = dossierCsv(Array.from({ length: 2000 }, () => dossierRow()));
    const damaged = Buffer.concat([
      Buffer.from(good),
      Buffer.from('HS-bad-1,33.SNV,1.001,Đăng ký khai sinh,Hộ tịch,,direct,2026-01-05,,,,Đã tr'),
      Buffer.from([0xe1, 0x28]),
      Buffer.from(',,\nHS-bad-2,33.SNV,1.001,Đăng ký\u0000khai sinh,Hộ tịch,,direct,2026-01-05,,,,,,\n'),
    ]);
    const result = await importDossiers(ctx, {
      path: files.write('damaged.csv', damaged),
      format: 'csv',
      dryRun: false,
    });
    expect(result.rejected).toEqual([
      { line: 2002, column: 'status', reason: expect.stringMatching(/ký tự không đọc được/) },
      { line: 2003, column: 'procedureName', reason: expect.stringMatching(/ký tự không đọc được/) },
    ]);
    expect(await writtenCounts(database)).toEqual(before);
  });

  it('refuses a file in TCVN3 with the clear message, before reading rows', async () => {
    const before = await writtenCounts(database);
    // "Sở Nội vụ" and "Hộ tịch" as TCVN3 (ABC) bytes.
    const tcvn3 = Buffer.concat([
      Buffer.from(`${DOSSIER_FIELDS.join(',')}\nHS-1,33.SNV,1.001,`),
      Buffer.from([
        0x53, 0xe8, 0x20, 0x4e, 0xe9, 0x69, 0x20, 0x76, 0xf9, 0x2c, 0x48, 0xe9, 0x20, 0x74, 0xbe, 0x63, 0x68,
      ]),
      Buffer.from(',,online_full,2026-01-05,,,,,,\n'),
    ]);
    const path = files.write('tcvn3.csv', tcvn3);
    await expect(importDossiers(ctx, { path, format: 'csv', dryRun: false })).rejects.toThrow(/TCVN3/);
    expect(await writtenCounts(database)).toEqual(before);
  });

  it('refuses an unknown format by its extension', async () => {
    const { dossierFormatOf } = await import('./dossier-readers.ts');
    expect(() => dossierFormatOf('ho-so.xls')).toThrow(AppError);
    expect(() => dossierFormatOf('ho-so.pdf')).toThrow(/\.csv, \.xlsx hoặc \.jsonl/);
  });

  it('lists a bad row and a code repeated after it, both', async () => {
    // New codes go straight in until the repeat; the file is then read again and every refusal listed.
    const first = dossierRow();
    await expectRefused(
      [first, dossierRow({ channel: 'fax' }), { ...first, status: 'Đang xử lý' }],
      [
        { line: 3, column: 'channel', reason: /Kênh "fax" không hợp lệ/ },
        { line: 4, column: 'code', reason: `Mã hồ sơ "${first.code}" đã có ở dòng 2 với nội dung khác.` },
      ],
    );
  });

  it('refuses a file that breaks off after thousands of rows, and the next import goes through', async () => {
    const before = await writtenCounts(database);
    // Enough rows for the COPY to have taken several chunks before the unclosed quote at the end.
    const rows = Array.from({ length: 12_000 }, () => dossierRow({ field: 'Broken' }));
    const text = `${dossierCsv(rows)}HS-broken,33.SNV,"1.001,unclosed\n`;
    const path = files.write('broken.csv', text);
    await expect(importDossiers(ctx, { path, format: 'csv', dryRun: false })).rejects.toThrow(
      /dấu ngoặc kép không đóng/,
    );
    expect(await writtenCounts(database)).toEqual(before);
    expect(await importCsv([dossierRow({ field: 'After' })])).toMatchObject({
      imported: 1,
      rejectedCount: 0,
    });
  });

  it('lists every bad row of a file, not only the first', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => dossierRow(i % 3 === 0 ? { channel: 'fax' } : {}));
    const result = await importCsv(rows);
    expect(result.rejectedCount).toBe(10);
    expect(result.rejected.map((issue) => issue.line)).toEqual(
      Array.from({ length: 10 }, (_, i) => 2 + i * 3),
    );
  });
});

describe('dossier import', () => {
  it('imports CSV with Vietnamese headers and Vietnamese words, and lists new procedures', async () => {
    const headers = [
      'Mã hồ sơ',
      'Mã cơ quan',
      'Mã thủ tục',
      'Tên thủ tục',
      'Lĩnh vực',
      'Cấp',
      'Hình thức nộp',
      'Ngày tiếp nhận',
      'Ngày hẹn trả',
      'Ngày có kết quả',
      'Ngày trả kết quả',
      'Trạng thái',
      'Số hóa',
      'Thư xin lỗi',
    ];
    const rows = [
      dossierRow({
        procedureCode: 'VN.1',
        procedureName: 'Cấp phép xây dựng',
        field: 'Xây dựng',
        channel: 'Trực tuyến một phần',
        receivedAt: '02/02/2026 08:15',
        dueAt: '05/02/2026',
        finishedAt: '06/02/2026 09:00',
        digitised: 'Có',
        apologyIssued: 'x',
      }),
      dossierRow({
        procedureCode: 'VN.1',
        procedureName: 'Cấp phép xây dựng',
        field: 'Xây dựng',
        channel: 'Trực tiếp',
        receivedAt: '03/02/2026',
        dueAt: '',
        finishedAt: '',
        digitised: 'không',
      }),
    ];
    const path = files.write('vi.csv', `\uFEFF${dossierCsv(rows, headers)}`);
    const result = await importDossiers(ctx, { path, format: 'csv', dryRun: false });
    expect(result).toEqual({
      imported: 2,
      updated: 0,
      rejected: [],
      rejectedCount: 0,
      newProcedures: [{ code: 'VN.1', name: 'Cấp phép xây dựng', field: 'Xây dựng' }],
      dryRun: false,
    });
    const { rows: stored } = await database.pool.query(
      `select channel, digitised, apology_issued, finished_at from dossiers where procedure_code = 'VN.1' order by code`,
    );
    expect(stored).toEqual([
      {
        channel: 'online_partial',
        digitised: true,
        apology_issued: true,
        finished_at: new Date('2026-02-06T02:00:00Z'),
      },
      { channel: 'direct', digitised: false, apology_issued: false, finished_at: null },
    ]);
    const { rows: rollups } = await database.pool.query(
      `select period_code, received, received_online, received_digitised, finished, finished_on_time, finished_late, late_apologised
       from dossier_rollups where field = 'Xây dựng' order by period_code`,
    );
    expect(rollups).toEqual([
      {
        period_code: '2026Q1',
        received: 2,
        received_online: 1,
        received_digitised: 1,
        finished: 1,
        finished_on_time: 0,
        finished_late: 1,
        late_apologised: 1,
      },
    ]);
    const { rows: audit } = await database.pool.query(
      `select after from audit_events where action = 'dossiers.imported' order by seq desc limit 1`,
    );
    expect(audit[0].after).toMatchObject({
      fileName: 'vi.csv',
      rows: 2,
      imported: 2,
      updated: 0,
      newProcedures: ['VN.1'],
    });
  });

  it('imports JSON lines', async () => {
    const rows = [dossierRow({ field: 'JSONL' }), dossierRow({ field: 'JSONL' })];
    const path = files.write('d.jsonl', dossierJsonLines(rows));
    const result = await importDossiers(ctx, { path, format: 'jsonl', dryRun: false });
    expect(result).toMatchObject({ imported: 2, updated: 0, rejectedCount: 0 });
    const { rows: stored } = await database.pool.query(
      `select count(*)::int as n from dossiers where field = 'JSONL'`,
    );
    expect(stored[0].n).toBe(2);
  });

  it('imports .xlsx, with real date cells read as Vietnam time', async () => {
    // The file names its procedure by code only: one imported before names it.
    await importCsv([dossierRow({ procedureCode: '1.001', field: 'Procedure' })]);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Hồ sơ');
    sheet.addRow([
      'Mã hồ sơ',
      'Mã đơn vị',
      'Mã thủ tục',
      'Lĩnh vực',
      'Kênh',
      'Ngày tiếp nhận',
      'Hạn xử lý',
      'Ngày hoàn thành',
    ]);
    sheet.addRow([
      'X-1',
      '33.SNV',
      '1.001',
      'XLSX',
      'Bưu chính',
      new Date(Date.UTC(2026, 3, 1, 8, 0)),
      '10/04/2026',
      '2026-04-02 15:00',
    ]);
    sheet.addRow(['X-2', '33.SNV', '1.001', 'XLSX', 'online_full', '01/04/2026 09:00', '', '']);
    const path = files.write('d.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const result = await importDossiers(ctx, { path, format: 'xlsx', dryRun: false });
    expect(result).toMatchObject({ imported: 2, rejectedCount: 0 });
    const { rows: stored } = await database.pool.query(
      `select code, channel, received_at from dossiers where field = 'XLSX' order by code`,
    );
    expect(stored).toEqual([
      { code: 'X-1', channel: 'postal', received_at: new Date('2026-04-01T01:00:00Z') },
      { code: 'X-2', channel: 'online_full', received_at: new Date('2026-04-01T02:00:00Z') },
    ]);
  });

  it('upserts by code and the roll-ups follow the update', async () => {
    const original = dossierRow({ field: 'Upsert', finishedAt: '2026-01-20T10:00:00+07:00' }); // late
    const other = dossierRow({ field: 'Upsert' });
    expect(await importCsv([original, other])).toMatchObject({ imported: 2, updated: 0 });
    const rollup = async () =>
      (
        await database.pool.query(
          `select period_code, received, finished, finished_on_time, finished_late from dossier_rollups
           where field = 'Upsert' order by period_code`,
        )
      ).rows;
    expect(await rollup()).toEqual([
      { period_code: '2026Q1', received: 2, finished: 2, finished_on_time: 1, finished_late: 1 },
    ]);
    // Finished on time after all, and the other one moved to a later quarter.
    const result = await importCsv([
      { ...original, finishedAt: '2026-01-09T10:00:00+07:00' },
      { ...other, receivedAt: '2026-04-01T08:00:00+07:00', dueAt: '', finishedAt: '' },
      dossierRow({ field: 'Upsert' }),
    ]);
    expect(result).toMatchObject({ imported: 1, updated: 2, rejectedCount: 0, newProcedures: [] });
    expect(await rollup()).toEqual([
      { period_code: '2026Q1', received: 2, finished: 2, finished_on_time: 2, finished_late: 0 },
      { period_code: '2026Q2', received: 1, finished: 0, finished_on_time: 0, finished_late: 0 },
    ]);
  });

  it('writes new codes in one pass, and reads a file with stored codes again, saying so', async () => {
    const phasesOf = async (rows: ReturnType<typeof dossierRow>[]) => {
      const phases = new Set<string>();
      const path = files.write(`p${Math.random().toString(36).slice(2)}.csv`, dossierCsv(rows));
      const result = await importDossiers(ctx, {
        path,
        format: 'csv',
        dryRun: false,
        onProgress: (progress) => phases.add(progress.phase),
      });
      return { result, phases: [...phases] };
    };
    const stored = dossierRow({ field: 'Passes' });
    const fresh = Array.from({ length: 2500 }, () => dossierRow({ field: 'Passes' }));
    expect(await phasesOf([stored, ...fresh])).toEqual({
      result: expect.objectContaining({ imported: 2501, updated: 0 }),
      phases: ['reading', 'checking', 'writing'],
    });
    const again = await phasesOf([{ ...stored, status: 'Đã trả' }, ...fresh.slice(0, 1500)]);
    expect(again.result).toMatchObject({ imported: 0, updated: 1501, rejectedCount: 0 });
    expect(again.phases).toContain('rereading');
  });

  it('keeps text with quotes, backslashes and commas, and times to the millisecond', async () => {
    const row = dossierRow({
      status: 'Trả "gấp", xem \\\\kho\\ {1}',
      receivedAt: '2026-01-05T08:00:00.123+07:00',
    });
    expect(await importCsv([row])).toMatchObject({ imported: 1, rejectedCount: 0 });
    const { rows } = await database.pool.query('select status, received_at from dossiers where code = $1', [
      row.code,
    ]);
    expect(rows[0]).toEqual({ status: row.status, received_at: new Date('2026-01-05T01:00:00.123Z') });
  });

  it('writes a repeated code with the same content once', async () => {
    const row = dossierRow({ field: 'Twice' });
    expect(await importCsv([row, dossierRow({ field: 'Twice' }), row])).toMatchObject({
      imported: 2,
      rejectedCount: 0,
    });
  });

  it('dry run: checks everything, counts right, writes nothing', async () => {
    const existing = dossierRow({ field: 'Dry' });
    await importCsv([existing]);
    const before = await writtenCounts(database);
    const result = await importCsv(
      [
        { ...existing, status: 'Đã sửa' },
        dossierRow({ field: 'Dry', procedureCode: 'DRY.1', procedureName: 'Thủ tục thử' }),
      ],
      { dryRun: true },
    );
    expect(result).toEqual({
      imported: 1,
      updated: 1,
      rejected: [],
      rejectedCount: 0,
      newProcedures: [{ code: 'DRY.1', name: 'Thủ tục thử', field: 'Dry' }],
      dryRun: true,
    });
    expect(await writtenCounts(database)).toEqual(before);
    const { rows } = await database.pool.query(`select status from dossiers where code = $1`, [
      existing.code,
    ]);
    expect(rows[0].status).toBe('Đã trả kết quả');
  });

  it('refuses a new procedure without a field, and takes an existing one its field from the catalogue', async () => {
    await expectRefused(
      [dossierRow({ procedureCode: 'NEW.X', field: '' })],
      [{ line: 2, column: 'field', reason: 'Thiếu lĩnh vực: thủ tục "NEW.X" chưa có trong danh mục.' }],
    );
    await importCsv([dossierRow({ procedureCode: 'CAT.1', field: 'Tư pháp' })]);
    const row = dossierRow({ procedureCode: 'CAT.1', field: '' });
    expect(await importCsv([row])).toMatchObject({ imported: 1, rejectedCount: 0 });
    const { rows } = await database.pool.query(`select field from dossiers where code = $1`, [row.code]);
    expect(rows[0].field).toBe('Tư pháp');
  });
});

describe('other requests while a file is read', () => {
  // PGlite has one connection for every request: an import that read and checked its file inside its
  // transaction held up every other request until it ended. A query sent while the rows are being
  // read must now be answered before the import reaches its write (on PostgreSQL it has a connection of its own).
  it.each([
    ['a good file', false],
    ['a file refused on its last row', true],
  ])(
    '%s: a query sent while its rows are read is answered before they are written',
    async (_name, refused) => {
      const rows = Array.from({ length: 5000 }, () => dossierRow());
      if (refused) rows.push(dossierRow({ unitCode: 'KHONG-CO' }));
      const events: string[] = [];
      let query: Promise<void> | null = null;
      const result = await importDossiers(ctx, {
        path: files.write(`busy${refused ? 'r' : 'g'}.csv`, dossierCsv(rows)),
        format: 'csv',
        dryRun: false,
        onProgress: ({ phase, rowsRead }) => {
          if (phase === 'reading' && rowsRead === 1000 && !query)
            query = database.pool.query('select count(*) from units').then(() => {
              events.push('query answered');
            });
          if (!events.includes(phase)) events.push(phase);
        },
      });
      await query;
      events.push('import ended');
      expect(result.rejectedCount).toBe(refused ? 1 : 0);
      expect(result.imported).toBe(refused ? 0 : 5000);
      const answered = events.indexOf('query answered');
      expect(answered).toBeGreaterThan(-1);
      expect(answered).toBeLessThan(events.indexOf(refused ? 'import ended' : 'writing'));
      // On PGlite a refused file of new codes never opens a transaction (nothing to check against stored rows).
      if (refused && database.kind === 'pglite') expect(events).not.toContain('checking');
      else expect(answered).toBeLessThan(events.indexOf('checking'));
    },
  );
});
