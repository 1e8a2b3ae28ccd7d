import { describe, expect, it } from 'vitest';
import { validateUnitImport } from './unit-import.ts';
import { currentSuccessors, isMoveAllowed } from './unit-tree.ts';

/** The refusals as a Vietnamese reader reads them. */
const inVietnamese = <T extends { reason: { vi: string } }>(issues: T[]) =>
  issues.map((issue) => ({ ...issue, reason: issue.reason.vi }));

const headers = [
  'Mã đơn vị',
  'Tên đơn vị',
  'Loại đơn vị',
  'Mã đơn vị cấp trên',
  'Ngày hiệu lực',
  'Thư điện tử',
];

describe('unit import validation', () => {
  it('reads Vietnamese headers and type words, and orders parents before children', () => {
    const { units, issues } = validateUnitImport(
      headers,
      [
        ['33.SNV.P1', 'Phòng Cải cách hành chính', 'Phòng', '33.SNV', '01/07/2025', 'cchc@example.vn'],
        ['33.SNV', 'Sở Nội vụ', 'Sở', '33', '', ''],
      ],
      new Set(['33']),
    );
    expect(issues).toEqual([]);
    expect(units.map((unit) => unit.code)).toEqual(['33.SNV', '33.SNV.P1']);
    expect(units[1]).toMatchObject({
      type: 'office',
      validFrom: '2025-07-01',
      headEmail: 'cchc@example.vn',
      row: 2,
    });
  });

  it('names the row, the column and the reason of every bad cell, and keeps nothing', () => {
    const { units, issues } = validateUnitImport(
      headers,
      [
        ['X1', 'Xã Một', 'Xã', '33', '31/02/2025', ''],
        ['X2', '', 'Hợp tác xã', '99', '', 'not-an-email'],
        ['X1', 'Xã trùng', 'Xã', '33', '', ''],
      ],
      new Set(['33']),
    );
    expect(units).toEqual([]);
    expect(inVietnamese(issues)).toEqual([
      { row: 2, column: 'Ngày hiệu lực', reason: expect.stringContaining('31/02/2025') },
      { row: 3, column: 'Tên đơn vị', reason: 'Vui lòng nhập tên đơn vị.' },
      { row: 3, column: 'Loại đơn vị', reason: expect.stringContaining('Hợp tác xã') },
      { row: 3, column: 'Thư điện tử', reason: 'Địa chỉ thư điện tử không hợp lệ.' },
      { row: 4, column: 'Mã đơn vị', reason: 'Mã trùng với dòng 2.' },
    ]);
  });

  it('refuses a file without the required columns or without rows', () => {
    expect(inVietnamese(validateUnitImport(['Tên'], [['A']], new Set()).issues)).toEqual([
      { row: 1, column: 'Mã đơn vị', reason: 'Thiếu cột bắt buộc.' },
      { row: 1, column: 'Loại đơn vị', reason: 'Thiếu cột bắt buộc.' },
    ]);
    expect(validateUnitImport(headers, [], new Set()).issues[0]?.reason.vi).toMatch(/không có dòng/);
  });

  it('refuses an unknown parent code', () => {
    const { issues } = validateUnitImport(headers, [['A', 'Đơn vị A', 'Phòng', 'NOPE', '', '']], new Set());
    expect(inVietnamese(issues)).toEqual([
      { row: 2, column: 'Mã đơn vị cấp trên', reason: 'Không tìm thấy đơn vị cấp trên có mã "NOPE".' },
    ]);
  });
});

describe('unit tree', () => {
  it('refuses moving a unit under itself or its descendants', () => {
    expect(isMoveAllowed('/1/5/', '/1/5/9/')).toBe(false);
    expect(isMoveAllowed('/1/5/', '/1/5/')).toBe(false);
    expect(isMoveAllowed('/1/5/', '/1/6/')).toBe(true);
  });

  it('follows successor links to the units that exist today, through several reorganisations', () => {
    const links = [
      { predecessorId: 1, successorId: 2 },
      { predecessorId: 2, successorId: 3 },
      { predecessorId: 2, successorId: 4 },
      { predecessorId: 9, successorId: 8 },
      { predecessorId: 8, successorId: 9 },
    ];
    const active = new Set([3, 4]);
    expect(currentSuccessors(1, links, (id) => active.has(id))).toEqual([3, 4]);
    expect(currentSuccessors(3, links, (id) => active.has(id))).toEqual([3]);
    expect(currentSuccessors(9, links, () => false)).toEqual([]);
  });
});
