import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import type { Role } from '../../core/auth/roles.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { buildApp } from '../app.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Clock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/engine.ts';
import { bumpDataVersion } from '../db/read-cache.ts';
import { roleGrants, units, users } from '../db/schema/index.ts';

/**
 * Integration tests run against a real engine: PGlite by default, the PostgreSQL server named by
 * CHISO_TEST_PG (`npm run test:pg`). Each test file gets its own copy of a template database that
 * global-setup migrated and initialised with the demo province.
 */
export const TEST_PG_URL = process.env.CHISO_TEST_PG;

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where global-setup built this run's template (a folder, or a database name): unique per run. */
    templateDir: string;
    templateDb: string;
  }
}

/** A copy of the template (migrated, demo loaded), or with `empty` a database with nothing in it. */
export async function openTestDatabase(options: { empty?: boolean } = {}): Promise<Database> {
  if (TEST_PG_URL) {
    const name = `chiso_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(
      options.empty ? `create database ${name}` : `create database ${name} template ${inject('templateDb')}`,
    );
    await admin.end();
    const url = new URL(TEST_PG_URL);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
    return {
      ...database,
      close: async () => {
        await database.close();
        const cleanup = new pg.Client({ connectionString: TEST_PG_URL });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name}`);
        await cleanup.end();
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'chiso-test-'));
  if (!options.empty) cpSync(inject('templateDir'), dataDir, { recursive: true });
  const database = await openDatabase({ dataDir });
  return {
    ...database,
    close: async () => {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

/**
 * With `now`, the app's services read that clock (`fixedClock` from server/clock.ts) instead of the system's;
 * `env` adds settings (e.g. CHISO_TESSERACT pointing at a missing program).
 */
export async function createTestApp(
  options: { now?: Clock; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    CHISO_SECRET: 'test-secret-that-is-long-enough-0123456789',
    ...options.env,
  });
  const app = await buildApp({ database, config, ...(options.now && { now: options.now }) });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export const TEST_PASSWORD = 'Mat-khau-thu-2026';

let sequence = 0;

/** A user with the given roles, each on the unit with the given code (null: the whole installation). */
export async function buildUser(
  database: Database,
  grants: { role: Role; unitCode: string | null }[],
  overrides: { username?: string; password?: string; isActive?: boolean } = {},
): Promise<{ id: number; username: string; password: string }> {
  sequence += 1;
  const username = overrides.username ?? `user${process.pid}x${sequence}`;
  const password = overrides.password ?? TEST_PASSWORD;
  const [user] = await database.db
    .insert(users)
    .values({
      username,
      fullName: `Người dùng thử ${sequence}`,
      fullNameSearch: foldVietnamese(`Người dùng thử ${sequence}`),
      passwordHash: await hashPassword(password),
      isActive: overrides.isActive ?? true,
    })
    .returning();
  if (!user) throw new Error('buildUser failed');
  for (const grant of grants) {
    const unitId = grant.unitCode === null ? null : await unitIdByCode(database, grant.unitCode);
    await database.db.insert(roleGrants).values({ userId: user.id, role: grant.role, unitId });
  }
  // Written around the audited path, so read caches are told here.
  bumpDataVersion();
  return { id: user.id, username, password };
}

/** The active unit with this code (demo: "33" the province, "33.SNV" Sở Nội vụ, "11953" Phường Phố Hiến). */
export async function unitIdByCode(database: Database, code: string): Promise<number> {
  const rows = await database.db.select().from(units).where(eq(units.code, code));
  const unit = rows.find((row) => row.validTo === null) ?? rows[0];
  if (!unit) throw new Error(`no unit with code ${code}`);
  return unit.id;
}

export interface Session {
  cookie: string;
  csrf: string;
  /** Sends a request as this user, with the CSRF header on writes. */
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<{ status: number; json: any; body: string; headers: Record<string, unknown> }>;
  /** Posts one file as multipart/form-data (field "file"), with the form's text fields before it, as this user. */
  upload(
    url: string,
    fileName: string,
    content: Buffer,
    options?: { fields?: Record<string, string>; method?: 'POST' | 'PUT' },
  ): Promise<{ status: number; json: any }>;
}

/** `headers` go with every request of the session (e.g. `x-chiso-locale`, the page's language). */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
  headers: Record<string, string> = {},
): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    headers,
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const setCookie = [response.headers['set-cookie']].flat()[0] ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  const csrf = response.json().csrfToken as string;
  return {
    cookie,
    csrf,
    request: async (method, url, body) => {
      const reply = await app.inject({
        method,
        url,
        headers: { ...headers, cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      let json: unknown = null;
      try {
        json = reply.json();
      } catch {}
      return { status: reply.statusCode, json, body: reply.body, headers: reply.headers };
    },
    upload: async (url, fileName, content, options = {}) => {
      const boundary = '----chisotest';
      const fields = Object.entries(options.fields ?? {}).map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      );
      const payload = Buffer.concat([
        Buffer.from(fields.join('')),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const reply = await app.inject({
        method: options.method ?? 'POST',
        url,
        headers: {
          ...headers,
          cookie,
          'x-csrf-token': csrf,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload,
      });
      return { status: reply.statusCode, json: reply.json() };
    },
  };
}
