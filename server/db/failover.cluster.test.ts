import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { toAppError } from '../http/errors.ts';
import {
  type Cluster,
  clustersEnabled,
  copyTemplate,
  createCluster,
  createReplica,
  waitForReplay,
} from '../test/pg-cluster.ts';
import { isConnectionLoss } from './cluster-pool.ts';
import { type Database, openDatabase } from './engine.ts';
import { settings } from './schema/index.ts';

/**
 * kill -9 of the primary while writes go on, then the synchronous standby promoted: every write
 * acknowledged to a client is on the new primary, the failed ones failed as "try again", and the same
 * process writes again without a restart.
 */
const config = loadConfig({ NODE_ENV: 'test', CHISO_SECRET: 'test-secret-that-is-long-enough-0123456789' });

async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!clustersEnabled)('failover to a promoted replica', () => {
  let primary: Cluster;
  let standby: Cluster;
  let database: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    // Synchronous replication: a commit is acknowledged once the standby has it on disk.
    primary = await createCluster({
      settings: { synchronous_standby_names: "'standby1'", synchronous_commit: 'on' },
    });
    // The standby first: with it named synchronous, no commit returns until it has it.
    standby = await createReplica(primary, 'standby1');
    await copyTemplate(primary, 'chiso');
    await waitForReplay(primary, standby);
    database = await openDatabase({
      // Both hosts: the one that accepts writes is the primary, found again after the failover.
      databaseUrl: `postgres://postgres@127.0.0.1:${primary.port},127.0.0.1:${standby.port}/chiso`,
      readUrl: standby.url('chiso'),
      readPollMs: 100,
      poolSize: 6,
      dataDir: '',
    });
    app = await buildApp({ database, config });
    await app.ready();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await standby?.destroy();
    await primary?.destroy();
  });

  it('loses no acknowledged write and serves again without a restart', async () => {
    const acknowledged: string[] = [];
    const failures: unknown[] = [];
    let stop = false;
    let sequence = 0;
    let afterPromotion = 0;
    let promoted = false;
    // Six writers, each committing one row at a time through the same pool the server uses.
    const writers = Array.from({ length: 6 }, async (_, writer) => {
      while (!stop) {
        sequence += 1;
        const key = `failover.${writer}.${sequence}`;
        try {
          await database.db.transaction(async (tx) => {
            await tx.insert(settings).values({ key, value: String(Date.now()) });
          });
          acknowledged.push(key);
          if (promoted) afterPromotion += 1;
        } catch (error) {
          failures.push(error);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    });

    await until(async () => (acknowledged.length >= 100 ? true : undefined), 30_000, '100 writes');
    const killedAt = Date.now();
    await primary.kill9();

    // While no server accepts writes: a request fails at once with "try again", and says so in Vietnamese.
    const refused = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x', password: 'y' },
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('3');
    expect(refused.json().error.code).toBe('DATABASE_UNAVAILABLE');
    expect(refused.json().error.message).toContain('thử lại');

    await standby.promote();
    promoted = true;
    await until(
      async () => (afterPromotion >= 50 ? true : undefined),
      60_000,
      '50 writes after the promotion',
    );
    const downMs = Date.now() - killedAt;
    stop = true;
    await Promise.all(writers);

    // Every acknowledged write is on the promoted server.
    const rows = await standby.query<{ key: string }>(
      `select key from settings where key like 'failover.%'`,
      [],
      'chiso',
    );
    const present = new Set(rows.map((row) => row.key));
    const lost = acknowledged.filter((key) => !present.has(key));
    expect(lost).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    // Every failure was a lost connection, answered as "try again" (never a 500).
    for (const failure of failures) {
      expect(isConnectionLoss(failure), String(failure)).toBe(true);
      expect(toAppError(failure).code).toBe('DATABASE_UNAVAILABLE');
    }
    // The same process answers again, on the new primary, without a restart.
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(database.cluster?.status().primary.host).toBe(`127.0.0.1:${standby.port}`);
    console.info(
      `failover: ${acknowledged.length} writes acknowledged, ${failures.length} failed as retryable, ` +
        `${downMs} ms from kill -9 to 50 writes on the promoted replica`,
    );
  }, 120_000);
});
