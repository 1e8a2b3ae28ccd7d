import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compareHashes,
  currentHashes,
  hashProblems,
  MIGRATIONS_DIR,
  readRecorded,
} from './migration-hashes.ts';

/**
 * Fails when a committed migration was edited (its SHA-256 differs from db/migration-hashes.json), or when
 * the Drizzle schema has changes that no committed migration carries (schema/migration drift).
 */
const root = new URL('..', import.meta.url).pathname;
const problems = hashProblems(compareHashes(readRecorded(root), currentHashes(join(root, MIGRATIONS_DIR))));
if (problems.length > 0) {
  console.error(`Committed migrations must not change:\n${problems.join('\n')}`);
  process.exit(1);
}
const scratch = mkdtempSync(join(tmpdir(), 'chiso-drift-'));
try {
  cpSync(join(root, 'db/migrations'), scratch, { recursive: true });
  const before = readdirSync(scratch).length;
  execFileSync(
    join(root, 'node_modules/.bin/drizzle-kit'),
    [
      'generate',
      '--dialect',
      'postgresql',
      '--schema',
      './server/db/schema/index.ts',
      '--out',
      scratch,
      '--casing',
      'snake_case',
      '--name',
      'drift',
    ],
    { cwd: root, stdio: 'pipe' },
  );
  const added = readdirSync(scratch).length - before;
  if (added > 0) {
    console.error(
      'The schema differs from the migrations: run `npm run db:generate -- --name <concern>` and commit the result.',
    );
    process.exit(1);
  }
  console.log('Migrations match the schema.');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
