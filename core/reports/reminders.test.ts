import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REMINDER_SETTINGS,
  dueReminders,
  openReminderPeriods,
  reminderDate,
  reminderSettingsSchema,
} from './reminders.ts';

const settings = DEFAULT_REMINDER_SETTINGS;
const calendarDays = { ...DEFAULT_REMINDER_SETTINGS, workingDays: false };

describe('reminder days (hand-checked)', () => {
  // 2026Q1 is due on Friday 20/03/2026.
  it('counts working days around a due date on a Friday', () => {
    expect(reminderDate('2026-03-20', 'before:1', settings)).toBe('2026-03-19');
    expect(reminderDate('2026-03-20', 'before:3', settings)).toBe('2026-03-17');
    expect(reminderDate('2026-03-20', 'after:1', settings)).toBe('2026-03-23');
    expect(reminderDate('2026-03-20', 'after:3', settings)).toBe('2026-03-25');
    expect(reminderDate('2026-03-20', 'after:7', settings)).toBe('2026-03-31');
    expect(reminderDate('2026-03-20', 'after:7', calendarDays)).toBe('2026-03-27');
  });

  // Tết Bính Ngọ: 16/02 (eve) to 20/02/2026 are holidays; a report due on 20/02 (2026M02) straddles it.
  it('skips the Tết holidays computed from the lunar calendar', () => {
    expect(reminderDate('2026-02-20', 'before:1', settings)).toBe('2026-02-13');
    expect(reminderDate('2026-02-20', 'before:3', settings)).toBe('2026-02-11');
    expect(reminderDate('2026-02-20', 'after:1', settings)).toBe('2026-02-23');
    expect(reminderDate('2026-02-20', 'after:7', settings)).toBe('2026-03-03');
    expect(reminderDate('2026-02-20', 'before:1', calendarDays)).toBe('2026-02-19');
    expect(reminderDate('2026-02-20', 'after:1', calendarDays)).toBe('2026-02-21');
    // A day the year's official schedule adds off moves the reminder one working day further.
    expect(reminderDate('2026-02-20', 'before:1', settings, { daysOff: ['2026-02-13'] })).toBe('2026-02-12');
  });
});

describe('which reminders are due', () => {
  const due = '2026-02-20';
  it('sends the latest reminder whose day has come, one of each side at most', () => {
    expect(dueReminders(due, '2026-02-10', settings)).toEqual([]);
    expect(dueReminders(due, '2026-02-11', settings)).toEqual(['before:3']);
    expect(dueReminders(due, '2026-02-12', settings)).toEqual(['before:3']);
    // Saturday after the before:1 day (Friday 13/02), during Tết, and on the due date itself.
    expect(dueReminders(due, '2026-02-14', settings)).toEqual(['before:1']);
    expect(dueReminders(due, '2026-02-18', settings)).toEqual(['before:1']);
    expect(dueReminders(due, '2026-02-20', settings)).toEqual(['before:1']);
  });

  it('never sends a "before" reminder after the due date; "after" ones start on their day', () => {
    expect(dueReminders(due, '2026-02-21', settings)).toEqual([]);
    expect(dueReminders(due, '2026-02-23', settings)).toEqual(['after:1']);
    expect(dueReminders(due, '2026-02-24', settings)).toEqual(['after:1']);
    expect(dueReminders(due, '2026-02-25', settings)).toEqual(['after:3']);
  });

  it('a server down for a week sends one reminder, not all it missed', () => {
    expect(dueReminders(due, '2026-03-10', settings)).toEqual(['after:7']);
    expect(dueReminders('2026-03-20', '2026-03-20', settings)).toEqual(['before:1']);
  });
});

describe('periods open for reminders', () => {
  const codes = (today: string) =>
    openReminderPeriods(today, settings).map((open) => [open.period.code, ...open.reminders]);

  it('opens a quarter from its first reminder to its last', () => {
    expect(codes('2026-03-16')).toEqual([]);
    expect(codes('2026-03-17')).toEqual([['2026Q1', 'before:3']]);
    expect(codes('2026-03-23')).toEqual([['2026Q1', 'after:1']]);
    expect(codes('2026-03-31')).toEqual([['2026Q1', 'after:7']]);
    expect(codes('2026-04-01')).toEqual([]);
  });

  it('reminds of the quarter and the half (and the year) due on the same day, each apart', () => {
    // 20/06/2026 is a Saturday: before:3 falls on Wednesday 17/06.
    expect(codes('2026-06-18')).toEqual([
      ['2026Q2', 'before:3'],
      ['2026S1', 'before:3'],
    ]);
    // 20/12/2025 is a Saturday: after:7 is Tuesday 30/12/2025, and nothing is open in early January.
    expect(codes('2025-12-30')).toEqual([
      ['2025Q4', 'after:7'],
      ['2025S2', 'after:7'],
      ['2025', 'after:7'],
    ]);
    expect(codes('2026-01-05')).toEqual([]);
  });
});

describe('reminder settings', () => {
  it('sorts and de-duplicates the days', () => {
    expect(reminderSettingsSchema.parse({ before: [3, 1, 3], after: [7, 1], workingDays: false })).toEqual({
      before: [1, 3],
      after: [1, 7],
      workingDays: false,
    });
  });

  it('refuses impossible days with a Vietnamese message naming the side', () => {
    const result = reminderSettingsSchema.safeParse({ before: [0], after: [1.5], workingDays: true });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues).toEqual([
      ['before.0', 'Số ngày nhắc trước hạn phải từ 1 trở lên.'],
      ['after.0', 'Số ngày nhắc sau hạn phải là số nguyên.'],
    ]);
  });
});
