import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Committed migrations are never edited: each file of `db/migrations` (SQL and snapshots) and each entry
 * of its journal is recorded by SHA-256 in `db/migration-hashes.json`. New migrations are appended to
 * the list (`npm run db:generate` does it, `npm run db:hash` alone too); `npm run db:check` fails when a
 * recorded one changed or disappeared, or when one is not recorded. The list works without git history.
 */
export const MIGRATIONS_DIR = 'db/migrations';
export const HASHES_FILE = 'db/migration-hashes.json';
const JOURNAL = 'meta/_journal.json';

export type Hashes = Record<string, string>;

const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

/** The hash of every migration file and journal entry now in `dir` (the journal itself grows, so by entry). */
export function currentHashes(dir: string): Hashes {
  const hashes: Hashes = {};
  const files = [
    ...readdirSync(dir).filter((name) => name.endsWith('.sql')),
    ...(existsSync(join(dir, 'meta'))
      ? readdirSync(join(dir, 'meta'))
          .filter((name) => name.endsWith('_snapshot.json'))
          .map((name) => `meta/${name}`)
      : []),
  ];
  for (const file of files) hashes[file] = sha256(readFileSync(join(dir, file)));
  if (existsSync(join(dir, JOURNAL))) {
    const journal = JSON.parse(readFileSync(join(dir, JOURNAL), 'utf8')) as { entries: { tag: string }[] };
    for (const entry of journal.entries) hashes[`${JOURNAL}#${entry.tag}`] = sha256(JSON.stringify(entry));
  }
  return Object.fromEntries(Object.entries(hashes).sort(([a], [b]) => a.localeCompare(b)));
}

export interface HashComparison {
  /** Recorded, and now different: a committed migration was edited. */
  edited: string[];
  /** Recorded, and now gone. */
  removed: string[];
  /** Present, and not recorded yet: a new migration (`npm run db:hash` records it). */
  unrecorded: string[];
}

export function compareHashes(recorded: Hashes, current: Hashes): HashComparison {
  return {
    edited: Object.keys(recorded).filter((key) => key in current && current[key] !== recorded[key]),
    removed: Object.keys(recorded).filter((key) => !(key in current)),
    unrecorded: Object.keys(current).filter((key) => !(key in recorded)),
  };
}

export function readRecorded(root: string): Hashes {
  const path = join(root, HASHES_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Hashes) : {};
}

/** Why the migrations fail the check, one line each; empty when they pass. */
export function hashProblems(comparison: HashComparison): string[] {
  return [
    ...comparison.edited.map(
      (key) => `${key}: edited after it was committed (write a new migration instead)`,
    ),
    ...comparison.removed.map((key) => `${key}: recorded but missing`),
    ...comparison.unrecorded.map(
      (key) => `${key}: not recorded (run \`npm run db:hash\` and commit the list)`,
    ),
  ];
}

/**
 * Records the migrations not yet in the list and returns them; refuses (throws) when a recorded one was
 * edited or removed, so appending can never bless an edit.
 */
export function appendHashes(root: string): string[] {
  const recorded = readRecorded(root);
  const current = currentHashes(join(root, MIGRATIONS_DIR));
  const comparison = compareHashes(recorded, current);
  const refused = hashProblems({ ...comparison, unrecorded: [] });
  if (refused.length > 0) throw new Error(refused.join('\n'));
  if (comparison.unrecorded.length === 0) return [];
  const next = { ...recorded };
  for (const key of comparison.unrecorded) next[key] = current[key] ?? '';
  writeFileSync(join(root, HASHES_FILE), `${JSON.stringify(next, null, 2)}\n`);
  return comparison.unrecorded;
}
