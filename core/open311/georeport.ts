/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) as pure rules: a petition's status as the
 * standard's two (`open` for every status but closed), its outcome in words as `status_notes` (closed is
 * never read as fixed unless the outcome says so), W3C date-times, the list window (90 days, 1000
 * requests), the client's date arguments, and one document model written as JSON (Spark convention:
 * lists are arrays, the root dropped) or as XML (an escaping serializer of our own).
 */
import { type Msg, msg } from '../errors.ts';
import {
  FEEDBACK_OUTCOMES,
  FEEDBACK_STATUSES,
  type FeedbackOutcome,
  type FeedbackStatus,
} from '../feedback/workflow.ts';
import { formatDateVi } from '../text/dates.ts';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
export const FORMATS = { json: 'application/json', xml: 'text/xml' } as const;
export type Open311Format = keyof typeof FORMATS;
/** The standard's default window and cap for GET requests: 90 days or the first 1000, whichever is smaller. */
export const WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;
/** The description the standard allows ("free form text limited to 4,000 characters"). */
export const MAX_DESCRIPTION = 4000;
/** The service definition's attributes: the commune or ward it concerns (required) and the kind of petition. */
export const COMMUNE_ATTRIBUTE = 'commune';
export const KIND_ATTRIBUTE = 'kind';
/** What an app can send: the petitions (phản ánh, kiến nghị). Complaints and denunciations need a signed, identified sender. */
export const OPEN311_KINDS = ['pakn_general', 'pakn_regulation', 'pakn_conduct'] as const;
export type Open311Kind = (typeof OPEN311_KINDS)[number];

export type Locale = 'vi' | 'en';
const say = (message: Msg, locale: Locale) => (locale === 'en' ? message.en : message.vi);

/** The standard's status of an item: only a closed item is `closed`; an answer may still be reopened. */
export function open311Status(status: FeedbackStatus): 'open' | 'closed' {
  return FEEDBACK_STATUSES[status].open311;
}

/**
 * `status_notes`: the status in words, and once there is one, the outcome ("Đã đóng: Đã giải quyết",
 * "Đã đóng: Không thuộc thẩm quyền"), so a closed item says whether it was resolved.
 */
export function statusNotes(status: FeedbackStatus, outcome: FeedbackOutcome | null, locale: Locale): string {
  const state = say(FEEDBACK_STATUSES[status], locale);
  return outcome ? `${state}: ${say(FEEDBACK_OUTCOMES[outcome], locale)}` : state;
}

/** `service_notice`: the deadline of the answer while one is awaited, else nothing. */
export function serviceNotice(status: FeedbackStatus, dueOn: string, locale: Locale): string | null {
  if (status === 'answered' || status === 'closed') return null;
  return say(msg(`Hạn trả lời: ${formatDateVi(dueOn)}.`, `Answer due by ${formatDateVi(dueOn)}.`), locale);
}

