import type { Config } from './config.ts';
import { type Database, migrateDatabase, openDatabase } from './db/engine.ts';
import { loadDemoDossiers } from './setup/demo-dossiers.ts';
import { loadDemoYearAtStart } from './setup/demo-year.ts';
import { formatCredentials, initialise } from './setup/initialise.ts';

/**
 * What the server and every CLI command do first: open the database (PGlite in the data folder, or
 * DATABASE_URL), apply migrations, initialise an empty database (with the demo: its dossiers too), and
 * print new logins once.
 */
export async function openReadyDatabase(
  config: Config,
  print: (text: string) => void = console.log,
): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
    const credentials = await initialise(database.db, { loadDemo: config.loadDemo });
    // A first start (it created the logins) with the demo: dossiers too, for the dashboards.
    if (credentials.length > 0 && config.loadDemoDossiers) await loadDemoDossiers(database);
    // And a year in progress: a plan, the quarter's reports, assessment rounds (logs its time).
    if (credentials.length > 0 && config.loadDemoYear) print(await loadDemoYearAtStart(database.db, config));
    const text = formatCredentials(credentials);
    if (text) print(text);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
