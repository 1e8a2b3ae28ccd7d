import autocannon from 'autocannon';
import { type Database, openDatabase } from '../server/db/engine.ts';
import type { Cluster } from '../server/test/pg-cluster.ts';
import { withBenchServer } from './bench-server.ts';

/**
 * The product's read throughput on a province's database, with every read on the primary and with
 * GET requests on a streaming replica, while the primary is kept busy writing (rows inserted and
 * deleted in a loop, as an import would): requests per second and p95 of the late-dossiers list
 * (uncached, a query over the dossiers) under 16 connections for `seconds`.
 */
export async function measureReplicaReads(options: {
  primary: Cluster;
  replica: Cluster;
  database: string;
  unitId: number;
  period: string;
  seconds: number;
  log: (line: string) => void;
}) {
  const path = `/api/dossiers/late?unitId=${options.unitId}&period=${options.period}&pageSize=50`;
  const run = async (readUrl: string | undefined) => {
    const database = await openDatabase({
      databaseUrl: options.primary.url(options.database),
      readUrl,
      poolSize: 16,
      dataDir: '',
    });
    const writing = startWriteLoad(options.primary.url(options.database));
    try {
      return await withBenchServer(database, 0, async (fetchAs, session) => {
        const check = await fetchAs(path);
        if (check.status !== 200) throw new Error(`${path}: ${check.status} ${await check.text()}`);
        const result = await autocannon({
          url: `${session.base}${path}`,
          headers: { cookie: session.cookie },
          connections: 16,
          duration: options.seconds,
        });
        return {
          requestsPerSecond: Math.round(result.requests.average),
          p95Ms: result.latency.p97_5 ?? result.latency.p99,
          errors: result.errors + result.non2xx,
          replicaReads: database.cluster?.reads.replica ?? 0,
          primaryReads: database.cluster?.reads.primary ?? 0,
          writes: await writing.stop(),
        };
      });
    } finally {
      await writing.stop();
      await database.close();
    }
  };
  const primaryOnly = await run(undefined);
  options.log(
    `reads on the primary alone: ${primaryOnly.requestsPerSecond} req/s, ${primaryOnly.writes} writes`,
  );
  const withReplica = await run(options.replica.url(options.database));
  options.log(
    `reads on the replica: ${withReplica.requestsPerSecond} req/s (${withReplica.replicaReads} replica / ${withReplica.primaryReads} primary queries), ${withReplica.writes} writes`,
  );
  return {
    primaryOnly,
    withReplica,
    ratio:
      Math.round((100 * withReplica.requestsPerSecond) / Math.max(1, primaryOnly.requestsPerSecond)) / 100,
  };
}

/** Rows written and deleted on the primary in a loop until stopped: how many statements ran. */
function startWriteLoad(url: string) {
  let running = true;
  let statements = 0;
  const done = (async () => {
    const database: Database = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 2 });
    try {
      await database.pool.query('create table if not exists bench_churn (id int, body text)');
      while (running) {
        await database.pool.query(
          'insert into bench_churn select g, repeat(md5(g::text), 8) from generate_series(1, 20000) g',
        );
        await database.pool.query('delete from bench_churn');
        statements += 2;
      }
    } finally {
      await database.close();
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return statements;
    },
  };
}

/**
 * The time one small commit takes, as the primary is configured: without a synchronous standby
 * ('local'), waiting for the standby's disk ('on'), and for its replay ('remote_apply').
 */
export async function measureCommitLatency(
  primary: Cluster,
  database: string,
  standbyName: string,
  commits = 400,
) {
  await primary.query(`alter system set synchronous_standby_names = '${standbyName}'`);
  await primary.query('select pg_reload_conf()');
  const results: Record<string, { medianMs: number; p95Ms: number }> = {};
  const { default: pg } = await import('pg');
  for (const level of ['local', 'on', 'remote_apply'] as const) {
    const client = new pg.Client({ connectionString: primary.url(database) });
    await client.connect();
    try {
      await client.query(`set synchronous_commit = ${level}`);
      await client.query(
        'create table if not exists bench_commits (id serial, at timestamptz default now())',
      );
      const times: number[] = [];
      for (let i = 0; i < commits; i += 1) {
        const started = performance.now();
        await client.query('insert into bench_commits default values');
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const at = (share: number) =>
        Math.round((times[Math.floor(share * (times.length - 1))] ?? 0) * 100) / 100;
      results[level] = { medianMs: at(0.5), p95Ms: at(0.95) };
    } finally {
      await client.end();
    }
  }
  await primary.query(`alter system reset synchronous_standby_names`);
  await primary.query('select pg_reload_conf()');
  return results;
}
