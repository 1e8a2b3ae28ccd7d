import { quartersOfPeriod } from '../indicators/quarters.ts';
import { parsePeriod } from '../periods/periods.ts';

/**
 * The periods the national view offers: each quarter any province has data for, and the halves and
 * years they make up; newest year first, and in a year its quarters, then halves, then the year
 * (newest first inside each kind).
 */
export function nationalPeriods(codesWithData: Iterable<string>): string[] {
  const quarters = new Set<string>();
  for (const code of codesWithData) {
    const period = parsePeriod(code);
    if (period?.kind === 'quarter') quarters.add(period.code);
  }
  const years = [...new Set([...quarters].map((code) => Number(code.slice(0, 4))))].sort((a, b) => b - a);
  return years.flatMap((year) => {
    const ofYear = [4, 3, 2, 1].map((q) => `${year}Q${q}`).filter((code) => quarters.has(code));
    const halves = [2, 1]
      .map((half) => `${year}S${half}`)
      .filter((code) => quartersOfPeriod(code).some((quarter) => quarters.has(quarter)));
    return [...ofYear, ...halves, String(year)];
  });
}

/** The quarter a day (ISO) falls in: the period shown when no province has data yet. */
export function quarterOf(isoDate: string): string {
  const month = Number(isoDate.slice(5, 7));
  return `${isoDate.slice(0, 4)}Q${Math.ceil(month / 3)}`;
}
