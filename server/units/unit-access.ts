import { eq, type SQL } from 'drizzle-orm';
import { type Grant, hasPermissionOn, type Permission } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import { scopeCondition, unitScope } from '../auth/scope.ts';
import type { DbOrTx } from '../db/engine.ts';
import { units } from '../db/schema/index.ts';

/**
 * Who may read and change organisation units. A role granted on a unit reaches its subtree: units
 * outside it are "not found" (their existence is not told), units inside it that the user may only
 * read are "forbidden" to change.
 */
export type UnitContext = ServiceContext & { user: { grants: readonly Grant[] } };
export type UnitRow = typeof units.$inferSelect;

export function canReadUnit(user: UnitContext['user'], unitPath: string): boolean {
  return hasPermissionOn(user.grants, 'units.read', unitPath);
}

export function canChangeUnit(user: UnitContext['user'], unitPath: string): boolean {
  return hasPermissionOn(user.grants, 'units.write', unitPath);
}

/** Units inside the subtrees where the user holds `permission`, as a WHERE condition. */
export function unitsInScope(user: UnitContext['user'], permission: Permission): SQL {
  return scopeCondition(unitScope(user.grants, permission, units.path));
}

/** A unit by id, whatever its state, or a 404. */
export async function loadUnit(db: DbOrTx, id: number): Promise<UnitRow> {
  const [unit] = await db.select().from(units).where(eq(units.id, id));
  if (!unit) throw new AppError('NOT_FOUND', msg('Không tìm thấy đơn vị.', 'Unit not found.'));
  return unit;
}

/** A unit the user reads (else NOT_FOUND); `db` may be a transaction's connection. */
export async function assertReadsUnit(ctx: UnitContext, id: number, db: DbOrTx = ctx.db): Promise<UnitRow> {
  const unit = await loadUnit(db, id);
  if (!canReadUnit(ctx.user, unit.path))
    throw new AppError('NOT_FOUND', msg('Không tìm thấy đơn vị.', 'Unit not found.'));
  return unit;
}

/** A unit the user reads and may change (FORBIDDEN when only readable). */
export async function assertChangesUnit(ctx: UnitContext, id: number, db: DbOrTx = ctx.db): Promise<UnitRow> {
  const unit = await assertReadsUnit(ctx, id, db);
  if (!canChangeUnit(ctx.user, unit.path)) throw new AppError('FORBIDDEN');
  return unit;
}
