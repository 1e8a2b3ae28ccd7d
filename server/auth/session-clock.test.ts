import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, sessions } from '../db/schema/index.ts';
import { buildUser, createTestApp, signIn, type TestApp } from '../test/harness.ts';
import { SESSION_IDLE_MS } from './sessions.ts';

// Sessions, sign-in counts and the audit trail are timed by the app's clock, like deadlines: a test
// lets twelve hours pass without waiting, and an audit entry carries the time the app decided by.
let current = new Date('2026-12-02T08:00:00+07:00');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(current) });
});
afterAll(() => t.close());

const HOUR = 3600_000;

describe('the session on the app clock', () => {
  it('ends after twelve idle hours, and each request within them extends it', async () => {
    current = new Date('2026-12-02T08:00:00+07:00');
    const user = await buildUser(t.database, [{ role: 'coordinator', unitCode: '33' }]);
    const session = await signIn(t.app, user.username);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(200);

    // Eleven hours later the session still holds, and the request pushes the end twelve hours on.
    current = new Date(current.getTime() + 11 * HOUR);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(200);
    const [row] = await t.database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(row?.expiresAt.toISOString()).toBe(new Date(current.getTime() + SESSION_IDLE_MS).toISOString());

    // Another eleven hours: 22 h after signing in, 11 h idle — still signed in.
    current = new Date(current.getTime() + 11 * HOUR);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(200);

    // Twelve hours and a minute without a request: signed out.
    current = new Date(current.getTime() + SESSION_IDLE_MS + 60_000);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('records the sign-in in the audit trail at the time of the app clock', async () => {
    current = new Date('2027-01-15T09:30:00+07:00');
    const user = await buildUser(t.database, [{ role: 'coordinator', unitCode: '33' }]);
    await signIn(t.app, user.username);
    const [event] = await t.database.db
      .select({ at: auditEvents.at })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.login'), eq(auditEvents.actorId, user.id)))
      .orderBy(desc(auditEvents.seq));
    expect(event?.at.toISOString()).toBe('2027-01-15T02:30:00.000Z');
  });
});
