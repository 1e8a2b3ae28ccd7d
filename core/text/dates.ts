/** Dates as Vietnamese users write them (dd/mm/yyyy) and as the database stores them (ISO yyyy-mm-dd). */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Accepts "2025-07-01", "01/07/2025", "1/7/2025" or "01.07.2025"; returns ISO or null when not a real date. */
export function parseDate(value: string): string | null {
  const text = value.trim();
  const isoMatch = ISO_DATE.exec(text);
  if (isoMatch) {
    const [y, m, d] = [Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])];
    return isRealDate(y, m, d) ? iso(y, m, d) : null;
  }
  const vnMatch = VN_DATE.exec(text);
  if (vnMatch) {
    const [d, m, y] = [Number(vnMatch[1]), Number(vnMatch[2]), Number(vnMatch[3])];
    return isRealDate(y, m, d) ? iso(y, m, d) : null;
  }
  return null;
}

/** "2025-07-01" → "01/07/2025". */
export function formatDateVi(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const match = ISO_DATE.exec(isoDate.slice(0, 10));
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}

/** Today's date in Vietnam (UTC+7, no daylight saving), ISO. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** An ISO date moved by a number of calendar days ("2026-02-27", 3 → "2026-03-02"). */
export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}
