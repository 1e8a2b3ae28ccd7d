import { z } from 'zod';
import { nationalWeakSchema } from '../indices/papi-weak.ts';
import type { Criterion } from './framework.ts';
import type { UnitScore } from './scoring.ts';

/**
 * Where a round's units lost points, the ground of their remediation plans: per unit, every criterion
 * below full marks with the points lost and the unit's score on it a year earlier; per criterion, how
 * many units lost points on it and how many points in all, now and in the previous round. Only
 * participating units count. A unit formed by a merger is compared with its predecessors' mean on the
 * criterion; a criterion the earlier framework did not have, or had with another maximum, has no
 * earlier figure (a score out of another maximum is not the same measure).
 */
export interface WeakGap {
  code: string;
  nameVi: string;
  score: number;
  maxPoints: number;
  lost: number;
  /** The unit's score on it in the previous round (or its predecessors' mean), null when not comparable. */
  previousScore: number | null;
}

export interface WeakUnit {
  unitId: number;
  gaps: WeakGap[];
}

export interface WeakCriterion {
  code: string;
  nameVi: string;
  maxPoints: number;
  /** Units below full marks on it. */
  units: number;
  /** Points lost on it by all units. */
  lost: number;
  /** Units below full marks on it in the previous round; null when there is none or it is not comparable. */
  previousUnits: number | null;
}

export interface PreviousRound {
  results: readonly UnitScore[];
  /** Leaf criterion code → its maximum in the previous round's framework. */
  maxima: ReadonlyMap<string, number>;
}

/** Leaf criteria of a framework, code → maximum. */
export function leafMaxima(
  criteria: readonly Criterion[],
  into = new Map<string, number>(),
): Map<string, number> {
  for (const criterion of criteria) {
    if (criterion.children?.length) leafMaxima(criterion.children, into);
    else into.set(criterion.code, criterion.maxPoints ?? 0);
  }
  return into;
}

const EPSILON = 1e-9;
const round2 = (value: number) => Math.round(value * 100) / 100;

export function weakCriteria(
  current: readonly UnitScore[],
  previous: PreviousRound | null,
  predecessorsOf: (unitId: number) => readonly number[],
): { units: WeakUnit[]; criteria: WeakCriterion[] } {
  const earlier = new Map(
    (previous?.results ?? [])
      .filter((result) => result.participating)
      .map((result) => [result.unitId, result]),
  );
  const comparable = (gap: { code: string; maxPoints: number }) =>
    previous !== null && Math.abs((previous.maxima.get(gap.code) ?? Number.NaN) - gap.maxPoints) < EPSILON;
  const previousScore = (unitId: number, gap: { code: string; maxPoints: number }): number | null => {
    if (!comparable(gap)) return null;
    const direct = earlier.get(unitId);
    const sources = direct ? [direct] : predecessorsOf(unitId).flatMap((id) => earlier.get(id) ?? []);
    const scores = sources.map((source) => source.scores[gap.code]).filter((score) => score !== undefined);
    return scores.length ? round2(scores.reduce((a, b) => a + b, 0) / scores.length) : null;
  };

  const taking = current.filter((result) => result.participating);
  const units = taking.map((result) => ({
    unitId: result.unitId,
    gaps: result.gaps.map((gap) => ({
      code: gap.code,
      nameVi: gap.nameVi,
      score: round2(gap.score),
      maxPoints: gap.maxPoints,
      lost: round2(gap.lost),
      previousScore: previousScore(result.unitId, gap),
    })),
  }));

  const byCode = new Map<string, WeakCriterion>();
  for (const result of taking)
    for (const gap of result.gaps) {
      const entry = byCode.get(gap.code) ?? {
        code: gap.code,
        nameVi: gap.nameVi,
        maxPoints: gap.maxPoints,
        units: 0,
        lost: 0,
        previousUnits: comparable(gap)
          ? [...earlier.values()].filter((before) => (before.scores[gap.code] ?? 0) < gap.maxPoints - EPSILON)
              .length
          : null,
      };
      entry.units += 1;
      entry.lost = round2(entry.lost + gap.lost);
      byCode.set(gap.code, entry);
    }
  const criteria = [...byCode.values()].sort(
    (a, b) => b.units - a.units || b.lost - a.lost || a.code.localeCompare(b.code, 'vi', { numeric: true }),
  );
  return { units, criteria };
}

const gapSchema = z.object({
  code: z.string(),
  nameVi: z.string(),
  score: z.number(),
  maxPoints: z.number(),
  lost: z.number(),
  previousScore: z.number().nullable(),
});
const roundRefSchema = z.object({ id: z.number().int(), name: z.string(), year: z.number().int() });

/** `GET /api/rounds/:id/weak-criteria`: the round's weak criteria, per unit (by rank) and per criterion. */
export const weakCriteriaSchema = z.object({
  round: roundRefSchema,
  previousRound: roundRefSchema.nullable(),
  criteria: z.array(
    z.object({
      code: z.string(),
      nameVi: z.string(),
      maxPoints: z.number(),
      units: z.number().int(),
      lost: z.number(),
      previousUnits: z.number().int().nullable(),
    }),
  ),
  units: z.array(
    z.object({
      unitId: z.number().int(),
      name: z.string(),
      rank: z.number().int().nullable(),
      gaps: z.array(gapSchema),
    }),
  ),
  /** The province's national-index dimensions below the national median (PAPI, latest year shipped). */
  national: nationalWeakSchema.nullable(),
});
export type WeakCriteriaView = z.infer<typeof weakCriteriaSchema>;
