import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { appendHashes } from './migration-hashes.ts';

/**
 * `npm run db:generate -- --name <concern>`: drizzle-kit generates the migration from the schema, then
 * the new files are recorded in db/migration-hashes.json — one command, both committed together.
 */
const root = new URL('..', import.meta.url).pathname;
execFileSync(join(root, 'node_modules/.bin/drizzle-kit'), ['generate', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
const added = appendHashes(root);
if (added.length) console.log(`Recorded in db/migration-hashes.json: ${added.join(', ')}`);
