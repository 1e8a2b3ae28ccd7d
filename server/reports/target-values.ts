import { inArray } from 'drizzle-orm';
import {
  addCounters,
  type DossierCounters,
  dossierFigure,
  emptyCounters,
} from '../../core/indicators/dossier-indicators.ts';
import { indicatorOfTarget, unitTypesOfLevel } from '../../core/indicators/target-text.ts';
import { type TargetOperator, targetStatus } from '../../core/indicators/targets.ts';
import type { Db } from '../db/engine.ts';
import { units } from '../db/schema/index.ts';
import { loadUnitCounters } from '../indicators/dashboard-service.ts';

/**
 * The dossier counters of the period's quarters summed per unit carrying them today (a merged unit's
 * history under its successor), read from the roll-ups only.
 */
export async function countersByUnit(db: Db, quarters: string[]) {
  const rows = quarters.length > 0 ? await loadUnitCounters(db, quarters) : [];
  const byPath = new Map<string, DossierCounters>();
  for (const row of rows) {
    const counters = byPath.get(row.unitPath) ?? emptyCounters();
    byPath.set(row.unitPath, addCounters(counters, row.counters));
  }
  const ids = [...byPath.keys()].map((path) => Number(path.split('/').filter(Boolean).at(-1)));
  const types = new Map(
    ids.length > 0
      ? (await db.select({ id: units.id, type: units.type }).from(units).where(inArray(units.id, ids))).map(
          (row) => [row.id, row.type],
        )
      : [],
  );
  return [...byPath].map(([path, counters]) => ({
    unitId: Number(path.split('/').filter(Boolean).at(-1)),
    path,
    type: types.get(Number(path.split('/').filter(Boolean).at(-1))) ?? null,
    counters,
  }));
}

function subtreeCounters(
  perUnit: Awaited<ReturnType<typeof countersByUnit>>,
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

/** The quarters a period's dossier figures add up from: a quarter itself, a half's two, a year's four. */
export function quartersOf(periodCode: string): string[] {
  const year = periodCode.slice(0, 4);
  if (/Q[1-4]$/.test(periodCode)) return [periodCode];
  if (periodCode.endsWith('S1')) return [`${year}Q1`, `${year}Q2`];
  if (periodCode.endsWith('S2')) return [`${year}Q3`, `${year}Q4`];
  if (/^\d{4}$/.test(periodCode)) return [1, 2, 3, 4].map((quarter) => `${year}Q${quarter}`);
  return [];
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
 * What a plan's targets measured in the period: each target the dossier data can answer (read from
 * its words), summed over the plan unit's subtree — at the target's level when it names one — as
 * numerators and denominators, never as averaged rates.
 */
export async function measureTargets(
  db: Db,
  unitPath: string,
  periodCode: string,
  targets: { ref: string; text: string; op: string; value: number; unit: string; level: string | null }[],
): Promise<TargetValue[]> {
  const quarters = quartersOf(periodCode);
  const perUnit = await countersByUnit(db, quarters);
  const measured: TargetValue[] = [];
  for (const target of targets) {
    const indicator = target.unit === '%' ? indicatorOfTarget(target.text) : null;
    if (!indicator || quarters.length === 0) {
      measured.push({ ...target, indicator, measured: null, status: null });
      continue;
    }
    const counters = subtreeCounters(perUnit, unitPath, unitTypesOfLevel(target.level));
    const figure = dossierFigure(indicator, counters);
    const status = targetStatus(figure.rate, {
      operator: target.op as TargetOperator,
      threshold: target.value,
      riskMargin: 0,
    });
    measured.push({ ...target, indicator, measured: figure, status });
  }
  return measured;
}
