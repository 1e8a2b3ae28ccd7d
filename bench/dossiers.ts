import { createReadStream, linkSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { from as copyFrom } from 'pg-copy-streams';
import { type Database, migrateDatabase, openDatabase } from '../server/db/engine.ts';
import { systemContext } from '../server/dossiers/dossier-fixtures.ts';
import { importDossiers } from '../server/dossiers/dossier-import-service.ts';
import { quarterOf } from '../server/dossiers/dossier-staging.ts';
import { writeDossierFile } from '../server/setup/demo-dossiers.ts';
import { initialise } from '../server/setup/initialise.ts';
import { benchDatabase } from './bench-database.ts';
import { createBenchUser, p95, withBenchServer } from './bench-server.ts';

/**
 * `npm run bench:dossiers -- [--rows N] [--json]` (default 1,000,000): a year and a half of one-stop
 * dossiers of the demo province (its units, the demo's procedures, all channels, some late) as CSV,
 * written by the demo's generator; imported through Chiso's importer in-process on a fresh database
 * (PGlite, or PostgreSQL with DATABASE_URL); the same file loaded with a plain COPY into a scratch table of the same database;
 * then the province dashboard over HTTP against the same figures by a GROUP BY over raw dossiers.
 */
const { values } = parseArgs({
  options: { json: { type: 'boolean' }, rows: { type: 'string', default: '1000000' } },
});
const ROWS = Number(values.rows);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
sampler.unref();

const START = Date.parse('2024-12-15T00:00:00+07:00');
const SPAN = 540 * 24 * 3600_000;

const folder = mkdtempSync(join(tmpdir(), 'chiso-bench-dossiers-'));
const target = await benchDatabase();
const database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
try {
  await migrateDatabase(database);
  await initialise(database.db, { loadDemo: true });
  const { rows: unitRows } = await database.pool.query<{ code: string; type: string }>(
    `select code, type from units where code is not null and valid_to is null and type in ('commune', 'department')`,
  );
  const file = join(folder, 'ho-so.csv');
  const generated = performance.now();
  await writeDossierFile(file, { units: unitRows, rows: ROWS, from: START, to: START + SPAN });
  const megabytes = statSync(file).size / 1024 ** 2;
  log(`${ROWS} rows, ${unitRows.length} units, ${megabytes.toFixed(0)} MB written in ${ms(generated)} ms`);

  const imported = performance.now();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  // Another request's query, every 50 ms while the import runs: how long it waits for a connection
  // (PGlite has one; an import that read its file inside its transaction held it throughout).
  const waits: number[] = [];
  let importing = true;
  const probe = (async () => {
    while (importing) {
      const sent = performance.now();
      await database.pool.query('select 1');
      waits.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const result = await importDossiers(systemContext(database), { path: file, format: 'csv', dryRun: false });
  const importMs = performance.now() - imported;
  importing = false;
  await probe;
  lag.disable();
  const queryWaitMaxMs = Math.round(Math.max(0, ...waits));
  log(
    `event-loop delay during the import: p99 ${Math.round(lag.percentile(99) / 1e6)} ms, max ${Math.round(lag.max / 1e6)} ms`,
  );
  log(
    `another query during the import: ${waits.length} sent, longest wait ${queryWaitMaxMs} ms (${Math.round((100 * queryWaitMaxMs) / importMs)} % of the import)`,
  );
  if (result.rejectedCount > 0)
    throw new Error(`import refused: ${JSON.stringify(result.rejected.slice(0, 3))}`);
  log(`import (${target.kind}): ${result.imported} dossiers in ${Math.round(importMs)} ms`);

  const copyMs = await copyBaseline(database, file, target.dataDir);
  log(`COPY into a scratch table: ${Math.round(copyMs)} ms`);

  const dashboardP95Ms = await dashboardP95(database);
  const rawScanMs = await rawScan(database);
  log(`dashboard p95 ${dashboardP95Ms ?? 'n/a'} ms; GROUP BY over raw dossiers ${rawScanMs} ms`);

  const importRowsPerSec = Math.round(ROWS / (importMs / 1000));
  const copyRowsPerSec = Math.round(ROWS / (copyMs / 1000));
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const summary = {
    rows: ROWS,
    importRowsPerSec,
    copyRowsPerSec,
    importToCopyRatio: Number((importRowsPerSec / copyRowsPerSec).toFixed(2)),
    dashboardP95Ms,
    rawScanMs,
    peakRssMb: Math.round(peakRss / 1024 ** 2),
    queryWaitMaxMs,
    database: target.kind,
  };
  console.log(values.json ? JSON.stringify(summary) : summary);
} finally {
  await database.close();
  await target.cleanup();
  rmSync(folder, { recursive: true, force: true });
}

function log(message: string) {
  if (values.json) console.error(message);
  else console.log(message);
}

function ms(since: number) {
  return Math.round(performance.now() - since);
}

/**
 * The file as plain COPY loads it: the same columns, a primary key on the code like `dossiers`, no
 * checks. PostgreSQL: COPY FROM STDIN over the wire (pg-copy-streams). PGlite: its socket server loses
 * protocol sync on CopyData messages, so the backend reads the file itself — the data folder is
 * mounted inside the WASM file system at /pglite/data, and a hard link puts the file there; this skips
 * the transfer, a baseline stricter than the import's path.
 */
async function copyBaseline(db: Database, path: string, dataDir: string): Promise<number> {
  const client = await db.pool.connect();
  const linked = join(dataDir, 'pg', 'bench-copy.csv');
  try {
    await client.query(`create table bench_copy (
      code text primary key, unit_code text, procedure_code text, procedure_name text, field text, level text,
      channel text, received_at timestamptz, due_at timestamptz, finished_at timestamptz, returned_at timestamptz,
      status text, digitised boolean, apology_issued boolean)`);
    if (db.kind === 'pglite') linkSync(path, linked);
    const started = performance.now();
    if (db.kind === 'pglite')
      await client.query(`copy bench_copy from '/pglite/data/bench-copy.csv' with (format csv, header true)`);
    else
      await pipeline(
        createReadStream(path, { highWaterMark: 256 * 1024 }),
        client.query(copyFrom('copy bench_copy from stdin with (format csv, header true)')),
      );
    const elapsed = performance.now() - started;
    await client.query('drop table bench_copy');
    return elapsed;
  } finally {
    client.release();
    rmSync(linked, { force: true });
  }
}

/** The province dashboard through the product (read cache off: every answer is computed). */
async function dashboardP95(db: Database): Promise<number | null> {
  const { rows } = await db.pool.query<{ id: number }>(
    `select id from units where code = '33' and valid_to is null`,
  );
  const provinceId = rows[0]?.id ?? 0;
  await createBenchUser(db, provinceId);
  // The read cache off: every answer is computed from the roll-ups.
  return withBenchServer(db, 0, async (fetchAs) => {
    const times: number[] = [];
    for (let i = 0; i < 31; i++) {
      const started = performance.now();
      const response = await fetchAs(`/api/dashboards/dossiers?unitId=${provinceId}`);
      await response.arrayBuffer();
      // The route is another part of the product: absent, there is nothing to time.
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`dashboard: ${response.status}`);
      if (i > 0) times.push(performance.now() - started);
    }
    return p95(times);
  });
}

/**
 * The dashboard's counts straight from the raw dossiers, as the roll-ups define them (received in the
 * quarter of receipt, finished in the quarter of finishing), every unit × field × quarter; median of 3.
 */
async function rawScan(db: Database): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await db.db.execute(sql`
      with received as (
        select unit_id, field, ${quarterOf('received_at')} as period, count(*) as received,
          count(*) filter (where channel in ('online_partial', 'online_full')) as received_online,
          count(*) filter (where channel = 'online_full') as received_online_full,
          count(*) filter (where digitised) as received_digitised
        from dossiers group by 1, 2, 3),
      finished as (
        select unit_id, field, ${quarterOf('finished_at')} as period, count(*) as finished,
          count(*) filter (where due_at is null or finished_at <= due_at) as on_time,
          count(*) filter (where finished_at <= due_at - interval '1 day') as early,
          count(*) filter (where finished_at > due_at) as late,
          count(*) filter (where finished_at > due_at and apology_issued) as late_apologised
        from dossiers where finished_at is not null group by 1, 2, 3)
      select * from received full join finished using (unit_id, field, period)`);
    times.push(performance.now() - started);
  }
  return Math.round(times.sort((a, b) => a - b)[1] ?? 0);
}
