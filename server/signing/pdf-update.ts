import { type PDFContext, PDFDocument, type PDFObject, PDFRef, PDFStream } from 'pdf-lib';
import { AppError, msg } from '../../core/errors.ts';

/**
 * An incremental update of a PDF: pdf-lib reads the file (classic xref tables, xref streams, object
 * streams, earlier updates), the caller changes its objects, and only the objects that changed or are
 * new are appended after the original bytes, with a cross-reference section of the same kind as the
 * previous one and /Prev pointing to it. The original bytes are never rewritten.
 */
export interface PdfUpdate {
  readonly original: Buffer;
  readonly doc: PDFDocument;
  readonly context: PDFContext;
  /** Object numbers from here on are new in this update. */
  readonly firstNew: number;
  readonly previousXref: number;
  readonly previousIsStream: boolean;
  readonly previousSize: number;
  /** Each existing non-stream object as it read, to find what the caller changed. */
  readonly snapshot: Map<number, string>;
}

export const damagedPdf = (detail: string) =>
  new AppError(
    'UNSUPPORTED_FILE',
    msg(`Tệp PDF bị hỏng hoặc không đọc được (${detail}).`, `The PDF is damaged or unreadable (${detail}).`),
  );

/** The offset the last `startxref` points to. */
export function lastStartXref(bytes: Buffer): number {
  const tail = bytes.subarray(Math.max(0, bytes.length - 2048)).toString('latin1');
  const matches = [...tail.matchAll(/startxref\s+(\d+)/g)];
  const offset = Number(matches[matches.length - 1]?.[1]);
  if (!Number.isInteger(offset) || offset <= 0 || offset >= bytes.length) throw damagedPdf('startxref');
  return offset;
}

/** Loads a PDF with pdf-lib without changing anything about it. */
export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, {
    updateMetadata: false,
    ignoreEncryption: true,
    throwOnInvalidObject: false,
  });
}

export async function openForUpdate(original: Buffer): Promise<PdfUpdate> {
  const previousXref = lastStartXref(original);
  let doc: PDFDocument;
  try {
    doc = await loadPdf(original);
  } catch (error) {
    throw damagedPdf(error instanceof Error ? error.message : String(error));
  }
  const context = doc.context;
  if (context.trailerInfo.Encrypt)
    throw new AppError(
      'UNSUPPORTED_FILE',
      msg(
        'Không ký được tệp PDF đã mã hóa (có mật khẩu).',
        'An encrypted (password-protected) PDF cannot be signed.',
      ),
    );
  const text = original.toString('latin1');
  const previousIsStream = !/^\s*xref/.test(text.slice(previousXref, previousXref + 32));
  const sizes = [...text.slice(previousXref).matchAll(/\/Size\s+(\d+)/g)].map((match) => Number(match[1]));
  let largest = context.largestObjectNumber;
  // Object and xref streams are not kept by pdf-lib: their numbers must not be reused.
  for (const match of text.matchAll(/(?:^|[\s>\]])(\d{1,7})\s+\d{1,5}\s+obj\b/g))
    largest = Math.max(largest, Number(match[1]));
  const previousSize = Math.max(largest + 1, ...sizes);
  context.largestObjectNumber = previousSize - 1;
  const snapshot = new Map<number, string>();
  for (const [ref, object] of context.enumerateIndirectObjects())
    if (!(object instanceof PDFStream)) snapshot.set(ref.objectNumber, object.toString());
  return {
    original,
    doc,
    context,
    firstNew: previousSize,
    previousXref,
    previousIsStream,
    previousSize,
    snapshot,
  };
}

function objectBytes(object: PDFObject): Buffer {
  const buffer = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(buffer, 0);
  return Buffer.from(buffer);
}

/** An object the caller writes itself (the signature dictionary, whose bytes are patched afterwards). */
export interface RawObject {
  ref: PDFRef;
  body: Buffer;
}

export interface AppendedRevision {
  bytes: Buffer;
  /** Where each raw object's body starts in `bytes`. */
  rawOffsets: Map<number, number>;
}

