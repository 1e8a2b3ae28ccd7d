/**
 * From the text users paste or OCR gives (markdown residue, tables, page numbers, running footers, hard
 * wraps, page breaks in mid-sentence) to clean lines and logical paragraphs.
 */
import { foldVietnamese } from '../text/vietnamese.ts';
import { classifyMarker } from './markers.ts';

export interface Paragraph {
  text: string;
  /** 1-based line of the source where the paragraph starts. */
  line: number;
}

const TABLE_RULE = /^\|?[\s:|-]+\|?$/;
const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:trang|page)?\s*\d{1,3}(?:\s*\/\s*\d{1,3})?(?:\s*[-–—])?$/i;
const HORIZONTAL_RULE = /^(?:[-_=*]\s*){3,}$/;

/** One physical line without markdown: headings, emphasis, escapes, tags, superscripts, table pipes. */
export function cleanLine(raw: string): string {
  let line = raw
    .replace(/<(sup|sub)>.*?<\/\1>/gi, '')
    .replace(/[\^_]\{[^}]*\}/g, '')
    .replace(/<[^>]{1,40}>/g, '')
    .replace(/[\u00a0\u2000-\u200b\u202f\u3000\t]/g, ' ')
    .replace(/\\([-.*_#()[\]+])/g, '$1');
  if (TABLE_RULE.test(line.trim()) && line.includes('|')) return '';
  if (HORIZONTAL_RULE.test(line.trim())) return '';
  line = line.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/^\s*>\s?/, '');
  if (line.trim().startsWith('|')) {
    line = line
      .split('|')
      .map((cell) => cell.trim())
      .filter((cell) => cell !== '')
      .join(' ');
  }
  line = line.replace(/\*\*|__/g, '').replace(/^(\s*)\*\s+/, '$1- ');
  // Single "*" or "_" around words is emphasis ("*Đối với …*", "(*gửi …*)"); arithmetic has spaces around it.
  line = line.replace(/(^|[\s(“"])[*_](?=\S)/g, '$1').replace(/(?<=\S)[*_](?=$|[\s).,;:”"])/g, '');
  line = line.replace(/\s+/g, ' ').trim();
  return PAGE_NUMBER.test(line) ? '' : line;
}

const SHARE = '(?:facebook|zalo|email|e-mail|twitter|x|in|luu|chia se|copy link|sao chep)';
// A web page's furniture on a line of its own: font-size buttons, share and print links, view counts, ads.
const SITE_CHROME = new RegExp(
  `^(?:a\\s*-?\\s*a\\s*a\\s*\\+?|co chu\\s*:.*|chia se(?: bai viet)?|in trang|ban in|in bai viet|quay lai|tro ve|len dau trang|luot xem\\s*:?\\s*[\\d.]*|gui bai viet qua e-?mail|\\[?\\s*quang cao\\s*\\]?|${SHARE}(?:\\s*[|,/]\\s*${SHARE})+)$`,
);

/** Whether a line is a web page's chrome, not the document: "A A A", "Chia sẻ", "In trang", "Lượt xem: 1.234". */
export function isSiteChrome(line: string): boolean {
  return line.length <= 60 && SITE_CHROME.test(foldVietnamese(line).trim());
}

/**
 * Clean lines of the whole text, with running headers/footers removed: a short, capitalised,
 * unnumbered line that recurs three times or more beside a blank line is page furniture, not content
 * (the tail of a wrapped sentence starts in lower case and sits inside its paragraph).
 */
export function cleanLines(source: string): string[] {
  const lines = source
    .normalize('NFC')
    .split(/\r\n|\r|\n/)
    .map(cleanLine)
    .map((line) => (isSiteChrome(line) ? '' : line));
  // Signature blocks legitimately repeat ("CHỦ TỊCH" in a decision and in its attached plan).
  const isFurnitureShape = (line: string, index: number) =>
    line !== '' &&
    line.length < 80 &&
    /^[\p{Lu}\d]/u.test(line) &&
    !classifyMarker(line) &&
    !isSignatureLine(line) &&
    (lines[index - 1] === '' || lines[index + 1] === '' || index === 0 || index === lines.length - 1);
  const counts = new Map<string, number>();
  lines.forEach((line, index) => {
    if (isFurnitureShape(line, index)) counts.set(line, (counts.get(line) ?? 0) + 1);
  });
  return lines.map((line, index) =>
    (counts.get(line) ?? 0) >= 3 && isFurnitureShape(line, index) ? '' : line,
  );
}

const SIGNATURE_AUTHORITY =
  /^(TM\.|KT\.|Q\.|TL\.|TUQ\.|CHU TICH|PHO CHU TICH|GIAM DOC|PHO GIAM DOC|CHANH VAN PHONG|TRUONG BAN)/;

/** "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "GIÁM ĐỐC": the signature block, written in capitals. */
export function isSignatureLine(line: string): boolean {
  return isMostlyUpper(line) && SIGNATURE_AUTHORITY.test(foldVietnamese(line).toUpperCase());
}

const ENDS_SENTENCE = /[.:;!?…”"»)]$|\.\/\.\s*\p{L}{0,3}$/u;
/** A line this long is body text: if it stops mid-sentence, a page break or a wrap cut it. */
const LONG_LINE = 100;

/** Width of a hard-wrapped text (most lines end near it); null when lines are whole paragraphs. */
function wrapWidth(lines: string[]): number | null {
  const lengths = lines.filter((line) => line !== '').map((line) => line.length);
  if (lengths.length < 8) return null;
  const sorted = [...lengths].sort((a, b) => a - b);
  const width = sorted[Math.floor(sorted.length * 0.9)] ?? 0;
  if (width > 160 || width < 30) return null;
  const nearWidth = lengths.filter((length) => length >= width * 0.75).length;
  return nearWidth >= lengths.length * 0.3 ? width : null;
}

/** Headings, type names and signature blocks are written in capitals ("TM. ỦY BAN NHÂN DÂN"). */
export function isMostlyUpper(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '');
  return letters.length > 0 && upper.length >= letters.length * 0.8;
}

function startsLowercase(line: string): boolean {
  return /^[\p{Ll}(“"]/u.test(line) && !classifyMarker(line);
}

/**
 * Joins physical lines into paragraphs. A new paragraph starts at a numbering marker or after a blank
 * line — except where a page break or a wrap split a sentence: the next line starts in lower case, or,
 * in hard-wrapped text, the previous line runs to the margin without ending its sentence.
 */
export function toParagraphs(lines: string[]): Paragraph[] {
  const width = wrapWidth(lines);
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | null = null;
  let previous = '';
  let blankBefore = false;
  lines.forEach((line, index) => {
    if (line === '') {
      blankBefore = true;
      return;
    }
    const unfinished = previous !== '' && !ENDS_SENTENCE.test(previous);
    const runsToMargin = width !== null && previous.length >= width * 0.75;
    // A short line without a full stop followed by a capital is a heading, not a broken sentence.
    const brokenSentence =
      unfinished && (startsLowercase(line) || (previous.length >= LONG_LINE && !isMostlyUpper(line)));
    let continues: boolean;
    if (current === null) continues = false;
    else if (classifyMarker(line)) continues = unfinished && runsToMargin && !blankBefore;
    else if (blankBefore) continues = brokenSentence;
    else continues = brokenSentence || runsToMargin;
    if (continues && current) current.text += ` ${line}`;
    else {
      current = { text: line, line: index + 1 };
      paragraphs.push(current);
    }
    previous = line;
    blankBefore = false;
  });
  return paragraphs;
}
