import { createInterface } from 'node:readline';
import { PassThrough, type Readable, Transform } from 'node:stream';
import type { Row } from 'exceljs';
import { AppError, msg } from '../../core/errors.ts';
import { detectVietnameseEncoding, ENCODING_MESSAGES } from '../../core/text/legacy-encoding.ts';
import { checkZipFile, type ZipLimits } from '../files/zip-limits.ts';
import { csvRows, lineTooLong, MAX_RECORD_BYTES } from './csv-rows.ts';

/**
 * Dossier files read as a stream of rows, never whole: CSV (comma, semicolon or tab), JSON lines and
 * .xlsx. The first row yielded is the header (line 1, or the keys of the first JSON object).
 */
export type DossierFormat = 'csv' | 'jsonl' | 'xlsx';

export interface FileRow {
  /** As the user finds it: the physical line of a text file, the row number of a sheet. */
  line: number;
  cells: string[];
}

export function dossierFormatOf(fileName: string): DossierFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  throw new AppError(
    'UNSUPPORTED_FILE',
    msg(
      'Chỉ nhận tệp hồ sơ .csv, .xlsx hoặc .jsonl (JSON lines).',
      'Only .csv, .xlsx or .jsonl (JSON lines) dossier files are accepted.',
    ),
  );
}

/**
 * A dossier .xlsx is streamed row by row, but exceljs keeps its shared-string table in memory: the
 * whole zip is bounded, that table more tightly, before any row is read.
 */
export const DOSSIER_XLSX_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxTotalBytes: 1024 ** 3,
  entryLimits: [{ name: /sharedStrings\.xml$|styles\.xml$|workbook\.xml$/, maxBytes: 128 * 1024 ** 2 }],
};

/** The file's format from its name, after the checks its format needs before reading (an .xlsx's zip bounds). */
export async function checkedDossierFormat(path: string, fileName: string): Promise<DossierFormat> {
  const format = dossierFormatOf(fileName);
  if (format === 'xlsx') await checkZipFile(path, DOSSIER_XLSX_LIMITS);
  return format;
}

export function readDossierRows(source: Readable, format: DossierFormat): AsyncGenerator<FileRow> {
  if (format === 'xlsx') return readXlsx(source);
  return format === 'csv' ? readCsv(source) : readJsonLines(source);
}

/**
 * The text stream after its first chunk was checked: refused in TCVN3/VNI or any non-UTF-8 encoding,
 * UTF-8 byte-order mark removed. Also gives the first line, to choose the CSV delimiter.
 */
async function checkedText(source: Readable): Promise<{ stream: Readable; firstLine: string }> {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  // The first 64 KiB (a smaller file whole): enough to judge the encoding and find the header line.
  while (size < 64 * 1024) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.from(next.value as Buffer);
    chunks.push(chunk);
    size += chunk.length;
  }
  let head = Buffer.concat(chunks);
  const verdict = detectVietnameseEncoding(head.subarray(0, completeUtf8Length(head)));
  if (verdict !== 'utf8') {
    source.destroy();
    throw new AppError('UNSUPPORTED_FILE', ENCODING_MESSAGES[verdict]);
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3);
  const newline = head.indexOf(0x0a);
  const firstLine = head.subarray(0, newline < 0 ? head.length : newline).toString('utf8');
  const stream = new PassThrough();
  stream.write(head);
  (async () => {
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        if (!stream.write(next.value)) await new Promise((resolve) => stream.once('drain', resolve));
      }
      stream.end();
    } catch (error) {
      stream.destroy(error as Error);
    }
  })();
  return { stream, firstLine };
}

/** A chunk may end inside a multi-byte character: judge only the bytes up to the last whole one. */
function completeUtf8Length(bytes: Buffer): number {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (needed > back) end -= back;
    break;
  }
  return end;
}

async function* readCsv(source: Readable): AsyncGenerator<FileRow> {
  const { stream, firstLine } = await checkedText(source);
  const count = (char: string) => firstLine.split(char).length - 1;
  const delimiter = [';', '\t'].find((char) => count(char) > count(',')) ?? ',';
  yield* csvRows(stream, delimiter);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 19);
  if (typeof value === 'object') {
    // exceljs: rich text, formulas ({ result }), hyperlinks ({ text }).
    const cell = value as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if ('text' in cell) return cellText(cell.text);
    return JSON.stringify(value);
  }
  return String(value);
}

/** The text with every line checked against MAX_RECORD_BYTES before readline gathers it into one string. */
function boundedLines(source: Readable): Readable {
  let length = 0;
  let line = 1;
  const bounded = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let from = 0;
      for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, at + 1)) {
        if (length + at - from > MAX_RECORD_BYTES) return done(lineTooLong(line));
        length = 0;
        line += 1;
        from = at + 1;
      }
      length += chunk.length - from;
      if (length > MAX_RECORD_BYTES) return done(lineTooLong(line));
      done(null, chunk);
    },
  });
  source.on('error', (error) => bounded.destroy(error));
  return source.pipe(bounded);
}

async function* readJsonLines(source: Readable): AsyncGenerator<FileRow> {
  const { stream } = await checkedText(source);
  const lines = createInterface({ input: boundedLines(stream), crlfDelay: Number.POSITIVE_INFINITY });
  let keys: string[] | null = null;
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      // The line is reported like any bad row: an empty row fails the required fields.
      if (keys) yield { line, cells: keys.map(() => '') };
      else
        throw new AppError(
          'IMPORT_REJECTED',
          msg(`Dòng ${line} không phải một đối tượng JSON.`, `Line ${line} is not a JSON object.`),
          {
            rows: [
              { row: line, column: '', reason: msg('Không phải một đối tượng JSON.', 'Not a JSON object.') },
            ],
          },
        );
      continue;
    }
    const record = value as Record<string, unknown>;
    // The keys of the first object are the header; later objects are read by those keys.
    if (!keys) {
      keys = Object.keys(record);
      yield { line: 0, cells: keys };
    }
    yield { line, cells: keys.map((key) => cellText(record[key])) };
  }
}

async function* readXlsx(source: Readable): AsyncGenerator<FileRow> {
  // Rows are streamed, but the shared-string table is kept (cells refer to it by index): a sheet of
  // unique codes holds them all in memory. For millions of rows, CSV or JSON lines stay flat.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        const values = (row as Row).values as unknown[];
        const cells: string[] = [];
        for (let index = 1; index < values.length; index++) cells.push(cellText(values[index]).trim());
        yield { line: (row as Row).number, cells };
      }
      // Only the first sheet holds the dossiers.
      break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'UNSUPPORTED_FILE',
      msg(
        'Không đọc được tệp .xlsx (tệp hỏng hoặc không phải Excel).',
        'The .xlsx file cannot be read (damaged or not Excel).',
      ),
    );
  }
}
