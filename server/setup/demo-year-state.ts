import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/engine.ts';
import { settings } from '../db/schema/index.ts';

/** The setting that records when the demo's year in progress was loaded (it is loaded once). */
export const DEMO_YEAR_KEY = 'demo_year_loaded_at';

/** Whether the demo year is there already: one read, without loading the services that make it. */
export async function isDemoYearLoaded(db: DbOrTx): Promise<boolean> {
  const [done] = await db.select({ key: settings.key }).from(settings).where(eq(settings.key, DEMO_YEAR_KEY));
  return done !== undefined;
}
