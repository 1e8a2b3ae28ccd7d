import { periodContaining } from '../periods/periods.ts';
import { foldVietnamese } from '../text/vietnamese.ts';

/** Cell values of dossier files: times, channels, yes/no flags, and the reporting quarter of a time. */

export const CHANNELS = ['direct', 'online_partial', 'online_full', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ONLINE_CHANNELS: readonly Channel[] = ['online_partial', 'online_full'];

// Folded words of one-stop exports for each channel.
const CHANNEL_WORDS: Record<string, Channel> = {
  direct: 'direct',
  'truc tiep': 'direct',
  'nop truc tiep': 'direct',
  'tai quay': 'direct',
  'mot cua': 'direct',
  online_partial: 'online_partial',
  'truc tuyen mot phan': 'online_partial',
  'dich vu cong truc tuyen mot phan': 'online_partial',
  'mot phan': 'online_partial',
  online_full: 'online_full',
  'truc tuyen toan trinh': 'online_full',
  'dich vu cong truc tuyen toan trinh': 'online_full',
  'toan trinh': 'online_full',
  postal: 'postal',
  'buu chinh': 'postal',
  'buu chinh cong ich': 'postal',
  'qua buu chinh': 'postal',
  'qua dich vu buu chinh cong ich': 'postal',
};

export function parseChannel(value: string): Channel | null {
  // Canonical values first, compared rather than looked up (a lookup by a new string costs more):
  // folding costs more than the rest of a row's checks.
  const exact = CHANNEL_WORDS[value];
  if (exact) return exact;
  const key = foldVietnamese(value).replaceAll('-', ' ');
  return CHANNEL_WORDS[key] ?? CHANNEL_WORDS[key.replaceAll(' ', '_')] ?? null;
}

const TRUE_WORDS = new Set(['true', '1', 'co', 'x', 'yes', 'y', 'da', 'dung']);
const FALSE_WORDS = new Set(['false', '0', 'khong', 'no', 'n', 'chua', 'sai', '']);

/** true/false/1/0/có/không/x (an empty cell is "no"); null when the word means neither. */
export function parseFlag(value: string): boolean | null {
  if (value === 'true' || value === '1' || value === 'x') return true;
  if (value === 'false' || value === '0' || value === '') return false;
  const key = foldVietnamese(value);
  if (TRUE_WORDS.has(key)) return true;
  if (FALSE_WORDS.has(key)) return false;
  return null;
}

const VIETNAM_OFFSET_MS = 7 * 3600_000;
export const DAY_MS = 24 * 3600_000;
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const VN_TIME = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

export interface ParsedTime {
  /** Milliseconds since the epoch. */
  ms: number;
  /** Only a date was written (no time of day). */
  dateOnly: boolean;
}

/**
 * "2026-01-15T08:30:00+07:00", "2026-01-15 08:30", "15/01/2026 08:30[:05]" or "15/01/2026". Without an
 * offset the time is Vietnam time (UTC+7, no daylight saving). Null when not a real time (31/02/2026).
 */
export function parseDossierTime(value: string): ParsedTime | null {
  const text = value.trim();
  // A file has four time cells a row, nearly always in one of the fixed-width forms: read those digit by
  // digit (the patterns below were a quarter of a row's check), the rest by the patterns.
  const fixed = text.length >= 19 ? fixedIsoTime(text) : fixedVietnamTime(text);
  if (fixed !== undefined) return fixed;
  const iso = ISO_TIME.exec(text);
  if (iso) {
    const fraction = iso[7] ? Number(iso[7].padEnd(3, '0').slice(0, 3)) : 0;
    const hasClock = iso[4] !== undefined;
    return wallTime(
      Number(iso[1]),
      Number(iso[2]),
      Number(iso[3]),
      hasClock ? Number(iso[4]) : 0,
      hasClock ? Number(iso[5]) : 0,
      Number(iso[6] ?? 0),
      fraction,
      !hasClock,
      offsetMs(iso[8]),
    );
  }
  const vn = VN_TIME.exec(text);
  if (!vn) return null;
  const hasClock = vn[4] !== undefined;
  return wallTime(
    Number(vn[3]),
    Number(vn[2]),
    Number(vn[1]),
    hasClock ? Number(vn[4]) : 0,
    hasClock ? Number(vn[5]) : 0,
    Number(vn[6] ?? 0),
    0,
    !hasClock,
    VIETNAM_OFFSET_MS,
  );
}

/** "+07:00", "-0530", "Z" as milliseconds ahead of UTC; no offset is Vietnam time. */
function offsetMs(offset: string | undefined): number {
  if (!offset) return VIETNAM_OFFSET_MS;
  if (offset === 'Z' || offset === 'z') return 0;
  const digits = offset.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 3600_000 + Number(digits.slice(3, 5)) * 60_000);
}

