import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/engine.ts';

/** A shared table: its columns in order (`province_code` first), the first `keys` of them its primary key. */
export interface FedTable {
  name: string;
  columns: readonly string[];
  keys: number;
}

export const FED_TABLES = {
  units: {
    name: 'units',
    columns: [
      'province_code',
      'unit_key',
      'unit_code',
      'name',
      'type',
      'parent_key',
      'valid_from',
      'valid_to',
    ],
    keys: 2,
  },
  periods: { name: 'periods', columns: ['province_code', 'period_code', 'due_on'], keys: 2 },
  dossierRollups: {
    name: 'dossier_rollups',
    columns: [
      'province_code',
      'unit_key',
      'field',
      'period_code',
      'received',
      'received_online',
      'received_online_full',
      'received_digitised',
      'finished',
      'finished_on_time',
      'finished_early',
      'finished_late',
      'late_apologised',
    ],
    keys: 4,
  },
  feedbackRollups: {
    name: 'feedback_rollups',
    columns: [
      'province_code',
      'unit_key',
      'period_code',
      'received',
      'closed',
      'closed_on_time',
      'open',
      'open_overdue',
    ],
    keys: 3,
  },
  surveyRollups: {
    name: 'survey_rollups',
    columns: [
      'province_code',
      'unit_key',
      'period_code',
      'responses',
      'satisfied',
      'satisfied_score',
      'scored_answers',
    ],
    keys: 3,
  },
  reportCompleteness: {
    name: 'report_completeness',
    columns: ['province_code', 'unit_key', 'period_code', 'status', 'submitted_at', 'on_time'],
    keys: 3,
  },
  assessmentResults: {
    name: 'assessment_results',
    columns: [
      'province_code',
      'unit_key',
      'framework_code',
      'year',
      'score',
      'max_score',
      'rank',
      'published_at',
    ],
    keys: 4,
  },
  planTaskStatuses: {
    name: 'plan_task_statuses',
    columns: ['province_code', 'unit_key', 'year', 'status', 'tasks'],
    keys: 4,
  },
} as const satisfies Record<string, FedTable>;

export interface SyncCount {
  /** Rows inserted, updated or deleted. */
  changed: number;
  /** The province's rows in the table afterwards. */
  rows: number;
}

const ids = (names: readonly string[], prefix = '') =>
  sql.raw(names.map((name) => `${prefix}"${name}"`).join(', '));

/**
 * Makes the province's rows of a shared table equal to `desired` (a query returning the table's columns
 * by name, this province's rows only) in one statement: a row is written only when a value differs (so
 * logical replication ships only what changed), rows no longer desired are deleted, and rows of other
 * provinces are never touched.
 */
export async function syncTable(
  tx: Tx,
  table: FedTable,
  provinceCode: string,
  desired: SQL,
): Promise<SyncCount> {
  const keys = table.columns.slice(0, table.keys);
  const values = table.columns.slice(table.keys);
  const target = sql.raw(`federation."${table.name}"`);
  const set = sql.raw(values.map((name) => `"${name}" = excluded."${name}"`).join(', '));
  const matches = sql.raw(keys.map((name) => `d."${name}" = t."${name}"`).join(' and '));
  const { rows } = await tx.execute<{ changed: number; rows: number }>(sql`
    with desired as materialized (${desired}),
    upserted as (
      insert into ${target} as t (${ids(table.columns)})
      select ${ids(table.columns)} from desired
      on conflict (${ids(keys)}) do update set ${set}
      where (${ids(values, 't.')}, null) is distinct from (${ids(values, 'excluded.')}, null)
      returning 1),
    deleted as (
      delete from ${target} t
      where t.province_code = ${provinceCode} and not exists (select 1 from desired d where ${matches})
      returning 1)
    select ((select count(*) from upserted) + (select count(*) from deleted))::int as changed,
      (select count(*) from desired)::int as rows`);
  return { changed: rows[0]?.changed ?? 0, rows: rows[0]?.rows ?? 0 };
}
