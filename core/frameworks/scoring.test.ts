import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS, type Framework, walkCriteria } from './framework.ts';
import { averageScores, scoreRound, scoreUnit, yearOnYear } from './scoring.ts';

const framework: Framework = {
  code: 'XA_2026',
  nameVi: 'Chỉ số CCHC cấp xã',
  nameEn: 'Commune PAR index',
  fromYear: 2026,
  toYear: 2026,
  status: 'confirmed',
  source: 'test',
  unit: 'points',
  grouping: 'bands',
  bands: DEFAULT_BANDS,
  criteria: [
    {
      code: 'X.1',
      nameVi: 'Chỉ đạo, điều hành',
      maxPoints: 20,
      method: 'manual',
      children: [
        { code: 'X.1.1', nameVi: 'Kế hoạch', maxPoints: 8, method: 'manual' },
        { code: 'X.1.2', nameVi: 'Báo cáo', maxPoints: 12, method: 'manual' },
      ],
    },
    {
      code: 'X.2',
      nameVi: 'Thủ tục hành chính',
      maxPoints: 80,
      method: 'manual',
      children: [
        { code: 'X.2.1', nameVi: 'Công khai', maxPoints: 30, method: 'manual' },
        { code: 'X.2.2', nameVi: 'Đúng hạn', maxPoints: 50, method: 'manual' },
      ],
    },
  ],
};
const RULES = { bonusCap: 5, penaltyCap: 10 };
const leafCodes = walkCriteria(framework.criteria)
  .filter((entry) => !entry.criterion.children)
  .map((entry) => entry.criterion);
const maxOf = (code: string) => leafCodes.find((leaf) => leaf.code === code)?.maxPoints ?? 0;

const leavesArbitrary = fc.record(
  Object.fromEntries(
    leafCodes.map((leaf) => [leaf.code, fc.double({ min: -5, max: (leaf.maxPoints ?? 0) + 5, noNaN: true })]),
  ) as Record<string, fc.Arbitrary<number>>,
);

