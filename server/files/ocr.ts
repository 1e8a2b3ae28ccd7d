import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError, type Msg, msg } from '../../core/errors.ts';
import { type LaidOutPage, type PagePiece, pagesToText } from '../../core/text/page-lines.ts';
import { readOfficeFile } from './office.ts';
import { slots } from './slots.ts';
import { run, type TesseractState, tesseractState } from './system-tools.ts';

/**
 * Scans recognised with Tesseract's Vietnamese model: a PDF's pages drawn one at a time at 300 dpi in the
 * office worker, an image as it came, each recognised by a child process (never on the event loop) with
 * a time limit, in a temporary folder removed afterwards. The words come back with their positions and
 * are laid out into lines the same way as a PDF's text layer.
 */
export const OCR_DPI = 300;
export const OCR_PAGE_TIME_LIMIT_MS = 120_000;
export const MAX_OCR_PAGES = 60;

/** What is scanned: a PDF without a text layer (its page count known) or one image. */
export type Scan =
  | { kind: 'pdf'; data: Buffer; pages: number }
  | { kind: 'image'; data: Buffer; extension: string };

const MISSING: Record<Exclude<TesseractState, 'ready'>, Msg> = {
  missing: msg(
    'Tệp là bản quét (ảnh, không có lớp chữ) nhưng máy chủ chưa cài nhận dạng chữ (Tesseract, gói tesseract-ocr và tesseract-ocr-vie). Hãy nhờ quản trị cài (apt-get install tesseract-ocr tesseract-ocr-vie), hoặc mở tệp bằng Word, chép nội dung và dán vào ô văn bản.',
    'The file is a scan (an image with no text layer) but the server has no text recognition installed (Tesseract, packages tesseract-ocr and tesseract-ocr-vie). Ask the administrator to install them (apt-get install tesseract-ocr tesseract-ocr-vie), or open the file in Word, copy its text and paste it into the text box.',
  ),
  'no-vietnamese': msg(
    'Tệp là bản quét nhưng máy chủ chưa có bộ nhận dạng tiếng Việt của Tesseract (gói tesseract-ocr-vie). Hãy nhờ quản trị cài (apt-get install tesseract-ocr-vie), hoặc mở tệp bằng Word, chép nội dung và dán vào ô văn bản.',
    'The file is a scan but the server lacks Tesseract’s Vietnamese model (package tesseract-ocr-vie). Ask the administrator to install it (apt-get install tesseract-ocr-vie), or open the file in Word, copy its text and paste it into the text box.',
  ),
};

/** Refuses (422) a scan the machine cannot recognise, or one of too many pages, before any job starts. */
export async function assertCanRecognise(binary: string, scan: Scan): Promise<void> {
  const state = await tesseractState(binary);
  if (state !== 'ready') throw new AppError('UNSUPPORTED_FILE', MISSING[state], { missing: 'tesseract' });
  if (scan.kind === 'pdf' && scan.pages > MAX_OCR_PAGES)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      msg(
        `Bản quét có ${scan.pages} trang, quá ${MAX_OCR_PAGES} trang nhận dạng được một lần: hãy tách tệp.`,
        `The scan has ${scan.pages} pages, over the ${MAX_OCR_PAGES} recognised at once: split the file.`,
      ),
      { limit: MAX_OCR_PAGES },
    );
}

