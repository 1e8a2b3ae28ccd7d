import { type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { fileNamePart } from '../../core/text/file-names.ts';
import { A4, vietnameseDocument, wrap } from './pdf-text.ts';
import { qrMatrix, type SurveyLink } from './survey-links.ts';

/**
 * The A4 poster for a unit's desk: the unit's name, the question, "scan to answer", the QR code large
 * (drawn as vector squares, sharp at any print size) and the short link in text for typing. Liberation
 * Sans (SIL OFL 1.1, `reference/fonts/`) is embedded as a subset so Vietnamese prints on any printer.
 */
export const POSTER_WORDS = {
  question: 'Ông/bà hài lòng với sự phục vụ của chúng tôi?',
  scan: 'Quét mã để đánh giá — mất khoảng 5 phút, không cần cho biết họ tên',
  orType: 'Hoặc gõ địa chỉ:',
} as const;

const MARGIN = 48;
const INK = rgb(0.1, 0.11, 0.12);
const BLUE = rgb(0.11, 0.37, 0.72);

/** Writes centred lines from `top` down; returns the y below the last one. */
function centred(
  page: PDFPage,
  text: string,
  options: { font: PDFFont; size: number; top: number; color?: ReturnType<typeof rgb> },
) {
  let y = options.top;
  for (const line of wrap(text.normalize('NFC'), options.font, options.size, A4.width - 2 * MARGIN)) {
    y -= options.size * 1.25;
    const width = options.font.widthOfTextAtSize(line, options.size);
    page.drawText(line, {
      x: (A4.width - width) / 2,
      y,
      size: options.size,
      font: options.font,
      color: options.color ?? INK,
    });
  }
  return y;
}

export async function surveyPoster(
  link: Pick<SurveyLink, 'unitName' | 'url'>,
): Promise<{ fileName: string; data: Buffer }> {
  const { pdf, regular, bold } = await vietnameseDocument(`Khảo sát sự hài lòng — ${link.unitName}`);
  const page = pdf.addPage([A4.width, A4.height]);
  page.drawRectangle({ x: 0, y: A4.height - 12, width: A4.width, height: 12, color: BLUE });

  let y = centred(page, link.unitName, { font: bold, size: 26, top: A4.height - MARGIN, color: BLUE });
  y = centred(page, POSTER_WORDS.question, { font: bold, size: 24, top: y - 24 });
  y = centred(page, POSTER_WORDS.scan, { font: regular, size: 15, top: y - 12 });

  // The QR code with its quiet zone (4 modules), as large as the page leaves room for.
  const qr = qrMatrix(link.url);
  const quiet = 4;
  const side = Math.min(A4.width - 2 * MARGIN - 40, y - 24 - 150);
  const module = side / (qr.size + 2 * quiet);
  const left = (A4.width - side) / 2;
  const top = y - 24;
  for (let row = 0; row < qr.size; row += 1) {
    // A run of dark modules in a row is one rectangle.
    let column = 0;
    while (column < qr.size) {
      if (!qr.isDark(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < qr.size && qr.isDark(row, column)) column += 1;
      page.drawRectangle({
        x: left + (quiet + start) * module,
        y: top - (quiet + row + 1) * module,
        width: (column - start) * module + 0.01,
        height: module + 0.01,
        color: INK,
      });
    }
  }
  y = top - side;
  y = centred(page, POSTER_WORDS.orType, { font: regular, size: 14, top: y - 8 });
  centred(page, link.url, { font: bold, size: 20, top: y - 2 });

  const data = Buffer.from(await pdf.save());
  return { fileName: `${fileNamePart(`Áp phích khảo sát - ${link.unitName}`)}.pdf`, data };
}
