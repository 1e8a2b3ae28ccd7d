import { AppError, msg } from '../../core/errors.ts';
import { zipEntryNames } from './zip-limits.ts';

/**
 * What a file's first bytes say it is, checked against the type its extension claims: an executable
 * renamed .pdf is refused, not stored and later served as a PDF.
 */
const starts = (data: Buffer, bytes: number[], at = 0) =>
  bytes.every((byte, index) => data[at + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
/** TIFF, little- ("II*\0") or big-endian ("MM\0*"). */
const TIFF_LE = [0x49, 0x49, 0x2a, 0x00];
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a];
/** Word 97–2003 and Excel 97–2003: an OLE2 compound file. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const EVIDENCE_ZIP_LIMITS = { maxEntries: 10_000, maxTotalBytes: 2 ** 32 };

/** Programs and scripts, named when refused whatever their extension. */
const EXECUTABLES: { name: string; bytes: number[] }[] = [
  { name: 'ELF (Linux)', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'PE (Windows .exe/.dll)', bytes: ascii('MZ') },
  { name: 'Mach-O (macOS)', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { name: 'Mach-O (macOS)', bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { name: 'Mach-O (macOS)', bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { name: 'script (#!)', bytes: ascii('#!') },
];

const LABELS: Record<string, string> = {
  '.pdf': 'PDF',
  '.png': 'ảnh PNG',
  '.jpg': 'ảnh JPEG',
  '.jpeg': 'ảnh JPEG',
  '.tif': 'ảnh TIFF',
  '.tiff': 'ảnh TIFF',
  '.doc': 'Word 97–2003',
  '.xls': 'Excel 97–2003',
  '.docx': 'Word .docx',
  '.xlsx': 'Excel .xlsx',
  '.zip': 'tệp nén .zip',
  '.txt': 'văn bản UTF-8',
};

function officeHas(data: Buffer, part: string): boolean {
  const names = zipEntryNames(data, EVIDENCE_ZIP_LIMITS);
  return Boolean(names?.includes('[Content_Types].xml') && names.includes(part));
}

function isPlainText(data: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return false;
  }
  // Tab, line breaks and form feed are text; any other control character is a binary file.
  for (const char of text) if (isControl(char) && !'\t\n\r\f'.includes(char)) return false;
  return true;
}

const MATCHES: Record<string, (data: Buffer) => boolean> = {
  '.pdf': (data) => starts(data, PDF),
  '.png': (data) => starts(data, PNG),
  '.jpg': (data) => starts(data, JPEG),
  '.jpeg': (data) => starts(data, JPEG),
  '.tif': (data) => starts(data, TIFF_LE) || starts(data, TIFF_BE),
  '.tiff': (data) => starts(data, TIFF_LE) || starts(data, TIFF_BE),
  '.doc': (data) => starts(data, OLE2),
  '.xls': (data) => starts(data, OLE2),
  '.docx': (data) => starts(data, ZIP) && officeHas(data, 'word/document.xml'),
  '.xlsx': (data) => starts(data, ZIP) && officeHas(data, 'xl/workbook.xml'),
  '.zip': (data) =>
    (starts(data, ZIP) && zipEntryNames(data, EVIDENCE_ZIP_LIMITS) !== null) || starts(data, EMPTY_ZIP),
  '.txt': isPlainText,
};

/** Refuses (400) content that is not what `extension` (lower case, with the dot) claims. */
export function assertContentMatches(extension: string, data: Buffer): void {
  const executable = EXECUTABLES.find((kind) => starts(data, kind.bytes));
  if (executable)
    throw new AppError(
      'UNSUPPORTED_FILE',
      msg(
        `Tệp là chương trình hoặc mã lệnh (${executable.name}), không nhận làm minh chứng.`,
        `The file is a program or script (${executable.name}) and is not accepted as evidence.`,
      ),
    );
  const matches = MATCHES[extension];
  if (!matches?.(data))
    throw new AppError(
      'UNSUPPORTED_FILE',
      msg(
        `Nội dung tệp không phải ${LABELS[extension] ?? extension} như phần mở rộng ${extension} cho biết.`,
        `The file’s content is not ${LABELS[extension] ?? extension} as its extension ${extension} says.`,
      ),
    );
}

/**
 * Characters that change how a name is shown without being seen: bidi embeddings, overrides and
 * isolates ("hoadon\u202Efdp.exe" shows as "hoadonexe.pdf"), directional and zero-width marks, BOM.
 */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\u061c\ufeff]/g;
/** C0 and C1 control characters and DEL. */
function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** A file name as it may be stored and offered back: no folder, no control or bidi characters. */
export function safeFileName(fileName: string): string {
  const base = fileName.normalize('NFC').split(/[\\/]/).at(-1) ?? '';
  const clean = [...base]
    .filter((char) => !isControl(char))
    .join('')
    .replace(INVISIBLE, '')
    .trim()
    .slice(-200);
  return clean || 'tep';
}
