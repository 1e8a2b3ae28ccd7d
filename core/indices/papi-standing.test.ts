import { describe, expect, it } from 'vitest';
import { pointsToGroup } from './papi-standing.ts';

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