/** The changed and new objects, then the xref section and trailer, after the original bytes. */
export function appendRevision(update: PdfUpdate, rawObjects: RawObject[] = []): AppendedRevision {
  const { context, original } = update;
  const rawNumbers = new Set(rawObjects.map((item) => item.ref.objectNumber));
  const chunks: Buffer[] = [original];
  let length = original.length;
  const push = (chunk: Buffer) => {
    chunks.push(chunk);
    length += chunk.length;
  };
  if (original[original.length - 1] !== 0x0a && original[original.length - 1] !== 0x0d)
    push(Buffer.from('\n'));
  const offsets = new Map<number, { offset: number; generation: number }>();
  const rawOffsets = new Map<number, number>();
  const header = (ref: PDFRef) => {
    offsets.set(ref.objectNumber, { offset: length, generation: ref.generationNumber });
    push(Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1'));
  };
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (rawNumbers.has(ref.objectNumber)) continue;
    const isNew = ref.objectNumber >= update.firstNew;
    if (
      !isNew &&
      (object instanceof PDFStream || update.snapshot.get(ref.objectNumber) === object.toString())
    )
      continue;
    header(ref);
    push(objectBytes(object));
    push(Buffer.from('\nendobj\n'));
  }
  for (const item of rawObjects) {
    header(item.ref);
    rawOffsets.set(item.ref.objectNumber, length);
    push(item.body);
    push(Buffer.from('\nendobj\n'));
  }
  const { Root, Info, ID } = context.trailerInfo;
  const trailerEntries = [
    `/Prev ${update.previousXref}`,
    Root ? `/Root ${Root.toString()}` : '',
    Info ? `/Info ${Info.toString()}` : '',
    ID ? `/ID ${ID.toString()}` : '',
  ].filter(Boolean);
  const xrefOffset = length;
  if (update.previousIsStream) {
    const xrefRef = context.nextRef();
    offsets.set(xrefRef.objectNumber, { offset: xrefOffset, generation: 0 });
    const numbers = [...offsets.keys()].sort((a, b) => a - b);
    const data = Buffer.alloc(numbers.length * 7);
    numbers.forEach((number, index) => {
      const entry = offsets.get(number) as { offset: number; generation: number };
      data.writeUInt8(1, index * 7);
      data.writeUInt32BE(entry.offset, index * 7 + 1);
      data.writeUInt16BE(entry.generation, index * 7 + 5);
    });
    const size = Math.max(update.previousSize, context.largestObjectNumber + 1);
    const dict = `<< /Type /XRef /Size ${size} /W [1 4 2] /Index [${subsections(numbers).flat().join(' ')}] ${trailerEntries.join(' ')} /Length ${data.length} >>`;
    push(Buffer.from(`${xrefRef.objectNumber} 0 obj\n${dict}\nstream\n`, 'latin1'));
    push(data);
    push(Buffer.from('\nendstream\nendobj\n'));
  } else {
    const numbers = [...offsets.keys()].sort((a, b) => a - b);
    let table = 'xref\n';
    for (const [first, count] of subsections(numbers)) {
      table += `${first} ${count}\n`;
      for (let number = first; number < first + count; number++) {
        const entry = offsets.get(number) as { offset: number; generation: number };
        table += `${String(entry.offset).padStart(10, '0')} ${String(entry.generation).padStart(5, '0')} n\r\n`;
      }
    }
    const size = Math.max(update.previousSize, context.largestObjectNumber + 1);
    table += `trailer\n<< /Size ${size} ${trailerEntries.join(' ')} >>\n`;
    push(Buffer.from(table, 'latin1'));
  }
  push(Buffer.from(`startxref\n${xrefOffset}\n%%EOF\n`, 'latin1'));
  return { bytes: Buffer.concat(chunks, length), rawOffsets };
}

/** Consecutive object numbers as [first, count] pairs. */
function subsections(numbers: number[]): Array<[number, number]> {
  const result: Array<[number, number]> = [];
  for (const number of numbers) {
    const last = result[result.length - 1];
    if (last && last[0] + last[1] === number) last[1]++;
    else result.push([number, 1]);
  }
  return result;
}

export { PDFRef };
