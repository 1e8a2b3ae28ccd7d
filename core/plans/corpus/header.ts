/**
 * The header of a Nghị định 30/2020 document in the layouts it arrives in: two columns (issuer and
 * number left, national motto and place-date right) read row by row into single lines by an OCR, or
 * laid out as a table of `|` cells.
 */
import { foldVietnamese } from '../../text/vietnamese.ts';

const TYPE_NAME = /^(ke hoach|quyet dinh|chuong trinh|bao cao|to trinh|cong van):?$/;
const MOTTO = /^(cong hoa xa hoi|doc lap)/;
const NUMBER = /^so\s*[:.]/;
const PLACE_DATE = /,\s*ngay\s+\d/;

interface Header {
  /** First and past-the-last line of the header (the type name's line). */
  start: number;
  end: number;
  issuer: string[];
  number: string[];
  motto: string[];
  placeDate: string[];
}

const bare = (line: string) => line.replace(/\*\*|^#+\s*/g, '').trim();

/** The header's lines by part, or null when no type name ("KẾ HOẠCH", "QUYẾT ĐỊNH") shows within 40 lines. */
function readHeader(lines: string[]): Header | null {
  const end = lines.findIndex((line, index) => index < 40 && TYPE_NAME.test(foldVietnamese(bare(line))));
  if (end === -1) return null;
  const start = lines.findIndex((line) => line.trim() !== '');
  const header: Header = { start, end, issuer: [], number: [], motto: [], placeDate: [] };
  for (const line of lines.slice(start, end).map(bare)) {
    if (line === '') continue;
    const folded = foldVietnamese(line);
    if (MOTTO.test(folded)) header.motto.push(line);
    else if (NUMBER.test(folded)) header.number.push(line);
    else if (PLACE_DATE.test(folded)) header.placeDate.push(line);
    else header.issuer.push(line);
  }
  return header;
}

function replaceHeader(text: string, render: (header: Header) => string[]): string {
  const lines = text.split('\n');
  const header = readHeader(lines);
  if (!header) return text;
  return [...lines.slice(0, header.start), ...render(header), '', ...lines.slice(header.end)].join('\n');
}

/**
 * The standard header when the text lacks the issuer or the motto (the Hưng Yên seeds start at "Số:"):
 * "ỦY BAN NHÂN DÂN" / "TỈNH HƯNG YÊN" and the motto, so the header layouts have two columns to merge.
 */
export function ensureHeader(text: string, issuer: string | null): string {
  return replaceHeader(text, (header) => {
    const issuerLines =
      header.issuer.length > 0 || !issuer
        ? header.issuer
        : issuer.split(/\s(?=(?:tỉnh|thành phố)\s)/iu).map((part) => part.toLocaleUpperCase('vi'));
    const motto =
      header.motto.length > 0
        ? header.motto
        : ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];
    return [...issuerLines, '', ...header.number, '', ...motto, '', ...header.placeDate];
  });
}

/** The left column (issuer, number) and the right (motto, place and date) read across, row by row. */
export function mergeHeader(text: string, gap = ' '): string {
  return replaceHeader(text, (header) => {
    const left = [...header.issuer, ...header.number];
    const right = [...header.motto, ...header.placeDate];
    return Array.from({ length: Math.max(left.length, right.length) }, (_, row) =>
      [left[row], right[row]].filter((cell) => cell !== undefined).join(gap),
    );
  });
}

/** The header as a two-row table: issuer | motto, then number | place and date. */
export function tableHeader(text: string): string {
  return replaceHeader(text, (header) => [
    `| ${header.issuer.join(' ')} | ${header.motto.join(' ')} |`,
    '|---|---|',
    `| ${header.number.join(' ')} | ${header.placeDate.join(' ')} |`,
  ]);
}
