import { Worker } from 'node:worker_threads';
import { AppError, type AppErrorDetails, type ErrorCode, type Msg, msg } from '../../core/errors.ts';

/** What a worker of ours answers: its value, or the AppError it refused with. */
export type WorkerAnswer =
  | { ok: true; value: unknown }
  | { ok: false; code: ErrorCode; message?: Msg; details: AppErrorDetails };

/** Posts a worker's answer: a refusal it knows as its AppError, anything else as `fallback`. */
export function answerOf(error: unknown, fallback: ErrorCode): WorkerAnswer {
  const known = error instanceof AppError;
  return {
    ok: false,
    code: known ? error.code : fallback,
    ...(known && { message: error.text }),
    details: known ? error.details : {},
  };
}

/**
 * Runs one worker thread to its answer under a time limit and, when given, a heap limit: past either
 * the worker is ended with a 413 saying which, and the server goes on serving. The one way every
 * heavy piece of work (reading a document, reading or making a signature) leaves the main thread.
 */
export function runWorker<T>(
  url: URL,
  workerData: unknown,
  limits: { timeLimitMs: number; memoryMb?: number },
): Promise<T> {
  return new Promise((resolve, reject) => {
    const { timeLimitMs, memoryMb } = limits;
    const worker = new Worker(url, {
      workerData,
      // Below ~16 MB V8 cannot even start the isolate, and that failure ends the whole process.
      ...(memoryMb !== undefined && {
        resourceLimits: { maxOldGenerationSizeMb: Math.max(16, memoryMb), maxYoungGenerationSizeMb: 32 },
      }),
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
    worker.once('message', (result: WorkerAnswer) =>
      settle(() =>
        result.ok
          ? resolve(result.value as T)
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
                { limit: memoryMb ?? 0 },
              )
            : error,
        ),
      ),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`worker exited with code ${code} before answering`))),
    );
  });
}
