import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Grant, Role } from '../../core/auth/roles.ts';
import { type Clock, systemClock } from '../clock.ts';
import type { Db, DbOrTx } from '../db/engine.ts';
import { roleGrants, sessions, units, users } from '../db/schema/index.ts';

export const SESSION_COOKIE = 'chiso_sid';
/** A session ends after 12 hours without a request. */
export const SESSION_IDLE_MS = 12 * 3600_000;
/** lastSeenAt is refreshed at most every 5 minutes, not on every request. */
const SESSION_TOUCH_MS = 5 * 60_000;

/** The signed-in user as routes and services see them. */
export interface SessionUser {
  sessionId: string;
  csrfToken: string;
  userId: number;
  username: string;
  fullName: string;
  email: string | null;
  locale: string;
  mustChangePassword: boolean;
  /** When the session ends unless a request extends it. */
  expiresAt: Date;
  grants: (Grant & { id: number; unitName: string | null })[];
}

/**
 * Whether a remembered session must be read again: it has ended, or it is time to write that it is
 * still in use (so a cached session is extended as a read one would be).
 */
export function isSessionDueForReading(user: SessionUser, now: Date): boolean {
  const lastExtended = user.expiresAt.getTime() - SESSION_IDLE_MS;
  return now.getTime() >= user.expiresAt.getTime() || now.getTime() - lastExtended > SESSION_TOUCH_MS;
}

function sessionIdOf(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

export async function createSession(
  db: DbOrTx,
  options: { userId: number; ip: string | null; userAgent: string | null; secret: string; now?: Clock },
): Promise<{ token: string; csrfToken: string; sessionId: string }> {
  const now = (options.now ?? systemClock)();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const sessionId = sessionIdOf(token, options.secret);
  await db.insert(sessions).values({
    id: sessionId,
    userId: options.userId,
    csrfToken,
    ip: options.ip,
    userAgent: options.userAgent?.slice(0, 300) ?? null,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
  });
  return { token, csrfToken, sessionId };
}

interface GrantRow {
  id: number;
  role: string;
  unitId: number | null;
  unitPath: string | null;
  unitName: string | null;
}

// A grant without a unit covers the whole installation: its path "/" prefixes every unit's path.
function toGrant(row: GrantRow): SessionUser['grants'][number] {
  return {
    id: row.id,
    role: row.role as Role,
    unitId: row.unitId ?? 0,
    unitPath: row.unitPath ?? '/',
    unitName: row.unitName,
  };
}

export async function loadGrants(db: DbOrTx, userId: number): Promise<SessionUser['grants']> {
  const rows = await db
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      unitId: roleGrants.unitId,
      unitPath: units.path,
      unitName: units.name,
    })
    .from(roleGrants)
    .leftJoin(units, eq(units.id, roleGrants.unitId))
    .where(eq(roleGrants.userId, userId))
    .orderBy(roleGrants.id);
  return rows.map(toGrant);
}

/**
 * The session behind a cookie token, or null when unknown, expired or the account is disabled. Idle
 * time is measured on the app's clock, so a test can let twelve hours pass.
 */
export async function findSession(
  db: Db,
  token: string,
  secret: string,
  clock: Clock = systemClock,
): Promise<SessionUser | null> {
  const now = clock();
  const sessionId = sessionIdOf(token, secret);
  // One round trip per request: the user and their grants come with the session.
  const [row] = await db
    .select({
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      username: users.username,
      fullName: users.fullName,
      email: users.email,
      locale: users.locale,
      mustChangePassword: users.mustChangePassword,
      grants: sql<GrantRow[]>`coalesce((
        select json_agg(json_build_object('id', g.id, 'role', g.role, 'unitId', g.unit_id, 'unitPath', u.path, 'unitName', u.name) order by g.id)
        from role_grants g left join units u on u.id = g.unit_id where g.user_id = ${users.id}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now), eq(users.isActive, true)));
  if (!row) return null;
  if (Math.abs(now.getTime() - row.lastSeenAt.getTime()) > SESSION_TOUCH_MS) {
    row.expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: row.expiresAt })
      .where(eq(sessions.id, sessionId));
  }
  const { lastSeenAt: _ignored, grants, ...user } = row;
  return { ...user, sessionId, grants: grants.map(toGrant) };
}

export async function deleteSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (after a password change or reset), optionally keeping one. */
export async function deleteUserSessions(db: DbOrTx, userId: number, keepSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(
      and(eq(sessions.userId, userId), keepSessionId ? sql`${sessions.id} <> ${keepSessionId}` : undefined),
    );
}

export async function deleteExpiredSessions(db: DbOrTx, now: Date = new Date()): Promise<void> {
  await db.delete(sessions).where(or(lt(sessions.expiresAt, now), isNull(sessions.expiresAt)));
}
