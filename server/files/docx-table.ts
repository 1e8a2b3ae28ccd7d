import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { TableSpec } from './document-spec.ts';

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE };

const cell = (
  text: string,
  options: {
    bold?: boolean;
    align: (typeof AlignmentType)[keyof typeof AlignmentType];
    width?: number | undefined;
  },
) =>
  new TableCell({
    borders: BORDERS,
    ...(options.width !== undefined && { width: { size: options.width, type: WidthType.PERCENTAGE } }),
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    // A cell's typed lines stay lines: one paragraph each.
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: options.align,
          children: [new TextRun({ text: line, font: 'Times New Roman', size: 24, bold: options.bold })],
        }),
    ),
  });

/** A bordered table in 12 pt, header row bold and centred, repeated on every page. */
export function docxTable(spec: TableSpec): Table {
  const alignOf = (index: number) => (spec.numeric?.[index] ? AlignmentType.RIGHT : AlignmentType.LEFT);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    // The grid in twips of a portrait A4 text width (the percentages above keep them in proportion).
    ...(spec.widths && { columnWidths: spec.widths.map((share) => Math.round(share * 90)) }),
    rows: [
      new TableRow({
        tableHeader: true,
        children: spec.headers.map((text, index) =>
          cell(text, { bold: true, align: AlignmentType.CENTER, width: spec.widths?.[index] }),
        ),
      }),
      ...spec.rows.map(
        (row, rowIndex) =>
          new TableRow({
            children: row.map((text, index) =>
              cell(text, {
                align: alignOf(index),
                width: spec.widths?.[index],
                bold: spec.totalRow === true && rowIndex === spec.rows.length - 1,
              }),
            ),
          }),
      ),
    ],
  });
}
