import { describe, expect, it } from 'vitest';
import { holidayOverridesSchema, regimeOf, regimeSettingsSchema, reportWindow } from './calendar-settings.ts';
import { parsePeriod } from './periods.ts';
import { workdayCalendar } from './workdays.ts';

const period = (code: string) => parsePeriod(code) ?? (undefined as never);

describe('the reporting calendar a coordinator sets', () => {
  it('an internal deadline two working days after the cut-off skips a weekend', () => {
    const regime = regimeOf({ dueDay: 20, internalDueWorkdays: 2 });
    // 2026Q2 data close on Sunday 14/06/2026: two working days later is Tuesday 16/06.
    expect(reportWindow(period('2026Q2'), regime, workdayCalendar())).toMatchObject({
      due: '2026-06-20',
      internalDue: '2026-06-16',
      deadline: '2026-06-16',
    });
  });

  it('a month straddling Tết: the five Tết days, then the year’s official extra day off, push it on', () => {
    const regime = regimeOf({ dueDay: 20, internalDueWorkdays: 2 });
    // 2026M02 closes on Saturday 14/02/2026; Tết Bính Ngọ takes 16–20/02: two working days later is 24/02.
    expect(reportWindow(period('2026M02'), regime, workdayCalendar()).internalDue).toBe('2026-02-24');
    expect(
      reportWindow(period('2026M02'), regime, workdayCalendar({ daysOff: ['2026-02-23'] })).internalDue,
    ).toBe('2026-02-25');
  });

  it('without an internal deadline, reports are judged against the due date', () => {
    expect(
      reportWindow(period('2026Q1'), regimeOf({ dueDay: 25, internalDueWorkdays: null }), workdayCalendar()),
    ).toMatchObject({
      internalDue: null,
      deadline: '2026-03-25',
    });
  });

  it('refuses a due day on or before the cut-off, and dates that are not dates', () => {
    const refused = regimeSettingsSchema.safeParse({ dueDay: 14, internalDueWorkdays: null });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain('sau ngày chốt số liệu');
    expect(
      holidayOverridesSchema.safeParse({ daysOff: ['31/02/2027'], workingDays: [], notHolidays: [] }).success,
    ).toBe(false);
    expect(
      holidayOverridesSchema.parse({ daysOff: ['15/03/2027'], workingDays: [], notHolidays: [] }).daysOff,
    ).toEqual(['2027-03-15']);
  });
});
