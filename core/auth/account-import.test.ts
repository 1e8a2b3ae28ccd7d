import { describe, expect, it } from 'vitest';
import { msg } from '../errors.ts';
import { mapAccountHeader, parseRole, validateAccountImport } from './account-import.ts';

/** The refusals as a Vietnamese reader reads them. */
const inVietnamese = <T extends { reason: { vi: string } }>(issues: T[]) =>
  issues.map((issue) => ({ ...issue, reason: issue.reason.vi }));

const UNITS = [
  { id: 1, code: '11953', name: 'Phường Phố Hiến', path: '/1/2/' },
  { id: 2, code: 'P.1', name: 'Phòng Tư pháp', path: '/1/3/' },
  { id: 3, code: 'P.2', name: 'Phòng Tư pháp', path: '/1/4/' },
];
const HEADERS = ['Họ và tên', 'Tên đăng nhập', 'Thư điện tử', 'Điện thoại', 'Đơn vị', 'Vai trò'];
const context = { units: UNITS, existingUsernames: new Set(['admin']), refusal: () => null };

describe('account import sheet', () => {
  it('reads column titles and roles as people write them, with or without diacritics', () => {
    expect(
      ['HỌ VÀ TÊN', 'Ho ten', 'Tên đăng nhập*', 'Số điện thoại', 'E-mail', 'Mã đơn vị'].map(mapAccountHeader),
    ).toEqual(['fullName', 'fullName', 'username', 'phone', 'email', 'unit']);
    expect(
      ['Cán bộ báo cáo của đơn vị', 'thu truong don vi', 'Thủ trưởng', 'Unit head', 'leader', 'Chủ tịch'].map(
        parseRole,
      ),
    ).toEqual(['unit_reporter', 'unit_head', 'unit_head', 'unit_head', 'leader', null]);
  });

  it('finds the unit by code (any case) or by a name only one unit has', () => {
    const { accounts, issues } = validateAccountImport(
      HEADERS,
      [
        ['Nguyễn An', 'an.nguyen', '', '', 'phường phố hiến', 'Lãnh đạo tỉnh'],
        ['Trần Bình', 'binh.tran', '', '', 'p.2', 'Lãnh đạo tỉnh'],
        ['', '', '', '', '', ''],
      ],
      context,
    );
    expect(issues).toEqual([]);
    expect(accounts.map((account) => [account.row, account.username, account.unit.id])).toEqual([
      [2, 'an.nguyen', 1],
      [3, 'binh.tran', 3],
    ]);
  });

  it('refuses the whole sheet for one bad row, and names the refusal the caller gives', () => {
    const { accounts, issues } = validateAccountImport(
      HEADERS,
      [
        ['Nguyễn An', 'an.nguyen', '', '', '11953', 'Lãnh đạo tỉnh'],
        ['Trần Bình', 'admin', '', '', 'Phòng Tư pháp', 'Lãnh đạo tỉnh'],
        ['Lê Cúc', 'cuc.le', '', '', 'P.1', 'Quản trị hệ thống'],
      ],
      {
        ...context,
        refusal: (_unit, role) =>
          role === 'admin' ? { column: 'role', reason: msg('Không được.', 'No.') } : null,
      },
    );
    expect(accounts).toEqual([]);
    expect(inVietnamese(issues)).toEqual([
      { row: 3, column: 'Tên đăng nhập', reason: 'Tên đăng nhập "admin" đã có tài khoản.' },
      { row: 3, column: 'Đơn vị', reason: 'Có 2 đơn vị tên "Phòng Tư pháp": hãy ghi mã đơn vị.' },
      { row: 4, column: 'Vai trò', reason: 'Không được.' },
    ]);
  });

  it('an empty sheet is an error, not zero accounts created', () => {
    expect(inVietnamese(validateAccountImport(HEADERS, [], context).issues)).toEqual([
      { row: 2, column: '', reason: 'Tệp không có dòng dữ liệu nào.' },
    ]);
  });
});
