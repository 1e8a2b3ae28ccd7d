import type { z } from 'zod';
import { fieldError, msg } from '../../core/errors.ts';
import {
  DEFAULT_REGIME_SETTINGS,
  EMPTY_OVERRIDES,
  holidayOverridesSchema,
  type RegimeSettings,
  regimeOf,
  regimeSettingsSchema,
  reportWindow,
} from '../../core/periods/calendar-settings.ts';
import { parsePeriod } from '../../core/periods/periods.ts';
import { defaultHolidays, workdayCalendar } from '../../core/periods/workdays.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import type { DbOrTx } from '../db/engine.ts';
import { readSetting, type SettingsContext, settingVersion, writeSetting } from '../db/settings.ts';

const REGIME_KEY = 'reporting_regime';
const HOLIDAYS_KEY = 'holidays';

type Overrides = z.output<typeof holidayOverridesSchema>;

export const getRegimeSettings = (db: DbOrTx) =>
  readSetting<RegimeSettings>(db, REGIME_KEY, regimeSettingsSchema, DEFAULT_REGIME_SETTINGS);

export const getHolidayOverrides = (db: DbOrTx) =>
  readSetting<Overrides>(db, HOLIDAYS_KEY, holidayOverridesSchema, EMPTY_OVERRIDES);

/** The regime as its form shows it, with the version a save must carry. */
export async function regimeSettingsForm(db: DbOrTx) {
  return { ...(await getRegimeSettings(db)), version: await settingVersion(db, REGIME_KEY) };
}

export async function saveRegimeSettings(ctx: SettingsContext, input: RegimeSettings & { version: number }) {
  const { version, ...regime } = input;
  const saved = await writeSetting(ctx, REGIME_KEY, await getRegimeSettings(ctx.db), regime, version);
  return { ...regime, version: saved };
}

/** Records one year's official schedule; other years' entries are kept as they are. */
export async function saveYearHolidays(
  ctx: SettingsContext,
  year: number,
  { version, ...input }: Overrides & { version: number },
) {
  const inYear = (date: string) => date.startsWith(String(year));
  const refused = [...input.daysOff, ...input.workingDays, ...input.notHolidays].find(
    (date) => !inYear(date),
  );
  if (refused)
    throw fieldError(
      'daysOff',
      msg(
        `Ngày ${formatDateVi(refused)} không thuộc năm ${year}.`,
        `The day ${formatDateVi(refused)} is not in ${year}.`,
      ),
    );
  const current = await getHolidayOverrides(ctx.db);
  const merged = (kept: string[], given: string[]) =>
    [...new Set([...kept.filter((date) => !inYear(date)), ...given])].sort();
  await writeSetting(
    ctx,
    HOLIDAYS_KEY,
    current,
    {
      daysOff: merged(current.daysOff, input.daysOff),
      workingDays: merged(current.workingDays, input.workingDays),
      notHolidays: merged(current.notHolidays, input.notHolidays),
    },
    version,
  );
  return yearHolidays(ctx.db, year);
}

/**
 * The installation's reporting calendar: the regime the coordinator set and the working days with the
 * year's official schedule on top of the defaults. `windowOf` gives a period's window with its
 * internal deadline; a code that is not a period is a 400 naming the field.
 */
export async function loadReportingCalendar(db: DbOrTx) {
  // One after the other: `db` may be a transaction's single connection.
  const regimeSettings = await getRegimeSettings(db);
  const overrides = await getHolidayOverrides(db);
  const regime = regimeOf(regimeSettings);
  const calendar = workdayCalendar(overrides);
  return {
    regime,
    overrides,
    calendar,
    windowOf(periodCode: string, field = 'periodCode') {
      const period = parsePeriod(periodCode);
      if (!period)
        throw fieldError(
          field,
          msg(
            'Kỳ báo cáo không hợp lệ (ví dụ 2026Q1, 2026S1, 2026).',
            'Invalid reporting period (e.g. 2026Q1, 2026S1, 2026).',
          ),
        );
      return reportWindow(period, regime, calendar);
    },
  };
}
export type ReportingCalendar = Awaited<ReturnType<typeof loadReportingCalendar>>;

/** A year's holidays as the calendar applies them: the computed defaults, the schedule's changes. */
export async function yearHolidays(db: DbOrTx, year: number) {
  const overrides = await getHolidayOverrides(db);
  const inYear = (dates: readonly string[]) => dates.filter((date) => date.startsWith(String(year)));
  const removed = new Set(overrides.notHolidays);
  return {
    year,
    defaults: defaultHolidays(year).map((holiday) => ({ ...holiday, kept: !removed.has(holiday.date) })),
    daysOff: inYear(overrides.daysOff),
    workingDays: inYear(overrides.workingDays),
    notHolidays: inYear(overrides.notHolidays),
    /** Of the whole schedule (every year is one setting). */
    version: await settingVersion(db, HOLIDAYS_KEY),
  };
}
