/**
 * When to remind a unit of its periodic report: a number of days before the due date and a number of
 * days after it (counted in working days by default, so a reminder never lands on Tết or a weekend).
 * Pure rules; the server decides whom to mail and records what it sent.
 */

import { z } from 'zod';
import { type Msg, msg, zodMsg } from '../errors.ts';
import {
  DEFAULT_REGIME,
  type PeriodKind,
  type PeriodWindow,
  parsePeriod,
  periodWindow,
  type ReportingRegime,
} from '../periods/periods.ts';
import { type HolidayOverrides, workdayCalendar } from '../periods/workdays.ts';

/** "before:3" is three days before the due date, "after:1" one day after it. */
export type ReminderKey = `${'before' | 'after'}:${number}`;

const dayCounts = (label: Msg) => {
  const wholeNumbers = zodMsg(
    `Số ngày nhắc ${label.vi} phải là số nguyên.`,
    `Reminder days ${label.en} must be whole numbers.`,
  );
  return (
    z
      .array(
        z
          .number({ error: wholeNumbers })
          .int(wholeNumbers)
          .min(
            1,
            zodMsg(
              `Số ngày nhắc ${label.vi} phải từ 1 trở lên.`,
              `Reminder days ${label.en} must be 1 or more.`,
            ),
          )
          .max(
            60,
            zodMsg(`Số ngày nhắc ${label.vi} không quá 60.`, `Reminder days ${label.en} cannot exceed 60.`),
          ),
        {
          error: zodMsg(
            `Danh sách ngày nhắc ${label.vi} không hợp lệ.`,
            `The list of reminder days ${label.en} is not valid.`,
          ),
        },
      )
      .max(10, zodMsg(`Tối đa 10 lần nhắc ${label.vi}.`, `At most 10 reminders ${label.en}.`))
      // Stored sorted and without repeats, so the settings read back the same however they were typed.
      .transform((days) => [...new Set(days)].sort((a, b) => a - b))
  );
};

export const reminderSettingsSchema = z.object({
  before: dayCounts(msg('trước hạn', 'before the due date')),
  after: dayCounts(msg('sau hạn', 'after the due date')),
  workingDays: z.boolean({
    error: zodMsg('Chọn có tính theo ngày làm việc hay không.', 'Choose whether to count working days.'),
  }),
});
export type ReminderSettings = z.output<typeof reminderSettingsSchema>;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  before: [1, 3],
  after: [1, 3, 7],
  workingDays: true,
};

/** The periods reminders are sent for: the quarterly, six-month and annual reports. */
export const REMINDED_KINDS: readonly PeriodKind[] = ['quarter', 'half', 'year'];

function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** The day a reminder falls on: n (working) days before or after the due date. */
export function reminderDate(
  due: string,
  key: ReminderKey,
  settings: Pick<ReminderSettings, 'workingDays'>,
  holidays: HolidayOverrides = {},
): string {
  const [side, count] = key.split(':') as ['before' | 'after', string];
  const days = Number(count);
  const step = side === 'before' ? -1 : 1;
  if (!settings.workingDays) return addDays(due, step * days);
  const { isWorkday } = workdayCalendar(holidays);
  let date = due;
  for (let left = days; left > 0; ) {
    date = addDays(date, step);
    if (isWorkday(date)) left -= 1;
  }
  return date;
}

const keysOf = (settings: ReminderSettings) => ({
  before: settings.before.map((days) => `before:${days}` as ReminderKey),
  after: settings.after.map((days) => `after:${days}` as ReminderKey),
});

/**
 * The reminders to send today for a report due on `due`, at most one of each side:
 * - a "before" reminder only up to the due date itself (after it, "before" no longer means anything);
 * - of the reminders whose day has come, only the latest of each side, so a server that was down for a
 *   week sends one mail, the one that fits today, not the five it missed. What was sent already is the
 *   caller's business (it records each sent key once).
 */
export function dueReminders(
  due: string,
  today: string,
  settings: ReminderSettings,
  holidays: HolidayOverrides = {},
): ReminderKey[] {
  const keys = keysOf(settings);
  const reached = (key: ReminderKey) => reminderDate(due, key, settings, holidays) <= today;
  const result: ReminderKey[] = [];
  // Before: the smallest count whose day has come is the latest reminder.
  const before = today <= due ? keys.before.find(reached) : undefined;
  if (before) result.push(before);
  // After: the largest count whose day has come.
  const after = [...keys.after].reverse().find(reached);
  if (after) result.push(after);
  return result;
}

/** From the first reminder's day to the last one's: the range in which a period is reminded of. */
export function reminderRange(
  due: string,
  settings: ReminderSettings,
  holidays: HolidayOverrides = {},
): { from: string; to: string } {
  const { before, after } = keysOf(settings);
  const first = before.at(-1);
  const last = after.at(-1);
  return {
    from: first ? reminderDate(due, first, settings, holidays) : due,
    to: last ? reminderDate(due, last, settings, holidays) : due,
  };
}

export interface OpenPeriod {
  period: PeriodWindow;
  reminders: ReminderKey[];
}

/**
 * The quarters, halves and years whose reminder range contains today, with the reminders due today.
 * Q2 and S1 (and Q4, S2 and the year) share a due date: each is a report of its own, reminded apart.
 */
export function openReminderPeriods(
  today: string,
  settings: ReminderSettings,
  holidays: HolidayOverrides = {},
  regime: ReportingRegime = DEFAULT_REGIME,
  /** The date reports are chased against: the province's internal deadline when it sets one. */
  deadlineOf: (window: PeriodWindow) => string = (window) => window.due,
): OpenPeriod[] {
  const year = Number(today.slice(0, 4));
  const codes: string[] = [];
  // A year's periods are due within that year; reminders may reach a few weeks either side of it.
  for (const y of [year - 1, year, year + 1]) {
    if (REMINDED_KINDS.includes('quarter')) codes.push(`${y}Q1`, `${y}Q2`, `${y}Q3`, `${y}Q4`);
    if (REMINDED_KINDS.includes('half')) codes.push(`${y}S1`, `${y}S2`);
    if (REMINDED_KINDS.includes('year')) codes.push(String(y));
  }
  const open: OpenPeriod[] = [];
  for (const code of codes) {
    const period = parsePeriod(code);
    if (!period) continue;
    const window = periodWindow(period, regime);
    const due = deadlineOf(window);
    const range = reminderRange(due, settings, holidays);
    if (today < range.from || today > range.to) continue;
    const reminders = dueReminders(due, today, settings, holidays);
    if (reminders.length > 0) open.push({ period: { ...window, due }, reminders });
  }
  return open;
}
