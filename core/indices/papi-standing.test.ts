import { describe, expect, it } from 'vitest';
import { rows, years } from '../../tests/papi-shipped.ts';
import { PAPI_DIMENSIONS, papiStructure } from './papi.ts';
import { pointsToGroup, provinceStanding } from './papi-standing.ts';

describe('pointsToGroup', () => {
  // Five totals: the quartile cuts move with the province that rises, so the answer is where it
  // becomes the cut itself, not the cut before it moved.
  const totals = [1, 2, 3, 4, 5];

  it('reaches the top group at the 4th total (the 75th percentile of five is the 4th value)', () => {
    expect(pointsToGroup(totals, 0, 1)).toBe(3);
  });

  it('reaches the upper middle group at the median, recomputed with the province in it', () => {
    expect(pointsToGroup(totals, 0, 2)).toBe(2);
  });

  it('costs nothing for a group already reached, and ignores provinces without a total', () => {
    expect(pointsToGroup(totals, 4, 1)).toBe(0);
    expect(pointsToGroup([1, null, 2, 3, 4, 5], 0, 1)).toBe(3);
  });

  it('rounds up to the 0.0001 PAPI prints, so that the points stated do reach the group', () => {
    expect(pointsToGroup([1.00004, 2, 3, 4, 5], 0, 1)).toBe(3);
  });
});

describe('a province’s standing on the sub-dimensions', () => {
  const standingOf = (year: number) =>
    provinceStanding(
      years.map((each) => ({ year: each, provinces: rows.filter((row) => row.year === each) })),
      year,
      '33',
    );

  it('lists the year’s sub-dimensions in order, each against the median, the top quartile and the best', () => {
    const standing = standingOf(2024);
    // 2024: 4 + 4 + 3 + 4 + 3 (5.2 dropped after 2020) + 4 + 3 + 3 sub-dimensions.
    expect(standing.subdimensions.map((sub) => sub.code)).toEqual(
      PAPI_DIMENSIONS.flatMap((dimension) => papiStructure(2024)[dimension]),
    );
    expect(standing.subdimensions).toHaveLength(28);
    const province = rows.find((row) => row.year === 2024 && row.unitCode === '33');
    const others = rows.filter((row) => row.year === 2024);
    for (const sub of standing.subdimensions) {
      const own = province?.subdimensions[sub.code] as number;
      const values = others
        .map((row) => row.subdimensions[sub.code])
        .filter((value) => typeof value === 'number');
      // By hand: one plus the provinces scoring higher; the best is the highest score.
      expect(sub.score, sub.code).toBeCloseTo(own, 4);
      expect(sub.rank, sub.code).toBe(1 + values.filter((value) => (value as number) > own + 1e-9).length);
      expect(sub.best.score, sub.code).toBeCloseTo(Math.max(...(values as number[])), 4);
    }
    // A dimension is the sum of its sub-dimensions.
    const fifth = standing.subdimensions.filter((sub) => sub.dimension === 'PAPI.5');
    expect(fifth.reduce((sum, sub) => sum + sub.score, 0)).toBeCloseTo(
      standing.dimensions['PAPI.5'].score,
      3,
    );
  });

  it('follows the methodology of the year: construction permits (5.2) still measured in 2020', () => {
    expect(standingOf(2020).subdimensions.some((sub) => sub.code === 'PAPI.5.2')).toBe(true);
    expect(standingOf(2024).subdimensions.some((sub) => sub.code === 'PAPI.5.2')).toBe(false);
  });
});
