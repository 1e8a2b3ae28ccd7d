/** Ranking and grouping shared by every index: competition ranks with ties, quartile groups. */

/** 1 best (≥ 75th percentile), 2 high-average, 3 low-average, 4 poorest (< 25th percentile). */
export type PapiGroup = 1 | 2 | 3 | 4;

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
  const order = values
    .map((value, index) => ({ value, index }))
    .filter((entry): entry is { value: number; index: number } => entry.value !== null)
    .sort((a, b) => b.value - a.value);
  const ranks: (number | null)[] = values.map(() => null);
  order.forEach((entry, position) => {
    const previous = order[position - 1];
    const previousRank = previous ? (ranks[previous.index] ?? null) : null;
    ranks[entry.index] =
      previous && previousRank !== null && previous.value - entry.value <= tolerance
        ? previousRank
        : position + 1;
  });
  return ranks;
}
