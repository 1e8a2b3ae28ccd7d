import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateUnitSchema } from '../../core/units/unit-schemas.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { buildUser, unitIdByCode } from '../test/harness.ts';
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
import { bumpDataVersion } from './read-cache.ts';
import { readingCurrent, runInReadScope } from './read-scope.ts';

/**
 * Reads on a streaming replica that applies what it receives 3 s late (`recovery_min_apply_delay`):
 * a reader who just wrote sees it at once (pinned to the primary), another reader may see the replica's
 * older answer, and a read cache's load never keeps one.
 */
const APPLY_DELAY_MS = 3000;

const config = loadConfig({ NODE_ENV: 'test', CHISO_SECRET: 'test-secret-that-is-long-enough-0123456789' });

/** The name=value pairs a response sets. */
function cookiesOf(headers: Record<string, unknown>): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const line of [headers['set-cookie'] ?? []].flat() as string[]) {
    const [pair] = line.split(';');
    const [name, ...value] = (pair ?? '').split('=');
    if (name) cookies[name] = value.join('=');
  }
  return cookies;
}

describe.skipIf(!clustersEnabled)('reads on a lagging replica', () => {
  let primary: Cluster;
  let replica: Cluster;
  let database: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    primary = await createCluster();
    await copyTemplate(primary, 'chiso');
    replica = await createReplica(primary, 'lagging', {
      settings: { recovery_min_apply_delay: `'${APPLY_DELAY_MS}ms'` },
    });
    await waitForReplay(primary, replica);
    database = await openDatabase({
      databaseUrl: primary.url('chiso'),
      readUrl: replica.url('chiso'),
      readMaxLagMs: 60_000,
      readPollMs: 50,
      dataDir: '',
    });
    app = await buildApp({ database, config });
    await app.ready();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await replica?.destroy();
    await primary?.destroy();
  });

  /** Signs in; `keepPin` false drops the position the sign-in set (another device, or an old pin). */
  async function browser(username: string, password: string) {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
    });
    expect(login.statusCode).toBe(200);
    const cookies = cookiesOf(login.headers);
    // Signing in opened a transaction: the answer pins this browser to what it wrote.
    expect(cookies.chiso_lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    const csrf = login.json().csrfToken as string;
    return {
      cookies,
      async send(method: 'GET' | 'PATCH', url: string, payload?: object) {
        const cookie = Object.entries(this.cookies)
          .map(([name, value]) => `${name}=${value}`)
          .join('; ');
        const reply = await app.inject({
          method,
          url,
          headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) },
          ...(payload && { payload }),
        });
        Object.assign(this.cookies, cookiesOf(reply.headers));
        return reply;
      },
    };
  }

  it('shows a writer their write at once, and another reader the replica until it has replayed it', async () => {
    const cluster = database.cluster;
    if (!cluster) throw new Error('no cluster pool');
    const writerAccount = await buildUser(database, [{ role: 'admin', unitCode: null }]);
    const readerAccount = await buildUser(database, [{ role: 'admin', unitCode: null }]);
    const unitId = await unitIdByCode(database, '11953');
    const writer = await browser(writerAccount.username, writerAccount.password);
    const reader = await browser(readerAccount.username, readerAccount.password);
    // The reader's pin is dropped (a second device): its reads go wherever the lag allows.
    delete reader.cookies.chiso_lsn;
    await waitForReplay(primary, replica, 20_000);

    const before = await reader.send('GET', `/api/units/${unitId}`);
    expect(before.statusCode).toBe(200);
    const unit = before.json();
    const fields = Object.fromEntries(
      Object.keys(updateUnitSchema.shape)
        .filter((key) => key in unit)
        .map((key) => [key, unit[key]]),
    );
    const oldHead = unit.headName as string | null;

    const replicaReadsBefore = cluster.reads.replica;
    const changed = await writer.send('PATCH', `/api/units/${unitId}`, {
      ...fields,
      headName: 'Nguyễn Thị Mới Ghi',
    });
    expect(changed.statusCode).toBe(200);
    const pin = writer.cookies.chiso_lsn as string;
    expect(pin).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);

    // The writer: at once, although the replica will not have it for 3 s.
    const mine = await writer.send('GET', `/api/units/${unitId}`);
    expect(mine.json().headName).toBe('Nguyễn Thị Mới Ghi');
    // Another reader right after: the replica's answer, the old name.
    const theirs = await reader.send('GET', `/api/units/${unitId}`);
    expect(theirs.json().headName).toBe(oldHead);
    expect(cluster.reads.replica).toBeGreaterThan(replicaReadsBefore);
    // …until the replica has applied it.
    const started = Date.now();
    await until(
      async () =>
        (await reader.send('GET', `/api/units/${unitId}`)).json().headName === 'Nguyễn Thị Mới Ghi'
          ? true
          : undefined,
      20_000,
      'the replica to apply the change',
    );
    expect(Date.now() - started).toBeGreaterThan(APPLY_DELAY_MS / 3);
  }, 60_000);

  it("keeps a read cache's loads current, and sends reads past the lag allowance to the primary", async () => {
    const cluster = database.cluster;
    if (!cluster) throw new Error('no cluster pool');
    await database.pool.query(`create table if not exists lag_probe (id int primary key, value text)`);
    await database.pool.query(
      `insert into lag_probe values (1, 'old') on conflict (id) do update set value = 'old'`,
    );
    await waitForReplay(primary, replica, 20_000);
    // A change committed (and known to this process, as `mutate` or a NOTIFY tells it).
    await database.pool.query(`update lag_probe set value = 'new' where id = 1`);
    bumpDataVersion();
    const read = () =>
      database.pool
        .query<{ value: string }>('select value from lag_probe where id = 1')
        .then((r) => r.rows[0]?.value);
    const scope = () => ({ replicaOk: true, minLsn: 0n, current: false, wrote: false });
    // A read that tolerates lag: the replica's.
    expect(await runInReadScope(scope(), read)).toBe('old');
    // A cache's load: what this process knows was committed.
    expect(await runInReadScope(scope(), () => readingCurrent(read))).toBe('new');
    // Outside a request (a job): the primary.
    expect(await read()).toBe('new');

    // Another pool that tolerates 300 ms of lag: while the replica is 3 s behind, reads go to the primary.
    const strict = await openDatabase({
      databaseUrl: primary.url('chiso'),
      readUrl: replica.url('chiso'),
      readMaxLagMs: 300,
      readPollMs: 50,
      dataDir: '',
    });
    try {
      await strict.pool.query(`update lag_probe set value = 'newer' where id = 1`);
      // The poller sees the primary move on and the replica stay behind for longer than 300 ms.
      await until(
        async () => ((strict.cluster?.status().replicas[0]?.lagMs ?? 0) > 300 ? true : undefined),
        2500,
        'the lag to pass 300 ms',
      );
      const strictRead = () =>
        strict.pool
          .query<{ value: string }>('select value from lag_probe where id = 1')
          .then((r) => r.rows[0]?.value);
      const before = { ...strict.cluster?.reads };
      expect(await runInReadScope(scope(), strictRead)).toBe('newer');
      expect(strict.cluster?.reads).toEqual({ primary: (before.primary ?? 0) + 1, replica: before.replica });
    } finally {
      await strict.close();
    }
  }, 60_000);
});
