import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded database's folder belongs to one process at a time: two PGlite instances writing the
 * same files corrupt them. A lock file holds the owner's pid; a live owner is refused with its pid
 * named, a dead one's lock (a crash, a kill) is taken over.
 */
export const LOCK_FILE = 'chiso.lock';

/** Folders this process holds: its own pid in a lock is stale unless the folder is in this set (a container restarted with the same pid). */
const held = new Set<string>();

export class DataFolderLockedError extends Error {
  readonly pid: number;
  constructor(dataDir: string, pid: number) {
    super(
      `Thư mục dữ liệu ${dataDir} đang được tiến trình ${pid} sử dụng (một máy chủ Chiso đang chạy?): hãy dừng tiến trình đó trước, ` +
        `hoặc dùng DATABASE_URL để nhiều tiến trình cùng dùng một cơ sở dữ liệu. ` +
        `(The data folder is in use by process ${pid}: stop it first, or use DATABASE_URL.)`,
    );
    this.name = 'DataFolderLockedError';
    this.pid = pid;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Takes the folder's lock, or throws DataFolderLockedError; returns the release. */
export function lockDataFolder(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(path);
      return () => {
        held.delete(path);
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
        } catch {}
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
    let owner = Number.NaN;
    try {
      owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
    } catch {}
    const isMine = owner === process.pid;
    if (Number.isInteger(owner) && owner > 0 && (isMine ? held.has(path) : isAlive(owner)))
      throw new DataFolderLockedError(dataDir, owner);
    // A dead owner's lock (or an unreadable one): removed, then taken like a free one.
    try {
      unlinkSync(path);
    } catch {}
  }
  throw new Error(`Không lấy được khóa thư mục dữ liệu ${dataDir}.`);
}
