/**
 * How sure the importer is of each particular it reads (issue 18), and the test of OCR damage a value
 * may carry: letters and digits mixed in a word ("c6ng", "202o"), or a word no Vietnamese syllable
 * spells ("chínb", "Nguycn", "nărn"). A value the importer is not sure of is left empty and flagged,
 * its reading offered as a candidate the person takes with a click.
 */
import { foldVietnamese } from '../text/vietnamese.ts';
import type { DocumentConfidence, DocumentField, FieldConfidence, PlanDocument } from './types.ts';

export type Reason = { vi: string; en: string };

export const sure = (reason: Reason): FieldConfidence => ({ level: 'sure', reason });
export const missing = (reason: Reason): FieldConfidence => ({ level: 'missing', reason });
export function unsure(reason: Reason, candidate: string | null | undefined): FieldConfidence {
  return candidate ? { level: 'unsure', reason, candidate } : { level: 'unsure', reason };
}

/** A value read with how sure the reader is of it. */
export interface Reading<T = string> {
  value: T | null;
  confidence: FieldConfidence;
}

export const sureValue = <T>(value: T, reason: Reason): Reading<T> => ({ value, confidence: sure(reason) });
export const unsureValue = <T = string>(reason: Reason, candidate?: string | null): Reading<T> => ({
  value: null,
  confidence: unsure(reason, candidate),
});
export const missingValue = <T = string>(reason: Reason): Reading<T> => ({
  value: null,
  confidence: missing(reason),
});

/** The first sure reading; else the first unsure one (its candidate offered); else `fallback`. */
export function firstReading<T>(readings: Array<Reading<T> | null>, fallback: Reading<T>): Reading<T> {
  const found = readings.filter((reading): reading is Reading<T> => reading !== null);
  return (
    found.find((reading) => reading.confidence.level === 'sure') ??
    found.find((reading) => reading.confidence.level === 'unsure') ??
    fallback
  );
}

/** Surnames as written, so a damaged signer's name is offered back with its diacritics. */
export const SURNAMES_WRITTEN =
  'Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Lâm Mai Trịnh Lương Hà Tạ Cao Đào Chu Thái Kiều Lưu Quách Tô Triệu Vương Phùng Từ Khúc Nông Lò Đàm Giang Lại Tống Văn Kim Lăng La Mạc Trương Ông Nghiêm Châu Thạch Quan Hứa Diệp Âu Bạch Cù Giáp Khổng Liêu Mạch Ninh Tiêu Thiều Quang Hàn Sơn Vi Đầu Khuất Tăng Ưng Ma Thi Cầm Tôn'.split(
    ' ',
  );

export const OCR_DAMAGE: Reason = {
  vi: 'Có chữ bị nhận dạng sai (OCR): kiểm tra lại và sửa trước khi dùng.',
  en: 'Some letters look misread by OCR: check and correct before using it.',
};

// Folded Vietnamese syllables: an initial, a vowel group, a final. Groups that never take a final
// ("ia", "ai", "ieu" …) are listed apart from those that may.
const INITIAL = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnrstvx])?';
const CLOSABLE = '(?:uye|ie|ye|uo|ua|oa|oe|ue|uy|oo|[aeiouy])';
const OPEN =
  '(?:ieu|yeu|uoi|uou|oai|oay|oeo|uay|uya|uyu|ai|ao|au|ay|eo|eu|ia|iu|oi|ui|uu|ya|ua|uo|ue|oa|oe|uy|[aeiouy])';
// "k" closes the syllables of Central Highlands place names ("Đắk Lắk").
const FINAL = '(?:ch|ng|nh|[cmnptk])';
const SYLLABLE = new RegExp(`^${INITIAL}(?:${CLOSABLE}${FINAL}|${OPEN})$`);
/** Words of other languages the plans use. */
const FOREIGN = new Set(
  'index online internet website web email covid smart mobile app digital zalo e ict gis papi pci par sipas dti'.split(
    ' ',
  ),
);