/**
 * "yyyy-mm-ddThh:mm:ss" with a space or T, then nothing, Z, "+hh:mm" or "+hhmm"; undefined when the text
 * has another form (ISO_TIME then reads it the same way).
 */
function fixedIsoTime(text: string): ParsedTime | null | undefined {
  const separator = text.charCodeAt(10);
  if (
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    (separator !== 84 && separator !== 116 && separator !== 32) || // T, t, space
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58
  )
    return undefined;
  const offset = fixedOffsetMs(text);
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  const hour = digitsAt(text, 11, 13);
  const minute = digitsAt(text, 14, 16);
  const second = digitsAt(text, 17, 19);
  // A NaN (a character not a digit) makes the sum NaN: one test covers all the numbers.
  if (Number.isNaN(offset + year + month + day + hour + minute + second)) return undefined;
  return wallTime(year, month, day, hour, minute, second, 0, false, offset);
}

/** The offset after the 19 characters of a fixed-width ISO time, NaN when it is not one of its forms. */
function fixedOffsetMs(text: string): number {
  if (text.length === 19) return VIETNAM_OFFSET_MS;
  const sign = text.charCodeAt(19);
  if (text.length === 20) return sign === 90 || sign === 122 ? 0 : Number.NaN; // Z, z
  if (sign !== 43 && sign !== 45) return Number.NaN; // +, -
  const hasColon = text.length === 25 && text.charCodeAt(22) === 58;
  if (!hasColon && text.length !== 24) return Number.NaN;
  const minutesAt = hasColon ? 23 : 22;
  const ms = digitsAt(text, 20, 22) * 3600_000 + digitsAt(text, minutesAt, minutesAt + 2) * 60_000;
  return sign === 45 ? -ms : ms;
}

/** "dd/mm/yyyy" or "dd/mm/yyyy hh:mm"; undefined when the text has another form (VN_TIME reads it). */
function fixedVietnamTime(text: string): ParsedTime | null | undefined {
  if (text.length !== 10 && text.length !== 16) return undefined;
  if (text.charCodeAt(2) !== 47 || text.charCodeAt(5) !== 47) return undefined; // /
  const hasClock = text.length === 16;
  if (hasClock && (text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58)) return undefined;
  const day = digitsAt(text, 0, 2);
  const month = digitsAt(text, 3, 5);
  const year = digitsAt(text, 6, 10);
  const hour = hasClock ? digitsAt(text, 11, 13) : 0;
  const minute = hasClock ? digitsAt(text, 14, 16) : 0;
  if (Number.isNaN(year + month + day + hour + minute)) return undefined;
  return wallTime(year, month, day, hour, minute, 0, 0, !hasClock, VIETNAM_OFFSET_MS);
}

/** The number the ASCII digits text[from, to) write, NaN when one of them is not a digit. */
function digitsAt(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A wall-clock time at `offset` ms ahead of UTC, null when no such day or time exists. */
function wallTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  dateOnly: boolean,
  offset: number,
): ParsedTime | null {
  const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 && isLeap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > monthDays || hour > 23 || minute > 59 || second > 59)
    return null;
  // Arithmetic rather than Date.UTC, several times slower (four times a row); Date.UTC is kept for the
  // years 0-99, which it reads as 1900-1999.
  const wall =
    year < 100
      ? Date.UTC(year, month - 1, day, hour, minute, second, millis)
      : daysSinceEpoch(year, month, day) * DAY_MS +
        hour * 3600_000 +
        minute * 60_000 +
        second * 1000 +
        millis;
  return { ms: wall - offset, dateOnly };
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysSinceEpoch(year: number, month: number, day: number): number {
  // Years counted from March, so that the leap day ends a year; eras of 400 years repeat exactly.
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The calendar date in Vietnam of an instant, ISO ("2026-01-15"). */
export function vietnamDate(ms: number): string {
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

const quarterByDay = new Map<number, string>();

/**
 * The reporting quarter ("2026Q1") an instant belongs to, by its date in Vietnam and the regime's
 * cut-off (a quarter's data run from the 15th of the month before it to the 14th of its last month).
 */
export function dossierQuarter(ms: number): string {
  const day = Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS);
  let code = quarterByDay.get(day);
  if (code === undefined) {
    code = periodContaining(vietnamDate(ms), 'quarter').code;
    // Files span a few years: a few thousand days at most.
    if (quarterByDay.size < 100_000) quarterByDay.set(day, code);
  }
  return code;
}

/** What a finished dossier counts as, against its due time. */
export function finishedCounts(finishedMs: number, dueMs: number | null) {
  const isOnTime = dueMs === null || finishedMs <= dueMs;
  return {
    isOnTime,
    // Early (trước hạn) = finished at least one whole day (24 h) before the due time.
    isEarly: dueMs !== null && finishedMs <= dueMs - DAY_MS,
    isLate: !isOnTime,
  };
}
