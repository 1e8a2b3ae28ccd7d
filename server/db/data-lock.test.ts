import { execFile, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { TEST_PG_URL } from '../test/harness.ts';
import { DataFolderLockedError, LOCK_FILE } from './data-lock.ts';
import { openDatabase } from './engine.ts';

const BIN = new URL('../../bin/chiso.mjs', import.meta.url).pathname;
/** A pid no process has any more. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid as number;
/** A data folder with a database in it (a copy of the tests' template: a fresh one takes seconds to create). */
function dataFolder(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'chiso-lock-'));
  cpSync(inject('templateDir'), dataDir, { recursive: true });
  return dataDir;
}

// The lock guards the embedded engine's folder; with a PostgreSQL server there is nothing to lock.
describe.skipIf(Boolean(TEST_PG_URL))('the embedded data folder lock', () => {
  it('refuses a second opening of the same folder, naming the process that holds it, until it closes', async () => {
    const dataDir = dataFolder();
    try {
      const first = await openDatabase({ dataDir });
      const second = openDatabase({ dataDir }).then(
        (database) => database,
        (error: unknown) => error,
      );
      const refused = await second;
      expect(refused).toBeInstanceOf(DataFolderLockedError);
      expect((refused as DataFolderLockedError).pid).toBe(process.pid);
      expect((refused as Error).message).toContain(`đang được tiến trình ${process.pid} sử dụng`);
      expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
      await first.close();
      const again = await openDatabase({ dataDir });
      expect((await again.pool.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      await again.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('takes over the lock a dead process left', async () => {
    const dataDir = dataFolder();
    try {
      writeFileSync(join(dataDir, LOCK_FILE), String(deadPid()));
      const database = await openDatabase({ dataDir });
      expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
      await database.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('the CLI refuses clearly while a server holds the folder', async () => {
    const dataDir = dataFolder();
    const server = await openDatabase({ dataDir });
    try {
      const failed = await promisify(execFile)(process.execPath, [BIN, 'audit', 'verify'], {
        env: { ...process.env, NODE_ENV: 'development', CHISO_DATA_DIR: dataDir, DATABASE_URL: '' },
        timeout: 60_000,
      }).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr.trim()).toBe(new DataFolderLockedError(dataDir, process.pid).message);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
