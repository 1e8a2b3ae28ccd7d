import { AppError, msg } from '../errors.ts';
import { compareLevers, leversOn, type TypicalGains } from './levers.ts';
import { PAPI_DIMENSIONS, type PapiDimension, type PapiGroup } from './papi.ts';
import { type PapiSimulation, type PapiYearScores, simulateOn, simulationBase } from './simulator.ts';

/**
 * The reverse of the simulator: the dimension increases that take a province to a rank or a group.
 *
 * A greedy search in steps of 0.01 point. First within what provinces achieve in a year (each dimension
 * up to its typical yearly gain): the dimensions where a point buys most ranks first, then those with the
 * largest typical gain, one dimension filled before the next, so the plan names few dimensions. When that
 * is not enough, beyond the typical gains: each step goes to the dimension least stretched past its
 * typical gain (increase ÷ typical gain), so the excess is shared in proportion to what provinces achieve.
 * Scores stay within the scale (at most 10 a dimension). It stops at the first step that reaches the
 * target, so taking 0.01 off any change falls short of it.
 */
export type PapiTarget = { rank: number } | { group: PapiGroup };

export interface TargetChange {
  dimension: PapiDimension;
  delta: number;
  typicalYearlyGain: number | null;
  /** The part of `delta` past the typical yearly gain (0 within it). */
  beyondTypical: number;
}

export interface TargetPlan {
  target: PapiTarget;
  /** The province already stands at or above the target: no change needed. */
  alreadyMet: boolean;
  /** False only when even every dimension at its maximum does not reach the target. */
  reached: boolean;
  /** Every change within its dimension's typical yearly gain. */
  withinTypicalGains: boolean;
  totalIncrease: number;
  /** The dimensions raised, in code order. */
  changes: TargetChange[];
  /** The simulation with the changes applied. */
  simulation: PapiSimulation;
}

const STEP = 0.01;
const steps = (points: number) => Math.max(0, Math.floor(points / STEP + 1e-9));
const points = (count: number) => Math.round(count) / 100;

function checkedTarget(target: PapiTarget, ranked: number): PapiTarget {
  if ('rank' in target) {
    if (!Number.isInteger(target.rank) || target.rank < 1 || target.rank > ranked)
      throw new AppError(
        'VALIDATION_FAILED',
        msg(
          `Thứ hạng mục tiêu phải là số nguyên từ 1 đến ${ranked}.`,
          `The target rank must be a whole number from 1 to ${ranked}.`,
        ),
      );
  } else if (![1, 2, 3, 4].includes(target.group))
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        'Nhóm mục tiêu phải là 1 (cao nhất), 2, 3 hoặc 4 (thấp nhất).',
        'The target group must be 1 (highest), 2, 3 or 4 (lowest).',
      ),
    );
  return target;
}

export function smallestChangesFor(
  scores: PapiYearScores,
  provinceCode: string,
  target: PapiTarget,
  gains: TypicalGains,
): TargetPlan {
  const base = simulationBase(scores, provinceCode);
  const ranked = base.results.filter((result) => result.total !== null).length;
  checkedTarget(target, ranked);
  const isMet = (simulation: PapiSimulation) =>
    'rank' in target ? simulation.rankAfter <= target.rank : simulation.groupAfter <= target.group;
  const order = leversOn(base, gains)
    .sort(compareLevers)
    .map((lever) => lever.dimension);
  const room = Object.fromEntries(
    PAPI_DIMENSIONS.map((dimension) => [
      dimension,
      steps((scores.scales[dimension]?.max ?? 10) - (base.result.dimensions[dimension] as number)),
    ]),
  ) as Record<PapiDimension, number>;
  const typical = Object.fromEntries(
    PAPI_DIMENSIONS.map((dimension) => [dimension, Math.min(steps(gains[dimension] ?? 0), room[dimension])]),
  ) as Record<PapiDimension, number>;
  const taken = Object.fromEntries(PAPI_DIMENSIONS.map((dimension) => [dimension, 0])) as Record<
    PapiDimension,
    number
  >;
  const changes = () =>
    PAPI_DIMENSIONS.filter((dimension) => taken[dimension] > 0).map((dimension) => ({
      code: dimension,
      delta: points(taken[dimension]),
    }));
  // Increase ÷ typical gain after one more step; a dimension no province gains on is stretched most.
  const stretch = (dimension: PapiDimension) => {
    const gain = gains[dimension];
    return gain !== null && gain > 0 ? points(taken[dimension] + 1) / gain : Number.POSITIVE_INFINITY;
  };

  let simulation = simulateOn(base, []);
  const alreadyMet = isMet(simulation);
  while (!isMet(simulation)) {
    const next =
      order.find((dimension) => taken[dimension] < typical[dimension]) ??
      order
        .filter((dimension) => taken[dimension] < room[dimension])
        .reduce<PapiDimension | undefined>(
          (best, dimension) => (best === undefined || stretch(dimension) < stretch(best) ? dimension : best),
          undefined,
        );
    if (next === undefined) break;
    taken[next] += 1;
    simulation = simulateOn(base, changes());
  }

  const planned = PAPI_DIMENSIONS.filter((dimension) => taken[dimension] > 0).map((dimension) => {
    const gain = gains[dimension];
    const delta = points(taken[dimension]);
    return {
      dimension,
      delta,
      typicalYearlyGain: gain === null ? null : Math.round(gain * 10_000) / 10_000,
      beyondTypical: Math.max(0, points(taken[dimension] - Math.min(taken[dimension], typical[dimension]))),
    };
  });
  return {
    target,
    alreadyMet,
    reached: isMet(simulation),
    withinTypicalGains: planned.every((change) => change.beyondTypical === 0),
    totalIncrease: points(PAPI_DIMENSIONS.reduce((sum, dimension) => sum + taken[dimension], 0)),
    changes: planned,
    simulation,
  };
}
