import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { docxTable } from '../files/docx-table.ts';
import { A4, vietnameseDocument, wrap } from '../surveys/pdf-text.ts';

/**
 * A plan's text typeset as a PDF the way offices print them (Nghị định 30/2020): the header in two
 * columns (issuer and number left, the national motto and place-date right, on shared baselines), the
 * body in wrapped, first-line-indented paragraphs, the page number at the top from page 2.
 */
const TYPE_NAME = /^(ke hoach|quyet dinh|chuong trinh|bao cao):?$/;
const RIGHT_COLUMN = /^(cong hoa xa hoi|doc lap)|,\s*ngay\s+\d/;
const MARGIN = { left: 70, right: 50, top: 60, bottom: 60 };
const SIZE = 13;
const LEADING = 17;

const bare = (line: string) =>
  line
    .replace(/\*\*|__|\\/g, '')
    .replace(/^#+\s*/, '')
    .replace(/(^|\s)\*(\S[^*]*)\*/g, '$1$2')
    .trim();

const TABLE_SIZE = 11;
const TABLE_LEADING = 14;
const CELL_PAD = 5;
const TABLE_RULE = /^\|?[\s:|-]+\|$/;

/** A pipe row's cells ("| 1 | Rà soát … | Sở Tư pháp |"), when it has three or more. */
function tableRow(line: string): string[] | null {
  if (!line.startsWith('|') || TABLE_RULE.test(line)) return null;
  const cells = line
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
  return cells.length >= 3 ? cells : null;
}

/** Columns as wide as their longest text asks (a number column narrow), filling `width`. */
function tableColumns(rows: string[][], width: number): { x: number; width: number }[] {
  const wants = (rows[0] ?? []).map((_, at) =>
    Math.min(60, Math.max(10, ...rows.map((row) => (row[at] ?? '').length))),
  );
  const total = wants.reduce((sum, want) => sum + want, 0);
  let x = MARGIN.left;
  return wants.map((want) => {
    const column = { x, width: (width * want) / total };
    x += column.width;
    return column;
  });
}

/** Each cell's lines from the top of the row, at its column. */
function drawCells(
  page: PDFPage,
  cells: string[][],
  columns: { x: number; width: number }[],
  top: number,
  font: PDFFont,
) {
  cells.forEach((lines, at) => {
    lines.forEach((line, index) => {
      page.drawText(line, {
        x: (columns[at]?.x ?? 0) + CELL_PAD,
        y: top - index * TABLE_LEADING,
        size: TABLE_SIZE,
        font,
      });
    });
  });
}

export async function planTextToPdf(text: string): Promise<Buffer> {
  const { pdf, regular, bold } = await vietnameseDocument('Kế hoạch');
  const lines = text.normalize('NFC').split(/\r?\n/).map(bare);
  const typeAt = lines.findIndex((line, index) => index < 40 && TYPE_NAME.test(foldVietnamese(line)));
  const header = typeAt > 0 ? lines.slice(0, typeAt).filter(Boolean) : [];
  const body = typeAt > 0 ? lines.slice(typeAt) : lines;

  let page = pdf.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN.top;
  const width = A4.width - MARGIN.left - MARGIN.right;
  const newPage = () => {
    page = pdf.addPage([A4.width, A4.height]);
    const number = String(pdf.getPageCount());
    page.drawText(number, { x: A4.width / 2 - 4, y: A4.height - 35, size: 11, font: regular });
    y = A4.height - MARGIN.top;
  };

  const left = header.filter((line) => !RIGHT_COLUMN.test(foldVietnamese(line)));
  const right = header.filter((line) => RIGHT_COLUMN.test(foldVietnamese(line)));
  for (let row = 0; row < Math.max(left.length, right.length); row++) {
    const [l, r] = [left[row], right[row]];
    // Nghị định 30/2020: the issuer and the motto in bold, the number and the place-date not.
    const fontOf = (line: string) =>
      /^(so\s*:|.*,\s*ngay\s+\d)/.test(foldVietnamese(line)) ? regular : bold;
    if (l) page.drawText(l, { x: MARGIN.left - 10, y, size: 12, font: fontOf(l) });
    if (r) page.drawText(r, { x: 300, y, size: 12, font: fontOf(r) });
    y -= 16;
  }
  y -= 20;

  // A run of pipe rows of three cells or more is a table: cells at their column, text wrapped inside them.
  const drawTable = (rows: string[][]) => {
    const columns = tableColumns(rows, width);
    const [head, ...rest] = rows;
    const drawRow = (cells: string[], font: PDFFont) => {
      const wrapped = cells.map((cell, at) =>
        wrap(cell, font, TABLE_SIZE, (columns[at]?.width ?? 0) - 2 * CELL_PAD),
      );
      const height = Math.max(1, ...wrapped.map((lines) => lines.length)) * TABLE_LEADING + 2 * CELL_PAD;
      if (y - height < MARGIN.bottom) {
        newPage();
        // The header is repeated atop each page, as Word does.
        if (head && cells !== head) drawRow(head, bold);
      }
      drawCells(page, wrapped, columns, y - CELL_PAD - TABLE_SIZE, font);
      y -= height;
    };
    if (head) drawRow(head, bold);
    for (const cells of rest) drawRow(cells, regular);
    y -= 12;
  };

  // A source line is a paragraph (first line indented); a blank source line adds space after it.
  let table: string[][] = [];
  body.forEach((paragraph, at) => {
    const cells = tableRow(paragraph);
    if (cells || TABLE_RULE.test(paragraph)) {
      if (cells) table.push(cells);
      if (!tableRow(body[at + 1] ?? '') && !TABLE_RULE.test(body[at + 1] ?? '')) {
        drawTable(table);
        table = [];
      }
      return;
    }
    if (!paragraph) return;
    const heading = paragraph === paragraph.toLocaleUpperCase('vi') && paragraph.length < 120;
    const font = heading ? bold : regular;
    const [first = '', ...rest] = wrap(paragraph, font, SIZE, width - 28);
    const wrapped = [first, ...wrap(rest.join(' '), font, SIZE, width)];
    wrapped.forEach((line, index) => {
      if (!line) return;
      if (y < MARGIN.bottom) newPage();
      page.drawText(line, { x: MARGIN.left + (index === 0 ? 28 : 0), y, size: SIZE, font });
      y -= LEADING;
    });
    if (!body[at + 1]) y -= 8;
  });
  return Buffer.from(await pdf.save());
}

/** A PDF whose only page content is `png`, drawn over the whole A4 page, as a scanner makes. */
export async function scannedPdf(pngs: Uint8Array[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (const png of pngs) {
    const image = await pdf.embedPng(png);
    const page = pdf.addPage([A4.width, A4.height]);
    page.drawImage(image, { x: 0, y: 0, width: A4.width, height: A4.height });
  }
  return Buffer.from(await pdf.save());
}

/**
 * Lines not parted by a blank line are one paragraph, broken where the source breaks them; a run of pipe
 * rows of three cells or more is a Word table (bordered, its header row repeated on each page).
 */
function bodyBlocks(lines: string[]): (Paragraph | Table)[] {
  const blocks: (Paragraph | Table)[] = [];
  let text: string[] = [];
  let rows: string[][] = [];
  const flush = () => {
    if (text.length > 0)
      blocks.push(
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: 567 },
          spacing: { after: 120 },
          children: text.map((line, index) => new TextRun({ text: line, break: index === 0 ? 0 : 1 })),
        }),
      );
    const [headers, ...body] = rows;
    if (headers) blocks.push(docxTable({ headers, rows: body }));
    text = [];
    rows = [];
  };
  for (const line of lines) {
    const cells = tableRow(line);
    if (cells || TABLE_RULE.test(line)) {
      if (text.length > 0) flush();
      if (cells) rows.push(cells);
    } else if (!line.trim()) flush();
    else {
      if (rows.length > 0) flush();
      text.push(line.trim());
    }
  }
  flush();
  return blocks;
}

/** The same text as a Word document: the header as a borderless two-column table, a paragraph per line. */
export async function planTextToDocx(text: string): Promise<Buffer> {
  const lines = text.normalize('NFC').split(/\r?\n/).map(bare);
  const typeAt = lines.findIndex((line, index) => index < 40 && TYPE_NAME.test(foldVietnamese(line)));
  const header = typeAt > 0 ? lines.slice(0, typeAt).filter(Boolean) : [];
  const column = (right: boolean) =>
    new TableCell({
      width: { size: 50, type: WidthType.PERCENTAGE },
      borders: TableBorders.NONE,
      children: header
        .filter((line) => RIGHT_COLUMN.test(foldVietnamese(line)) === right)
        .map(
          (line) =>
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [new TextRun({ text: line, bold: true })],
            }),
        ),
    });
  const document = new Document({
    sections: [
      {
        children: [
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: TableBorders.NONE,
            rows: [new TableRow({ children: [column(false), column(true)] })],
          }),
          ...bodyBlocks(typeAt > 0 ? lines.slice(typeAt) : lines),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
