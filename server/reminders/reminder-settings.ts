import {
  DEFAULT_REMINDER_SETTINGS,
  type ReminderSettings,
  reminderSettingsSchema,
} from '../../core/reports/reminders.ts';
import type { DbOrTx } from '../db/engine.ts';
import { readSetting, type SettingsContext, writeSetting } from '../db/settings.ts';

const KEY = 'reminders';

/** The installation's reminder settings, or the defaults until a coordinator saves some. */
export const getReminderSettings = (db: DbOrTx): Promise<ReminderSettings> =>
  readSetting(db, KEY, reminderSettingsSchema, DEFAULT_REMINDER_SETTINGS);

export async function saveReminderSettings(ctx: SettingsContext, input: ReminderSettings) {
  await writeSetting(ctx, KEY, await getReminderSettings(ctx.db), input);
  return input;
}