/** Whether a word (letters and digits only) reads as an OCR slip rather than a word. */
function isGarbledWord(word: string): boolean {
  const letters = /\p{L}/u.test(word);
  if (!letters) return false;
  if (/\d/.test(word)) return true;
  if (word.length < 2) return false;
  if (/^[\p{Lu}]+$/u.test(word)) return false;
  const folded = foldVietnamese(word);
  if (FOREIGN.has(folded)) return false;
  // A capital inside a word is a slip ("PAPl" reads as mixed case only when a letter was swapped).
  if (/^\p{L}\p{Ll}*\p{Lu}/u.test(word)) return true;
  return !SYLLABLE.test(folded);
}

/** The words of `text` that read as OCR slips ("hành chínb" → ["chínb"]). */
export function garbledWords(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).filter(isGarbledWord);
}

/** OCR-tolerant key of a word: diacritics folded, look-alikes merged (1/l/I → i, 0/6 → o, rn → m, b → h, c → e). */
export function looseKey(word: string): string {
  return foldVietnamese(word)
    .replace(/rn/g, 'm')
    .replace(/li/g, 'h')
    .replace(/[1l|]/g, 'i')
    .replace(/[06]/g, 'o')
    .replace(/5/g, 's')
    .replace(/b/g, 'h')
    .replace(/p/g, 'd')
    .replace(/c/g, 'e');
}

/** Puts right the slips of a reading it can: each damaged word by a clean one of the same shape. */
export type Repair = (text: string) => string;

/**
 * A repair from the document's own words: a damaged word becomes the commonest clean word of the text
 * with the same OCR-tolerant key ("chínb" → "chính", "c6ng" → "công"). Only ever a candidate.
 */
export function repairFrom(lines: string[], extra: string[] = []): Repair {
  // Per key, each clean word with how often it is written, and how often with a capital; built only
  // when a damaged value needs it.
  let known: Map<string, Map<string, { all: number; capital: number }>> | null = null;
  const vocabulary = () => {
    if (known) return known;
    const byKey = new Map<string, Map<string, { all: number; capital: number }>>();
    for (const word of [...lines, ...extra].join(' ').match(/[\p{L}\p{N}]+/gu) ?? []) {
      if (isGarbledWord(word) || word.length < 2) continue;
      const key = looseKey(word);
      const words = byKey.get(key) ?? new Map<string, { all: number; capital: number }>();
      const lower = word.toLowerCase();
      const seen = words.get(lower) ?? { all: 0, capital: 0 };
      seen.all += 1;
      if (/^\p{Lu}/u.test(word)) seen.capital += 1;
      words.set(lower, seen);
      byKey.set(key, words);
    }
    known = byKey;
    return byKey;
  };
  return (text) =>
    text.replace(/[\p{L}\p{N}]+/gu, (word) => {
      if (!isGarbledWord(word)) return word;
      const capital = /^\p{Lu}/u.test(word);
      // A capitalised word (a name) is repaired from the words written with a capital first.
      const found = [...(vocabulary().get(looseKey(word))?.entries() ?? [])].sort(
        (a, b) => (capital ? b[1].capital - a[1].capital : 0) || b[1].all - a[1].all,
      )[0]?.[0];
      if (!found) return word;
      if ((word.match(/\p{Lu}/gu)?.length ?? 0) >= 2) return found.toUpperCase();
      return capital ? (found[0]?.toUpperCase() ?? '') + found.slice(1) : found;
    });
}

const asRead: Repair = (text) => text;

/** A value from the text: sure when it reads cleanly, else unsure with its repair as the candidate. */
export function readValue(value: string | null, reason: Reason, none: Reason, repair = asRead): Reading {
  if (!value) return missingValue(none);
  return garbledWords(value).length > 0 ? unsureValue(OCR_DAMAGE, repair(value)) : sureValue(value, reason);
}

/** The document with each unsure or missing field emptied, and the confidence of each. */
export function settle(readings: Record<DocumentField, Reading>): {
  document: PlanDocument;
  confidence: DocumentConfidence;
} {
  const entries = Object.entries(readings) as Array<[DocumentField, Reading]>;
  return {
    document: Object.fromEntries(
      entries.map(([field, reading]) => [field, reading.confidence.level === 'sure' ? reading.value : null]),
    ) as unknown as PlanDocument,
    confidence: Object.fromEntries(
      entries.map(([field, reading]) => [field, reading.confidence]),
    ) as DocumentConfidence,
  };
}