/** Progress in words: "Trang 3/12 — 4,2 trang/phút"; before the first page is done, no rate yet. */
export function ocrProgressMessage(done: number, total: number, elapsedMs: number, locale: string): string {
  if (done === 0)
    return locale === 'en'
      ? `Page 0/${total} — recognising the first page…`
      : `Trang 0/${total} — đang nhận dạng trang đầu…`;
  const perMinute = elapsedMs > 0 ? (done * 60_000) / elapsedMs : 0;
  const rate = perMinute.toLocaleString(locale === 'en' ? 'en-GB' : 'vi-VN', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return locale === 'en'
    ? `Page ${done}/${total} — ${rate} pages/min`
    : `Trang ${done}/${total} — ${rate} trang/phút`;
}

/** Tesseract's TSV (level 4: a line's box, level 5: a word) as pages of pieces, words split into runs at wide gaps. */
export function tsvToPages(tsv: string): LaidOutPage[] {
  const pages = new Map<number, LaidOutPage>();
  const lines = new Map<
    string,
    { top: number; height: number; words: { text: string; left: number; right: number }[] }
  >();
  for (const row of tsv.split('\n').slice(1)) {
    const cells = row.split('\t');
    if (cells.length < 12) continue;
    const [level, page, block, par, line, , left, top, width, height, , text] = cells;
    const numbers = [left, top, width, height].map(Number) as [number, number, number, number];
    const pageNumber = Number(page);
    if (level === '1') pages.set(pageNumber, { width: numbers[2], height: numbers[3], pieces: [] });
    const key = `${page}/${block}/${par}/${line}`;
    if (level === '4') lines.set(key, { top: numbers[1], height: numbers[3], words: [] });
    if (level === '5' && text?.trim())
      lines.get(key)?.words.push({ text: text.trim(), left: numbers[0], right: numbers[0] + numbers[2] });
  }
  for (const [key, line] of lines) {
    const page = pages.get(Number(key.split('/')[0]));
    if (!page || line.words.length === 0) continue;
    let piece: PagePiece | null = null;
    for (const word of line.words) {
      if (piece && word.left - (piece.x + piece.width) <= 2 * line.height) {
        piece.text += ` ${word.text}`;
        piece.width = word.right - piece.x;
        continue;
      }
      piece = {
        text: word.text,
        x: word.left,
        y: line.top + line.height,
        width: word.right - word.left,
        size: line.height,
      };
      page.pieces.push(piece);
    }
  }
  return [...pages.entries()].sort(([a], [b]) => a - b).map(([, page]) => page);
}

/** Tesseract processes at once, one thread each: scans sent together queue rather than take the machine. */
export const MAX_OCR_PROCESSES = 1;
const inSlot = slots(MAX_OCR_PROCESSES);

function recognise(binary: string, image: string, dpi: number | null): Promise<LaidOutPage[]> {
  return inSlot(() => recogniseNow(binary, image, dpi));
}

async function recogniseNow(binary: string, image: string, dpi: number | null): Promise<LaidOutPage[]> {
  try {
    const { stdout } = await run(
      binary,
      [image, 'stdout', '-l', 'vie', ...(dpi ? ['--dpi', String(dpi)] : []), 'tsv'],
      {
        timeout: OCR_PAGE_TIME_LIMIT_MS,
        maxBuffer: 64 * 1024 * 1024,
        // One thread per page: the server's other work keeps the rest of the machine.
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      },
    );
    return tsvToPages(stdout);
  } catch (error) {
    const timedOut = (error as { killed?: boolean }).killed;
    throw new AppError(
      'UNSUPPORTED_FILE',
      timedOut
        ? msg(
            `Nhận dạng một trang quá ${OCR_PAGE_TIME_LIMIT_MS / 1000} giây: ảnh quá lớn hoặc quá phức tạp.`,
            `Recognising one page took over ${OCR_PAGE_TIME_LIMIT_MS / 1000} seconds: the image is too large or too complex.`,
          )
        : msg(
            'Không nhận dạng được ảnh (tệp hỏng hoặc định dạng ảnh không đọc được).',
            'The image cannot be recognised (damaged, or an unreadable image format).',
          ),
    );
  }
}

/** The scan's text, page by page, telling `onPage` after each one. */
export async function recogniseScan(
  binary: string,
  scan: Scan,
  onPage: (done: number, total: number) => Promise<void>,
): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'chiso-ocr-'));
  try {
    const pages: LaidOutPage[] = [];
    if (scan.kind === 'image') {
      const image = join(folder, `anh${scan.extension}`);
      await writeFile(image, scan.data);
      pages.push(...(await recognise(binary, image, null)));
      await onPage(1, 1);
    } else
      for (let page = 1; page <= scan.pages; page++) {
        const { png } = await readOfficeFile({ kind: 'pdf-page', data: scan.data, page, dpi: OCR_DPI });
        const image = join(folder, `trang-${page}.png`);
        await writeFile(image, png);
        pages.push(...(await recognise(binary, image, OCR_DPI)));
        await rm(image, { force: true });
        await onPage(page, scan.pages);
      }
    return pagesToText(pages);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
