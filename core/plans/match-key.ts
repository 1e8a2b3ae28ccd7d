/**
 * Match keys: the text as keyword tables see it — words folded (no diacritics, đ → d, lower case),
 * OCR digit-for-letter slips repaired ("Chi s6" → "chi so", "N6i dung" → "noi dung"), punctuation
 * dropped, one space between words. Every word keeps its offsets in the source, so a match can be read
 * back with its original spelling and casing.
 */
import { foldVietnamese } from '../text/vietnamese.ts';

export interface MatchText {
  source: string;
  /** " w1 w2 … wn " — padded so a phrase " a b " only matches whole words. */
  key: string;
  words: string[];
  /** Index in `key` where each word starts. */
  keyStarts: number[];
  srcStarts: number[];
  srcEnds: number[];
}

export interface PhraseHit {
  /** First word index and one past the last. */
  from: number;
  to: number;
}

// OCR and legacy-font look-alikes of Vietnamese letters.
const LOOKALIKES: Record<string, string> = { '¢': 'c', '©': 'c', '€': 'e', ð: 'd', Ð: 'd', '|': 'l' };
const WORD = /[\p{L}\p{N}¢©€|]+/gu;
const foldCache = new Map<string, string>();

function foldChar(char: string): string {
  let folded = foldCache.get(char);
  if (folded === undefined) {
    folded = LOOKALIKES[char] ?? foldVietnamese(char);
    foldCache.set(char, folded);
  }
  return folded;
}

function foldWord(word: string): string {
  let out = '';
  for (const char of word) out += char < '\u0080' ? char.toLowerCase() : foldChar(char);
  return /\d/.test(out) && /[a-z]/.test(out) ? repairDigits(out) : out;
}

const VOWEL = /[aeiouy]/;

/** Digits inside a word are OCR slips for letters: 6 and 0 for o/ô/ơ, 1 for l or i, 5 for a leading s. */
function repairDigits(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i += 1) {
    const char = word[i] ?? '';
    const next = word[i + 1] ?? '';
    const nearLetter = /[a-z]/.test(word[i - 1] ?? '') || /[a-z]/.test(next);
    if (!nearLetter) out += char;
    else if (char === '0' || char === '6') out += 'o';
    else if (char === '1') out += VOWEL.test(next) ? 'l' : 'i';
    else if (char === '5' && i === 0) out += 's';
    else out += char;
  }
  return out;
}

/** The key of a phrase written in a keyword table: " so noi vu ". */
export function phraseKey(phrase: string): string {
  return toMatchText(phrase.normalize('NFC')).key;
}

// While one document is parsed, each paragraph is read by several tables: its key is built once.
let memo: Map<string, MatchText> | null = null;

/** Runs `work` with keys shared between its calls of `toMatchText`, forgotten when it returns. */
export function withSharedKeys<T>(work: () => T): T {
  const outer = memo;
  memo = outer ?? new Map();
  try {
    return work();
  } finally {
    memo = outer;
  }
}

export function toMatchText(source: string): MatchText {
  const known = memo?.get(source);
  if (known) return known;
  const text = buildMatchText(source);
  memo?.set(source, text);
  return text;
}

function buildMatchText(source: string): MatchText {
  const words: string[] = [];
  const keyStarts: number[] = [];
  const srcStarts: number[] = [];
  const srcEnds: number[] = [];
  let key = ' ';
  for (const match of source.matchAll(WORD)) {
    const word = foldWord(match[0]);
    words.push(word);
    keyStarts.push(key.length);
    srcStarts.push(match.index);
    srcEnds.push(match.index + match[0].length);
    key += `${word} `;
  }
  return { source, key, words, keyStarts, srcStarts, srcEnds };
}

