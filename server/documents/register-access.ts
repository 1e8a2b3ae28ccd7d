import { eq, type SQL } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import { scopeCondition, unitScope } from '../auth/scope.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { DbOrTx } from '../db/engine.ts';
import { issuedDocuments, units } from '../db/schema/index.ts';
import { loadUnit, type UnitRow } from '../units/unit-access.ts';

/**
 * Who keeps a unit's register of outgoing documents: documents.register on the unit's subtree (its
 * clerk and head, a coordinator or admin above). A unit the user keeps no register of is FORBIDDEN
 * (units are known by name to everyone); a record of such a unit is NOT_FOUND (its existence is not told).
 */
export type RegisterContext = ServiceContext & { user: SessionUser };

export const canKeepRegister = (user: SessionUser, unitPath: string) =>
  hasPermissionOn(user.grants, 'documents.register', unitPath);

/** The issuing unit, when the user keeps its register. */
export async function assertKeepsRegister(ctx: RegisterContext, unitId: number, db: DbOrTx = ctx.db) {
  const unit: UnitRow = await loadUnit(db, unitId);
  if (!canKeepRegister(ctx.user, unit.path)) throw new AppError('FORBIDDEN');
  return unit;
}

/** The units whose register the user keeps, for lists. */
export function registerScope(ctx: RegisterContext): SQL {
  return scopeCondition(unitScope(ctx.user.grants, 'documents.register', units.path));
}

/** One record of a register the user keeps, else NOT_FOUND. */
export async function assertReadsIssuedDocument(ctx: RegisterContext, id: number, db: DbOrTx = ctx.db) {
  const [row] = await db
    .select({ document: issuedDocuments, unitPath: units.path })
    .from(issuedDocuments)
    .innerJoin(units, eq(units.id, issuedDocuments.unitId))
    .where(eq(issuedDocuments.id, id));
  if (!row || !canKeepRegister(ctx.user, row.unitPath))
    throw new AppError('NOT_FOUND', msg('Không tìm thấy văn bản trong sổ.', 'Register entry not found.'));
  return row;
}
