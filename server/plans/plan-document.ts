/**
 * A plan as a Word document in the format of Nghị định 30/2020/NĐ-CP (Phụ lục I): A4, margins
 * 20/20/30/15 mm, Times New Roman; a two-column header (issuing body and number left, national motto
 * and place-date right), the type name and title centred, the numbered body justified with a 1.27 cm
 * first-line indent, page numbers top-centre from page 2, and a two-column footer ("Nơi nhận" left,
 * signature block right). Sizes follow the decree's own sample table (12/13/13/14).
 */

import {
  AlignmentType,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { DOCUMENT_TYPES } from '../../core/plans/document-number.ts';
import type { PlanDetail, PlanItem } from '../../core/plans/plan-views.ts';
import { RECURRENCE_NAMES } from '../../core/plans/plan-views.ts';
import type { PlanParts } from '../../core/plans/types.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { assigneeNames } from '../../core/units/groups.ts';
import { docxTable, type TableSpec } from '../files/docx-table.ts';

const FONT = 'Times New Roman';
const MM = 56.7; // twips per millimetre
const pt = (points: number) => points * 2; // docx sizes are in half-points

/** The type line of a document ("KẾ HOẠCH") from its abbreviation, as ND 30/2020 lists them. */
const typeNameOf = (abbr: string | null) =>
  (DOCUMENT_TYPES.find((type) => type.abbr === (abbr ?? 'KH'))?.name ?? 'Kế hoạch').toLocaleUpperCase('vi');

interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
}

export const run = (text: string, style: RunStyle = {}) =>
  new TextRun({ text, font: FONT, size: pt(style.size ?? 14), bold: style.bold, italics: style.italics });

const centred = (text: string, style: RunStyle = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, style)] });

/** The decree's "solid horizontal line" under a heading, about 1/3 of its length, centred. */
const rule = (characters: number) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 60 },
    children: [run('─'.repeat(characters), { size: 10 })],
  });

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

/** "Ủy ban nhân dân tỉnh Hưng Yên" → "Hưng Yên": the place a province's documents are dated from. */
export function placeOfUnit(unitName: string): string | null {
  return /(?:tỉnh|thành phố)\s+(.+)$/iu.exec(unitName)?.[1]?.trim() ?? null;
}

/**
 * The place a commune's own documents are dated from (ND 30/2020, Phụ lục I, II.4.a: the name of the
 * commune where the body sits): "Phường Phố Hiến" → "Phố Hiến"; a name that is a number keeps its
 * word ("Phường 5").
 */
export function placeOfCommune(unitName: string): string {
  const name = unitName.trim();
  const rest = /^(?:xã|phường|thị trấn|đặc khu)\s+(.+)$/iu.exec(name)?.[1]?.trim();
  return rest && !/^\d+$/.test(rest) ? rest : name;
}

/** Where a unit's document is dated: a commune from itself, anything else from its province. */
export function placeOfIssuingUnit(unit: { name: string; type: string }, provinceName: string | null) {
  if (unit.type === 'commune') return placeOfCommune(unit.name);
  return provinceName ? placeOfUnit(provinceName) : null;
}

/** "Phường Phố Hiến" issues as "Ủy ban nhân dân phường Phố Hiến"; a department as itself. */
export function issuerOfUnit(unit: { name: string; type: string }): string {
  if (unit.type !== 'commune' && unit.type !== 'province') return unit.name;
  return `Ủy ban nhân dân ${unit.name.charAt(0).toLocaleLowerCase('vi')}${unit.name.slice(1)}`;
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

function borderlessTable(left: Paragraph[], right: Paragraph[], leftShare: number): Table {
  const cell = (children: Paragraph[], share: number) =>
    new TableCell({
      children,
      width: { size: share, type: WidthType.PERCENTAGE },
      borders: TableBorders.NONE,
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left, leftShare), cell(right, 100 - leftShare)] })],
  });
}

