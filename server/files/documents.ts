import { AppError, msg } from '../../core/errors.ts';
import { detectVietnameseEncoding, ENCODING_MESSAGES } from '../../core/text/legacy-encoding.ts';
import { hasTextLayer, pagesToText } from '../../core/text/page-lines.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { assertContentMatches } from './file-signatures.ts';
import { docToDocx } from './libreoffice.ts';
import type { Scan } from './ocr.ts';
import { readOfficeFile } from './office.ts';
import { assertLineCount } from './office-parse.ts';

/**
 * Documents in, as the text the plan importer reads: plain text (.txt, .md, UTF-8), Word (.docx, and .doc
 * through LibreOffice), PDFs with a text layer; scanned PDFs and images come back as a scan to recognise.
 */
export const DOCUMENT_EXTENSIONS = [
  '.txt',
  '.md',
  '.docx',
  '.doc',
  '.pdf',
  '.png',
  '.jpg',
  '.jpeg',
  '.tif',
  '.tiff',
] as const;
const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.tif', '.tiff'];

export type DocumentReading = { text: string } | { scan: Scan };

const extensionOf = (fileName: string) => /\.[a-z0-9]+$/.exec(fileName.toLowerCase())?.[0] ?? '';

/** Reads a document's text, or says it is a scan (the caller recognises it in the background). */
export async function readDocument(
  fileName: string,
  data: Buffer,
  options: { soffice?: string } = {},
): Promise<DocumentReading> {
  const extension = extensionOf(fileName);
  if (!(DOCUMENT_EXTENSIONS as readonly string[]).includes(extension))
    throw new AppError(
      'UNSUPPORTED_FILE',
      msg(
        'Chỉ nhận tệp .docx, .doc, .pdf, ảnh quét (.png, .jpg, .tif), .txt hoặc .md.',
        'Only .docx, .doc, .pdf, scanned images (.png, .jpg, .tif), .txt or .md files are accepted.',
      ),
    );
  // The content must be what the name says before any worker or program sees it (a .docx's zip is bounded
  // in the worker first, so only its magic bytes are checked here; text by its encoding).
  if (extension === '.docx') return { text: await readDocx(data) };
  if (extension !== '.md' && extension !== '.txt') assertContentMatches(extension, data);
  if (extension === '.doc') return { text: await readDocx(await docToDocx(data, options.soffice)) };
  if (extension === '.pdf') {
    const pages = await readOfficeFile({ kind: 'pdf', data });
    if (!hasTextLayer(pages)) return { scan: { kind: 'pdf', data, pages: pages.length } };
    const text = pagesToText(pages);
    assertLineCount(text);
    return { text };
  }
  if (IMAGE_EXTENSIONS.includes(extension)) return { scan: { kind: 'image', data, extension } };
  const encoding = detectVietnameseEncoding(data);
  if (encoding !== 'utf8') throw new AppError('UNSUPPORTED_FILE', ENCODING_MESSAGES[encoding]);
  const text = new TextDecoder('utf-8').decode(data).replace(/^\uFEFF/, '');
  assertLineCount(text);
  return { text };
}

async function readDocx(data: Buffer): Promise<string> {
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50)
    throw new AppError(
      'UNSUPPORTED_FILE',
      msg('Tệp không phải văn bản Word .docx hợp lệ.', 'The file is not a valid Word .docx document.'),
    );
  return readOfficeFile({ kind: 'docx', data });
}

const LETTERS = 'abcdđeghiklmnopqrstuvxy';
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const decode = (text: string) =>
  text.replace(/&(#x?[0-9a-f]+|[a-z]+|#39);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#') && name !== '#39') return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
const MARKER_ONLY = /^(\d+\.|[a-zđ]\)|[-+])$/;

/**
 * Word's HTML (from mammoth) as the lines the plan importer reads: one paragraph per line, Word's
 * automatic numbering written out the way plans number by hand (1., a), then -), bullets as "-" and
 * "+", and tables as pipe rows, so task tables are read as tables.
 */
export function htmlToPlanText(html: string): string {
  const lines: string[] = [];
  const lists: { ordered: boolean; count: number }[] = [];
  let line = '';
  let row: string[] | null = null;
  let cell: string | null = null;
  let table: string[][] = [];
  const flush = () => {
    if (line.trim()) lines.push(line.replace(/\s+/g, ' ').trim());
    line = '';
  };
  const marker = () => {
    const list = lists.at(-1);
    if (!list) return '';
    list.count += 1;
    const depth = lists.filter((entry) => entry.ordered === list.ordered).length;
    if (!list.ordered) return depth === 1 ? '- ' : '+ ';
    if (depth === 1) return `${list.count}. `;
    if (depth === 2) return `${LETTERS[(list.count - 1) % LETTERS.length]}) `;
    return '- ';
  };
  for (const token of html.split(/(<[^>]+>)/)) {
    if (!token) continue;
    const tag = /^<(\/?)([a-z0-9]+)/i.exec(token);
    if (!tag) {
      if (cell !== null) cell += decode(token);
      else line += decode(token);
      continue;
    }
    const closing = tag[1] === '/';
    const name = (tag[2] ?? '').toLowerCase();
    if (cell !== null && !['td', 'th', 'tr', 'table'].includes(name)) {
      // Inside a table cell, paragraphs and breaks are kept apart (a layout table's columns are written line by line).
      if (['p', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(name)) cell += '\n';
      continue;
    }
    if (['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br'].includes(name)) {
      if (!MARKER_ONLY.test(line.trim())) flush();
    } else if (name === 'ol' || name === 'ul') {
      flush();
      if (closing) lists.pop();
      else lists.push({ ordered: name === 'ol', count: 0 });
    } else if (name === 'li') {
      flush();
      if (!closing) line = marker();
    } else if (name === 'table') {
      flush();
      if (closing) lines.push(...tableLines(table));
      table = [];
    } else if (name === 'tr') {
      if (!closing) row = [];
      else if (row) {
        table.push(row);
        row = null;
      }
    } else if (name === 'td' || name === 'th') {
      if (!closing) cell = '';
      else if (row) {
        row.push(
          (cell ?? '')
            .replace(/[^\S\n]+/g, ' ')
            .replace(/\|/g, '/')
            .trim(),
        );
        cell = null;
      }
    }
  }
  flush();
  return lines.join('\n');
}

/** A layout table (the header: issuer | national motto; the signature: recipients | signer), not a table of tasks. */
const LAYOUT_TABLE = /cong hoa xa hoi chu nghia|doc lap - tu do|noi nhan/;

/**
 * A table's rows as pipe rows; a two-column layout table column by column instead, each paragraph a line,
 * the left column first, as the importer reads a header.
 */
function tableLines(rows: string[][]): string[] {
  const isLayout =
    rows.length <= 3 &&
    rows.every((row) => row.length === 2) &&
    LAYOUT_TABLE.test(foldVietnamese(rows.flat().join(' ')));
  if (isLayout) {
    const column = (index: number) =>
      rows.flatMap((row) =>
        (row[index] ?? '')
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      );
    return [...column(0), '', ...column(1), ''];
  }
  return rows.map((row) => `| ${row.map((cell) => cell.replace(/\s+/g, ' ').trim()).join(' | ')} |`);
}
