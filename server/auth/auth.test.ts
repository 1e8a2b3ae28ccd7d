import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { sessions, users } from '../db/schema/index.ts';
import { buildUser, createTestApp, signIn, TEST_PASSWORD, type TestApp } from '../test/harness.ts';
import { ACCOUNT_RULE } from './sign-in-throttle.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('sign-in', () => {
  it('signs in with an HttpOnly, SameSite=Strict cookie and returns the user with a CSRF token', async () => {
    const user = await buildUser(t.database, [{ role: 'coordinator', unitCode: '33' }]);
    const response = await login(user.username, TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/chiso_sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const body = response.json();
    expect(body.user.username).toBe(user.username);
    expect(body.user.grants).toEqual([
      expect.objectContaining({ role: 'coordinator', unitName: 'Ủy ban nhân dân tỉnh Hưng Yên' }),
    ]);
    expect(body.user.permissions).toContain('units.read');
    expect(body.user.permissions).not.toContain('audit.read');
    expect(body.csrfToken.length).toBeGreaterThan(20);
  });

  it('in production the session cookie is also Secure, and signing out clears it', async () => {
    const config = loadConfig({ NODE_ENV: 'production', CHISO_SECRET: 'p'.repeat(40), LOG_LEVEL: 'silent' });
    const app = await buildApp({ database: t.database, config });
    try {
      const user = await buildUser(t.database, []);
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: TEST_PASSWORD },
      });
      const cookie = String([response.headers['set-cookie']].flat()[0]);
      expect(cookie.split('; ').slice(1).sort()).toEqual([
        'HttpOnly',
        'Max-Age=43200',
        'Path=/',
        'SameSite=Strict',
        'Secure',
      ]);
      const logout = await app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: cookie.split(';')[0] ?? '', 'x-csrf-token': response.json().csrfToken },
      });
      expect(logout.statusCode).toBe(204);
      expect(String(logout.headers['set-cookie'])).toMatch(/^chiso_sid=; .*Expires=Thu, 01 Jan 1970/);
    } finally {
      await app.close();
    }
  });

  it('stores the password as an argon2id hash and the session id as a keyed hash of the cookie', async () => {
    const user = await buildUser(t.database, []);
    const session = await signIn(t.app, user.username);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    const token = session.cookie.split('=')[1] ?? '';
    const stored = await t.database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]?.id).not.toBe(token);
  });

  it('refuses a wrong password and an unknown user with the same Vietnamese message', async () => {
    const user = await buildUser(t.database, []);
    const wrong = await login(user.username, 'not-the-password-1');
    const unknown = await login('nobody-here', 'not-the-password-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual({
      code: 'INVALID_CREDENTIALS',
      message: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    });
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it('locks the account after repeated failures, even against the right password', async () => {
    const user = await buildUser(t.database, []);
    for (let i = 1; i < ACCOUNT_RULE.max; i += 1)
      expect((await login(user.username, 'wrong-pass-1')).statusCode).toBe(401);
    expect((await login(user.username, 'wrong-pass-1')).statusCode).toBe(423);
    const locked = await login(user.username, TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
  });

  it('refuses a disabled account', async () => {
    const user = await buildUser(t.database, [], { isActive: false });
    const response = await login(user.username, TEST_PASSWORD);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('ACCOUNT_DISABLED');
  });

  it('names the missing field on a malformed body', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0].path).toBe('password');
  });
});

describe('session', () => {
  it('answers 401 without a cookie and with an unknown cookie', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: 'chiso_sid=forged' },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const user = await buildUser(t.database, []);
    const session = await signIn(t.app, user.username);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: session.cookie, 'x-csrf-token': 'wrong' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_FAILED');
    expect((await session.request('GET', '/api/auth/me')).status).toBe(200);
  });

  it('logs out: the cookie no longer opens a session', async () => {
    const user = await buildUser(t.database, []);
    const session = await signIn(t.app, user.username);
    expect((await session.request('POST', '/api/auth/logout')).status).toBe(204);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('changes the password: the old one stops working, other sessions end, this one stays', async () => {
    const user = await buildUser(t.database, []);
    const session = await signIn(t.app, user.username);
    const other = await signIn(t.app, user.username);
    const refused = await session.request('POST', '/api/auth/password', {
      currentPassword: 'wrong',
      newPassword: 'Moi-mat-khau-2027',
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.fields[0].path).toBe('currentPassword');
    const weak = await session.request('POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.json.error.details.fields[0].path).toBe('newPassword');
    const changed = await session.request('POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Moi-mat-khau-2027',
    });
    expect(changed.status).toBe(204);
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(user.username, 'Moi-mat-khau-2027')).statusCode).toBe(200);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await other.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('refuses a common new password and one built on the username or the full name', async () => {
    const user = await buildUser(t.database, []);
    const session = await signIn(t.app, user.username);
    const change = (newPassword: string) =>
      session.request('POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword });
    const common = await change('Qwerty1234');
    expect(common.status).toBe(400);
    expect(common.json.error.details.fields).toEqual([
      { path: 'newPassword', message: 'Mật khẩu này quá phổ biến, dễ bị đoán: hãy chọn mật khẩu khác.' },
    ]);
    const withUsername = await change(`${user.username}12345`);
    expect(withUsername.status).toBe(400);
    expect(withUsername.json.error.details.fields).toEqual([
      { path: 'newPassword', message: 'Mật khẩu không được chứa tên đăng nhập.' },
    ]);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    const withName = await change(`${row?.fullName.toUpperCase()}!x`);
    expect(withName.status).toBe(400);
    expect(withName.json.error.details.fields).toEqual([
      { path: 'newPassword', message: 'Mật khẩu không được chứa họ tên.' },
    ]);
    // Nothing changed: the old password still signs in.
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('switches the interface language', async () => {
    const user = await buildUser(t.database, []);
    const session = await signIn(t.app, user.username);
    const response = await session.request('PATCH', '/api/auth/me/preferences', { locale: 'en' });
    expect(response.json.user.locale).toBe('en');
    expect((await session.request('GET', '/api/auth/me')).json.user.locale).toBe('en');
    expect((await session.request('PATCH', '/api/auth/me/preferences', { locale: 'fr' })).status).toBe(400);
  });
});
