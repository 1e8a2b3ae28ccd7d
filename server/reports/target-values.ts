import { and, eq, inArray, like, sql } from 'drizzle-orm';
import {
  DOSSIER_COUNTERS,
  type DossierCounters,
  dossierFigure,
  emptyCounters,
} from '../../core/indicators/dossier-indicators.ts';
import { indicatorOfTarget, unitTypesOfLevel } from '../../core/indicators/target-text.ts';
import { type TargetOperator, targetStatus } from '../../core/indicators/targets.ts';
import type { Db } from '../db/engine.ts';
import { dossierRollups, units } from '../db/schema/index.ts';

/** The dossier counters of a unit's whole subtree for a quarter, optionally of some unit types only. */
async function subtreeCounters(
  db: Db,
  unitPath: string,
  periodCodes: string[],
  unitTypes: string[] | null,
): Promise<DossierCounters> {
  const sums = Object.fromEntries(
    DOSSIER_COUNTERS.map((name) => [
      name,
      sql<number>`coalesce(sum(${dossierRollups[name]}), 0)`.mapWith(Number),
    ]),
  ) as Record<(typeof DOSSIER_COUNTERS)[number], ReturnType<typeof sql<number>>>;
  const [row] = await db
    .select(sums)
    .from(dossierRollups)
    .innerJoin(units, eq(units.id, dossierRollups.unitId))
    .where(
      and(
        like(units.path, `${unitPath}%`),
        inArray(dossierRollups.periodCode, periodCodes),
        unitTypes ? inArray(units.type, unitTypes) : undefined,
      ),
    );
  return { ...emptyCounters(), ...(row as Partial<DossierCounters>) };
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
  const measured: TargetValue[] = [];
  for (const target of targets) {
    const indicator = target.unit === '%' ? indicatorOfTarget(target.text) : null;
    if (!indicator || quarters.length === 0) {
      measured.push({ ...target, indicator, measured: null, status: null });
      continue;
    }
    const counters = await subtreeCounters(db, unitPath, quarters, unitTypesOfLevel(target.level));
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
