/**
 * PAPI as its publishers compute it: a dimension is the sum of that year's sub-dimensions, the total
 * is the unweighted sum of the eight dimensions, provinces are ranked on the total (ties share a rank),
 * and each dimension and the total sort provinces into four groups by quartile. A province missing any
 * expected value gets no dimension, no total and no rank, exactly as published.
 */
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

/** 1 best (≥ 75th percentile), 2 high-average, 3 low-average, 4 poorest (< 25th percentile). */
export type PapiGroup = 1 | 2 | 3 | 4;

export interface ProvinceResult {
  unit: string;
  unitCode: string;
  total: number | null;
  rank: number | null;
  group: PapiGroup | null;
  dimensions: Record<PapiDimension, number | null>;
  dimensionGroups: Record<PapiDimension, PapiGroup | null>;
}

function sumOrNull(values: (number | null | undefined)[]): number | null {
  let sum = 0;
  for (const value of values) {
    if (value === null || value === undefined || Number.isNaN(value)) return null;
    sum += value;
  }
  return sum;
}

/** Percentile with linear interpolation between closest ranks (Excel PERCENTILE.INC). */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const position = (sortedAscending.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sortedAscending[lower] ?? Number.NaN;
  const b = sortedAscending[upper] ?? Number.NaN;
  return a + (b - a) * (position - lower);
}

/** Groups by quartile over the scored values. */
export function quartileGroups(values: readonly (number | null)[]): (PapiGroup | null)[] {
  const scored = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  const [q1, q2, q3] = [0.25, 0.5, 0.75].map((p) => percentile(scored, p)) as [number, number, number];
  return values.map((value) => {
    if (value === null) return null;
    if (value >= q3) return 1;
    if (value >= q2) return 2;
    if (value >= q1) return 3;
    return 4;
  });
}

/** Competition ranking, highest first: equal values share a rank and the next rank is skipped (1, 2, 2, 4). */
export function rankDescending(values: readonly (number | null)[], tolerance = 1e-9): (number | null)[] {
  return values.map((value) => {
    if (value === null) return null;
    return 1 + values.filter((other) => other !== null && other > value + tolerance).length;
  });
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
  }));
}
