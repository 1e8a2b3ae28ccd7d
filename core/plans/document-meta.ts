/**
 * The official particulars of a document (Nghị định 30/2020/NĐ-CP): "Số: 29/KH-UBND", the date line
 * "Hưng Yên, ngày 27 tháng 02 năm 2020", issuing body, type name and trích yếu, signer. When the date
 * line is damaged the date comes from a digital-signature stamp ("Ngày ký: 27.02.2020 …") or a
 * metadata header ("Ngày ban hành: 27/02/2020").
 */
import { parseDate } from '../text/dates.ts';
import { foldVietnamese } from '../text/vietnamese.ts';
import { AGENCY_TABLE } from './agency-table.ts';
import { foldSameLength } from './match-key.ts';
import { canonicalPlace, provinceWithKind } from './places.ts';
import type { PlanDocument } from './types.ts';

/** Type abbreviations of Nghị định 30/2020, Phụ lục III (case matters: CT/CTr, QĐ/QyĐ, TTr). */
const DOCUMENT_TYPES: Array<{ abbr: string; name: string }> = [
  { abbr: 'KH', name: 'Kế hoạch' },
  { abbr: 'QĐ', name: 'Quyết định' },
  { abbr: 'NQ', name: 'Nghị quyết' },
  { abbr: 'CT', name: 'Chỉ thị' },
  { abbr: 'CTr', name: 'Chương trình' },
  { abbr: 'QC', name: 'Quy chế' },
  { abbr: 'QyĐ', name: 'Quy định' },
  { abbr: 'TC', name: 'Thông cáo' },
  { abbr: 'TB', name: 'Thông báo' },
  { abbr: 'HD', name: 'Hướng dẫn' },
  { abbr: 'PA', name: 'Phương án' },
  { abbr: 'ĐA', name: 'Đề án' },
  { abbr: 'DA', name: 'Dự án' },
  { abbr: 'BC', name: 'Báo cáo' },
  { abbr: 'BB', name: 'Biên bản' },
  { abbr: 'TTr', name: 'Tờ trình' },
  { abbr: 'HĐ', name: 'Hợp đồng' },
  { abbr: 'CĐ', name: 'Công điện' },
  { abbr: 'BGN', name: 'Bản ghi nhớ' },
  { abbr: 'BTT', name: 'Bản thỏa thuận' },
  { abbr: 'GUQ', name: 'Giấy ủy quyền' },
  { abbr: 'GM', name: 'Giấy mời' },
  { abbr: 'GGT', name: 'Giấy giới thiệu' },
  { abbr: 'GNP', name: 'Giấy nghỉ phép' },
  { abbr: 'PG', name: 'Phiếu gửi' },
  { abbr: 'PC', name: 'Phiếu chuyển' },
  { abbr: 'PB', name: 'Phiếu báo' },
  { abbr: 'CV', name: 'Công văn' },
];

const upperFold = (text: string) => foldVietnamese(text).toUpperCase();

/** Abbreviation from a ký hiệu segment: exact first, then as OCR or typing without diacritics gives it. */
export function documentTypeOf(segment: string): string | null {
  const exact = DOCUMENT_TYPES.find((type) => type.abbr === segment);
  if (exact) return exact.abbr;
  return DOCUMENT_TYPES.find((type) => upperFold(type.abbr) === upperFold(segment))?.abbr ?? null;
}

const NUMBER_LINE =
  /^(?:Số|SỐ|So|SO|s6|S6)\s*[:.]?\s*(\d{1,5}[a-zA-Z]?)\s*\/\s*(?:(\d{4})\s*\/\s*)?([\p{L}\d&]+(?:\s*[-–]\s*[\p{L}\d&]+)*)/u;

function readNumber(lines: string[]): { number: string; type: string } | null {
  for (const line of lines.slice(0, 80)) {
    const match = NUMBER_LINE.exec(line);
    if (!match) continue;
    let symbol = (match[3] ?? '').replace(/\s+/g, '').replace(/–/g, '-');
    const segments = symbol.split('-');
    let type = documentTypeOf(segments[0] ?? '');
    if (!type && segments.length === 1) {
      // "QĐUBND": the hyphen was lost in extraction.
      const glued = DOCUMENT_TYPES.map((entry) => entry.abbr)
        .sort((a, b) => b.length - a.length)
        .find(
          (abbr) =>
            upperFold(symbol).startsWith(upperFold(abbr)) && /^[A-ZĐ]{2,}$/.test(symbol.slice(abbr.length)),
        );
      if (glued) {
        symbol = `${symbol.slice(0, glued.length)}-${symbol.slice(glued.length)}`;
        type = glued;
      }
    }
    const year = match[2] ? `${match[2]}/` : '';
    return { number: `${match[1]}/${year}${symbol}`, type: type ?? 'CV' };
  }
  return null;
}

