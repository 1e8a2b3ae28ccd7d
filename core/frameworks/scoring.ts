import { rankDescending } from '../indices/ranking.ts';
import { type Band, bandOf, type Criterion, type Framework } from './framework.ts';

/**
 * The scoring engine of an assessment round: pure, so it can recompute thousands of units at once.
 * Each leaf is capped at its maximum (and at 0 from below), each parent at its own maximum; bonus and
 * penalty points are capped separately; the total never leaves 0…maximum.
 */
export interface Adjustments {
  bonus: number;
  penalty: number;
}

export interface ScoringRules {
  bonusCap: number;
  penaltyCap: number;
}

/**
 * How a round treats a unit that never sent its self-assessment: left out ("không tham gia": no
 * score, band or rank, no weight in any average), or, when the round says so, scored 0 and ranked.
 */
export const NON_SUBMITTER_RULES = ['excluded', 'zero'] as const;
export type NonSubmitterRule = (typeof NON_SUBMITTER_RULES)[number];

export const NON_SUBMITTER_RULE_NAMES: Record<NonSubmitterRule, { vi: string; en: string }> = {
  excluded: {
    vi: 'Đơn vị không nộp bản tự đánh giá: không chấm điểm, không xếp loại, không xếp hạng (ghi "không tham gia")',
    en: 'Units that do not send their self-assessment get no score, band or rank (shown as "not participating")',
  },
  zero: {
    vi: 'Đơn vị không nộp bản tự đánh giá bị tính 0 điểm (không tham gia) và vẫn được xếp hạng',
    en: 'Units that do not send their self-assessment are scored 0 (not participating) and still ranked',
  },
};

export interface Gap {
  code: string;
  nameVi: string;
  score: number;
  maxPoints: number;
  lost: number;
}

export interface UnitScore {
  unitId: number;
  /** Criterion code → score after capping (leaves and parents). */
  scores: Record<string, number>;
  base: number;
  bonus: number;
  penalty: number;
  total: number;
  maximum: number;
  percent: number;
  band: Band | null;
  rank: number | null;
  /** False for a non-submitter the round leaves out: it has no score, band or rank. */
  participating: boolean;
  /** Leaves below full marks, most points lost first. */
  gaps: Gap[];
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function scoreCriteria(
  criteria: readonly Criterion[],
  leaves: Readonly<Record<string, number | null | undefined>>,
  out: Record<string, number>,
  gaps: Gap[],
): number {
  let sum = 0;
  for (const criterion of criteria) {
    const max = criterion.maxPoints ?? 0;
    const score = criterion.children?.length
      ? clamp(scoreCriteria(criterion.children, leaves, out, gaps), 0, max)
      : clamp(leaves[criterion.code] ?? 0, 0, max);
    out[criterion.code] = score;
    if (!criterion.children?.length && score < max) {
      gaps.push({ code: criterion.code, nameVi: criterion.nameVi, score, maxPoints: max, lost: max - score });
    }
    sum += score;
  }
  return sum;
}

export function maximumOf(criteria: readonly Criterion[]): number {
  return criteria.reduce((total, criterion) => total + (criterion.maxPoints ?? 0), 0);
}

/** One unit's result (rank is filled in by scoreRound). */
export function scoreUnit(
  framework: Framework,
  unitId: number,
  leaves: Readonly<Record<string, number | null | undefined>>,
  adjustments: Adjustments,
  rules: ScoringRules,
): UnitScore {
  const scores: Record<string, number> = {};
  const gaps: Gap[] = [];
  const base = scoreCriteria(framework.criteria, leaves, scores, gaps);
  const maximum = maximumOf(framework.criteria);
  const bonus = clamp(adjustments.bonus, 0, rules.bonusCap);
  const penalty = clamp(adjustments.penalty, 0, rules.penaltyCap);
  const total = clamp(base + bonus - penalty, 0, maximum);
  const percent = maximum > 0 ? (total / maximum) * 100 : 0;
  gaps.sort((a, b) => b.lost - a.lost || a.code.localeCompare(b.code));
  return {
    unitId,
    scores,
    base,
    bonus,
    penalty,
    total,
    maximum,
    percent,
    band: bandOf(framework.bands, percent),
    rank: null,
    participating: true,
    gaps,
  };
}

export interface UnitInput {
  unitId: number;
  leaves: Readonly<Record<string, number | null | undefined>>;
  adjustments?: Adjustments;
  /** Whether the unit sent its self-assessment (absent: it did). */
  submitted?: boolean;
}

const NO_ADJUSTMENTS: Adjustments = { bonus: 0, penalty: 0 };

/**
 * Every unit of a round: totals, % of maximum, bands, ranks with ties, gap lists. A unit that did not
 * submit is scored on nothing it typed: under "excluded" it gets no band and no rank and the others are
 * ranked without it; under "zero" it is scored 0 (no points, no bonus) and ranked like the rest.
 */
export function scoreRound(
  framework: Framework,
  units: readonly UnitInput[],
  rules: ScoringRules,
  nonSubmitters: NonSubmitterRule = 'excluded',
): UnitScore[] {
  const results = units.map((unit) => {
    if (unit.submitted === false) {
      const zero = scoreUnit(framework, unit.unitId, {}, NO_ADJUSTMENTS, rules);
      return nonSubmitters === 'zero' ? zero : { ...zero, band: null, participating: false };
    }
    return scoreUnit(framework, unit.unitId, unit.leaves, unit.adjustments ?? NO_ADJUSTMENTS, rules);
  });
  const ranks = rankDescending(results.map((result) => (result.participating ? result.total : null)));
  results.forEach((result, index) => {
    result.rank = ranks[index] ?? null;
  });
  return results;
}

/** The mean of each criterion over the units that take part (a left-out unit weighs nothing). */
export function averageScores(
  results: readonly UnitScore[],
  codes: readonly string[],
): Record<string, number> {
  const counted = results.filter((result) => result.participating);
  return Object.fromEntries(
    codes.map((code) => [
      code,
      counted.length === 0
        ? 0
        : counted.reduce((sum, result) => sum + (result.scores[code] ?? 0), 0) / counted.length,
    ]),
  );
}

/**
 * Change in % of maximum since last year, following successor links: a unit formed by a merger is
 * compared with the mean of its predecessors' results (scores, not ratios of counts, so a mean is fair).
 */
export function yearOnYear(
  current: ReadonlyMap<number, number>,
  previous: ReadonlyMap<number, number>,
  predecessorsOf: (unitId: number) => readonly number[],
): Map<number, number | null> {
  const change = new Map<number, number | null>();
  for (const [unitId, percent] of current) {
    const direct = previous.get(unitId);
    if (direct !== undefined) {
      change.set(unitId, percent - direct);
      continue;
    }
    const earlier = predecessorsOf(unitId).flatMap((id) => {
      const value = previous.get(id);
      return value === undefined ? [] : [value];
    });
    change.set(unitId, earlier.length ? percent - earlier.reduce((a, b) => a + b, 0) / earlier.length : null);
  }
  return change;
}
