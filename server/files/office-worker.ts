import { parentPort, workerData } from 'node:worker_threads';
import { inspectPdfSignatures } from '../signing/inspect.ts';
import type { OfficeKind } from './office.ts';
import { parseDocx, parseWorkbook, parseXlsx } from './office-parse.ts';
import { readPdfPages, renderPdfPage } from './pdf-parse.ts';
import { answerOf } from './worker-run.ts';

/**
 * Parses one .docx, .xlsx (its first sheet, or every sheet) or PDF (its text layer, or one page drawn for
 * the OCR) off the main thread, under the memory limit its parent gave it.
 */
const { kind, data, page, dpi } = workerData as {
  kind: OfficeKind;
  data: Uint8Array;
  page?: number;
  dpi?: number;
};
const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
const parse = (): Promise<unknown> => {
  switch (kind) {
    case 'docx':
      return parseDocx(buffer);
    case 'workbook':
      return parseWorkbook(buffer);
    case 'xlsx':
      return parseXlsx(buffer);
    case 'pdf':
      return readPdfPages(data);
    case 'pdf-page':
      return renderPdfPage(data, page ?? 1, dpi ?? 300);
    case 'pdf-signatures':
      return inspectPdfSignatures(buffer);
  }
};
try {
  const value = await parse();
  parentPort?.postMessage({ ok: true, value });
} catch (error) {
  parentPort?.postMessage(answerOf(error, 'UNSUPPORTED_FILE'));
}
