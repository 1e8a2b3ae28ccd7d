import { describe, expect, it } from 'vitest';
import { AGENCY_TABLE } from '../plans/agency-table.ts';
import { assigneeNames, groupOfAgency, isInForce, parseGroupKey } from './groups.ts';

describe('group keys', () => {
  it('reads a type or a saved group, and nothing else', () => {
    expect(parseGroupKey('type:commune')).toEqual({ kind: 'type', unitType: 'commune' });
    expect(parseGroupKey('saved:12')).toEqual({ kind: 'saved', id: 12 });
    for (const bad of [
      'type:village',
      'saved:0',
      'saved:-1',
      'saved:2147483648',
      'commune',
      '12',
      'saved:1 ',
    ])
      expect(parseGroupKey(bad), bad).toBeNull();
  });
});

describe('agency names that are groups', () => {
  it('every way a plan writes the communes or the departments, and not a named unit', () => {
    const aliasesOf = (name: string) => AGENCY_TABLE.find((entry) => entry.name === name)?.aliases ?? [];
    expect(aliasesOf('UBND cấp xã').length).toBeGreaterThan(5);
    for (const name of ['UBND cấp xã', 'Ủy ban nhân dân cấp xã', 'ubnd cap xa'])
      expect(groupOfAgency(name), name).toBe('type:commune');
    for (const name of ['Các sở, ban, ngành', 'các sở, ban, ngành'])
      expect(groupOfAgency(name), name).toBe('type:department');
    expect(groupOfAgency('UBND cấp huyện')).toBe('type:district');
    for (const name of [
      'UBND cấp xã',
      'UBND các xã, phường',
      'UBND các xã, phường, đặc khu',
      'Ủy ban nhân dân các xã, phường',
      'Chủ tịch UBND các xã, phường',
      'UBND cac xa, phuong',
    ])
      expect(groupOfAgency(name), name).toBe('type:commune');
    for (const name of [
      'các sở, ban, ngành',
      'các sở, ban, ngành tỉnh',
      'Các sở, ban ngành',
      'các cơ quan chuyên môn thuộc UBND tỉnh',
      'các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh',
      'Thủ trưởng các sở, ban, ngành',
    ])
      expect(groupOfAgency(name), name).toBe('type:department');
    for (const name of ['Sở Nội vụ', 'UBND tỉnh', 'UBND xã Lý Sơn', 'Các ngành, các cấp'])
      expect(groupOfAgency(name), name).toBeNull();
  });
});

describe('in force on a day', () => {
  it('valid_to is the unit’s last day', () => {
    const old = { validFrom: '2008-01-01', validTo: '2025-06-30' };
    const merged = { validFrom: '2025-07-01', validTo: null };
    expect([isInForce(old, '2025-06-30'), isInForce(merged, '2025-06-30')]).toEqual([true, false]);
    expect([isInForce(old, '2025-07-01'), isInForce(merged, '2025-07-01')]).toEqual([false, true]);
  });
});

describe('who a task names', () => {
  const groups = [{ name: 'Tất cả xã, phường', memberCount: 1040 }];
  it('units and groups with their counts for the screen; the document’s words for the .docx', () => {
    expect(assigneeNames([], groups, ['UBND cấp xã'], { withCounts: true })).toEqual([
      'Tất cả xã, phường (1.040)',
    ]);
    expect(assigneeNames([], groups, ['UBND cấp xã'], { documentFirst: true })).toEqual(['UBND cấp xã']);
    expect(assigneeNames([{ name: 'Sở Nội vụ' }], groups, ['Sở Nội vụ', 'UBND cấp xã'])).toEqual([
      'Sở Nội vụ',
      'Tất cả xã, phường',
    ]);
    expect(assigneeNames([], [], ['UBND cấp huyện'])).toEqual(['UBND cấp huyện']);
  });
});
