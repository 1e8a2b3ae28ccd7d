import { hasInstallationPermission, hasPermissionOn, type Permission } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { canReadIndicators, findUnit, type UnitRef } from '../indicators/indicator-access.ts';

export type SurveyContext = ServiceContext & { user: SessionUser };

/**
 * A unit's survey results are read with surveys.read on it (or on the unit carrying a closed unit's
 * figures today); paper forms entered with surveys.enter; responses held out with surveys.manage. A
 * unit the user cannot read is NOT_FOUND; one read but not changed, FORBIDDEN.
 */
export async function assertSurveyUnit(
  ctx: SurveyContext,
  unitId: number,
  permission: Permission = 'surveys.read',
): Promise<UnitRef> {
  const unit = await findUnit(ctx.db, unitId);
  if (!(await canReadIndicators(ctx, unit, 'surveys.read'))) throw new AppError('NOT_FOUND');
  if (permission !== 'surveys.read' && !hasPermissionOn(ctx.user.grants, permission, unit.path))
    throw new AppError('FORBIDDEN');
  return unit;
}

/** Questionnaires belong to the installation: changing them needs surveys.manage at its root. */
export function assertManagesSurveys(user: SessionUser): void {
  if (!hasInstallationPermission(user.grants, 'surveys.manage')) throw new AppError('FORBIDDEN');
}
