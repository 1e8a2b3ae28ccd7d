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
import { percentile, quartileGroups, rankDescending } from './ranking.ts';

/**
 * Where a province stands in a PAPI year: per dimension and for the total, its score against the
 * national median, the floor of the top quartile (the 75th percentile, from which a province is in
 * group 1) and the best province; its trend over the years shipped; and how many points of total the
 * next rank and the next group cost. For a province of today formed from several (the 1 July 2025
 * merger), the old provinces side by side and an estimate of the whole (see mergedEstimate).
 */
export interface StandingRow {
  score: number;
  median: number;
  topQuartileFloor: number;
  best: { unit: string; unitCode: string; score: number };
  rank: number;
  group: PapiGroup;
}

/** A sub-dimension of the year's methodology, against the same figures as a dimension. */
export interface SubStanding extends StandingRow {
  code: string;
  dimension: PapiDimension;
}

export interface TrendPoint {
  year: number;
  total: number | null;
  rank: number | null;
  ranked: number;
}

export interface ProvinceStanding {
  unit: string;
  unitCode: string;
  year: number;
  ranked: number;
  total: StandingRow;
  dimensions: Record<PapiDimension, StandingRow>;
  /** The year's sub-dimensions in the methodology's order (one the province has no score for is left out). */
  subdimensions: SubStanding[];
  trend: TrendPoint[];
  /** Points of total to share the rank above; null when first. */
  pointsToNextRank: number | null;
  /** The group above, and the points of total that reach it (cut points recomputed); null in group 1. */
  nextGroup: { group: PapiGroup; points: number } | null;
}

export interface MergedEstimate {
  /** Equal weights: the shipped data has neither population nor the number of respondents. */
  weights: { unitCode: string; unit: string; weight: number }[];
  total: number;
  dimensions: Record<PapiDimension, number>;
  /** Where the estimated total would stand among the other provinces of the year (the old ones left out). */
  rank: number;
  ranked: number;
}

export interface YearProvinces {
  year: number;
  provinces: readonly ProvinceScores[];
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
// Up to the 0.0001 PAPI prints, so that adding it does reach the rank or group (as levers does).
const ceil4 = (value: number) => Math.ceil(value * 10_000 - 1e-6) / 10_000;

function standingRow(
  results: readonly ProvinceResult[],
  index: number,
  value: (r: ProvinceResult) => number | null,
  rank: number,
  group: PapiGroup,
): StandingRow {
  const scored = results
    .map((result) => ({ result, score: value(result) }))
    .filter((entry): entry is { result: ProvinceResult; score: number } => entry.score !== null);
  const sorted = scored.map((entry) => entry.score).sort((a, b) => a - b);
  const best = scored.reduce((top, entry) => (entry.score > top.score ? entry : top));
  return {
    score: round4(value(results[index] as ProvinceResult) as number),
    median: round4(percentile(sorted, 0.5)),
    topQuartileFloor: round4(percentile(sorted, 0.75)),
    best: { unit: best.result.unit, unitCode: best.result.unitCode, score: round4(best.score) },
    rank,
    group,
  };
}

/** The least rise of the province's total that puts it in `group`, the quartile cuts recomputed with it. */
export function pointsToGroup(totals: readonly (number | null)[], index: number, group: PapiGroup): number {
  const own = totals[index] as number;
  const reaches = (rise: number) =>
    (quartileGroups(totals.map((total, k) => (k === index ? own + rise : total)))[index] as PapiGroup) <=
    group;
  if (reaches(0)) return 0;
  const highest = Math.max(...totals.filter((total): total is number => total !== null));
  let [low, high] = [0, highest - own + 1e-6];
  for (let step = 0; step < 60; step += 1) {
    const middle = (low + high) / 2;
    if (reaches(middle)) high = middle;
    else low = middle;
  }
  let points = ceil4(high);
  while (!reaches(points)) points = round4(points + 0.0001);
  return points;
}

/** A sub-dimension's row: ranks and quartile groups over the provinces scored on it. */
function subRow(provinces: readonly ProvinceScores[], index: number, code: string): StandingRow | null {
  const values = provinces.map((province) => {
    const value = province.subdimensions[code];
    return value === null || value === undefined || Number.isNaN(value) ? null : value;
  });
  const own = values[index];
  if (own === null || own === undefined) return null;
  const ranks = rankDescending(values);
  const groups = quartileGroups(values);
  const scored = provinces
    .map((province, k) => ({ province, score: values[k] ?? null }))
    .filter((entry): entry is { province: ProvinceScores; score: number } => entry.score !== null);
  const sorted = scored.map((entry) => entry.score).sort((a, b) => a - b);
  const best = scored.reduce((top, entry) => (entry.score > top.score ? entry : top));
  return {
    score: round4(own),
    median: round4(percentile(sorted, 0.5)),
    topQuartileFloor: round4(percentile(sorted, 0.75)),
    best: { unit: best.province.unit, unitCode: best.province.unitCode, score: round4(best.score) },
    rank: ranks[index] as number,
    group: groups[index] as PapiGroup,
  };
}

function provincesOf(years: readonly YearProvinces[], year: number): readonly ProvinceScores[] {
  return years.find((entry) => entry.year === year)?.provinces ?? [];
}

function resultsOf(years: readonly YearProvinces[], year: number): ProvinceResult[] {
  const found = years.find((entry) => entry.year === year);
  if (!found)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(`Không có kết quả PAPI năm ${year}.`, `There are no PAPI results for ${year}.`),
    );
  return computePapi(year, found.provinces);
}

