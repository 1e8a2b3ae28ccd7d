/**
 * Just enough DER for CMS, X.509 and RFC 3161: a reader that keeps every element's byte offsets (a signed
 * part is verified over its original bytes, never a re-encoding) and writers for the few types we build.
 */

export interface Der {
  readonly tag: number;
  /** The whole element: tag, length and content. */
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
  readonly bytes: Buffer;
}

export class DerError extends Error {}

const MAX_DEPTH = 64;

/** Reads the element at `offset`; throws DerError on anything malformed or running past the buffer. */
export function readDer(bytes: Buffer, offset = 0, limit = bytes.length): Der {
  if (offset + 2 > limit) throw new DerError('truncated element');
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not used here');
  let length = bytes[offset + 1] as number;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new DerError('indefinite or huge length');
    if (contentStart + count > limit) throw new DerError('truncated length');
    length = 0;
    for (let index = 0; index < count; index++)
      length = length * 256 + (bytes[contentStart + index] as number);
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError('element runs past its parent');
  return { tag, start: offset, contentStart, end, bytes };
}

/** The elements inside a constructed element. */
export function children(element: Der, depth = 0): Der[] {
  if (depth > MAX_DEPTH) throw new DerError('nested too deep');
  const result: Der[] = [];
  let offset = element.contentStart;
  while (offset < element.end) {
    const child = readDer(element.bytes, offset, element.end);
    result.push(child);
    offset = child.end;
  }
  return result;
}

export const content = (element: Der): Buffer => element.bytes.subarray(element.contentStart, element.end);
export const raw = (element: Der): Buffer => element.bytes.subarray(element.start, element.end);

/** The child at `index`, or a DerError naming what was expected. */
export function child(element: Der, index: number, expectedTag?: number): Der {
  const found = children(element)[index];
  if (!found) throw new DerError(`missing element ${index}`);
  if (expectedTag !== undefined && found.tag !== expectedTag)
    throw new DerError(`element ${index} has tag ${found.tag}, expected ${expectedTag}`);
  return found;
}

export function decodeOid(element: Der): string {
  if (element.tag !== 0x06) throw new DerError('not an OBJECT IDENTIFIER');
  const value = content(element);
  const parts: number[] = [];
  let current = 0;
  for (const byte of value) {
    current = current * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(current);
      current = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}

const STRING_TAGS = new Set([0x0c, 0x13, 0x14, 0x16, 0x1a, 0x1e, 0x1c]);

/** A directory string of any of the types certificates use. */
export function decodeString(element: Der): string {
  const value = content(element);
  if (element.tag === 0x1e) return Buffer.from(value).swap16().toString('utf16le');
  if (element.tag === 0x1c) {
    let text = '';
    for (let index = 0; index + 3 < value.length; index += 4)
      text += String.fromCodePoint(value.readUInt32BE(index));
    return text;
  }
  if (element.tag === 0x14) return value.toString('latin1');
  if (!STRING_TAGS.has(element.tag)) throw new DerError('not a string');
  return value.toString('utf8');
}

/** UTCTime or GeneralizedTime. */
export function decodeTime(element: Der): Date {
  const text = content(element).toString('latin1');
  const match = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(\.\d+)?Z$/.exec(text);
  if (!match) throw new DerError(`unreadable time ${text}`);
  let year = Number(match[1]);
  if (element.tag === 0x17) year += year < 50 ? 2000 : 1900;
  const millis = match[7] ? Math.round(Number(match[7]) * 1000) : 0;
  return new Date(
    Date.UTC(
      year,
      Number(match[2]) - 1,
      Number(match[3]),
      Number(match[4]),
      Number(match[5]),
      Number(match[6] ?? 0),
      millis,
    ),
  );
}

// Writers.

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const digits: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) digits.unshift(rest % 256);
  return Buffer.from([0x80 | digits.length, ...digits]);
}

export const tlv = (tag: number, value: Buffer): Buffer =>
  Buffer.concat([Buffer.from([tag]), lengthBytes(value.length), value]);
export const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
/** A SET OF in DER order (elements sorted by their encodings). */
export const setOf = (...items: Buffer[]): Buffer =>
  tlv(0x31, Buffer.concat([...items].sort(Buffer.compare)));
export const octets = (value: Buffer): Buffer => tlv(0x04, value);
export const nullValue = (): Buffer => Buffer.from([0x05, 0x00]);
export const bool = (value: boolean): Buffer => Buffer.from([0x01, 0x01, value ? 0xff : 0x00]);
/** [n] EXPLICIT or a constructed [n] IMPLICIT: the caller passes the content. */
export const contextTag = (n: number, value: Buffer): Buffer => tlv(0xa0 + n, value);

export function integer(value: number | bigint | Buffer): Buffer {
  let bytes: Buffer;
  if (Buffer.isBuffer(value)) bytes = value;
  else {
    let hex = BigInt(value).toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    bytes = Buffer.from(hex, 'hex');
  }
  if (bytes.length === 0 || (bytes[0] as number) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const [first = 0, second = 0, ...rest] = parts;
  const bytes: number[] = [];
  for (const part of [first * 40 + second, ...rest]) {
    const group: number[] = [part & 0x7f];
    for (let value = Math.floor(part / 128); value > 0; value = Math.floor(value / 128))
      group.unshift((value & 0x7f) | 0x80);
    bytes.push(...group);
  }
  return tlv(0x06, Buffer.from(bytes));
}

export function generalizedTime(date: Date): Buffer {
  const iso = date
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return tlv(0x18, Buffer.from(iso, 'latin1'));
}

export const algorithm = (dotted: string, withNull = true): Buffer =>
  withNull ? sequence(oid(dotted), nullValue()) : sequence(oid(dotted));
