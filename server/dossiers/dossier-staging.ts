import { sql } from 'drizzle-orm';
import { type DossierRow, dossierContentHash } from '../../core/dossiers/dossier-rows.ts';
import type { RollupCell } from '../../core/dossiers/dossier-tally.ts';
import { AppError, msg } from '../../core/errors.ts';
import type { DossierCounter } from '../../core/indicators/dossier-indicators.ts';
import { DEFAULT_REGIME } from '../../core/periods/periods.ts';
import { copyText, copyTime } from '../db/bulk-copy.ts';
import { type DbOrTx, sqlState, type Tx } from '../db/engine.ts';

/**
 * The SQL of a dossier import. Rows land in a staging table with COPY, or (PostgreSQL, a file of new
 * codes) straight into `dossiers`; staged rows are checked there as a set (codes repeated with
 * different content), then written to `dossiers` and `dossier_rollups` in set operations inside the
 * import's one transaction.
 *
 * Two kinds of staging table: on PostgreSQL a temporary one inside the transaction (private to it,
 * dropped at its end); on PGlite, whose one connection must serve other requests while a file is read,
 * an unlogged table of the import's own filled before the transaction opens, batch by batch, and
 * dropped once the import ends. One a killed import left is dropped by the next import.
 */

export interface StagedRow extends DossierRow {
  unitId: number;
  field: string;
}

/** A staging table: its name, quoted for SQL. */
export type Staging = ReturnType<typeof sql.identifier>;

/** The temporary staging table of an import on PostgreSQL (dropped when its transaction ends). */
export const TEMPORARY_STAGING_NAME = 'dossier_staging';
export const TEMPORARY_STAGING = sql.identifier(TEMPORARY_STAGING_NAME);

// The unlogged staging tables of imports on PGlite are named so; those of this process's running
// imports are listed here (one process holds a PGlite data folder: any other such table is a leftover).
const LOAD_PREFIX = 'dossier_load_';
const runningLoads = new Set<string>();
let loadSequence = 0;

/**
 * The staging table's columns: `line`, `hash` and the periods are filled only for a file read through
 * the set path (a file of new codes on PGlite lands with the columns of `dossiers` alone).
 */
const STAGING_TABLE_COLUMNS = sql.raw(`(
      line integer,
      code text not null,
      unit_id integer not null,
      procedure_code text not null,
      field text not null,
      level text,
      channel text not null,
      received_at timestamptz not null,
      due_at timestamptz,
      finished_at timestamptz,
      returned_at timestamptz,
      status text,
      digitised boolean not null,
      apology_issued boolean not null,
      hash text,
      received_period text,
      finished_period text
    )`);

export async function createStaging(tx: Tx): Promise<void> {
  // A temporary table is private to the transaction and never WAL-logged: the fastest place to land rows.
  await tx.execute(sql`create temporary table ${TEMPORARY_STAGING} ${STAGING_TABLE_COLUMNS} on commit drop`);
}

/**
 * An unlogged staging table of this import's own (PGlite), created outside any transaction so that
 * rows land in it batch by batch while other requests take turns on the connection. Staging tables a
 * killed import left are dropped first. `drop()` removes it (the import's end, however it ends).
 */
export async function openLoadStaging(
  db: DbOrTx,
): Promise<{ table: Staging; name: string; drop(): Promise<void> }> {
  await dropLeftStaging(db);
  loadSequence += 1;
  const name = `${LOAD_PREFIX}${process.pid}_${loadSequence}_${Math.random().toString(36).slice(2, 8)}`;
  runningLoads.add(name);
  const table = sql.identifier(name);
  try {
    // Unlogged: no WAL for rows that never outlive the import (a crash empties the table).
    await db.execute(sql`create unlogged table ${table} ${STAGING_TABLE_COLUMNS}`);
  } catch (error) {
    runningLoads.delete(name);
    throw error;
  }
  return {
    table,
    name,
    async drop() {
      try {
        await db.execute(sql`drop table if exists ${table}`);
      } finally {
        runningLoads.delete(name);
      }
    },
  };
}

