/**
 * What a coordinator sets about the reporting calendar: the report's due day and the province's own
 * earlier internal deadline (working days after the data cut-off), and each year's official holiday
 * schedule on top of the computed defaults. The data cut-off stays the national rule (the 14th,
 * Nghị định 09/2019/NĐ-CP): dossier roll-ups are counted by it, so it is not a setting.
 */

import { z } from 'zod';
import { zodMsg } from '../errors.ts';
import { isoDate } from '../text/fields.ts';
import {
  DEFAULT_REGIME,
  type Period,
  type PeriodWindow,
  periodWindow,
  type ReportingRegime,
} from './periods.ts';
import type { workdayCalendar } from './workdays.ts';

export const regimeSettingsSchema = z.object({
  dueDay: z
    .number({ error: zodMsg('Ngày hạn gửi phải là một số.', 'The due day must be a number.') })
    .int()
    .min(
      DEFAULT_REGIME.cutoffDay + 1,
      zodMsg(
        `Hạn gửi phải sau ngày chốt số liệu (${DEFAULT_REGIME.cutoffDay}).`,
        `The due day must come after the data cut-off day (${DEFAULT_REGIME.cutoffDay}).`,
      ),
    )
    .max(
      28,
      zodMsg(
        'Hạn gửi không được sau ngày 28 (tháng 2 có 28 ngày).',
        'The due day cannot be after the 28th (February has 28 days).',
      ),
    ),
  internalDueWorkdays: z
    .number({
      error: zodMsg('Số ngày làm việc phải là một số.', 'The number of working days must be a number.'),
    })
    .int()
    .min(0, zodMsg('Số ngày làm việc không được âm.', 'The number of working days cannot be negative.'))
    .max(20, zodMsg('Tối đa 20 ngày làm việc.', 'At most 20 working days.'))
    .nullable(),
});
export type RegimeSettings = z.output<typeof regimeSettingsSchema>;

export const DEFAULT_REGIME_SETTINGS: RegimeSettings = {
  dueDay: DEFAULT_REGIME.dueDay,
  internalDueWorkdays: DEFAULT_REGIME.internalDueWorkdays,
};

export const regimeOf = (settings: RegimeSettings): ReportingRegime => ({
  cutoffDay: DEFAULT_REGIME.cutoffDay,
  ...settings,
});

const dates = z.array(isoDate).max(60, zodMsg('Tối đa 60 ngày.', 'At most 60 days.'));

export const holidayOverridesSchema = z.object({
  daysOff: dates,
  workingDays: dates,
  notHolidays: dates,
});

export const EMPTY_OVERRIDES: z.output<typeof holidayOverridesSchema> = {
  daysOff: [],
  workingDays: [],
  notHolidays: [],
};

export interface ReportWindow extends PeriodWindow {
  /** The province's earlier internal deadline, when it sets one. */
  internalDue: string | null;
  /** The date a report is judged on time against: the internal deadline if set, else the due date. */
  deadline: string;
}

/** A period's window under the regime, with the internal deadline counted in working days after the cut-off. */
export function reportWindow(
  period: Period,
  regime: ReportingRegime,
  calendar: ReturnType<typeof workdayCalendar>,
): ReportWindow {
  const window = periodWindow(period, regime);
  const internalDue =
    regime.internalDueWorkdays === null
      ? null
      : calendar.addWorkdays(window.dataTo, regime.internalDueWorkdays);
  return {
    ...window,
    internalDue,
    deadline: internalDue !== null && internalDue < window.due ? internalDue : window.due,
  };
}
