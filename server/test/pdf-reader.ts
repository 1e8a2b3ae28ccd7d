import { PDFDocument } from 'pdf-lib';
import { pagesToText } from '../../core/text/page-lines.ts';
import { readPdfPages } from '../files/pdf-parse.ts';

/** Reads a produced PDF back for tests: its Info title, pages (sizes) and text lines as the importer reads them. */
export async function pdfDocument(payload: Buffer) {
  const pdf = await PDFDocument.load(payload, { updateMetadata: false });
  const pages = await readPdfPages(new Uint8Array(payload));
  return {
    title: pdf.getTitle(),
    pages: pages.map((page) => ({ width: page.width, height: page.height })),
    lines: pagesToText(pages).split('\n'),
  };
}
