import { z } from 'zod';
import { dimensionName } from '../plans/plan-views.ts';
import { PAPI_DIMENSIONS, type PapiDimension } from './papi.ts';
import type { StandingRow } from './papi-standing.ts';

/**
 * The national index's dimensions where the province stands below the national median: what a
 * remediation plan takes up beside the province's own criteria. A province formed by the 2025 merger
 * is weak on a dimension when any province that formed it was below the median; each one's figures
 * are kept, so the plan says which.
 */
export interface WeakDimensionPart {
  unit: string;
  score: number;
  rank: number;
}

export interface WeakDimension {
  code: PapiDimension;
  nameVi: string;
  nameEn: string;
  median: number;
  /** Every province that formed today's, below the median or not, in the standing's order. */
  parts: WeakDimensionPart[];
  /** The largest distance to the median among the parts below it. */
  gap: number;
}

interface StandingLike {
  unit: string;
  dimensions: Record<PapiDimension, Pick<StandingRow, 'score' | 'median' | 'rank'>>;
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

export function papiWeakDimensions(standings: readonly StandingLike[]): WeakDimension[] {
  return PAPI_DIMENSIONS.flatMap((code) => {
    const rows = standings.map((standing) => ({ unit: standing.unit, ...standing.dimensions[code] }));
    const median = rows[0]?.median;
    if (median === undefined) return [];
    const below = rows.filter((row) => row.score < median);
    if (below.length === 0) return [];
    return [
      {
        code,
        nameVi: dimensionName(code, 'vi'),
        nameEn: dimensionName(code, 'en'),
        median,
        parts: rows.map((row) => ({ unit: row.unit, score: row.score, rank: row.rank })),
        gap: round4(Math.max(...below.map((row) => median - row.score))),
      },
    ];
  });
}

export const weakDimensionSchema = z.object({
  code: z.enum(PAPI_DIMENSIONS),
  nameVi: z.string(),
  nameEn: z.string(),
  median: z.number(),
  parts: z.array(z.object({ unit: z.string(), score: z.number(), rank: z.number().int() })),
  gap: z.number(),
});

/** The national weak dimensions as the weak-criteria view and the leader's page show them. */
export const nationalWeakSchema = z.object({
  index: z.literal('PAPI'),
  year: z.number().int(),
  /** In words for a document: "Hưng Yên và Thái Bình (nay là tỉnh Hưng Yên)". */
  province: z.string(),
  /** The provinces of the data that formed today's, and today's name, for a screen in either language. */
  predecessors: z.array(z.string()),
  today: z.string(),
  ranked: z.number().int(),
  dimensions: z.array(weakDimensionSchema),
});
export type NationalWeak = z.infer<typeof nationalWeakSchema>;
