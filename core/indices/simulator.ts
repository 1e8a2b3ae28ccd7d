import { AppError, msg } from '../errors.ts';
import {
  computePapi,
  PAPI_DIMENSIONS,
  type PapiDimension,
  type PapiGroup,
  type ProvinceResult,
  type ProvinceScores,
  papiStructure,
} from './papi.ts';
import type { PapiScales } from './papi-codebook.ts';
import { quartileGroups, rankDescending } from './ranking.ts';

/**
 * The PAPI rank simulator: one province's dimensions or sub-dimensions moved by an amount, every other
 * province kept at its published scores of that year, and the total, rank and group recomputed the way
 * computePapi computes the published ones.
 *
 * Ranks: on the unrounded sum of the sub-dimensions, ties (equal within 1e-9) sharing a rank. Over every
 * year shipped (2018–2024) this gives exactly the published `rank_among_scored`; the data has no ties,
 * and the closest two totals of a year are 0.00037 apart (2021), so ranking on the totals rounded to the
 * 4 decimals PAPI prints would give the same ranks.
 *
 * Groups: the quartile cut points are recomputed over all scored provinces with the changed province's
 * new total among them, as PAPI computes its quartiles over every scored province. Keeping the published
 * cut points would put a province that rises just past the old cut into the top group while its own rise
 * has moved the cut above it.
 */

/** A year's published sub-dimension scores and the scales bounding them (see papiScales). */
export interface PapiYearScores {
  year: number;
  provinces: readonly ProvinceScores[];
  scales: PapiScales;
}

/** An amount added to a dimension ("PAPI.5") or to a sub-dimension of that year ("PAPI.5.1"). */
export interface PapiChange {
  code: string;
  delta: number;
}

export interface AppliedChange extends PapiChange {
  /** What the score moved by once held within its scale: less than `delta` when clamped. */
  applied: number;
  clamped: boolean;
  /** The bound it was held at (the scale's maximum or minimum), when clamped. */
  bound: number | null;
}

export interface PapiSimulation {
  province: string;
  provinceCode: string;
  year: number;
  /** How many provinces are ranked that year. */
  ranked: number;
  totalBefore: number;
  totalAfter: number;
  rankBefore: number;
  rankAfter: number;
  groupBefore: PapiGroup;
  groupAfter: PapiGroup;
  dimensions: Record<PapiDimension, { before: number; after: number }>;
  changes: AppliedChange[];
}

/** A year's results computed once, with the province being simulated found among them. */
export interface SimulationBase {
  scores: PapiYearScores;
  results: ProvinceResult[];
  index: number;
  province: ProvinceScores;
  result: ProvinceResult & { total: number; rank: number; group: PapiGroup };
}

const EPSILON = 1e-12;

export function simulationBase(scores: PapiYearScores, provinceCode: string): SimulationBase {
  const index = scores.provinces.findIndex((province) => province.unitCode === provinceCode);
  const province = scores.provinces[index];
  if (!province)
    throw new AppError(
      'NOT_FOUND',
      msg(
        `Không có tỉnh mã ${provinceCode} trong kết quả PAPI năm ${scores.year}.`,
        `There is no province with code ${provinceCode} in the PAPI results of ${scores.year}.`,
      ),
    );
  const results = computePapi(scores.year, scores.provinces);
  const result = results[index] as ProvinceResult;
  if (result.total === null || result.rank === null || result.group === null)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        `${province.unit} không được xếp hạng PAPI năm ${scores.year} (thiếu số liệu công bố), nên không mô phỏng được.`,
        `${province.unit} was not ranked in PAPI ${scores.year} (published data missing), so it cannot be simulated.`,
      ),
    );
  return {
    scores,
    results,
    index,
    province,
    result: { ...result, total: result.total, rank: result.rank, group: result.group },
  };
}

/** The changes checked against the year's codes: each code once, a finite amount, never a dimension with one of its sub-dimensions. */
function checkedChanges(base: SimulationBase, changes: readonly PapiChange[]): PapiChange[] {
  const seen = new Set<string>();
  for (const change of changes) {
    if (!(change.code in base.scores.scales))
      throw new AppError(
        'VALIDATION_FAILED',
        msg(
          `Mã ${change.code} không có trong PAPI năm ${base.scores.year}: dùng PAPI.1 … PAPI.8 (chỉ số nội dung) hoặc một chỉ số nội dung thành phần của năm đó (ví dụ PAPI.5.1).`,
          `${change.code} is not a code of PAPI ${base.scores.year}: use PAPI.1 … PAPI.8 (dimensions) or one of that year's sub-dimensions (for example PAPI.5.1).`,
        ),
      );
    if (!Number.isFinite(change.delta))
      throw new AppError(
        'VALIDATION_FAILED',
        msg(
          `Mức thay đổi của ${change.code} không phải là số.`,
          `The change of ${change.code} is not a number.`,
        ),
      );
    if (seen.has(change.code))
      throw new AppError(
        'VALIDATION_FAILED',
        msg(
          `${change.code} được thay đổi hai lần: gộp thành một mức thay đổi.`,
          `${change.code} is changed twice: give it one change.`,
        ),
      );
    seen.add(change.code);
  }
  // A dimension is the sum of its sub-dimensions: moving both at once would count the same points twice
  // or leave unclear which of the two the reader meant.
  const structure = papiStructure(base.scores.year);
  for (const dimension of PAPI_DIMENSIONS) {
    const sub = structure[dimension].find((code) => seen.has(code));
    if (sub && seen.has(dimension))
      throw new AppError(
        'VALIDATION_FAILED',
        msg(
          `Không thể thay đổi cùng lúc chỉ số nội dung ${dimension} và chỉ số nội dung thành phần ${sub} của nó: điểm ${dimension} là tổng các chỉ số thành phần. Hãy thay đổi hoặc ${dimension}, hoặc các chỉ số thành phần của nó.`,
          `${dimension} and its sub-dimension ${sub} cannot both be changed: ${dimension} is the sum of its sub-dimensions. Change either ${dimension} or its sub-dimensions.`,
        ),
      );
  }
  return [...changes];
}

