import { readFileSync } from 'node:fs';
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

  it('in development: the demo province and one account per role (a clerk at Sở Nội vụ and at a ward); a second start changes nothing', async () => {
    const db = (await freshDatabase()).db;
    const first = await initialise(db, { loadDemo: true });
    expect(first.map((c) => c.role).sort()).toEqual([
      'admin',
      'appraiser',
      'clerk',
      'clerk',
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
    expect((await db.select({ n: count() }).from(users))[0]?.n).toBe(8);
    expect(first.filter((c) => c.role === 'clerk').map((c) => [c.username, c.unitName])).toEqual([
      ['vanthu.snv', 'Sở Nội vụ'],
      ['vanthu.phohien', 'Phường Phố Hiến'],
    ]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  }, 120_000);

  it('on an upgrade: a stored framework version gets the suggested remediation texts it lacks, audited', async () => {
    const database = await freshDatabase();
    await initialise(database.db, { loadDemo: false });
    const { pool } = database;
    // As an installation from before the texts: PAR.3 had none; PAR.2 has the coordinator's own.
    await pool.query(`update frameworks set definition = jsonb_set(
        jsonb_set(definition, '{criteria,2}', (definition #> '{criteria,2}') - 'remediation'),
        '{criteria,1,remediation}', '{"fullMarks": "Của tỉnh", "action": "Việc của tỉnh"}')
      where code = 'PAR_INDEX'`);
    expect(await initialise(database.db, { loadDemo: false })).toEqual([]);
    const definition = (
      await pool.query<{ definition: { criteria: { code: string; remediation?: { action: string } }[] } }>(
        "select definition from frameworks where code = 'PAR_INDEX'",
      )
    ).rows[0]?.definition;
    const shipped = JSON.parse(
      readFileSync(new URL('../../reference/frameworks/PAR_INDEX-2022.json', import.meta.url), 'utf8'),
    );
    expect(definition?.criteria[2]?.remediation).toEqual(shipped.criteria[2].remediation);
    expect(definition?.criteria[1]?.remediation?.action).toBe('Việc của tỉnh');
    const started = (
      await pool.query<{ after: { frameworkTextsAdded: string[] } }>(
        "select after from audit_events where action = 'system.started' order by seq desc limit 1",
      )
    ).rows[0];
    expect(started?.after.frameworkTextsAdded).toEqual(['PAR_INDEX/2022']);
    // A third start has nothing to add.
    await initialise(database.db, { loadDemo: false });
    expect(
      (
        await pool.query<{ after: { frameworkTextsAdded: string[] } }>(
          "select after from audit_events where action = 'system.started' order by seq desc limit 1",
        )
      ).rows[0]?.after.frameworkTextsAdded,
    ).toEqual([]);
  }, 120_000);
});
