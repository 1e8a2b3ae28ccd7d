import { eq } from 'drizzle-orm';
import { type Grant, hasInstallationPermission, hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { dossiers, procedures, units } from '../db/schema/index.ts';
import { attributeClosed, type IndicatorContext } from '../indicators/indicator-access.ts';

/**
 * Who may read and change dossiers and their column mappings. A dossier belongs to its unit (or, for a
 * merged unit, to the unit carrying its figures today): read with indicators.read there, changed (its
 * apology letter) by the unit's coordinators and importers. Unreadable is NOT_FOUND, read-only FORBIDDEN.
 */
export function canReadDossier(user: SessionUser, paths: readonly string[]): boolean {
  return paths.some((path) => hasPermissionOn(user.grants, 'indicators.read', path));
}

export function canChangeDossier(user: SessionUser, paths: readonly string[]): boolean {
  return paths.some(
    (path) =>
      hasPermissionOn(user.grants, 'indicators.manage', path) ||
      hasPermissionOn(user.grants, 'dossiers.import', path),
  );
}

/**
 * Mappings are installation-wide: every later file of the same layout, anyone's, is read through them.
 * So only someone importing for the whole installation changes them; a commune's mapping serves its
 * own import and is not kept (per-unit mappings would let one layout read differently by who uploads).
 */
export function canChangeDossierMappings(grants: readonly Grant[]): boolean {
  return hasInstallationPermission(grants, 'dossiers.import');
}

/** A dossier the user may change, with its unit and procedure name: NOT_FOUND if unreadable, FORBIDDEN if read-only. */
export async function assertChangesDossier(ctx: IndicatorContext, code: string) {
  const [dossier] = await ctx.db
    .select({ dossier: dossiers, unit: units, procedureName: procedures.name })
    .from(dossiers)
    .innerJoin(units, eq(units.id, dossiers.unitId))
    .leftJoin(procedures, eq(procedures.code, dossiers.procedureCode))
    .where(eq(dossiers.code, code));
  if (!dossier) throw new AppError('NOT_FOUND', msg('Không tìm thấy hồ sơ.', 'Dossier not found.'));
  // A dossier of a merged unit is managed by whoever manages the unit that carries it today.
  const current = dossier.unit.validTo
    ? (await attributeClosed(ctx.db, [dossier.dossier.unitId])).get(dossier.dossier.unitId)
    : null;
  const paths = [dossier.unit.path, current?.path].filter((path) => path !== undefined);
  if (!canReadDossier(ctx.user, paths))
    throw new AppError('NOT_FOUND', msg('Không tìm thấy hồ sơ.', 'Dossier not found.'));
  if (!canChangeDossier(ctx.user, paths)) throw new AppError('FORBIDDEN');
  return dossier;
}
