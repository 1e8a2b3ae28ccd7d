import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type Grant, hasInstallationPermission } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
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

/** Who changes settings: the settings hold for the whole installation, so whoever reviews reports at its root. */
export type SettingsContext = ServiceContext & { user: { grants: readonly Grant[] } };

/**
 * Saves a setting and its audit event (before and after) in one transaction. Every setting is
 * installation-wide (the calendar, holidays, reminders): refused to anyone not reviewing reports on
 * the root of the tree, here, so no caller can forget it.
 */
export async function writeSetting(ctx: SettingsContext, key: string, before: unknown, value: unknown) {
  if (!hasInstallationPermission(ctx.user.grants, 'reports.review'))
    throw new AppError('INSTALLATION_WIDE_ONLY');
  await mutate(ctx, async (tx, audit) => {
    const text = JSON.stringify(value);
    await tx
      .insert(settings)
      .values({ key, value: text })
      .onConflictDoUpdate({ target: settings.key, set: { value: text } });
    await audit({ action: `settings.${key}`, entityType: 'settings', entityId: key, before, after: value });
  });
}
