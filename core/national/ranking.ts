import type { NationalFigure } from './national-indicators.ts';

export interface Ranked<T> {
  item: T;
  /** 1 = best; ties share a rank and the next rank skips ("1, 1, 3"); null when not ranked. */
  rank: number | null;
  /** Why it is not ranked (a ratio with nothing counted under it). */
  unranked: 'no_denominator' | null;
}

/**
 * Compares two figures exactly: ratios as cross products of their whole counts (0.1 + 0.2 never
 * breaks a tie), counts as they are. Negative when `a` is below `b`.
 */
function compareFigures(a: NationalFigure, b: NationalFigure): number {
  if (a.denominator === null || b.denominator === null) return a.numerator - b.numerator;
  return a.numerator * b.denominator - b.numerator * a.denominator;
}

/**
 * Items ranked on a figure, best first (`better`: which way is better); a ratio whose denominator is 0
 * is not ranked and comes last, saying so. Equal figures share the rank (standard competition ranking).
 */
export function rankByFigure<T>(
  items: readonly T[],
  figureOf: (item: T) => NationalFigure,
  better: 'higher' | 'lower',
): Ranked<T>[] {
  const rankable = items.filter((item) => figureOf(item).value !== null);
  const sign = better === 'higher' ? -1 : 1;
  const sorted = [...rankable].sort((a, b) => sign * compareFigures(figureOf(a), figureOf(b)));
  const ranked: Ranked<T>[] = [];
  sorted.forEach((item, index) => {
    const previous = ranked[index - 1];
    const tied = previous && compareFigures(figureOf(previous.item), figureOf(item)) === 0;
    ranked.push({ item, rank: tied ? (previous.rank as number) : index + 1, unranked: null });
  });
  for (const item of items)
    if (figureOf(item).value === null) ranked.push({ item, rank: null, unranked: 'no_denominator' });
  return ranked;
}
