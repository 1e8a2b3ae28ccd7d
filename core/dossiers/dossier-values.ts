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
  // Canonical values first: folding costs more than the rest of a row's checks.
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
  const iso = ISO_TIME.exec(text);
  if (iso) {
    const fraction = iso[7] ? Number(iso[7].padEnd(3, '0').slice(0, 3)) : 0;
    return wallTime(
      Number(iso[1]),
      Number(iso[2]),
      Number(iso[3]),
      iso[4] === undefined ? null : [Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0), fraction],
      iso[8],
    );
  }
  const vn = VN_TIME.exec(text);
  if (!vn) return null;
  return wallTime(
    Number(vn[3]),
    Number(vn[2]),
    Number(vn[1]),
    vn[4] === undefined ? null : [Number(vn[4]), Number(vn[5]), Number(vn[6] ?? 0), 0],
    undefined,
  );
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function wallTime(
  year: number,
  month: number,
  day: number,
  clock: [number, number, number, number] | null,
  offset: string | undefined,
): ParsedTime | null {
  const [hour, minute, second, millis] = clock ?? [0, 0, 0, 0];
  const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 && isLeap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > monthDays || hour > 23 || minute > 59 || second > 59)
    return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const dateOnly = clock === null;
  if (!offset) return { ms: wall - VIETNAM_OFFSET_MS, dateOnly };
  if (offset === 'Z' || offset === 'z') return { ms: wall, dateOnly };
  const digits = offset.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  const offsetMs = sign * (Number(digits.slice(1, 3)) * 3600_000 + Number(digits.slice(3, 5)) * 60_000);
  return { ms: wall - offsetMs, dateOnly };
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
