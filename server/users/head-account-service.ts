import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { headAccountSchema } from '../../core/auth/account-schemas.ts';
import type { UserView } from '../../core/auth/account-views.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { units, users } from '../db/schema/index.ts';
import type { UserContext } from './user-access.ts';
import { createAccounts, grantRefusal } from './user-import-service.ts';
import { presentOne } from './user-service.ts';

/**
 * "Tạo tài khoản cho thủ trưởng": an account with the unit-head role on the unit, made like one row of
 * an account import (temporary password shown once, changed at first sign-in).
 */
export async function createHeadAccount(
  ctx: UserContext,
  unitId: number,
  input: z.output<typeof headAccountSchema>,
): Promise<{ user: UserView; temporaryPassword: string }> {
  const [unit] = await ctx.db
    .select({ id: units.id, code: units.code, name: units.name, path: units.path })
    .from(units)
    .where(and(eq(units.id, unitId), isNull(units.validTo)));
  if (!unit)
    throw new AppError('NOT_FOUND', msg('Không tìm thấy đơn vị đang hoạt động.', 'No active unit found.'));
  const refusal = grantRefusal(ctx.user.grants, unit.path, 'unit_head');
  if (refusal) throw new AppError('FORBIDDEN', refusal.reason);
  const [clash] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (clash)
    throw fieldError(
      'username',
      msg(
        `Tên đăng nhập "${input.username}" đã tồn tại.`,
        `The username "${input.username}" already exists.`,
      ),
    );
  const [created] = await createAccounts(
    ctx,
    [{ row: 1, ...input, email: input.email ?? null, phone: input.phone ?? null, unit, role: 'unit_head' }],
    'user.head_account_created',
  );
  if (!created) throw new AppError('INTERNAL');
  return { user: await presentOne(ctx.db, created.id), temporaryPassword: created.temporaryPassword };
}
