import { firstZodMessage, type Msg, msg, type RowIssue } from '../errors.ts';
import { foldVietnamese } from '../text/vietnamese.ts';
import { email, phone } from '../units/unit-schemas.ts';
import { fullName, username } from './account-schemas.ts';
import { ROLE_NAMES, ROLES, type Role } from './roles.ts';

/**
 * Checks the rows of an account import sheet (one account and one role a row) without touching the
 * database: every bad cell is named by row, column and reason, and a sheet with any bad row is refused.
 * The unit is given by its code or its name; the role in words, as `ROLES` names it.
 */
export const ACCOUNT_IMPORT_COLUMNS = ['fullName', 'username', 'email', 'phone', 'unit', 'role'] as const;
export type AccountImportColumn = (typeof ACCOUNT_IMPORT_COLUMNS)[number];

export const ACCOUNT_COLUMN_TITLES_VI: Record<AccountImportColumn, string> = {
  fullName: 'Họ và tên',
  username: 'Tên đăng nhập',
  email: 'Thư điện tử',
  phone: 'Điện thoại',
  unit: 'Đơn vị',
  role: 'Vai trò',
};

/** Column titles as people write them, folded (no diacritics, lower case). */
const HEADER_ALIASES: Record<string, AccountImportColumn> = {
  'ho va ten': 'fullName',
  'ho ten': 'fullName',
  'full name': 'fullName',
  fullname: 'fullName',
  'ten dang nhap': 'username',
  username: 'username',
  'thu dien tu': 'email',
  email: 'email',
  'e-mail': 'email',
  'dien thoai': 'phone',
  'so dien thoai': 'phone',
  phone: 'phone',
  'don vi': 'unit',
  'ma don vi': 'unit',
  'ten don vi': 'unit',
  unit: 'unit',
  'vai tro': 'role',
  role: 'role',
};

const ROLE_ALIASES: Record<string, Role> = {
  ...Object.fromEntries(
    ROLE_NAMES.flatMap((role) => [
      [foldVietnamese(ROLES[role].vi), role],
      [foldVietnamese(ROLES[role].en), role],
      [role, role],
    ]),
  ),
  'quan tri': 'admin',
  'can bo dieu phoi': 'coordinator',
  'dieu phoi': 'coordinator',
  'can bo bao cao': 'unit_reporter',
  'bao cao': 'unit_reporter',
  'thu truong': 'unit_head',
  'thanh vien hoi dong tham dinh': 'appraiser',
  'tham dinh': 'appraiser',
  'lanh dao': 'leader',
};

export function mapAccountHeader(header: string): AccountImportColumn | null {
  return HEADER_ALIASES[foldVietnamese(header).replace(/[*:]/g, '').replace(/\s+/g, ' ').trim()] ?? null;
}

export function parseRole(value: string): Role | null {
  return ROLE_ALIASES[foldVietnamese(value).replace(/\s+/g, ' ').trim()] ?? null;
}

/** An active unit the sheet may name. */
export interface ImportUnit {
  id: number;
  code: string | null;
  name: string;
  path: string;
}

export interface ImportedAccount {
  row: number;
  fullName: string;
  username: string;
  email: string | null;
  phone: string | null;
  unit: ImportUnit;
  role: Role;
}

export interface AccountImportContext {
  units: readonly ImportUnit[];
  /** Usernames already taken (lower case). */
  existingUsernames: ReadonlySet<string>;
  /** Why the importing user may not give this role on this unit (and which cell is at fault), or null. */
  refusal: (unit: ImportUnit, role: Role) => { column: 'unit' | 'role'; reason: Msg } | null;
}

/**
 * `headers` are the sheet's first row; `rows` the rows after it. Rows count the header as row 1, as a
 * spreadsheet shows them; empty rows are skipped.
 */
