import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maximumOf } from '../../core/frameworks/scoring.ts';
import type { Database } from '../db/engine.ts';
import { cleanupFedFiles, FED_TODAY, importFedDossiers, seedProvince } from '../test/federation-seed.ts';
import { openTestDatabase } from '../test/harness.ts';
import { refreshFederation } from './refresh.ts';
import { FED_TABLES } from './refresh-sync.ts';

let database: Database;
const rows = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
  (await database.pool.query(text, values)).rows as T[];

// Another province's rows, as a national instance (or a restore) would hold them beside ours.
const OTHERS = [
  `insert into federation.provinces values ('01', 'Thành phố Hà Nội', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z', '0.1.0')`,
  `insert into federation.units values ('01', '01', '01', 'Thành phố Hà Nội', 'province', null, '2025-07-01', null)`,
  `insert into federation.dossier_rollups values ('01', '00004', 'Hộ tịch', '2026Q1', 7, 1, 1, 1, 1, 1, 0, 0, 0)`,
  `insert into federation.periods values ('01', '2026Q4', '2026-12-20')`,
];
const othersOf = () =>
  rows(`select 'u' as t, to_jsonb(u) as r from federation.units u where province_code = '01'
        union all select 'd', to_jsonb(d) from federation.dossier_rollups d where province_code = '01'
        union all select 'p', to_jsonb(p) from federation.periods p where province_code = '01'
        union all select 'v', to_jsonb(v) from federation.provinces v where province_code = '01' order by 1`);

let first: Awaited<ReturnType<typeof refreshFederation>>;
let othersBefore: unknown[];

beforeAll(async () => {
  database = await openTestDatabase();
  await seedProvince(database);
  for (const statement of OTHERS) await database.pool.query(statement);
  othersBefore = await othersOf();
  first = await refreshFederation(database.db, { now: FED_TODAY });
}, 120_000);

afterAll(async () => {
  await database?.close();
  cleanupFedFiles();
});

const ours = <T = Record<string, unknown>>(table: string, order: string) =>
  rows<T>(`select * from federation.${table} where province_code = '33' order by ${order}`);