function headerTable(plan: DocumentHead): Table {
  const { parent, body } = issuerLines(plan.issuer);
  const isLetter = plan.type === 'CV';
  // A công văn's ký hiệu has no type part ("12/UBND-VX"), and its trích yếu ("V/v …") sits under it.
  const blankNumber = isLetter
    ? `     /${issuerAbbreviation(plan.issuer)}`
    : `     /${plan.type ?? 'KH'}-${issuerAbbreviation(plan.issuer)}`;
  const left = [
    ...(parent ? [centred(parent, { size: 12 })] : []),
    centred(body, { size: 12, bold: true }),
    rule(Math.max(6, Math.round(body.length / 3))),
    centred(`Số: ${plan.number ?? blankNumber}`, { size: 13 }),
    ...(isLetter
      ? [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 120 },
            children: [run(`V/v ${plan.title}`, { size: 12 })],
          }),
        ]
      : []),
  ];
  const right = [
    centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true }),
    centred('Độc lập - Tự do - Hạnh phúc', { size: 13, bold: true }),
    rule(24),
    centred(placeDateLine(plan.place, plan.issuedOn, plan.year), { size: 13, italics: true }),
  ];
  return borderlessTable(left, right, 42);
}

/** "II" → "II. ", "1" → "1. ", "a" → "a) ": the label a heading carries in the decree's numbering. */
export function labelOf(ref: string): string {
  const last = ref.split('.').at(-1) ?? '';
  // A repeated Roman number keeps the number the document wrote ("II-2" is its second "II.").
  const roman = /^([IVXLC]+)(?:-\d+)?$/.exec(last)?.[1];
  if (roman) return `${roman}. `;
  if (/^\d+$/.test(last)) return `${last}. `;
  if (/^[a-zđ]$/.test(last)) return `${last}) `;
  return '';
}

export const body = (children: TextRun[], options: { indent?: boolean } = {}) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: options.indent === false ? undefined : { firstLine: 720 },
    spacing: { after: 120, line: 300 },
    children,
  });

