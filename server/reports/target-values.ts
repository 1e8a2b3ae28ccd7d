import { inArray } from 'drizzle-orm';
import { feedbackFigure, isFeedbackIndicator } from '../../core/feedback/kpi.ts';
import {
  addCounters,
  type DossierCounters,
  type DossierIndicatorCode,
  dossierFigure,
  emptyCounters,
  isDossierIndicator,
} from '../../core/indicators/dossier-indicators.ts';
import { quartersOfPeriod } from '../../core/indicators/quarters.ts';
import { indicatorOfTarget, unitTypesOfLevel } from '../../core/indicators/target-text.ts';
import { type TargetOperator, targetStatus } from '../../core/indicators/targets.ts';
import { pathIds } from '../../core/units/unit-tree.ts';
import type { Db } from '../db/engine.ts';
import { units } from '../db/schema/index.ts';
import {
  DISCLOSURE_ON_TIME,
  subtreeDisclosureFigure,
  type UnitDisclosureTally,
} from '../disclosures/disclosure-indicators.ts';
import { subtreeTally, type UnitTally } from '../feedback/feedback-figures.ts';
import { loadUnitCounters } from '../indicators/dashboard-service.ts';
import { subtreeSurveyFigure, type UnitSurveyFigures } from '../surveys/survey-indicators.ts';

export type UnitCounterTotals = Awaited<ReturnType<typeof countersByUnit>>;

/**
 * The dossier counters of a period summed per unit carrying them today (a merged unit's history under
 * its successor), read from the roll-ups only; one read serves a whole consolidated report.
 */
export async function countersByUnit(db: Db, periodCode: string) {
  const quarters = quartersOfPeriod(periodCode);
  const rows = quarters.length > 0 ? await loadUnitCounters(db, quarters) : [];
  const byUnit = new Map<number, { path: string; counters: DossierCounters }>();
  for (const row of rows) {
    const unitId = pathIds(row.unitPath).at(-1) ?? 0;
    const entry = byUnit.get(unitId) ?? { path: row.unitPath, counters: emptyCounters() };
    addCounters(entry.counters, row.counters);
    byUnit.set(unitId, entry);
  }
  const types = new Map(
    byUnit.size > 0
      ? (
          await db
            .select({ id: units.id, type: units.type })
            .from(units)
            .where(inArray(units.id, [...byUnit.keys()]))
        ).map((row) => [row.id, row.type])
      : [],
  );
  return [...byUnit].map(([unitId, entry]) => ({ unitId, ...entry, type: types.get(unitId) ?? null }));
}

function subtreeCounters(
  perUnit: UnitCounterTotals,
  unitPath: string,
  unitTypes: string[] | null,
): DossierCounters {
  const total = emptyCounters();
  for (const unit of perUnit) {
    if (!unit.path.startsWith(unitPath)) continue;
    if (unitTypes && !(unit.type && unitTypes.includes(unit.type))) continue;
    addCounters(total, unit.counters);
  }
  return total;
}

export interface TargetValue {
  ref: string;
  text: string;
  op: string;
  value: number;
  unit: string;
  level: string | null;
  indicator: string | null;
  measured: { numerator: number; denominator: number | null; rate: number | null } | null;
  status: 'met' | 'at_risk' | 'missed' | 'no_data' | null;
}

/**
 * What a plan's targets measured in the period: each target the dossier, feedback or survey data can answer
 * (read from its words), summed over the plan unit's subtree — at the target's level when it names
 * one — as numerators and denominators, never as averaged rates.
 */
export function measureTargets(
  perUnit: UnitCounterTotals,
  unitPath: string,
  periodCode: string,
  targets: {
    ref: string;
    text: string;
    op: string;
    value: number;
    unit: string;
    level: string | null;
    /** The indicator the coordinator linked it to, which wins over what its words suggest. */
    indicatorCode?: string | null;
  }[],
  feedback: readonly UnitTally[] = [],
  surveyed: readonly UnitSurveyFigures[] = [],
  disclosed: readonly UnitDisclosureTally[] = [],
): TargetValue[] {
  const hasQuarters = quartersOfPeriod(periodCode).length > 0;
  const measured: TargetValue[] = [];
  for (const target of targets) {
    const { indicatorCode: linked, ...shown } = target;
    const indicator = linked ?? (target.unit === '%' ? indicatorOfTarget(target.text) : null);
    const fromFeedback = indicator !== null && isFeedbackIndicator(indicator);
    const fromDossiers = indicator !== null && isDossierIndicator(indicator) && hasQuarters;
    const fromSurvey = indicator !== null && surveyed.some((unit) => unit.figures.has(indicator));
    if (indicator === DISCLOSURE_ON_TIME) {
      // The register's on-time share over the obligations due in the period (none due: no data).
      const { numerator, denominator, rate } = subtreeDisclosureFigure(
        disclosed,
        unitPath,
        unitTypesOfLevel(target.level),
      );
      const figure = { numerator, denominator, rate };
      const status =
        denominator === 0
          ? 'no_data'
          : targetStatus(rate, {
              operator: target.op as TargetOperator,
              threshold: target.value,
              riskMargin: 0,
            });
      measured.push({ ...shown, indicator, measured: figure, status });
      continue;
    }
    if (!indicator || (!fromDossiers && !fromFeedback && !fromSurvey)) {
      measured.push({ ...shown, indicator, measured: null, status: null });
      continue;
    }
    const levelTypes = unitTypesOfLevel(target.level);
    const figure = isFeedbackIndicator(indicator)
      ? feedbackFigure(indicator, subtreeTally(feedback, unitPath, levelTypes))
      : fromSurvey
        ? (subtreeSurveyFigure(surveyed, indicator, unitPath, levelTypes) ?? {
            numerator: 0,
            denominator: 0,
            rate: null,
          })
        : dossierFigure(indicator as DossierIndicatorCode, subtreeCounters(perUnit, unitPath, levelTypes));
    const status = targetStatus(figure.rate, {
      operator: target.op as TargetOperator,
      threshold: target.value,
      riskMargin: 0,
    });
    measured.push({ ...shown, indicator, measured: figure, status });
  }
  return measured;
}
