import { eq } from 'drizzle-orm';
import { hasPermissionOn, type Permission } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { reports, units } from '../db/schema/index.ts';
import { loadUnit } from '../units/unit-access.ts';
import type { ReportContext } from './report-service.ts';

/**
 * Who may read and change periodic reports. A report belongs to its unit: read by anyone with
 * reports.read on the unit (its own people, the coordinators and leaders above it), drafted by its
 * reporters and head, each step taken with the permission the step names (submit, return, accept…).
 * A report or unit the user cannot read is NOT_FOUND, so its existence is not told; one the user
 * reads but may not change is FORBIDDEN.
 */
export function canReadReport(user: SessionUser, unitPath: string): boolean {
  return hasPermissionOn(user.grants, 'reports.read', unitPath);
}

export function canChangeReport(
  user: SessionUser,
  unitPath: string,
  permission: Permission = 'reports.write',
) {
  return hasPermissionOn(user.grants, permission, unitPath);
}

export async function assertReadsReport(ctx: ReportContext, id: number) {
  const [row] = await ctx.db
    .select({ report: reports, unitName: units.name, unitPath: units.path })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(eq(reports.id, id));
  if (!row || !canReadReport(ctx.user, row.unitPath)) throw new AppError('NOT_FOUND');
  return row;
}

/** The report, if the user may take this step on it (`reports.write` by default: drafting). */
export async function assertChangesReport(ctx: ReportContext, id: number, permission?: Permission) {
  const row = await assertReadsReport(ctx, id);
  if (!canChangeReport(ctx.user, row.unitPath, permission)) throw new AppError('FORBIDDEN');
  return row;
}

/** A unit whose reports the user reads (NOT_FOUND otherwise) and, given a permission, may act for. */
export async function assertReadsUnitReports(ctx: ReportContext, unitId: number, permission?: Permission) {
  const unit = await loadUnit(ctx.db, unitId);
  if (!canReadReport(ctx.user, unit.path)) throw new AppError('NOT_FOUND');
  if (permission && !canChangeReport(ctx.user, unit.path, permission)) throw new AppError('FORBIDDEN');
  return unit;
}
