import { addDays } from '../text/dates.ts';
import { fromLunar } from './lunar.ts';
import { isoDate } from './periods.ts';

/**
 * Working days: Monday to Friday, less the public holidays of Bộ luật Lao động 2019 (Điều 112):
 * Tết Dương lịch 1/1; Tết Nguyên đán (five days: the last day of the lunar year and the first four of
 * the new one); Giỗ Tổ Hùng Vương 10/3 lunar; 30/4 and 1/5; Quốc khánh 2/9 and the day before or after
 * (1/9 by default). A fixed holiday on a weekend is made up on the next working day. The Government
 * sets each year's exact Tết schedule and swapped days: the coordinator records them as overrides.
 */
export interface HolidayOverrides {
  /** Extra days off (ISO dates), e.g. the days added around Tết by the yearly decision. */
  daysOff?: readonly string[];
  /** Weekend days declared working days in exchange (ISO dates). */
  workingDays?: readonly string[];
  /** Default holidays the year's schedule does not keep (ISO dates). */
  notHolidays?: readonly string[];
}

export interface Holiday {
  date: string;
  name: string;
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** The default public holidays of a Gregorian year, computed (lunar ones from the lunar calendar). */
export function defaultHolidays(year: number): Holiday[] {
  const holidays: Holiday[] = [];
  const fixed: Holiday[] = [
    { date: isoDate(year, 1, 1), name: 'Tết Dương lịch' },
    { date: isoDate(year, 4, 30), name: 'Ngày Chiến thắng' },
    { date: isoDate(year, 5, 1), name: 'Ngày Quốc tế Lao động' },
    { date: isoDate(year, 9, 1), name: 'Quốc khánh (ngày liền kề)' },
    { date: isoDate(year, 9, 2), name: 'Quốc khánh' },
  ];
  const gioTo = fromLunar(10, 3, year);
  if (gioTo) fixed.push({ date: gioTo, name: 'Giỗ Tổ Hùng Vương' });
  // Tết of this lunar year, and the eve of next year's when it falls in this Gregorian year.
  for (const lunarYear of [year, year + 1]) {
    const newYear = fromLunar(1, 1, lunarYear);
    if (!newYear) continue;
    for (let offset = -1; offset <= 3; offset += 1) {
      const date = addDays(newYear, offset);
      if (date.startsWith(String(year))) fixed.push({ date, name: 'Tết Nguyên đán' });
    }
  }
  // A holiday on a weekly rest day is made up on the next working day (Bộ luật Lao động 2019, Điều 111).
  const taken = new Set(fixed.map((holiday) => holiday.date));
  for (const holiday of [...fixed].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    holidays.push(holiday);
    if (isWeekend(holiday.date)) {
      let substitute = addDays(holiday.date, 1);
      while (isWeekend(substitute) || taken.has(substitute)) substitute = addDays(substitute, 1);
      taken.add(substitute);
      holidays.push({ date: substitute, name: `Nghỉ bù ${holiday.name}` });
    }
  }
  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Decides whether a date is a working day, with the coordinator's overrides on top of the defaults. */
export function workdayCalendar(overrides: HolidayOverrides = {}) {
  const cache = new Map<number, Set<string>>();
  const daysOff = new Set(overrides.daysOff ?? []);
  const workingDays = new Set(overrides.workingDays ?? []);
  const notHolidays = new Set(overrides.notHolidays ?? []);
  const holidaysOf = (year: number) => {
    let set = cache.get(year);
    if (!set) {
      set = new Set(
        defaultHolidays(year)
          .map((holiday) => holiday.date)
          .filter((date) => !notHolidays.has(date)),
      );
      cache.set(year, set);
    }
    return set;
  };
  const isWorkday = (date: string): boolean => {
    if (workingDays.has(date)) return true;
    if (daysOff.has(date) || isWeekend(date)) return false;
    return !holidaysOf(Number(date.slice(0, 4))).has(date);
  };
  /** "n ngày làm việc sau": the n-th working day after `date` (n = 0 gives the date itself if it is one). */
  const addWorkdays = (date: string, n: number): string => {
    let current = date;
    let left = n;
    if (left === 0) {
      while (!isWorkday(current)) current = addDays(current, 1);
      return current;
    }
    while (left > 0) {
      current = addDays(current, 1);
      if (isWorkday(current)) left -= 1;
    }
    return current;
  };
  return { isWorkday, addWorkdays };
}

/** The computed holidays' names in English; a holiday a province typed reads as it was written. */
const HOLIDAY_NAMES_EN: Record<string, string> = {
  'Tết Dương lịch': "New Year's Day",
  'Ngày Chiến thắng': 'Reunification Day',
  'Ngày Quốc tế Lao động': 'International Labour Day',
  'Quốc khánh (ngày liền kề)': 'National Day (adjacent day)',
  'Quốc khánh': 'National Day',
  'Giỗ Tổ Hùng Vương': "Hung Kings' Commemoration Day",
  'Tết Nguyên đán': 'Lunar New Year (Tết)',
};
const IN_LIEU = 'Nghỉ bù ';

export function holidayNameIn(name: string, locale: 'vi' | 'en'): string {
  if (locale === 'vi') return name;
  if (name.startsWith(IN_LIEU))
    return `Day off in lieu of ${holidayNameIn(name.slice(IN_LIEU.length), locale)}`;
  return HOLIDAY_NAMES_EN[name] ?? name;
}