describe('refreshFederation on the demo province', () => {
  it('shares every unit by its key, the one in force keeping a code two units carry, and nothing of their people', async () => {
    const [expected] = await rows<{ n: number }>('select count(*)::int as n from units');
    const shared = await ours<{ unit_key: string; unit_code: string; name: string; valid_to: string | null }>(
      'units',
      'unit_key',
    );
    expect(shared).toHaveLength(expected?.n ?? -1);
    // Phường Phố Hiến (from 2025) kept 11953; the older Phường Hiến Nam is u<id>, its code kept.
    const carrying = shared.filter((unit) => unit.unit_code === '11953');
    expect(carrying.map((unit) => [unit.unit_key.startsWith('u'), unit.name, unit.valid_to])).toEqual([
      [false, 'Phường Phố Hiến', null],
      [true, 'Phường Hiến Nam', '2025-06-30'],
    ]);
    const [parent] = await rows<{ parent_key: string }>(
      `select parent_key from federation.units where province_code = '33' and unit_key = '11953'`,
    );
    expect(parent?.parent_key).toBe('33');
  });

  it('holds no personal column: the tables have exactly the contract’s columns', async () => {
    const columns = await rows<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns where table_schema = 'federation' order by table_name, ordinal_position`,
    );
    const byTable = Object.groupBy(columns, (column) => column.table_name);
    for (const table of Object.values(FED_TABLES))
      expect(byTable[table.name]?.map((column) => column.column_name)).toEqual(table.columns);
    expect(byTable.provinces?.map((column) => column.column_name)).toEqual([
      'province_code',
      'name',
      'refreshed_at',
      'heartbeat_at',
      'chiso_version',
    ]);
    const leaked = await rows(
      `select 1 from federation.units u join units o on o.name = u.name where o.head_name = u.name or o.head_phone = u.name`,
    );
    expect(leaked).toEqual([]);
  });

  it('shares the periods the province asks reports for since it was installed, with the deadline', async () => {
    expect(await ours('periods', 'period_code')).toEqual([
      { province_code: '33', period_code: '2026', due_on: '2026-12-20' },
      { province_code: '33', period_code: '2026Q3', due_on: '2026-09-20' },
      { province_code: '33', period_code: '2026Q4', due_on: '2026-12-20' },
      { province_code: '33', period_code: '2026S2', due_on: '2026-12-20' },
    ]);
  });

  it('shares the dossier roll-ups as they are, by unit key', async () => {
    const recomputed = await rows(
      `select coalesce(u.code, 'u' || u.id) as unit_key, r.field, r.period_code, r.received, r.received_online,
         r.received_online_full, r.received_digitised, r.finished, r.finished_on_time, r.finished_early, r.finished_late,
         r.late_apologised
       from dossier_rollups r join units u on u.id = r.unit_id order by 1, 2, 3`,
    );
    const shared = (
      await ours<Record<string, unknown>>('dossier_rollups', 'unit_key, field, period_code')
    ).map(({ province_code: _, ...row }) => row);
    expect(shared).toEqual(recomputed);
    expect(
      shared.map((row) => [
        row.unit_key,
        row.period_code,
        row.received,
        row.finished_on_time,
        row.finished_late,
      ]),
    ).toEqual([
      ['11953', '2026Q2', 1, 0, 0],
      ['33.SNV', '2026Q1', 2, 1, 1],
    ]);
  });

  it('counts petitions by handling unit and quarter of arrival as the feedback figures do', async () => {
    expect(
      (await ours<Record<string, unknown>>('feedback_rollups', 'unit_key, period_code')).map(
        ({ province_code: _, ...row }) => row,
      ),
    ).toEqual([
      {
        unit_key: '11953',
        period_code: '2026Q4',
        received: 4,
        closed: 2,
        closed_on_time: 1,
        open: 2,
        open_overdue: 1,
      },
      {
        unit_key: '11977',
        period_code: '2026Q3',
        received: 1,
        closed: 0,
        closed_on_time: 0,
        open: 1,
        open_overdue: 1,
      },
    ]);
  });

  it('counts survey responses that count, and those satisfied overall', async () => {
    expect(
      (await ours<Record<string, unknown>>('survey_rollups', 'unit_key, period_code')).map(
        ({ province_code: _, ...row }) => row,
      ),
    ).toEqual([
      // 5,4,2 → 2 of 3 satisfied; 5,1 → 1 of 2; 5 → 1 of 1: 4 satisfied answers of 6, 2 responses satisfied overall.
      {
        unit_key: '11953',
        period_code: '2026Q4',
        responses: 3,
        satisfied: 2,
        satisfied_score: 4,
        scored_answers: 6,
      },
      // Its only answer is not a scored question.
      {
        unit_key: '11977',
        period_code: '2026Q3',
        responses: 1,
        satisfied: 0,
        satisfied_score: 0,
        scored_answers: 0,
      },
    ]);
  });

  it('lists every unit expected to report per period, with its report’s state and timeliness', async () => {
    const [expected] = await rows<{ n: number }>(
      `select count(*)::int as n from units where type in ('department', 'commune') and valid_from <= '2026-09-20'
       and (valid_to is null or valid_to >= '2026-12-20')`,
    );
    const shared = await ours<{
      unit_key: string;
      period_code: string;
      status: string;
      submitted_at: Date | null;
      on_time: number;
    }>('report_completeness', 'period_code, unit_key');
    expect(shared).toHaveLength(4 * (expected?.n ?? 0));
    const notMissing = shared
      .filter((row) => row.status !== 'missing')
      .map((row) => [
        row.unit_key,
        row.period_code,
        row.status,
        row.submitted_at?.toISOString() ?? null,
        row.on_time,
      ]);
    expect(notMissing).toEqual([
      ['33.SNV', '2026', 'draft', null, 0],
      ['11953', '2026Q3', 'submitted', '2026-09-21T02:00:00.000Z', 0],
      ['11953', '2026Q4', 'accepted', '2026-12-18T03:00:00.000Z', 1],
      ['11977', '2026Q4', 'draft', null, 0],
    ]);
  });

  it('shares published rounds only: total, maximum and rank', async () => {
    const [framework] = await rows<{ definition: { criteria: never[] } }>(
      `select definition from frameworks where code = 'HY_CCHC_XA'`,
    );
    const maximum = maximumOf(framework?.definition.criteria ?? []);
    const shared = await ours<{
      unit_key: string;
      score: number;
      max_score: number;
      rank: number;
      year: number;
    }>('assessment_results', 'rank');
    expect(shared.map((row) => [row.unit_key, row.year, row.rank, row.max_score])).toEqual([
      ['11953', 2026, 1, maximum],
      ['11980', 2026, 2, maximum],
      ['11977', 2026, 3, maximum],
    ]);
    expect(shared[0]?.score).toBe(maximum);
    expect(shared[2]?.score).toBe(0);
    expect(shared[1]?.score).toBeGreaterThan(0);
  });

  it('counts plan tasks by leading unit, year and state, overdue being not done past the deadline', async () => {
    expect(
      (await ours<Record<string, unknown>>('plan_task_statuses', 'unit_key, status')).map(
        ({ province_code: _, ...row }) => row,
      ),
    ).toEqual([
      { unit_key: '11953', year: 2026, status: 'overdue', tasks: 1 },
      { unit_key: '33.SNV', year: 2026, status: 'done', tasks: 1 },
      { unit_key: '33.SNV', year: 2026, status: 'not_started', tasks: 2 },
      { unit_key: '33.SNV', year: 2026, status: 'overdue', tasks: 1 },
    ]);
  });

  it('wrote every row once, then nothing when nothing changed; an import changes exactly its cell', async () => {
    expect(first.provinceCode).toBe('33');
    expect(first.changed).toBe(first.rows);
    const [count] = await rows<{ n: number }>(
      `select (${Object.values(FED_TABLES)
        .map((table) => `(select count(*) from federation.${table.name} where province_code = '33')`)
        .join(' + ')})::int as n`,
    );
    expect(first.rows).toBe(count?.n);
    const again = await refreshFederation(database.db, { now: FED_TODAY });
    expect(again).toEqual({ provinceCode: '33', changed: 0, rows: first.rows });
    await importFedDossiers(database, [
      {
        unitCode: '33.SNV',
        receivedAt: '2026-01-06T08:00:00+07:00',
        finishedAt: '2026-01-07T08:00:00+07:00',
      },
    ]);
    const after = await refreshFederation(database.db, { now: FED_TODAY });
    expect(after).toEqual({ provinceCode: '33', changed: 1, rows: first.rows });
    const [cell] = await rows<{ received: number; finished_early: number }>(
      `select received, finished_early from federation.dossier_rollups where province_code = '33' and unit_key = '33.SNV'`,
    );
    expect(cell).toEqual({ received: 3, finished_early: 2 });
  });

  it('moves time-dependent figures with the clock: a petition past its deadline becomes overdue', async () => {
    const later = await refreshFederation(database.db, { now: new Date('2026-12-21T10:00:00+07:00') });
    const [row] = await rows<{ open_overdue: number }>(
      `select open_overdue from federation.feedback_rollups where province_code = '33' and unit_key = '11953'`,
    );
    expect(row?.open_overdue).toBe(2);
    // The petition due 20/12, the task due 31/12 not yet; 2027Q1's window opened on 15/12.
    expect(later.changed).toBeGreaterThanOrEqual(2);
    await refreshFederation(database.db, { now: FED_TODAY });
  });

  it('never touches another province’s rows', async () => {
    expect(await othersOf()).toEqual(othersBefore);
  });
});