/** "(Chủ trì: Sở Nội vụ; phối hợp: …; thời hạn: 31/03/2020; hằng quý)" after a task. */
export function assignmentNote(item: PlanItem): string {
  const lead = assigneeNames(item.lead, item.leadGroups, item.leadNames, { documentFirst: true });
  const support = assigneeNames(item.support, item.supportGroups, item.supportNames, { documentFirst: true });
  const parts = [
    lead.length > 0 && `Chủ trì: ${lead.join(', ')}`,
    support.length > 0 && `phối hợp: ${support.join(', ')}`,
    item.due && `thời hạn: ${formatDateVi(item.due)}`,
    item.recurrence && RECURRENCE_NAMES[item.recurrence].vi.toLocaleLowerCase('vi'),
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/**
 * How a task is marked: by its own letter ("II.1.a" → "a) ") or, directly under a Roman section, its
 * number ("II.4" → "4. "); any other trailing number counts dashes the document left unnumbered
 * (core/plans/numbering.ts), so the task keeps its dash.
 */
export function taskMarkerOf(ref: string): string {
  const segments = ref.split('.');
  const last = segments.at(-1) ?? '';
  if (/^[a-zđ]$/.test(last)) return `${last}) `;
  if (/^\d+$/.test(last) && segments.length === 2 && /^[IVXLC]+(?:-\d+)?$/.test(segments[0] ?? ''))
    return `${last}. `;
  return '- ';
}

function itemParagraph(item: PlanItem, depth: number): Paragraph {
  if (item.kind === 'task')
    return body([run(`${taskMarkerOf(item.ref)}${item.text}`), run(assignmentNote(item), { italics: true })]);
  const label = labelOf(item.ref);
  // Roman parts bold capitals, numbered sections bold, lettered points bold italic.
  if (depth === 0) return body([run(`${label}${item.text.toLocaleUpperCase('vi')}`, { bold: true })]);
  if (depth === 1) return body([run(`${label}${item.text}`, { bold: true })]);
  return body([run(`${label}${item.text}`, { bold: true, italics: true })]);
}

const ROMANS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
const romanOf = (ref: string) => ROMANS.indexOf((ref.split('.')[0] ?? '').replace(/-\d+$/, ''));

/** The top-level section of the items that is the organisation section ("III. TỔ CHỨC THỰC HIỆN"). */
function organisationSection(plan: PlanDetail): PlanItem | null {
  return (
    plan.items.find(
      (item) => item.parentId === null && /^to chuc thuc hien\b/.test(foldVietnamese(item.text)),
    ) ?? null
  );
}

/** An item and everything below it. */
function subtreeIds(plan: PlanDetail, top: PlanItem): Set<number> {
  const ids = new Set([top.id]);
  // Items come in document order: a child follows its parent.
  for (const item of plan.items) if (item.parentId !== null && ids.has(item.parentId)) ids.add(item.id);
  return ids;
}

/**
 * A plan with its parts (a drafted or imported plan) as ND 30/2020 plans are laid out: the basis,
 * section I's purposes and requirements (with the targets), the tasks' sections, then the organisation
 * section as the document wrote it — in place of the items of that section when the plan has them,
 * under the same number, else numbered after the last section.
 */
function partsParagraphs(plan: PlanDetail, parts: PlanParts, items: PlanItem[], paragraphs: Paragraph[]) {
  const organisation = parts.organisation.length > 0 ? organisationSection(plan) : null;
  const replaced = organisation ? subtreeIds(plan, organisation) : new Set<number>();
  const kept = paragraphs.filter((_, at) => !replaced.has(items[at]?.id ?? -1));
  const last = Math.max(
    0,
    ...items
      .filter((item) => item.parentId === null && !replaced.has(item.id))
      .map((item) => romanOf(item.ref)),
  );
  const number = organisation && romanOf(organisation.ref) > last ? romanOf(organisation.ref) : last + 1;
  const heading = (text: string) => body([run(text, { bold: true })]);
  return [
    ...parts.basis.map((line) => body([run(line)])),
    ...(parts.purposes.length > 0 || plan.targets.length > 0 ? [heading('I. MỤC ĐÍCH, YÊU CẦU')] : []),
    ...parts.purposes.map((line) => body([run(line)])),
    ...(plan.targets.length > 0
      ? [
          body([run('Chỉ tiêu cụ thể:', { italics: true })]),
          ...plan.targets.map((target) => body([run(`- ${target.text}.`)])),
        ]
      : []),
    ...kept,
    ...(parts.organisation.length > 0 ? [heading(`${ROMANS[number] ?? ''}. TỔ CHỨC THỰC HIỆN`)] : []),
    ...parts.organisation.map((line) => body([run(line)])),
  ];
}

function bodyParagraphs(plan: PlanDetail): Paragraph[] {
  const byId = new Map(plan.items.map((item) => [item.id, item]));
  const depthOf = (item: PlanItem) => {
    let depth = 0;
    for (let id = item.parentId; id !== null; id = byId.get(id)?.parentId ?? null) depth += 1;
    return depth;
  };
  const items = plan.items.map((item) => itemParagraph(item, depthOf(item)));
  if (plan.parts) return partsParagraphs(plan, plan.parts, plan.items, items);
  const targets =
    plan.targets.length > 0
      ? [
          body([run('Chỉ tiêu', { bold: true })]),
          ...plan.targets.map((target) => body([run(`- ${target.text}`)])),
        ]
      : [];
  return [...targets, ...items];
}

/** Recipients: the units that lead tasks, then the archive. */
function recipientsOf(plan: PlanDetail, given?: string[]): string[] {
  if (given && given.length > 0) return given;
  if (plan.parts && plan.parts.recipients.length > 0) return plan.parts.recipients;
  const names = new Set<string>();
  for (const item of plan.items) {
    for (const unit of item.lead) if (unit.id !== plan.unit.id) names.add(unit.name);
    for (const group of item.leadGroups) names.add(group.name);
  }
  return [...names];
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

function signatureTable(plan: DocumentHead, recipients: string[]): Table {
  const { parent } = issuerLines(plan.issuer);
  const left = [
    new Paragraph({ children: [run('Nơi nhận:', { size: 12, bold: true, italics: true })] }),
    ...recipients.map((name) => new Paragraph({ children: [run(`- ${name};`, { size: 11 })] })),
    new Paragraph({ children: [run('- Lưu: VT.', { size: 11 })] }),
  ];
  // A committee signs on behalf of the collective (TM.); a department's head signs as its head.
  const right = [
    ...(parent
      ? [centred(`TM. ${parent}`, { bold: true }), centred('CHỦ TỊCH', { bold: true })]
      : [centred(headTitleOf(plan.issuer), { bold: true })]),
    ...Array.from({ length: 4 }, () => centred('')),
    centred(plan.signer ?? '', { bold: true }),
  ];
  return borderlessTable(left, right, 50);
}

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

/** Any administrative document in the format of Nghị định 30/2020: header, type and title, body, signature. */
export async function nd30Document(
  head: DocumentHead,
  content: (Paragraph | Table)[],
  recipients: string[],
  annexes: (Paragraph | Table)[] = [],
): Promise<Buffer> {
  const typeName = typeNameOf(head.type);
  const page = (orientation: 'portrait' | 'landscape') => ({
    // A4; docx turns it for a landscape page.
    size: {
      width: 11906,
      height: 16838,
      ...(orientation === 'landscape' && { orientation: PageOrientation.LANDSCAPE }),
    },
    margin: {
      top: Math.round(20 * MM),
      bottom: Math.round(20 * MM),
      left: Math.round(30 * MM),
      right: Math.round(15 * MM),
    },
  });
  const document = new Document({
    creator: 'Chiso',
    title: head.title,
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: page('portrait'),
        },
        headers: {
          // Page numbers top-centre, not on the first page.
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })],
              }),
            ],
          }),
          first: new Header({ children: [] }),
        },
        children: [
          headerTable(head),
          new Paragraph({ spacing: { before: 240 }, children: [] }),
          // A công văn carries no type name: its subject is the "V/v" line of the header.
          ...(head.type === 'CV'
            ? []
            : [
                centred(typeName, { bold: true }),
                centred(head.title, { bold: true }),
                rule(Math.max(8, Math.round(Math.min(head.title.length, 70) / 3))),
              ]),
          ...content,
          new Paragraph({ spacing: { before: 240 }, children: [] }),
          signatureTable(head, recipients),
        ],
      },
      // Appendices on landscape pages of their own (ND 30/2020 allows it for tables).
      ...(annexes.length > 0 ? [{ properties: { page: page('landscape') }, children: annexes }] : []),
    ],
  });
  return Packer.toBuffer(document);
}

