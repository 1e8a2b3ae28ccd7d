import { parsePeriod } from '../periods/periods.ts';
import type { Target, TargetOperator } from './targets.ts';

/**
 * Which target applies to a unit in a period. A target is set for one unit, a unit type ("commune"),
 * or everyone, and for a period ("2026Q1"), a longer period containing it ("2026"), or every period.
 * The most specific wins: unit over unit type over everyone first, then the shortest period.
 */
export interface StoredTarget {
  id: number;
  indicatorCode: string;
  unitId: number | null;
  unitType: string | null;
  periodCode: string | null;
  operator: TargetOperator;
  threshold: number;
  riskMargin: number;
}

export interface TargetSubject {
  indicatorCode: string;
  unitId: number;
  unitType: string;
  periodCode: string;
}

/** How specific a target's period is for the asked one (higher wins), or null when it does not cover it. */
function periodRank(targetPeriod: string | null, asked: string): number | null {
  if (targetPeriod === null) return 0;
  const target = parsePeriod(targetPeriod);
  const period = parsePeriod(asked);
  if (!target || !period || target.year !== period.year) return null;
  if (target.firstMonth > period.firstMonth || target.lastMonth < period.lastMonth) return null;
  // A month (span 1) beats a quarter (3), a half (6), a year (12).
  return 13 - (target.lastMonth - target.firstMonth + 1);
}

function scopeRank(target: StoredTarget, subject: TargetSubject): number | null {
  if (target.unitId !== null) return target.unitId === subject.unitId ? 2 : null;
  if (target.unitType !== null) return target.unitType === subject.unitType ? 1 : null;
  return 0;
}

export function resolveTarget(targets: readonly StoredTarget[], subject: TargetSubject): StoredTarget | null {
  let best: StoredTarget | null = null;
  let bestRank = -1;
  for (const target of targets) {
    if (target.indicatorCode !== subject.indicatorCode) continue;
    const scope = scopeRank(target, subject);
    const period = periodRank(target.periodCode, subject.periodCode);
    if (scope === null || period === null) continue;
    const rank = scope * 100 + period;
    // Two targets equally specific: the later one (higher id) was meant to replace the earlier.
    if (rank > bestRank || (rank === bestRank && best !== null && target.id > best.id)) {
      best = target;
      bestRank = rank;
    }
  }
  return best;
}

export function asTarget(target: StoredTarget): Target {
  return { operator: target.operator, threshold: target.threshold, riskMargin: target.riskMargin };
}
