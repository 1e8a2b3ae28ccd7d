import { and, asc, desc, eq, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { createUserSchema, grantRoleSchema, updateUserSchema } from '../../core/auth/account-schemas.ts';
import type { UserView } from '../../core/auth/account-views.ts';
import { hasPermissionOn, type Role } from '../../core/auth/roles.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { type ListResult, parseSort } from '../../core/list.ts';
import { foldVietnamese, searchPattern } from '../../core/text/vietnamese.ts';
import { mutate, type ServiceContext } from '../audit/audit-log.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import { deleteUserSessions, loadGrants } from '../auth/sessions.ts';
import { accountKey, clearAttempts, lockedAccounts } from '../auth/sign-in-throttle.ts';
import { nowOf } from '../clock.ts';
import type { DbOrTx } from '../db/engine.ts';
import { countRows, listTotal, totalOver } from '../db/list-total.ts';
import { roleGrants, units, users } from '../db/schema/index.ts';
import { assertChangesUser, type UserContext, type UserRow, usersInScope } from './user-access.ts';
import { grantRefusal } from './user-import-service.ts';

/** What the audit trail records of an account: never the password hash. */
function auditedUser(user: UserRow) {
  return {
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    isActive: user.isActive,
    locale: user.locale,
  };
}

async function present(db: DbOrTx, rows: UserRow[]): Promise<UserView[]> {
  const ids = rows.map((row) => row.id);
  const grants = ids.length
    ? await db
        .select({
          id: roleGrants.id,
          userId: roleGrants.userId,
          role: roleGrants.role,
          unitId: roleGrants.unitId,
          unitName: units.name,
        })
        .from(roleGrants)
        .leftJoin(units, eq(units.id, roleGrants.unitId))
        .where(inArray(roleGrants.userId, ids))
        .orderBy(roleGrants.id)
    : [];
  const locks = await lockedAccounts(
    db,
    rows.map((row) => row.username),
  );
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    email: row.email,
    phone: row.phone,
    isActive: row.isActive,
    locale: row.locale === 'en' ? 'en' : 'vi',
    lockedUntil: locks.get(row.username)?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
    grants: grants
      .filter((grant) => grant.userId === row.id)
      .map((grant) => ({
        id: grant.id,
        role: grant.role as Role,
        unitId: grant.unitId,
        unitName: grant.unitName,
      })),
  }));
}

const SORT = {
  username: users.username,
  fullName: sql`${users.fullName} collate vi`,
  createdAt: users.createdAt,
} as const;

export async function findUsers(
  ctx: UserContext,
  query: { page: number; perPage: number; sort: string; q?: string | undefined },
): Promise<ListResult<UserView>> {
  const conditions: (SQL | undefined)[] = [usersInScope(ctx.user)];
  if (query.q) {
    const folded = searchPattern(query.q);
    conditions.push(
      or(like(users.username, folded), like(users.fullNameSearch, folded), like(users.email, folded)),
    );
  }
  const { field, direction } = parseSort(query.sort);
  const column = SORT[field as keyof typeof SORT] ?? SORT.username;
  const rows = await ctx.db
    .select({ user: users, total: totalOver() })
    .from(users)
    .where(and(...conditions))
    .orderBy(direction === 'asc' ? asc(column) : desc(column), asc(users.id))
    .limit(query.perPage)
    .offset((query.page - 1) * query.perPage);
  return {
    items: await present(
      ctx.db,
      rows.map((row) => row.user),
    ),
    page: query.page,
    perPage: query.perPage,
    total: await listTotal(rows, query, () =>
      ctx.db
        .select({ n: countRows() })
        .from(users)
        .where(and(...conditions)),
    ),
  };
}

export async function presentOne(db: DbOrTx, id: number): Promise<UserView> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  const [view] = await present(db, [row]);
  if (!view) throw new AppError('NOT_FOUND');
  return view;
}

export async function createUser(
  ctx: ServiceContext,
  input: z.output<typeof createUserSchema>,
): Promise<{ user: UserView; temporaryPassword?: string }> {
  const temporaryPassword = input.password ? undefined : generatePassword(input);
  const passwordHash = await hashPassword(input.password ?? temporaryPassword ?? '');
  return mutate(ctx, async (tx, audit) => {
    const [clash] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (clash)
      throw fieldError(
        'username',
        msg(
          `Tên đăng nhập "${input.username}" đã tồn tại.`,
          `The username "${input.username}" already exists.`,
        ),
      );
    const [created] = await tx
      .insert(users)
      .values({
        username: input.username,
        fullName: input.fullName,
        fullNameSearch: foldVietnamese(input.fullName),
        email: input.email,
        passwordHash,
        // Generated or typed by an administrator, the first password is known to someone else.
        mustChangePassword: true,
      })
      .returning();
    if (!created) throw new AppError('INTERNAL');
    await audit({
      action: 'user.created',
      entityType: 'user',
      entityId: created.id,
      after: auditedUser(created),
    });
    return { user: await presentOne(tx, created.id), ...(temporaryPassword ? { temporaryPassword } : {}) };
  });
}

