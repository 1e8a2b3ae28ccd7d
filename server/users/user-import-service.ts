import { randomBytes } from 'node:crypto';
import { isNull } from 'drizzle-orm';
import {
  ACCOUNT_COLUMN_TITLES_VI,
  ACCOUNT_IMPORT_COLUMNS,
  type ImportedAccount,
  type ImportUnit,
  validateAccountImport,
} from '../../core/auth/account-import.ts';
import type { AccountImportResult } from '../../core/auth/account-views.ts';
import {
  type Grant,
  hasPermissionOn,
  isWithin,
  ROLE_NAMES,
  ROLES,
  type Role,
} from '../../core/auth/roles.ts';
import { AppError, importRejected, type Msg, msg, type RowIssue } from '../../core/errors.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { mutate } from '../audit/audit-log.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import { roleGrants, units, users } from '../db/schema/index.ts';
import { readTable, type TabularFormat, writeWorkbook } from '../files/tabular.ts';
import type { UserContext } from './user-access.ts';

/**
 * Accounts and their roles from a sheet (.xlsx or .csv), all or nothing: the preview names every bad
 * row; the import creates every account with a generated temporary password (changed at first
 * sign-in) and keeps the list of passwords for one download. The head of a unit gets an account the
 * same way, one row.
 */
type ImportedAccountView = AccountImportResult['accounts'][number];

/** Only an administrator on the unit gives the administrator role; anyone else, within their scope. */
export function grantRefusal(
  grants: readonly Grant[],
  unitPath: string,
  role: Role,
): { column: 'unit' | 'role'; reason: Msg } | null {
  if (!hasPermissionOn(grants, 'users.write', unitPath))
    return {
      column: 'unit',
      reason: msg('Đơn vị ngoài phạm vi quản lý của bạn.', 'The unit is outside the scope you manage.'),
    };
  if (role === 'admin' && !grants.some((g) => g.role === 'admin' && isWithin(unitPath, g.unitPath)))
    return {
      column: 'role',
      reason: msg(
        'Chỉ quản trị hệ thống mới cấp được vai trò "Quản trị hệ thống".',
        'Only a system administrator can grant the "System administrator" role.',
      ),
    };
  return null;
}

const rejected = (issues: RowIssue[]) =>
  importRejected(issues, msg('chưa tạo tài khoản nào', 'no account was created'));

function present(account: ImportedAccount): ImportedAccountView {
  return {
    row: account.row,
    fullName: account.fullName,
    username: account.username,
    email: account.email,
    phone: account.phone,
    unitId: account.unit.id,
    unitName: account.unit.name,
    role: account.role,
  };
}

/** Checks the sheet against the database and the user's scope; with `dryRun` false, creates the accounts. */
export async function importAccounts(
  ctx: UserContext,
  file: { data: Buffer; format: TabularFormat },
  options: { dryRun: boolean },
): Promise<AccountImportResult> {
  const table = await readTable(file.data, file.format);
  const active: ImportUnit[] = await ctx.db
    .select({ id: units.id, code: units.code, name: units.name, path: units.path })
    .from(units)
    .where(isNull(units.validTo));
  const taken = await ctx.db.select({ username: users.username }).from(users);
  const { accounts, issues } = validateAccountImport(table.headers, table.rows, {
    units: active,
    existingUsernames: new Set(taken.map((row) => row.username)),
    refusal: (unit, role) => grantRefusal(ctx.user.grants, unit.path, role),
  });
  if (issues.length > 0) throw rejected(issues);
  if (options.dryRun)
    return { dryRun: true, count: accounts.length, accounts: accounts.map(present), credentialsToken: null };
  const created = await createAccounts(ctx, accounts, 'user.imported');
  return {
    dryRun: false,
    count: accounts.length,
    accounts: accounts.map(present),
    credentialsToken: keepCredentials(ctx.user.userId, await credentialsWorkbook(created)),
  };
}

export interface CreatedAccount extends ImportedAccount {
  id: number;
  temporaryPassword: string;
}

/**
 * Creates the accounts and their roles in one transaction (a username taken meanwhile refuses them
 * all), each with a temporary password it must change at first sign-in.
 */
