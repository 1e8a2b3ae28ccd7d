import { periodsToPick } from '../../core/periods/period-choices.ts';
import { todayOf } from '../clock.ts';
import { loadReportingCalendar } from './calendar-settings.ts';
import type { ReportContext } from './report-service.ts';

/** How many years back a period can be picked (the current one included). */
const YEARS_BACK = 5;

/**
 * The periods to pick in a year (today's by default) under the installation's reporting calendar, by
 * the injected clock: every month, quarter, half and the year that is open, due or overdue. The
 * calendar is the installation's, the same for every signed-in user: no record to check.
 */
export async function reportPeriods(ctx: ReportContext, options: { year?: number | undefined }) {
  const today = todayOf(ctx);
  const currentYear = Number(today.slice(0, 4));
  const year = options.year ?? currentYear;
  const calendar = await loadReportingCalendar(ctx.db);
  return {
    today,
    year,
    years: Array.from({ length: YEARS_BACK }, (_, back) => currentYear - back),
    periods: periodsToPick(year, today, calendar.regime, calendar.calendar),
  };
}
