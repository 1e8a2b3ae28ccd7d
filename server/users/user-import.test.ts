import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { auditEvents, roleGrants, units, users } from '../db/schema/index.ts';
import { readTable, writeWorkbook } from '../files/tabular.ts';
import { COMMUNE_A, COMMUNE_B, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, signIn, type TestApp, unitIdByCode } from '../test/harness.ts';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t, 'admin', null);
});
afterAll(() => t.close());

const HEADERS = ['Họ và tên', 'Tên đăng nhập', 'Thư điện tử', 'Điện thoại', 'Đơn vị', 'Vai trò'];
const sheet = (rows: string[][], headers = HEADERS) => writeWorkbook([{ name: 'Tài khoản', headers, rows }]);
let sequence = 0;
/** A username no other test uses. */
const fresh = (stem: string) => {
  sequence += 1;
  return `${stem}.${process.pid}.${sequence}`;
};

async function download(session: Session, url: string) {
  const reply = await t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
  return {
    status: reply.statusCode,
    data: reply.rawPayload,
    json: reply.statusCode === 200 ? null : reply.json(),
  };
}

async function accountsNamed(usernames: string[]) {
  return t.database.db.select().from(users).where(inArray(users.username, usernames));
}

describe('account import from .xlsx', () => {
  it('previews, then creates every account with its role, a temporary password downloadable once', async () => {
    const reporter = fresh('baocao');
    const head = fresh('thutruong');
    const file = await sheet([
      [
        'Nguyễn Thị Lan',
        reporter,
        'lan@hungyen.gov.vn',
        '0221 3862 123',
        'Phường Phố Hiến',
        'Cán bộ báo cáo của đơn vị',
      ],
      ['  Trần Văn  Bình ', head.toUpperCase(), '', '', COMMUNE_B, 'thủ trưởng đơn vị'],
    ]);
    const preview = await admin.upload('/api/users/import?dryRun=true', 'tai-khoan.xlsx', file);
    expect(preview.status).toBe(200);
    expect(preview.json).toEqual({
      dryRun: true,
      count: 2,
      credentialsToken: null,
      accounts: [
        {
          row: 2,
          fullName: 'Nguyễn Thị Lan',
          username: reporter,
          email: 'lan@hungyen.gov.vn',
          phone: '0221 3862 123',
          unitId: await unitIdByCode(t.database, COMMUNE_A),
          unitName: 'Phường Phố Hiến',
          role: 'unit_reporter',
        },
        {
          row: 3,
          fullName: 'Trần Văn Bình',
          username: head,
          email: null,
          phone: null,
          unitId: await unitIdByCode(t.database, COMMUNE_B),
          unitName: 'Xã Tân Hưng',
          role: 'unit_head',
        },
      ],
    });
    // A preview writes nothing.
    expect(await accountsNamed([reporter, head])).toEqual([]);

    const imported = await admin.upload('/api/users/import?dryRun=false', 'tai-khoan.xlsx', file);
    expect(imported.status).toBe(200);
    expect(imported.json).toMatchObject({ dryRun: false, count: 2 });
    const created = await accountsNamed([reporter, head]);
    expect(
      created.map((user) => [user.username, user.fullName, user.phone, user.mustChangePassword]).sort(),
    ).toEqual(
      [
        [reporter, 'Nguyễn Thị Lan', '0221 3862 123', true],
        [head, 'Trần Văn Bình', null, true],
      ].sort(),
    );
    const grants = await t.database.db
      .select({ userId: roleGrants.userId, role: roleGrants.role, unitId: roleGrants.unitId })
      .from(roleGrants)
      .where(
        inArray(
          roleGrants.userId,
          created.map((user) => user.id),
        ),
      );
    expect(grants.map((grant) => grant.role).sort()).toEqual(['unit_head', 'unit_reporter']);
    const events = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        inArray(
          auditEvents.entityId,
          created.map((user) => String(user.id)),
        ),
      );
    expect(events.map((event) => event.action)).toEqual(['user.imported', 'user.imported']);

    const url = `/api/users/import/credentials/${imported.json.credentialsToken}`;
    const first = await download(admin, url);
    expect(first.status).toBe(200);
    const credentials = await readTable(first.data, 'xlsx');
    expect(credentials.headers).toEqual([
      'Họ và tên',
      'Tên đăng nhập',
      'Mật khẩu tạm',
      'Đơn vị',
      'Vai trò',
      'Thư điện tử',
      'Điện thoại',
    ]);
    expect(credentials.rows.map((row) => [row[1], row[3], row[4]])).toEqual([
      [reporter, 'Phường Phố Hiến', 'Cán bộ báo cáo của đơn vị'],
      [head, 'Xã Tân Hưng', 'Thủ trưởng đơn vị'],
    ]);
    const password = credentials.rows[0]?.[2] ?? '';
    const stored = created.find((user) => user.username === reporter);
    expect(await verifyPassword(stored?.passwordHash ?? '', password)).toBe(true);
    const session = await signIn(t.app, reporter, password);
    expect((await session.request('GET', '/api/auth/me')).json.user.mustChangePassword).toBe(true);
    // Once only.
    const again = await download(admin, url);
    expect(again.status).toBe(404);
  });

  it('names every bad row by row, column and reason, and creates nothing (all or nothing)', async () => {
    const good = fresh('tot');
    const taken = fresh('dacoroi');
    await admin.request('POST', '/api/users', { username: taken, fullName: 'Đã có' });
    const twin = fresh('trung');
    // Two active units with the same name: a name alone cannot say which.
    const province = await unitIdByCode(t.database, '33');
    const [provinceRow] = await t.database.db.select().from(units).where(eq(units.id, province));
    for (const code of ['TRUNG.1', 'TRUNG.2']) {
      const [row] = await t.database.db
        .insert(units)
        .values({
          code,
          name: 'Phòng Trùng Tên',
          nameSearch: foldVietnamese('Phòng Trùng Tên'),
          type: 'office',
          parentId: province,
          path: '/',
          validFrom: '2025-07-01',
        })
        .returning({ id: units.id });
      await t.database.db
        .update(units)
        .set({ path: `${provinceRow?.path}${row?.id}/` })
        .where(eq(units.id, row?.id ?? 0));
    }
    const file = await sheet([
      ['Người Tốt', good, '', '', COMMUNE_A, 'Cán bộ báo cáo của đơn vị'],
      ['', fresh('khongten'), '', '', COMMUNE_A, 'Lãnh đạo tỉnh'],
      ['Sai Tên', 'tên có dấu', '', '', COMMUNE_A, 'Lãnh đạo tỉnh'],
      ['Đã Có', taken, '', '', COMMUNE_A, 'Lãnh đạo tỉnh'],
      ['Trùng Một', twin, '', '', COMMUNE_A, 'Lãnh đạo tỉnh'],
      ['Trùng Hai', twin, '', '', COMMUNE_A, 'Lãnh đạo tỉnh'],
      ['Sai Thư', fresh('saithu'), 'khong-phai-thu', '', COMMUNE_A, 'Lãnh đạo tỉnh'],
      ['Sai Số', fresh('saiso'), '', 'gọi tôi', COMMUNE_A, 'Lãnh đạo tỉnh'],
      ['Không Đơn Vị', fresh('khongdv'), '', '', 'Xã Không Có', 'Lãnh đạo tỉnh'],
      ['Hai Đơn Vị', fresh('haidv'), '', '', 'Phòng Trùng Tên', 'Lãnh đạo tỉnh'],
      ['Sai Vai Trò', fresh('saivt'), '', '', COMMUNE_A, 'Chủ tịch'],
      ['Thiếu Vai Trò', fresh('thieuvt'), '', '', COMMUNE_A, ''],
    ]);
    const response = await admin.upload('/api/users/import?dryRun=false', 'tai-khoan.xlsx', file);
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('IMPORT_REJECTED');
    expect(response.json.error.details.rows).toEqual([
      { row: 3, column: 'Họ và tên', reason: 'Vui lòng nhập họ tên.' },
      { row: 4, column: 'Tên đăng nhập', reason: 'Tên đăng nhập chỉ gồm chữ không dấu, số và . _ @ -' },
      { row: 5, column: 'Tên đăng nhập', reason: `Tên đăng nhập "${taken}" đã có tài khoản.` },
      { row: 7, column: 'Tên đăng nhập', reason: 'Tên đăng nhập trùng với dòng 6.' },
      { row: 8, column: 'Thư điện tử', reason: 'Địa chỉ thư điện tử không hợp lệ.' },
      { row: 9, column: 'Điện thoại', reason: 'Số điện thoại không hợp lệ.' },
      {
        row: 10,
        column: 'Đơn vị',
        reason: 'Không tìm thấy đơn vị "Xã Không Có" (tên hoặc mã) đang hoạt động.',
      },
      { row: 11, column: 'Đơn vị', reason: 'Có 2 đơn vị tên "Phòng Trùng Tên": hãy ghi mã đơn vị.' },
      {
        row: 12,
        column: 'Vai trò',
        reason:
          'Vai trò "Chủ tịch" không hợp lệ; dùng một trong: Quản trị hệ thống; Cán bộ điều phối (Sở Nội vụ); Cán bộ báo cáo của đơn vị; Thủ trưởng đơn vị; Thành viên hội đồng thẩm định; Lãnh đạo tỉnh; Văn thư.',
      },
      { row: 13, column: 'Vai trò', reason: 'Vui lòng nhập vai trò.' },
    ]);
    expect(response.json.error.message).toBe(
      'Tệp có 10 lỗi; chưa tạo tài khoản nào. Lỗi đầu tiên — dòng 3, cột "Họ và tên": Vui lòng nhập họ tên.',
    );
    // The good row was not created either.
    expect(await accountsNamed([good, twin])).toEqual([]);
  });

  it('refuses a sheet without the required columns, naming them', async () => {
    const file = await sheet([['Nguyễn Văn A', 'a@x.vn']], ['Họ và tên', 'Thư điện tử']);
    const response = await admin.upload('/api/users/import?dryRun=true', 'tai-khoan.xlsx', file);
    expect(response.status).toBe(400);
    expect(response.json.error.details.rows).toEqual([
      { row: 1, column: 'Tên đăng nhập', reason: 'Thiếu cột bắt buộc.' },
      { row: 1, column: 'Đơn vị', reason: 'Thiếu cột bắt buộc.' },
      { row: 1, column: 'Vai trò', reason: 'Thiếu cột bắt buộc.' },
    ]);
  });

  it('a coordinator of a commune creates accounts in it only, and never an administrator', async () => {
    const coordinator = await signInAs(t, 'coordinator', COMMUNE_A);
    const inside = fresh('trongpv');
    const outside = fresh('ngoaipv');
    const boss = fresh('quantri');
    const refused = await coordinator.upload(
      '/api/users/import?dryRun=false',
      'tai-khoan.xlsx',
      await sheet([
        ['Trong Phạm Vi', inside, '', '', COMMUNE_A, 'Cán bộ báo cáo của đơn vị'],
        ['Ngoài Phạm Vi', outside, '', '', COMMUNE_B, 'Cán bộ báo cáo của đơn vị'],
        ['Quản Trị', boss, '', '', COMMUNE_A, 'Quản trị hệ thống'],
      ]),
    );
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.rows).toEqual([
      { row: 3, column: 'Đơn vị', reason: 'Đơn vị ngoài phạm vi quản lý của bạn.' },
      {
        row: 4,
        column: 'Vai trò',
        reason: 'Chỉ quản trị hệ thống mới cấp được vai trò "Quản trị hệ thống".',
      },
    ]);
    expect(await accountsNamed([inside, outside, boss])).toEqual([]);

    const accepted = await coordinator.upload(
      '/api/users/import?dryRun=false',
      'tai-khoan.xlsx',
      await sheet([['Trong Phạm Vi', inside, '', '', 'Phường Phố Hiến', 'Cán bộ báo cáo của đơn vị']]),
    );
    expect(accepted.status).toBe(200);
    expect((await accountsNamed([inside])).length).toBe(1);
    // The passwords are for the one who imported, no one else.
    const token = accepted.json.credentialsToken;
    expect((await download(admin, `/api/users/import/credentials/${token}`)).status).toBe(404);
    expect((await download(coordinator, `/api/users/import/credentials/${token}`)).status).toBe(200);
    // Nor may a coordinator make an administrator through a grant.
    const [created] = await accountsNamed([inside]);
    const grant = await coordinator.request('POST', `/api/users/${created?.id}/grants`, {
      role: 'admin',
      unitId: await unitIdByCode(t.database, COMMUNE_A),
    });
    expect(grant.status).toBe(403);
  });

  it('the template has the columns the import reads, and imports as it is', async () => {
    const template = await download(admin, '/api/users/import-template');
    expect(template.status).toBe(200);
    const table = await readTable(template.data, 'xlsx');
    expect(table.headers).toEqual(HEADERS);
    const preview = await admin.upload('/api/users/import?dryRun=true', 'mau.xlsx', template.data);
    expect(preview.status).toBe(200);
    expect(preview.json.accounts).toMatchObject([{ unitName: 'Phường Phố Hiến', role: 'unit_reporter' }]);
  });
});

