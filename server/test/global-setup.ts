import { rmSync } from 'node:fs';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '../db/engine.ts';
import { initialise } from '../setup/initialise.ts';
import { TEMPLATE_DB, TEMPLATE_DIR, TEST_PG_URL } from './harness.ts';

/** Builds the template every integration test file copies: migrated, with the demo province. */
export default async function setup() {
  if (TEST_PG_URL) {
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    const stale = await admin.query(
      `select datname from pg_database where datname like 'chiso_t_%' or datname = $1`,
      [TEMPLATE_DB],
    );
    for (const row of stale.rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
    await admin.query(`create database ${TEMPLATE_DB}`);
    await admin.end();
    const url = new URL(TEST_PG_URL);
    url.pathname = `/${TEMPLATE_DB}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
    await migrateDatabase(database);
    await initialise(database.db, { loadDemo: true });
    await database.close();
    return;
  }
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  const database = await openDatabase({ dataDir: TEMPLATE_DIR });
  await migrateDatabase(database);
  await initialise(database.db, { loadDemo: true });
  await database.close();
}
