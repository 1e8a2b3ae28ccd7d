import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs a poppler tool (pdfsig, pdftotext) on `pdf` and returns what it printed. CI installs
 * poppler-utils, so a missing tool fails the test rather than skipping it.
 */
export async function poppler(tool: 'pdfsig' | 'pdftotext', args: string[], pdf: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'chiso-poppler-'));
  const file = join(dir, 'in.pdf');
  writeFileSync(file, pdf);
  try {
    const { stdout } = await run(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])]);
    return stdout;
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string };
    // pdfsig exits non-zero for an invalid signature; what it printed is the answer.
    if (typeof failed.stdout === 'string' && failed.stdout.length > 0) return failed.stdout;
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pdfsig's "Signature Validation" line of each signature, in order. */
export async function pdfsigValidations(pdf: Buffer): Promise<string[]> {
  const out = await poppler('pdfsig', ['-nocert'], pdf);
  return [...out.matchAll(/- Signature Validation: (.*)/g)].map((match) => (match[1] as string).trim());
}
