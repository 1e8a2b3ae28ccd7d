/**
 * Indicators roll up as counts, never as averaged percentages: a province's on-time rate is the sum of
 * on-time dossiers over the sum of finished dossiers of its units, not the mean of their rates.
 */
export interface RatioValue {
  numerator: number;
  denominator: number;
}

export function sumRatios(values: Iterable<RatioValue>): RatioValue {
  let numerator = 0;
  let denominator = 0;
  for (const value of values) {
    numerator += value.numerator;
    denominator += value.denominator;
  }
  return { numerator, denominator };
}

/** The rate in % (null when nothing was counted). */
export function ratePercent(value: RatioValue): number | null {
  return value.denominator === 0 ? null : (value.numerator / value.denominator) * 100;
}

/** Rolls unit values up a tree given each unit's parent: every ancestor gets the sum of its subtree. */
export function rollUpTree(
  values: ReadonlyMap<number, RatioValue>,
  parentOf: (unitId: number) => number | null,
): Map<number, RatioValue> {
  const totals = new Map<number, RatioValue>();
  for (const [unitId, value] of values) {
    let current: number | null = unitId;
    const seen = new Set<number>();
    while (current !== null && !seen.has(current)) {
      seen.add(current);
      const total = totals.get(current) ?? { numerator: 0, denominator: 0 };
      totals.set(current, {
        numerator: total.numerator + value.numerator,
        denominator: total.denominator + value.denominator,
      });
      current = parentOf(current);
    }
  }
  return totals;
}
