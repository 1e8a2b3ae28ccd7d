import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../core/errors.ts';
import { parseDocx, parseWorkbook, parseXlsx } from './office-parse.ts';

/** Parses one .docx or .xlsx (its first sheet, or every sheet) off the main thread, under the memory limit its parent gave it. */
const { kind, data } = workerData as { kind: 'docx' | 'xlsx' | 'workbook'; data: Uint8Array };
const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
try {
  const value =
    kind === 'docx'
      ? await parseDocx(buffer)
      : kind === 'workbook'
        ? await parseWorkbook(buffer)
        : await parseXlsx(buffer);
  parentPort?.postMessage({ ok: true, value });
} catch (error) {
  const known = error instanceof AppError;
  parentPort?.postMessage({
    ok: false,
    code: known ? error.code : 'UNSUPPORTED_FILE',
    message: known ? error.text : undefined,
    details: known ? error.details : {},
  });
}
