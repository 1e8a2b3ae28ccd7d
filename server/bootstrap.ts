import type { Config } from './config.ts';
import { type Database, migrateDatabase, openDatabase } from './db/engine.ts';
import { isDemoYearLoaded } from './setup/demo-year-state.ts';
import { formatCredentials, initialise } from './setup/initialise.ts';
import { seedFromTemplate } from './setup/reference-template.ts';
import { type TimeStep, untimed } from './setup/step-times.ts';

/**
 * What the server and every CLI command do first: open the database (PGlite in the data folder, or
 * DATABASE_URL), apply migrations, initialise an empty database (with the demo: its dossiers too), and
 * print new logins once. `time` measures each step (the server logs them).
 */
export async function openReadyDatabase(
  config: Config,
  print: (text: string) => void = console.log,
  time: TimeStep = untimed,
  /** The server (not a CLI command) also shows the demo's year in progress, loaded once. */
  options: { demoYear?: boolean } = {},
): Promise<Database> {
  // An empty embedded data folder starts from the install-time template (reference data loaded).
  if (!config.databaseUrl) await time('copy template', () => seedFromTemplate(config.dataDir));
  const database = await time('open database', () =>
    openDatabase({
      databaseUrl: config.databaseUrl,
      readUrl: config.databaseReadUrl,
      readMaxLagMs: config.readMaxLagMs,
      dataDir: config.dataDir,
    }),
  );
  try {
    await time('migrations', () => migrateDatabase(database));
    const credentials = await time('initialise', () =>
      initialise(database.db, { loadDemo: config.loadDemo, time }),
    );
    // A first start (it created the logins) with the demo: dossiers too, for the dashboards.
    if (credentials.length > 0 && config.loadDemoDossiers)
      await time('demo dossiers', async () => {
        // Loaded here only: a restart never needs the dossier importer before the server is up.
        const { loadDemoDossiers } = await import('./setup/demo-dossiers.ts');
        return loadDemoDossiers(database);
      });
    // And, for the server, a year in progress: a plan, the quarter's reports, assessment rounds. Loaded
    // once (also after a CLI command made the installation); a restart only sees that it is there.
    if (options.demoYear && config.loadDemoYear && !(await isDemoYearLoaded(database.db)))
      await time('demo year', async () => {
        const { loadDemoYearAtStart } = await import('./setup/demo-year.ts');
        print(await loadDemoYearAtStart(database.db, config));
      });
    const text = formatCredentials(credentials);
    if (text) print(text);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