/** Drops the staging tables no running import of this process owns: what a killed import left. */
export async function dropLeftStaging(db: DbOrTx): Promise<string[]> {
  const { rows } = await db.execute<{ name: string }>(sql`
    select relname as name from pg_class
    where relkind = 'r' and relpersistence = 'u' and relname like ${`${LOAD_PREFIX.replaceAll('_', '_')}%`}
      and relnamespace = current_schema()::regnamespace`);
  const left = rows.map((row) => row.name).filter((name) => !runningLoads.has(name));
  for (const name of left) await db.execute(sql`drop table if exists ${sql.identifier(name)}`);
  return left;
}

// The columns of `dossiers` an import writes, in the order of the COPY lines below.
export const DOSSIER_COLUMNS = [
  'code',
  'unit_id',
  'procedure_code',
  'field',
  'level',
  'channel',
  'received_at',
  'due_at',
  'finished_at',
  'returned_at',
  'status',
  'digitised',
  'apology_issued',
];
export const STAGING_COLUMNS = ['line', ...DOSSIER_COLUMNS, 'hash', 'received_period', 'finished_period'];

/** A checked row as a COPY line of DOSSIER_COLUMNS, without its line end. */
function dossierCells(row: StagedRow): string {
  return `${copyText(row.code)}\t${row.unitId}\t${copyText(row.procedureCode)}\t${copyText(row.field)}\t${copyText(row.level)}\t${row.channel}\t${copyTime(row.receivedMs)}\t${copyTime(row.dueMs)}\t${copyTime(row.finishedMs)}\t${copyTime(row.returnedMs)}\t${copyText(row.status)}\t${row.digitised ? 't' : 'f'}\t${row.apologyIssued ? 't' : 'f'}`;
}

export function dossierLine(row: StagedRow): string {
  return `${dossierCells(row)}\n`;
}

/** A checked row as a COPY line of STAGING_COLUMNS, with the hash of its content. */
export function stagingLine(row: StagedRow): string {
  return `${row.line}\t${dossierCells(row)}\t${dossierContentHash(row)}\t${row.receivedPeriod}\t${copyText(row.finishedPeriod)}\n`;
}

export type RepeatedCode = {
  code: string;
  line: number;
  firstLine: number;
};

/**
 * Codes repeated in the file with different content, each later line that differs from the first
 * (at most `limit`, and how many in all). Repeats with the same content are dropped from staging: the
 * dossier is written once.
 */
export async function repeatedCodes(
  tx: Tx,
  staging: Staging,
  limit: number,
): Promise<{ rows: RepeatedCode[]; count: number }> {
  // A hash aggregate (no sort): min and max hash differ exactly when the contents differ.
  await tx.execute(sql`
    create temporary table dossier_repeats on commit drop as
    select code, min(line) as first_line, min(hash) <> max(hash) as is_conflict
    from ${staging} group by code having count(*) > 1`);
  const [summary] = (
    await tx.execute<{ repeats: number; conflicts: number }>(sql`
      select count(*)::int as repeats, (count(*) filter (where is_conflict))::int as conflicts from dossier_repeats`)
  ).rows;
  if (!summary || summary.repeats === 0) return { rows: [], count: 0 };
  if (summary.conflicts === 0) {
    await tx.execute(sql`
      delete from ${staging} s using dossier_repeats r where s.code = r.code and s.line > r.first_line`);
    return { rows: [], count: 0 };
  }
  const conflicting = await tx.execute<RepeatedCode & { total: number }>(sql`
    select s.code, s.line, r.first_line as "firstLine", count(*) over ()::int as total
    from ${staging} s
    join dossier_repeats r on r.code = s.code and r.is_conflict
    join ${staging} f on f.code = r.code and f.line = r.first_line
    where s.line > r.first_line and s.hash <> f.hash
    order by s.line limit ${limit}`);
  return { rows: conflicting.rows, count: conflicting.rows[0]?.total ?? 0 };
}

/**
 * The quarter of a stored time in SQL, the same rule as `dossierQuarter` in the core (Vietnam date,
 * after the cut-off day the next month's quarter); a test holds the two together.
 */
export function quarterOf(column: string) {
  const local = `((${column} at time zone 'UTC') + interval '7 hours')`;
  return sql.raw(
    `to_char(${local} + case when extract(day from ${local}) > ${DEFAULT_REGIME.cutoffDay} then interval '1 month' else interval '0 days' end, 'YYYY"Q"Q')`,
  );
}

