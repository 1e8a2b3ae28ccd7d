import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { AppError } from '../../core/errors.ts';

/**
 * CSV rows from a text stream, as RFC 4180 has them (quoted cells with "" inside, line breaks inside
 * quotes), with the physical line each row starts on. Written for throughput: a line without a quote
 * is cut with the native `split`, which is several times faster than a general parser (csv-parse
 * measured 50k rows/s here, a tenth of what PostgreSQL's COPY takes in).
 */
export async function* csvRows(
  stream: Readable,
  delimiter: string,
): AsyncGenerator<{ line: number; cells: string[] }> {
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  let line = 1;
  let isFirst = true;
  for await (const chunk of stream) {
    buffer += decoder.write(chunk as Buffer);
    if (isFirst) {
      buffer = buffer.replace(/^\uFEFF/, '');
      isFirst = false;
    }
    let start = 0;
    while (true) {
      const end = buffer.indexOf('\n', start);
      if (end < 0) break;
      const text =
        buffer.charCodeAt(end - 1) === 13 ? buffer.slice(start, end - 1) : buffer.slice(start, end);
      if (text.indexOf('"') < 0) {
        if (text !== '') yield { line, cells: text.split(delimiter) };
        line += 1;
        start = end + 1;
        continue;
      }
      const parsed = parseQuoted(buffer, start, delimiter);
      if (!parsed) break; // the record goes on past this chunk
      yield { line, cells: parsed.cells };
      line += parsed.lines;
      start = parsed.next;
    }
    buffer = buffer.slice(start);
  }
  buffer += decoder.end();
  if (buffer.trim() !== '') {
    const parsed = buffer.includes('"')
      ? parseQuoted(`${buffer}\n`, 0, delimiter)
      : { cells: buffer.replace(/\r$/, '').split(delimiter) };
    if (!parsed)
      throw new AppError(
        'IMPORT_REJECTED',
        `Tệp CSV sai cấu trúc ở dòng ${line}: dấu ngoặc kép không đóng.`,
        {
          rows: [{ row: line, column: '', reason: 'Dấu ngoặc kép (") không được đóng.' }],
        },
      );
    yield { line, cells: parsed.cells };
  }
}

/** One record from `start` with quotes honoured, or null when it does not end within `text`. */
function parseQuoted(text: string, start: number, delimiter: string) {
  const cells: string[] = [];
  let cell = '';
  let lines = 1;
  let i = start;
  let isQuoted = false;
  while (i < text.length) {
    const char = text[i] as string;
    if (isQuoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        isQuoted = false;
      } else {
        if (char === '\n') lines += 1;
        cell += char;
      }
      i += 1;
      continue;
    }
    if (char === '"' && cell === '') isQuoted = true;
    else if (char === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (char === '\n') {
      cells.push(cell.endsWith('\r') ? cell.slice(0, -1) : cell);
      return { cells, lines, next: i + 1 };
    } else cell += char;
    i += 1;
  }
  return null;
}