function wordAt(text: MatchText, keyIndex: number): number {
  let low = 0;
  let high = text.keyStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((text.keyStarts[mid] ?? 0) <= keyIndex) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Every whole-word occurrence of a phrase key (from `phraseKey`). */
export function findPhrase(text: MatchText, key: string): PhraseHit[] {
  const hits: PhraseHit[] = [];
  if (key.length <= 2) return hits;
  const size = key.split(' ').length - 2;
  let at = text.key.indexOf(key);
  while (at !== -1) {
    const from = wordAt(text, at + 1);
    hits.push({ from, to: from + size });
    at = text.key.indexOf(key, at + 1);
  }
  return hits;
}

/** The source characters between word i and word i + 1 (punctuation the key dropped). */
export function gapAfter(text: MatchText, word: number): string {
  return text.source.slice(text.srcEnds[word] ?? 0, text.srcStarts[word + 1] ?? text.source.length);
}

/** The key of words [from, to) without padding: "so noi vu". */
export function keyOf(text: MatchText, from: number, to: number): string {
  return text.words.slice(from, to).join(' ');
}

/** Folded text with the same length as the source, so a regex match on it can be read back. */
export function foldSameLength(text: string): string {
  let out = '';
  for (const char of text) {
    if (char < '\u0080') out += char.toLowerCase();
    else {
      const folded = foldChar(char);
      out += folded.length === 1 ? folded : char.length === 2 ? '  ' : ' ';
    }
  }
  return out;
}

/** Many phrases at once, indexed by their first word: one pass over a text finds them all. */
export interface PhraseTable<T> {
  byFirstWord: Map<string, Array<{ words: string[]; value: T }>>;
  /** Phrases as OCR skeletons (`skeletonTable`): a text is read by its words' skeletons. */
  skeleton?: boolean;
}

export function phraseTable<T>(entries: Array<[phrase: string, value: T]>): PhraseTable<T> {
  const byFirstWord = new Map<string, Array<{ words: string[]; value: T }>>();
  for (const [phrase, value] of entries) {
    const words = phraseKey(phrase).trim().split(' ');
    const first = words[0];
    if (!first) continue;
    const list = byFirstWord.get(first) ?? [];
    list.push({ words, value });
    byFirstWord.set(first, list);
  }
  return { byFirstWord };
}

/**
 * A folded word as an OCR may have written it, look-alike letters collapsed: "kiểrn" and "kiểm", "tliam"
 * and "tham", "chínb" and "chính", "Ycu" and "Yêu", "PÍCH" and "ĐÍCH" give the same skeleton. Only for
 * a second look where the exact words found nothing: skeletons of different words can meet.
 */
export function ocrSkeleton(word: string): string {
  // i, I, l and 1 first: then "li" (an h misread) and h and b (h misread) all read "ll".
  return word
    .replace(/[i1]/g, 'l')
    .replace(/rn/g, 'm')
    .replace(/[hb]/g, 'll')
    .replace(/c/g, 'e')
    .replace(/p/g, 'd')
    .replace(/0/g, 'o');
}

// A text's skeleton words, built once however many tables read it.
const skeletons = new WeakMap<MatchText, string[]>();
function skeletonWords(text: MatchText): string[] {
  let words = skeletons.get(text);
  if (!words) {
    words = text.words.map(ocrSkeleton);
    skeletons.set(text, words);
  }
  return words;
}

/** The same phrases, each word as its OCR skeleton: `findAll` reads a text's skeleton words against it. */
export function skeletonTable<T>(table: PhraseTable<T>): PhraseTable<T> {
  const byFirstWord = new Map<string, Array<{ words: string[]; value: T }>>();
  for (const list of table.byFirstWord.values()) {
    for (const { words, value } of list) {
      const skeleton = words.map(ocrSkeleton);
      const first = skeleton[0] ?? '';
      byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), { words: skeleton, value }]);
    }
  }
  return { byFirstWord, skeleton: true };
}

/** Every occurrence of every phrase of the table, in text order. */
export function findAll<T>(text: MatchText, table: PhraseTable<T>): Array<PhraseHit & { value: T }> {
  const hits: Array<PhraseHit & { value: T }> = [];
  const words = table.skeleton ? skeletonWords(text) : text.words;
  words.forEach((first, from) => {
    for (const candidate of table.byFirstWord.get(first) ?? []) {
      if (candidate.words.every((expected, offset) => words[from + offset] === expected)) {
        hits.push({ from, to: from + candidate.words.length, value: candidate.value });
      }
    }
  });
  return hits;
}
