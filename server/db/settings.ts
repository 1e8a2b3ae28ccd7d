import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { mutate, type ServiceContext } from '../audit/audit-log.ts';
import type { DbOrTx } from './engine.ts';
import { settings } from './schema/index.ts';

/**
 * Installation settings kept as JSON under a key, read through the schema they were saved with: a
 * value edited by hand into nonsense falls back to the defaults instead of breaking the server.
 */
export async function readSetting<T>(db: DbOrTx, key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  if (!row) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** Saves a setting and its audit event (before and after) in one transaction. */
export async function writeSetting(ctx: ServiceContext, key: string, before: unknown, value: unknown) {
  await mutate(ctx, async (tx, audit) => {
    const text = JSON.stringify(value);
    await tx
      .insert(settings)
      .values({ key, value: text })
      .onConflictDoUpdate({ target: settings.key, set: { value: text } });
    await audit({ action: `settings.${key}`, entityType: 'settings', entityId: key, before, after: value });
  });
}