/** OCR puts O for 0 and l/I for 1 inside numbers. */
function repairDigits(text: string): string {
  return text.replace(/(?<=\d)[oO]|[oO](?=\d)/g, '0').replace(/(?<=\d)[lI|]|[lI|](?=\d)/g, '1');
}

const DATE_LINE = /^\s*([^,]{2,40}?)\s*,?\s*ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/;
const PLACE_BEFORE_DATE = /^\s*([^,]{2,40}?)\s*,\s*ngay\b/;
const STAMP_DATE =
  /(?:ngay ky|thoi gian ky|ky ngay|signing ?time|signed)\s*:?\s*(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})/;
const HEADER_DATE =
  /^\s*(?:ngay ban hanh|ngay van ban|ngay_ban_hanh|issued(?:_?on)?|date)\s*[:=]\s*["']?(\d{4}-\d{2}-\d{2}|\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{4})/;

interface DatePlace {
  issuedOn: string | null;
  place: string | null;
}

function readDateAndPlace(lines: string[], warnings: string[]): DatePlace {
  let place: string | null = null;
  for (const line of lines.slice(0, 80)) {
    const folded = foldSameLength(repairDigits(line));
    const placeMatch = PLACE_BEFORE_DATE.exec(folded);
    if (!placeMatch || /\d/.test(placeMatch[1] ?? '')) continue;
    const writtenPlace = line.slice(placeMatch.index, (placeMatch[1] ?? '').length + placeMatch.index).trim();
    place ??= canonicalPlace(writtenPlace) ?? (/^[.…\s]*$/.test(writtenPlace) ? null : writtenPlace);
    const match = DATE_LINE.exec(folded);
    const issuedOn = match ? parseDate(`${match[2]}/${match[3]}/${match[4]}`) : null;
    if (issuedOn) return { issuedOn, place };
  }
  for (const [pattern, source] of [
    [STAMP_DATE, 'chữ ký số'],
    [HEADER_DATE, 'phần thông tin đầu tệp'],
  ] as const) {
    for (const line of lines) {
      const match = pattern.exec(foldSameLength(repairDigits(line)));
      if (!match) continue;
      const issuedOn = match[3]
        ? parseDate(`${match[1]}/${match[2]}/${match[3]}`)
        : parseDate(match[1] ?? '');
      if (issuedOn) {
        warnings.push(`Không đọc được dòng địa danh, ngày tháng; ngày ban hành lấy từ ${source}.`);
        return { issuedOn, place };
      }
    }
  }
  warnings.push('Không tìm thấy ngày ban hành.');
  return { issuedOn: null, place };
}

const TYPE_NAMES = DOCUMENT_TYPES.map((type) => ({ abbr: type.abbr, key: upperFold(type.name) }));
const TITLE_STOP =
  /^(căn cứ|can cu|thực hiện|thuc hien|theo đề nghị|theo de nghi|kính gửi|kinh gui|[IVX]+[.\-–]\s)/i;

function isMostlyUpper(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '');
  return letters.length > 0 && upper.length >= letters.length * 0.8;
}

/** The type name line ("KẾ HOẠCH") and the trích yếu under it, up to the next blank line. */
function readTitle(lines: string[]): { type: string | null; title: string | null } {
  for (let index = 0; index < Math.min(lines.length, 120); index += 1) {
    const line = lines[index] ?? '';
    const vv = /^V\/v\s*:?\s*(.+)$/i.exec(line);
    if (vv) return { type: 'CV', title: vv[1]?.trim() ?? null };
    if (!isMostlyUpper(line)) continue;
    const folded = upperFold(line);
    const type = TYPE_NAMES.find((entry) => folded === entry.key || folded.startsWith(`${entry.key} `));
    if (!type) continue;
    const parts: string[] = [];
    const rest = line.slice(type.key.length).trim();
    if (rest !== '') parts.push(rest);
    for (let next = index + 1; next < lines.length; next += 1) {
      const candidate = lines[next] ?? '';
      if (candidate === '') {
        if (parts.length > 0) break;
        continue;
      }
      if (TITLE_STOP.test(candidate) || /^[_\-–—=.]{3,}$/.test(candidate)) break;
      parts.push(candidate);
    }
    const title = parts
      .join(' ')
      .replace(/\s*\(\s*(ban hành )?kèm theo.*$/i, '')
      .replace(/\s+/g, ' ')
      .trim();
    return { type: type.abbr, title: title === '' ? null : title };
  }
  return { type: null, title: null };
}

const NATIONAL_MOTTO = /^(CỘNG HÒA|CỘNG HOÀ|CONG HOA|ĐỘC LẬP|DOC LAP)/i;
const PLACE_CONTINUATION = /^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|TINH|THANH PHO|HUYEN)\b/;

