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

export const NUMBER_LINE =
  /^(?:Số|SỐ|So|SO|s6|S6)\s*[:.]?\s*(\d{1,5}[a-zA-Z]?)\s*\/\s*(?:(\d{4})\s*\/\s*)?([\p{L}\d&]+(?:\s*[-–]\s*[\p{L}\d&]+)*)/u;

export function readNumber(lines: string[]): { number: string; type: string } | null {
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
