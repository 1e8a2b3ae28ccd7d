/**
 * Deadlines ("trước ngày 31/03/2020", "hoàn thành trong tháng 6/2020", "trong quý II/2020") and
 * recurrences ("định kỳ hàng quý, 6 tháng, năm", "hằng năm", "thường xuyên") of a task; the year end a task
 * of a year's plan is due by when the document gives it no deadline.
 */
import { parseDate } from '../text/dates.ts';
import { foldVietnamese } from '../text/vietnamese.ts';
import type { Recurrence } from './types.ts';

const CUE =
  '(truoc|cham nhat(?: la)?|han chot|thoi han(?: hoan thanh)?|thoi gian(?: thuc hien| hoan thanh)?\\s*:|hoan thanh(?: trong| truoc)?|xong truoc|den het|trong)';
const DAY_MONTH_YEAR = '(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})(?:\\s*[/.-]\\s*(\\d{4}))?(?![\\d/])';
const WRITTEN_DATE = '(\\d{1,2}) thang (\\d{1,2})(?: nam (\\d{4}))?';
const MONTH = 'thang (\\d{1,2})(?:\\s*[/-]\\s*|\\s*nam\\s*)(\\d{4})';
const QUARTER = 'quy (iv|iii|ii|i|[1-4])(?:\\s*[/-]\\s*|\\s*nam\\s*)(\\d{4})';
const DEADLINE = new RegExp(
  `\\b${CUE}\\s*:?\\s*(?:ngay\\s*)?(?:${DAY_MONTH_YEAR}|${WRITTEN_DATE}|${MONTH}|${QUARTER})`,
);
const ROMAN_QUARTER: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO deadline of a task; a day and month without a year take the plan's year. */
export function findDeadline(text: string, planYear: number | null): string | null {
  const match = DEADLINE.exec(foldVietnamese(text));
  if (!match) return null;
  const cue = match[1] ?? '';
  const before = cue === 'truoc';
  const [day, month, year] = match[2] ? [match[2], match[3], match[4]] : [match[5], match[6], match[7]];
  if (day && month) {
    const fullYear = year ?? (planYear ? String(planYear) : null);
    return fullYear ? parseDate(`${day}/${month}/${fullYear}`) : null;
  }
  if (match[8] && match[9]) {
    const monthNumber = Number(match[8]) - (before ? 1 : 0);
    const yearNumber = Number(match[9]);
    if (monthNumber < 0 || monthNumber > 12) return null;
    return monthNumber === 0 ? `${yearNumber - 1}-12-31` : lastDayOfMonth(yearNumber, monthNumber);
  }
  if (match[10] && match[11]) {
    const quarter = ROMAN_QUARTER[match[10]] ?? Number(match[10]);
    const endMonth = (quarter - (before ? 1 : 0)) * 3;
    const yearNumber = Number(match[11]);
    return endMonth === 0 ? `${yearNumber - 1}-12-31` : lastDayOfMonth(yearNumber, endMonth);
  }
  return null;
}

const CADENCE_WORDS: Array<[RegExp, Recurrence]> = [
  [/\b(?:hang|moi) tuan\b|\btuan mot lan\b/, 'weekly'],
  [/\b(?:hang|moi) thang\b|\bthang mot lan\b/, 'monthly'],
  [/\b(?:hang|moi) quy\b|\bquy mot lan\b/, 'quarterly'],
  [/\b(?:6|sau) thang mot lan\b|\bbao cao (?:so ket )?(?:6|sau) thang\b/, 'semiannual'],
  [/\b(?:hang|moi) nam\b|\bnam mot lan\b|\bthuong nien\b/, 'annual'],
];
// "định kỳ hàng quý, 6 tháng, năm": every cadence listed after "định kỳ".
const PERIODIC_LIST =
  /\bdinh ky\s*(?:hang\s*)?((?:(?:tuan|thang|quy|6 thang|sau thang|nam)(?:\s*,\s*|\s+va\s+|\s+hoac\s+|\s*\/\s*|\s+))+)/g;
const LISTED: Array<[RegExp, Recurrence]> = [
  [/\btuan\b/, 'weekly'],
  [/(?<!6 |sau )\bthang\b/, 'monthly'],
  [/\bquy\b/, 'quarterly'],
  [/\b(?:6|sau) thang\b/, 'semiannual'],
  [/\bnam\b/, 'annual'],
];
// A named cadence says more than "thường xuyên" ("thường xuyên rà soát, báo cáo hằng quý" reports quarterly).
const ORDER: Recurrence[] = [
  'weekly',
  'monthly',
  'quarterly',
  'semiannual',
  'annual',
  'continuous',
  'periodic',
];
// "thường xuyên" as an adverb of the work ("Thường xuyên kiểm tra", "Sở X thường xuyên tổ chức", a table's
// "Thường xuyên"); not as an adjective ("sử dụng điện thường xuyên, an toàn", "họp thường xuyên hoặc bất
// thường") nor the budget's "chi thường xuyên" (recurrent spending).
const CONTINUOUS =
  /(?:^|[.;:,]\s*)thuong xuyen\b|(?<!\b(?:chi|kinh phi|du toan|nguon) )\bthuong xuyen (?!(?:hoac|va)\b)[a-z]/;

/** The most frequent cadence the text names; "continuous" for "thường xuyên"; "periodic" for a bare "định kỳ". */
export function findRecurrence(text: string): Recurrence | null {
  const folded = foldVietnamese(text);
  const found = new Set<Recurrence>();
  for (const [pattern, recurrence] of CADENCE_WORDS) if (pattern.test(folded)) found.add(recurrence);
  for (const match of folded.matchAll(PERIODIC_LIST)) {
    for (const [pattern, recurrence] of LISTED) if (pattern.test(match[1] ?? '')) found.add(recurrence);
  }
  if (CONTINUOUS.test(folded)) found.add('continuous');
  if (found.size === 0 && /\bdinh ky\b/.test(folded)) found.add('periodic');
  return ORDER.find((recurrence) => found.has(recurrence)) ?? null;
}

/**
 * The one year a plan is for, from its title ("… năm 2023"); null for a plan over a period ("giai đoạn
 * 2021-2025", "năm 2017 và những năm tiếp theo") or whose title names no year: its tasks have no year end.
 */
export function yearOfPlan(title: string | null): number | null {
  if (!title) return null;
  const folded = foldVietnamese(title);
  if (/\bgiai doan\b|\b\d{4}\s*[-–]\s*\d{4}\b|\b(?:nhung|cac) nam (?:tiep theo|sau)\b/.test(folded))
    return null;
  const years = [...folded.matchAll(/\bnam\s+(\d{4})\b/g)].map((match) => Number(match[1]));
  return years.length > 0 && years.every((year) => year === years[0]) ? (years[0] ?? null) : null;
}

/** A task of a year's plan given no deadline is due on the year's last day, marked so the review says so. */
export function withYearEndDue<T extends { due: string | null; dueDefaulted?: boolean }>(
  task: T,
  planYear: number | null,
): T {
  return task.due === null && planYear !== null
    ? { ...task, due: `${planYear}-12-31`, dueDefaulted: true }
    : task;
}