function titleCaseName(upper: string): string {
  const place = canonicalPlace(upper);
  if (place) return place;
  return upper
    .toLowerCase()
    .split(' ')
    .map((word) => (word[0]?.toUpperCase() ?? '') + word.slice(1))
    .join(' ');
}

function sentenceCase(upper: string): string {
  const lower = upper.toLowerCase();
  return (lower[0]?.toUpperCase() ?? '') + lower.slice(1);
}

const KIND_NAMES: Record<string, string> = {
  tinh: 'tỉnh',
  'thanh pho': 'thành phố',
  'thi xa': 'thị xã',
  'thi tran': 'thị trấn',
  huyen: 'huyện',
  quan: 'quận',
  phuong: 'phường',
  xa: 'xã',
};
const KIND_WORDS = Object.keys(KIND_NAMES);

function agencyNamed(folded: string): string | null {
  return (
    AGENCY_TABLE.find((entry) => entry.aliases.some((alias) => foldVietnamese(alias) === folded))?.name ??
    null
  );
}

/** "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" → "Ủy ban nhân dân tỉnh Quảng Ngãi"; "SỞ NỘI VỤ" → "Sở Nội vụ". */
export function bodyName(upper: string): string {
  const words = upper.trim().split(/\s+/);
  const folded = words.map((word) => foldVietnamese(word));
  const whole = agencyNamed(folded.join(' '));
  if (whole) return whole;
  for (let at = 1; at < words.length - 1; at += 1) {
    const kind = KIND_WORDS.find(
      (candidate) => folded.slice(at, at + candidate.split(' ').length).join(' ') === candidate,
    );
    if (!kind) continue;
    const size = kind.split(' ').length;
    if (at + size >= words.length) continue;
    const head = folded.slice(0, at).join(' ');
    const headName = /^(uy ban nhan dan|ubnd)$/.test(head)
      ? 'Ủy ban nhân dân'
      : (agencyNamed(head) ?? sentenceCase(words.slice(0, at).join(' ')));
    const kindText = KIND_NAMES[kind] ?? kind;
    return `${headName} ${kindText} ${titleCaseName(words.slice(at + size).join(' '))}`;
  }
  return /^(uy ban nhan dan|ubnd)$/.test(folded.join(' ')) ? 'Ủy ban nhân dân' : sentenceCase(upper);
}

function readIssuerHeader(lines: string[]): string | null {
  const numberAt = lines.findIndex((line) => NUMBER_LINE.test(line));
  const header = lines.slice(0, numberAt === -1 ? 12 : numberAt);
  const bodies: string[] = [];
  for (const line of header) {
    if (line === '' || NATIONAL_MOTTO.test(line) || !isMostlyUpper(line) || /^[_\-–—=]+$/.test(line))
      continue;
    if (PLACE_CONTINUATION.test(line) && bodies.length > 0) bodies[bodies.length - 1] += ` ${line}`;
    else bodies.push(line);
  }
  const issuing = bodies[bodies.length - 1];
  if (!issuing) return null;
  const name = bodyName(issuing);
  // "UBND TỈNH X / SỞ NỘI VỤ": the issuing body takes its place from the parent line above it.
  const parent = bodies[bodies.length - 2];
  if (parent && !/\b(tỉnh|thành phố|huyện|xã|phường)\b/.test(name)) {
    const parentPlace = /\b(tỉnh|thành phố|huyện|xã|phường)\s+.+$/.exec(bodyName(parent));
    if (parentPlace) return `${name} ${parentPlace[0]}`;
  }
  return name;
}

// On folded text: "Ủy ban nhân dân tỉnh (Hưng Yên) ban hành Kế hoạch …".
const PREAMBLE_ISSUER =
  /\b(?:uy ban nhan dan|ubnd)\s+(tinh|thanh pho|huyen|xa|phuong)((?:\s+[a-z]+){0,4}?)\s+(?:ban hanh|xay dung)\b/d;
const KIND_OF_BODY: Record<string, string> = {
  tinh: 'tỉnh',
  'thanh pho': 'thành phố',
  huyen: 'huyện',
  xa: 'xã',
  phuong: 'phường',
};

