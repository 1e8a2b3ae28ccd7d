import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromLunar, toLunar } from './lunar.ts';
import { DEFAULT_REGIME, parsePeriod, periodContaining, periodsDueBetween, periodWindow } from './periods.ts';
import { defaultHolidays, workdayCalendar } from './workdays.ts';

const windowOf = (code: string, regime = DEFAULT_REGIME) => {
  const period = parsePeriod(code);
  if (!period) throw new Error(code);
  return periodWindow(period, regime);
};

describe('period codes and windows (cut-off on the 14th, due on the 20th)', () => {
  it('a quarter runs from the 15th of the month before it to the 14th of its last month', () => {
    expect(windowOf('2026Q1')).toEqual({
      code: '2026Q1',
      dataFrom: '2025-12-15',
      dataTo: '2026-03-14',
      due: '2026-03-20',
    });
    expect(windowOf('2026Q3')).toEqual({
      code: '2026Q3',
      dataFrom: '2026-06-15',
      dataTo: '2026-09-14',
      due: '2026-09-20',
    });
  });

  it('months, halves and years', () => {
    expect(windowOf('2026M03')).toEqual({
      code: '2026M03',
      dataFrom: '2026-02-15',
      dataTo: '2026-03-14',
      due: '2026-03-20',
    });
    expect(windowOf('2026M01').dataFrom).toBe('2025-12-15');
    expect(windowOf('2026S1')).toEqual({
      code: '2026S1',
      dataFrom: '2025-12-15',
      dataTo: '2026-06-14',
      due: '2026-06-20',
    });
    expect(windowOf('2026S2')).toMatchObject({ dataFrom: '2026-06-15', dataTo: '2026-12-14' });
    expect(windowOf('2026')).toEqual({
      code: '2026',
      dataFrom: '2025-12-15',
      dataTo: '2026-12-14',
      due: '2026-12-20',
    });
  });

  it('a February month in a leap year, and a regime with other days', () => {
    expect(windowOf('2024M03')).toMatchObject({ dataFrom: '2024-02-15', dataTo: '2024-03-14' });
    expect(windowOf('2024M02', { cutoffDay: 28, dueDay: 29, internalDueWorkdays: null })).toMatchObject({
      dataFrom: '2024-01-29',
      dataTo: '2024-02-28',
      due: '2024-02-29',
    });
  });

  it('lists the reports falling due around a date, earliest first (a unit’s inbox)', () => {
    expect(periodsDueBetween('2026-05-01', '2026-07-31').map((window) => window.code)).toEqual([
      '2026Q2',
      '2026S1',
    ]);
    expect(periodsDueBetween('2026-11-01', '2027-01-31').map((window) => [window.code, window.due])).toEqual([
      ['2026Q4', '2026-12-20'],
      ['2026S2', '2026-12-20'],
      ['2026', '2026-12-20'],
    ]);
    expect(periodsDueBetween('2026-04-01', '2026-04-30')).toEqual([]);
  });

  it('refuses codes it does not know', () => {
    for (const code of ['2026Q5', '2026M13', '2026S3', '26Q1', '2026W01', ''])
      expect(parsePeriod(code)).toBeNull();
    expect(parsePeriod('2026q2')?.code).toBe('2026Q2');
  });

  it('every day belongs to exactly the period whose window contains it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        fc.constantFrom('month', 'quarter', 'half', 'year' as const),
        (date, kind) => {
          const iso = date.toISOString().slice(0, 10);
          const window = periodWindow(periodContaining(iso, kind));
          expect(window.dataFrom <= iso && iso <= window.dataTo).toBe(true);
        },
      ),
    );
  });
});

describe('lunar calendar (computed, not tabulated)', () => {
  it('finds Tết Nguyên đán and Giỗ Tổ Hùng Vương as published', () => {
    expect(fromLunar(1, 1, 2020)).toBe('2020-01-25');
    expect(fromLunar(1, 1, 2024)).toBe('2024-02-10');
    expect(fromLunar(1, 1, 2025)).toBe('2025-01-29');
    expect(fromLunar(1, 1, 2026)).toBe('2026-02-17');
    expect(fromLunar(10, 3, 2025)).toBe('2025-04-07');
    expect(fromLunar(10, 3, 2026)).toBe('2026-04-26');
    // 2023 had a leap second month: Giỗ Tổ fell on 29 April.
    expect(fromLunar(10, 3, 2023)).toBe('2023-04-29');
    expect(fromLunar(1, 2, 2023, true)).toBe('2023-03-22');
    expect(fromLunar(1, 5, 2023, true)).toBeNull();
  });

  it('round-trips every day of a decade', () => {
    for (let day = Date.UTC(2020, 0, 1); day <= Date.UTC(2030, 0, 1); day += 86_400_000) {
      const date = new Date(day);
      const lunar = toLunar(date.getUTCDate(), date.getUTCMonth() + 1, date.getUTCFullYear());
      expect(fromLunar(lunar.day, lunar.month, lunar.year, lunar.isLeapMonth)).toBe(
        date.toISOString().slice(0, 10),
      );
    }
  });
});

describe('working days', () => {
  const calendar = workdayCalendar();

  it('skips the weekend and the five Tết days: 3 working days after 12/02/2026 is 24/02/2026', () => {
    expect(
      defaultHolidays(2026)
        .filter((h) => h.name === 'Tết Nguyên đán')
        .map((h) => h.date),
    ).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(calendar.addWorkdays('2026-02-12', 3)).toBe('2026-02-24');
  });

  it('a quarter that straddles Tết: the internal deadline 2 working days after the 14/03 cut-off', () => {
    expect(calendar.addWorkdays('2026-03-14', 2)).toBe('2026-03-17');
    // 2024Q1 ran over Tết (Saturday 10/02/2024): the defaults give 9–13/2 off, and Saturday 10 and
    // Sunday 11 are made up on 14 and 15/2 (the official 2024 schedule, 8–14/2, is an override).
    expect(calendar.addWorkdays('2024-02-07', 1)).toBe('2024-02-08');
    expect(calendar.isWorkday('2024-02-09')).toBe(false);
    expect(calendar.isWorkday('2024-02-15')).toBe(false);
    expect(calendar.addWorkdays('2024-02-08', 1)).toBe('2024-02-16');
  });

  it('makes up a holiday that falls on a weekend on the next working day', () => {
    // 2/9/2023 was a Saturday, 1/9 a Friday: the make-up day is Monday 4/9.
    expect(calendar.isWorkday('2023-09-04')).toBe(false);
    // Giỗ Tổ 2026 is Sunday 26/4: made up on Monday 27/4.
    expect(calendar.isWorkday('2026-04-27')).toBe(false);
  });

  it("applies the coordinator's official schedule on top: extra days off and swapped working days", () => {
    const official = workdayCalendar({ daysOff: ['2026-02-23'], workingDays: ['2026-02-28'] });
    expect(official.addWorkdays('2026-02-12', 3)).toBe('2026-02-25');
    expect(official.isWorkday('2026-02-28')).toBe(true);
  });
});
