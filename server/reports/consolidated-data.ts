import { and, asc, eq, inArray } from 'drizzle-orm';
import { FEEDBACK_INDICATOR_CODES, feedbackFigure } from '../../core/feedback/kpi.ts';
import { DOSSIER_INDICATOR_CODES, dossierFigure } from '../../core/indicators/dossier-indicators.ts';
import { ratePercent } from '../../core/indicators/rollup.ts';
import type { PlanDetail } from '../../core/plans/plan-views.ts';
import { SENT_STATUSES } from '../../core/reports/report.ts';
import type { Db } from '../db/engine.ts';
import { indicators, indicatorValues, planItems, reports, units } from '../db/schema/index.ts';
import type { UnitTally } from '../feedback/feedback-figures.ts';
import type { UnitSurveyFigures } from '../surveys/survey-indicators.ts';
import type { ReportContext } from './report-service.ts';
import type { UnitCounterTotals } from './target-values.ts';

export interface UnitReport {
  unitId: number;
  unitName: string;
  narrative: Record<string, string | null>;
  /** Provincial task id → what the unit reported of it (its own task or the one implementing it). */
  tasks: Map<number, { status: string; progress: number; done: string | null }>;
}

/** The reports units sent for the period, each task mapped back onto the provincial plan's task. */
export async function sentReports(
  ctx: ReportContext,
  plan: PlanDetail,
  periodCode: string,
  unitIds: number[],
): Promise<UnitReport[]> {
  if (unitIds.length === 0) return [];
  const rows = await ctx.db
    .select({ report: reports, unitName: units.name })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(
      and(
        eq(reports.periodCode, periodCode),
        inArray(reports.status, [...SENT_STATUSES]),
        inArray(reports.unitId, unitIds),
      ),
    );
  const itemIds = rows.flatMap((row) => row.report.taskUpdates.map((task) => task.itemId));
  const implementing = itemIds.length
    ? await ctx.db
        .select({ id: planItems.id, implementsItemId: planItems.implementsItemId })
        .from(planItems)
        .where(inArray(planItems.id, itemIds))
    : [];
  const provincial = new Set(plan.items.map((item) => item.id));
  const target = new Map(
    implementing.map((item) => [item.id, provincial.has(item.id) ? item.id : item.implementsItemId]),
  );
  const collator = new Intl.Collator('vi');
  return rows
    .map(({ report, unitName }) => ({
      unitId: report.unitId,
      unitName,
      narrative: report.narrative,
      tasks: new Map(
        report.taskUpdates.flatMap((task) => {
          const id = target.get(task.itemId);
          return id ? [[id, { status: task.status, progress: task.progress, done: task.done }] as const] : [];
        }),
      ),
    }))
    .sort((a, b) => collator.compare(a.unitName, b.unitName));
}

export interface IndicatorColumn {
  code: string;
  name: string;
  /** ratio: a percentage; count: whole numbers; value: as entered, in its measure unit. */
  kind: 'ratio' | 'count' | 'value';
  measureUnit: string;
}

export interface IndicatorMatrix {
  indicators: IndicatorColumn[];
  /** One row per unit with any figure: its value for each indicator (null: none), in column order. */
  rows: { unitName: string; values: (number | null)[] }[];
}

/**
 * The annex's unit × indicator matrix: the dossier indicators from the roll-ups of each unit's own
 * dossiers in the period's quarters (counted under the unit carrying them today), the petitions each
 * unit answers in the period's data window, each unit's satisfaction-survey figures, then the values
 * the units entered for the period. Only
 * indicators and units with at least one figure appear.
 */
export async function unitIndicatorMatrix(
  db: Db,
  periodCode: string,
  unitList: { id: number; name: string }[],
  perUnit: UnitCounterTotals,
  feedback: readonly UnitTally[] = [],
  surveyed: readonly UnitSurveyFigures[] = [],
): Promise<IndicatorMatrix> {
  if (unitList.length === 0) return { indicators: [], rows: [] };
  const countersOf = new Map(perUnit.map((unit) => [unit.unitId, unit.counters]));
  const tallyOf = new Map(feedback.map((unit) => [unit.unitId, unit.tally]));
  const surveyedOf = new Map(surveyed.map((unit) => [unit.unitId, unit]));
  const entered = await db
    .select()
    .from(indicatorValues)
    .where(
      and(
        inArray(
          indicatorValues.unitId,
          unitList.map((unit) => unit.id),
        ),
        eq(indicatorValues.periodCode, periodCode),
      ),
    );
  const catalogue = await db
    .select({
      code: indicators.code,
      name: indicators.nameVi,
      kind: indicators.kind,
      measureUnit: indicators.measureUnit,
      position: indicators.position,
    })
    .from(indicators)
    .orderBy(asc(indicators.position), asc(indicators.code));
  const cells = new Map<number, Map<string, number | null>>();
  for (const unit of unitList) {
    const own = new Map<string, number | null>();
    const counters = countersOf.get(unit.id);
    if (counters)
      for (const code of DOSSIER_INDICATOR_CODES) own.set(code, round(dossierFigure(code, counters).rate));
    const tally = tallyOf.get(unit.id);
    if (tally && tally.counters.received > 0)
      for (const code of FEEDBACK_INDICATOR_CODES) own.set(code, round(feedbackFigure(code, tally).rate));
    for (const [code, sums] of surveyedOf.get(unit.id)?.figures ?? [])
      if (sums.denominator > 0) own.set(code, round((100 * sums.numerator) / sums.denominator));
    for (const value of entered.filter((row) => row.unitId === unit.id)) {
      const rate =
        value.value ??
        (value.numerator === null
          ? null
          : ratePercent({ numerator: value.numerator, denominator: value.denominator ?? 0 }));
      own.set(value.indicatorCode, round(rate));
    }
    if (own.size > 0) cells.set(unit.id, own);
  }
  const used = new Set([...cells.values()].flatMap((own) => [...own.keys()]));
  const columns = catalogue
    .filter((row) => used.has(row.code))
    .map(({ code, name, kind, measureUnit }) => ({
      code,
      name,
      kind: kind as IndicatorColumn['kind'],
      measureUnit,
    }));
  return {
    indicators: columns,
    rows: unitList.flatMap((unit) => {
      const own = cells.get(unit.id);
      return own
        ? [{ unitName: unit.name, values: columns.map((column) => own.get(column.code) ?? null) }]
        : [];
    }),
  };
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