/** `expected_datetime`: the end of the day the answer is due, while one is awaited. */
export function expectedDatetime(status: FeedbackStatus, dueOn: string): string | null {
  if (status === 'answered' || status === 'closed') return null;
  return `${dueOn}T23:59:59+07:00`;
}

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** A moment as W3C date-time in Vietnam's time (UTC+07:00, no daylight saving), to the second. */
export function w3cDatetime(at: Date): string {
  return `${new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A client's start_date or end_date in the W3C profile of ISO 8601: a date-time with its zone, or a
 * day alone (taken as that day's start in Vietnam). Null when it is neither.
 */
export function parseW3c(value: string): Date | null {
  const match = W3C.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, zone] = match;
  const text = h
    ? `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${zone === 'Z' ? 'Z' : zone}`
    : `${y}-${mo}-${d}T00:00:00+07:00`;
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) return null;
  // "2026-02-30" rolls over in Date: refuse it rather than read another day.
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCMonth() !== Number(mo) - 1) return null;
  return at;
}

export type WindowResult = { ok: true; from: Date; to: Date } | { ok: false; message: Msg };

/**
 * The window of GET requests: both ends as given, else the 90 days before the end (or after the start,
 * or up to now); a window longer than 90 days or ending before it starts is refused.
 */
export function requestWindow(start: string | undefined, end: string | undefined, now: Date): WindowResult {
  const span = WINDOW_DAYS * 24 * 3600_000;
  const from = start ? parseW3c(start) : null;
  const to = end ? parseW3c(end) : null;
  if (start && !from)
    return {
      ok: false,
      message: msg(
        'start_date phải theo định dạng W3C, ví dụ 2026-12-01T00:00:00+07:00.',
        'start_date must be in the W3C format, e.g. 2026-12-01T00:00:00+07:00.',
      ),
    };
  if (end && !to)
    return {
      ok: false,
      message: msg(
        'end_date phải theo định dạng W3C, ví dụ 2026-12-31T23:59:59+07:00.',
        'end_date must be in the W3C format, e.g. 2026-12-31T23:59:59+07:00.',
      ),
    };
  const upper = to ?? (from ? new Date(from.getTime() + span) : now);
  const lower = from ?? new Date(upper.getTime() - span);
  if (lower.getTime() > upper.getTime())
    return {
      ok: false,
      message: msg('start_date phải trước end_date.', 'start_date must come before end_date.'),
    };
  if (upper.getTime() - lower.getTime() > span)
    return {
      ok: false,
      message: msg(
        `Khoảng thời gian tìm không được quá ${WINDOW_DAYS} ngày.`,
        `The search may not span more than ${WINDOW_DAYS} days.`,
      ),
    };
  return { ok: true, from: lower, to: upper };
}

/** A comma-delimited argument ("open,closed") as its distinct non-empty values. */
export function commaList(value: string | undefined): string[] {
  if (!value) return [];
  return [
    ...new Set(
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
}

// --- the document model, written as JSON or XML ---

/** A list of elements of one name (`<services><service>…`): an array in JSON. */
export interface XmlList {
  readonly item: string;
  readonly items: readonly Node[];
}
export type Node = string | number | boolean | null | XmlList | { readonly [key: string]: Node };
export interface Document {
  /** The XML root element ("services", "service_requests", "errors"…); JSON drops it. */
  root: string;
  body: Node;
}

export const list = (item: string, items: readonly Node[]): XmlList => ({ item, items });

const isList = (node: Node): node is XmlList =>
  typeof node === 'object' && node !== null && 'item' in node && 'items' in node && Array.isArray(node.items);

export function toJson(node: Node): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (isList(node)) return node.items.map(toJson);
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, toJson(value)]));
}

/**
 * Text XML 1.0 can carry: lone surrogates made U+FFFD, control characters other than tab, line feed
 * and carriage return dropped, and U+FFFE/U+FFFF dropped.
 */
function xmlSafe(text: string): string {
  let out = '';
  for (const char of text.toWellFormed()) {
    const code = char.codePointAt(0) ?? 0;
    const control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    if (!control && code !== 0xfffe && code !== 0xffff) out += char;
  }
  return out;
}

/** Text as XML element content (the only place this model writes text): &, < and > escaped, impossible characters dropped. */
export function escapeXml(text: string): string {
  return xmlSafe(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function element(name: string, node: Node): string {
  if (node === null) return `<${name}/>`;
  if (typeof node !== 'object') return `<${name}>${escapeXml(String(node))}</${name}>`;
  if (isList(node))
    return `<${name}>${node.items.map((item) => element(node.item, item)).join('')}</${name}>`;
  return `<${name}>${Object.entries(node)
    .map(([key, value]) => element(key, value))
    .join('')}</${name}>`;
}

export function toXml(document: Document): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(document.root, document.body)}`;
}

export function render(document: Document, format: Open311Format): string {
  return format === 'xml' ? toXml(document) : JSON.stringify(toJson(document.body));
}

/** The standard's error document: `[{"code":400,"description":"…"}]` / `<errors><error>…`. */
export function errorDocument(errors: readonly { code: number; description: string }[]): Document {
  return {
    root: 'errors',
    body: list(
      'error',
      errors.map((error) => ({ code: error.code, description: error.description })),
    ),
  };
}
