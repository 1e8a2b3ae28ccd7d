import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { type Database, migrateDatabase, openDatabase } from '../server/db/engine.ts';
import { bumpDataVersion } from '../server/db/read-cache.ts';
import { slug } from '../server/public/format.ts';
import { loadDemoYear } from '../server/setup/demo-year.ts';
import { initialise } from '../server/setup/initialise.ts';
import { benchDatabase } from './bench-database.ts';
import { cannon, freePort, p95, seedPublishedRound, waitFor } from './bench-server.ts';

/**
 * `npm run bench:public [-- --json --duration 10]`: the public results page of a published round (the
 * demo province's communes, every criterion scored) read by 50 anonymous readers at once, as a phone
 * asks for it (Accept-Encoding br, Vietnamese), on PostgreSQL when DATABASE_URL is set (else the
 * embedded database). Also: the PAPI page under the same load, each page's first (rendered) answer,
 * the p95 of 30 answers rendered afresh (every cache forgotten before each), and a bare Fastify
 * "hello" beside it for the ratio. Budget: p99 ≤ 100 ms for the results page under load.
 */
const { values } = parseArgs({
  options: { json: { type: 'boolean' }, duration: { type: 'string', default: '10' } },
});
const duration = Number(values.duration);
const ROOT = new URL('..', import.meta.url).pathname;
const BUDGET_P99_MS = 100;
const READER = { 'accept-encoding': 'br, gzip', 'accept-language': 'vi-VN,vi;q=0.9' };

const target = await benchDatabase();
const database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
let bare: ChildProcess | null = null;
try {
  const seeded = performance.now();
  await migrateDatabase(database);
  await initialise(database.db, { loadDemo: true });
  await loadDemoYear(database.db);
  await seedPublishedRound(database);
  const round = await database.pool.query<{ id: number; name: string }>(
    "select id, name from assessment_rounds where stage = 'published' order by id desc limit 1",
  );
  const results = `/cong-khai/ket-qua/${round.rows[0]?.id}-${slug(round.rows[0]?.name ?? '')}`;
  const papi = '/cong-khai/papi/2024';
  console.log(
    `${target.kind}: demo province and a published round ready in ${Math.round(performance.now() - seeded)} ms`,
  );

  const measured = await withPublicServer(database, async (base) => {
    const first = async (path: string) => {
      bumpDataVersion();
      const started = performance.now();
      const response = await fetch(`${base}${path}`, { headers: READER });
      const text = await response.text();
      if (!response.ok || !text) throw new Error(`${path}: ${response.status}`);
      return Math.round(performance.now() - started);
    };
    const rendered = async (path: string) => {
      const times: number[] = [];
      for (let i = 0; i < 30; i++) times.push(await first(path));
      return p95(times);
    };
    const check = await fetch(`${base}${results}`, { headers: READER });
    // fetch() decodes the body: the bytes sent are the header's.
    const bytes = Number(check.headers.get('content-length'));
    const decoded = (await check.arrayBuffer()).byteLength;
    if (!check.ok || check.headers.get('content-encoding') !== 'br')
      throw new Error(`results page: ${check.status} ${check.headers.get('content-encoding')}`);
    return {
      resultsFirstMs: await first(results),
      resultsRenderedP95Ms: await rendered(results),
      papiRenderedP95Ms: await rendered(papi),
      resultsCompressedBytes: bytes,
      resultsBytes: decoded,
      results: await cannon(`${base}${results}`, READER, duration, 50),
      papi: await cannon(`${base}${papi}`, READER, duration, 50),
    };
  });
  const barePort = await freePort();
  bare = spawn(process.execPath, ['bench/bare-server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(barePort) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`http://127.0.0.1:${barePort}/hello`, bare);
  const bareLoad = await cannon(`http://127.0.0.1:${barePort}/hello`, {}, duration, 50);
  const ratio = Math.round((measured.results.reqPerSec / bareLoad.reqPerSec) * 1000) / 1000;
  console.log(
    `results page ${results}: first answer ${measured.resultsFirstMs} ms, p95 rendered afresh ${measured.resultsRenderedP95Ms} ms, ${measured.resultsCompressedBytes} bytes sent (br) for ${measured.resultsBytes} bytes of HTML`,
  );
  console.log(
    `under load (50 readers, ${duration} s): ${measured.results.reqPerSec} req/s, p97.5 ${measured.results.p97_5Ms} ms, p99 ${measured.results.p99Ms} ms, errors ${measured.results.errors}, non-2xx ${measured.results.non2xx}`,
  );
  console.log(
    `PAPI page ${papi}: p95 rendered afresh ${measured.papiRenderedP95Ms} ms; under load ${measured.papi.reqPerSec} req/s, p99 ${measured.papi.p99Ms} ms`,
  );
  console.log(`bare GET /hello: ${bareLoad.reqPerSec} req/s; ratio ${ratio}`);
  const met =
    measured.results.p99Ms <= BUDGET_P99_MS && measured.results.errors === 0 && measured.results.non2xx === 0;
  console.log(`budget p99 ≤ ${BUDGET_P99_MS} ms with 50 readers: ${met ? 'met' : 'MISSED'}`);
  if (values.json)
    console.log(
      JSON.stringify({
        database: target.kind,
        connections: 50,
        resultsFirstMs: measured.resultsFirstMs,
        resultsRenderedP95Ms: measured.resultsRenderedP95Ms,
        resultsCompressedBytes: measured.resultsCompressedBytes,
        resultsBytes: measured.resultsBytes,
        reqPerSec: measured.results.reqPerSec,
        p97_5Ms: measured.results.p97_5Ms,
        p99Ms: measured.results.p99Ms,
        errors: measured.results.errors,
        non2xx: measured.results.non2xx,
        papiRenderedP95Ms: measured.papiRenderedP95Ms,
        papiReqPerSec: measured.papi.reqPerSec,
        papiP99Ms: measured.papi.p99Ms,
        bareReqPerSec: bareLoad.reqPerSec,
        ratio,
        budgetMet: met,
      }),
    );
  if (!met) process.exitCode = 1;
} finally {
  bare?.kill('SIGTERM');
  await database.close();
  await target.cleanup();
}

/** The product as installed (production mode, read caches on), anonymous: no session at all. */
async function withPublicServer<T>(db: Database, use: (base: string) => Promise<T>): Promise<T> {
  const config = loadConfig({
    NODE_ENV: 'production',
    CHISO_SECRET: randomBytes(24).toString('hex'),
    LOG_LEVEL: 'warn',
  });
  const app = await buildApp({ database: db, config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const address = app.server.address();
    return await use(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  } finally {
    await app.close();
  }
}
