import { eq } from 'drizzle-orm';
import {
  DEFAULT_REMINDER_SETTINGS,
  type ReminderSettings,
  reminderSettingsSchema,
} from '../../core/reports/reminders.ts';
import { mutate, type ServiceContext } from '../audit/audit-log.ts';
import type { DbOrTx } from '../db/engine.ts';
import { settings } from '../db/schema/index.ts';

const KEY = 'reminders';

/** The installation's reminder settings, or the defaults until a coordinator saves some. */
export async function getReminderSettings(db: DbOrTx): Promise<ReminderSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
  if (!row) return DEFAULT_REMINDER_SETTINGS;
  // Saved through the same schema; a value edited by hand into nonsense falls back to the defaults.
  const parsed = reminderSettingsSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_REMINDER_SETTINGS;
}

export async function saveReminderSettings(ctx: ServiceContext, input: ReminderSettings) {
  const before = await getReminderSettings(ctx.db);
  await mutate(ctx, async (tx, audit) => {
    const value = JSON.stringify(input);
    await tx
      .insert(settings)
      .values({ key: KEY, value })
      .onConflictDoUpdate({ target: settings.key, set: { value } });
    await audit({
      action: 'settings.reminders',
      entityType: 'settings',
      entityId: KEY,
      before,
      after: input,
    });
  });
  return input;
}
