import { describe, expect, it } from 'vitest';
import { type AreaInput, areaFigures } from '../../core/surveys/results-view.ts';
import { computeAreaFigures } from './area-figures.ts';
import { SMALL_SURVEY } from './survey-fixtures.ts';

/** Two communes under a province: A (/1/2/) 3 of 4 satisfied answers, B (/1/3/) 1 of 4; 100 and 300 dossiers. */
const input: AreaInput = {
  definition: SMALL_SURVEY,
  unit: { id: 1, name: 'Tỉnh', path: '/1/' },
  children: [
    { id: 2, name: 'Xã A', path: '/1/2/' },
    { id: 3, name: 'Xã B', path: '/1/3/' },
  ],
  included: [
    { unitId: 2, path: '/1/2/', answers: { q1: 5, q2: 4 } },
    { unitId: 2, path: '/1/2/', answers: { q1: 4, q2: 1 } },
    { unitId: 3, path: '/1/3/', answers: { q1: 1, q2: 2 } },
    { unitId: 3, path: '/1/3/', answers: { q1: 3, q2: 5 } },
  ],
  previous: [{ unitId: 2, answers: { q1: 2 } }],
  dossiers: [
    [2, { received: 100, path: '/1/2/' }],
    [3, { received: 300, path: '/1/3/' }],
  ],
};

describe('an area’s figures', () => {
  it('ranks the units below and weighs the area by their dossiers', () => {
    const figures = areaFigures(input);
    expect(figures.units.map((row) => [row.name, row.rank, row.unweighted.rate])).toEqual([
      ['Xã A', 1, 75],
      ['Xã B', 2, 25],
    ]);
    // (100 × 1.5 + 300 × 0.5) / (100 × 2 + 300 × 2) = 300 / 800.
    expect(figures.results.index.weighted?.rate).toBe(37.5);
    expect(figures.earlier.index.unweighted.rate).toBe(0);
  });

  it('are the same computed in a worker thread (as a large area is)', async () => {
    expect(await computeAreaFigures(input, 0)).toEqual(areaFigures(input));
  });
});
