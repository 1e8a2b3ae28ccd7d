import { enableCompileCache } from 'node:module';

// `npm start`: V8's compiled code (and Node's stripped TypeScript) kept in .cache/node between starts,
// about a fifth of the start's CPU. Static imports would load before this line, hence the dynamic ones.
enableCompileCache(new URL('../.cache/node', import.meta.url).pathname);
const started = performance.now();
const { ConfigError, loadConfig } = await import('./config.ts');
const { DataFolderLockedError } = await import('./db/data-lock.ts');

try {
  const config = loadConfig();
  const { createStepTimes } = await import('./setup/step-times.ts');
  const { openReadyDatabase } = await import('./bootstrap.ts');
  const { steps, time } = createStepTimes();
  // The database opens (PGlite boots in its worker thread, on the other core) while the server's
  // modules load here; a failure is handled once the server awaits it.
  const opening = openReadyDatabase(config, console.log, time, { demoYear: true });
  opening.catch(() => {});
  const { serve } = await time('load server', () => import('./serve.ts'));
  await serve({ config, opening, steps, time, started });
} catch (error) {
  console.error(
    error instanceof ConfigError || error instanceof DataFolderLockedError ? error.message : error,
  );
  process.exit(1);
}
