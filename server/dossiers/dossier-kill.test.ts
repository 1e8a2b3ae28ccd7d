import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DOSSIER_FIELDS } from '../../core/dossiers/dossier-fields.ts';
import { type Database, openDatabase } from '../db/engine.ts';
import { openTestDatabase, TEST_PG_URL } from '../test/harness.ts';
import { dossierCsv, dossierRow, systemContext, writtenCounts } from './dossier-fixtures.ts';
import { importDossiers } from './dossier-import-service.ts';

const ROWS = 150_000;
const folder = mkdtempSync(join(tmpdir(), 'chiso-dossier-kill-'));
// A CLI still running when a test gives up would hold its transaction's locks over the next tests.
const children = new Set<ReturnType<typeof spawn>>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

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
 * Runs the CLI on the big file and SIGKILLs it as soon as it reports a phase inside its transaction
 * (checking: rows landing or landed in the tables; writing: roll-ups and procedures); resolves with what
 * it had printed. No timer: every import reports them before it commits, however slowly the machine runs.
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
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/(checking|writing): \d+/.test(stderr)) child.kill('SIGKILL');
    });
    children.add(child);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      children.delete(child);
      resolve({ stderr, signal });
    });
  });
}

/** A database the CLI can open too: on PGlite, a data folder this test closes before the CLI runs. */
async function sharedDatabase(): Promise<{
  database: Database;
  env: Record<string, string>;
  reopen: () => Promise<Database>;
}> {
  if (TEST_PG_URL) {
    const database = await openTestDatabase();
    const url = (database.pool as unknown as { options: { connectionString: string } }).options
      .connectionString;
    return { database, env: { DATABASE_URL: url }, reopen: async () => database };
  }
  const dataDir = mkdtempSync(join(folder, 'data-'));
  cpSync(inject('templateDir'), dataDir, { recursive: true });
  return {
    database: await openDatabase({ dataDir }),
    env: { CHISO_DATA_DIR: dataDir },
    reopen: () => openDatabase({ dataDir }),
  };
}

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/chiso.mjs', ...args], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, ...env, DATABASE_URL: env.DATABASE_URL ?? '' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    children.add(child);
    child.on('error', reject);
    child.on('exit', (code) => {
      children.delete(child);
      resolve({ code, stdout });
    });
  });
}

describe('npx chiso dossiers import', () => {
  it('prints the summary as JSON, exits 1 when it refuses the file, and --dry-run writes nothing', async () => {
    const shared = await sharedDatabase();
    if (!TEST_PG_URL) await shared.database.close();
    const good = join(folder, 'good.csv');
    const bad = join(folder, 'bad.csv');
    writeFileSync(
      good,
      dossierCsv([
        dossierRow({ code: 'CLI-1' }),
        dossierRow({ code: 'CLI-2', procedureCode: 'CLI.P', procedureName: 'Thủ tục CLI' }),
      ]),
    );
    writeFileSync(
      bad,
      dossierCsv([dossierRow({ code: 'CLI-3' }), dossierRow({ code: 'CLI-4', finishedAt: '2025-01-01' })]),
    );

    const refused = await runCli(['dossiers', 'import', bad, '--json'], shared.env);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      imported: 0,
      updated: 0,
      rejected: [{ line: 3, column: 'finishedAt', reason: 'Ngày hoàn thành trước ngày tiếp nhận.' }],
    });
    const dry = await runCli(['dossiers', 'import', good, '--dry-run', '--json'], shared.env);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ imported: 2, updated: 0, rejected: [], dryRun: true });
    const done = await runCli(['dossiers', 'import', good, '--json'], shared.env);
    expect(done.code).toBe(0);
    const summary = JSON.parse(done.stdout);
    expect(summary).toMatchObject({ imported: 2, updated: 0, rejected: [] });
    expect(summary.newProcedures).toContainEqual({ code: 'CLI.P', name: 'Thủ tục CLI', field: 'Hộ tịch' });

    // An export whose first column is titled in its own way: refused until --mapping says which it is.
    const odd = join(folder, 'odd.csv');
    writeFileSync(
      odd,
      dossierCsv([dossierRow({ code: 'CLI-5' })], ['So ho so riêng', ...DOSSIER_FIELDS.slice(1)]),
    );
    const unmapped = await runCli(['dossiers', 'import', odd, '--json'], shared.env);
    expect(unmapped.code).toBe(1);
    const mapped = await runCli(
      ['dossiers', 'import', odd, '--json', '--mapping', '{"code":"So ho so riêng"}'],
      shared.env,
    );
    expect(mapped.code).toBe(0);
    expect(JSON.parse(mapped.stdout)).toMatchObject({ imported: 1, rejected: [] });

    const database = await shared.reopen();
    try {
      const { rows } = await database.pool.query(
        `select code from dossiers where code like 'CLI-%' order by code`,
      );
      expect(rows.map((row) => row.code)).toEqual(['CLI-1', 'CLI-2', 'CLI-5']);
    } finally {
      await database.close();
    }
  }, 240_000);
});

describe('an import killed halfway', () => {
  it('leaves nothing half-written', async () => {
    const file = await bigFile();
    // PGlite is one process's data folder: the test lets go of it while the CLI holds it, then opens
    // it again after the kill (which also proves the folder recovers).
    const shared = await sharedDatabase();
    let database = shared.database;
    const before = await writtenCounts(database);
    if (!TEST_PG_URL) await database.close();

    const { stderr, signal } = await importAndKill(file, shared.env);
    expect(signal).toBe('SIGKILL');
    expect(stderr).toMatch(/reading: [1-9]\d* dòng/);

    database = await shared.reopen();
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
      if (!TEST_PG_URL) {
        // PGlite: the killed import's staging table (unlogged, emptied by the recovery) is still there
        // until the next import drops it.
        const staging = async () =>
          (
            await database.pool.query(
              `select count(*)::int as n from pg_class where relname like 'dossier\\_load\\_%'`,
            )
          ).rows[0].n;
        expect(await staging()).toBe(1);
        const next = join(folder, 'next.csv');
        writeFileSync(next, dossierCsv([dossierRow({ code: 'AFTER-KILL' })]));
        expect(
          await importDossiers(systemContext(database), { path: next, format: 'csv', dryRun: false }),
        ).toMatchObject({ imported: 1, rejectedCount: 0 });
        expect(await staging()).toBe(0);
      }
    } finally {
      await database.close();
    }
  }, 240_000);
});
