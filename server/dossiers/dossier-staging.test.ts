import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/engine.ts';
import { openTestDatabase, TEST_PG_URL } from '../test/harness.ts';
import { dossierCsv, dossierRow, systemContext, tempFiles, writtenCounts } from './dossier-fixtures.ts';
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

const importCsv = (rows: ReturnType<typeof dossierRow>[]) =>
  importDossiers(ctx, {
    path: files.write(`f${Math.random().toString(36).slice(2)}.csv`, dossierCsv(rows)),
    format: 'csv',
    dryRun: false,
  });

describe('staging tables', () => {
  // PGlite stages a file in an unlogged table of the import's own before its transaction; PostgreSQL in a
  // temporary one inside it. Neither may outlive the import, whatever its end.
  const stagingTables = async () =>
    (
      await database.pool.query<{ name: string }>(
        `select relname as name from pg_class
         where relname = 'dossier_staging' or relname like 'dossier\\_load\\_%' order by relname`,
      )
    ).rows.map((row) => row.name);

  it('a failed import leaves no staging table and nothing in the tables', async () => {
    const stored = dossierRow({ field: 'Staging' });
    expect(await importCsv([stored])).toMatchObject({ imported: 1, rejectedCount: 0 });
    const before = await writtenCounts(database);
    const many = () => Array.from({ length: 12_000 }, () => dossierRow({ field: 'Staging' }));
    // A bad row at the end of a file of new codes.
    const bad = await importCsv([...many(), dossierRow({ unitCode: 'KHONG-CO' })]);
    expect(bad).toMatchObject({ imported: 0, updated: 0, rejectedCount: 1 });
    expect(bad.rejected).toEqual([
      { line: 12_002, column: 'unitCode', reason: 'Không tìm thấy đơn vị có mã "KHONG-CO".' },
    ]);
    // A stored code and a code repeated with different content: refused on the set path, in the transaction.
    const first = dossierRow({ field: 'Staging' });
    const repeated = await importCsv([
      { ...stored, status: 'Đã sửa' },
      first,
      ...many(),
      { ...first, level: '4' },
    ]);
    expect(repeated).toMatchObject({ imported: 0, updated: 0, rejectedCount: 1 });
    expect(repeated.rejected).toEqual([
      { line: 12_004, column: 'code', reason: `Mã hồ sơ "${first.code}" đã có ở dòng 3 với nội dung khác.` },
    ]);
    // A file that breaks off after several batches were staged.
    const broken = files.write('staging-broken.csv', `${dossierCsv(many())}HS-x,33.SNV,"1.001,unclosed\n`);
    await expect(importDossiers(ctx, { path: broken, format: 'csv', dryRun: false })).rejects.toThrow(
      /dấu ngoặc kép không đóng/,
    );
    expect(await writtenCounts(database)).toEqual(before);
    const { rows } = await database.pool.query(`select status from dossiers where code = $1`, [stored.code]);
    expect(rows).toEqual([{ status: stored.status }]);
    expect(await stagingTables()).toEqual([]);
  });

  it.skipIf(Boolean(TEST_PG_URL))(
    'a staging table a killed import left is dropped by the next import, not one still in use',
    async () => {
      await database.pool.query(
        `create unlogged table dossier_load_4242_1_killed (like dossiers including defaults); insert into dossier_load_4242_1_killed (code, unit_id, procedure_code, field, channel, received_at)
         values ('LEFT-1', 1, 'P', 'F', 'direct', now())`,
      );
      expect(await stagingTables()).toEqual(['dossier_load_4242_1_killed']);
      // Two imports at once: the second's clean-up leaves the first's table alone.
      const [a, b] = await Promise.all([
        importCsv(Array.from({ length: 3000 }, () => dossierRow({ field: 'Left' }))),
        importCsv(Array.from({ length: 3000 }, () => dossierRow({ field: 'Left' }))),
      ]);
      expect([a.imported, b.imported]).toEqual([3000, 3000]);
      expect(await stagingTables()).toEqual([]);
      const { rows } = await database.pool.query(
        `select count(*)::int as n from dossiers where code = 'LEFT-1'`,
      );
      expect(rows[0].n).toBe(0);
    },
  );
});
