import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable, writeWorkbook } from '../../server/files/tabular.ts';
import { apiAs, launchBrowser, type RunningServer, signInAs, startServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
let folder: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'vi-VN', acceptDownloads: true });
  folder = mkdtempSync(join(tmpdir(), 'chiso-e2e-accounts-'));
  await signInAs(page, server, 'admin');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const HEADERS = ['Họ và tên', 'Tên đăng nhập', 'Thư điện tử', 'Điện thoại', 'Đơn vị', 'Vai trò'];
async function sheetFile(name: string, rows: string[][]): Promise<string> {
  const path = join(folder, name);
  writeFileSync(path, await writeWorkbook([{ name: 'Tài khoản', headers: HEADERS, rows }]));
  return path;
}

async function signInStatus(username: string, password: string) {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, json: (await response.json()) as any };
}

describe('accounts for a province on the first day', () => {
  it('imports a sheet of accounts: a bad row is named, then a good sheet is previewed, created and its passwords downloaded once', async () => {
    await page.goto(`${server.url}/users`);
    await page.getByRole('button', { name: 'Nhập tài khoản từ tệp' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nhập tài khoản từ tệp' });
    await dialog.locator('input[type="file"]').setInputFiles(
      await sheetFile('sai.xlsx', [
        ['Phạm Thị Mai', 'mai.phamthi', '', '', 'Phường Phố Hiến', 'Cán bộ báo cáo của đơn vị'],
        ['Vũ Văn Nam', 'nam.vuvan', '', '', 'Xã Không Có', 'Thủ trưởng đơn vị'],
      ]),
    );
    await dialog.getByRole('button', { name: 'Xem trước' }).click();
    await dialog
      .getByRole('cell', { name: 'Không tìm thấy đơn vị "Xã Không Có" (tên hoặc mã) đang hoạt động.' })
      .waitFor();
    await dialog.getByRole('cell', { name: '3', exact: true }).waitFor();
    await dialog.getByRole('cell', { name: 'Đơn vị', exact: true }).waitFor();
    expect(await dialog.getByRole('button', { name: /^Tạo \d+ tài khoản$/ }).isDisabled()).toBe(true);

    await dialog.locator('input[type="file"]').setInputFiles(
      await sheetFile('dung.xlsx', [
        [
          'Phạm Thị Mai',
          'mai.phamthi',
          'mai@hungyen.gov.vn',
          '0221 3555 111',
          'Phường Phố Hiến',
          'Cán bộ báo cáo của đơn vị',
        ],
        ['Vũ Văn Nam', 'nam.vuvan', '', '', '11977', 'Thủ trưởng đơn vị'],
      ]),
    );
    await dialog.getByRole('button', { name: 'Xem trước' }).click();
    await dialog.getByText('Tệp hợp lệ: 2 tài khoản sẽ được tạo. Chưa có gì được ghi.').waitFor();
    await dialog.getByRole('cell', { name: 'Xã Tân Hưng' }).waitFor();
    await dialog.getByRole('cell', { name: 'Thủ trưởng đơn vị' }).waitFor();
    await dialog.getByRole('button', { name: 'Tạo 2 tài khoản' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: 'chỉ tải được một lần' });
    await confirm.getByRole('button', { name: 'Tạo 2 tài khoản' }).click();
    await dialog.getByText('Đã tạo 2 tài khoản.').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('link', { name: 'Tải danh sách mật khẩu tạm (.xlsx, một lần)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('tai-khoan-moi-mat-khau-tam.xlsx');
    const table = await readTable(readFileSync((await download.path()) as string), 'xlsx');
    expect(table.rows.map((row) => [row[0], row[1], row[3], row[4]])).toEqual([
      ['Phạm Thị Mai', 'mai.phamthi', 'Phường Phố Hiến', 'Cán bộ báo cáo của đơn vị'],
      ['Vũ Văn Nam', 'nam.vuvan', 'Xã Tân Hưng', 'Thủ trưởng đơn vị'],
    ]);
    await dialog.getByText('Đã tải danh sách mật khẩu tạm.', { exact: false }).waitFor();
    // The printed password opens the account, which must change it first.
    const signedIn = await signInStatus('nam.vuvan', table.rows[1]?.[2] ?? '');
    expect(signedIn.status).toBe(200);
    expect(signedIn.json.user.mustChangePassword).toBe(true);
    await dialog.getByRole('button', { name: 'Xong' }).click();
    await page.getByRole('cell', { name: 'mai.phamthi' }).waitFor();
  });

  it("gives a unit's head an account from the unit's page, prefilled from the unit", async () => {
    const admin = await apiAs(server, 'admin');
    const units = await admin('GET', '/api/units?q=Phố Hiến&perPage=5');
    const unitId = units.json.items.find((unit: { code: string }) => unit.code === '11953').id;
    const unit = (await admin('GET', `/api/units/${unitId}`)).json;
    const saved = await admin('PATCH', `/api/units/${unitId}`, {
      ...unit,
      headName: 'Đỗ Thị Hoa',
      headEmail: 'hoa.dothi@hungyen.gov.vn',
      headPhone: '0912 000 111',
    });
    expect(saved.status).toBe(200);

    await page.goto(`${server.url}/units`);
    await page.getByText('Ủy ban nhân dân tỉnh Hưng Yên').first().click();
    await page.getByText('Phường Phố Hiến').first().click();
    await page.getByRole('heading', { name: 'Phường Phố Hiến' }).waitFor();
    await page.getByRole('button', { name: 'Tạo tài khoản cho thủ trưởng' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tạo tài khoản cho thủ trưởng' });
    expect(await dialog.getByLabel('Họ tên').inputValue()).toBe('Đỗ Thị Hoa');
    expect(await dialog.getByLabel('Tên đăng nhập').inputValue()).toBe('hoa.dothi');
    expect(await dialog.getByLabel('Thư điện tử').inputValue()).toBe('hoa.dothi@hungyen.gov.vn');
    expect(await dialog.getByLabel('Điện thoại').inputValue()).toBe('0912 000 111');
    await dialog.getByRole('button', { name: 'Tạo tài khoản cho thủ trưởng' }).click();
    const shown = page.getByRole('dialog', { name: 'Mật khẩu tạm' });
    const password = (await shown.locator('code').textContent())?.trim() ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    const signedIn = await signInStatus('hoa.dothi', password);
    expect(signedIn.status).toBe(200);
    expect(signedIn.json.user.grants).toEqual([
      expect.objectContaining({ role: 'unit_head', unitId, unitName: 'Phường Phố Hiến' }),
    ]);
    await shown.getByRole('button', { name: 'OK' }).click();
  });

  it('resets a password and takes away a role only after a confirmation that names the person, the role and the unit', async () => {
    const admin = await apiAs(server, 'admin');
    const units = await admin('GET', '/api/units?q=Phố Hiến&perPage=5');
    const unitId = units.json.items.find((unit: { code: string }) => unit.code === '11953').id;
    const made = await admin('POST', '/api/users', {
      username: 'lan.tranthi',
      fullName: 'Trần Thị Lan',
      email: 'lan.tranthi@hungyen.gov.vn',
    });
    expect(made.status).toBe(201);
    const granted = await admin('POST', `/api/users/${made.json.user.id}/grants`, {
      role: 'unit_reporter',
      unitId,
    });
    expect(granted.status).toBeLessThan(300);
    const grantsOf = async () =>
      (await admin('GET', '/api/users?q=lan.tranthi')).json.items[0].grants as { role: string }[];
    await page.goto(`${server.url}/users`);
    await page.getByRole('searchbox').fill('lan.tranthi');
    const row = page.getByRole('row').filter({ hasText: 'lan.tranthi' });
    await row.waitFor();

    // Cancelled: nothing changes.
    await row.getByRole('button', { name: /^Gỡ quyền/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Gỡ vai trò' });
    await confirm
      .getByText(/Gỡ vai trò Cán bộ báo cáo của đơn vị tại Phường Phố Hiến của Trần Thị Lan/)
      .waitFor();
    await confirm.getByRole('button', { name: 'Hủy' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await grantsOf()).map((grant) => grant.role)).toEqual(['unit_reporter']);

    await row.getByRole('button', { name: '⋯' }).click();
    await page.getByRole('menuitem', { name: 'Đặt lại mật khẩu' }).click();
    const reset = page.getByRole('dialog', { name: 'Đặt lại mật khẩu' });
    await reset.getByText(/Đặt lại mật khẩu của Trần Thị Lan: mật khẩu hiện tại hết hiệu lực ngay/).waitFor();
    await reset.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    const shown = page.getByRole('dialog', { name: 'Mật khẩu tạm' });
    const password = (await shown.locator('code').textContent())?.trim() ?? '';
    expect((await signInStatus('lan.tranthi', password)).status).toBe(200);
    await shown.getByRole('button', { name: 'OK' }).click();

    await row.getByRole('button', { name: /^Gỡ quyền/ }).click();
    await confirm.getByRole('button', { name: 'Gỡ quyền' }).click();
    await confirm.waitFor({ state: 'detached' });
    await row.getByText('Cán bộ báo cáo của đơn vị').waitFor({ state: 'detached' });
    expect(await grantsOf()).toEqual([]);
  });
});
