/**
 * The register of outgoing documents (sổ văn bản đi) as rules: the number and ký hiệu a unit gives a
 * document (Nghị định 30/2020 Điều 15 and Phụ lục I II.3: the order within the body's year, from 01 on
 * 1 January; "12/KH-UBND", a công văn without its type: "12/UBND-VX"), what a number written by hand
 * says, the kinds of Chiso document a number is taken for, and the statuses in words.
 */
import { DOCUMENT_TYPES, documentTypeOf } from '../plans/document-number.ts';

/** The type a công văn is registered under: it has no abbreviation of its own in its ký hiệu. */
export const LETTER_TYPE = 'CV';

export const REGISTER_STATUSES = {
  numbered: { vi: 'Đã cấp số', en: 'Numbered' },
  signed: { vi: 'Đã ký', en: 'Signed' },
  sent: { vi: 'Đã phát hành', en: 'Sent' },
  void: { vi: 'Đã hủy số', en: 'Voided' },
} as const;
export type RegisterStatus = keyof typeof REGISTER_STATUSES;
export const REGISTER_STATUS_CODES = Object.keys(REGISTER_STATUSES) as [RegisterStatus, ...RegisterStatus[]];

/** What Chiso document a number is for; 'other' is a document made outside Chiso. */
export const SOURCE_KINDS = {
  plan: { vi: 'Kế hoạch', en: 'Plan' },
  report: { vi: 'Báo cáo định kỳ', en: 'Periodic report' },
  consolidated: { vi: 'Báo cáo tổng hợp', en: 'Consolidated report' },
  apology: { vi: 'Phiếu xin lỗi', en: 'Apology slip' },
  chasing: { vi: 'Công văn đôn đốc', en: 'Chasing letter' },
  quarter_list: { vi: 'Danh mục công khai quý', en: 'Quarter’s disclosure list' },
  remediation: { vi: 'Kế hoạch khắc phục', en: 'Remediation plan' },
  other: { vi: 'Văn bản khác (ngoài Chiso)', en: 'Other document (made outside Chiso)' },
} as const;
export type SourceKind = keyof typeof SOURCE_KINDS;
export const SOURCE_KIND_CODES = Object.keys(SOURCE_KINDS) as [SourceKind, ...SourceKind[]];

/** Types a number is taken for: every abbreviation of the decree, and the công văn. */
export const REGISTER_TYPE_CODES = DOCUMENT_TYPES.map((type) => type.abbr) as [string, ...string[]];

/** The type in words ("Kế hoạch"), for pickers and the export. */
export function typeName(abbr: string, locale: 'vi' | 'en' = 'vi'): string {
  const type = DOCUMENT_TYPES.find((entry) => entry.abbr === abbr);
  if (!type) return abbr;
  return locale === 'vi' ? type.name : type.en;
}

/**
 * The ký hiệu: type and issuer ("KH-UBND"); a công văn's is the issuer and the drafting unit or field
 * ("UBND-VX"), or the issuer alone when none is given. Another type may name its drafting unit too.
 */
export function documentSymbol(input: { type: string; issuer: string; drafter?: string | null }): string {
  const parts = input.type === LETTER_TYPE ? [input.issuer] : [input.type, input.issuer];
  if (input.drafter) parts.push(input.drafter);
  return parts.filter(Boolean).join('-');
}

/** "01/KH-UBND": numbers under 10 are written with a 0 before (the register starts from 01). */
export function documentNumber(seq: number, symbol: string): string {
  return `${String(seq).padStart(2, '0')}/${symbol}`;
}

/**
 * A number written by hand ("12/KH-UBND", "05/UBND-VX", "7/2026/QĐ-UBND") as the register keeps it:
 * its order, ký hiệu and type (a ký hiệu that starts with no type abbreviation is a công văn's). Null
 * when it is not a number and ký hiệu ("12a/KH-UBND", "KH-UBND").
 */
export function readHandNumber(
  written: string,
): { seq: number; symbol: string; type: string; number: string } | null {
  const match = /^\s*(\d{1,6})\s*\/\s*((?:\d{4}\/)?([\p{L}\d&]+)(?:-[\p{L}\d&]+)*)\s*$/u.exec(written);
  if (!match) return null;
  const seq = Number(match[1]);
  if (seq < 1) return null;
  const symbol = match[2] ?? '';
  const type = documentTypeOf(match[3] ?? '') ?? LETTER_TYPE;
  return { seq, symbol, type, number: `${match[1]}/${symbol}` };
}

/** The kinds of document Chiso writes itself, so the register prepares their PDF; any other is brought as a PDF. */
export const WRITTEN_BY_CHISO: readonly SourceKind[] = [
  'plan',
  'remediation',
  'report',
  'apology',
  'chasing',
  'quarter_list',
];
