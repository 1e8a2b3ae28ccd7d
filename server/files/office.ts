import { Worker } from 'node:worker_threads';
import { AppError, type AppErrorDetails, type ErrorCode, type Msg, msg } from '../../core/errors.ts';
import type { LaidOutPage } from '../../core/text/page-lines.ts';
import type { PdfInspection } from '../signing/inspect.ts';
import { slots } from './slots.ts';
import type { NamedTable, Table } from './tabular.ts';

/**
 * .docx, .xlsx and PDFs are parsed in a worker thread with its own heap limit: a file that still needs more
 * memory than that, or more time, ends the worker with a 413, and the server goes on serving.
 */
export const OFFICE_MEMORY_MB = 512;
export const OFFICE_TIME_LIMIT_MS = 60_000;

/**
 * 'workbook': every sheet of an .xlsx by name; 'pdf': a PDF's text layer; 'pdf-page': one page drawn as a
 * PNG; 'pdf-signatures': what a PDF's signatures say (server/signing's inspection).
 */
export type OfficeKind = 'docx' | 'xlsx' | 'workbook' | 'pdf' | 'pdf-page' | 'pdf-signatures';

interface Options {
  kind: OfficeKind;
  data: Buffer;
  /** 'pdf-page': which page (from 1), at how many dots per inch. */
  page?: number;
  dpi?: number;
  /** Tests lower these to reach the refusals with small files. */
  memoryMb?: number;
  timeLimitMs?: number;
}

/** Workers at once: each may take its heap limit, so ten bombs at once must not take ten of them. */
export const MAX_OFFICE_WORKERS = 2;
const inSlot = slots(MAX_OFFICE_WORKERS);

export async function readOfficeFile(options: Options & { kind: 'docx' }): Promise<string>;
export async function readOfficeFile(options: Options & { kind: 'xlsx' }): Promise<Table>;
export async function readOfficeFile(options: Options & { kind: 'workbook' }): Promise<NamedTable[]>;
export async function readOfficeFile(options: Options & { kind: 'pdf' }): Promise<LaidOutPage[]>;
export async function readOfficeFile(
  options: Options & { kind: 'pdf-page' },
): Promise<{ png: Uint8Array; pageCount: number }>;
export async function readOfficeFile(options: Options & { kind: 'pdf-signatures' }): Promise<PdfInspection>;
export async function readOfficeFile(options: Options): Promise<unknown> {
  return inSlot(() => parseInWorker(options));
}

function parseInWorker({
  kind,
  data,
  page,
  dpi,
  memoryMb = OFFICE_MEMORY_MB,
  timeLimitMs = OFFICE_TIME_LIMIT_MS,
}: Options): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./office-worker.ts', import.meta.url), {
      workerData: { kind, page, dpi, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) },
      // Below ~16 MB V8 cannot even start the isolate, and that failure ends the whole process.
      resourceLimits: { maxOldGenerationSizeMb: Math.max(16, memoryMb), maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new AppError(
              'PAYLOAD_TOO_LARGE',
              msg(
                `Đọc tệp quá ${Math.round(timeLimitMs / 1000)} giây: tệp quá lớn hoặc quá phức tạp. Hãy chia nhỏ tệp.`,
                `Reading the file took over ${Math.round(timeLimitMs / 1000)} seconds: it is too large or too complex. Split the file.`,
              ),
            ),
          ),
        ),
      timeLimitMs,
    );
    worker.once(
      'message',
      (
        result:
          | { ok: true; value: unknown }
          | { ok: false; code: ErrorCode; message?: Msg; details: AppErrorDetails },
      ) =>
        settle(() =>
          result.ok
            ? resolve(result.value)
            : reject(new AppError(result.code, result.message, result.details)),
        ),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError(
                'PAYLOAD_TOO_LARGE',
                msg(
                  `Đọc tệp cần quá ${memoryMb} MB bộ nhớ: vượt giới hạn. Hãy chia nhỏ tệp.`,
                  `Reading the file needs more than ${memoryMb} MB of memory: over the limit. Split the file.`,
                ),
                { limit: memoryMb },
              )
            : error,
        ),
      ),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`office worker exited with code ${code} before answering`))),
    );
  });
}
