import { and, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/engine.ts';
import { signInThrottles } from '../db/schema/index.ts';

/** At most `max` attempts per `windowMs`; the attempt that reaches `max` locks the key for `lockMs`. */
export interface ThrottleRule {
  max: number;
  windowMs: number;
  lockMs: number;
}

const MINUTE = 60_000;
/** One username, known or not: five wrong passwords in 15 minutes lock it for 15 minutes. */
export const ACCOUNT_RULE: ThrottleRule = { max: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/** One address, across usernames (password spraying): 20 failures in 15 minutes, then 15 minutes of 429. */
export const ADDRESS_RULE: ThrottleRule = { max: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

export const accountKey = (username: string) => `account:${username}`;
export const addressKey = (ip: string | null) => `address:${ip ?? 'unknown'}`;

export interface Attempt {
  /** This attempt's number in the window: above `max`, it must be refused without checking anything. */
  attempts: number;
  lockedUntil: Date | null;
}

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/**
 * Counts one attempt against `key` before its password is checked, in one atomic statement: concurrent
 * attempts each get their own number, so forty guesses at once cannot all pass a count read earlier.
 */
export async function countAttempt(
  db: DbOrTx,
  key: string,
  rule: ThrottleRule,
  now = new Date(),
): Promise<Attempt> {
  const t = signInThrottles;
  const lockUntil = new Date(now.getTime() + rule.lockMs);
  const isLocked = sql`coalesce(${t.lockedUntil} > ${at(now)}, false)`;
  // A lock that has run out, or a window that has passed, starts the count again.
  const isFresh = sql`(not ${isLocked} and (${t.lockedUntil} is not null or ${t.windowStartedAt} <= ${at(new Date(now.getTime() - rule.windowMs))}))`;
  const next = sql`(case when ${isFresh} then 1 else ${t.attempts} + 1 end)`;
  const [row] = await db
    .insert(t)
    .values({ key, attempts: 1, windowStartedAt: now, lockedUntil: rule.max <= 1 ? lockUntil : null })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        attempts: next,
        windowStartedAt: sql`case when ${isFresh} then ${at(now)} else ${t.windowStartedAt} end`,
        lockedUntil: sql`case when ${isLocked} then ${t.lockedUntil} when ${next} >= ${rule.max} then ${at(lockUntil)} else null end`,
      },
    })
    .returning({ attempts: t.attempts, lockedUntil: t.lockedUntil });
  if (!row) throw new Error('sign-in throttle: no row');
  return row;
}

/** Gives back an attempt that succeeded, lifting the lock if it was this attempt that set it. */
export async function releaseAttempt(db: DbOrTx, key: string, rule: ThrottleRule): Promise<void> {
  const t = signInThrottles;
  await db
    .update(t)
    .set({
      attempts: sql`greatest(${t.attempts} - 1, 0)`,
      lockedUntil: sql`case when ${t.attempts} - 1 < ${rule.max} then null else ${t.lockedUntil} end`,
    })
    .where(eq(t.key, key));
}

/** Forgets every attempt against `key` (a right password, an administrator's reset). */
export async function clearAttempts(db: DbOrTx, key: string): Promise<void> {
  await db.delete(signInThrottles).where(eq(signInThrottles.key, key));
}

/** Until when each of these usernames is locked, for those locked now. */
export async function lockedAccounts(
  db: DbOrTx,
  usernames: string[],
  now = new Date(),
): Promise<Map<string, Date>> {
  if (usernames.length === 0) return new Map();
  const rows = await db
    .select({ key: signInThrottles.key, lockedUntil: signInThrottles.lockedUntil })
    .from(signInThrottles)
    .where(
      and(inArray(signInThrottles.key, usernames.map(accountKey)), gt(signInThrottles.lockedUntil, now)),
    );
  return new Map(rows.map((row) => [row.key.slice('account:'.length), row.lockedUntil as Date]));
}

/** Rows whose window and lock have both run out count for nothing: removed by the hourly sweep. */
export async function deleteExpiredThrottles(db: DbOrTx, now = new Date()): Promise<void> {
  const longest = Math.max(ACCOUNT_RULE.windowMs, ADDRESS_RULE.windowMs);
  await db
    .delete(signInThrottles)
    .where(
      and(
        lt(signInThrottles.windowStartedAt, new Date(now.getTime() - longest)),
        or(isNull(signInThrottles.lockedUntil), lt(signInThrottles.lockedUntil, now)),
      ),
    );
}
