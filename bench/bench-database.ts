import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A database of its own for one benchmark run: a fresh PostgreSQL database when DATABASE_URL is set
 * (dropped afterwards), otherwise a fresh PGlite data folder (removed afterwards).
 */
export async function benchDatabase(): Promise<{
  kind: 'postgresql' | 'pglite';
  databaseUrl: string | undefined;
  dataDir: string;
  cleanup: () => Promise<void>;
}> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'chiso-bench-'));
    return {
      kind: 'pglite',
      databaseUrl: undefined,
      dataDir,
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `chiso_bench_${randomBytes(4).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgresql',
    databaseUrl: url.toString(),
    dataDir: '',
    cleanup: () => run(`drop database if exists ${name} with (force)`),
  };
}
