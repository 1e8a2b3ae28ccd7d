/**
 * An administrative document in the format of Nghị định 30/2020/NĐ-CP (Phụ lục I) as plain data, so it
 * can be described on one thread and built on another, as .docx or .pdf alike. The frame (header block,
 * type and title, recipients, signature block) is written here once, as lines with their sizes and
 * styles; each format only lays them out. Sizes follow the decree's own sample table (12/13/13/14).
 */

import { DOCUMENT_TYPES } from '../../core/plans/document-number.ts';

/** The particulars every administrative document carries in its header and signature block. */
export interface DocumentHead {
  issuer: string | null;
  number: string | null;
  /** Type abbreviation: KH, BC, QĐ… */
  type: string | null;
  place: string | null;
  issuedOn: string | null;
  year: number;
  title: string;
  signer: string | null;
}

/** A run of text as plain data. */
export interface RunSpec {
  text: string;
  bold?: boolean;
  italics?: boolean;
}

/** A table of a document: headers, rows of text already formatted, numeric columns right-aligned. */
export interface TableSpec {
  headers: string[];
  rows: string[][];
  /** Per column: right-aligned (figures). */
  numeric?: boolean[];
  /** The last row is a total, in bold. */
  totalRow?: boolean;
  /** Per column, its share of the table's width in per cent (equal shares when not given). */
  widths?: number[];
}

/** A paragraph (its runs, justified with a first-line indent), a centred heading, or a table. */
export type BlockSpec = RunSpec[] | { heading: string } | { table: TableSpec };

/** A document in the format of Nghị định 30/2020 as plain data: its particulars, body, recipients, appendices. */
export interface DocumentSpec {
  head: DocumentHead;
  paragraphs: BlockSpec[];
  recipients: string[];
  /** After the signature, on landscape pages of their own: "Phụ lục" with their tables. */
  annexes?: BlockSpec[];
}

/** The type line of a document ("KẾ HOẠCH") from its abbreviation, as ND 30/2020 lists them. */
export const typeNameOf = (abbr: string | null) =>
  (DOCUMENT_TYPES.find((type) => type.abbr === (abbr ?? 'KH'))?.name ?? 'Kế hoạch').toLocaleUpperCase('vi');

/** "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN" → parent line (upright) and issuing-body line (bold). */
export function issuerLines(issuer: string | null): { parent: string | null; body: string } {
  const name = (issuer ?? '').trim();
  const upper = name.toLocaleUpperCase('vi');
  const committee = upper.match(/^(ỦY BAN NHÂN DÂN|UBND)\s+(.+)$/u);
  if (committee) return { parent: 'ỦY BAN NHÂN DÂN', body: (committee[2] ?? '').trim() };
  return { parent: null, body: upper || '……………………' };
}

/**
 * The issuer's part of a document number left blank for the clerk (ND 30/2020, Phụ lục I): "UBND" for a
 * People's Committee, the initials of a department ("Sở Nội vụ" → "SNV"); empty when unknown.
 */
export function issuerAbbreviation(issuer: string | null): string {
  const name = (issuer ?? '').trim();
  if (!name) return '';
  if (/^(ủy ban nhân dân|ubnd)(\s|$)/iu.test(name)) return 'UBND';
  const words = name.replace(/\s+(tỉnh|thành phố)\s+.+$/iu, '').split(/\s+/);
  return words.map((word) => word.charAt(0).toLocaleUpperCase('vi')).join('');
}

/** ND30: "Hưng Yên, ngày 05 tháng 02 năm 2020": a 0 before days under 10 and months 1 and 2. */
export function placeDateLine(place: string | null, isoDate: string | null, year: number): string {
  const where = place?.trim() || '……';
  if (!isoDate) return `${where}, ngày     tháng     năm ${year}`;
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const day = String(d).padStart(2, '0');
  const month = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `${where}, ngày ${day} tháng ${month} năm ${y}`;
}

