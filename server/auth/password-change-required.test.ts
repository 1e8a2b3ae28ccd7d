import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpDataVersion } from '../db/read-cache.ts';
import { users } from '../db/schema/index.ts';
import { buildUser, createTestApp, signIn, TEST_PASSWORD, type TestApp } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A signed-in administrator of everything whose password is a temporary one. */
async function signInWithTemporaryPassword() {
  const user = await buildUser(t.database, [{ role: 'admin', unitCode: null }]);
  await t.database.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, user.id));
  bumpDataVersion();
  return signIn(t.app, user.username);
}

/** The routes a person with a temporary password may use: who am I, change the password, sign out. */
const OPEN = new Set(['GET /api/auth/me', 'POST /api/auth/password', 'POST /api/auth/logout']);

describe('a temporary password', () => {
  it('opens only who-am-I, change-password and sign-out: every other signed-in route answers 403', async () => {
    const session = await signInWithTemporaryPassword();
    const routes = t.app.routePolicies.filter(
      (route) =>
        route.policy !== 'public' && route.method !== 'HEAD' && !OPEN.has(`${route.method} ${route.url}`),
    );
    expect(routes.length).toBeGreaterThan(50);
    const answers = [];
    for (const route of routes) {
      const url = route.url.replace(/:[A-Za-z]+/g, '1').replace('*', 'x');
      const response = await session.request(
        route.method as 'GET',
        url,
        route.method === 'GET' ? undefined : {},
      );
      answers.push({
        route: `${route.method} ${route.url}`,
        status: response.status,
        // A page (the plan's preview) carries the code in its refusal, as the API's envelope does.
        code: response.json?.error?.code ?? /data-error="([A-Z_]+)"/.exec(response.body)?.[1],
      });
    }
    expect(
      answers.filter((answer) => answer.status !== 403 || answer.code !== 'PASSWORD_CHANGE_REQUIRED'),
    ).toEqual([]);
  });

  it('answers who-am-I with the flag, then opens everything once the password is changed', async () => {
    const session = await signInWithTemporaryPassword();
    const me = await session.request('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.json.user.mustChangePassword).toBe(true);
    const blocked = await session.request('PATCH', '/api/auth/me/preferences', { locale: 'en' });
    expect(blocked.status).toBe(403);
    expect(blocked.json.error).toEqual({
      code: 'PASSWORD_CHANGE_REQUIRED',
      message: 'Bạn đang dùng mật khẩu tạm: hãy đổi mật khẩu trước khi tiếp tục.',
    });
    expect((await session.request('GET', '/api/notifications')).status).toBe(403);
    const changed = await session.request('POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Song-Hong-chay-2027',
    });
    expect(changed.status).toBe(204);
    expect((await session.request('GET', '/api/auth/me')).json.user.mustChangePassword).toBe(false);
    expect((await session.request('GET', '/api/notifications')).status).toBe(200);
    expect((await session.request('PATCH', '/api/auth/me/preferences', { locale: 'en' })).status).toBe(200);
  });

  it('still signs out', async () => {
    const session = await signInWithTemporaryPassword();
    expect((await session.request('POST', '/api/auth/logout')).status).toBe(204);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(401);
  });
});
