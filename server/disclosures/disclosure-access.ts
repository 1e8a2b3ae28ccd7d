import { eq } from 'drizzle-orm';
import { hasInstallationPermission, hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { DbOrTx } from '../db/engine.ts';
import { disclosureObligations, disclosureRecords, units } from '../db/schema/index.ts';
import { assertReadsUnit } from '../units/unit-access.ts';

/**
 * Who may see and record a unit's disclosures: `disclosures.read` on the unit (its own people, the
 * province above, the leaders) reads them; `disclosures.record` on it records and corrects them. An
 * obligation the user cannot read is NOT_FOUND (its existence is not told); one read but not
 * recorded, FORBIDDEN. The catalogue is installation-wide: `disclosures.manage` at the root.
 */
export type DisclosureContext = ServiceContext & { user: SessionUser };
export type ObligationRow = typeof disclosureObligations.$inferSelect;
export type RecordRow = typeof disclosureRecords.$inferSelect;

export interface LoadedObligation {
  obligation: ObligationRow;
  unitName: string;
  unitPath: string;
  unitType: string;
}

export async function loadObligation(db: DbOrTx, id: number): Promise<LoadedObligation | null> {
  const [row] = await db
    .select({
      obligation: disclosureObligations,
      unitName: units.name,
      unitPath: units.path,
      unitType: units.type,
    })
    .from(disclosureObligations)
    .innerJoin(units, eq(units.id, disclosureObligations.unitId))
    .where(eq(disclosureObligations.id, id));
  return row ?? null;
}

export const canReadDisclosures = (user: SessionUser, unitPath: string) =>
  hasPermissionOn(user.grants, 'disclosures.read', unitPath);

export const canRecordDisclosures = (user: SessionUser, unitPath: string) =>
  hasPermissionOn(user.grants, 'disclosures.record', unitPath);

/** A unit's register (its quarter's list, its loudspeakers): NOT_FOUND to whoever does not read it. */
export async function assertReadsUnitRegister(ctx: DisclosureContext, unitId: number) {
  const unit = await assertReadsUnit(ctx, unitId);
  if (!canReadDisclosures(ctx.user, unit.path)) throw new AppError('NOT_FOUND');
  return unit;
}

export async function assertReadsObligation(ctx: DisclosureContext, id: number): Promise<LoadedObligation> {
  const row = await loadObligation(ctx.db, id);
  if (!row || !canReadDisclosures(ctx.user, row.unitPath)) throw new AppError('NOT_FOUND');
  return row;
}

export async function assertRecordsObligation(ctx: DisclosureContext, id: number): Promise<LoadedObligation> {
  const row = await assertReadsObligation(ctx, id);
  if (!canRecordDisclosures(ctx.user, row.unitPath)) throw new AppError('FORBIDDEN');
  return row;
}

/** A record and its obligation, for a user who records the obligation's unit. */
export async function assertRecordsRecord(ctx: DisclosureContext, recordId: number) {
  const [row] = await ctx.db
    .select({ obligationId: disclosureRecords.obligationId })
    .from(disclosureRecords)
    .where(eq(disclosureRecords.id, recordId));
  if (!row) throw new AppError('NOT_FOUND');
  return assertRecordsObligation(ctx, row.obligationId);
}

export function assertManagesCatalogue(ctx: DisclosureContext): void {
  if (!hasInstallationPermission(ctx.user.grants, 'disclosures.manage')) throw new AppError('FORBIDDEN');
}