function readIssuer(
  lines: string[],
  preamble: string[],
  place: string | null,
  on: string | null,
  symbol: string | null,
): string | null {
  const header = readIssuerHeader(lines);
  if (header) return header;
  const committee = place ? `Ủy ban nhân dân ${provinceWithKind(place, on)}` : null;
  for (const paragraph of preamble) {
    const match = PREAMBLE_ISSUER.exec(foldSameLength(paragraph));
    if (!match) continue;
    const kind = match[1] ?? '';
    const [nameStart, nameEnd] = match.indices?.[2] ?? [0, 0];
    const name = paragraph.slice(nameStart, nameEnd).trim();
    // A capitalised name belongs to the body ("tỉnh Hưng Yên"); lower-case words are the sentence.
    if (name !== '' && /^\p{Lu}/u.test(name))
      return `Ủy ban nhân dân ${KIND_OF_BODY[kind]} ${canonicalPlace(name) ?? name}`;
    if (kind === 'tinh' || kind === 'thanh pho') return committee ?? `Ủy ban nhân dân ${KIND_OF_BODY[kind]}`;
  }
  const signsForCommittee = lines.some((line) => /^(TM|KT)\.\s*(UY BAN NHAN DAN|UBND)/.test(upperFold(line)));
  if (committee && (signsForCommittee || /-UBND\b/.test(symbol ?? ''))) return committee;
  return null;
}

const SURNAMES = new Set(
  (
    'nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh doan lam mai trinh luong ' +
    'ha ta cao dao chu thai kieu luu quach to trieu vuong phung tu khuc nong lo dam giang lai tong van kim ' +
    'lang la mac truong ong nghiem chau thach quan hua dieu au bach cu giap khong lieu mach ninh nghiem ' +
    'tieu yen thieu quang han son vi'
  ).split(' '),
);
const SIGNATURE_AUTHORITY =
  /^(TM\.|KT\.|Q\.|TL\.|TUQ\.|CHU TICH|PHO CHU TICH|GIAM DOC|PHO GIAM DOC|CHANH VAN PHONG|TRUONG BAN)/;

/** "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "GIÁM ĐỐC": the signature block, written in capitals. */
export function isSignatureLine(line: string): boolean {
  return isMostlyUpper(line) && SIGNATURE_AUTHORITY.test(upperFold(line.trim()));
}

function personName(line: string): string | null {
  const text = line.replace(/\((đã ký|da ky|ký)\)/i, '').trim();
  const words = text.split(' ');
  if (words.length < 2 || words.length > 5 || /[\d,;:.()]/.test(text) || isSignatureLine(text)) return null;
  if (!words.every((word) => /^\p{Lu}/u.test(word))) return null;
  if (!SURNAMES.has(foldVietnamese(words[0] ?? ''))) return null;
  if (isMostlyUpper(text)) return words.map((word) => titleCaseName(word)).join(' ');
  return text;
}

/** The name under the signature block ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Nguyễn Văn Phóng"). */
function readSigner(lines: string[]): string | null {
  for (let index = 0; index < lines.length; index += 1) {
    if (!isSignatureLine(lines[index] ?? '')) continue;
    let seen = 0;
    for (let next = index + 1; next < lines.length && seen < 8; next += 1) {
      const line = lines[next] ?? '';
      if (line === '' || line.startsWith('-') || /^(nơi nhận|noi nhan)/i.test(line)) continue;
      const name = personName(line);
      if (name) return name;
      seen += 1;
    }
  }
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const name = personName(lines[index] ?? '');
    if (name) return name;
  }
  return null;
}

export interface DocumentMeta {
  document: PlanDocument;
  /** The year the plan is for ("… năm 2023"), else the year of issue: dates written without a year. */
  planYear: number | null;
}

export function readDocumentMeta(lines: string[], preamble: string[], warnings: string[]): DocumentMeta {
  const numbered = readNumber(lines);
  const { issuedOn, place } = readDateAndPlace(lines, warnings);
  const { type, title } = readTitle(lines);
  if (!numbered) warnings.push('Không tìm thấy số, ký hiệu văn bản ("Số: …/KH-…").');
  const titleYear = title ? /\bnam\s+(\d{4})/.exec(foldVietnamese(title)) : null;
  return {
    document: {
      number: numbered?.number ?? null,
      type: numbered?.type ?? type,
      issuedOn,
      place,
      issuer: readIssuer(lines, preamble, place, issuedOn, numbered?.number ?? null),
      signer: readSigner(lines),
      title,
    },
    planYear: titleYear ? Number(titleYear[1]) : issuedOn ? Number(issuedOn.slice(0, 4)) : null,
  };
}
