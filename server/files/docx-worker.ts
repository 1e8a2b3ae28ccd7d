import { parentPort, workerData } from 'node:worker_threads';
import { type DocumentSpec, specToDocx } from '../plans/plan-document.ts';

/** Builds one .docx off the main thread and hands back its bytes. */
const buffer = await specToDocx(workerData as DocumentSpec);
const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).slice();
parentPort?.postMessage(bytes, [bytes.buffer]);
