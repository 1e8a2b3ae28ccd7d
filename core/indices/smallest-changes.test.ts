import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gains, rows, scoresOf, years } from '../../tests/papi-shipped.ts';
import { AppError } from '../errors.ts';
import { type PapiYearScores, simulate } from './simulator.ts';
import { type PapiTarget, smallestChangesFor, type TargetPlan } from './smallest-changes.ts';

const isMet = (target: PapiTarget, result: { rankAfter: number; groupAfter: number }) =>
  'rank' in target ? result.rankAfter <= target.rank : result.groupAfter <= target.group;

/** The plan's changes reach the target, and 0.01 less on any of them does not. */
function expectSmallestReaching(scores: PapiYearScores, provinceCode: string, plan: TargetPlan) {
  const changes = plan.changes.map((change) => ({ code: change.dimension, delta: change.delta }));
  expect(isMet(plan.target, simulate(scores, provinceCode, changes))).toBe(true);
  for (const [index, change] of changes.entries()) {
    const less = changes.map((other, k) => (k === index ? { ...other, delta: change.delta - 0.01 } : other));
    expect(isMet(plan.target, simulate(scores, provinceCode, less))).toBe(false);
  }
}

describe('the smallest changes for a target', () => {
  it('Hưng Yên 2024 to rank 10: 0.79 point, on the dimensions provinces gain most on, within a year', () => {
    const scores = scoresOf(2024);
    const plan = smallestChangesFor(scores, '33', { rank: 10 }, gains);
    expect(plan).toMatchObject({
      alreadyMet: false,
      reached: true,
      withinTypicalGains: true,
      totalIncrease: 0.79,
      // Public services gain most in a year (0.736), then control of corruption (0.6454).
      changes: [
        { dimension: 'PAPI.4', delta: 0.06, typicalYearlyGain: 0.6454, beyondTypical: 0 },
        { dimension: 'PAPI.6', delta: 0.73, typicalYearlyGain: 0.736, beyondTypical: 0 },
      ],
      simulation: { rankBefore: 19, rankAfter: 10, groupAfter: 1 },
    });
    expectSmallestReaching(scores, '33', plan);
  });

  it('Hưng Yên 2024 to the top group: 0.29 point (16th of 61 is the top quartile)', () => {
    const scores = scoresOf(2024);
    const plan = smallestChangesFor(scores, '33', { group: 1 }, gains);
    expect(plan).toMatchObject({
      totalIncrease: 0.29,
      changes: [{ dimension: 'PAPI.6', delta: 0.29 }],
      simulation: { rankAfter: 16, groupAfter: 1 },
    });
    expectSmallestReaching(scores, '33', plan);
  });

  it('beyond what provinces gain in a year, says so and shares the excess in proportion to the typical gains', () => {
    const scores = scoresOf(2024);
    // Lâm Đồng, 54th with 41.0179, to first (Quảng Ninh, 47.8212).
    const plan = smallestChangesFor(scores, '68', { rank: 1 }, gains);
    expect(plan).toMatchObject({ reached: true, withinTypicalGains: false, totalIncrease: 6.81 });
    expect(plan.changes).toHaveLength(8);
    for (const change of plan.changes) {
      expect(change.beyondTypical).toBeGreaterThan(0);
      // Each dimension stretched to about the same multiple of its typical gain (1.9×).
      expect(change.delta / (change.typicalYearlyGain ?? 1)).toBeGreaterThan(1.85);
      expect(change.delta / (change.typicalYearlyGain ?? 1)).toBeLessThan(1.95);
    }
    expect(plan.simulation.rankAfter).toBe(1);
    expectSmallestReaching(scores, '68', plan);
  });

  it('needs nothing when the province already stands there', () => {
    const plan = smallestChangesFor(scoresOf(2024), '33', { rank: 25 }, gains);
    expect(plan).toMatchObject({ alreadyMet: true, reached: true, totalIncrease: 0, changes: [] });
    expect(smallestChangesFor(scoresOf(2024), '33', { group: 2 }, gains).changes).toEqual([]);
  });

  it('says when a target cannot be reached even at the top of every scale', () => {
    const scores = scoresOf(2024);
    const capped = {
      ...scores,
      scales: Object.fromEntries(
        Object.entries(scores.scales).map(([code, scale]) => [
          code,
          code.split('.').length === 2 ? { min: 1, max: 4.5 } : scale,
        ]),
      ),
    };
    const plan = smallestChangesFor(capped, '33', { rank: 1 }, gains);
    expect(plan.reached).toBe(false);
    expect(plan.simulation.rankAfter).toBeGreaterThan(1);
    // With a (made-up) ceiling of 4.5 a dimension, Hưng Yên's three below it (4.37, 3.58, 3.43) raised
    // to it bring 2.11 points: 46.51, past Thái Nguyên (46.35), short of Bình Thuận (47.13): 4th.
    expect(plan.changes.map((change) => [change.dimension, change.delta])).toEqual([
      ['PAPI.3', 0.13],
      ['PAPI.7', 0.91],
      ['PAPI.8', 1.07],
    ]);
    expect(plan.simulation.rankAfter).toBe(4);
  });

  it('refuses a rank outside the ranking and a group other than 1–4', () => {
    const refused = (target: PapiTarget) => {
      try {
        smallestChangesFor(scoresOf(2024), '33', target, gains);
      } catch (error) {
        return error instanceof AppError ? error.text.vi : 'other';
      }
      return 'accepted';
    };
    expect(refused({ rank: 0 })).toBe('Thứ hạng mục tiêu phải là số nguyên từ 1 đến 61.');
    expect(refused({ rank: 62 })).toBe('Thứ hạng mục tiêu phải là số nguyên từ 1 đến 61.');
    expect(refused({ rank: 2.5 })).toBe('Thứ hạng mục tiêu phải là số nguyên từ 1 đến 61.');
    expect(refused({ group: 5 as 1 })).toBe('Nhóm mục tiêu phải là 1 (cao nhất), 2, 3 hoặc 4 (thấp nhất).');
  });

  it('reaches any rank or group of any year, smallest to 0.01, deterministically (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...years).chain((year) =>
          fc.record({
            year: fc.constant(year),
            province: fc.constantFrom(
              ...rows
                .filter((row) => row.year === year && row.published.rank !== null)
                .map((row) => row.unitCode),
            ),
            target: fc.oneof(
              fc.integer({ min: 1, max: 60 }).map((rank) => ({ rank })),
              fc.constantFrom(1, 2, 3, 4).map((group) => ({ group }) as PapiTarget),
            ),
          }),
        ),
        ({ year, province, target }) => {
          const scores = scoresOf(year);
          const plan = smallestChangesFor(scores, province, target, gains);
          expect(plan.reached).toBe(true);
          expect(plan.alreadyMet).toBe(isMet(target, simulate(scores, province, [])));
          expectSmallestReaching(scores, province, plan);
          expect(plan.withinTypicalGains).toBe(
            plan.changes.every((change) => change.delta <= (change.typicalYearlyGain ?? 0) + 1e-9),
          );
          expect(smallestChangesFor(scores, province, target, gains)).toEqual(plan);
        },
      ),
      { numRuns: 60 },
    );
  });
});
