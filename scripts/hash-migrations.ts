import { appendHashes } from './migration-hashes.ts';

/** `npm run db:hash`: records new migrations in db/migration-hashes.json; refuses if a recorded one changed. */
const root = new URL('..', import.meta.url).pathname;
try {
  const added = appendHashes(root);
  console.log(added.length ? `Recorded: ${added.join(', ')}` : 'Every migration is already recorded.');
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
