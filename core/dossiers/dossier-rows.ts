import { type Msg, msg } from '../errors.ts';
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
  reason: Msg;
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

// Names, fields, levels and statuses repeat on every row: normalise each distinct value once. Most
// cells need no change at all, which isNormal tells faster than the map (and codes never repeat).
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
 * True when normalizeText would return `value` itself: single spaces between words, and only
 * printable ASCII, Latin-1 letters, Latin Extended-A/B (Ơ, Ư) and Latin Extended Additional (ạ…ỹ).
 * None of those characters changes under NFC or combines with its neighbour, and none is `\s` but
 * the space; a combining mark (U+0300…) or any other character takes the general path.
 */
function isNormal(value: string): boolean {
  let previous = 32; // a leading space counts as a doubled one
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 32) {
      if (previous === 32) return false;
    } else if (code < 33 || (code > 126 && code < 161) || (code > 0x2ff && (code < 0x1e00 || code > 0x1eff)))
      return false;
    previous = code;
  }
  return previous !== 32;
}

/**
 * One row's cells read field by field, with the problems found so far. A class rather than closures
 * made in each call: a file has a million rows, and the closures were an eighth of a row's check.
 */
class RowCheck {
  readonly issues: DossierIssue[] = [];
  private readonly headers: readonly string[];
  private readonly columns: DossierColumns;
  private readonly line: number;
  private readonly cells: readonly string[];

  constructor(headers: readonly string[], columns: DossierColumns, line: number, cells: readonly string[]) {
    this.headers = headers;
    this.columns = columns;
    this.line = line;
    this.cells = cells;
  }

  fail(field: DossierField, reason: Msg) {
    const index = this.columns[field];
    const column = (index === undefined ? undefined : this.headers[index]) || DOSSIER_FIELD_LABELS[field];
    this.issues.push({ line: this.line, column, reason });
  }

  text(field: DossierField): string {
    const index = this.columns[field];
    const value = index === undefined ? '' : (this.cells[index] ?? '');
    return value.trim();
  }

  optionalText(field: DossierField): string | null {
    const value = this.text(field);
    if (value.length > MAX_TEXT)
      this.fail(field, msg(`Dài quá ${MAX_TEXT} ký tự.`, `Longer than ${MAX_TEXT} characters.`));
    if (!value) return null;
    // Neither a NUL nor U+FFFD passes isNormal: only other text needs looking at again.
    if (isNormal(value)) return value;
    // A byte that was not UTF-8 (decoded as U+FFFD) or a NUL: a damaged export, never real text.
    if (value.includes('\uFFFD') || value.includes('\u0000'))
      this.fail(
        field,
        msg(
          'Có ký tự không đọc được (tệp hỏng, hoặc có đoạn không mã hoá UTF-8).',
          'Has unreadable characters (a damaged file, or a part not encoded in UTF-8).',
        ),
      );
    return normalise(value);
  }

  requiredText(field: DossierField, message: Msg): string {
    const value = this.optionalText(field);
    if (!value) this.fail(field, message);
    return value ?? '';
  }

  // A date alone for an end (due, finished, returned) means the end of that day: a dossier finished
  // "15/01/2026" is on time for a due date of 15/01/2026 and not before a receipt at 08:30 that day.
  time(field: DossierField, isEnd: boolean): number | null {
    const value = this.text(field);
    if (!value) return null;
    const parsed: ParsedTime | null = parseDossierTime(value);
    if (!parsed) {
      this.fail(
        field,
        msg(
          `"${value}" không phải ngày giờ hợp lệ (dd/mm/yyyy hh:mm hoặc ISO 8601).`,
          `"${value}" is not a valid date and time (dd/mm/yyyy hh:mm or ISO 8601).`,
        ),
      );
      return null;
    }
    return parsed.dateOnly && isEnd ? parsed.ms + DAY_MS - 1000 : parsed.ms;
  }

  flag(field: DossierField): boolean {
    const value = this.text(field);
    const parsed = parseFlag(value);
    if (parsed === null)
      this.fail(
        field,
        msg(
          `"${value}" không phải có/không (có, không, x, 1, 0, true, false).`,
          `"${value}" is not yes/no (có, không, x, 1, 0, true, false).`,
        ),
      );
    return parsed ?? false;
  }
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
  const check = new RowCheck(headers, columns, line, cells);
  const code = check.requiredText('code', msg('Thiếu mã hồ sơ.', 'The dossier code is missing.'));
  const unitCode = check.requiredText('unitCode', msg('Thiếu mã đơn vị.', 'The unit code is missing.'));
  const procedureCode = check.requiredText(
    'procedureCode',
    msg('Thiếu mã thủ tục.', 'The procedure code is missing.'),
  );
  const procedureName = check.optionalText('procedureName');
  const field = check.optionalText('field');
  const level = check.optionalText('level');
  const status = check.optionalText('status');
  const channelText = check.text('channel');
  const channel = channelText ? parseChannel(channelText) : null;
  if (!channelText) check.fail('channel', msg('Thiếu kênh nộp hồ sơ.', 'The submission channel is missing.'));
  else if (!channel)
    check.fail(
      'channel',
      msg(
        `Kênh "${channelText}" không hợp lệ: dùng Trực tiếp, Trực tuyến một phần, Trực tuyến toàn trình hoặc Bưu chính.`,
        `The channel "${channelText}" is not valid: use Trực tiếp, Trực tuyến một phần, Trực tuyến toàn trình or Bưu chính.`,
      ),
    );
  const receivedText = check.text('receivedAt');
  const receivedMs = check.time('receivedAt', false);
  if (!receivedText) check.fail('receivedAt', msg('Thiếu ngày tiếp nhận.', 'The date received is missing.'));
  const dueMs = check.time('dueAt', true);
  const finishedMs = check.time('finishedAt', true);
  const returnedMs = check.time('returnedAt', true);
  if (receivedMs !== null && finishedMs !== null && finishedMs < receivedMs)
    check.fail(
      'finishedAt',
      msg('Ngày hoàn thành trước ngày tiếp nhận.', 'Finished before it was received.'),
    );
  if (receivedMs !== null && returnedMs !== null && returnedMs < receivedMs)
    check.fail(
      'returnedAt',
      msg('Ngày trả kết quả trước ngày tiếp nhận.', 'Returned before it was received.'),
    );
  const digitised = check.flag('digitised');
  const apologyIssued = check.flag('apologyIssued');

  const { issues } = check;
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
