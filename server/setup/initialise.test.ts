import { count } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit-service.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { type Database, migrateDatabase } from '../db/engine.ts';
import { adminAreas, units, users } from '../db/schema/index.ts';
import { openTestDatabase } from '../test/harness.ts';
import { initialise } from './initialise.ts';

let database: Database | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

async function freshDatabase(): Promise<Database> {
  database = await openTestDatabase({ empty: true });
  await migrateDatabase(database);
  return database;
}

describe('first start', () => {
  it('in production: the national unit list and one administrator, no demo data or demo accounts', async () => {
    const db = (await freshDatabase()).db;
    const credentials = await initialise(db, { loadDemo: false });
    expect(credentials.map((c) => c.username)).toEqual(['admin']);
    const [admin] = await db.select().from(users);
    expect(await verifyPassword(admin?.passwordHash ?? '', credentials[0]?.password ?? '')).toBe(true);
    // The printed password opens only the change-password screen.
    expect(admin?.mustChangePassword).toBe(true);
    expect((await db.select({ n: count() }).from(units))[0]?.n).toBe(0);
    const [areas] = await db.select({ n: count() }).from(adminAreas);
    expect(areas?.n).toBe(34 + 3321);
  }, 120_000);

  it('in development: the demo province and one account per role; a second start changes nothing', async () => {
    const db = (await freshDatabase()).db;
    const first = await initialise(db, { loadDemo: true });
    expect(first.map((c) => c.role).sort()).toEqual([
      'admin',
      'appraiser',
      'coordinator',
      'leader',
      'unit_head',
      'unit_reporter',
    ]);
    expect(new Set(first.map((c) => c.password)).size).toBe(first.length);
    // Demo accounts (development only) keep their printed passwords.
    expect((await db.select().from(users)).map((user) => user.mustChangePassword)).toEqual(
      first.map(() => false),
    );
    const [before] = await db.select({ n: count() }).from(units);
    expect(await initialise(db, { loadDemo: true })).toEqual([]);
    expect((await db.select({ n: count() }).from(units))[0]?.n).toBe(before?.n);
    expect((await db.select({ n: count() }).from(users))[0]?.n).toBe(6);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  }, 120_000);
});