/** The title of a body's head as the signature block writes it ("Sở Nội vụ" → "GIÁM ĐỐC"). */
export function headTitleOf(issuer: string | null): string {
  const name = (issuer ?? '').trim().toLocaleLowerCase('vi');
  if (name.startsWith('sở ')) return 'GIÁM ĐỐC';
  if (name.startsWith('thanh tra')) return 'CHÁNH THANH TRA';
  if (name.startsWith('văn phòng')) return 'CHÁNH VĂN PHÒNG';
  if (name.startsWith('ban ')) return 'TRƯỞNG BAN';
  return 'THỦ TRƯỞNG';
}

/** One line of the frame: its text, size in points and style, and space above it in points. */
export interface FrameLine {
  text: string;
  size: number;
  bold?: boolean;
  italics?: boolean;
  before?: number;
}

/** The decree's "solid horizontal line" under a heading, as long as `characters` characters of rule. */
export interface FrameRule {
  rule: number;
}

export type FrameItem = FrameLine | FrameRule;

export const isRule = (item: FrameItem): item is FrameRule => 'rule' in item;

/** Everything of a document but its body, as lines: what each format lays out its own way. */
export interface DocumentFrame {
  /** The header's two borderless columns (issuer and number | motto and place-date), the left one's share in per cent. */
  header: { left: FrameItem[]; right: FrameItem[]; leftShare: number };
  /** The type name, the title and the rule under them, centred (none for a công văn). */
  titles: FrameItem[];
  /** "Nơi nhận:" and the recipients, left-aligned. */
  recipients: FrameLine[];
  /** The authority and title above the signature, centred. */
  authority: FrameLine[];
  /** Blank lines left for the signature, at the body's size. */
  signatureLines: number;
  signer: FrameLine;
}

export function documentFrame(head: DocumentHead, recipients: string[]): DocumentFrame {
  const { parent, body } = issuerLines(head.issuer);
  const isLetter = head.type === 'CV';
  // A công văn's ký hiệu has no type part ("12/UBND-VX"), and its trích yếu ("V/v …") sits under it.
  const blankNumber = isLetter
    ? `     /${issuerAbbreviation(head.issuer)}`
    : `     /${head.type ?? 'KH'}-${issuerAbbreviation(head.issuer)}`;
  return {
    header: {
      left: [
        ...(parent ? [{ text: parent, size: 12 }] : []),
        { text: body, size: 12, bold: true },
        { rule: Math.max(6, Math.round(body.length / 3)) },
        { text: `Số: ${head.number ?? blankNumber}`, size: 13 },
        ...(isLetter ? [{ text: `V/v ${head.title}`, size: 12, before: 6 }] : []),
      ],
      right: [
        { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', size: 12, bold: true },
        { text: 'Độc lập - Tự do - Hạnh phúc', size: 13, bold: true },
        { rule: 24 },
        { text: placeDateLine(head.place, head.issuedOn, head.year), size: 13, italics: true },
      ],
      leftShare: 42,
    },
    // A công văn carries no type name: its subject is the "V/v" line of the header.
    titles: isLetter
      ? []
      : [
          { text: typeNameOf(head.type), size: 14, bold: true },
          { text: head.title, size: 14, bold: true },
          { rule: Math.max(8, Math.round(Math.min(head.title.length, 70) / 3)) },
        ],
    recipients: [
      { text: 'Nơi nhận:', size: 12, bold: true, italics: true },
      ...recipients.map((name) => ({ text: `- ${name};`, size: 11 })),
      { text: '- Lưu: VT.', size: 11 },
    ],
    // A committee signs on behalf of the collective (TM.); a department's head signs as its head.
    authority: parent
      ? [
          { text: `TM. ${parent}`, size: 14, bold: true },
          { text: 'CHỦ TỊCH', size: 14, bold: true },
        ]
      : [{ text: headTitleOf(head.issuer), size: 14, bold: true }],
    signatureLines: 4,
    signer: { text: head.signer ?? '', size: 14, bold: true },
  };
}
