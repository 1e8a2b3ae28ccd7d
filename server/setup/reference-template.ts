import { createHash } from 'node:crypto';
import {
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { mutate } from '../audit/audit-log.ts';
import { migrateDatabase, openDatabase } from '../db/engine.ts';
import { loadReferenceData, SYSTEM_ACTOR } from './initialise.ts';

/**
 * The embedded database's first start, prepared at install: `npm ci` (scripts/build.ts) creates a
 * PGlite data folder, migrates it and loads the reference data, and a first start on an empty data
 * folder copies it instead of running initdb, the migrations and the reference loaders (seconds on
 * two cores). The template carries no account, password or secret: those are made at the first start.
 * A stamp of everything it was made from (migrations, reference files, their loaders, the PGlite
 * version) guards it: a template made from other sources is not used, the start just does the work.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
export const TEMPLATE_DIR = join(ROOT, '.cache/pglite-template');
const STAMP_FILE = 'stamp';

const SOURCES = [
  'db/migrations',
  'reference/dvhc',
  'reference/papi',
  'reference/frameworks',
  'reference/indicators',
  'reference/surveys',
  'reference/disclosures',
  'server/setup/initialise.ts',
  'server/indicators/catalogue-loader.ts',
  'server/disclosures/catalogue-loader.ts',
  'node_modules/@electric-sql/pglite/package.json',
];

function addToHash(hash: ReturnType<typeof createHash>, path: string): void {
  if (!existsSync(path)) return;
  const entries = readdirSync(path, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) addToHash(hash, child);
    else {
      hash.update(child.slice(ROOT.length));
      hash.update(readFileSync(child));
    }
  }
}

/** SHA-256 over the sources the template is made from. */
export function templateStamp(): string {
  const hash = createHash('sha256');
  for (const source of SOURCES) {
    const path = join(ROOT, source);
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) addToHash(hash, path);
    else {
      hash.update(source);
      hash.update(readFileSync(path));
    }
  }
  return hash.digest('hex');
}

export function isTemplateCurrent(templateDir = TEMPLATE_DIR, stamp = templateStamp()): boolean {
  const file = join(templateDir, STAMP_FILE);
  return (
    existsSync(join(templateDir, 'pg', 'PG_VERSION')) &&
    existsSync(file) &&
    readFileSync(file, 'utf8') === stamp
  );
}

/** Makes the template (in a folder beside it, then renamed into place). */
export async function buildReferenceTemplate(templateDir = TEMPLATE_DIR): Promise<void> {
  const stamp = templateStamp();
  const building = `${templateDir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const database = await openDatabase({ dataDir: building });
  try {
    await migrateDatabase(database);
    await mutate({ db: database.db, actor: SYSTEM_ACTOR, ip: null }, async (tx, audit) => {
      const loaded = await loadReferenceData(tx);
      await audit({ action: 'system.reference_loaded', entityType: 'system', entityId: null, after: loaded });
    });
  } finally {
    await database.close();
  }
  rmSync(join(building, 'chiso.lock'), { force: true });
  writeFileSync(join(building, STAMP_FILE), stamp);
  rmSync(templateDir, { recursive: true, force: true });
  renameSync(building, templateDir);
}

/**
 * On an empty data folder, puts a copy of a current template's database there (copied beside it, then
 * renamed, so two starts on one folder never mix). Returns whether it did. The copy runs on libuv's
 * threads: the server's modules load meanwhile.
 */
export async function seedFromTemplate(dataDir: string, templateDir = TEMPLATE_DIR): Promise<boolean> {
  const pgDir = join(dataDir, 'pg');
  if (existsSync(join(pgDir, 'PG_VERSION'))) return false;
  if (existsSync(pgDir) && readdirSync(pgDir).length > 0) return false;
  if (!isTemplateCurrent(templateDir)) return false;
  mkdirSync(dataDir, { recursive: true });
  const copying = join(dataDir, `pg.copying-${process.pid}`);
  // Copy-on-write where the file system can (btrfs, XFS): then the copy costs nothing.
  await cp(join(templateDir, 'pg'), copying, { recursive: true, mode: constants.COPYFILE_FICLONE });
  try {
    // Onto a missing or empty folder only: another start that got there first keeps its copy.
    await rename(copying, pgDir);
    return true;
  } catch {
    await rm(copying, { recursive: true, force: true });
    return false;
  }
}
