import { runWorker } from '../files/worker-run.ts';
import type { SignOptions } from './sign-pdf.ts';

/** Signing a large PDF (pdf-lib reading it, the appearance, the hash) must not stall the server. */
export const SIGN_TIME_LIMIT_MS = 60_000;

/**
 * `signPdf` in a worker thread: the PKCS#12 and its password go with the PDF (a key object does not
 * cross threads whole), the signed bytes come back; an AppError thrown there is thrown here.
 */
export async function signPdfInWorker(
  pdf: Buffer,
  certificate: { p12: Buffer; password: string },
  options: Omit<SignOptions, 'identity'>,
): Promise<Buffer> {
  const bytes = await runWorker<Uint8Array>(
    new URL('./sign-worker.ts', import.meta.url),
    { pdf, p12: certificate.p12, password: certificate.password, options },
    { timeLimitMs: SIGN_TIME_LIMIT_MS },
  );
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
