/**
 * The periods a person can pick in a year on a given day: every month, quarter, half and the year
 * itself whose data window has opened — still open, closed and due, or overdue. What the period board,
 * the consolidated report and the reminders offer, so none of them forgets 6 tháng cuối năm or the year.
 */
import { type ReportWindow, reportWindow } from './calendar-settings.ts';
import {
  DEFAULT_REGIME,
  type Period,
  type PeriodKind,
  parsePeriod,
  type ReportingRegime,
} from './periods.ts';
import { workdayCalendar } from './workdays.ts';

/** open: data still being gathered; due: data closed, report not yet late; overdue: past its deadline. */
export type PeriodState = 'open' | 'due' | 'overdue';

export interface PeriodChoice extends ReportWindow {
  kind: PeriodKind;
  state: PeriodState;
}

/** Quarters first (the regime reports quarterly), then halves, the year, and months. */
const KIND_ORDER: readonly PeriodKind[] = ['quarter', 'half', 'year', 'month'];

function codesOf(year: number, kind: PeriodKind): string[] {
  if (kind === 'year') return [String(year)];
  if (kind === 'half') return [`${year}S1`, `${year}S2`];
  if (kind === 'quarter') return [1, 2, 3, 4].map((quarter) => `${year}Q${quarter}`);
  return Array.from({ length: 12 }, (_, i) => `${year}M${String(i + 1).padStart(2, '0')}`);
}

/** Every period of a year, open or not (a target may be set ahead): the year, halves, quarters, months, in order. */
export function periodsOfYear(year: number): Period[] {
  return (['year', 'half', 'quarter', 'month'] as const).flatMap((kind) =>
    codesOf(year, kind).flatMap((code) => parsePeriod(code) ?? []),
  );
}

/**
 * The periods of `year` open, due or overdue on `today` (ISO), grouped by kind (quarters, halves, year,
 * months), newest first inside each kind. The deadline is the province's internal one when it sets one.
 */
export function periodsToPick(
  year: number,
  today: string,
  regime: ReportingRegime = DEFAULT_REGIME,
  calendar: ReturnType<typeof workdayCalendar> = workdayCalendar(),
): PeriodChoice[] {
  return KIND_ORDER.flatMap((kind) =>
    codesOf(year, kind)
      .reverse()
      .flatMap((code) => {
        const period = parsePeriod(code);
        if (!period) return [];
        const window = reportWindow(period, regime, calendar);
        if (window.dataFrom > today) return [];
        const state: PeriodState =
          today <= window.dataTo ? 'open' : today <= window.deadline ? 'due' : 'overdue';
        return [{ ...window, kind, state }];
      }),
  );
}
