import type { LaidOutPage } from '../../core/text/page-lines.ts';
import type { PdfInspection } from '../signing/inspect.ts';
import { slots } from './slots.ts';
import type { NamedTable, Table } from './tabular.ts';
import { runWorker } from './worker-run.ts';

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
  return runWorker(
    new URL('./office-worker.ts', import.meta.url),
    { kind, page, dpi, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) },
    { timeLimitMs, memoryMb },
  );
}
