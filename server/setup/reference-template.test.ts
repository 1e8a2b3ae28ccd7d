import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit-service.ts';
import { migrateDatabase, openDatabase } from '../db/engine.ts';
import { adminAreas, frameworks, users } from '../db/schema/index.ts';
import { TEST_PG_URL } from '../test/harness.ts';
import { initialise } from './initialise.ts';
import { buildReferenceTemplate, isTemplateCurrent, seedFromTemplate } from './reference-template.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const folder = () => {
  const path = mkdtempSync(join(tmpdir(), 'chiso-template-test-'));
  folders.push(path);
  return path;
};

// The template is the embedded engine's; a PostgreSQL server initialises in place.
describe.skipIf(TEST_PG_URL)('install-time template of the embedded database', () => {
  it('a first start copies it: reference data already there, accounts made then; a used or stale template is not copied', async () => {
    const template = join(folder(), 'template');
    await buildReferenceTemplate(template);
    expect(isTemplateCurrent(template)).toBe(true);

    const dataDir = folder();
    expect(await seedFromTemplate(dataDir, template)).toBe(true);
    const database = await openDatabase({ dataDir });
    try {
      await migrateDatabase(database);
      const [areas] = await database.db.select({ n: count() }).from(adminAreas);
      expect(areas?.n).toBe(34 + 3321);
      // No account in the template: the first start makes the administrator with a password of its own.
      expect((await database.db.select({ n: count() }).from(users))[0]?.n).toBe(0);
      const before = (await database.db.select({ n: count() }).from(frameworks))[0]?.n;
      const credentials = await initialise(database.db, { loadDemo: false });
      expect(credentials.map((c) => c.username)).toEqual(['admin']);
      expect((await database.db.select({ n: count() }).from(frameworks))[0]?.n).toBe(before);
      expect((await database.db.select({ n: count() }).from(adminAreas))[0]?.n).toBe(34 + 3321);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
    } finally {
      await database.close();
    }
    // The folder has a database now: never overwritten.
    expect(await seedFromTemplate(dataDir, template)).toBe(false);
    // A template made from other sources (a migration added since) is not used.
    writeFileSync(join(template, 'stamp'), 'other sources');
    expect(isTemplateCurrent(template)).toBe(false);
    expect(await seedFromTemplate(folder(), template)).toBe(false);
  }, 180_000);
});
