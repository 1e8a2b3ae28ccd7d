import { eq, like, type SQL } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import { scopeCondition, unitScope } from '../auth/scope.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { DbOrTx } from '../db/engine.ts';
import { receptionEntries, receptionRules, receptionSessions, units } from '../db/schema/index.ts';
import { loadUnit } from '../units/unit-access.ts';

/**
 * Who may see and act on a unit's reception days and register, scoped exactly as feedback is: staff
 * with feedback.read on the unit (its own people, the province above) read its rules, sessions and
 * register; feedback.handle on it records. The register holds personal data (names, ID numbers,
 * denouncers): a record the user cannot read is NOT_FOUND (its existence is not told); one read but not
 * handled, FORBIDDEN. Nothing of the register is ever public.
 */
export type ReceptionContext = ServiceContext & { user: SessionUser };
export type Access = 'read' | 'handle';

export function assertOnUnitPath(ctx: ReceptionContext, path: string, access: Access) {
  if (!hasPermissionOn(ctx.user.grants, 'feedback.read', path)) throw new AppError('NOT_FOUND');
  if (access === 'handle' && !hasPermissionOn(ctx.user.grants, 'feedback.handle', path))
    throw new AppError('FORBIDDEN');
}

/** A unit whose reception the user reads (or handles), else NOT_FOUND / FORBIDDEN. */
export async function assertUnit(ctx: ReceptionContext, unitId: number, access: Access) {
  const unit = await loadUnit(ctx.db, unitId).catch(() => {
    throw new AppError('NOT_FOUND');
  });
  assertOnUnitPath(ctx, unit.path, access);
  return unit;
}

/** Units under the user's feedback.read subtrees, on a unit path column (for lists). */
export function readableUnits(ctx: ReceptionContext, path = units.path): SQL {
  return scopeCondition(unitScope(ctx.user.grants, 'feedback.read', path));
}

/** Within one unit's subtree, when a list is asked for a unit. */
export const underUnit = (path: string): SQL => like(units.path, `${path}%`);

const notFound = (what: { vi: string; en: string }) => new AppError('NOT_FOUND', what);

export async function loadRule(ctx: ReceptionContext, id: number, access: Access, db: DbOrTx = ctx.db) {
  const [row] = await db
    .select({ rule: receptionRules, unitPath: units.path, unitName: units.name })
    .from(receptionRules)
    .innerJoin(units, eq(units.id, receptionRules.unitId))
    .where(eq(receptionRules.id, id));
  if (!row) throw notFound(msg('Không tìm thấy lịch tiếp định kỳ.', 'Reception rule not found.'));
  assertOnUnitPath(ctx, row.unitPath, access);
  return row;
}

export async function loadSession(ctx: ReceptionContext, id: number, access: Access, db: DbOrTx = ctx.db) {
  const [row] = await db
    .select({ session: receptionSessions, unitPath: units.path, unitName: units.name, unitCode: units.code })
    .from(receptionSessions)
    .innerJoin(units, eq(units.id, receptionSessions.unitId))
    .where(eq(receptionSessions.id, id));
  if (!row) throw notFound(msg('Không tìm thấy buổi tiếp công dân.', 'Reception session not found.'));
  assertOnUnitPath(ctx, row.unitPath, access);
  return row;
}

export async function loadEntry(ctx: ReceptionContext, id: number, access: Access, db: DbOrTx = ctx.db) {
  const [row] = await db
    .select({
      entry: receptionEntries,
      unitPath: units.path,
      unitName: units.name,
      unitCode: units.code,
      unitType: units.type,
    })
    .from(receptionEntries)
    .innerJoin(units, eq(units.id, receptionEntries.unitId))
    .where(eq(receptionEntries.id, id));
  if (!row) throw notFound(msg('Không tìm thấy dòng sổ tiếp công dân.', 'Register entry not found.'));
  assertOnUnitPath(ctx, row.unitPath, access);
  return row;
}
