import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DOSSIER_FIELDS } from '../../core/dossiers/dossier-fields.ts';
import { type Database, openDatabase } from '../db/engine.ts';
import { openTestDatabase, TEST_PG_URL } from '../test/harness.ts';
import { writtenCounts } from './dossier-fixtures.ts';

const ROWS = 300_000;
const folder = mkdtempSync(join(tmpdir(), 'chiso-dossier-kill-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function bigFile(): Promise<string> {
  const path = join(folder, 'big.csv');
  const out = createWriteStream(path);
  out.write(`${DOSSIER_FIELDS.join(',')}\n`);
  for (let i = 0; i < ROWS; i += 1000) {
    let chunk = '';
    for (let j = i; j < i + 1000; j++)
      chunk += `KILL-${j},33.SNV,KILL.1,Thủ tục thử,Hộ tịch,,direct,2026-01-05T08:00:00+07:00,,,,,false,false\n`;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return path;
}

/**
 * Runs the CLI on the big file and SIGKILLs it as soon as it reports the write phase (every row
 * staged, dossiers being written), or after 20 s; resolves with what it had printed.
 */
function importAndKill(
  file: string,
  env: Record<string, string>,
): Promise<{ stderr: string; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/chiso.mjs', 'dossiers', 'import', file, '--json'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, ...env, DATABASE_URL: env.DATABASE_URL ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/writing: \d+/.test(stderr)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ stderr, signal });
    });
  });
}

describe('an import killed halfway', () => {
  it('leaves nothing half-written', async () => {
    const file = await bigFile();
    let database: Database;
    let env: Record<string, string>;
    let reopen: () => Promise<Database>;
    if (TEST_PG_URL) {
      database = await openTestDatabase();
      const url = (database.pool as unknown as { options: { connectionString: string } }).options
        .connectionString;
      env = { DATABASE_URL: url };
      reopen = async () => database;
    } else {
      // PGlite is one process's data folder: the test lets go of it while the CLI holds it, then
      // opens it again after the kill (which also proves the folder recovers).
      const dataDir = mkdtempSync(join(folder, 'data-'));
      cpSync(inject('templateDir'), dataDir, { recursive: true });
      database = await openDatabase({ dataDir });
      env = { CHISO_DATA_DIR: dataDir };
      reopen = () => openDatabase({ dataDir });
    }
    const before = await writtenCounts(database);
    if (!TEST_PG_URL) await database.close();

    const { stderr, signal } = await importAndKill(file, env);
    expect(signal).toBe('SIGKILL');
    expect(stderr).toMatch(/reading: [1-9]\d* dòng/);

    database = await reopen();
    try {
      if (TEST_PG_URL) {
        // The server aborts the orphaned transaction when it notices the client is gone.
        for (let i = 0; i < 100; i++) {
          const { rows } = await database.pool.query(
            `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
               and state <> 'idle'`,
          );
          if (rows[0].n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      const { rows } = await database.pool.query(
        `select count(*)::int as n from dossiers where code like 'KILL-%'`,
      );
      expect(rows[0].n).toBe(0);
      expect(await writtenCounts(database)).toEqual(before);
      const { rows: procedures } = await database.pool.query(
        `select count(*)::int as n from procedures where code = 'KILL.1'`,
      );
      expect(procedures[0].n).toBe(0);
    } finally {
      await database.close();
    }
  }, 120_000);
});
