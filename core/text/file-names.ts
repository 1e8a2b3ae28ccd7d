/**
 * The one way a file handed to a person is named: the words they would use, in Vietnamese with its
 * diacritics ("Báo cáo quý IV năm 2026 - Sở Nội vụ"), never a code or an internal number. Safe on every
 * file system: no folder separator or character Windows refuses (\ / : * ? " < > |) — each becomes "-" —,
 * no control or invisible character, one space between words, no leading or trailing dot, at most 150
 * characters. The ASCII fallback for old clients is Content-Disposition's (server/http/downloads.ts).
 */
const MAX_LENGTH = 150;

export function fileNamePart(words: string): string {
  const part = words
    .normalize('NFC')
    // Control characters, and format ones: zero-width, bidi overrides, the byte-order mark.
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s*[\\/:*?"<>|]+\s*/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.-]+|[\s.-]+$/g, '');
  return part.length > MAX_LENGTH ? part.slice(0, MAX_LENGTH).replace(/[\s.-]+$/, '') : part;
}
