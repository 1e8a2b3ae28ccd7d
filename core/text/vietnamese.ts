/** Vietnamese text handling: normalisation, diacritic-free folding for search, collation for sorting. */

/** NFC and single spaces: the same name typed on two keyboards must compare equal. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Diacritics removed, đ → d and Đ → D, case kept ("Đống Đa" → "Dong Da"): text for an SMS's 7-bit alphabet. */
export function withoutDiacritics(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** Lower-case, diacritics removed, đ → d: the key that search compares ("Đống Đa" → "dong da"). */
export function foldVietnamese(value: string): string {
  return withoutDiacritics(value).toLowerCase().replace(/\s+/g, ' ').trim();
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Vietnamese dictionary order (Ă, Â, Đ, Ê, Ô, Ơ, Ư after their base letters, not after Z). */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}

/** True when `query` occurs in `text`, ignoring case and diacritics. */
export function matchesSearch(text: string, query: string): boolean {
  return foldVietnamese(text).includes(foldVietnamese(query));
}

/** A LIKE pattern finding `query` anywhere in a folded column, with LIKE's own characters escaped. */
export function searchPattern(query: string): string {
  return `%${foldVietnamese(query).replace(/[\\%_]/g, '\\$&')}%`;
}
