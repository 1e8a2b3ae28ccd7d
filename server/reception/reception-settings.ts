import { hasInstallationPermission } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import { receptionSettingsSchema } from '../../core/reception/reception-schemas.ts';
import { DELEGATION_RULES, delegationAllowed } from '../../core/reception/schedule.ts';
import { todayOf } from '../clock.ts';
import type { DbOrTx } from '../db/engine.ts';
import { readSetting, type SettingsContext, settingVersion, writeSetting } from '../db/settings.ts';

/**
 * The province's reception settings (feedback.manage at the installation's root): whether a deputy may
 * receive in the head's stead. Unset, the dated default applies (core DELEGATION_RULES); every change
 * is audited with what it was before.
 */
const KEY = 'reception_settings';

export async function readReceptionSettings(db: DbOrTx) {
  return readSetting(db, KEY, receptionSettingsSchema, { delegation: null });
}

/** Whether a session on this day may be recorded as received by a deputy. */
export async function mayDelegate(db: DbOrTx, on: string) {
  return delegationAllowed(on, (await readReceptionSettings(db)).delegation);
}

function assertManages(ctx: SettingsContext) {
  if (!hasInstallationPermission(ctx.user.grants, 'feedback.manage'))
    throw new AppError('INSTALLATION_WIDE_ONLY');
}

export async function receptionSettingsForm(ctx: SettingsContext) {
  assertManages(ctx);
  const saved = await readReceptionSettings(ctx.db);
  return {
    ...saved,
    /** What applies today, and the dated defaults it falls back on. */
    today: delegationAllowed(todayOf(ctx), saved.delegation),
    defaults: DELEGATION_RULES,
    version: await settingVersion(ctx.db, KEY),
  };
}

export async function saveReceptionSettings(
  ctx: SettingsContext,
  input: { delegation: boolean | null; version: number },
) {
  assertManages(ctx);
  const before = await readReceptionSettings(ctx.db);
  await writeSetting(ctx, KEY, before, { delegation: input.delegation }, input.version, 'feedback.manage');
  return receptionSettingsForm(ctx);
}