/** A run of text as plain data, so a document can be described on one thread and built on another. */
export interface RunSpec {
  text: string;
  bold?: boolean;
  italics?: boolean;
}

/** A paragraph (its runs, justified with a first-line indent), a centred heading, or a table. */
export type BlockSpec = RunSpec[] | { heading: string } | { table: TableSpec };

/** A document in the format of Nghị định 30/2020 as plain data: its particulars, body, recipients, appendices. */
export interface DocumentSpec {
  head: DocumentHead;
  paragraphs: BlockSpec[];
  recipients: string[];
  /** After the signature, on pages of their own: "Phụ lục" with their tables. */
  annexes?: BlockSpec[];
}

function blockOf(block: BlockSpec): Paragraph | Table {
  if (Array.isArray(block))
    return body(block.map((part) => run(part.text, { bold: part.bold, italics: part.italics })));
  if ('heading' in block) return centred(block.heading, { bold: true });
  return docxTable(block.table);
}

export function specToDocx(spec: DocumentSpec): Promise<Buffer> {
  return nd30Document(
    spec.head,
    spec.paragraphs.map(blockOf),
    spec.recipients,
    (spec.annexes ?? []).map(blockOf),
  );
}

export async function planToDocx(plan: PlanDetail, options: { recipients?: string[] } = {}): Promise<Buffer> {
  return nd30Document(plan, bodyParagraphs(plan), recipientsOf(plan, options.recipients));
}
