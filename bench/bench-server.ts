import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import { type Framework, walkCriteria } from '../core/frameworks/framework.ts';
import { buildApp } from '../server/app.ts';
import { hashPassword } from '../server/auth/passwords.ts';
import { loadConfig } from '../server/config.ts';
import type { Database } from '../server/db/engine.ts';

const PASSWORD = 'Bench-mark-2026';

/** A coordinator (or `role`) of the unit for the benchmark to sign in as. */
export async function createBenchUser(
  database: Database,
  /** null: the whole installation. */
  unitId: number | null,
  role = 'coordinator',
): Promise<void> {
  const user = await database.pool.query<{ id: number }>(
    `insert into users (username, full_name, full_name_search, password_hash)
     values ('bench', 'Thử tải', 'thu tai', $1) returning id`,
    [await hashPassword(PASSWORD)],
  );
  await database.pool.query('insert into role_grants (user_id, role, unit_id) values ($1, $2, $3)', [
    user.rows[0]?.id,
    role,
    unitId,
  ]);
}

/**
 * The product as installed (production mode; the read cache as given, 0 = off) on a free loopback
 * port, signed in as the bench user: `fetchAs(path)` requests with the session cookie.
 */
export async function withBenchServer<T>(
  database: Database,
  cacheSeconds: number,
  use: (
    fetchAs: (path: string) => Promise<Response>,
    session: { base: string; cookie: string },
  ) => Promise<T>,
): Promise<T> {
  const config = loadConfig({
    NODE_ENV: 'production',
    CHISO_SECRET: randomBytes(24).toString('hex'),
    LOG_LEVEL: 'warn',
    CHISO_READ_CACHE_SECONDS: String(cacheSeconds),
  });
  const app = await buildApp({ database, config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return await use((path) => fetch(`${base}${path}`, { headers: { cookie } }), { base, cookie });
  } finally {
    await app.close();
  }
}

/** The 95th percentile of a list of times, rounded to the millisecond. */
export function p95(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0);
}

/** A published round of the demo commune framework over the province's communes, every leaf scored. */
export async function seedPublishedRound(db: Database): Promise<number> {
  const { pool } = db;
  const province = await pool.query<{ id: number }>(
    "select id from units where code = '33' and valid_to is null",
  );
  const provinceId = province.rows[0]?.id ?? 0;
  const framework = await pool.query<{ id: number; definition: Framework }>(
    "select id, definition from frameworks where code = 'HY_CCHC_XA' order by id desc limit 1",
  );
  const row = framework.rows[0];
  if (!row) throw new Error('the demo commune framework is missing');
  const leaves = walkCriteria(row.definition.criteria)
    .filter(({ criterion }) => !criterion.children?.length)
    .map(({ criterion }) => criterion.code);
  const round = await pool.query<{ id: number }>(
    `insert into assessment_rounds (framework_id, owner_unit_id, name, year, stage, deadlines, bonus_cap, penalty_cap, published_at)
     values ($1, $2, 'Đánh giá CCHC cấp xã năm 2026 (thử tải)', 2026, 'published', '{}', 3, 5, now()) returning id`,
    [row.id, provinceId],
  );
  const roundId = round.rows[0]?.id ?? 0;
  await pool.query(
    `insert into round_units (round_id, unit_id, self_submitted_at)
     select $1, id, now() from units where parent_id = $2 and type = 'commune' and valid_to is null`,
    [roundId, provinceId],
  );
  await pool.query(
    `insert into round_scores (round_id, unit_id, criterion_code, self_score)
     select $1, u.unit_id, c, ((u.unit_id * 7 + length(c) * 13) % 5) / 4.0
     from round_units u cross join unnest($2::text[]) c where u.round_id = $1`,
    [roundId, leaves],
  );
  return provinceId;
}

/** autocannon for `duration` seconds after a 2 s warm-up: req/s, p97.5 and p99, errors. */
export async function cannon(
  url: string,
  headers: Record<string, string>,
  duration: number,
  connections = 10,
) {
  await autocannon({ url, connections, duration: 2, headers });
  const result = await autocannon({ url, connections, duration, headers });
  return {
    reqPerSec: Math.round(result.requests.average),
    p97_5Ms: result.latency.p97_5,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Until `url` answers 200 (or the process died). */
export async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