export function validateAccountImport(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  context: AccountImportContext,
): { accounts: ImportedAccount[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const columnIndex = new Map<AccountImportColumn, number>();
  headers.forEach((header, index) => {
    const column = mapAccountHeader(header);
    if (column && !columnIndex.has(column)) columnIndex.set(column, index);
  });
  for (const required of ['fullName', 'username', 'unit', 'role'] as const) {
    if (!columnIndex.has(required))
      issues.push({
        row: 1,
        column: ACCOUNT_COLUMN_TITLES_VI[required],
        reason: msg('Thiếu cột bắt buộc.', 'A required column is missing.'),
      });
  }
  if (issues.length > 0) return { accounts: [], issues };

  const byCode = new Map<string, ImportUnit>();
  const byName = new Map<string, ImportUnit[]>();
  for (const unit of context.units) {
    if (unit.code) byCode.set(unit.code.toLowerCase(), unit);
    const key = foldVietnamese(unit.name);
    byName.set(key, [...(byName.get(key) ?? []), unit]);
  }
  const cell = (cells: readonly string[], column: AccountImportColumn) => {
    const index = columnIndex.get(column);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };

  const accounts: ImportedAccount[] = [];
  const usernamesInFile = new Map<string, number>();
  rows.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((value) => value.trim() === '')) return;
    const rowIssues: RowIssue[] = [];
    const fail = (column: AccountImportColumn, reason: Msg) =>
      rowIssues.push({ row, column: ACCOUNT_COLUMN_TITLES_VI[column], reason });

    const name = fullName.safeParse(cell(cells, 'fullName'));
    if (!name.success) fail('fullName', firstZodMessage(name));
    const login = username.safeParse(cell(cells, 'username'));
    if (!login.success) fail('username', firstZodMessage(login));
    else if (usernamesInFile.has(login.data))
      fail(
        'username',
        msg(
          `Tên đăng nhập trùng với dòng ${usernamesInFile.get(login.data)}.`,
          `The username repeats row ${usernamesInFile.get(login.data)}.`,
        ),
      );
    else if (context.existingUsernames.has(login.data))
      fail(
        'username',
        msg(
          `Tên đăng nhập "${login.data}" đã có tài khoản.`,
          `The username "${login.data}" already has an account.`,
        ),
      );
    if (login.success && !usernamesInFile.has(login.data)) usernamesInFile.set(login.data, row);
    const mail = email.safeParse(cell(cells, 'email'));
    if (!mail.success) fail('email', firstZodMessage(mail));
    const tel = phone.safeParse(cell(cells, 'phone'));
    if (!tel.success) fail('phone', firstZodMessage(tel));

    const unitText = cell(cells, 'unit');
    let unit: ImportUnit | undefined;
    if (!unitText) fail('unit', msg('Vui lòng nhập tên hoặc mã đơn vị.', 'Enter the unit’s name or code.'));
    else {
      const named = byName.get(foldVietnamese(unitText)) ?? [];
      unit = byCode.get(unitText.toLowerCase()) ?? (named.length === 1 ? named[0] : undefined);
      if (!unit && named.length > 1)
        fail(
          'unit',
          msg(
            `Có ${named.length} đơn vị tên "${unitText}": hãy ghi mã đơn vị.`,
            `${named.length} units are named "${unitText}": write the unit’s code.`,
          ),
        );
      else if (!unit)
        fail(
          'unit',
          msg(
            `Không tìm thấy đơn vị "${unitText}" (tên hoặc mã) đang hoạt động.`,
            `No active unit "${unitText}" (name or code) was found.`,
          ),
        );
    }
    const roleText = cell(cells, 'role');
    const role = roleText ? parseRole(roleText) : null;
    if (!roleText) fail('role', msg('Vui lòng nhập vai trò.', 'Enter the role.'));
    else if (!role)
      fail(
        'role',
        msg(
          `Vai trò "${roleText}" không hợp lệ; dùng một trong: ${ROLE_NAMES.map((r) => ROLES[r].vi).join('; ')}.`,
          `The role "${roleText}" is not valid; use one of: ${ROLE_NAMES.map((r) => ROLES[r].vi).join('; ')}.`,
        ),
      );
    const refusal = unit && role ? context.refusal(unit, role) : null;
    if (refusal) fail(refusal.column, refusal.reason);

    if (rowIssues.length > 0 || !name.success || !login.success || !mail.success || !tel.success) {
      issues.push(...rowIssues);
      return;
    }
    if (!unit || !role) return;
    accounts.push({
      row,
      fullName: name.data,
      username: login.data,
      email: mail.data ?? null,
      phone: tel.data ?? null,
      unit,
      role,
    });
  });
  if (accounts.length === 0 && issues.length === 0)
    issues.push({
      row: 2,
      column: '',
      reason: msg('Tệp không có dòng dữ liệu nào.', 'The file has no data rows.'),
    });
  return { accounts: issues.length > 0 ? [] : accounts, issues };
}
