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
import { PDFDocument } from 'pdf-lib';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
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

  // A source line is a paragraph (first line indented); a blank source line adds space after it.
  body.forEach((paragraph, at) => {
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
          // Lines not parted by a blank line are one paragraph, broken where the source breaks them.
          ...(typeAt > 0 ? lines.slice(typeAt) : lines)
            .join('\n')
            .split(/\n{2,}/)
            .filter((block) => block.trim())
            .map(
              (block) =>
                new Paragraph({
                  alignment: AlignmentType.JUSTIFIED,
                  indent: { firstLine: 567 },
                  spacing: { after: 120 },
                  children: block
                    .trim()
                    .split('\n')
                    .map((line, index) => new TextRun({ text: line, break: index === 0 ? 0 : 1 })),
                }),
            ),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
