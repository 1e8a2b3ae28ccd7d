/**
 * PAPI as its publishers compute it: a dimension is the sum of that year's sub-dimensions, the total
 * is the unweighted sum of the eight dimensions, provinces are ranked on the total (ties share a rank),
 * and each dimension and the total sort provinces into four groups by quartile. A province missing any
 * expected value gets no dimension, no total and no rank, exactly as published.
 */
import { type PapiGroup, quartileGroups, rankDescending } from './ranking.ts';

export type { PapiGroup } from './ranking.ts';
export { quartileGroups, rankDescending } from './ranking.ts';

export const PAPI_DIMENSIONS = [
  'PAPI.1',
  'PAPI.2',
  'PAPI.3',
  'PAPI.4',
  'PAPI.5',
  'PAPI.6',
  'PAPI.7',
  'PAPI.8',
] as const;
export type PapiDimension = (typeof PAPI_DIMENSIONS)[number];

/** The quartile groups in words: 1 holds the quarter of provinces with the highest scores. */
export const PAPI_GROUP_NAMES = {
  1: { vi: 'Cao nhất', en: 'Highest' },
  2: { vi: 'Trung bình cao', en: 'Upper middle' },
  3: { vi: 'Trung bình thấp', en: 'Lower middle' },
  4: { vi: 'Thấp nhất', en: 'Lowest' },
} as const;

/** The sub-dimensions of a year's methodology (the structure changed in 2019 and 2021). */
export function papiStructure(year: number): Record<PapiDimension, string[]> {
  return {
    'PAPI.1': ['PAPI.1.1', 'PAPI.1.2', 'PAPI.1.3', 'PAPI.1.4'],
    'PAPI.2': ['PAPI.2.1', 'PAPI.2.2', 'PAPI.2.3', 'PAPI.2.4'],
    'PAPI.3': ['PAPI.3.1', 'PAPI.3.2', 'PAPI.3.3'],
    'PAPI.4': ['PAPI.4.1', 'PAPI.4.2', 'PAPI.4.3', 'PAPI.4.4'],
    // Sub-dimension 5.2 (construction permits) was measured only until 2020.
    'PAPI.5':
      year <= 2020 ? ['PAPI.5.1', 'PAPI.5.2', 'PAPI.5.3', 'PAPI.5.4'] : ['PAPI.5.1', 'PAPI.5.3', 'PAPI.5.4'],
    'PAPI.6': ['PAPI.6.1', 'PAPI.6.2', 'PAPI.6.3', 'PAPI.6.4'],
    'PAPI.7': ['PAPI.7.1', 'PAPI.7.2', 'PAPI.7.3'],
    // E-governance had two sub-dimensions in 2018 and three from 2019.
    'PAPI.8': year <= 2018 ? ['PAPI.8.1', 'PAPI.8.2'] : ['PAPI.8.1', 'PAPI.8.2', 'PAPI.8.3'],
  };
}

export interface ProvinceScores {
  unit: string;
  unitCode: string;
  /** Sub-dimension code → raw score; absent or null when missing. */
  subdimensions: Record<string, number | null | undefined>;
}

export interface ProvinceResult {
  unit: string;
  unitCode: string;
  total: number | null;
  rank: number | null;
  group: PapiGroup | null;
  dimensions: Record<PapiDimension, number | null>;
  dimensionGroups: Record<PapiDimension, PapiGroup | null>;
  /** Rank among all provinces on each dimension (ties share a rank; null when missing). */
  dimensionRanks: Record<PapiDimension, number | null>;
}

function sumOrNull(values: (number | null | undefined)[]): number | null {
  let sum = 0;
  for (const value of values) {
    if (value === null || value === undefined || Number.isNaN(value)) return null;
    sum += value;
  }
  return sum;
}

export function computePapi(year: number, provinces: readonly ProvinceScores[]): ProvinceResult[] {
  const structure = papiStructure(year);
  const dimensionValues = provinces.map(
    (province) =>
      Object.fromEntries(
        PAPI_DIMENSIONS.map((dimension) => [
          dimension,
          sumOrNull(structure[dimension].map((code) => province.subdimensions[code])),
        ]),
      ) as Record<PapiDimension, number | null>,
  );
  const totals = dimensionValues.map((dimensions) =>
    sumOrNull(PAPI_DIMENSIONS.map((dimension) => dimensions[dimension])),
  );
  const ranks = rankDescending(totals);
  const groups = quartileGroups(totals);
  const groupsByDimension = Object.fromEntries(
    PAPI_DIMENSIONS.map((dimension) => [
      dimension,
      quartileGroups(dimensionValues.map((dimensions) => dimensions[dimension])),
    ]),
  ) as Record<PapiDimension, (PapiGroup | null)[]>;
  const ranksByDimension = Object.fromEntries(
    PAPI_DIMENSIONS.map((dimension) => [
      dimension,
      rankDescending(dimensionValues.map((dimensions) => dimensions[dimension])),
    ]),
  ) as Record<PapiDimension, (number | null)[]>;
  return provinces.map((province, index) => ({
    unit: province.unit,
    unitCode: province.unitCode,
    total: totals[index] ?? null,
    rank: ranks[index] ?? null,
    group: groups[index] ?? null,
    dimensions: dimensionValues[index] as Record<PapiDimension, number | null>,
    dimensionGroups: Object.fromEntries(
      PAPI_DIMENSIONS.map((dimension) => [dimension, groupsByDimension[dimension][index] ?? null]),
    ) as Record<PapiDimension, PapiGroup | null>,
    dimensionRanks: Object.fromEntries(
      PAPI_DIMENSIONS.map((dimension) => [dimension, ranksByDimension[dimension][index] ?? null]),
    ) as Record<PapiDimension, number | null>,
  }));
}
