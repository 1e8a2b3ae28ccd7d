import { eq, or, type SQL, sql } from 'drizzle-orm';
import { type Grant, hasPermissionOn, isWithin, type Permission, scopeRoots } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import { scopeCondition, unitScope } from '../auth/scope.ts';
import { loadGrants } from '../auth/sessions.ts';
import type { DbOrTx } from '../db/engine.ts';
import { units, users } from '../db/schema/index.ts';

/**
 * Who may see and manage accounts. An account belongs to the units its roles are granted on: an admin
 * of a subtree sees and manages the accounts whose every role lies inside it, and accounts with no
 * role yet (just created); an installation-wide admin, every account. An account outside is "not
 * found"; one the admin sees but may not manage (a role elsewhere too) is "forbidden".
 */
export type UserContext = ServiceContext & { user: { grants: readonly Grant[]; userId: number | null } };
export type UserRow = typeof users.$inferSelect;

function isInside(actor: readonly Grant[], permission: Permission, grants: { unitPath: string }[]): boolean {
  if (hasPermissionOn(actor, permission, '/')) return true;
  const roots = scopeRoots(actor, permission);
  return grants.every(
    (grant) => grant.unitPath !== '/' && roots.some((root) => isWithin(grant.unitPath, root)),
  );
}

/** Seen: no role yet, or a role inside the reader's scope. */
export function canReadUser(user: UserContext['user'], grants: { unitPath: string }[]): boolean {
  if (hasPermissionOn(user.grants, 'users.read', '/') || grants.length === 0) return true;
  const roots = scopeRoots(user.grants, 'users.read');
  return grants.some(
    (grant) => grant.unitPath !== '/' && roots.some((root) => isWithin(grant.unitPath, root)),
  );
}

export function canChangeUser(user: UserContext['user'], grants: { unitPath: string }[]): boolean {
  return isInside(user.grants, 'users.write', grants);
}

/** The accounts a user sees, as a WHERE condition on `users` (a role in scope, or no role at all). */
export function usersInScope(user: UserContext['user']): SQL | undefined {
  if (hasPermissionOn(user.grants, 'users.read', '/')) return undefined;
  const inScope = scopeCondition(unitScope(user.grants, 'users.read', units.path));
  return or(
    sql`exists (select 1 from role_grants g join units on units.id = g.unit_id where g.user_id = ${users.id} and (${inScope}))`,
    sql`not exists (select 1 from role_grants g where g.user_id = ${users.id})`,
  );
}

/** The account, if the user may manage it. */
export async function assertChangesUser(ctx: UserContext, db: DbOrTx, id: number): Promise<UserRow> {
  const [account] = await db.select().from(users).where(eq(users.id, id));
  if (!account) throw new AppError('NOT_FOUND', msg('Không tìm thấy tài khoản.', 'Account not found.'));
  const grants = await loadGrants(db, id);
  if (!canReadUser(ctx.user, grants))
    throw new AppError('NOT_FOUND', msg('Không tìm thấy tài khoản.', 'Account not found.'));
  if (!canChangeUser(ctx.user, grants)) throw new AppError('FORBIDDEN');
  return account;
}
