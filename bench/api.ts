import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { count, eq, sql } from 'drizzle-orm';
import { foldVietnamese } from '../core/text/vietnamese.ts';
import { hashPassword } from '../server/auth/passwords.ts';
import { type Database, migrateDatabase, openDatabase } from '../server/db/engine.ts';
import { roleGrants, units, users } from '../server/db/schema/index.ts';
import { initialise } from '../server/setup/initialise.ts';
import { benchDatabase } from './bench-database.ts';

/**
 * `npm run bench:api [-- --json --duration 10]`: 3,500 units and 200 users, then an authenticated
 * paged list of units under autocannon (50 connections) against a bare Fastify "hello" run beside it.
 * The embedded database by default; PostgreSQL when DATABASE_URL is set.
 */
const { values } = parseArgs({
  options: { json: { type: 'boolean' }, duration: { type: 'string', default: '10' } },
});
const duration = Number(values.duration);
const ROOT = new URL('..', import.meta.url).pathname;
const PASSWORD = 'Bench-mark-2026';
const log = (line: string) => console.log(line);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function seed(database: Database): Promise<void> {
  await migrateDatabase(database);
  await initialise(database.db, { loadDemo: true });
  const [province] = await database.db.select().from(units).where(eq(units.code, '33'));
  if (!province) throw new Error('demo province missing');
  const [existing] = await database.db.select({ n: count() }).from(units);
  const missing = 3500 - (existing?.n ?? 0);
  const batch = Array.from({ length: missing }, (_, i) => {
    const name = `Phòng chuyên môn số ${i + 1} – Đơn vị thử tải`;
    return {
      code: `BENCH.${i + 1}`,
      name,
      nameSearch: foldVietnamese(name),
      type: 'office',
      parentId: province.id,
      path: '/',
      validFrom: '2025-07-01',
    };
  });
  for (let i = 0; i < batch.length; i += 500) await database.db.insert(units).values(batch.slice(i, i + 500));
  await database.db
    .update(units)
    .set({ path: sql`${province.path} || ${units.id} || '/'` })
    .where(sql`${units.code} like 'BENCH.%'`);
  const passwordHash = await hashPassword(PASSWORD);
  const people = Array.from({ length: 200 }, (_, i) => ({
    username: `bench${i}`,
    fullName: `Người dùng ${i}`,
    fullNameSearch: `nguoi dung ${i}`,
    passwordHash,
  }));
  const created = await database.db.insert(users).values(people).returning({ id: users.id });
  const roles = ['coordinator', 'unit_reporter', 'unit_head', 'appraiser', 'leader'] as const;
  await database.db.insert(roleGrants).values(
    created.map((user, i) => ({
      userId: user.id,
      role: roles[i % roles.length] ?? 'leader',
      unitId: province.id,
    })),
  );
}

/** Worst event-loop delay seen by a 10 ms timer while the database runs a 1.5 s query. */
async function eventLoopLag(database: Database): Promise<number> {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  await database.pool.query('select pg_sleep(1.5)');
  clearInterval(timer);
  return Math.round(worst);
}

function spawnNode(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitFor(url: string, child: ChildProcess): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return Math.round(performance.now() - started);
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function load(url: string, headers: Record<string, string> = {}) {
  await autocannon({ url, connections: 10, duration: 2, headers });
  const result = await autocannon({ url, connections: 50, duration, headers });
  return {
    reqPerSec: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
try {
  const target = await benchDatabase();
  cleanups.push(target.cleanup);
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    CHISO_SECRET: randomBytes(24).toString('hex'),
    LOG_LEVEL: 'warn',
    ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : { CHISO_DATA_DIR: target.dataDir }),
  };
  const { kind } = target;

  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.CHISO_DATA_DIR ?? '' });
  await seed(database);
  const lagMs = await eventLoopLag(database);
  await database.close();
  log(
    `database: ${kind}; 3,500 units and 200 users loaded; event-loop lag during a 1.5 s query: ${lagMs} ms`,
  );

  /** Starts the product with `extra` settings, signs in, and loads the list endpoint. */
  async function runProduct(extra: Record<string, string>) {
    const productPort = await freePort();
    const product = spawnNode('server/main.ts', { ...env, ...extra, PORT: String(productPort) });
    children.push(product);
    const startupMs = await waitFor(`http://127.0.0.1:${productPort}/api/health`, product);
    const login = await fetch(`http://127.0.0.1:${productPort}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench0', password: PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const listUrl = `http://127.0.0.1:${productPort}/api/units?page=2&perPage=50&sort=name`;
    const check = await fetch(listUrl, { headers: { cookie } });
    if (!check.ok || ((await check.json()) as { total: number }).total < 3000)
      throw new Error(`list endpoint not ready: ${check.status}`);
    const result = await load(listUrl, { cookie });
    product.kill('SIGTERM');
    await new Promise((resolve) => product.once('exit', resolve));
    return { ...result, startupMs };
  }

  // As installed: sessions and list pages come from memory until data changes (server/db/read-cache.ts).
  const productResult = await runProduct({});
  log(`start-up on the existing data to a healthy /api/health: ${productResult.startupMs} ms`);
  // Every request to the database (session, then page and total): what a cache miss costs.
  const uncached = await runProduct({ CHISO_READ_CACHE_SECONDS: '0' });
  const { startupMs } = productResult;

  const barePort = await freePort();
  const bare = spawnNode('bench/bare-server.ts', { PORT: String(barePort) });
  children.push(bare);
  await waitFor(`http://127.0.0.1:${barePort}/hello`, bare);
  const bareResult = await load(`http://127.0.0.1:${barePort}/hello`);

  const ratio = Math.round((productResult.reqPerSec / bareResult.reqPerSec) * 1000) / 1000;
  log(
    `product  GET /api/units?page=2&perPage=50: ${productResult.reqPerSec} req/s, p99 ${productResult.p99Ms} ms, errors ${productResult.errors}, non-2xx ${productResult.non2xx}`,
  );
  log(
    `  without read caches (CHISO_READ_CACHE_SECONDS=0): ${uncached.reqPerSec} req/s, p99 ${uncached.p99Ms} ms, errors ${uncached.errors}, non-2xx ${uncached.non2xx}`,
  );
  log(`bare     GET /hello:                      ${bareResult.reqPerSec} req/s, p99 ${bareResult.p99Ms} ms`);
  log(`ratio ${ratio}`);
  if (values.json) {
    console.log(
      JSON.stringify({
        productReqPerSec: productResult.reqPerSec,
        bareReqPerSec: bareResult.reqPerSec,
        ratio,
        p99Ms: productResult.p99Ms,
        database: kind,
        startupMs,
        uncachedReqPerSec: uncached.reqPerSec,
        uncachedP99Ms: uncached.p99Ms,
        eventLoopLagMs: lagMs,
        errors: productResult.errors,
        non2xx: productResult.non2xx,
      }),
    );
  }
  process.exitCode =
    productResult.errors + productResult.non2xx + uncached.errors + uncached.non2xx > 0 ? 1 : 0;
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.race([
    Promise.all(
      children.map((child) =>
        child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null,
      ),
    ),
    new Promise((resolve) => setTimeout(resolve, 15_000)),
  ]);
  for (const cleanup of cleanups) await cleanup();
}
