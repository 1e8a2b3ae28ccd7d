import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../test/factories.ts';
import {
  buildUser,
  createTestApp,
  type Session,
  signIn,
  type TestApp,
  unitIdByCode,
} from '../test/harness.ts';

let t: TestApp;
let admin: Session;
let communeAdmin: Session;
let phoHienId: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t, 'admin', null);
  communeAdmin = await signInAs(t, 'admin', '11953');
  phoHienId = await unitIdByCode(t.database, '11953');
});
afterAll(() => t.close());

describe('accounts', () => {
  it('creates an account with a one-time temporary password that must be changed', async () => {
    const created = await admin.request('POST', '/api/users', {
      username: 'Nguyen.Van.An',
      fullName: 'Nguyễn Văn An',
      email: 'an@hungyen.gov.vn',
    });
    expect(created.status).toBe(201);
    expect(created.json.user).toMatchObject({
      username: 'nguyen.van.an',
      fullName: 'Nguyễn Văn An',
      grants: [],
    });
    expect(created.json.temporaryPassword).toMatch(/^[A-Za-z0-9]{16}$/);
    await admin.request('POST', `/api/users/${created.json.user.id}/grants`, {
      role: 'leader',
      unitId: phoHienId,
    });
    const session = await signIn(t.app, 'nguyen.van.an', created.json.temporaryPassword);
    expect((await session.request('GET', '/api/auth/me')).json.user.mustChangePassword).toBe(true);
    // Until the temporary password is changed, only the account routes answer.
    const blocked = await session.request('GET', '/api/units');
    expect(blocked.status).toBe(403);
    expect(blocked.json.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await session.request('POST', '/api/auth/password', {
      currentPassword: created.json.temporaryPassword,
      newPassword: 'Song-Hong-chay-2027',
    });
    expect(changed.status).toBe(204);
    expect((await session.request('GET', '/api/units')).status).toBe(200);
    expect(JSON.stringify(created.json)).not.toMatch(/argon2/);
  });

  it('refuses a duplicate username and a weak password, naming the field', async () => {
    await admin.request('POST', '/api/users', { username: 'trung.ten', fullName: 'A' });
    const duplicate = await admin.request('POST', '/api/users', { username: 'TRUNG.TEN', fullName: 'B' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json.error.details.fields[0]).toEqual({
      path: 'username',
      message: 'Tên đăng nhập "trung.ten" đã tồn tại.',
    });
    const weak = await admin.request('POST', '/api/users', {
      username: 'weak.pw',
      fullName: 'C',
      password: 'abcdefghij',
    });
    expect(weak.json.error.details.fields[0]).toMatchObject({
      path: 'password',
      message: 'Mật khẩu cần có cả chữ và số.',
    });
  });

  it('refuses a common password and one built on the username or the full name, saying why', async () => {
    const create = (password: string) =>
      admin.request('POST', '/api/users', { username: 'le.thi.hoa', fullName: 'Lê Thị Hòa', password });
    const common = await create('Qwerty1234');
    expect(common.status).toBe(400);
    expect(common.json.error.details.fields).toEqual([
      { path: 'password', message: 'Mật khẩu này quá phổ biến, dễ bị đoán: hãy chọn mật khẩu khác.' },
    ]);
    expect((await create('le.thi.hoa12345')).json.error.details.fields).toEqual([
      { path: 'password', message: 'Mật khẩu không được chứa tên đăng nhập.' },
    ]);
    expect((await create('Hoa-Lê-Thị-2026')).json.error.details.fields).toEqual([
      { path: 'password', message: 'Mật khẩu không được chứa họ tên.' },
    ]);
    expect((await create('LeThiHoa@2026')).json.error.details.fields).toEqual([
      { path: 'password', message: 'Mật khẩu không được chứa tên đăng nhập.' },
    ]);
    expect((await admin.request('GET', '/api/users?q=le.thi.hoa')).json.total).toBe(0);
  });

  it('makes a password the administrator chose a temporary one, to be changed at first sign-in', async () => {
    const created = await admin.request('POST', '/api/users', {
      username: 'do.van.binh',
      fullName: 'Đỗ Văn Bình',
      password: 'Cay-bang-ven-song-2026',
    });
    expect(created.status).toBe(201);
    const session = await signIn(t.app, 'do.van.binh', 'Cay-bang-ven-song-2026');
    expect((await session.request('GET', '/api/auth/me')).json.user.mustChangePassword).toBe(true);
  });

  it('grants a role on a unit, which then scopes what the user sees; revokes it', async () => {
    const { json } = await admin.request('POST', '/api/users', {
      username: 'baocao.test',
      fullName: 'Cán bộ báo cáo',
      password: 'Cay-bang-ven-song-2026',
    });
    const granted = await admin.request('POST', `/api/users/${json.user.id}/grants`, {
      role: 'unit_reporter',
      unitId: phoHienId,
    });
    expect(granted.json.grants).toEqual([
      expect.objectContaining({ role: 'unit_reporter', unitName: 'Phường Phố Hiến' }),
    ]);
    const again = await admin.request('POST', `/api/users/${json.user.id}/grants`, {
      role: 'unit_reporter',
      unitId: phoHienId,
    });
    expect(again.status).toBe(409);
    const session = await signIn(t.app, 'baocao.test', 'Cay-bang-ven-song-2026');
    // The password the administrator chose is a temporary one: changed first, then the units open.
    const changed = await session.request('POST', '/api/auth/password', {
      currentPassword: 'Cay-bang-ven-song-2026',
      newPassword: 'Song-Hong-chay-2027',
    });
    expect(changed.status).toBe(204);
    expect(
      (await session.request('GET', '/api/units?parentId=root')).json.items.map((u: { id: number }) => u.id),
    ).toEqual([phoHienId]);
    expect((await session.request('GET', '/api/users')).status).toBe(403);
    const revoked = await admin.request(
      'DELETE',
      `/api/users/${json.user.id}/grants/${granted.json.grants[0].id}`,
    );
    expect(revoked.json.grants).toEqual([]);
    expect((await session.request('GET', '/api/units?parentId=root')).status).toBe(403);
  });

  it('a commune admin grants roles only inside its commune and sees only its accounts', async () => {
    const { json } = await communeAdmin.request('POST', '/api/users', {
      username: 'xa.user',
      fullName: 'Cán bộ phường',
    });
    const outside = await communeAdmin.request('POST', `/api/users/${json.user.id}/grants`, {
      role: 'unit_reporter',
      unitId: await unitIdByCode(t.database, '33.SNV'),
    });
    expect(outside.status).toBe(403);
    const inside = await communeAdmin.request('POST', `/api/users/${json.user.id}/grants`, {
      role: 'unit_reporter',
      unitId: phoHienId,
    });
    expect(inside.status).toBe(200);
    const listed = await communeAdmin.request('GET', '/api/users?perPage=100');
    const usernames = listed.json.items.map((u: { username: string }) => u.username);
    expect(usernames).toContain('xa.user');
    expect(usernames).not.toContain('dieuphoi');
    const provinceUser = (await admin.request('GET', '/api/users?q=dieuphoi')).json.items[0];
    // An account the commune admin does not see is not found to it, as in its list.
    expect((await communeAdmin.request('POST', `/api/users/${provinceUser.id}/reset-password`)).status).toBe(
      404,
    );
  });

  it('resets a password: old sessions end, the lock is lifted, the new one works once shown', async () => {
    const user = await buildUser(t.database, []);
    const session = await signIn(t.app, user.username);
    const reset = await admin.request('POST', `/api/users/${user.id}/reset-password`);
    expect(reset.json.temporaryPassword).toHaveLength(16);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(401);
    await signIn(t.app, user.username, reset.json.temporaryPassword);
  });

  it('disables an account with optimistic concurrency, and searches by name without diacritics', async () => {
    const { json } = await admin.request('POST', '/api/users', {
      username: 'tam.nghi',
      fullName: 'Phạm Thị Tâm',
      password: 'Cay-bang-ven-song-2026',
    });
    const session = await signIn(t.app, 'tam.nghi', 'Cay-bang-ven-song-2026');
    const update = { fullName: 'Phạm Thị Tâm', email: null, isActive: false, locale: 'vi', version: 1 };
    expect((await admin.request('PATCH', `/api/users/${json.user.id}`, update)).json.isActive).toBe(false);
    expect((await admin.request('PATCH', `/api/users/${json.user.id}`, update)).status).toBe(409);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(401);
    const found = await admin.request('GET', '/api/users?q=pham thi tam');
    expect(found.json.items.map((u: { username: string }) => u.username)).toEqual(['tam.nghi']);
  });
});
