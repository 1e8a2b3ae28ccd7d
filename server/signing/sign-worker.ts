import { parentPort, workerData } from 'node:worker_threads';
import { answerOf } from '../files/worker-run.ts';
import { readPkcs12 } from './pkcs12.ts';
import { type SignOptions, signPdf } from './sign-pdf.ts';

/** Signs one PDF off the main thread: the certificate read here from its PKCS#12, the bytes handed back. */
const input = workerData as {
  pdf: Uint8Array;
  p12: Uint8Array;
  password: string;
  options: Omit<SignOptions, 'identity'>;
};
try {
  const { appearance } = input.options;
  const signed = await signPdf(Buffer.from(input.pdf), {
    ...input.options,
    identity: readPkcs12(Buffer.from(input.p12), input.password),
    ...(appearance && {
      appearance: { ...appearance, ...(appearance.image && { image: Buffer.from(appearance.image) }) },
    }),
  });
  const bytes = new Uint8Array(signed.buffer, signed.byteOffset, signed.byteLength).slice();
  parentPort?.postMessage({ ok: true, value: bytes }, [bytes.buffer]);
} catch (error) {
  parentPort?.postMessage(answerOf(error, 'INTERNAL'));
}
