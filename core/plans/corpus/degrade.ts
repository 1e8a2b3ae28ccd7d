/**
 * Degraders: a clean plan text damaged the way real documents reach the importer (issue 18) — OCR
 * without diacritics or with look-alike letters, the two-column header merged, page numbers and running
 * heads inside paragraphs, paragraphs broken at a PDF's line width. Pure and seeded: the same seed gives
 * the same damage, so a measured figure can be reproduced. The wrappers (legal-database page, news
 * article) are in `wrappers.ts`; the header layouts in `header.ts`.
 */
import { withoutDiacritics } from '../../text/vietnamese.ts';
import { pick, type Rng } from './rng.ts';

export { ensureHeader, mergeHeader, tableHeader } from './header.ts';
export { pick, type Rng, seededRng } from './rng.ts';
export { legalDatabaseWrap, newsQuote } from './wrappers.ts';

/** Every diacritic gone, đ → d, case kept: a keyboard without Vietnamese input, or a careless OCR. */
export function stripDiacritics(text: string): string {
  return withoutDiacritics(text);
}

interface Confusion {
  /** What the OCR misreads (a global regexp; one occurrence in the word is replaced). */
  from: RegExp;
  to: readonly string[];
}

// Look-alikes seen in scans of Vietnamese administrative documents.
const CONFUSIONS: readonly Confusion[] = [
  { from: /^Số(?![\p{L}\p{N}])/gu, to: ['Sb', 'S6', 'So'] },
  { from: /Đ/g, to: ['P', 'D'] },
  { from: /rn/g, to: ['m'] },
  { from: /m/g, to: ['rn'] },
  { from: /(?<=\p{L})l|l(?=\p{L})/gu, to: ['1', 'I'] },
  { from: /(?<=\p{L})I|I(?=\p{L})/gu, to: ['l', '1'] },
  { from: /[ôồốổỗộ]/g, to: ['o', '6', 'ơ'] },
  { from: /[ơờớởỡợ]/g, to: ['o', 'ô'] },
  { from: /[ưừứửữự]/g, to: ['u'] },
  { from: /[êềếểễệ]/g, to: ['e', 'c'] },
  { from: /[ăâ]/g, to: ['a'] },
  { from: /[ạảãàá]/g, to: ['a'] },
  { from: /0/g, to: ['O', 'o'] },
  { from: /1/g, to: ['l', 'I'] },
  { from: /5/g, to: ['S'] },
  { from: /h/g, to: ['b', 'li'] },
];

/**
 * Look-alike swaps in about `rate` of the words ("Số" → "Sb"/"S6", "Đ" → "P", rn ↔ m, l ↔ 1 ↔ I,
 * "ô" → "o"/"6", 0 → O …): one swap per damaged word, at one of its occurrences.
 */
export function ocrConfusions(text: string, rng: Rng, rate = 0.08): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .split(' ')
        .map((word) => {
          if (word === '' || rng() >= rate) return word;
          const applicable = CONFUSIONS.filter((confusion) => new RegExp(confusion.from).test(word));
          if (applicable.length === 0) return word;
          const confusion = pick(rng, applicable);
          const spots = [...word.matchAll(confusion.from)];
          const spot = pick(rng, spots);
          const at = spot.index ?? 0;
          return word.slice(0, at) + pick(rng, confusion.to) + word.slice(at + spot[0].length);
        })
        .join(' '),
    )
    .join('\n');
}

/** A line cut at word boundaries into pieces of at most `width` characters (a longer word stays whole). */
export function wrapLine(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  out.push(current);
  return out;
}

/** Every paragraph broken into lines of about `width` characters, as text copied out of a PDF. */
export function hardWraps(text: string, rng: Rng, width = 70): string {
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width - 6 + Math.floor(rng() * 13)))
    .join('\n');
}

const RUNNING_HEADS = [
  'CÔNG BÁO/Số 12/Ngày 05-3-2020',
  'ỦY BAN NHÂN DÂN TỈNH',
  'Kế hoạch năm',
  'CÔNG BÁO TỈNH',
];

/**
 * A page break every `every` lines (give or take a few): the page number ("- 2 -", "2", "Trang 2") and
 * a running head. Half the breaks fall inside a long paragraph, splitting it around them.
 */
export function runningHeads(text: string, rng: Rng, every = 25): string {
  const head = pick(rng, RUNNING_HEADS);
  const out: string[] = [];
  let page = 1;
  let untilBreak = every;
  for (const line of text.split('\n')) {
    untilBreak -= 1;
    if (untilBreak > 0) {
      out.push(line);
      continue;
    }
    page += 1;
    untilBreak = every - 3 + Math.floor(rng() * 7);
    const number = pick(rng, [`- ${page} -`, `${page}`, `Trang ${page}`]);
    const words = line.split(' ');
    if (words.length > 12 && rng() < 0.5) {
      const cut = Math.floor(words.length / 2);
      out.push(words.slice(0, cut).join(' '), number, head, words.slice(cut).join(' '));
    } else out.push(line, '', number, '', head, '');
  }
  return out.join('\n');
}

/** Degraders applied left to right. */
export function compose(...steps: Array<(text: string) => string>): (text: string) => string {
  return (text) => steps.reduce((current, step) => step(current), text);
}
