import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Uploads written to disk (dossier files, up to 2 GB) live in one folder of this process,
 * `chiso-uploads-<pid>` in the system's temporary folder, each in a folder of its own. A killed
 * import never removes its file: the next start removes the folders of processes that are gone.
 */
const PREFIX = 'chiso-uploads-';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

let own: string | null = null;

/** This process's upload folder, created (and emptied of a previous life with the same pid) on first use. */
export function uploadRoot(): string {
  if (own) return own;
  const root = join(tmpdir(), `${PREFIX}${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true, mode: 0o700 });
  own = root;
  return root;
}

/** A new private folder for one upload; the caller removes it when done. */
export function newUploadDir(): string {
  return mkdtempSync(join(uploadRoot(), 'upload-'));
}

/** Removes the upload folders of processes no longer running; returns how many. */
export function removeLeftUploads(base = tmpdir()): number {
  let removed = 0;
  for (const name of readdirSync(base)) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    rmSync(join(base, name), { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}
