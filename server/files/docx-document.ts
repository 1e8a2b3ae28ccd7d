/**
 * A document spec (document-spec.ts) as a Word file in the format of Nghị định 30/2020/NĐ-CP: A4,
 * margins 20/20/30/15 mm, Times New Roman; the header's two borderless columns, the type name and title
 * centred, the body justified with a 1.27 cm first-line indent, page numbers top-centre from page 2, the
 * footer's two columns ("Nơi nhận" left, signature block right), annexes on landscape pages.
 */

import {
  AlignmentType,
  Document,
  Header,
  LineRuleType,
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
import {
  type BlockSpec,
  type DocumentSpec,
  documentFrame,
  type FrameItem,
  type FrameLine,
  isRule,
} from './document-spec.ts';
import { docxTable } from './docx-table.ts';

const FONT = 'Times New Roman';
const MM = 56.7; // twips per millimetre
const pt = (points: number) => points * 2; // docx sizes are in half-points

interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
}

const run = (text: string, style: RunStyle = {}) =>
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

const frameParagraph = (item: FrameItem, alignment: 'center' | 'left' = 'center') => {
  if (isRule(item)) return rule(item.rule);
  return new Paragraph({
    ...(alignment === 'center' && { alignment: AlignmentType.CENTER }),
    ...(item.before && { spacing: { before: item.before * 20 } }),
    children: [run(item.text, item)],
  });
};

const body = (children: TextRun[]) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 720 },
    spacing: { after: 120, line: 300, lineRule: LineRuleType.AUTO },
    children,
  });

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

function blockOf(block: BlockSpec): Paragraph | Table {
  if (Array.isArray(block))
    return body(block.map((part) => run(part.text, { bold: part.bold, italics: part.italics })));
  if ('heading' in block) return centred(block.heading, { bold: true });
  return docxTable(block.table);
}

export function specToDocx(spec: DocumentSpec): Promise<Buffer> {
  const frame = documentFrame(spec.head, spec.recipients);
  const annexes = (spec.annexes ?? []).map(blockOf);
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
  const left = (line: FrameLine) => frameParagraph(line, 'left');
  const document = new Document({
    creator: 'Chiso',
    title: spec.head.title,
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
          borderlessTable(
            frame.header.left.map((item) => frameParagraph(item)),
            frame.header.right.map((item) => frameParagraph(item)),
            frame.header.leftShare,
          ),
          new Paragraph({ spacing: { before: 240 }, children: [] }),
          ...frame.titles.map((item) => frameParagraph(item)),
          ...spec.paragraphs.map(blockOf),
          new Paragraph({ spacing: { before: 240 }, children: [] }),
          borderlessTable(
            frame.recipients.map(left),
            [
              ...frame.authority.map((item) => frameParagraph(item)),
              ...Array.from({ length: frame.signatureLines }, () => centred('')),
              frameParagraph(frame.signer),
            ],
            50,
          ),
        ],
      },
      // Appendices on landscape pages of their own (ND 30/2020 allows it for tables).
      ...(annexes.length > 0 ? [{ properties: { page: page('landscape') }, children: annexes }] : []),
    ],
  });
  return Packer.toBuffer(document);
}
