import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type Grant, hasInstallationPermission, type Permission } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import { mutate, type ServiceContext } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import type { DbOrTx } from './engine.ts';
import { settings } from './schema/index.ts';
import { writeVersioned } from './versioned.ts';

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

/** The version of a setting the form shows (0: never saved, the defaults apply). */
export async function settingVersion(db: DbOrTx, key: string): Promise<number> {
  const [row] = await db.select({ version: settings.version }).from(settings).where(eq(settings.key, key));
  return row?.version ?? 0;
}

/** Who changes settings: the settings hold for the whole installation, so whoever reviews reports at its root. */
export type SettingsContext = ServiceContext & { user: { grants: readonly Grant[] } };

/**
 * Saves a setting and its audit event (before and after) in one transaction, only over the version
 * the editor read (a stale one is a 409 carrying the setting as it is now). Returns the new version.
 * Every setting is installation-wide (the calendar, holidays, reminders): refused to anyone not
 * holding `permission` (reviewing reports, unless the setting names its own) on the root of the
 * tree, here, so no caller can forget it.
 */
export async function writeSetting(
  ctx: SettingsContext,
  key: string,
  before: unknown,
  value: unknown,
  version: number,
  permission: Permission = 'reports.review',
): Promise<number> {
  if (!hasInstallationPermission(ctx.user.grants, permission)) throw new AppError('INSTALLATION_WIDE_ONLY');
  return mutate(ctx, async (tx, audit) => {
    const text = JSON.stringify(value);
    const row = await writeVersioned(tx, {
      table: settings,
      where: eq(settings.key, key),
      version,
      set: { value: text },
      insert: { key, value: text },
      actorId: ctx.actor.userId,
      at: nowOf(ctx),
      present: (stored) => parseStored(stored.value),
    });
    await audit({ action: `settings.${key}`, entityType: 'settings', entityId: key, before, after: value });
    return row.version;
  });
}

function parseStored(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