export async function createAccounts(
  ctx: UserContext,
  accounts: readonly ImportedAccount[],
  action: 'user.imported' | 'user.head_account_created',
): Promise<CreatedAccount[]> {
  // The hashes run on libuv's threads, several at once, before the transaction holds the database.
  const withPasswords = await Promise.all(
    accounts.map(async (account) => {
      const temporaryPassword = generatePassword(account);
      return { ...account, temporaryPassword, hash: await hashPassword(temporaryPassword) };
    }),
  );
  return mutate(ctx, async (tx, audit) => {
    const inserted = await tx
      .insert(users)
      .values(
        withPasswords.map((account) => ({
          username: account.username,
          fullName: account.fullName,
          fullNameSearch: foldVietnamese(account.fullName),
          email: account.email,
          phone: account.phone,
          passwordHash: account.hash,
          mustChangePassword: true,
        })),
      )
      .onConflictDoNothing({ target: users.username })
      .returning({ id: users.id, username: users.username });
    const idOf = new Map(inserted.map((row) => [row.username, row.id]));
    const clash = withPasswords.filter((account) => !idOf.has(account.username));
    if (clash.length > 0)
      throw rejected(
        clash.map((account) => ({
          row: account.row,
          column: ACCOUNT_COLUMN_TITLES_VI.username,
          reason: msg(
            `Tên đăng nhập "${account.username}" đã có tài khoản.`,
            `The username "${account.username}" already has an account.`,
          ),
        })),
      );
    const created = withPasswords.map(({ hash: _hash, ...account }) => ({
      ...account,
      id: idOf.get(account.username) ?? 0,
    }));
    await tx
      .insert(roleGrants)
      .values(
        created.map((account) => ({ userId: account.id, role: account.role, unitId: account.unit.id })),
      );
    for (const account of created) {
      await audit({
        action,
        entityType: 'user',
        entityId: account.id,
        unitId: account.unit.id,
        after: {
          username: account.username,
          fullName: account.fullName,
          email: account.email,
          phone: account.phone,
          role: account.role,
          unitId: account.unit.id,
          unitName: account.unit.name,
        },
      });
    }
    return created;
  });
}

const CREDENTIAL_HEADERS = [
  'Họ và tên',
  'Tên đăng nhập',
  'Mật khẩu tạm',
  'Đơn vị',
  'Vai trò',
  'Thư điện tử',
  'Điện thoại',
];

function credentialsWorkbook(accounts: readonly CreatedAccount[]): Promise<Buffer> {
  return writeWorkbook([
    {
      name: 'Tài khoản mới',
      headers: CREDENTIAL_HEADERS,
      rows: accounts.map((account) => [
        account.fullName,
        account.username,
        account.temporaryPassword,
        account.unit.name,
        ROLES[account.role].vi,
        account.email ?? '',
        account.phone ?? '',
      ]),
    },
    {
      name: 'Lưu ý',
      headers: ['Lưu ý'],
      rows: [
        ['Mật khẩu tạm chỉ dùng cho lần đăng nhập đầu: hệ thống yêu cầu đổi mật khẩu ngay sau đó.'],
        ['Tệp này chỉ tải được một lần. Hãy gửi riêng cho từng người và xoá tệp sau khi gửi.'],
      ],
    },
  ]);
}

// The passwords leave the server once: kept in memory (never in the database) for one download by
// the person who imported, for at most 15 minutes.
const KEEP_MS = 15 * 60_000;
const kept = new Map<string, { userId: number | null; data: Buffer; until: number }>();

function keepCredentials(userId: number | null, data: Buffer): string {
  const now = Date.now();
  for (const [token, entry] of kept) if (entry.until < now) kept.delete(token);
  const token = randomBytes(24).toString('base64url');
  kept.set(token, { userId, data, until: now + KEEP_MS });
  return token;
}

/** The kept file, once; afterwards (or for someone else) it is not found. */
export function takeCredentials(ctx: UserContext, token: string): Buffer {
  const entry = kept.get(token);
  if (!entry || entry.until < Date.now() || entry.userId !== ctx.user.userId)
    throw new AppError(
      'NOT_FOUND',
      msg(
        'Tệp mật khẩu tạm không còn: tệp chỉ tải được một lần, trong 15 phút sau khi nhập. Hãy đặt lại mật khẩu cho tài khoản cần thiết.',
        'The temporary password file is gone: it can be downloaded once, within 15 minutes of the import. Reset the password of the accounts that need it.',
      ),
    );
  kept.delete(token);
  return entry.data;
}

/** The sheet to fill in, with one example row, and the roles in words on a second sheet. */
export function accountImportTemplate(): Promise<Buffer> {
  return writeWorkbook([
    {
      name: 'Tài khoản',
      headers: ACCOUNT_IMPORT_COLUMNS.map((column) => ACCOUNT_COLUMN_TITLES_VI[column]),
      rows: [
        [
          'Nguyễn Văn An',
          'an.nguyenvan',
          'an.nguyenvan@hungyen.gov.vn',
          '0221 3862 123',
          'Phường Phố Hiến',
          ROLES.unit_reporter.vi,
        ],
      ],
    },
    {
      name: 'Vai trò',
      headers: ['Vai trò (ghi đúng như sau)'],
      rows: ROLE_NAMES.map((role) => [ROLES[role].vi]),
    },
  ]);
}
