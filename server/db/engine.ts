import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { registerCopyRoute, removeLeftCopyFiles } from './bulk-copy.ts';
import { ClusterPool } from './cluster-pool.ts';
import { lockDataFolder } from './data-lock.ts';
import * as schema from './schema/index.ts';

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  pool: pg.Pool;
  /** On PostgreSQL: the primary, its replicas and where reads went. */
  cluster?: ClusterPool;
  kind: 'pglite' | 'postgresql';
  close(): Promise<void>;
}

const singleSession = new WeakSet<Db>();

/**
 * Whether every request shares one connection (PGlite): a long transaction then holds up every other
 * request, so long work reads and checks before it opens one.
 */
export function hasOneConnection(db: Db): boolean {
  return singleSession.has(db);
}

/** The SQLSTATE of a database error, also wrapped by drizzle ("23505": unique violation). */
export function sqlState(error: unknown): string | undefined {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  const state = typeof code === 'string' ? code : cause?.code;
  return typeof state === 'string' ? state : undefined;
}

export const MIGRATIONS_DIR = new URL('../../db/migrations', import.meta.url).pathname;

// Dates stay ISO strings ("2025-07-01"), never shifted by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** A PostgreSQL server when `databaseUrl` is given, otherwise the embedded PGlite in `dataDir/pg`. */
export async function openDatabase(options: {
  databaseUrl?: string;
  /** Streaming replicas that reads may go to (one URL, several hosts in libpq's form). */
  readUrl?: string;
  /** How far behind a replica may be and still answer a read that tolerates lag. */
  readMaxLagMs?: number;
  readPollMs?: number;
  dataDir: string;
  poolSize?: number;
}): Promise<Database> {
  if (options.databaseUrl) {
    // One pool over the primary (found among DATABASE_URL's hosts, found again after a failover) and
    // the replicas reads may go to. An idle connection the server dropped is replaced on next use.
    const pool = new ClusterPool({
      primaryUrl: options.databaseUrl,
      readUrl: options.readUrl,
      poolSize: options.poolSize ?? 10,
      maxLagMs: options.readMaxLagMs ?? 2000,
      pollMs: options.readPollMs ?? 200,
      log: (message) => console.error(message),
    });
    try {
      await pool.start();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return {
      db: drizzle({ client: pool, schema, casing: 'snake_case' }),
      pool,
      cluster: pool,
      kind: 'postgresql',
      close: () => pool.end(),
    };
  }
  return openEmbedded(options.dataDir);
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const pgDir = join(dataDir, 'pg');
  mkdirSync(pgDir, { recursive: true });
  const unlock = lockDataFolder(dataDir);
  try {
    return await startEmbedded(pgDir, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

async function startEmbedded(pgDir: string, unlock: () => void): Promise<Database> {
  removeLeftCopyFiles(pgDir);
  // The socket lives in a private temporary folder (Unix socket paths are limited to ~100 characters).
  const socketDir = mkdtempSync(join(tmpdir(), 'chiso-pg-'));
  const worker = new Worker(new URL('./pglite-worker.ts', import.meta.url), {
    workerData: { dataDir: pgDir, socketPath: join(socketDir, '.s.PGSQL.5432') },
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (message: { type: string }) =>
      message.type === 'ready' ? resolve() : reject(new Error(message.type)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`PGlite worker exited with code ${code}`)));
  });
  // PGlite is a single session: one connection, so transactions from two requests never interleave.
  const pool = new pg.Pool({ host: socketDir, port: 5432, user: 'postgres', database: 'postgres', max: 1 });
  const close = async () => {
    await pool.end();
    const closed = new Promise<void>((resolve) => worker.once('message', () => resolve()));
    worker.postMessage({ type: 'close' });
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    await worker.terminate();
    rmSync(socketDir, { recursive: true, force: true });
    unlock();
  };
  const db = drizzle({ client: pool, schema, casing: 'snake_case' });
  // PGlite mounts its data folder at /pglite/data.
  registerCopyRoute(db, { kind: 'files', hostDir: pgDir, backendDir: '/pglite/data' });
  singleSession.add(db);
  return { db, pool, kind: 'pglite', close };
}

export async function migrateDatabase(database: Database): Promise<void> {
  await migrate(database.db, { migrationsFolder: MIGRATIONS_DIR });
}
