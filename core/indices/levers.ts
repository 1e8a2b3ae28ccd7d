import {
  computePapi,
  PAPI_DIMENSIONS,
  type PapiDimension,
  type ProvinceScores,
  papiStructure,
} from './papi.ts';
import { percentile } from './ranking.ts';
import { type PapiYearScores, type SimulationBase, simulateOn, simulationBase } from './simulator.ts';

/**
 * Which dimension moves a province most: per dimension, where it stands against the median and the best
 * province, how many points the next rank costs on that dimension alone, how many ranks a point buys,
 * and how much provinces have actually gained on it in one year.
 *
 * The total is the unweighted sum of the dimensions, so a point is worth the same on every dimension:
 * the levers differ by the room left on the scale and by what provinces achieve in a year.
 */
export interface PapiLever {
  dimension: PapiDimension;
  score: number;
  median: number;
  best: number;
  /** The smallest rise of this dimension alone that improves the rank by at least one; null when first or past the scale. */
  pointsToNextRank: number | null;
  /** Ranks gained by one more point on this dimension (less where the scale leaves less than a point). */
  ranksPerPoint: number;
  /** The 90th percentile of provinces' year-on-year changes on this dimension; null without any. */
  typicalYearlyGain: number | null;
}

export type TypicalGains = Record<PapiDimension, number | null>;

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
// Up to the 0.0001 PAPI prints, so that adding it reaches the next rank; the slack (1e-10) stays below
// the tolerance within which totals tie.
const ceil4 = (value: number) => Math.ceil(value * 10_000 - 1e-6) / 10_000;

/**
 * The 90th percentile (PERCENTILE.INC) of every year-on-year change of each dimension: the same
 * province code in two consecutive years of the data, both scored on that dimension. A change across a
 * year when the dimension's sub-dimensions changed (e-governance 2018 → 2019, procedures 2020 → 2021) is
 * a change of method, not a gain, and is left out. The shipped data ends in 2024, before the 1 July
 * 2025 merger, so every pair is of one of the 63 provinces before it; a merged province has no change of
 * its own to count.
 */
export function typicalYearlyGains(
  years: readonly { year: number; provinces: readonly ProvinceScores[] }[],
): TypicalGains {
  const dimensionsByYear = new Map(
    years.map(({ year, provinces }) => [
      year,
      new Map(computePapi(year, provinces).map((result) => [result.unitCode, result.dimensions])),
    ]),
  );
  const changes = Object.fromEntries(
    PAPI_DIMENSIONS.map((dimension) => [dimension, [] as number[]]),
  ) as Record<PapiDimension, number[]>;
  for (const [year, before] of dimensionsByYear) {
    const after = dimensionsByYear.get(year + 1);
    if (!after) continue;
    const [structureBefore, structureAfter] = [papiStructure(year), papiStructure(year + 1)];
    for (const dimension of PAPI_DIMENSIONS) {
      if (structureBefore[dimension].join() !== structureAfter[dimension].join()) continue;
      for (const [code, dimensions] of before) {
        const [from, to] = [dimensions[dimension], after.get(code)?.[dimension] ?? null];
        if (from !== null && to !== null) changes[dimension].push(to - from);
      }
    }
  }
  return Object.fromEntries(
    PAPI_DIMENSIONS.map((dimension) => {
      const sorted = changes[dimension].sort((a, b) => a - b);
      return [dimension, sorted.length === 0 ? null : percentile(sorted, 0.9)];
    }),
  ) as TypicalGains;
}

/** How far the province's total is below the nearest total above it; null when first. */
function gapToNextRank(base: SimulationBase): number | null {
  const above = base.results
    .map((result) => result.total)
    .filter((total): total is number => total !== null && total > base.result.total + 1e-9);
  return above.length === 0 ? null : Math.min(...above) - base.result.total;
}

/** The levers on a base already computed (the target search uses them to order the dimensions). */
export function leversOn(base: SimulationBase, gains: TypicalGains): PapiLever[] {
  const gap = gapToNextRank(base);
  return PAPI_DIMENSIONS.map((dimension) => {
    const score = base.result.dimensions[dimension] as number;
    const scored = base.results
      .map((result) => result.dimensions[dimension])
      .filter((value): value is number => value !== null)
      .sort((a, b) => a - b);
    const room = (base.scores.scales[dimension]?.max ?? 10) - score;
    const needed = gap === null ? null : ceil4(gap);
    const raised = simulateOn(base, [{ code: dimension, delta: 1 }]);
    const gain = gains[dimension];
    return {
      dimension,
      score: round4(score),
      median: round4(percentile(scored, 0.5)),
      best: round4(scored[scored.length - 1] ?? score),
      pointsToNextRank: needed !== null && needed <= room ? needed : null,
      ranksPerPoint: raised.rankBefore - raised.rankAfter,
      typicalYearlyGain: gain === null ? null : round4(gain),
    };
  });
}

/**
 * Per dimension of the province in that year: its score, the median and best of the provinces scored on
 * it, the points to the next rank, the ranks a point buys and the typical yearly gain, at the 4 decimals
 * PAPI publishes (pointsToNextRank rounded up, so that adding it does reach the next rank: reaching the
 * total of the province above shares its rank).
 */
export function levers(scores: PapiYearScores, provinceCode: string, gains: TypicalGains): PapiLever[] {
  return leversOn(simulationBase(scores, provinceCode), gains);
}

/**
 * The order in which levers move a province most: the ranks a point buys, then what provinces gain on
 * the dimension in a year (the total is an unweighted sum, so a point buys as many ranks on most
 * dimensions and what is achievable tells them apart), then the dimensions' own order.
 */
export function compareLevers(a: PapiLever, b: PapiLever): number {
  return (
    b.ranksPerPoint - a.ranksPerPoint ||
    (b.typicalYearlyGain ?? Number.NEGATIVE_INFINITY) - (a.typicalYearlyGain ?? Number.NEGATIVE_INFINITY) ||
    PAPI_DIMENSIONS.indexOf(a.dimension) - PAPI_DIMENSIONS.indexOf(b.dimension)
  );
}

/**
 * The levers that move the province most, `count` of them, among those with headroom: the next rank
 * within the scale on that dimension alone, and some province already scoring above it.
 */
export function topLevers(items: readonly PapiLever[], count: number): PapiLever[] {
  return items
    .filter((lever) => lever.pointsToNextRank !== null && lever.ranksPerPoint > 0 && lever.score < lever.best)
    .sort(compareLevers)
    .slice(0, count);
}
