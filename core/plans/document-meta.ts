/**
 * The official particulars of a document (Nghị định 30/2020/NĐ-CP): "Số: 29/KH-UBND", the date line
 * "Hưng Yên, ngày 27 tháng 02 năm 2020", issuing body, type name and trích yếu, signer. When the date
 * line is damaged the date comes from a digital-signature stamp ("Ngày ký: 27.02.2020 …") or a
 * metadata header ("Ngày ban hành: 27/02/2020").
 */
import { parseDate } from '../text/dates.ts';
import { foldVietnamese } from '../text/vietnamese.ts';
import { DOCUMENT_TYPES, readNumber, upperFold } from './document-number.ts';
import { foldSameLength } from './match-key.ts';
import { isMostlyUpper } from './normalise.ts';
import { canonicalPlace } from './places.ts';
import { readIssuer, readSigner } from './signatories.ts';
import type { PlanDocument } from './types.ts';

/** OCR puts O for 0 and l/I for 1 inside numbers. */
function repairDateDigits(text: string): string {
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
    const folded = foldSameLength(repairDateDigits(line));
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
      const match = pattern.exec(foldSameLength(repairDateDigits(line)));
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
