import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { buildUser, signIn, unitIdByCode } from '../test/harness.ts';
import {
  type Cluster,
  clustersEnabled,
  copyTemplate,
  createCluster,
  createReplica,
  until,
  waitForReplay,
} from '../test/pg-cluster.ts';
import { type Database, openDatabase } from './engine.ts';
import { CHANGE_CHANNEL, dataVersion } from './read-cache.ts';

/**
 * kill -9 of the primary while writes go on, then the synchronous standby promoted: every write
 * acknowledged to a client is on the new primary, the failed ones failed as "try again", and the same
 * process writes again without a restart.
 */
const config = loadConfig({ NODE_ENV: 'test', CHISO_SECRET: 'test-secret-that-is-long-enough-0123456789' });

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
    const refusals: { status: number; code: string; retryAfter: unknown }[] = [];
    let stop = false;
    let sequence = 0;
    let afterPromotion = 0;
    let promoted = false;
    const province = await unitIdByCode(database, '33');
    const commune = await unitIdByCode(database, '11953');
    // Six people saving groups of units through the API, each save a transaction with its audit event.
    const people = [];
    for (let person = 0; person < 6; person += 1) {
      const account = await buildUser(database, [{ role: 'admin', unitCode: null }]);
      people.push(await signIn(app, account.username, account.password));
    }
    const writers = people.map(async (person, writer) => {
      while (!stop) {
        sequence += 1;
        const name = `Nhóm thử chuyển máy ${writer}.${sequence}`;
        const saved = await person.request('POST', '/api/unit-groups', {
          unitId: province,
          name,
          memberIds: [commune],
        });
        if (saved.status === 201) {
          acknowledged.push(name);
          if (promoted) afterPromotion += 1;
        } else {
          refusals.push({
            status: saved.status,
            code: saved.json?.error?.code,
            retryAfter: saved.headers['retry-after'],
          });
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    });

    await until(async () => (acknowledged.length >= 100 ? true : undefined), 30_000, '100 saves');
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
      '50 saves after the promotion',
    );
    const downMs = Date.now() - killedAt;
    stop = true;
    await Promise.all(writers);

    // Every save acknowledged to a person is on the promoted server, with its audit event.
    const rows = await standby.query<{ name: string; audited: boolean }>(
      `select g.name, exists (select 1 from audit_events e where e.entity_id = g.id::text and e.action like 'unit_group.%') as audited
       from unit_groups g where g.name like 'Nhóm thử chuyển máy %'`,
      [],
      'chiso',
    );
    const present = new Set(rows.map((row) => row.name));
    expect(acknowledged.filter((name) => !present.has(name))).toEqual([]);
    expect(rows.every((row) => row.audited)).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    // Every refusal was "the database is changing, try again in 3 s" (never a 500).
    expect(refusals.length).toBeGreaterThan(0);
    for (const refusal of refusals)
      expect(refusal).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE', retryAfter: '3' });
    // The same process answers again, on the new primary, without a restart.
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(database.cluster?.status().primary.host).toBe(`127.0.0.1:${standby.port}`);
    // And hears other processes' changes there: its LISTEN connection moved to the new primary too.
    await until(
      async () =>
        (
          await standby.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity where datname = 'chiso' and query ilike 'listen %'`,
          )
        )[0]?.n === 1
          ? true
          : undefined,
      10_000,
      'the listener on the new primary',
    );
    const heard = dataVersion();
    await standby.query(`select pg_notify('${CHANGE_CHANNEL}', '')`, [], 'chiso');
    await until(
      async () => (dataVersion() > heard ? true : undefined),
      5000,
      'a change told on the new primary',
    );
    console.info(
      `failover: ${acknowledged.length} saves acknowledged, ${refusals.length} refused as retryable, ` +
        `${downMs} ms from kill -9 to 50 writes on the promoted replica`,
    );
  }, 120_000);
});
