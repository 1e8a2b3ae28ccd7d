import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { changePasswordSchema, loginSchema } from '../../core/auth/account-schemas.ts';
import { AppError, fieldError } from '../../core/errors.ts';
import { appendAudit, mutate, type ServiceContext } from '../audit/audit-log.ts';
import type { Db } from '../db/engine.ts';
import { users } from '../db/schema/index.ts';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords.ts';
import { createSession, deleteSession, deleteUserSessions, type SessionUser } from './sessions.ts';

/** After this many wrong passwords in a row the account is locked for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export async function login(options: {
  db: Db;
  input: z.output<typeof loginSchema>;
  ip: string | null;
  userAgent: string | null;
  secret: string;
}): Promise<{ token: string; csrfToken: string; userId: number }> {
  const { db, input, ip } = options;
  const [user] = await db.select().from(users).where(eq(users.username, input.username));
  if (!user) {
    // Spend the same time as a real check, so response times do not reveal which usernames exist.
    await verifyPassword(await DUMMY_HASH_PROMISE, input.password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) throw new AppError('ACCOUNT_LOCKED');
  const isValid = await verifyPassword(user.passwordHash, input.password);
  const who = { actor: { userId: user.id, name: user.username }, ip };

  if (!isValid) {
    const failed = user.failedLogins + 1;
    const lockedUntil = failed >= MAX_FAILED_LOGINS ? new Date(Date.now() + LOCK_MINUTES * 60_000) : null;
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ failedLogins: lockedUntil ? 0 : failed, lockedUntil })
        .where(eq(users.id, user.id));
      await appendAudit(tx, who, {
        action: lockedUntil ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        after: { failedLogins: failed, lockedUntil },
      });
    });
    throw new AppError(lockedUntil ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
  }
  if (!user.isActive) throw new AppError('ACCOUNT_DISABLED');

  return db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const session = await createSession(tx, {
      userId: user.id,
      ip,
      userAgent: options.userAgent,
      secret: options.secret,
    });
    await appendAudit(tx, who, { action: 'auth.login', entityType: 'user', entityId: user.id });
    return { token: session.token, csrfToken: session.csrfToken, userId: user.id };
  });
}

export async function logout(ctx: ServiceContext & { user: SessionUser }): Promise<void> {
  await mutate(ctx, async (tx, audit) => {
    await deleteSession(tx, ctx.user.sessionId);
    await audit({ action: 'auth.logout', entityType: 'user', entityId: ctx.user.userId });
  });
}

export async function changePassword(
  ctx: ServiceContext & { user: SessionUser },
  input: z.output<typeof changePasswordSchema>,
): Promise<void> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.user.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw fieldError('currentPassword', 'Mật khẩu hiện tại không đúng.');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await mutate(ctx, async (tx, audit) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: false,
        updatedAt: new Date(),
        version: sql`${users.version} + 1`,
      })
      .where(eq(users.id, user.id));
    // Other sessions of this account end: whoever knew the old password is signed out.
    await deleteUserSessions(tx, user.id, ctx.user.sessionId);
    await audit({ action: 'user.password_changed', entityType: 'user', entityId: user.id });
  });
}

export async function updatePreferences(
  ctx: ServiceContext & { user: SessionUser },
  input: { locale: 'vi' | 'en' },
) {
  await mutate(ctx, async (tx, audit) => {
    await tx
      .update(users)
      .set({ locale: input.locale, updatedAt: new Date() })
      .where(eq(users.id, ctx.user.userId));
    await audit({
      action: 'user.preferences_updated',
      entityType: 'user',
      entityId: ctx.user.userId,
      before: { locale: ctx.user.locale },
      after: input,
    });
  });
}
