import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Database, migrateDatabase, openDatabase } from '../server/db/engine.ts';
import { systemContext } from '../server/dossiers/dossier-fixtures.ts';
import { importDossiers } from '../server/dossiers/dossier-import-service.ts';
import { publishFederation, subscribeProvince } from '../server/federation/federation-commands.ts';
import { startPublisher } from '../server/federation/publisher.ts';
import { ROW_TABLES } from '../server/federation/refresh.ts';
import { writeDossierFile } from '../server/setup/demo-dossiers.ts';
import { initialise } from '../server/setup/initialise.ts';
import { createCluster, createReplica, waitForReplay } from '../server/test/pg-cluster.ts';
import { createBenchUser, p95, withBenchServer } from './bench-server.ts';
import { measureCommitLatency, measureReplicaReads } from './replica-reads.ts';

/**
 * `npm run bench:federation -- [--rows N] [--imports K] [--json]`: two provinces of N dossiers each
 * (default 1,000,000; the demo Hưng Yên "33" and a copy of it as Hà Nội "01") on a PostgreSQL cluster
 * with wal_level = logical and a streaming replica, published; a national instance on a cluster of its
 * own subscribed to both (Debian's PostgreSQL, own ports and folders, removed after). Then:
 * - `replicationLagMs`: K imports of 1,000 dossiers into a province, each timed from its commit to the
 *   national tables showing the province's new total (the publisher's refresh and logical replication);
 *   p95 and max. Budget: ≤ 5 s.
 * - `rowsShipped`: rows the national instance applied during those imports (inserts, updates, deletes).
 * - `nationalDashboardP95Ms`: `/api/national/dashboard` over HTTP (caches off) with the two provinces and
 *   with 34 (32 more copied in under other codes). Budget: ≤ 100 ms.
 * - `replicaReads`: the late-dossiers list's throughput with every read on the primary and with reads on
 *   the replica, while the primary writes; `commitLatency` per `synchronous_commit` level.
 */
const { values } = parseArgs({
  options: {
    json: { type: 'boolean' },
    rows: { type: 'string', default: '1000000' },
    imports: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '8' },
  },
});
const ROWS = Number(values.rows);
const IMPORTS = Number(values.imports);
const log = (line: string) => {
  if (!values.json) console.log(line);
  else console.error(line);
};
const ms = (since: number) => Math.round(performance.now() - since);
const silent = { info: () => {}, warn: () => {} };

const DAY = 24 * 3600_000;
const END = Date.parse('2026-12-01T00:00:00+07:00');
const folder = mkdtempSync(join(tmpdir(), 'chiso-bench-federation-'));
const provinces = await createCluster({ walLevel: 'logical', settings: { shared_buffers: "'256MB'" } });
const replica = await createReplica(provinces, 'replica1', { settings: { shared_buffers: "'256MB'" } });
const national = await createCluster({ walLevel: 'logical' });
const opened: Database[] = [];
const stops: (() => Promise<void>)[] = [];
const open = async (url: string) => {
  const database = await openDatabase({ databaseUrl: url, dataDir: '' });
  opened.push(database);
  return database;
};

