import { Worker } from 'node:worker_threads';
import { AppError, type AppErrorDetails, type ErrorCode, type Msg } from '../../core/errors.ts';
import type { SignOptions } from './sign-pdf.ts';

/** Signing a large PDF (pdf-lib reading it, the appearance, the hash) must not stall the server. */
export const SIGN_TIME_LIMIT_MS = 60_000;

/**
 * `signPdf` in a worker thread: the PKCS#12 and its password go with the PDF (a key object does not
 * cross threads whole), the signed bytes come back; an AppError thrown there is thrown here.
 */
export function signPdfInWorker(
  pdf: Buffer,
  certificate: { p12: Buffer; password: string },
  options: Omit<SignOptions, 'identity'>,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./sign-worker.ts', import.meta.url), {
      workerData: { pdf, p12: certificate.p12, password: certificate.password, options },
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
      () => settle(() => reject(new Error(`signing took over ${SIGN_TIME_LIMIT_MS} ms`))),
      SIGN_TIME_LIMIT_MS,
    );
    worker.once(
      'message',
      (
        result:
          | { ok: true; bytes: Uint8Array }
          | { ok: false; code: ErrorCode; message?: Msg; details?: AppErrorDetails; text: string },
      ) =>
        settle(() => {
          if (result.ok)
            resolve(Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength));
          else if (result.code === 'INTERNAL') reject(new Error(result.text));
          else reject(new AppError(result.code, result.message, result.details));
        }),
    );
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`signing worker exited with code ${code}`))));
  });
}
