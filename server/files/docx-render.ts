import { Worker } from 'node:worker_threads';
import type { DocumentSpec } from '../plans/plan-document.ts';

/**
 * A large document takes the docx packer hundreds of milliseconds of CPU (6,000 paragraphs: ~1.5 s
 * measured here), which on the main thread would stall every request meanwhile. It is built in a
 * worker thread instead; the server only waits for the bytes.
 */
export function renderDocx(spec: DocumentSpec): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./docx-worker.ts', import.meta.url), { workerData: spec });
    worker.once('message', (bytes: Uint8Array) => {
      resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`docx worker exited with code ${code}`));
    });
  });
}
