import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont } from 'pdf-lib';

/**
 * What the survey's printed pages share: an A4 PDF with Liberation Sans (SIL OFL 1.1,
 * `reference/fonts/`) embedded as a subset, so Vietnamese prints on any printer, and text wrapping.
 */
const FONT_DIR = fileURLToPath(new URL('../../reference/fonts/', import.meta.url));
let fonts: Promise<{ regular: Uint8Array; bold: Uint8Array }> | null = null;
/** Liberation Sans regular and bold, read once. */
export const fontFiles = () => {
  fonts ??= Promise.all([
    readFile(`${FONT_DIR}LiberationSans-Regular.ttf`),
    readFile(`${FONT_DIR}LiberationSans-Bold.ttf`),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return fonts;
};

export const A4 = { width: 595.28, height: 841.89 };

/** A new Vietnamese A4 document titled `title`, with the regular and bold fonts embedded. */
export async function vietnameseDocument(title: string) {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const files = await fontFiles();
  const regular = await pdf.embedFont(files.regular, { subset: true });
  const bold = await pdf.embedFont(files.bold, { subset: true });
  pdf.setTitle(title);
  pdf.setLanguage('vi-VN');
  pdf.setCreator('Chiso');
  pdf.setProducer('Chiso');
  return { pdf, regular, bold };
}

/** Lines of `text` no wider than `width` at `size` (words kept whole). */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.normalize('NFC').split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}
