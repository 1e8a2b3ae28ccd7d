import { spawnSync } from 'node:child_process';

/**
 * `npm run test:pg [-- files…]`: the server's tests on PostgreSQL (CHISO_TEST_PG, the local server by
 * default). Without files, every server test; with files, only those.
 */
const files = process.argv.slice(2);
const result = spawnSync('vitest', ['run', ...(files.length > 0 ? files : ['server'])], {
  stdio: 'inherit',
  env: {
    ...process.env,
    CHISO_TEST_PG: process.env.CHISO_TEST_PG || 'postgres://postgres@127.0.0.1:5432/test',
  },
});
process.exit(result.status ?? 1);
