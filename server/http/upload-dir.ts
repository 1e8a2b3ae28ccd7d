import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
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

/**
 * Folders without an owner's pid: `chiso-dossiers-*` (uploads of versions before the per-process
 * folder) and `chiso-demo-dossiers-*` (the demo's generated file, left by a start killed mid-way).
 * Nothing writes to one for long, so one untouched for an hour is left over.
 */
const UNOWNED_PREFIXES = ['chiso-dossiers-', 'chiso-demo-dossiers-'];
const UNOWNED_AGE_MS = 3600_000;

/** Removes the upload folders of processes no longer running, and left-over unowned ones; returns how many. */
export function removeLeftUploads(base = tmpdir(), now = Date.now()): number {
  let removed = 0;
  for (const name of readdirSync(base)) {
    if (UNOWNED_PREFIXES.some((prefix) => name.startsWith(prefix))) {
      const path = join(base, name);
      if (now - statSync(path).mtimeMs < UNOWNED_AGE_MS) continue;
      rmSync(path, { recursive: true, force: true });
      removed += 1;
      continue;
    }
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    rmSync(join(base, name), { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}
