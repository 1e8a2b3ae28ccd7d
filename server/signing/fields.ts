import {
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  type PDFRef,
  PDFString,
} from 'pdf-lib';
import type { Rect } from './appearance.ts';

/** The signature fields of a PDF's form: names, dictionaries and their signature values. */
export const NAME = {
  AcroForm: PDFName.of('AcroForm'),
  Fields: PDFName.of('Fields'),
  Kids: PDFName.of('Kids'),
  Parent: PDFName.of('Parent'),
  T: PDFName.of('T'),
  FT: PDFName.of('FT'),
  Sig: PDFName.of('Sig'),
  V: PDFName.of('V'),
  Annots: PDFName.of('Annots'),
  Rect: PDFName.of('Rect'),
  P: PDFName.of('P'),
  AP: PDFName.of('AP'),
  SigFlags: PDFName.of('SigFlags'),
} as const;

const MAX_FIELDS = 10_000;

export function textOf(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return undefined;
}

/** The form dictionary, created inline in the catalog when `create` and absent. */
export function acroFormOf(doc: PDFDocument, create: boolean): PDFDict | undefined {
  const existing = doc.catalog.lookupMaybe(NAME.AcroForm, PDFDict);
  if (existing || !create) return existing;
  const form = doc.context.obj({ Fields: [] });
  doc.catalog.set(NAME.AcroForm, form);
  return form;
}

/** An array held at `key` of `dict`, created inline when absent. */
export function arrayAt(doc: PDFDocument, dict: PDFDict, key: PDFName): PDFArray {
  const existing = dict.lookupMaybe(key, PDFArray);
  if (existing) return existing;
  const array = doc.context.obj([]);
  dict.set(key, array);
  return array;
}

export interface FieldEntry {
  name: string;
  dict: PDFDict;
  ref: PDFRef | undefined;
  isSignature: boolean;
}

/** Every terminal field, with its full name (parents' names joined by dots) and inherited type. */
export function formFields(doc: PDFDocument): FieldEntry[] {
  const form = acroFormOf(doc, false);
  const roots = form?.lookupMaybe(NAME.Fields, PDFArray);
  const result: FieldEntry[] = [];
  const seen = new Set<PDFDict>();
  const walk = (array: PDFArray, prefix: string, inheritedType: PDFObject | undefined) => {
    for (let index = 0; index < array.size() && result.length < MAX_FIELDS; index++) {
      const raw = array.get(index);
      const dict = doc.context.lookup(raw);
      if (!(dict instanceof PDFDict) || seen.has(dict)) continue;
      seen.add(dict);
      const partial = textOf(dict.lookup(NAME.T));
      const name = partial === undefined ? prefix : prefix ? `${prefix}.${partial}` : partial;
      const type = dict.get(NAME.FT) ?? inheritedType;
      const kids = dict.lookupMaybe(NAME.Kids, PDFArray);
      const kidsAreFields = kids
        ?.asArray()
        .some(
          (kid) =>
            doc.context.lookup(kid) instanceof PDFDict && (doc.context.lookup(kid) as PDFDict).has(NAME.T),
        );
      if (kids && kidsAreFields) walk(kids, name, type);
      else
        result.push({
          name,
          dict,
          ref: raw instanceof Object && 'objectNumber' in raw ? (raw as PDFRef) : undefined,
          isSignature: type === NAME.Sig,
        });
    }
  };
  if (roots) walk(roots, '', undefined);
  return result;
}

/** A widget dictionary that is also a signature field (or the kid of one). */
export function isSignatureWidget(dict: PDFDict): boolean {
  let current: PDFDict | undefined = dict;
  for (let depth = 0; current && depth < 32; depth++) {
    if (current.get(NAME.FT) === NAME.Sig) return true;
    current = current.lookupMaybe(NAME.Parent, PDFDict);
  }
  return false;
}

export const rectArray = (doc: PDFDocument, rect: Rect) =>
  doc.context.obj(
    [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height].map((value) => Math.round(value * 100) / 100),
  );

export function rectOf(dict: PDFDict): Rect {
  const array = dict.lookupMaybe(NAME.Rect, PDFArray);
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = (array?.asArray() ?? []).map((value) =>
    value instanceof PDFNumber ? value.asNumber() : 0,
  );
  return { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
}

/** A name no field has yet: Chữ ký 1, 2… as ASCII (readers show it in lists). */
export function freeFieldName(doc: PDFDocument): string {
  const names = new Set(formFields(doc).map((field) => field.name));
  let index = 1;
  while (names.has(`Signature${index}`)) index++;
  return `Signature${index}`;
}

/** A PDF text string: ASCII as a literal, anything else as UTF-16BE. */
export const pdfText = (text: string) =>
  /^[\x20-\x7e]*$/.test(text) ? PDFString.of(text.replace(/[\\()]/g, '\\$&')) : PDFHexString.fromText(text);

/** A new signature field merged with its widget on `pageIndex`, listed in the form and the page. */
export function addSignatureWidget(
  doc: PDFDocument,
  options: { pageIndex: number; rect: Rect; name: string; appearance: PDFRef },
): { dict: PDFDict; ref: PDFRef } {
  const page = doc.getPage(options.pageIndex);
  const dict = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: pdfText(options.name),
    F: 132,
    Rect: rectArray(doc, options.rect),
    P: page.ref,
    AP: { N: options.appearance },
  });
  const ref = doc.context.register(dict);
  arrayAt(doc, acroFormOf(doc, true) as PDFDict, NAME.Fields).push(ref);
  arrayAt(doc, page.node, NAME.Annots).push(ref);
  return { dict, ref };
}
