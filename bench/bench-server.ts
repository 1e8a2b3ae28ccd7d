import { randomBytes } from 'node:crypto';
import { buildApp } from '../server/app.ts';
import { hashPassword } from '../server/auth/passwords.ts';
import { loadConfig } from '../server/config.ts';
import type { Database } from '../server/db/engine.ts';

const PASSWORD = 'Bench-mark-2026';

/** A coordinator (or `role`) of the unit for the benchmark to sign in as. */
export async function createBenchUser(
  database: Database,
  unitId: number,
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
