import { sql } from 'drizzle-orm';
import { type ReportWindow, reportWindow } from '../../core/periods/calendar-settings.ts';
import { parsePeriod, yearPeriodCodes } from '../../core/periods/periods.ts';
import type { Tx } from '../db/engine.ts';
import { loadReportingCalendar } from '../reports/calendar-settings.ts';
import { FED_TABLES, type SyncCount, syncTable } from './refresh-sync.ts';

/**
 * Every unit's key for the province's shared tables, in a temporary table (`fed_unit_keys`) the other
 * areas join: the official code, or "u<id>" for a unit without one. A code two units carry (a ward
 * that kept the code of one of the wards merged into it) is the key of the one in force, the other
 * being "u<id>" (it keeps the code in `unit_code`).
 */
export async function prepareUnitKeys(tx: Tx): Promise<void> {
  await tx.execute(sql`drop table if exists fed_unit_keys`);
  await tx.execute(sql`
    create temporary table fed_unit_keys on commit drop as
    select id, case when code is not null and row_number() over (
        partition by code order by valid_to is null desc, valid_to desc, valid_from desc, id desc) = 1
      then code else 'u' || id end as unit_key
    from units`);
  await tx.execute(sql`alter table fed_unit_keys add primary key (id)`);
}

/** The units, with nothing of their people (no head's name, phone, e-mail, no address). */
export function syncUnits(tx: Tx, provinceCode: string): Promise<SyncCount> {
  return syncTable(
    tx,
    FED_TABLES.units,
    provinceCode,
    sql`select ${provinceCode}::text as province_code, k.unit_key, u.code as unit_code, u.name, u.type,
        pk.unit_key as parent_key, u.valid_from, u.valid_to
      from units u join fed_unit_keys k on k.id = u.id left join fed_unit_keys pk on pk.id = u.parent_id`,
  );
}

const KINDS = new Set(['quarter', 'half', 'year']);

/**
 * The reporting periods the province asks reports for, by its calendar (due day, internal deadline,
 * holidays): the quarters, halves and years whose data window has opened by `today` and whose deadline
 * is not before the day Chiso was installed, and any such period a unit has opened a report for. The
 * deadline is the one reports are judged on time against (the internal one when the province sets it).
 */
export async function reportingPeriods(tx: Tx, today: string): Promise<ReportWindow[]> {
  const calendar = await loadReportingCalendar(tx);
  const { rows } = await tx.execute<{ installed: string | null; first_year: number | null }>(sql`
    select (select to_char((value::timestamptz at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD')
        from settings where key = 'initialised_at' and value ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T') as installed,
      (select min(substr(period_code, 1, 4))::int from reports) as first_year`);
  const installed = rows[0]?.installed ?? today;
  const reported = new Set(
    (await tx.execute<{ period_code: string }>(sql`select distinct period_code from reports`)).rows.map(
      (row) => row.period_code,
    ),
  );
  const firstYear = Math.min(Number(installed.slice(0, 4)), rows[0]?.first_year ?? Number.POSITIVE_INFINITY);
  const windows: ReportWindow[] = [];
  for (let year = firstYear; year <= Number(today.slice(0, 4)) + 1; year++) {
    for (const code of yearPeriodCodes(year)) {
      const period = parsePeriod(code);
      if (!period || !KINDS.has(period.kind)) continue;
      const window = reportWindow(period, calendar.regime, calendar.calendar);
      if (window.dataFrom > today) continue;
      if (window.deadline >= installed || reported.has(window.code)) windows.push(window);
    }
  }
  return windows;
}

export function syncPeriods(
  tx: Tx,
  provinceCode: string,
  windows: readonly ReportWindow[],
): Promise<SyncCount> {
  return syncTable(
    tx,
    FED_TABLES.periods,
    provinceCode,
    sql`select ${provinceCode}::text as province_code, p.period_code, p.due_on
      from unnest(${sql.param(windows.map((w) => w.code))}::text[], ${sql.param(windows.map((w) => w.deadline))}::date[])
        as p (period_code, due_on)`,
  );
}
