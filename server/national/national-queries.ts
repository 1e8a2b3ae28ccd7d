import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { NationalCounter, NationalCounters } from '../../core/national/national-indicators.ts';
import { addNationalCounters, emptyNationalCounters } from '../../core/national/national-indicators.ts';
import type { Db } from '../db/engine.ts';
import {
  fedAssessmentResults,
  fedDossierRollups,
  fedFeedbackRollups,
  fedPlanTaskStatuses,
  fedProvinces,
  fedReportCompleteness,
  fedSurveyRollups,
  fedUnits,
} from '../db/schema/index.ts';

/**
 * The federation tables read for the national view (`server/db/schema/federation.ts`): every
 * province's rows, received by logical replication, summed in SQL per province or per unit.
 */

/** What a period asks of each table: its quarters (roll-ups), its own code (reports), its year. */
export interface PeriodSelection {
  code: string;
  quarters: string[];
  year: number;
}

/** Counters keyed by province, or by province and unit ("33|11953"). */
export type CountersByKey = Map<string, NationalCounters>;

export const unitKeyOf = (provinceCode: string, unitKey: string) => `${provinceCode}|${unitKey}`;

type Sums = Partial<Record<NationalCounter, SQL<number>>>;

interface Grouping {
  province: PgColumn;
  unit: PgColumn;
}

/** One table summed by province (or province and unit), its rows merged into `into`. */
async function sumInto(
  db: Db,
  into: CountersByKey,
  table: PgTable,
  columns: Grouping,
  sums: Sums,
  where: SQL | undefined,
  byUnit: boolean,
): Promise<void> {
  const groups = byUnit ? [columns.province, columns.unit] : [columns.province];
  const rows = (await db
    .select({ provinceCode: columns.province, unitKey: byUnit ? columns.unit : sql<string>`''`, ...sums })
    .from(table)
    .where(where)
    .groupBy(...groups)) as unknown as ({ provinceCode: string; unitKey: string } & Record<string, number>)[];
  for (const { provinceCode, unitKey, ...values } of rows) {
    const key = byUnit ? unitKeyOf(provinceCode, unitKey) : provinceCode;
    let counters = into.get(key);
    if (!counters) {
      counters = emptyNationalCounters();
      into.set(key, counters);
    }
    addNationalCounters(counters, values as Partial<NationalCounters>);
  }
}

const total = (column: PgColumn) => sql<number>`coalesce(sum(${column}), 0)::float8`;

/**
 * Every counter of the period, per province (or per unit of `province`): dossiers, feedback and
 * surveys over the period's quarters; report completeness of the period itself; plan tasks and
 * published assessment totals of its year.
 */
export async function loadCounters(
  db: Db,
  period: PeriodSelection,
  options: { province?: string; byUnit?: boolean } = {},
): Promise<CountersByKey> {
  const byUnit = options.byUnit ?? false;
  const into: CountersByKey = new Map();
  const only = (column: PgColumn) => (options.province ? eq(column, options.province) : undefined);
  const inQuarters = (column: PgColumn) =>
    period.quarters.length > 0 ? inArray(column, period.quarters) : sql`false`;

  const d = fedDossierRollups;
  await sumInto(
    db,
    into,
    d,
    { province: d.provinceCode, unit: d.unitKey },
    {
      received: total(d.received),
      receivedOnline: total(d.receivedOnline),
      receivedOnlineFull: total(d.receivedOnlineFull),
      receivedDigitised: total(d.receivedDigitised),
      finished: total(d.finished),
      finishedOnTime: total(d.finishedOnTime),
      finishedEarly: total(d.finishedEarly),
      finishedLate: total(d.finishedLate),
      lateApologised: total(d.lateApologised),
    },
    and(inQuarters(d.periodCode), only(d.provinceCode)),
    byUnit,
  );
  const f = fedFeedbackRollups;
  await sumInto(
    db,
    into,
    f,
    { province: f.provinceCode, unit: f.unitKey },
    {
      feedbackReceived: total(f.received),
      feedbackClosed: total(f.closed),
      feedbackClosedOnTime: total(f.closedOnTime),
    },
    and(inQuarters(f.periodCode), only(f.provinceCode)),
    byUnit,
  );
  const s = fedSurveyRollups;
  await sumInto(
    db,
    into,
    s,
    { province: s.provinceCode, unit: s.unitKey },
    {
      surveyResponses: total(s.responses),
      surveySatisfied: total(s.satisfied),
      surveyScore: total(s.satisfiedScore),
      surveyAnswers: total(s.scoredAnswers),
    },
    and(inQuarters(s.periodCode), only(s.provinceCode)),
    byUnit,
  );
  const r = fedReportCompleteness;
  await sumInto(
    db,
    into,
    r,
    { province: r.provinceCode, unit: r.unitKey },
    {
      reportsExpected: sql<number>`count(*)::float8`,
      reportsSent: sql<number>`(count(*) filter (where ${r.status} in ('submitted', 'accepted')))::float8`,
      reportsOnTime: total(r.onTime),
    },
    and(eq(r.periodCode, period.code), only(r.provinceCode)),
    byUnit,
  );
  const p = fedPlanTaskStatuses;
  await sumInto(
    db,
    into,
    p,
    { province: p.provinceCode, unit: p.unitKey },
    {
      planTasks: total(p.tasks),
      planTasksDone: sql<number>`coalesce(sum(${p.tasks}) filter (where ${p.status} = 'done'), 0)::float8`,
    },
    and(eq(p.year, period.year), only(p.provinceCode)),
    byUnit,
  );
  const a = fedAssessmentResults;
  await sumInto(
    db,
    into,
    a,
    { province: a.provinceCode, unit: a.unitKey },
    { assessmentScore: total(a.score), assessmentMaxScore: total(a.maxScore) },
    and(eq(a.year, period.year), only(a.provinceCode)),
    byUnit,
  );
  return into;
}

export type ProvinceRow = typeof fedProvinces.$inferSelect;

export async function loadProvinces(db: Db, code?: string): Promise<ProvinceRow[]> {
  return db
    .select()
    .from(fedProvinces)
    .where(code ? eq(fedProvinces.provinceCode, code) : undefined)
    .orderBy(fedProvinces.provinceCode);
}

export type SharedUnitRow = typeof fedUnits.$inferSelect;

/** A province's units as it shares them (or every province's). */
export async function loadUnits(db: Db, province?: string): Promise<SharedUnitRow[]> {
  return db
    .select()
    .from(fedUnits)
    .where(province ? eq(fedUnits.provinceCode, province) : undefined);
}

/** Every period code any province has figures or reports for. */
export async function loadPeriodCodes(db: Db): Promise<string[]> {
  const result = await db.execute<{ code: string }>(sql`
    select distinct period_code as code from ${fedDossierRollups}
    union select distinct period_code from ${fedFeedbackRollups}
    union select distinct period_code from ${fedSurveyRollups}
    union select distinct period_code from ${fedReportCompleteness}`);
  return result.rows.map((row) => row.code);
}
