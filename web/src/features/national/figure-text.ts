import { formatCount, formatRate } from '../indicators/format.ts';
import type { NationalIndicatorView } from './api.ts';

interface Figure {
  numerator: number;
  denominator: number | null;
  value: number | null;
}

/** A figure as read: a ratio "89,7%" (or "—" with nothing under it), a count "1.500". */
export function figureText(indicator: NationalIndicatorView, figure: Figure | undefined): string {
  if (!figure) return '—';
  return indicator.kind === 'ratio' ? formatRate(figure.value) : formatCount(figure.value ?? 0);
}

/** "435 / 485" for a ratio; a count is its own number. */
export function fractionText(figure: Figure | undefined): string {
  if (!figure) return '—';
  return figure.denominator === null
    ? formatCount(figure.numerator)
    : `${formatCount(figure.numerator)} / ${formatCount(figure.denominator)}`;
}

/** How full a bar is drawn (0–100): a rate as it is, a count against the largest of the rows. */
export function barPercent(
  indicator: NationalIndicatorView,
  figure: Figure | undefined,
  largest: number,
): number {
  const value = figure?.value ?? 0;
  if (indicator.kind === 'ratio') return Math.max(0, Math.min(100, value));
  return largest > 0 ? (value / largest) * 100 : 0;
}