// The counters of one dossier, from its columns (a table alias `t` with the dossier's columns).
const RECEIVED_COUNTS = sql.raw(`1, (t.channel in ('online_partial', 'online_full'))::int,
  (t.channel = 'online_full')::int, t.digitised::int, 0, 0, 0, 0, 0`);
// Early = finished at least a whole day (24 h) before the due time; on time = by the due time or no due time.
const FINISHED_COUNTS = sql.raw(`0, 0, 0, 0, 1, (t.due_at is null or t.finished_at <= t.due_at)::int,
  (t.due_at is not null and t.finished_at <= t.due_at - interval '1 day')::int,
  coalesce(t.finished_at > t.due_at, false)::int,
  coalesce(t.finished_at > t.due_at and t.apology_issued, false)::int`);

/**
 * The roll-up delta of a staged import (in `dossier_delta`): the staged dossiers' counts added, and the
 * counts the updated dossiers contributed before subtracted (read before `dossiers` is written).
 * Returns how many staged codes already existed.
 */
export async function stageRollupDelta(tx: Tx, staging: Staging): Promise<number> {
  await tx.execute(sql`analyze ${staging}`);
  await tx.execute(sql`
    create temporary table dossier_previous on commit drop as
    select d.* from dossiers d join ${staging} s on s.code = d.code`);
  const [previous] = (
    await tx.execute<{ count: number }>(sql`select count(*)::int as count from dossier_previous`)
  ).rows;
  const updated = previous?.count ?? 0;
  await tx.execute(sql`
    create temporary table dossier_delta on commit drop as
    select unit_id, field, period_code, sum(a)::int as received, sum(b)::int as received_online,
      sum(c)::int as received_online_full, sum(d)::int as received_digitised, sum(e)::int as finished,
      sum(f)::int as finished_on_time, sum(g)::int as finished_early, sum(h)::int as finished_late,
      sum(i)::int as late_apologised
    from (
      select t.unit_id, t.field, t.received_period, ${RECEIVED_COUNTS} from ${staging} t
      union all
      select t.unit_id, t.field, t.finished_period, ${FINISHED_COUNTS}
        from ${staging} t where t.finished_at is not null
      union all
      select t.unit_id, t.field, ${quarterOf('t.received_at')}, -1, -(t.channel in ('online_partial', 'online_full'))::int,
        -(t.channel = 'online_full')::int, -t.digitised::int, 0, 0, 0, 0, 0
        from dossier_previous t
      union all
      select t.unit_id, t.field, ${quarterOf('t.finished_at')}, 0, 0, 0, 0, -1,
        -(t.due_at is null or t.finished_at <= t.due_at)::int,
        -(t.due_at is not null and t.finished_at <= t.due_at - interval '1 day')::int,
        -coalesce(t.finished_at > t.due_at, false)::int,
        -coalesce(t.finished_at > t.due_at and t.apology_issued, false)::int
        from dossier_previous t where t.finished_at is not null
    ) as counts (unit_id, field, period_code, a, b, c, d, e, f, g, h, i)
    group by unit_id, field, period_code`);
  return updated;
}

/** The roll-up delta of dossiers counted as they were read (in `dossier_delta`, as `stageRollupDelta`). */
export async function tallyRollupDelta(tx: Tx, cells: readonly RollupCell[]): Promise<void> {
  const counts = (counter: DossierCounter) => sql.param(cells.map((cell) => cell.counts[counter]));
  await tx.execute(sql`
    create temporary table dossier_delta on commit drop as
    select * from unnest(
      ${sql.param(cells.map((cell) => cell.unitId))}::int[], ${sql.param(cells.map((cell) => cell.field))}::text[],
      ${sql.param(cells.map((cell) => cell.periodCode))}::text[], ${counts('received')}::int[],
      ${counts('receivedOnline')}::int[], ${counts('receivedOnlineFull')}::int[],
      ${counts('receivedDigitised')}::int[], ${counts('finished')}::int[], ${counts('finishedOnTime')}::int[],
      ${counts('finishedEarly')}::int[], ${counts('finishedLate')}::int[], ${counts('lateApologised')}::int[]
    ) as u (unit_id, field, period_code, received, received_online, received_online_full, received_digitised,
      finished, finished_on_time, finished_early, finished_late, late_apologised)`);
}

