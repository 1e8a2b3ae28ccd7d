import { asc, eq, sql } from 'drizzle-orm';
import type { ReportWindow } from '../../core/periods/calendar-settings.ts';
import { scoredRound } from '../assessment/round-queries.ts';
import type { Db, Tx } from '../db/engine.ts';
import { assessmentRounds, frameworks } from '../db/schema/index.ts';
import { taskResponsibility } from '../plans/task-responsibility.ts';
import { REPORTING_TYPES } from '../reports/report-service.ts';
import { SYSTEM_ACTOR } from '../setup/initialise.ts';
import { FED_TABLES, type SyncCount, syncTable } from './refresh-sync.ts';

/**
 * What the province's own work came to: periodic reports sent, published assessment results, plan
 * tasks — each as the province's own pages count it.
 */

/**
 * Each unit expected to report for a period (departments and communes in force on its deadline, as the
 * period board lists them) and its report: missing, draft (presented and returned included: the
 * province does not hold it), submitted, accepted (locked included); sent on time = on or before the
 * deadline, by the day in Việt Nam.
 */
export function syncReportCompleteness(
  tx: Tx,
  provinceCode: string,
  windows: readonly ReportWindow[],
): Promise<SyncCount> {
  const codes = sql.param(windows.map((window) => window.code));
  const deadlines = sql.param(windows.map((window) => window.deadline));
  return syncTable(
    tx,
    FED_TABLES.reportCompleteness,
    provinceCode,
    sql`select ${provinceCode}::text as province_code, k.unit_key, p.period_code,
        case when r.id is null then 'missing' when r.status in ('accepted', 'locked') then 'accepted'
          when r.status = 'submitted' then 'submitted' else 'draft' end as status,
        case when r.status in ('submitted', 'accepted', 'locked') then r.submitted_at end as submitted_at,
        coalesce(r.status in ('submitted', 'accepted', 'locked')
          and ((r.submitted_at at time zone 'UTC') + interval '7 hours')::date <= p.deadline, false)::int as on_time
      from unnest(${codes}::text[], ${deadlines}::date[]) as p (period_code, deadline)
      join units u on u.type in (${sql.join(
        REPORTING_TYPES.map((type) => sql`${type}`),
        sql`, `,
      )}) and u.valid_from <= p.deadline and (u.valid_to is null or u.valid_to >= p.deadline)
      join fed_unit_keys k on k.id = u.id
      left join reports r on r.unit_id = u.id and r.period_code = p.period_code`,
  );
}

/**
 * Published rounds, scored by the rounds' own engine (core/frameworks/scoring.ts: caps, bonus and
 * penalty, non-submitters): each taking part unit's total, the maximum and its rank. When a unit is in
 * two published rounds of a framework in one year, the later published speaks for it.
 */
export async function syncAssessmentResults(tx: Tx, provinceCode: string): Promise<SyncCount> {
  const rounds = await tx
    .select({ round: assessmentRounds, framework: frameworks.definition, code: frameworks.code })
    .from(assessmentRounds)
    .innerJoin(frameworks, eq(frameworks.id, assessmentRounds.frameworkId))
    .where(eq(assessmentRounds.stage, 'published'))
    .orderBy(asc(assessmentRounds.publishedAt), asc(assessmentRounds.id));
  const results = new Map<
    string,
    { unitId: number; code: string; year: number; score: number; max: number; rank: number | null; at: Date }
  >();
  // A transaction serves every query the scoring reads.
  const ctx = { db: tx as unknown as Db, actor: SYSTEM_ACTOR, ip: null };
  for (const { round, framework, code } of rounds) {
    const { results: scored } = await scoredRound(ctx, round, framework);
    for (const result of scored) {
      if (!result.participating) continue;
      results.set(`${result.unitId}|${code}|${round.year}`, {
        unitId: result.unitId,
        code,
        year: round.year,
        score: result.total,
        max: result.maximum,
        rank: result.rank,
        at: round.publishedAt ?? round.createdAt,
      });
    }
  }
  const list = [...results.values()];
  const column = <T>(pick: (entry: (typeof list)[number]) => T) => sql.param(list.map(pick));
  return syncTable(
    tx,
    FED_TABLES.assessmentResults,
    provinceCode,
    sql`select ${provinceCode}::text as province_code, k.unit_key, a.framework_code, a.year, a.score, a.max_score,
        a.rank, a.published_at
      from unnest(${column((e) => e.unitId)}::int[], ${column((e) => e.code)}::text[], ${column((e) => e.year)}::int[],
        ${column((e) => e.score)}::float8[], ${column((e) => e.max)}::float8[], ${column((e) => e.rank)}::int[],
        ${column((e) => e.at.toISOString())}::timestamptz[])
        as a (unit_id, framework_code, year, score, max_score, rank, published_at)
      join fed_unit_keys k on k.id = a.unit_id`,
  );
}

/**
 * Plan tasks by the unit answering for them on `today` (the one rule, `taskResponsibility`: named lead
 * units, members of a lead group, or the plan's issuer when no lead was mapped), the plan's year and
 * the task's state; overdue = neither done nor cancelled past its due date (`overdueCondition`).
 * Cancelled tasks are not counted.
 */
export function syncPlanTaskStatuses(tx: Tx, provinceCode: string, today: string): Promise<SyncCount> {
  return syncTable(
    tx,
    FED_TABLES.planTaskStatuses,
    provinceCode,
    sql`select ${provinceCode}::text as province_code, k.unit_key, p.year,
        case when i.status = 'done' then 'done' when i.due < ${today}::date then 'overdue' else i.status end as status,
        count(*)::int as tasks
      from (${taskResponsibility(today)}) tr
      join plan_items i on i.id = tr.item_id and i.kind = 'task' and i.status <> 'cancelled'
      join plans p on p.id = i.plan_id
      join fed_unit_keys k on k.id = tr.unit_id
      group by 2, 3, 4`,
  );
}
