import { fileURLToPath } from 'node:url';
import { AppError, msg } from '../../core/errors.ts';
import type { LaidOutPage } from '../../core/text/page-lines.ts';

/**
 * PDFs read with pdf.js inside the office worker: the text layer as positioned pieces, or one page drawn
 * as a PNG for the OCR (pdf.js draws with @napi-rs/canvas, so no system package is needed).
 */
const PDFJS = new URL('../../node_modules/pdfjs-dist/', import.meta.url);
const MAX_PIXELS = 40_000_000;
/** A PDF of more pages than any plan is refused before its pages are walked. */
export const MAX_PDF_PAGES = 500;

const DAMAGED = msg(
  'Không đọc được tệp PDF (tệp hỏng hoặc không phải PDF).',
  'The PDF cannot be read (damaged, or not a PDF).',
);
const ENCRYPTED = msg(
  'Tệp PDF có mật khẩu: hãy mở bằng trình đọc PDF, bỏ mật khẩu (in ra PDF mới) rồi tải lên lại.',
  'The PDF is password-protected: open it in a PDF reader, remove the password (print to a new PDF) and upload it again.',
);

async function openPdf(data: Uint8Array) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  try {
    return await pdfjs.getDocument({
      data,
      useSystemFonts: false,
      standardFontDataUrl: fileURLToPath(new URL('standard_fonts/', PDFJS)),
      cMapUrl: fileURLToPath(new URL('cmaps/', PDFJS)),
      cMapPacked: true,
      verbosity: 0,
    }).promise;
  } catch (error) {
    throw new AppError(
      'UNSUPPORTED_FILE',
      (error as Error).name === 'PasswordException' ? ENCRYPTED : DAMAGED,
    );
  }
}

/** Every page's text pieces, y measured from the page's top. */
export async function readPdfPages(data: Uint8Array): Promise<LaidOutPage[]> {
  const document = await openPdf(data);
  try {
    if (document.numPages > MAX_PDF_PAGES)
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        msg(
          `Tệp PDF có ${document.numPages} trang, quá ${MAX_PDF_PAGES} trang: hãy tách tệp.`,
          `The PDF has ${document.numPages} pages, over ${MAX_PDF_PAGES}: split the file.`,
        ),
        { limit: MAX_PDF_PAGES },
      );
    const pages: LaidOutPage[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const pieces: LaidOutPage['pieces'] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        // The item's transform is in PDF space; the viewport's turns it to the page as shown (top-left origin).
        const [a, b, c, d, e, f] = item.transform as number[];
        const [x, y] = viewport.convertToViewportPoint(e ?? 0, f ?? 0) as [number, number];
        const size = Math.hypot(c ?? 0, d ?? 0) || Math.hypot(a ?? 0, b ?? 0);
        pieces.push({ text: item.str, x, y, width: item.width, size });
      }
      pages.push({ width: viewport.width, height: viewport.height, pieces });
      page.cleanup();
    }
    return pages;
  } finally {
    await document.loadingTask.destroy();
  }
}

/** One page drawn at `dpi` as a PNG, with the page count (the OCR asks page by page). */
export async function renderPdfPage(
  data: Uint8Array,
  pageNumber: number,
  dpi: number,
): Promise<{ png: Uint8Array; pageCount: number }> {
  const document = await openPdf(data);
  try {
    const page = await document.getPage(pageNumber);
    // A page larger than A3 is drawn at a lower resolution: 40 million pixels stay well inside the worker's heap.
    const size = page.getViewport({ scale: 1 });
    const scale = Math.min(dpi / 72, Math.sqrt(MAX_PIXELS / (size.width * size.height)));
    const viewport = page.getViewport({ scale });
    // In Node pdf.js draws on @napi-rs/canvas, whose canvas encodes itself.
    const factory = document.canvasFactory as {
      create(
        width: number,
        height: number,
      ): {
        canvas: { encode(kind: 'png'): Promise<Uint8Array> };
        context: { fillStyle: string; fillRect(x: number, y: number, width: number, height: number): void };
      };
    };
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    // White under the page: a scan's transparent areas are paper, not black.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
    return { png: await canvas.encode('png'), pageCount: document.numPages };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('UNSUPPORTED_FILE', DAMAGED);
  } finally {
    await document.loadingTask.destroy();
  }
}
