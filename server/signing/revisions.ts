import {
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFStream,
} from 'pdf-lib';
import { isSignatureWidget, NAME } from './fields.ts';
import { loadPdf } from './pdf-update.ts';

export type ChangesAfter = 'none' | 'signatures-only' | 'other';

const MAX_REVISIONS = 64;

/** Where each revision after `from` ends: after each %%EOF and its end of line, and the file's end. */
export function revisionEnds(bytes: Buffer, from: number): number[] {
  const ends: number[] = [];
  let at = bytes.indexOf('%%EOF', from, 'latin1');
  while (at >= 0 && ends.length <= MAX_REVISIONS) {
    let end = at + 5;
    while (end < bytes.length && (bytes[end] === 0x0d || bytes[end] === 0x0a)) end++;
    ends.push(end);
    at = bytes.indexOf('%%EOF', end, 'latin1');
  }
  if (ends[ends.length - 1] !== bytes.length) ends.push(bytes.length);
  return ends;
}

/** pdf-lib's reading of a file's first `length` bytes, shared by the signatures of one inspection. */
export class Revisions {
  private readonly loaded = new Map<number, Promise<PDFDocument | null>>();
  readonly bytes: Buffer;
  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }

  at(length: number): Promise<PDFDocument | null> {
    let doc = this.loaded.get(length);
    if (!doc) {
      doc = loadPdf(this.bytes.subarray(0, length)).catch(() => null);
      this.loaded.set(length, doc);
    }
    return doc;
  }

  /** What the revisions after `from` change: nothing, only signatures (new or filled fields), or more. */
  async changesAfter(from: number): Promise<ChangesAfter> {
    if (!/\S/.test(this.bytes.subarray(from).toString('latin1'))) return 'none';
    const ends = revisionEnds(this.bytes, from);
    if (ends.length > MAX_REVISIONS) return 'other';
    let start = from;
    for (const end of ends) {
      const before = await this.at(start);
      const after = await this.at(end);
      if (!before || !after || !onlySignatures(before, after)) return 'other';
      start = end;
    }
    return 'signatures-only';
  }
}

const streamKey = (stream: PDFStream) =>
  stream instanceof PDFRawStream
    ? `${stream.dict.toString()}${Buffer.from(stream.contents).toString('latin1')}`
    : null;

/** Whether every object `after` changed from `before` is a signature field, its widget or their lists. */
export function onlySignatures(before: PDFDocument, after: PDFDocument): boolean {
  for (const [ref, object] of after.context.enumerateIndirectObjects()) {
    const old = before.context.lookup(ref);
    if (old === undefined) continue;
    if (object instanceof PDFStream || old instanceof PDFStream) {
      if (!(object instanceof PDFStream && old instanceof PDFStream)) return false;
      const key = streamKey(object);
      if (key === null || key !== streamKey(old)) return false;
      continue;
    }
    if (old.toString() === object.toString()) continue;
    if (!allowedChange(before, after, old, object)) return false;
  }
  const rootBefore = before.context.trailerInfo.Root?.toString();
  return rootBefore === after.context.trailerInfo.Root?.toString();
}

const CATALOG_KEYS = new Set(['/AcroForm']);
const FORM_KEYS = new Set(['/Fields', '/SigFlags', '/DR', '/DA']);
const PAGE_KEYS = new Set(['/Annots']);

function allowedChange(before: PDFDocument, after: PDFDocument, old: PDFObject, now: PDFObject): boolean {
  if (old instanceof PDFArray && now instanceof PDFArray)
    return addsOnlySignatureWidgets(before, after, old, now);
  if (!(old instanceof PDFDict && now instanceof PDFDict)) return false;
  const type = old.get(PDFName.of('Type'))?.toString();
  const isSignatureField = isSignatureWidget(old);
  const keys = new Set([...old.keys(), ...now.keys()].map((key) => key.toString()));
  for (const key of keys) {
    const name = PDFName.of(key.slice(1));
    const was = old.get(name);
    const is = now.get(name);
    if (was?.toString() === is?.toString()) continue;
    if (type === '/Catalog' && CATALOG_KEYS.has(key)) {
      const formBefore = old.lookup(name);
      const formAfter = now.lookup(name);
      if (formAfter instanceof PDFDict && (formBefore === undefined || formBefore instanceof PDFDict)) {
        if (formBefore && !allowedChange(before, after, formBefore, formAfter)) return false;
        continue;
      }
      return false;
    }
    if (now.has(NAME.Fields) && FORM_KEYS.has(key)) {
      if (key === '/Fields' && !arraysAddOnlySignatures(before, after, old.lookup(name), now.lookup(name)))
        return false;
      continue;
    }
    if (type === '/Page' && PAGE_KEYS.has(key)) {
      if (!arraysAddOnlySignatures(before, after, old.lookup(name), now.lookup(name))) return false;
      continue;
    }
    // Signing a prepared field: its value appears once, and its appearance changes.
    if (isSignatureField && ((key === '/V' && was === undefined) || key === '/AP')) continue;
    return false;
  }
  return true;
}

function arraysAddOnlySignatures(
  before: PDFDocument,
  after: PDFDocument,
  old: unknown,
  now: unknown,
): boolean {
  if (!(now instanceof PDFArray)) return false;
  if (old !== undefined && !(old instanceof PDFArray)) return false;
  return addsOnlySignatureWidgets(before, after, old ?? before.context.obj([]), now);
}

function addsOnlySignatureWidgets(
  before: PDFDocument,
  after: PDFDocument,
  old: PDFArray,
  now: PDFArray,
): boolean {
  const kept = new Set(old.asArray().map((item) => item.toString()));
  const remaining = new Set(now.asArray().map((item) => item.toString()));
  for (const item of kept) if (!remaining.has(item)) return false;
  for (const item of now.asArray()) {
    if (kept.has(item.toString())) continue;
    const dict = after.context.lookup(item);
    if (!(dict instanceof PDFDict) || !isSignatureWidget(dict)) return false;
    // A widget that existed before may not be re-listed under a new role.
    if (
      before.context.lookup(item) instanceof PDFDict &&
      !isSignatureWidget(before.context.lookup(item) as PDFDict)
    )
      return false;
  }
  return true;
}
