import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../db/engine.ts';
import { initialise } from '../setup/initialise.ts';
import { TEST_PG_URL } from './harness.ts';

/**
 * Builds the template every integration test file copies: migrated, with the demo province. Its name
 * is unique to this run, so runs on the same machine (CI beside a developer's tests) never collide.
 */
export default async function setup(project: TestProject) {
  const templateDb = `chiso_tpl_${process.pid}_${Date.now().toString(36)}`;
  const templateDir = mkdtempSync(join(tmpdir(), 'chiso-test-template-'));
  project.provide('templateDb', templateDb);
  project.provide('templateDir', templateDir);
  if (TEST_PG_URL) {
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create database ${templateDb}`);
    await admin.end();
    const url = new URL(TEST_PG_URL);
    url.pathname = `/${templateDb}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
    await migrateDatabase(database);
    await initialise(database.db, { loadDemo: true });
    await database.close();
  } else {
    const database = await openDatabase({ dataDir: templateDir });
    await migrateDatabase(database);
    await initialise(database.db, { loadDemo: true });
    await database.close();
  }
  return async () => {
    rmSync(templateDir, { recursive: true, force: true });
    if (!TEST_PG_URL) return;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${templateDb} with (force)`);
    await admin.end();
  };
}
