import { parentPort, workerData } from 'node:worker_threads';
import type { DocumentFormat } from './document-render.ts';
import type { DocumentSpec } from './document-spec.ts';
import { specToDocx } from './docx-document.ts';
import { specToPdf } from './pdf-document.ts';

/** Builds one .docx or .pdf off the main thread and hands back its bytes (and a PDF's signature box). */
const { spec, format } = workerData as { spec: DocumentSpec; format: DocumentFormat };
const rendered = format === 'pdf' ? await specToPdf(spec) : { data: await specToDocx(spec) };
const bytes = new Uint8Array(
  rendered.data.buffer,
  rendered.data.byteOffset,
  rendered.data.byteLength,
).slice();
parentPort?.postMessage(
  { bytes, ...('signatureBox' in rendered && { signatureBox: rendered.signatureBox }) },
  [bytes.buffer],
);