describe("a unit head's account from the unit", () => {
  it('creates the account with the unit-head role and a temporary password; outside the scope it is refused', async () => {
    const unitId = await unitIdByCode(t.database, COMMUNE_A);
    const username = fresh('chutich');
    const created = await admin.request('POST', `/api/units/${unitId}/head-account`, {
      username,
      fullName: 'Lê Văn Cường',
      email: 'cuong@hungyen.gov.vn',
      phone: '0912 345 678',
    });
    expect(created.status).toBe(201);
    expect(created.json.user).toMatchObject({
      username,
      fullName: 'Lê Văn Cường',
      email: 'cuong@hungyen.gov.vn',
      phone: '0912 345 678',
      grants: [{ role: 'unit_head', unitId, unitName: 'Phường Phố Hiến' }],
    });
    const session = await signIn(t.app, username, created.json.temporaryPassword);
    expect((await session.request('GET', '/api/auth/me')).json.user.mustChangePassword).toBe(true);

    const again = await admin.request('POST', `/api/units/${unitId}/head-account`, {
      username,
      fullName: 'Lê Văn Cường',
    });
    expect(again.status).toBe(400);
    expect(again.json.error.details.fields).toEqual([
      { path: 'username', message: `Tên đăng nhập "${username}" đã tồn tại.` },
    ]);

    const coordinator = await signInAs(t, 'coordinator', COMMUNE_B);
    const refused = await coordinator.request('POST', `/api/units/${unitId}/head-account`, {
      username: fresh('ngoai'),
      fullName: 'Ngoài Phạm Vi',
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toBe('Đơn vị ngoài phạm vi quản lý của bạn.');
  });
});
