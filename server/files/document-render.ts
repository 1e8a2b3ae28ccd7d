import { Worker } from 'node:worker_threads';
import type { DocumentSpec } from './document-spec.ts';
import type { SignatureBox } from './pdf-document.ts';

export type DocumentFormat = 'docx' | 'pdf';
export const DOCUMENT_FORMATS = ['docx', 'pdf'] as const;

export const DOCUMENT_CONTENT_TYPES: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export interface RenderedDocument {
  data: Buffer;
  /** A PDF's blank space for the signatures, between the signer's title and name. */
  signatureBox?: SignatureBox;
}

/**
 * A large document takes the docx packer or the PDF typesetter hundreds of milliseconds of CPU (6,000
 * paragraphs: ~1.5 s measured for the .docx), which on the main thread would stall every request
 * meanwhile. It is built in a worker thread instead; the server only waits for the bytes.
 */
export function renderDocument(spec: DocumentSpec, format: DocumentFormat): Promise<RenderedDocument> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./document-worker.ts', import.meta.url), {
      workerData: { spec, format },
    });
    worker.once('message', ({ bytes, signatureBox }: { bytes: Uint8Array; signatureBox?: SignatureBox }) => {
      resolve({
        data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        ...(signatureBox && { signatureBox }),
      });
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`document worker exited with code ${code}`));
    });
  });
}

/** A document as a download: its name (`stem` and the format's extension), type and bytes. */
export async function renderDocumentFile(spec: DocumentSpec, format: DocumentFormat, stem: string) {
  const { data } = await renderDocument(spec, format);
  return { fileName: `${stem}.${format}`, contentType: DOCUMENT_CONTENT_TYPES[format], data };
}
