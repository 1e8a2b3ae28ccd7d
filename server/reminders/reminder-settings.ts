import {
  DEFAULT_REMINDER_SETTINGS,
  type ReminderSettings,
  reminderSettingsSchema,
} from '../../core/reports/reminders.ts';
import type { DbOrTx } from '../db/engine.ts';
import { readSetting, type SettingsContext, settingVersion, writeSetting } from '../db/settings.ts';

const KEY = 'reminders';

/** The installation's reminder settings, or the defaults until a coordinator saves some. */
export const getReminderSettings = (db: DbOrTx): Promise<ReminderSettings> =>
  readSetting(db, KEY, reminderSettingsSchema, DEFAULT_REMINDER_SETTINGS);

/** The settings as their form shows them, with the version a save must carry. */
export async function reminderSettingsForm(db: DbOrTx) {
  return { ...(await getReminderSettings(db)), version: await settingVersion(db, KEY) };
}

export async function saveReminderSettings(
  ctx: SettingsContext,
  { version, ...input }: ReminderSettings & { version: number },
) {
  const saved = await writeSetting(ctx, KEY, await getReminderSettings(ctx.db), input, version);
  return { ...input, version: saved };
}