export function provinceStanding(
  years: readonly YearProvinces[],
  year: number,
  provinceCode: string,
): ProvinceStanding {
  const results = resultsOf(years, year);
  const index = results.findIndex((result) => result.unitCode === provinceCode);
  const result = results[index];
  if (!result)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        `Không có tỉnh mã ${provinceCode} trong kết quả PAPI năm ${year} (63 tỉnh, thành phố trước khi hợp nhất 1/7/2025).`,
        `There is no province with code ${provinceCode} in the PAPI results of ${year} (the 63 provinces before the merger of 1 July 2025).`,
      ),
    );
  if (result.total === null || result.rank === null || result.group === null)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        `${result.unit} không được xếp hạng PAPI năm ${year} (thiếu số liệu công bố).`,
        `${result.unit} was not ranked in PAPI ${year} (published data missing).`,
      ),
    );
  const totals = results.map((entry) => entry.total);
  const own = result.total;
  const above = totals.filter((total): total is number => total !== null && total > own + 1e-9);
  const group = result.group;
  const trend = years.map(({ year: other }) => {
    const yearResults = other === year ? results : resultsOf(years, other);
    const entry = yearResults.find((candidate) => candidate.unitCode === provinceCode);
    return {
      year: other,
      total: entry?.total == null ? null : round4(entry.total),
      rank: entry?.rank ?? null,
      ranked: yearResults.filter((candidate) => candidate.rank !== null).length,
    };
  });
  return {
    unit: result.unit,
    unitCode: result.unitCode,
    year,
    ranked: totals.filter((total) => total !== null).length,
    total: standingRow(results, index, (entry) => entry.total, result.rank, group),
    dimensions: Object.fromEntries(
      PAPI_DIMENSIONS.map((dimension) => [
        dimension,
        standingRow(
          results,
          index,
          (entry) => entry.dimensions[dimension],
          result.dimensionRanks[dimension] as number,
          result.dimensionGroups[dimension] as PapiGroup,
        ),
      ]),
    ) as Record<PapiDimension, StandingRow>,
    subdimensions: PAPI_DIMENSIONS.flatMap((dimension) =>
      papiStructure(year)[dimension].flatMap((code) => {
        const row = subRow(provincesOf(years, year), index, code);
        return row ? [{ code, dimension, ...row }] : [];
      }),
    ),
    trend,
    pointsToNextRank: above.length === 0 ? null : ceil4(Math.min(...above) - own),
    nextGroup:
      group === 1
        ? null
        : { group: (group - 1) as PapiGroup, points: pointsToGroup(totals, index, (group - 1) as PapiGroup) },
  };
}

/**
 * The whole of a merged province estimated from its old provinces of one year: the mean of their scores
 * with equal weights. PAPI publishes no result for a merged province before 2025; the estimate says
 * where the whole would have stood, not what was measured.
 */
export function mergedEstimate(
  years: readonly YearProvinces[],
  year: number,
  parts: readonly ProvinceStanding[],
): MergedEstimate {
  const weight = 1 / parts.length;
  const dimensions = Object.fromEntries(
    PAPI_DIMENSIONS.map((dimension) => [
      dimension,
      round4(parts.reduce((sum, part) => sum + part.dimensions[dimension].score * weight, 0)),
    ]),
  ) as Record<PapiDimension, number>;
  const total = round4(parts.reduce((sum, part) => sum + part.total.score * weight, 0));
  const partCodes = new Set(parts.map((part) => part.unitCode));
  const others = resultsOf(years, year)
    .filter((result) => !partCodes.has(result.unitCode))
    .map((result) => result.total)
    .filter((value): value is number => value !== null);
  return {
    weights: parts.map((part) => ({ unitCode: part.unitCode, unit: part.unit, weight: round4(weight) })),
    total,
    dimensions,
    rank: others.filter((other) => other > total + 1e-9).length + 1,
    ranked: others.length + 1,
  };
}
