/**
 * What a person must never read on a page or in a file: technical codes where words belong, and, in
 * English mode, Vietnamese labels. Used by tests/e2e/words.e2e.test.ts, which walks every route of the
 * web app and its dialogs, and by server/files/document-words.test.ts, which reads back every generated
 * .docx and .xlsx.
 */

/** Each pattern names what it catches; none is loosened for a page, the walk fixes the page instead. */
export const TECHNICAL_CODES: readonly (readonly [RegExp, string])[] = [
  // As the core period parser accepts them (core/periods/periods.ts): 2026Q4, 2026S1, 2026M03.
  [/\b\d{4}(?:M(?:0[1-9]|1[0-2])|Q[1-4]|S[12])\b/, 'a period code'],
  [/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/, 'a snake_case identifier'],
  // Two letters at least on each side, so the abbreviation "v.v." is not one.
  [/\b[a-z][a-zA-Z0-9]+(?:\.[a-z][a-zA-Z0-9_]+)+\b/, 'a dotted identifier'],
  [/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/, 'an ALL_CAPS_WITH_UNDERSCORES code'],
  [/#\d+/, 'a "#<number>" record reference'],
  [/\b(?:true|false|null|undefined|NaN)\b|\[object Object\]/, 'a raw programming value'],
];

/**
 * A number in the other language's format: in English 45,53 or 1.000 (vi), in Vietnamese 45.53 or
 * 1,000 (en). Digits glued to letters or dots (criterion "XA.1.2", procedure "1.001193") are codes.
 */
const FOREIGN_NUMBERS: Record<'vi' | 'en', RegExp[]> = {
  en: [/(?<![\p{L}\d.,])\d+,\d{1,2}(?![\d,])/u, /(?<![\p{L}\d.,])\d{1,3}(?:\.\d{3})+(?![\d.])/u],
  vi: [/(?<![\p{L}\d.,])\d+\.\d{1,2}(?![\d.])/u, /(?<![\p{L}\d.,])\d{1,3}(?:,\d{3})+(?![\d,])/u],
};

/** A Vietnamese letter with a diacritic (đ included): a Vietnamese word. */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

/**
 * Vietnamese words an English page keeps, each for a reason: the language switch names Vietnamese in
 * Vietnamese (as every language switch names its language); Tết is the holiday's name in English too.
 */
const KEPT_WORDS = ['Tiếng Việt', 'Tết'];

export interface Finding {
  what: string;
  found: string;
  line: string;
}

/**
 * Removes what is data, not label: proper names and titles a person typed or imported (units, people,
 * plans and their tasks, framework criteria), e-mail addresses and usernames (what a person types to
 * sign in). Longest first, so "Phường Phố Hiến" goes before "Phố Hiến".
 */
export function withoutData(text: string, names: readonly string[]): string {
  let out = text.replace(/\S+@\S+\.\w+/g, ' ');
  // A long name a page cut short ("Chủ trì, phối hợp … quản trị …") is still that name.
  const long = names.filter((name) => name.length > 40);
  out = out.replace(/[^\t\n…]{10,}…/g, (cut) => {
    for (let start = 0; start < cut.length - 10; start = cut.indexOf(' ', start + 1) + 1) {
      const prefix = cut.slice(start, -1).trim();
      if (prefix.length >= 10 && long.some((name) => name.startsWith(prefix)))
        return `${cut.slice(0, start)} `;
      if (cut.indexOf(' ', start + 1) < 0) break;
    }
    return cut;
  });
  for (const name of [...new Set(names)].sort((a, b) => b.length - a.length)) {
    if (name.trim().length < 2) continue;
    // Whole words only: the login "admin" is not taken out of "administrative".
    const escaped = name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu'), ' ');
  }
  // Numbers of legal documents name them ("766/QĐ-TTg", "90/2013/NĐ-CP"), as a title does.
  return out.replace(/\b\d+(?:\/\d{4})?[/-][\p{Lu}Đ]+(?:-[\p{Lu}Đ\p{Ll}]+)*(?:\/[\p{Lu}]+)?/gu, ' ');
}

/** The technical codes in a page's text, and in English mode the lines still in Vietnamese. */
export function findProblems(text: string, locale: 'vi' | 'en'): Finding[] {
  const findings: Finding[] = [];
  for (const line of text.split('\n')) {
    for (const [pattern, what] of TECHNICAL_CODES) {
      const match = line.match(pattern);
      if (match) findings.push({ what, found: match[0], line: line.trim().slice(0, 120) });
    }
    for (const pattern of FOREIGN_NUMBERS[locale]) {
      const match = line.match(pattern);
      if (match)
        findings.push({
          what: `a number not in the ${locale} format`,
          found: match[0],
          line: line.trim().slice(0, 120),
        });
    }
    if (locale === 'en') {
      let rest = line;
      for (const name of KEPT_WORDS) rest = rest.split(name).join(' ');
      const word = rest.split(/[\s,.;:()"'“”/–—-]+/).find((w) => VIETNAMESE.test(w));
      if (word)
        findings.push({ what: 'Vietnamese in English mode', found: word, line: line.trim().slice(0, 120) });
    }
  }
  return findings;
}

/** A code standing alone ("XA.1.2", "PAPI.5", "33.SNV", "HY_CCHC_XA"): capitals and digits joined by . _ -. */
const BARE_CODE = /^(?=[^a-z]*[A-Z])[A-Z0-9]+(?:[._-][A-Z0-9]+)+$/;

/**
 * In a row of cells (a table row, a sheet row, a paragraph), the cell that holds a code alone while no
 * other cell names the thing in words; null when there is none. A code beside its name is how a
 * criterion or an indicator is cited ("XA.1.2 | Ban hành kế hoạch"), a code alone is not.
 */
export function codeWithoutName(cells: readonly string[]): string | null {
  const code = cells.map((cell) => cell.trim()).find((cell) => BARE_CODE.test(cell));
  if (!code) return null;
  return cells.some((cell) => /\p{Ll}{2,}/u.test(cell)) ? null : code;
}
