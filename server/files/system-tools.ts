import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The optional programs documents go through (README, "optional system parts"): Tesseract with its
 * Vietnamese model for scans, LibreOffice for old Word .doc. Each is run with execFile (no shell), on
 * files the server wrote itself; an uploaded file is never run.
 */
export interface SystemTools {
  /** A name on PATH or a path (CHISO_TESSERACT). */
  tesseract: string;
  /** A path (CHISO_SOFFICE); undefined: looked for where LibreOffice installs. */
  soffice: string | undefined;
}

export const run = promisify(execFile);

const SOFFICE_PLACES = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice'];

/** LibreOffice's soffice: the configured one, else the first installed, else null. */
export function findSoffice(configured?: string): string | null {
  if (configured) return existsSync(configured) ? configured : null;
  const onPath = (process.env.PATH ?? '').split(delimiter).map((folder) => join(folder, 'soffice'));
  return [...SOFFICE_PLACES, ...onPath].find((path) => existsSync(path)) ?? null;
}

export type TesseractState = 'ready' | 'missing' | 'no-vietnamese';

/** Whether Tesseract runs and has its Vietnamese model (`tesseract --list-langs` names "vie"). */
export async function tesseractState(binary: string): Promise<TesseractState> {
  try {
    const { stdout, stderr } = await run(binary, ['--list-langs'], { timeout: 15_000 });
    // Tesseract 4 lists on stderr, 5 on stdout.
    return /^vie$/m.test(`${stdout}\n${stderr}`) ? 'ready' : 'no-vietnamese';
  } catch {
    return 'missing';
  }
}