/** The delta in `dossier_delta` added to the roll-ups. */
export async function mergeRollupDelta(tx: Tx): Promise<void> {
  await tx.execute(sql`
    insert into dossier_rollups (unit_id, field, period_code, received, received_online,
      received_online_full, received_digitised, finished, finished_on_time, finished_early,
      finished_late, late_apologised)
    select * from dossier_delta
    where received <> 0 or received_online <> 0 or received_online_full <> 0 or received_digitised <> 0
      or finished <> 0 or finished_on_time <> 0 or finished_early <> 0 or finished_late <> 0 or late_apologised <> 0
    on conflict (unit_id, field, period_code) do update set
      received = dossier_rollups.received + excluded.received,
      received_online = dossier_rollups.received_online + excluded.received_online,
      received_online_full = dossier_rollups.received_online_full + excluded.received_online_full,
      received_digitised = dossier_rollups.received_digitised + excluded.received_digitised,
      finished = dossier_rollups.finished + excluded.finished,
      finished_on_time = dossier_rollups.finished_on_time + excluded.finished_on_time,
      finished_early = dossier_rollups.finished_early + excluded.finished_early,
      finished_late = dossier_rollups.finished_late + excluded.finished_late,
      late_apologised = dossier_rollups.late_apologised + excluded.late_apologised`);
  // A cell nobody counts in any more (its dossiers moved to another unit, field or quarter) is removed,
  // so the table holds exactly what a recomputation from the dossiers would.
  await tx.execute(sql`
    delete from dossier_rollups r using dossier_delta d
    where r.unit_id = d.unit_id and r.field = d.field and r.period_code = d.period_code
      and r.received = 0 and r.finished = 0`);
}

/**
 * A staging table of new codes written to `dossiers` as it is, in one statement; a code stored already
 * or repeated in the file stops it with the primary key's 23505.
 */
export async function insertStaged(tx: Tx, staging: Staging): Promise<void> {
  const columns = sql.raw(DOSSIER_COLUMNS.join(', '));
  await tx.execute(sql`insert into dossiers (${columns}) select ${columns} from ${staging}`);
}

/** Whether the staging table holds a code twice. */
export async function hasRepeatedCodes(db: DbOrTx, staging: Staging): Promise<boolean> {
  const { rows } = await db.execute<{ repeated: boolean }>(sql`
    select exists (select 1 from ${staging} group by code having count(*) > 1) as repeated`);
  return rows[0]?.repeated === true;
}

/** The staged dossiers written: existing codes updated in place, new ones inserted. */
export async function writeDossiers(tx: Tx, staging: Staging, hasExisting: boolean): Promise<void> {
  if (hasExisting)
    await tx.execute(sql`
      update dossiers d set
        unit_id = s.unit_id, procedure_code = s.procedure_code, field = s.field, level = s.level,
        channel = s.channel, received_at = s.received_at, due_at = s.due_at, finished_at = s.finished_at,
        returned_at = s.returned_at, status = s.status, digitised = s.digitised,
        apology_issued = s.apology_issued, updated_at = now()
      from ${staging} s where s.code = d.code`);
  try {
    await tx.execute(sql`
      insert into dossiers (code, unit_id, procedure_code, field, level, channel, received_at, due_at,
        finished_at, returned_at, status, digitised, apology_issued)
      select code, unit_id, procedure_code, field, level, channel, received_at, due_at, finished_at,
        returned_at, status, digitised, apology_issued
      from ${staging} s
      ${hasExisting ? sql`where not exists (select 1 from dossier_previous p where p.code = s.code)` : sql``}`);
  } catch (error) {
    // Another import committed one of these codes while this one ran: safer to start again than to guess.
    if (sqlState(error) === '23505')
      throw new AppError(
        'CONFLICT',
        msg(
          'Một lượt nhập khác vừa ghi cùng mã hồ sơ; hãy nhập lại tệp.',
          'Another import has just written the same dossier codes; import the file again.',
        ),
      );
    throw error;
  }
}
