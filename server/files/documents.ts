import { AppError, msg } from '../../core/errors.ts';
import { detectVietnameseEncoding, ENCODING_MESSAGES } from '../../core/text/legacy-encoding.ts';
import { readOfficeFile } from './office.ts';
import { assertLineCount } from './office-parse.ts';

/** Documents in: plain text (.txt, .md, UTF-8) and Word (.docx), as the text the plan importer reads. */
export const DOCUMENT_EXTENSIONS = ['.txt', '.md', '.docx'] as const;

export async function readDocumentText(filename: string, data: Buffer): Promise<string> {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.docx')) return readDocx(data);
  if (lower.endsWith('.txt') || lower.endsWith('.md')) {
    const encoding = detectVietnameseEncoding(data);
    if (encoding !== 'utf8') throw new AppError('UNSUPPORTED_FILE', ENCODING_MESSAGES[encoding]);
    const text = new TextDecoder('utf-8').decode(data).replace(/^\uFEFF/, '');
    assertLineCount(text);
    return text;
  }
  if (lower.endsWith('.doc'))
    throw new AppError(
      'UNSUPPORTED_FILE',
      msg(
        'Tệp .doc (Word 97–2003) chưa được hỗ trợ: hãy mở bằng Word hoặc LibreOffice và lưu thành .docx.',
        '.doc files (Word 97–2003) are not supported yet: open it in Word or LibreOffice and save it as .docx.',
      ),
    );
  throw new AppError(
    'UNSUPPORTED_FILE',
    msg('Chỉ nhận tệp .docx, .txt hoặc .md.', 'Only .docx, .txt or .md files are accepted.'),
  );
}

async function readDocx(data: Buffer): Promise<string> {
  // A .docx is a zip: anything else is refused before a worker starts.
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
      // Inside a table cell, paragraphs and breaks become spaces.
      if (['p', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(name)) cell += ' ';
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
    } else if (name === 'tr') {
      if (!closing) row = [];
      else if (row) {
        lines.push(`| ${row.join(' | ')} |`);
        row = null;
      }
    } else if (name === 'td' || name === 'th') {
      if (!closing) cell = '';
      else if (row) {
        row.push((cell ?? '').replace(/\s+/g, ' ').replace(/\|/g, '/').trim());
        cell = null;
      }
    }
  }
  flush();
  return lines.join('\n');
}
