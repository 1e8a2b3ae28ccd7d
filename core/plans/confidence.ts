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

/** A value from the text: sure when it reads cleanly, else unsure with the reading as the candidate. */
export function readValue(value: string | null, reason: Reason, none: Reason): Reading {
  if (!value) return missingValue(none);
  return garbledWords(value).length > 0 ? unsureValue(OCR_DAMAGE, value) : sureValue(value, reason);
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