function clamp(
  value: number,
  delta: number,
  scale: { min: number; max: number },
): { value: number; applied: number; bound: number | null } {
  const wanted = value + delta;
  const held = Math.min(scale.max, Math.max(scale.min, wanted));
  const bound = Math.abs(held - wanted) > EPSILON ? held : null;
  return { value: held, applied: held - value, bound };
}

/**
 * The province's dimensions after the changes. A dimension is the sum of that year's sub-dimensions (the
 * codebook's scales: 4 × 0.25–2.5, 3 × 0.33–3.33, 2 × 0.5–5 make its 1–10), so a sub-dimension moved by
 * an amount, held within its own scale, moves its dimension and the total by exactly the amount applied
 * (the dimension held within 1–10). A change to a dimension itself, never together with one of its
 * sub-dimensions, is held within 1–10.
 */
function changedDimensions(
  base: SimulationBase,
  changes: readonly PapiChange[],
): { dimensions: Record<PapiDimension, number>; applied: AppliedChange[] } {
  const { scales, year } = base.scores;
  const structure = papiStructure(year);
  const byCode = new Map(changes.map((change) => [change.code, change]));
  const applied = new Map<string, AppliedChange>();
  const dimensions = {} as Record<PapiDimension, number>;
  for (const dimension of PAPI_DIMENSIONS) {
    let sum = 0;
    let isMoved = false;
    for (const code of structure[dimension]) {
      const value = base.province.subdimensions[code] ?? 0;
      const change = byCode.get(code);
      if (!change) {
        sum += value;
        continue;
      }
      isMoved = true;
      const held = clamp(value, change.delta, scales[code] as { min: number; max: number });
      applied.set(code, {
        ...change,
        applied: held.applied,
        clamped: held.bound !== null,
        bound: held.bound,
      });
      sum += held.value;
    }
    // The codebook writes a third as 0.33–3.33, so three sub-dimensions at their floor sum to 0.99: the
    // dimension still stays within its 1–10, as a change to the dimension itself would.
    const scale = scales[dimension] as { min: number; max: number };
    if (isMoved) sum = clamp(sum, 0, scale).value;
    const change = byCode.get(dimension);
    if (!change) {
      dimensions[dimension] = sum;
      continue;
    }
    const held = clamp(sum, change.delta, scale);
    applied.set(dimension, {
      ...change,
      applied: held.applied,
      clamped: held.bound !== null,
      bound: held.bound,
    });
    dimensions[dimension] = held.value;
  }
  // In the order they were asked for.
  return { dimensions, applied: changes.map((change) => applied.get(change.code) as AppliedChange) };
}

/** The simulation on a base already computed (levers and the target search run it many times). */
export function simulateOn(base: SimulationBase, changes: readonly PapiChange[]): PapiSimulation {
  const { dimensions, applied } = changedDimensions(base, checkedChanges(base, changes));
  const totalAfter = PAPI_DIMENSIONS.reduce((sum, dimension) => sum + dimensions[dimension], 0);
  const totals = base.results.map((result, index) => (index === base.index ? totalAfter : result.total));
  return {
    province: base.province.unit,
    provinceCode: base.province.unitCode,
    year: base.scores.year,
    ranked: totals.filter((total) => total !== null).length,
    totalBefore: base.result.total,
    totalAfter,
    rankBefore: base.result.rank,
    rankAfter: rankDescending(totals)[base.index] as number,
    groupBefore: base.result.group,
    groupAfter: quartileGroups(totals)[base.index] as PapiGroup,
    dimensions: Object.fromEntries(
      PAPI_DIMENSIONS.map((dimension) => [
        dimension,
        { before: base.result.dimensions[dimension] as number, after: dimensions[dimension] },
      ]),
    ) as PapiSimulation['dimensions'],
    changes: applied,
  };
}

/**
 * The province's total, rank and group after the changes, against the other provinces' published scores
 * of that year. Scores are held within their scales (dimensions 1–10, sub-dimensions as in the codebook
 * for that year); a change that would pass a bound is applied up to it and marked `clamped`.
 */
export function simulate(
  scores: PapiYearScores,
  provinceCode: string,
  changes: readonly PapiChange[],
): PapiSimulation {
  return simulateOn(simulationBase(scores, provinceCode), changes);
}
