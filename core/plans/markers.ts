/**
 * Numbering markers at the start of a paragraph, as Nghị định 30/2020 lays them out — Phần, Roman
 * "I.", Điều, Arabic "1.", decimal "2.1.", letters "a)" (a b c d đ e g h i k l m n …), then "-" and "+"
 * bullets — tolerating OCR slips: "I1." and "Il." for "II.", "¢)" for "c)".
 */
export type MarkerKind =
  | 'part'
  | 'upper'
  | 'roman'
  | 'article'
  | 'arabic'
  | 'decimal'
  | 'letter'
  | 'dash'
  | 'plus';

export interface Marker {
  kind: MarkerKind;
  /** "II", "2", "2.1", "đ"; "" for bullets. */
  label: string;
  /** Nesting order: a marker nests under any open marker of a lower rank. */
  rank: number;
  /** The paragraph without its marker. */
  text: string;
}

const RANKS: Record<MarkerKind, number> = {
  part: 0,
  upper: 1,
  roman: 2,
  article: 3,
  arabic: 4,
  decimal: 5,
  letter: 10,
  dash: 11,
  plus: 12,
};

const ROMAN_VALUE = /^(X{0,2})(IX|IV|V?I{0,3})$/;
const PART = /^(?:PHẦN|Phần|PHAN|Phan)\s+([IVX]+|\d{1,2})\s*[.:\-–]?\s*/;
const ARTICLE = /^(?:Điều|ĐIỀU|Dieu|DIEU|Ðiều)\s+(\d{1,3})\s*[.:]\s*/;
const UPPER = /^([A-H])\s*[.)]\s+(?=\p{Lu})/u;
const ROMAN = /^([IVXl1|]{1,5})\s*[.\-–:)]\s*/;
const DECIMAL = /^(\d{1,2}(?:\.\d{1,2}){1,3})(?:\s*[.)]\s*|\s+)(?=\D)/;
const ARABIC = /^(\d{1,2})\s*[.)]\s*(?=[^\d\s]|\s+\D)/;
const LETTER = /^([a-zđ¢©])\s*(?:\)|\/)\s*|^([a-zđ])\.\s+(?=\p{Lu})/u;
const DASH = /^[-–—•·●▪◦‐‑∙]\s*(?=[^\s\-–—])/;
const PLUS = /^\+\s*(?=\S)/;

function marker(kind: MarkerKind, label: string, text: string, rankOffset = 0): Marker {
  return { kind, label, rank: RANKS[kind] + rankOffset, text: text.trim() };
}

/** An Arabic-numbered item ("1."), for a marker read again in its context. */
export function arabicMarker(label: string, text: string): Marker {
  return marker('arabic', label, text);
}

/** "I1", "Il", "1I" → "II" when the letters make a Roman numeral; null for plain digits ("11"). */
export function repairRoman(raw: string): string | null {
  if (!/[IVX]/.test(raw)) return null;
  const repaired = raw.replace(/[l1|]/g, 'I');
  return repaired !== '' && ROMAN_VALUE.test(repaired) ? repaired : null;
}

export function classifyMarker(paragraph: string): Marker | null {
  const line = paragraph.trimStart();
  let match = PART.exec(line);
  if (match) return marker('part', match[1] ?? '', line.slice(match[0].length));
  match = ARTICLE.exec(line);
  if (match) return marker('article', match[1] ?? '', line.slice(match[0].length));
  match = ROMAN.exec(line);
  if (match) {
    const label = repairRoman(match[1] ?? '');
    if (label) return marker('roman', label, line.slice(match[0].length));
  }
  match = UPPER.exec(line);
  if (match) return marker('upper', match[1] ?? '', line.slice(match[0].length));
  return numberMarker(repairNumber(line)) ?? otherMarker(line);
}

// "2.l.", "1O.", "l2)": a number an OCR wrote with a letter for a digit — at least one real digit in it
// (a lone "l." is the point letter l).
const SLIPPED_NUMBER = /^(?=[\dlI|OS.]*\d)([\dlI|OS]{1,2}(?:\.[\dlI|OS]{1,2}){0,3})(?=\s*[.)])/;
const DIGIT_OF: Record<string, string> = { l: '1', I: '1', '|': '1', O: '0', S: '5' };

/** The line with a slipped number's letters read as the digits they stand for. */
function repairNumber(line: string): string {
  // "S. Sở Tài nguyên": no marker of Nghị định 30/2020 is a capital S, so it is a 5.
  if (/^S\.\s+\p{Lu}/u.test(line)) return `5${line.slice(1)}`;
  const match = SLIPPED_NUMBER.exec(line);
  if (!match || /^[\d.]+$/.test(match[1] ?? '')) return line;
  return (match[1] ?? '').replace(/[lI|OS]/g, (char) => DIGIT_OF[char] ?? char) + line.slice(match[0].length);
}

function numberMarker(line: string): Marker | null {
  let match = DECIMAL.exec(line);
  if (match) {
    const label = match[1] ?? '';
    return marker('decimal', label, line.slice(match[0].length), label.split('.').length - 2);
  }
  match = ARABIC.exec(line);
  if (match) return marker('arabic', String(Number(match[1])), line.slice(match[0].length));
  return null;
}

function otherMarker(line: string): Marker | null {
  let match = LETTER.exec(line);
  if (match) {
    const raw = match[1] ?? match[2] ?? '';
    return marker('letter', raw === '¢' || raw === '©' ? 'c' : raw, line.slice(match[0].length));
  }
  match = DASH.exec(line);
  if (match) return marker('dash', '', line.slice(match[0].length));
  match = PLUS.exec(line);
  if (match) return marker('plus', '', line.slice(match[0].length));
  return null;
}

/** Vietnamese point letters in order: no f, j, w, z; đ after d. */
const POINT_LETTERS = 'a b c d đ e g h i k l m n o p q r s t u v x y'.split(' ');

export function nextLetter(letter: string): string | null {
  const at = POINT_LETTERS.indexOf(letter);
  return at === -1 ? null : (POINT_LETTERS[at + 1] ?? null);
}
