import { and, eq, inArray } from 'drizzle-orm';
import { DOSSIER_INDICATOR_CODES, dossierFigure } from '../../core/indicators/dossier-indicators.ts';
import { ratePercent } from '../../core/indicators/rollup.ts';
import type { PlanDetail } from '../../core/plans/plan-views.ts';
import type { Db } from '../db/engine.ts';
import { indicators, indicatorValues, planItems, reports, units } from '../db/schema/index.ts';
import type { ReportContext } from './report-service.ts';
import type { UnitCounterTotals } from './target-values.ts';

const SENT = ['submitted', 'accepted', 'locked'];

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
        inArray(reports.status, SENT),
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

/**
 * One row per unit × indicator for the annex: the dossier indicators from the roll-ups of the unit's
 * own dossiers in the period's quarters (counted under the unit carrying them today), and the values
 * the unit entered for the period.
 */
export async function unitIndicatorRows(
  db: Db,
  periodCode: string,
  unitList: { id: number; name: string }[],
  perUnit: UnitCounterTotals,
): Promise<(string | number | null)[][]> {
  if (unitList.length === 0) return [];
  const countersOf = new Map(perUnit.map((unit) => [unit.unitId, unit.counters]));
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
  const names = new Map(
    (await db.select({ code: indicators.code, nameVi: indicators.nameVi }).from(indicators)).map((row) => [
      row.code,
      row.nameVi,
    ]),
  );
  const rows: (string | number | null)[][] = [];
  for (const unit of unitList) {
    const counters = countersOf.get(unit.id);
    if (counters) {
      for (const code of DOSSIER_INDICATOR_CODES) {
        const figure = dossierFigure(code, counters);
        rows.push([
          unit.name,
          code,
          names.get(code) ?? code,
          figure.numerator,
          figure.denominator,
          round(figure.rate),
        ]);
      }
    }
    for (const value of entered.filter((row) => row.unitId === unit.id)) {
      const rate =
        value.value ??
        (value.numerator === null
          ? null
          : ratePercent({ numerator: value.numerator, denominator: value.denominator ?? 0 }));
      const code = value.indicatorCode;
      rows.push([unit.name, code, names.get(code) ?? code, value.numerator, value.denominator, round(rate)]);
    }
  }
  return rows;
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
