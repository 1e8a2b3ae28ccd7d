import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { changePasswordSchema, loginSchema } from '../../core/auth/account-schemas.ts';
import { passwordProblem } from '../../core/auth/password-rule.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { appendAudit, mutate, type ServiceContext } from '../audit/audit-log.ts';
import { type Clock, nowOf, systemClock } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { users } from '../db/schema/index.ts';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords.ts';
import { createSession, deleteSession, deleteUserSessions, type SessionUser } from './sessions.ts';
import {
  ACCOUNT_RULE,
  ADDRESS_RULE,
  accountKey,
  addressKey,
  clearAttempts,
  countAttempt,
  releaseAttempt,
} from './sign-in-throttle.ts';

/** The answer to an address over its limit: when it may try again, in minutes and in the Retry-After header. */
function throttled(lockedUntil: Date | null, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil(((lockedUntil?.getTime() ?? now.getTime()) - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    'SIGN_IN_THROTTLED',
    msg(
      `Địa chỉ này đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
      `Too many failed sign-ins from this address. Try again in ${minutes} minutes.`,
    ),
    { retryAfterSeconds: seconds },
  );
}

/**
 * Checks a username and password. Attempts are counted before the password is checked, atomically, per
 * address (across usernames) and per username. Unknown usernames are counted and locked exactly like real
 * ones and spend the same hashing time, so no answer tells whether a username exists; a locked account
 * still says "locked", which tells its owner why the right password is refused.
 */
export async function login(options: {
  db: Db;
  input: z.output<typeof loginSchema>;
  ip: string | null;
  userAgent: string | null;
  secret: string;
  /** The app's clock: throttles, the session's idle limit and the audit entry are timed by it. */
  now?: Clock;
}): Promise<{ token: string; csrfToken: string; userId: number }> {
  const { db, input, ip } = options;
  const clock = options.now ?? systemClock;
  const now = clock();
  const address = await countAttempt(db, addressKey(ip), ADDRESS_RULE, now);
  if (address.attempts > ADDRESS_RULE.max) throw throttled(address.lockedUntil, now);
  const account = await countAttempt(db, accountKey(input.username), ACCOUNT_RULE, now);
  if (account.attempts > ACCOUNT_RULE.max) throw new AppError('ACCOUNT_LOCKED');

  const [user] = await db.select().from(users).where(eq(users.username, input.username));
  const isValid = await verifyPassword(user?.passwordHash ?? (await DUMMY_HASH_PROMISE), input.password);
  if (!user || !isValid) {
    const isLocked = account.attempts >= ACCOUNT_RULE.max;
    // Written for unknown usernames too (same time spent), without the name typed: it is sometimes a password.
    await db.transaction((tx) =>
      appendAudit(
        tx,
        { actor: { userId: user?.id ?? null, name: user?.username ?? 'anonymous' }, ip, now: clock },
        {
          action: isLocked ? 'auth.locked' : 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          after: { attempts: account.attempts },
        },
      ),
    );
    throw new AppError(isLocked ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
  }
  await releaseAttempt(db, addressKey(ip), ADDRESS_RULE);
  await clearAttempts(db, accountKey(input.username));
  if (!user.isActive) throw new AppError('ACCOUNT_DISABLED');

  const who = { actor: { userId: user.id, name: user.username }, ip, now: clock };
  return db.transaction(async (tx) => {
    const session = await createSession(tx, {
      userId: user.id,
      ip,
      userAgent: options.userAgent,
      secret: options.secret,
      now: clock,
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
  if (!user) throw new AppError('UNAUTHENTICATED');
  // Guessing the current password from a stolen session counts against the same lock as signing in.
  const account = await countAttempt(ctx.db, accountKey(user.username), ACCOUNT_RULE, nowOf(ctx));
  if (account.attempts > ACCOUNT_RULE.max) throw new AppError('ACCOUNT_LOCKED');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    if (account.attempts >= ACCOUNT_RULE.max) throw new AppError('ACCOUNT_LOCKED');
    throw fieldError(
      'currentPassword',
      msg('Mật khẩu hiện tại không đúng.', 'The current password is wrong.'),
    );
  }
  await clearAttempts(ctx.db, accountKey(user.username));
  const problem = passwordProblem(input.newPassword, user);
  if (problem) throw fieldError('newPassword', problem);
  const passwordHash = await hashPassword(input.newPassword);
  await mutate(ctx, async (tx, audit) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: false,
        updatedAt: nowOf(ctx),
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
      .set({ locale: input.locale, updatedAt: nowOf(ctx) })
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
