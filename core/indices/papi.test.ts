import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePapi, PAPI_DIMENSIONS, quartileGroups, rankDescending } from './papi.ts';
import { parsePapiTable } from './papi-data.ts';

const rows = parsePapiTable(
  readFileSync(
    new URL('../../reference/papi/papi_2018_2024_subdimensions_dimensions.csv', import.meta.url),
    'utf8',
  ),
);
const years = [...new Set(rows.map((row) => row.year))];

describe('PAPI results computed from the sub-dimensions', () => {
  it('has 63 provinces for every year 2018–2024', () => {
    expect(years).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    for (const year of years) expect(rows.filter((row) => row.year === year)).toHaveLength(63);
  });

  it.each(years)(
    '%i: dimensions, totals and ranks equal the published ones; missing stays missing',
    (year) => {
      const input = rows.filter((row) => row.year === year);
      const results = computePapi(year, input);
      results.forEach((result, index) => {
        const published = input[index]?.published;
        PAPI_DIMENSIONS.forEach((dimension, k) => {
          const expected = published?.dimensions[k] ?? null;
          if (expected === null) expect(result.dimensions[dimension]).toBeNull();
          else expect(result.dimensions[dimension]).toBeCloseTo(expected, 4);
        });
        if (published?.total === null) {
          expect(result.total).toBeNull();
          expect(result.rank).toBeNull();
          expect(result.group).toBeNull();
        } else {
          expect(result.total).toBeCloseTo(published?.total ?? Number.NaN, 4);
          expect(result.rank).toBe(published?.rank);
        }
      });
    },
  );

  it('2020: Quảng Ninh first with 48.8114, in the best group', () => {
    const results = computePapi(
      2020,
      rows.filter((row) => row.year === 2020),
    );
    const quangNinh = results.find((result) => result.unit === 'Quảng Ninh');
    expect(quangNinh).toMatchObject({ unitCode: '22', rank: 1, group: 1 });
    expect(quangNinh?.total).toBeCloseTo(48.8114, 4);
  });

  it('ranks every province on each dimension, consistent with the dimension scores', () => {
    const results = computePapi(
      2020,
      rows.filter((row) => row.year === 2020),
    );
    for (const dimension of ['PAPI.1', 'PAPI.5', 'PAPI.8'] as const) {
      const best = results.filter((result) => result.dimensionRanks[dimension] === 1);
      const top = Math.max(
        ...results.map((result) => result.dimensions[dimension] ?? Number.NEGATIVE_INFINITY),
      );
      expect(best.length).toBeGreaterThan(0);
      for (const result of best) expect(result.dimensions[dimension]).toBe(top);
      const ranked = results
        .filter((result) => result.dimensionRanks[dimension] !== null)
        .sort((a, b) => (a.dimensionRanks[dimension] ?? 0) - (b.dimensionRanks[dimension] ?? 0));
      for (let i = 1; i < ranked.length; i++)
        expect(ranked[i]?.dimensions[dimension] ?? 0).toBeLessThanOrEqual(
          ranked[i - 1]?.dimensions[dimension] ?? 0,
        );
    }
  });

  it('2023: Quảng Ninh and Bình Dương are not ranked, as published', () => {
    const results = computePapi(
      2023,
      rows.filter((row) => row.year === 2023),
    );
    const unranked = results.filter((result) => result.rank === null).map((result) => result.unit);
    expect(unranked.sort()).toEqual(['Bình Dương', 'Quảng Ninh']);
  });
});

describe('ranks and groups', () => {
  it('ties share a rank and the next rank is skipped', () => {
    expect(rankDescending([40, 45, 45, null, 30])).toEqual([3, 1, 1, null, 4]);
  });

  it('groups split the scored provinces by quartile, best first', () => {
    const values = Array.from({ length: 8 }, (_, i) => i + 1);
    expect(quartileGroups(values)).toEqual([4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('raising one province never lowers its rank or group (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 10, max: 80, noNaN: true }), { minLength: 2, maxLength: 70 }),
        fc.nat(),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (values, pick, raise) => {
          const index = pick % values.length;
          const raised = values.map((value, i) => (i === index ? value + raise : value));
          expect(rankDescending(raised)[index] ?? 0).toBeLessThanOrEqual(rankDescending(values)[index] ?? 0);
          expect(quartileGroups(raised)[index] ?? 0).toBeLessThanOrEqual(quartileGroups(values)[index] ?? 0);
        },
      ),
    );
  });
});
