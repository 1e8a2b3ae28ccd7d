/**
 * The header of a Nghị định 30/2020 document has two columns: the issuer and the number on the left,
 * the national motto and the place and date on the right. An OCR or a PDF converter reads it row by row
 * ("ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 29/KH-UBND Hưng Yên, ngày …")
 * or as table cells joined by spaces. These lines are split back at the motto and at the place-date,
 * the left column first, so the issuer is read above the number and never with the motto.
 */
import { foldVietnamese } from '../text/vietnamese.ts';
import { looseKey } from './confidence.ts';
import { foldSameLength } from './match-key.ts';
import { canonicalPlace } from './places.ts';

const MOTTO = ['cong', 'hoa', 'xa', 'hoi', 'chu', 'nghia', 'viet', 'nam'].map(looseKey);
const GLUED_MOTTO = looseKey('doc');
const MOTTO_LINE_2 = ['doc', 'lap', 'tu', 'do', 'hanh', 'phuc'].map(looseKey);

interface Word {
  text: string;
  start: number;
  key: string;
}

function wordsOf(line: string): Word[] {
  return [...line.matchAll(/[^\s\-–—,.;:]+/g)].map((match) => ({
    text: match[0],
    start: match.index ?? 0,
    key: looseKey(match[0]),
  }));
}

/** How many of the first four words of `phrase` the words from `at` spell (0 unless the first does). */
function agreement(words: Word[], at: number, phrase: string[]): number {
  if (words[at]?.key !== phrase[0]) return 0;
  return phrase.slice(0, 4).filter((key, offset) => words[at + offset]?.key === key).length;
}

/** Where the motto starts in a line, when something stands before it; null otherwise. */
function mottoStart(line: string): number | null {
  const words = wordsOf(line);
  for (let at = 0; at < words.length; at += 1) {
    const word = words[at];
    if (!word) continue;
    if (agreement(words, at, MOTTO) >= 3 || agreement(words, at, MOTTO_LINE_2) >= 3)
      return at === 0 ? null : word.start;
    // "…YÊNĐộc lập": the motto glued to the issuer's last word.
    if (
      word.key.length > 3 &&
      word.key.endsWith(GLUED_MOTTO) &&
      agreement(words, at + 1, MOTTO_LINE_2.slice(1)) >= 2
    )
      return word.start + word.text.length - 3;
  }
  return null;
}

/** Where the place of "Hưng Yên, ngày 27 tháng 02 năm 2020" starts, when something stands before it. */
function placeDateStart(line: string): number | null {
  const folded = foldSameLength(line);
  const match = /,\s*ngay\b/.exec(folded);
  if (!match) return null;
  const before = wordsOf(line.slice(0, match.index));
  // The place is the longest run of words before the comma that names a province, else two words.
  for (let size = Math.min(4, before.length - 1); size >= 1; size -= 1) {
    const words = before.slice(before.length - size);
    if (canonicalPlace(words.map((word) => word.text).join(' '))) return words[0]?.start ?? null;
  }
  if (before.length < 3) return null;
  return before[before.length - 2]?.start ?? null;
}

/** A header row cut into its left and right cells, or null when it is one cell. */
export function splitHeaderRow(line: string): [string, string] | null {
  const at = mottoStart(line) ?? placeDateStart(line);
  if (at === null || at === 0) return null;
  const left = line.slice(0, at).trim();
  const right = line.slice(at).trim();
  return left === '' || right === '' ? null : [left, right];
}

const TYPE_LINE = /^(ke hoach|quyet dinh|chuong trinh|bao cao|to trinh|cong van|thong bao|huong dan)$/;

/**
 * The lines with the header's merged rows split: the left column's lines, then the right column's,
 * in place of the header; the rest unchanged. The header ends at the type name ("KẾ HOẠCH").
 */
export function unmergeHeader(lines: string[]): string[] {
  const typeAt = lines.findIndex((line, index) => index < 60 && TYPE_LINE.test(foldVietnamese(line)));
  const end = typeAt === -1 ? Math.min(lines.length, 30) : typeAt;
  const left: string[] = [];
  const right: string[] = [];
  let split = false;
  for (const line of lines.slice(0, end)) {
    const cells = splitHeaderRow(line);
    if (cells) {
      split = true;
      left.push(cells[0]);
      right.push(cells[1]);
    } else left.push(line);
  }
  return split ? [...left, '', ...right, ...lines.slice(end)] : lines;
}
