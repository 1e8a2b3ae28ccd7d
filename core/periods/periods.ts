/**
 * Reporting periods with DHIS2-style codes (2026M03, 2026Q1, 2026S1, 2026) and the Vietnamese cut-off
 * rule: a period's data runs from the 15th of the month before it to the 14th of its last month
 * (Nghị định 09/2019/NĐ-CP, as restated in provincial rules), and the report is due on the 20th of
 * its last month. Every number here is a setting of the reporting regime.
 */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

export interface Period {
  code: string;
  kind: PeriodKind;
  year: number;
  /** 1-based month (1–12), quarter (1–4) or half (1–2); 1 for a year. */
  index: number;
  /** First and last calendar month of the period (1–12). */
  firstMonth: number;
  lastMonth: number;
}

export interface ReportingRegime {
  /** Data close on this day of the period's last month; they open the day after, one month earlier. */
  cutoffDay: number;
  /** The report is due on this day of the period's last month. */
  dueDay: number;
  /** A province's earlier internal deadline: this many working days after the cut-off (null: none). */
  internalDueWorkdays: number | null;
}

export const DEFAULT_REGIME: ReportingRegime = { cutoffDay: 14, dueDay: 20, internalDueWorkdays: null };

const PATTERN = /^(\d{4})(?:M(0[1-9]|1[0-2])|Q([1-4])|S([12]))?$/;

/** "2026Q1" → the period, or null when the code is not one we know. */
export function parsePeriod(code: string): Period | null {
  const match = PATTERN.exec(code.trim().toUpperCase());
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2]) {
    const month = Number(match[2]);
    return {
      code: `${year}M${match[2]}`,
      kind: 'month',
      year,
      index: month,
      firstMonth: month,
      lastMonth: month,
    };
  }
  if (match[3]) {
    const quarter = Number(match[3]);
    return {
      code: `${year}Q${quarter}`,
      kind: 'quarter',
      year,
      index: quarter,
      firstMonth: quarter * 3 - 2,
      lastMonth: quarter * 3,
    };
  }
  if (match[4]) {
    const half = Number(match[4]);
    return {
      code: `${year}S${half}`,
      kind: 'half',
      year,
      index: half,
      firstMonth: half * 6 - 5,
      lastMonth: half * 6,
    };
  }
  return { code: String(year), kind: 'year', year, index: 1, firstMonth: 1, lastMonth: 12 };
}

export function isoDate(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.toISOString().slice(0, 10);
}

export interface PeriodWindow {
  code: string;
  dataFrom: string;
  dataTo: string;
  due: string;
}

/** The data window and due date of a period under a regime. */
export function periodWindow(period: Period, regime: ReportingRegime = DEFAULT_REGIME): PeriodWindow {
  // Date.UTC rolls month 0 back to December of the year before: Q1 opens on 15/12 of the previous year.
  return {
    code: period.code,
    dataFrom: isoDate(period.year, period.firstMonth - 1, regime.cutoffDay + 1),
    dataTo: isoDate(period.year, period.lastMonth, regime.cutoffDay),
    due: isoDate(period.year, period.lastMonth, regime.dueDay),
  };
}

/** The period of a kind whose data window contains the date (e.g. 20/12/2025 is in 2026Q1). */
export function periodContaining(
  date: string,
  kind: PeriodKind,
  regime: ReportingRegime = DEFAULT_REGIME,
): Period {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  // After the cut-off day, data belong to the next month's period.
  const shifted =
    day > regime.cutoffDay
      ? month === 12
        ? { year: year + 1, month: 1 }
        : { year, month: month + 1 }
      : { year, month };
  const { year: y, month: m } = shifted;
  const code =
    kind === 'month'
      ? `${y}M${String(m).padStart(2, '0')}`
      : kind === 'quarter'
        ? `${y}Q${Math.ceil(m / 3)}`
        : kind === 'half'
          ? `${y}S${m <= 6 ? 1 : 2}`
          : String(y);
  const period = parsePeriod(code);
  if (!period) throw new Error(`no period for ${date}`);
  return period;
}

/** A year's quarters, halves and the year itself, in the order their reports fall due. */
export function yearPeriodCodes(year: number): string[] {
  return [`${year}Q1`, `${year}Q2`, `${year}S1`, `${year}Q3`, `${year}Q4`, `${year}S2`, `${year}`];
}

/**
 * The quarters, halves and years whose report falls due between two dates (inclusive), earliest due
 * first: what a unit has to write around today (a unit's inbox).
 */
export function periodsDueBetween(
  from: string,
  to: string,
  regime: ReportingRegime = DEFAULT_REGIME,
): PeriodWindow[] {
  const first = Number(from.slice(0, 4)) - 1;
  const last = Number(to.slice(0, 4)) + 1;
  const windows: PeriodWindow[] = [];
  for (let year = first; year <= last; year++) {
    for (const code of yearPeriodCodes(year)) {
      const period = parsePeriod(code);
      if (!period) continue;
      const window = periodWindow(period, regime);
      if (window.due >= from && window.due <= to) windows.push(window);
    }
  }
  // Stable: on the same due date a quarter comes before its half and its year.
  return windows.sort((a, b) => a.due.localeCompare(b.due));
}
