import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appendHashes,
  compareHashes,
  currentHashes,
  HASHES_FILE,
  hashProblems,
  MIGRATIONS_DIR,
  readRecorded,
} from './migration-hashes.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project folder with one generated migration, as drizzle-kit lays it out. */
function project(): { root: string; dir: string; addMigration(tag: string, sql: string): void } {
  const root = mkdtempSync(join(tmpdir(), 'chiso-hashes-'));
  scratch.push(root);
  const dir = join(root, MIGRATIONS_DIR);
  mkdirSync(join(dir, 'meta'), { recursive: true });
  const entries: object[] = [];
  const addMigration = (tag: string, sql: string) => {
    writeFileSync(join(dir, `${tag}.sql`), sql);
    writeFileSync(join(dir, 'meta', `${tag.slice(0, 4)}_snapshot.json`), JSON.stringify({ id: tag }));
    entries.push({
      idx: entries.length,
      version: '7',
      when: 1795396222886 + entries.length,
      tag,
      breakpoints: true,
    });
    writeFileSync(
      join(dir, 'meta/_journal.json'),
      JSON.stringify({ version: '7', dialect: 'postgresql', entries }),
    );
  };
  addMigration('0000_init', 'create table a (id int);\n');
  return { root, dir, addMigration };
}

const check = (root: string) =>
  hashProblems(compareHashes(readRecorded(root), currentHashes(join(root, MIGRATIONS_DIR))));

describe('committed migrations are never edited', () => {
  it('the repository’s migrations match the hashes recorded when they were committed', () => {
    expect(check(ROOT)).toEqual([]);
  });

  it('records a new migration’s SQL, snapshot and journal entry, and passes the check after', () => {
    const { root } = project();
    expect(check(root)).toEqual([
      '0000_init.sql: not recorded (run `npm run db:hash` and commit the list)',
      'meta/_journal.json#0000_init: not recorded (run `npm run db:hash` and commit the list)',
      'meta/0000_snapshot.json: not recorded (run `npm run db:hash` and commit the list)',
    ]);
    expect(appendHashes(root)).toEqual([
      '0000_init.sql',
      'meta/_journal.json#0000_init',
      'meta/0000_snapshot.json',
    ]);
    expect(check(root)).toEqual([]);
    expect(appendHashes(root)).toEqual([]);
  });

  it('a second migration appends to the list and leaves the first one’s hashes as they were', () => {
    const { root, addMigration } = project();
    appendHashes(root);
    const first = readFileSync(join(root, HASHES_FILE), 'utf8');
    addMigration('0001_more', 'alter table a add column b int;\n');
    expect(appendHashes(root)).toEqual([
      '0001_more.sql',
      'meta/_journal.json#0001_more',
      'meta/0001_snapshot.json',
    ]);
    const recorded = readRecorded(root);
    for (const [key, hash] of Object.entries(JSON.parse(first) as Record<string, string>))
      expect(recorded[key]).toBe(hash);
    expect(check(root)).toEqual([]);
  });

  it('fails when a committed SQL file is edited, and db:hash refuses to record the edit', () => {
    const { root, dir } = project();
    appendHashes(root);
    appendFileSync(join(dir, '0000_init.sql'), 'drop table a;\n');
    expect(check(root)).toEqual([
      '0000_init.sql: edited after it was committed (write a new migration instead)',
    ]);
    expect(() => appendHashes(root)).toThrow('0000_init.sql: edited after it was committed');
  });

  it('fails when a committed journal entry is edited or a migration is removed', () => {
    const { root, dir } = project();
    appendHashes(root);
    const journalPath = join(dir, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
    journal.entries[0].when += 1;
    writeFileSync(journalPath, JSON.stringify(journal));
    rmSync(join(dir, 'meta/0000_snapshot.json'));
    expect(check(root)).toEqual([
      'meta/_journal.json#0000_init: edited after it was committed (write a new migration instead)',
      'meta/0000_snapshot.json: recorded but missing',
    ]);
  });
});
