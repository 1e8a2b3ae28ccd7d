/**
 * "Số: 29/KH-UBND": the number and ký hiệu of a document, and its type from the abbreviations of
 * Nghị định 30/2020 (Phụ lục III). A công văn has no type abbreviation ("05/BNV-VP").
 */
import { foldVietnamese } from '../text/vietnamese.ts';

/** Type abbreviations of Nghị định 30/2020, Phụ lục III (case matters: CT/CTr, QĐ/QyĐ, TTr). */
export const DOCUMENT_TYPES: Array<{ abbr: string; name: string; en: string }> = [
  { abbr: 'KH', name: 'Kế hoạch', en: 'Plan' },
  { abbr: 'QĐ', name: 'Quyết định', en: 'Decision' },
  { abbr: 'NQ', name: 'Nghị quyết', en: 'Resolution' },
  { abbr: 'CT', name: 'Chỉ thị', en: 'Directive' },
  { abbr: 'CTr', name: 'Chương trình', en: 'Programme' },
  { abbr: 'QC', name: 'Quy chế', en: 'Regulation' },
  { abbr: 'QyĐ', name: 'Quy định', en: 'Rule' },
  { abbr: 'TC', name: 'Thông cáo', en: 'Communiqué' },
  { abbr: 'TB', name: 'Thông báo', en: 'Notice' },
  { abbr: 'HD', name: 'Hướng dẫn', en: 'Guidance' },
  { abbr: 'PA', name: 'Phương án', en: 'Option paper' },
  { abbr: 'ĐA', name: 'Đề án', en: 'Scheme' },
  { abbr: 'DA', name: 'Dự án', en: 'Project' },
  { abbr: 'BC', name: 'Báo cáo', en: 'Report' },
  { abbr: 'BB', name: 'Biên bản', en: 'Minutes' },
  { abbr: 'TTr', name: 'Tờ trình', en: 'Submission' },
  { abbr: 'HĐ', name: 'Hợp đồng', en: 'Contract' },
  { abbr: 'CĐ', name: 'Công điện', en: 'Official telegram' },
  { abbr: 'BGN', name: 'Bản ghi nhớ', en: 'Memorandum of understanding' },
  { abbr: 'BTT', name: 'Bản thỏa thuận', en: 'Agreement' },
  { abbr: 'GUQ', name: 'Giấy ủy quyền', en: 'Letter of authorisation' },
  { abbr: 'GM', name: 'Giấy mời', en: 'Invitation' },
  { abbr: 'GGT', name: 'Giấy giới thiệu', en: 'Letter of introduction' },
  { abbr: 'GNP', name: 'Giấy nghỉ phép', en: 'Leave permit' },
  { abbr: 'PG', name: 'Phiếu gửi', en: 'Dispatch slip' },
  { abbr: 'PC', name: 'Phiếu chuyển', en: 'Transfer slip' },
  { abbr: 'PB', name: 'Phiếu báo', en: 'Notification slip' },
  // Thông tư 01/2018/TT-VPCP, mẫu 04: the slip a late dossier's applicant receives.
  { abbr: 'PXL', name: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả', en: 'Apology and new return date slip' },
  { abbr: 'CV', name: 'Công văn', en: 'Official letter' },
];

export const upperFold = (text: string) => foldVietnamese(text).toUpperCase();

/** Abbreviation from a ký hiệu segment: exact first, then as OCR or typing without diacritics gives it. */
export function documentTypeOf(segment: string): string | null {
  const exact = DOCUMENT_TYPES.find((type) => type.abbr === segment);
  if (exact) return exact.abbr;
  return DOCUMENT_TYPES.find((type) => upperFold(type.abbr) === upperFold(segment))?.abbr ?? null;
}

/** "Số", and what OCR makes of it ("So", "S6", "Sb", "S0"). */
export const NUMBER_LINE =
  /^(?:Số|SỐ|So|SO|Sô|s6|S6|Sb|S0)\s*[:.]?\s*([\dOoIl|S]{0,4}\d[\dOoIl|S]{0,4}[a-zA-Z]?)\s*\/\s*(?:([\dOoIl|]{4})\s*\/\s*)?([\p{L}\d&]+(?:\s*[-–]\s*[\p{L}\d&]+)*)/u;

export interface DocumentNumber {
  number: string;
  type: string;
  /** What OCR damage was repaired ("88I" → "881"), for the warnings. */
  repaired: string | null;
  /** Why the number cannot be trusted as read (a look-alike that could be a digit or a letter). */
  doubt: { vi: string; en: string } | null;
}

/** OCR puts O for 0 and l, I or | for 1: in a run of digits they can only be digits. */
export function repairDigits(text: string): string {
  return text.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1');
}

function symbolOf(raw: string): { symbol: string; type: string | null; repaired: boolean } {
  let symbol = raw.replace(/\s+/g, '').replace(/–/g, '-');
  const segments = symbol.split('-');
  let type = documentTypeOf(segments[0] ?? '');
  let repaired = false;
  if (!type && segments.length > 1) {
    // "QP-UBND": the OCR read Đ as P; repaired only when the segment is no type as written.
    const withD = (segments[0] ?? '').replace(/P/g, 'Đ');
    const known = DOCUMENT_TYPES.find((entry) => entry.abbr === withD);
    if (known) {
      type = known.abbr;
      symbol = [withD, ...segments.slice(1)].join('-');
      repaired = true;
    }
  }
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
  return { symbol, type, repaired };
}

export const NUMBER_DOUBT = {
  vi: 'Số, ký hiệu có ký tự nhận dạng không chắc (chữ hay số?): kiểm tra lại với văn bản gốc.',
  en: 'The number has characters the OCR may have misread (letter or digit?): check against the original.',
};

/** The number and ký hiệu of a number line ("Số: 29/KH-UBND"), with OCR look-alikes dealt with. */
export function numberOf(match: RegExpExecArray): DocumentNumber {
  const written = match[1] ?? '';
  // "12a/QĐ-UBND" has a letter after its number; a look-alike of a digit there is a digit.
  const suffix = /[a-zA-Z]$/.test(written) && !/[OoIlS]$/.test(written) ? written.slice(-1) : '';
  const digits = repairDigits(written.slice(0, written.length - suffix.length));
  const year = match[2] ? `${repairDigits(match[2])}/` : '';
  const { symbol, type, repaired } = symbolOf(match[3] ?? '');
  const asWritten = `${written}/${match[2] ? `${match[2]}/` : ''}${(match[3] ?? '').replace(/\s+/g, '')}`;
  // "S" for 5 is a guess; a digit or a small letter in the issuing body's code is damage.
  const doubtful =
    digits.includes('S') ||
    symbol.split('-').some((segment, at) => (at > 0 || !type) && /[\d\p{Ll}]/u.test(segment));
  const number = `${digits.replace(/S/g, '5')}${suffix}/${year}${symbol}`;
  return {
    number,
    type: type ?? 'CV',
    repaired:
      !doubtful && (repaired || number !== asWritten.replace(/–/g, '-')) ? `${asWritten} → ${number}` : null,
    doubt: doubtful ? NUMBER_DOUBT : null,
  };
}

/** The document's own number line, within its first 80 lines. */
export function readNumber(lines: string[]): DocumentNumber | null {
  for (const line of lines.slice(0, 80)) {
    const match = NUMBER_LINE.exec(line);
    if (match) return numberOf(match);
  }
  return null;
}
