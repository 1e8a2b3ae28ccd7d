import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { AppError, msg } from '../../core/errors.ts';
import { todayInVietnam } from '../../core/text/dates.ts';
import type { Db, Tx } from '../db/engine.ts';
import { officialProvinceName } from '../public/site-identity.ts';
import { syncDossierRollups, syncFeedbackRollups, syncSurveyRollups } from './refresh-activity.ts';
import { syncAssessmentResults, syncPlanTaskStatuses, syncReportCompleteness } from './refresh-results.ts';
import type { SyncCount } from './refresh-sync.ts';
import { prepareUnitKeys, reportingPeriods, syncPeriods, syncUnits } from './refresh-units.ts';

/**
 * Keeps what the province shares (schema `federation`, server/db/schema/federation.ts) equal to a
 * recomputation from its own tables, in one transaction: only rows whose values changed are written
 * and rows no longer there deleted, so the publication ships only what changed; other provinces' rows
 * (a national instance's, or left by a restore) are never touched.
 */

/** The areas a refresh can be limited to (what a change touched); all of them by default. */
export const FED_AREAS = [
  'units',
  'periods',
  'dossiers',
  'feedback',
  'surveys',
  'reports',
  'assessment',
  'plans',
] as const;
export type FedArea = (typeof FED_AREAS)[number];

export const CHISO_VERSION: string = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;

/** Taken for a refresh or a heartbeat: two server processes (or the CLI) never write the tables at once. */
export const FEDERATION_LOCK = 4_245_045;

export interface RefreshResult {
  provinceCode: string;
  /** Rows of the shared figures inserted, updated or deleted (the province's own row not counted). */
  changed: number;
  /** The province's rows in the shared tables afterwards. */
  rows: number;
  /** Another process held the lock (only with `wait: false`): nothing was done. */
  skipped?: boolean;
}

/**
 * The province this database is: the root unit of type 'province' in force; its code is the province's,
 * its name the official one for that code.
 */
export async function provinceOf(db: Db | Tx): Promise<{ code: string; name: string }> {
  const { rows } = await db.execute<{ code: string | null; name: string }>(sql`
    select code, name from units where parent_id is null and type = 'province' and valid_to is null order by id`);
  const [root] = rows;
  if (!root || rows.length > 1 || !root.code)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        rows.length > 1
          ? 'Cơ sở dữ liệu có nhiều hơn một tỉnh đang hoạt động ở gốc cây đơn vị: không xác định được mã tỉnh để chia sẻ số liệu.'
          : 'Chưa có đơn vị gốc loại "tỉnh" có mã (mã ĐVHC) đang hoạt động: hãy nhập danh sách đơn vị của tỉnh trước khi chia sẻ số liệu.',
        rows.length > 1
          ? 'The database has more than one province in force at the root of the unit tree: the province code to share under is unknown.'
          : 'There is no root unit of type "province" in force with a code (its official code): import the province’s units before sharing figures.',
      ),
    );
  // The province as the state's unit list names it ("Tỉnh Hưng Yên"), not its people's committee.
  return { code: root.code, name: officialProvinceName(root.code) ?? root.name };
}

export async function refreshFederation(
  db: Db,
  options: { now?: Date; areas?: readonly FedArea[]; wait?: boolean } = {},
): Promise<RefreshResult> {
  const now = options.now ?? new Date();
  const today = todayInVietnam(now);
  const areas = new Set(options.areas ?? FED_AREAS);
  return db.transaction(async (tx) => {
    const province = await provinceOf(tx);
    if (!(await lock(tx, options.wait ?? true)))
      return { provinceCode: province.code, changed: 0, rows: 0, skipped: true };
    await prepareUnitKeys(tx);
    const counts: SyncCount[] = [];
    // One after the other: a transaction is one connection.
    if (areas.has('units')) counts.push(await syncUnits(tx, province.code));
    const windows = areas.has('periods') || areas.has('reports') ? await reportingPeriods(tx, today) : [];
    if (areas.has('periods')) counts.push(await syncPeriods(tx, province.code, windows));
    if (areas.has('dossiers')) counts.push(await syncDossierRollups(tx, province.code));
    if (areas.has('feedback')) counts.push(await syncFeedbackRollups(tx, province.code, today));
    if (areas.has('surveys')) counts.push(await syncSurveyRollups(tx, province.code));
    if (areas.has('reports')) counts.push(await syncReportCompleteness(tx, province.code, windows));
    if (areas.has('assessment')) counts.push(await syncAssessmentResults(tx, province.code));
    if (areas.has('plans')) counts.push(await syncPlanTaskStatuses(tx, province.code, today));
    await tx.execute(sql`
      insert into federation.provinces (province_code, name, refreshed_at, heartbeat_at, chiso_version)
      values (${province.code}, ${province.name}, ${now.toISOString()}, ${now.toISOString()}, ${CHISO_VERSION})
      on conflict (province_code) do update set name = excluded.name, refreshed_at = excluded.refreshed_at,
        heartbeat_at = excluded.heartbeat_at, chiso_version = excluded.chiso_version`);
    return {
      provinceCode: province.code,
      changed: counts.reduce((sum, count) => sum + count.changed, 0),
      rows: await provinceRows(tx, province.code),
    };
  });
}

/** The shared tables with rows per unit (all but `provinces`), as named in schema `federation`. */
export const ROW_TABLES = [
  'units',
  'periods',
  'dossier_rollups',
  'feedback_rollups',
  'survey_rollups',
  'report_completeness',
  'assessment_results',
  'plan_task_statuses',
] as const;

/** How many rows the province has in the shared tables. */
export async function provinceRows(db: Db | Tx, provinceCode: string): Promise<number> {
  const counts = ROW_TABLES.map(
    (table) =>
      sql`(select count(*) from ${sql.raw(`federation.${table}`)} where province_code = ${provinceCode})`,
  );
  const { rows } = await db.execute<{ rows: number }>(
    sql`select (${sql.join(counts, sql` + `)})::int as rows`,
  );
  return rows[0]?.rows ?? 0;
}

async function lock(tx: Tx, wait: boolean): Promise<boolean> {
  if (wait) {
    await tx.execute(sql`select pg_advisory_xact_lock(${FEDERATION_LOCK})`);
    return true;
  }
  const { rows } = await tx.execute<{ locked: boolean }>(
    sql`select pg_try_advisory_xact_lock(${FEDERATION_LOCK}) as locked`,
  );
  return rows[0]?.locked === true;
}

/** The heartbeat the national view reads "alive" from: written every minute while the province publishes. */
export async function beatHeart(db: Db, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await lock(tx, false))) return false;
    const province = await provinceOf(tx);
    const { rowCount } = await tx.execute(sql`
      update federation.provinces set heartbeat_at = ${now.toISOString()} where province_code = ${province.code}`);
    return (rowCount ?? 0) > 0;
  });
}
