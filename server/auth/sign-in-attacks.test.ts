import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createTestApp, signIn, TEST_PASSWORD, type TestApp } from '../test/harness.ts';
import { ACCOUNT_RULE, ADDRESS_RULE } from './sign-in-throttle.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let addressSequence = 0;
/** An address no other test uses, so the per-address limit of one test never touches another. */
const freshAddress = () => {
  addressSequence += 1;
  return `10.${process.pid % 250}.${Math.floor(addressSequence / 250)}.${addressSequence % 250}`;
};

const login = (username: string, password: string, remoteAddress = freshAddress()) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

describe('account lockout', () => {
  it('locks the account after 40 concurrent wrong passwords; the right one is then refused with the lock', async () => {
    const user = await buildUser(t.database, []);
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => login(user.username, 'Sai-mat-khau-99')),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    // At most the first four guesses are checked and told "wrong"; every other one meets the lock.
    expect(statuses.filter((status) => status === 401).length).toBe(ACCOUNT_RULE.max - 1);
    expect(statuses.filter((status) => status === 423).length).toBe(40 - (ACCOUNT_RULE.max - 1));
    const right = await login(user.username, TEST_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
  });

  it('locks after 5 wrong passwords one after another, from different addresses', async () => {
    const user = await buildUser(t.database, []);
    const statuses: number[] = [];
    for (let i = 0; i < ACCOUNT_RULE.max; i += 1)
      statuses.push((await login(user.username, 'Sai-mat-khau-99')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(423);
  });

  it('a right password before the fifth wrong one signs in and starts the count again', async () => {
    const user = await buildUser(t.database, []);
    for (let i = 1; i < ACCOUNT_RULE.max; i += 1)
      expect((await login(user.username, 'Sai-mat-khau-99')).statusCode).toBe(401);
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 1; i < ACCOUNT_RULE.max; i += 1)
      expect((await login(user.username, 'Sai-mat-khau-99')).statusCode).toBe(401);
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('an administrator resetting the password lifts the lock', async () => {
    const admin = await buildUser(t.database, [{ role: 'admin', unitCode: null }]);
    const user = await buildUser(t.database, []);
    for (let i = 0; i < ACCOUNT_RULE.max; i += 1) await login(user.username, 'Sai-mat-khau-99');
    const adminLogin = await login(admin.username, TEST_PASSWORD);
    const cookie = String([adminLogin.headers['set-cookie']].flat()[0]).split(';')[0] ?? '';
    const headers = { cookie, 'x-csrf-token': adminLogin.json().csrfToken };
    const listed = await t.app.inject({ method: 'GET', url: `/api/users?q=${user.username}`, headers });
    expect(listed.json().items[0].lockedUntil).not.toBeNull();
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/users/${user.id}/reset-password`,
      headers,
    });
    expect(reset.statusCode).toBe(200);
    expect((await login(user.username, reset.json().temporaryPassword)).statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: `/api/users?q=${user.username}`, headers });
    expect(after.json().items[0].lockedUntil).toBeNull();
  });
});

describe('guessing the current password from a signed-in session', () => {
  it('counts against the same lock as sign-in: after 5 wrong guesses the change and the sign-in are refused', async () => {
    const user = await buildUser(t.database, []);
    const session = await signIn(t.app, user.username);
    const change = (currentPassword: string) =>
      session.request('POST', '/api/auth/password', { currentPassword, newPassword: 'Song-Hong-chay-2027' });
    for (let i = 1; i < ACCOUNT_RULE.max; i += 1) expect((await change('Sai-mat-khau-99')).status).toBe(400);
    const fifth = await change('Sai-mat-khau-99');
    expect(fifth.status).toBe(423);
    expect(fifth.json.error.code).toBe('ACCOUNT_LOCKED');
    expect((await change(TEST_PASSWORD)).status).toBe(423);
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(423);
  });

  it('a right current password starts the count again', async () => {
    const user = await buildUser(t.database, []);
    const session = await signIn(t.app, user.username);
    for (let i = 1; i < ACCOUNT_RULE.max; i += 1)
      await session.request('POST', '/api/auth/password', {
        currentPassword: 'Sai-mat-khau-99',
        newPassword: 'Song-Hong-chay-2027',
      });
    const changed = await session.request('POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Song-Hong-chay-2027',
    });
    expect(changed.status).toBe(204);
    expect((await login(user.username, 'Sai-mat-khau-99')).statusCode).toBe(401);
  });
});

describe('unknown usernames', () => {
  it('answer every guess exactly as a real account with a wrong password does, lock included', async () => {
    const user = await buildUser(t.database, []);
    const unknown = `khong-co-${user.username}`;
    for (let i = 0; i < ACCOUNT_RULE.max + 1; i += 1) {
      const real = await login(user.username, 'Sai-mat-khau-99');
      const ghost = await login(unknown, 'Sai-mat-khau-99');
      expect({ status: ghost.statusCode, body: ghost.json() }).toEqual({
        status: real.statusCode,
        body: real.json(),
      });
      expect(ghost.statusCode).toBe(i < ACCOUNT_RULE.max - 1 ? 401 : 423);
    }
  });
});

describe('per-address limit', () => {
  it('refuses an address after 20 failed sign-ins across usernames with 429 saying when to try again', async () => {
    const address = freshAddress();
    const user = await buildUser(t.database, []);
    for (let i = 0; i < ADDRESS_RULE.max; i += 1)
      expect((await login(`phun-${process.pid}-${i}`, 'Qwerty-12345', address)).statusCode).toBe(401);
    // Even the right password of a real account: the address is refused before any password is checked.
    const refused = await login(user.username, TEST_PASSWORD, address);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('900');
    expect(refused.json().error).toEqual({
      code: 'SIGN_IN_THROTTLED',
      message: 'Địa chỉ này đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.',
      details: { retryAfterSeconds: 900 },
    });
    // Another address is not affected, and the account itself is not locked.
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('does not count successful sign-ins: an office behind one address signs in all day', async () => {
    const address = freshAddress();
    const user = await buildUser(t.database, []);
    for (let i = 0; i < ADDRESS_RULE.max + 2; i += 1)
      expect((await login(user.username, TEST_PASSWORD, address)).statusCode).toBe(200);
  });
});