describe('scoring engine', () => {
  it('totals, % of maximum, band and the gap list ordered by points lost', () => {
    const result = scoreUnit(
      framework,
      1,
      { 'X.1.1': 8, 'X.1.2': 9, 'X.2.1': 30, 'X.2.2': 40 },
      { bonus: 2, penalty: 0 },
      RULES,
    );
    expect(result).toMatchObject({ base: 87, total: 89, maximum: 100, percent: 89, band: { label: 'Khá' } });
    expect(result.gaps.map((gap) => [gap.code, gap.lost])).toEqual([
      ['X.2.2', 10],
      ['X.1.2', 3],
    ]);
  });

  it('caps bonus and penalty and keeps the total within 0…maximum', () => {
    expect(
      scoreUnit(
        framework,
        1,
        { 'X.1.1': 8, 'X.1.2': 12, 'X.2.1': 30, 'X.2.2': 50 },
        { bonus: 50, penalty: 0 },
        RULES,
      ).total,
    ).toBe(100);
    expect(scoreUnit(framework, 1, { 'X.1.1': 1 }, { bonus: 0, penalty: 99 }, RULES)).toMatchObject({
      penalty: 10,
      total: 0,
    });
    expect(scoreUnit(framework, 1, { 'X.2.2': 60 }, { bonus: 3, penalty: 0 }, RULES)).toMatchObject({
      base: 50,
      bonus: 3,
      total: 53,
    });
  });

  it('the total equals the capped sum of the leaves (property)', () => {
    fc.assert(
      fc.property(leavesArbitrary, (leaves) => {
        const result = scoreUnit(framework, 1, leaves, { bonus: 0, penalty: 0 }, RULES);
        const expected = leafCodes.reduce(
          (sum, leaf) => sum + Math.min(maxOf(leaf.code), Math.max(0, leaves[leaf.code] ?? 0)),
          0,
        );
        expect(result.total).toBeCloseTo(expected, 9);
      }),
    );
  });

  it('raising one criterion never lowers the total or the rank (property)', () => {
    fc.assert(
      fc.property(
        fc.array(leavesArbitrary, { minLength: 2, maxLength: 30 }),
        fc.nat(),
        fc.constantFrom(...leafCodes.map((leaf) => leaf.code)),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (units, pick, code, raise) => {
          const index = pick % units.length;
          const before = scoreRound(
            framework,
            units.map((leaves, unitId) => ({ unitId, leaves })),
            RULES,
          );
          const raised = units.map((leaves, unitId) => ({
            unitId,
            leaves: unitId === index ? { ...leaves, [code]: (leaves[code] ?? 0) + raise } : leaves,
          }));
          const after = scoreRound(framework, raised, RULES);
          expect(after[index]?.total ?? 0).toBeGreaterThanOrEqual(before[index]?.total ?? 0);
          expect(after[index]?.rank ?? 0).toBeLessThanOrEqual(before[index]?.rank ?? 0);
        },
      ),
    );
  });

  it('ranks with ties and follows successors for year-on-year change', () => {
    const results = scoreRound(
      framework,
      [
        { unitId: 1, leaves: { 'X.2.2': 50 } },
        { unitId: 2, leaves: { 'X.2.2': 50 } },
        { unitId: 3, leaves: { 'X.2.2': 10 } },
      ],
      RULES,
    );
    expect(results.map((result) => result.rank)).toEqual([1, 1, 3]);
    const change = yearOnYear(
      new Map([
        [10, 90],
        [11, 70],
      ]),
      new Map([
        [10, 85],
        [1, 60],
        [2, 80],
      ]),
      (id) => (id === 11 ? [1, 2] : []),
    );
    expect(change.get(10)).toBe(5);
    expect(change.get(11)).toBe(0);
  });

  // Three submitted units and two that never submitted (one of them typed scores and never sent them).
  const ROUND = [
    { unitId: 1, leaves: { 'X.1.1': 8, 'X.1.2': 12, 'X.2.1': 30, 'X.2.2': 40 } },
    { unitId: 2, leaves: { 'X.1.1': 4, 'X.2.1': 20, 'X.2.2': 50 }, adjustments: { bonus: 2, penalty: 0 } },
    { unitId: 3, leaves: { 'X.1.1': 8, 'X.2.1': 10 } },
    { unitId: 4, leaves: {}, submitted: false },
    {
      unitId: 5,
      leaves: { 'X.1.1': 8, 'X.2.2': 50 },
      submitted: false,
      adjustments: { bonus: 5, penalty: 0 },
    },
  ];

  it('leaves non-submitters out by default: no band, no rank, no weight in the averages', () => {
    const results = scoreRound(framework, ROUND, RULES);
    expect(
      results.map((result) => [result.unitId, result.total, result.rank, result.band?.label ?? null]),
    ).toEqual([
      [1, 90, 1, 'Tốt'],
      [2, 76, 2, 'Trung bình'],
      [3, 18, 3, 'Yếu'],
      [4, 0, null, null],
      [5, 0, null, null],
    ]);
    expect(results.map((result) => result.participating)).toEqual([true, true, true, false, false]);
    // (20 + 4 + 8) / 3 and (70 + 70 + 10) / 3: the two left out weigh nothing.
    const average = averageScores(results, ['X.1', 'X.2']);
    expect(average['X.1']).toBeCloseTo(32 / 3, 9);
    expect(average['X.2']).toBe(50);
  });

  it('under the explicit "zero" rule, non-submitters score 0 on nothing they typed and are ranked last', () => {
    const results = scoreRound(framework, ROUND, RULES, 'zero');
    expect(
      results.map((result) => [result.unitId, result.total, result.rank, result.band?.label ?? null]),
    ).toEqual([
      [1, 90, 1, 'Tốt'],
      [2, 76, 2, 'Trung bình'],
      [3, 18, 3, 'Yếu'],
      [4, 0, 4, 'Yếu'],
      [5, 0, 4, 'Yếu'],
    ]);
    expect(averageScores(results, ['X.1', 'X.2'])).toEqual({ 'X.1': 32 / 5, 'X.2': 30 });
  });

  it('a round where nobody submitted has no ranks and averages of 0, not NaN', () => {
    const results = scoreRound(framework, [{ unitId: 1, leaves: { 'X.1.1': 3 }, submitted: false }], RULES);
    expect(results[0]).toMatchObject({ rank: null, band: null, participating: false });
    expect(averageScores(results, ['X.1'])).toEqual({ 'X.1': 0 });
  });
});
