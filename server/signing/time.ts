/** Times as signatures show them: Vietnam's time zone (UTC+07:00, no daylight saving). */
const OFFSET_MS = 7 * 3600 * 1000;

const vietnamParts = (date: Date) => {
  const shifted = new Date(date.getTime() + OFFSET_MS).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 19) };
};

/** ISO 8601 with +07:00: 2026-12-06T10:15:30+07:00. */
export function isoVietnam(date: Date): string {
  const { date: day, time } = vietnamParts(date);
  return `${day}T${time}+07:00`;
}

/** dd/mm/yyyy HH:MM:SS +07:00, as the visible signature says it. */
export function viDateTime(date: Date): string {
  const { date: day, time } = vietnamParts(date);
  const [year, month, dayOfMonth] = day.split('-');
  return `${dayOfMonth}/${month}/${year} ${time} +07:00`;
}

/** A PDF date (/M): D:20261206101530+07'00'. */
export function pdfDate(date: Date): string {
  const { date: day, time } = vietnamParts(date);
  return `D:${day.replace(/-/g, '')}${time.replace(/:/g, '')}+07'00'`;
}

/** Reads a PDF date; null when it is not one. */
export function parsePdfDate(text: string): Date | null {
  const match = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([+-])(\d{2})'?(\d{2})?'?|Z'?)?/.exec(
    text.trim(),
  );
  if (!match) return null;
  const [year, month = '01', day = '01', hour = '00', minute = '00', second = '00'] = match
    .slice(1, 7)
    .map((part) => part);
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  const sign = match[7] === '-' ? -1 : 1;
  const offset = match[7] ? sign * (Number(match[8]) * 60 + Number(match[9] ?? 0)) * 60_000 : 0;
  const date = new Date(utc - offset);
  return Number.isNaN(date.getTime()) ? null : date;
}
