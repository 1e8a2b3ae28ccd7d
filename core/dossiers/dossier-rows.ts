import { normalizeText } from '../text/vietnamese.ts';
import { DOSSIER_FIELD_LABELS, type DossierColumns, type DossierField } from './dossier-fields.ts';
import {
  type Channel,
  DAY_MS,
  dossierQuarter,
  type ParsedTime,
  parseChannel,
  parseDossierTime,
  parseFlag,
} from './dossier-values.ts';

/** A refused row: its line in the file (the header is line 1), the column as the file names it, why. */
export interface DossierIssue {
  line: number;
  column: string;
  reason: string;
}

/** A row checked and normalised, ready to stage: times in epoch milliseconds. */
export interface DossierRow {
  line: number;
  code: string;
  unitCode: string;
  procedureCode: string;
  procedureName: string | null;
  field: string | null;
  level: string | null;
  channel: Channel;
  receivedMs: number;
  dueMs: number | null;
  finishedMs: number | null;
  returnedMs: number | null;
  status: string | null;
  digitised: boolean;
  apologyIssued: boolean;
  /** The reporting quarters of receipt and of finishing ("2026Q1"). */
  receivedPeriod: string;
  finishedPeriod: string | null;
}

const MAX_TEXT = 500;

/**
 * A 53-bit hash (cyrb53) of a checked row's normalised content, the code aside: the same code twice in
 * a file must carry the same content. It only tells apart rows that share a code, so a cryptographic
 * hash buys nothing; and it is computed only when a file repeats codes or updates stored dossiers (it
 * was an eighth of a row's whole check).
 */
export function dossierContentHash(row: DossierRow): string {
  const text = [
    row.unitCode,
    row.procedureCode,
    row.procedureName,
    row.field,
    row.level,
    row.channel,
    row.receivedMs,
    row.dueMs,
    row.finishedMs,
    row.returnedMs,
    row.status,
    row.digitised,
    row.apologyIssued,
  ].join('\u0001');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ char, 2654435761);
    h2 = Math.imul(h2 ^ char, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

// Names, fields, levels and statuses repeat on every row: normalise each distinct value once.
const normalised = new Map<string, string>();
function normalise(value: string): string {
  let result = normalised.get(value);
  if (result === undefined) {
    result = normalizeText(value);
    if (normalised.size < 50_000) normalised.set(value, result);
  }
  return result;
}

/**
 * Checks one row. `headers` name the columns in refusals; `cells` are the row's text cells. Every
 * problem of the row is reported, not only the first.
 */
export function validateDossierRow(
  headers: readonly string[],
  columns: DossierColumns,
  line: number,
  cells: readonly string[],
): { row: DossierRow; issues?: undefined } | { row?: undefined; issues: DossierIssue[] } {
  const issues: DossierIssue[] = [];
  const columnName = (field: DossierField) => {
    const index = columns[field];
    return (index === undefined ? undefined : headers[index]) || DOSSIER_FIELD_LABELS[field];
  };
  const fail = (field: DossierField, reason: string) =>
    issues.push({ line, column: columnName(field), reason });
  const text = (field: DossierField): string => {
    const index = columns[field];
    const value = index === undefined ? '' : (cells[index] ?? '');
    return value.trim();
  };
  const optionalText = (field: DossierField): string | null => {
    const value = text(field);
    if (value.length > MAX_TEXT) fail(field, `Dài quá ${MAX_TEXT} ký tự.`);
    return value ? normalise(value) : null;
  };
  const requiredText = (field: DossierField, message: string): string => {
    const value = optionalText(field);
    if (!value) fail(field, message);
    return value ?? '';
  };
  // A date alone for an end (due, finished, returned) means the end of that day: a dossier finished
  // "15/01/2026" is on time for a due date of 15/01/2026 and not before a receipt at 08:30 that day.
  const time = (field: DossierField, isEnd: boolean): number | null => {
    const value = text(field);
    if (!value) return null;
    const parsed: ParsedTime | null = parseDossierTime(value);
    if (!parsed) {
      fail(field, `"${value}" không phải ngày giờ hợp lệ (dd/mm/yyyy hh:mm hoặc ISO 8601).`);
      return null;
    }
    return parsed.dateOnly && isEnd ? parsed.ms + DAY_MS - 1000 : parsed.ms;
  };
  const flag = (field: DossierField): boolean => {
    const value = text(field);
    const parsed = parseFlag(value);
    if (parsed === null) fail(field, `"${value}" không phải có/không (có, không, x, 1, 0, true, false).`);
    return parsed ?? false;
  };

  const code = requiredText('code', 'Thiếu mã hồ sơ.');
  const unitCode = requiredText('unitCode', 'Thiếu mã đơn vị.');
  const procedureCode = requiredText('procedureCode', 'Thiếu mã thủ tục.');
  const procedureName = optionalText('procedureName');
  const field = optionalText('field');
  const level = optionalText('level');
  const status = optionalText('status');
  const channelText = text('channel');
  const channel = channelText ? parseChannel(channelText) : null;
  if (!channelText) fail('channel', 'Thiếu kênh nộp hồ sơ.');
  else if (!channel)
    fail(
      'channel',
      `Kênh "${channelText}" không hợp lệ: dùng Trực tiếp, Trực tuyến một phần, Trực tuyến toàn trình hoặc Bưu chính.`,
    );
  const receivedText = text('receivedAt');
  const receivedMs = time('receivedAt', false);
  if (!receivedText) fail('receivedAt', 'Thiếu ngày tiếp nhận.');
  const dueMs = time('dueAt', true);
  const finishedMs = time('finishedAt', true);
  const returnedMs = time('returnedAt', true);
  if (receivedMs !== null && finishedMs !== null && finishedMs < receivedMs)
    fail('finishedAt', 'Ngày hoàn thành trước ngày tiếp nhận.');
  if (receivedMs !== null && returnedMs !== null && returnedMs < receivedMs)
    fail('returnedAt', 'Ngày trả kết quả trước ngày tiếp nhận.');
  const digitised = flag('digitised');
  const apologyIssued = flag('apologyIssued');

  if (issues.length > 0 || receivedMs === null || channel === null) return { issues };
  return {
    row: {
      line,
      code,
      unitCode,
      procedureCode,
      procedureName,
      field,
      level,
      channel,
      receivedMs,
      dueMs,
      finishedMs,
      returnedMs,
      status,
      digitised,
      apologyIssued,
      receivedPeriod: dossierQuarter(receivedMs),
      finishedPeriod: finishedMs === null ? null : dossierQuarter(finishedMs),
    },
  };
}