export async function updateUser(
  ctx: UserContext,
  id: number,
  input: z.output<typeof updateUserSchema>,
): Promise<UserView> {
  return mutate(ctx, async (tx, audit) => {
    const user = await assertChangesUser(ctx, tx, id);
    if (user.version !== input.version) throw new AppError('CONFLICT');
    if (id === ctx.user.userId && !input.isActive)
      throw fieldError(
        'isActive',
        msg('Không thể tự vô hiệu hóa tài khoản của mình.', 'You cannot disable your own account.'),
      );
    const [updated] = await tx
      .update(users)
      .set({
        fullName: input.fullName,
        fullNameSearch: foldVietnamese(input.fullName),
        email: input.email,
        isActive: input.isActive,
        locale: input.locale,
        version: user.version + 1,
        updatedAt: nowOf(ctx),
      })
      .where(and(eq(users.id, id), eq(users.version, input.version)))
      .returning();
    if (!updated) throw new AppError('CONFLICT');
    if (!updated.isActive) await deleteUserSessions(tx, id);
    await audit({
      action: 'user.updated',
      entityType: 'user',
      entityId: id,
      before: auditedUser(user),
      after: auditedUser(updated),
    });
    return presentOne(tx, id);
  });
}

/** Sets a new temporary password, unlocks the account and ends its sessions; the password is shown once. */
export async function resetPassword(ctx: UserContext, id: number): Promise<{ temporaryPassword: string }> {
  // Read first (checked again inside the transaction) so the new password can be checked against the person.
  const [person] = await ctx.db
    .select({ username: users.username, fullName: users.fullName })
    .from(users)
    .where(eq(users.id, id));
  const temporaryPassword = generatePassword(person);
  const passwordHash = await hashPassword(temporaryPassword);
  await mutate(ctx, async (tx, audit) => {
    const user = await assertChangesUser(ctx, tx, id);
    await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: true,
        version: user.version + 1,
        updatedAt: nowOf(ctx),
      })
      .where(eq(users.id, id));
    await deleteUserSessions(tx, id);
    await clearAttempts(tx, accountKey(user.username));
    await audit({ action: 'user.password_reset', entityType: 'user', entityId: id });
  });
  return { temporaryPassword };
}

export async function grantRole(
  ctx: UserContext,
  id: number,
  input: z.output<typeof grantRoleSchema>,
): Promise<UserView> {
  return mutate(ctx, async (tx, audit) => {
    await assertChangesUser(ctx, tx, id);
    const [unit] = await tx.select().from(units).where(eq(units.id, input.unitId));
    if (!unit) throw fieldError('unitId', msg('Không tìm thấy đơn vị.', 'Unit not found.'));
    if (!hasPermissionOn(ctx.user.grants, 'users.write', unit.path))
      throw new AppError(
        'FORBIDDEN',
        msg(
          'Bạn chỉ được phân quyền trên đơn vị thuộc phạm vi của mình.',
          'You may grant roles only on units within your own scope.',
        ),
      );
    const refusal = grantRefusal(ctx.user.grants, unit.path, input.role);
    if (refusal) throw new AppError('FORBIDDEN', refusal.reason);
    if (unit.validTo)
      throw fieldError(
        'unitId',
        msg('Không thể phân quyền trên đơn vị đã giải thể.', 'Cannot grant a role on a dissolved unit.'),
      );
    const [existing] = await tx
      .select({ id: roleGrants.id })
      .from(roleGrants)
      .where(
        and(eq(roleGrants.userId, id), eq(roleGrants.role, input.role), eq(roleGrants.unitId, input.unitId)),
      );
    if (existing)
      throw new AppError(
        'DUPLICATE',
        msg(
          'Tài khoản đã có vai trò này trên đơn vị này.',
          'The account already has this role on this unit.',
        ),
      );
    const [grant] = await tx
      .insert(roleGrants)
      .values({ userId: id, role: input.role, unitId: input.unitId })
      .returning();
    await audit({
      action: 'user.role_granted',
      entityType: 'user',
      entityId: id,
      unitId: input.unitId,
      after: { grantId: grant?.id, role: input.role, unitId: input.unitId, unitName: unit.name },
    });
    return presentOne(tx, id);
  });
}

export async function revokeRole(ctx: UserContext, id: number, grantId: number): Promise<UserView> {
  return mutate(ctx, async (tx, audit) => {
    await assertChangesUser(ctx, tx, id);
    const [grant] = await tx
      .select({ id: roleGrants.id, role: roleGrants.role, unitId: roleGrants.unitId, path: units.path })
      .from(roleGrants)
      .leftJoin(units, eq(units.id, roleGrants.unitId))
      .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, id)));
    if (!grant) throw new AppError('NOT_FOUND', msg('Không tìm thấy vai trò.', 'Role not found.'));
    if (!hasPermissionOn(ctx.user.grants, 'users.write', grant.path ?? '/')) throw new AppError('FORBIDDEN');
    if (id === ctx.user.userId && grant.role === 'admin') {
      const admins = (await loadGrants(tx, id)).filter((own) => own.role === 'admin');
      if (admins.length <= 1)
        throw new AppError(
          'FORBIDDEN',
          msg(
            'Không thể tự gỡ vai trò quản trị cuối cùng của mình.',
            'You cannot remove your own last administrator role.',
          ),
        );
    }
    await tx.delete(roleGrants).where(eq(roleGrants.id, grantId));
    await audit({
      action: 'user.role_revoked',
      entityType: 'user',
      entityId: id,
      unitId: grant.unitId,
      before: { grantId, role: grant.role, unitId: grant.unitId },
    });
    return presentOne(tx, id);
  });
}
