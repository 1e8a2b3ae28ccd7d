/** The calendar span of a survey period (a quarter, a half or a year, in Việt Nam's time) and the one before it. */
import { type Period, parsePeriod } from '../periods/periods.ts';

export const SURVEY_PERIOD_KINDS = ['quarter', 'half', 'year'] as const;

/** A quarter, half or year code ("2026Q3", "2026S2", "2026"), or null. */
export function surveyPeriod(code: string): Period | null {
  const period = parsePeriod(code);
  return period && period.kind !== 'month' ? period : null;
}

/** From the first day's midnight to the day after the last, in Việt Nam (UTC+7). */
export function periodSpan(period: Period): { from: Date; to: Date } {
  const pad = (n: number) => String(n).padStart(2, '0');
  const from = new Date(`${period.year}-${pad(period.firstMonth)}-01T00:00:00+07:00`);
  const after =
    period.lastMonth === 12 ? `${period.year + 1}-01-01` : `${period.year}-${pad(period.lastMonth + 1)}-01`;
  return { from, to: new Date(`${after}T00:00:00+07:00`) };
}

/** The period of the same length just before: 2026Q1 → 2025Q4, 2026S1 → 2025S2, 2026 → 2025. */
export function previousPeriod(period: Period): Period {
  const code =
    period.kind === 'quarter'
      ? period.index === 1
        ? `${period.year - 1}Q4`
        : `${period.year}Q${period.index - 1}`
      : period.kind === 'half'
        ? period.index === 1
          ? `${period.year - 1}S2`
          : `${period.year}S1`
        : String(period.year - 1);
  return parsePeriod(code) as Period;
}

/** The quarters a period spans ("2026S1" → 2026Q1, 2026Q2): the dossier roll-ups' periods. */
export function quartersOf(period: Period): string[] {
  const first = Math.ceil(period.firstMonth / 3);
  const last = Math.ceil(period.lastMonth / 3);
  return Array.from({ length: last - first + 1 }, (_, i) => `${period.year}Q${first + i}`);
}

/** The same quarter, half or year one year earlier: 2026Q3 → 2025Q3. */
export function samePeriodYearBefore(period: Period): Period {
  return parsePeriod(`${period.year - 1}${period.code.slice(4)}`) as Period;
}
