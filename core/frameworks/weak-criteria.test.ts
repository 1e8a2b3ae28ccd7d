import { describe, expect, it } from 'vitest';
import type { UnitScore } from './scoring.ts';
import { leafMaxima, weakCriteria } from './weak-criteria.ts';

/** A unit's result as scoreRound gives it, written by hand: its leaf scores out of these maxima. */
const MAXIMA = { 'A.1': 2, 'A.2': 3, 'B.1': 5 } as const;
function unit(
  unitId: number,
  scores: Partial<Record<keyof typeof MAXIMA, number>>,
  participating = true,
): UnitScore {
  const full = { ...MAXIMA, ...scores };
  const gaps = (Object.keys(MAXIMA) as (keyof typeof MAXIMA)[])
    .filter((code) => full[code] < MAXIMA[code])
    .map((code) => ({
      code,
      nameVi: `Tiêu chí ${code}`,
      score: full[code],
      maxPoints: MAXIMA[code],
      lost: MAXIMA[code] - full[code],
    }))
    .sort((a, b) => b.lost - a.lost);
  const total = Object.values(full).reduce((a, b) => a + b, 0);
  return {
    unitId,
    scores: full,
    base: total,
    bonus: 0,
    penalty: 0,
    total,
    maximum: 10,
    percent: total * 10,
    band: null,
    rank: null,
    participating,
    gaps,
  };
}

const maxima = new Map(Object.entries(MAXIMA));

describe('weak criteria of a round', () => {
  it('lists each unit’s criteria below full marks with last year’s score, and counts units and points per criterion', () => {
    const now = [
      unit(1, { 'A.2': 1, 'B.1': 4 }),
      unit(2, { 'A.2': 2.5 }),
      unit(3, {}),
      unit(4, { 'A.1': 0 }, false),
    ];
    const before = [unit(1, { 'A.2': 0 }), unit(2, { 'A.2': 1, 'B.1': 3 }), unit(3, { 'A.1': 1 })];
    const { units, criteria } = weakCriteria(now, { results: before, maxima }, () => []);
    expect(units).toEqual([
      {
        unitId: 1,
        gaps: [
          { code: 'A.2', nameVi: 'Tiêu chí A.2', score: 1, maxPoints: 3, lost: 2, previousScore: 0 },
          { code: 'B.1', nameVi: 'Tiêu chí B.1', score: 4, maxPoints: 5, lost: 1, previousScore: 5 },
        ],
      },
      {
        unitId: 2,
        gaps: [
          { code: 'A.2', nameVi: 'Tiêu chí A.2', score: 2.5, maxPoints: 3, lost: 0.5, previousScore: 1 },
        ],
      },
      { unitId: 3, gaps: [] },
    ]);
    // A.2: two units, 2,5 points now; last year units 1 and 2 were below its 3 points, unit 3 had them.
    expect(criteria).toEqual([
      { code: 'A.2', nameVi: 'Tiêu chí A.2', maxPoints: 3, units: 2, lost: 2.5, previousUnits: 2 },
      { code: 'B.1', nameVi: 'Tiêu chí B.1', maxPoints: 5, units: 1, lost: 1, previousUnits: 1 },
    ]);
  });

  it('compares a merged unit with its predecessors’ mean, and a criterion whose maximum changed with nothing', () => {
    const now = [unit(10, { 'A.2': 1, 'B.1': 2 })];
    const before = [unit(7, { 'A.2': 0 }), unit(8, { 'A.2': 2 })];
    const changedMaxima = new Map([...maxima, ['B.1', 4]]);
    const { units, criteria } = weakCriteria(now, { results: before, maxima: changedMaxima }, (id) =>
      id === 10 ? [7, 8] : [],
    );
    expect(units[0]?.gaps.map((gap) => [gap.code, gap.previousScore])).toEqual([
      ['B.1', null],
      ['A.2', 1],
    ]);
    expect(criteria.map((criterion) => [criterion.code, criterion.previousUnits])).toEqual([
      ['B.1', null],
      ['A.2', 2],
    ]);
  });

  it('has no earlier figures without a previous round', () => {
    const { units, criteria } = weakCriteria([unit(1, { 'A.1': 1 })], null, () => []);
    expect(units[0]?.gaps[0]?.previousScore).toBeNull();
    expect(criteria[0]?.previousUnits).toBeNull();
  });

  it('reads a framework’s leaf maxima through its tree', () => {
    expect(
      leafMaxima([
        {
          code: 'A',
          nameVi: 'A',
          maxPoints: 5,
          children: [
            { code: 'A.1', nameVi: 'A.1', maxPoints: 2 },
            { code: 'A.2', nameVi: 'A.2', maxPoints: 3 },
          ],
        },
        { code: 'B', nameVi: 'B', maxPoints: 5 },
      ] as never),
    ).toEqual(
      new Map([
        ['A.1', 2],
        ['A.2', 3],
        ['B', 5],
      ]),
    );
  });
});