try {
  // The demo province with N dossiers; the second province a copy of it under another code.
  let started = performance.now();
  const hy = await open(await provinces.createDatabase('hung_yen'));
  await migrateDatabase(hy);
  await initialise(hy.db, { loadDemo: true });
  const { rows: unitRows } = await hy.pool.query<{ code: string; type: string }>(
    `select code, type from units where code is not null and valid_to is null and type in ('commune', 'department')`,
  );
  const file = join(folder, 'ho-so.csv');
  await writeDossierFile(file, { units: unitRows, rows: ROWS, from: END - 540 * DAY, to: END });
  await importDossiers(systemContext(hy), { path: file, format: 'csv', dryRun: false });
  log(`Hưng Yên: ${ROWS} dossiers in ${ms(started)} ms`);
  await hy.close();
  opened.splice(opened.indexOf(hy), 1);
  started = performance.now();
  await provinces.query('create database ha_noi template hung_yen');
  const hn = await open(provinces.url('ha_noi'));
  await hn.pool.query(
    `update units set code = '01', name = 'Thành phố Hà Nội', name_search = 'thanh pho ha noi'
     where type = 'province' and valid_to is null`,
  );
  log(`Hà Nội (a copy under code 01): ${ms(started)} ms`);
  const hy2 = await open(provinces.url('hung_yen'));
  const sources = { '33': hy2, '01': hn } as Record<string, Database>;

  // Published, with the publisher the server runs.
  for (const [code, database] of Object.entries(sources)) {
    started = performance.now();
    const published = await publishFederation(database);
    log(`${code} published: ${published.refresh.rows} rows shared, first refresh ${ms(started)} ms`);
    stops.push(startPublisher(database, silent, { debounceMs: 250 }));
  }

  // The national instance subscribes to both and copies their rows.
  const nation = await open(await national.createDatabase('national'));
  await migrateDatabase(nation);
  await initialise(nation.db, { loadDemo: false });
  started = performance.now();
  for (const code of Object.keys(sources))
    await subscribeProvince(nation, {
      provinceCode: code,
      from: provinces.url(code === '33' ? 'hung_yen' : 'ha_noi'),
    });
  const totalOf = async (database: Database, code: string) =>
    Number(
      (
        await database.pool.query<{ n: string }>(
          'select coalesce(sum(received), 0) as n from federation.dossier_rollups where province_code = $1',
          [code],
        )
      ).rows[0]?.n ?? 0,
    );
  const rollupTotal = async (database: Database) =>
    Number(
      (await database.pool.query<{ n: string }>('select sum(received) as n from dossier_rollups')).rows[0]?.n,
    );
  const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 120_000) => {
    const since = Date.now();
    while (!(await check())) {
      if (Date.now() - since > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  for (const [code, database] of Object.entries(sources)) {
    const expected = await rollupTotal(database);
    await until(`national copy of ${code}`, async () => (await totalOf(nation, code)) === expected);
  }
  log(`national: both provinces copied in ${ms(started)} ms`);

  // Imports into a province, each timed from its commit to the national total.
  const applied = async () =>
    Number(
      (
        await nation.pool.query<{ n: string }>(
          `select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) as n from pg_stat_user_tables where schemaname = 'federation'`,
        )
      ).rows[0]?.n ?? 0,
    );
  const appliedBefore = await applied();
  const lags: number[] = [];
  for (let i = 0; i < IMPORTS; i += 1) {
    const code = i % 2 === 0 ? '33' : '01';
    const source = sources[code] as Database;
    const batch = join(folder, `batch-${i}.csv`);
    await writeDossierFile(batch, {
      units: unitRows,
      rows: 1000,
      from: END - 20 * DAY,
      to: END,
      prefix: `BENCH-${i}-`,
      seed: 100 + i,
    });
    await importDossiers(systemContext(source), { path: batch, format: 'csv', dryRun: false });
    const committed = performance.now();
    const expected = await rollupTotal(source);
    await until(
      `import ${i} in the national view`,
      async () => (await totalOf(nation, code)) === expected,
      30_000,
    );
    lags.push(performance.now() - committed);
  }
  // The apply worker's counters reach the statistics within a second or two.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const rowsShipped = (await applied()) - appliedBefore;
  log(
    `replication lag over ${IMPORTS} imports: p95 ${p95(lags)} ms, max ${Math.round(Math.max(...lags))} ms`,
  );
  log(`rows applied nationally for them: ${rowsShipped}`);

  // The national dashboard over HTTP, caches off: two provinces, then 34.
  // A leader of the whole installation (the national view is installation-wide).
  await createBenchUser(nation, null, 'leader');
  const period = (
    await nation.pool.query<{ p: string }>(
      `select max(period_code) as p from federation.dossier_rollups where period_code ~ '^[0-9]{4}Q[1-4]$'`,
    )
  ).rows[0]?.p;
  const dashboardP95 = async () =>
    withBenchServer(nation, 0, async (fetchAs) => {
      const times: number[] = [];
      for (let i = 0; i < 60; i += 1) {
        const sent = performance.now();
        const response = await fetchAs(`/api/national/dashboard?period=${period}`);
        if (response.status !== 200)
          throw new Error(`dashboard: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
        if (i >= 10) times.push(performance.now() - sent);
      }
      return p95(times);
    });
  const dashboardTwo = await dashboardP95();
  started = performance.now();
  const copies = await copyProvinces(nation, 32);
  log(`32 more provinces copied into the national tables (${copies} rows) in ${ms(started)} ms`);
  const dashboard34 = await dashboardP95();
  log(`national dashboard p95: ${dashboardTwo} ms with 2 provinces, ${dashboard34} ms with 34`);

  // A read replica under a write load, and what synchronous replication costs a commit.
  await waitForReplay(provinces, replica, 120_000);
  const { rows: unitIds } = await hy2.pool.query<{ id: number }>(
    `select id from units where code = '33' and valid_to is null`,
  );
  await createBenchUser(hy2, unitIds[0]?.id ?? 0);
  const replicaReads = await measureReplicaReads({
    primary: provinces,
    replica,
    database: 'hung_yen',
    unitId: unitIds[0]?.id ?? 0,
    period: period ?? '2026Q4',
    seconds: Number(values.seconds),
    log,
  });
  const commitLatency = await measureCommitLatency(provinces, 'hung_yen', 'replica1');
  log(`commit latency (median ms): ${JSON.stringify(commitLatency)}`);

  const result = {
    rowsPerProvince: ROWS,
    imports: IMPORTS,
    replicationLagMs: p95(lags),
    replicationLagMaxMs: Math.round(Math.max(...lags)),
    rowsShipped,
    nationalDashboardP95Ms: dashboard34,
    nationalDashboardTwoProvincesP95Ms: dashboardTwo,
    replicaReads,
    commitLatency,
    budgets: { replicationLagMs: 5000, nationalDashboardP95Ms: 100 },
    withinBudget: p95(lags) <= 5000 && dashboard34 <= 100,
  };
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else log(JSON.stringify(result));
} finally {
  for (const stop of stops) await stop().catch(() => {});
  for (const database of opened) await database.close().catch(() => {});
  await replica.destroy();
  await national.destroy();
  await provinces.destroy();
  rmSync(folder, { recursive: true, force: true });
}

/** Copies the first province's shared rows under `count` other province codes (90–121), as 34 provinces would. */
async function copyProvinces(nation: Database, count: number): Promise<number> {
  let copied = 0;
  for (let i = 0; i < count; i += 1) {
    const code = String(90 + i);
    await nation.pool.query(
      `insert into federation.provinces select $1, 'Tỉnh thử ' || $1, refreshed_at, heartbeat_at, chiso_version
       from federation.provinces where province_code = '33'`,
      [code],
    );
    for (const table of ROW_TABLES) {
      const { rows } = await nation.pool.query<{ c: string }>(
        `select string_agg(quote_ident(column_name), ', ' order by ordinal_position) as c
         from information_schema.columns where table_schema = 'federation' and table_name = $1 and column_name <> 'province_code'`,
        [table],
      );
      const columns = rows[0]?.c;
      const inserted = await nation.pool.query(
        `insert into federation.${table} (province_code, ${columns}) select $1, ${columns} from federation.${table} where province_code = '33'`,
        [code],
      );
      copied += inserted.rowCount ?? 0;
    }
  }
  return copied;
}
