import { parsePeriod } from '../periods/periods.ts';

/** The `count` quarter codes ending at `code` ("2026Q1", 8 → 2024Q2 … 2026Q1), oldest first. */
export function quartersEndingAt(code: string, count: number): string[] {
  const period = parsePeriod(code);
  if (period?.kind !== 'quarter') throw new Error(`not a quarter: ${code}`);
  const last = period.year * 4 + (period.index - 1);
  return Array.from({ length: count }, (_, i) => {
    const n = last - (count - 1 - i);
    return `${Math.floor(n / 4)}Q${(n % 4) + 1}`;
  });
}

/** The quarters a period's dossier figures add up from: a quarter itself, a half's two, a year's four. */
export function quartersOfPeriod(code: string): string[] {
  const period = parsePeriod(code);
  if (!period || period.kind === 'month') return [];
  const first = Math.ceil(period.firstMonth / 3);
  const last = Math.ceil(period.lastMonth / 3);
  return Array.from({ length: last - first + 1 }, (_, i) => `${period.year}Q${first + i}`);
}

export function isQuarterCode(code: string): boolean {
  return parsePeriod(code)?.kind === 'quarter';
}
