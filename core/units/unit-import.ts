import { firstZodMessage, type Msg, msg, type RowIssue } from '../errors.ts';
import { parseDate } from '../text/dates.ts';
import { foldVietnamese } from '../text/vietnamese.ts';
import { unitFields } from './unit-schemas.ts';
import { UNIT_TYPE_ALIASES, type UnitType } from './unit-types.ts';

/**
 * Checks the rows of a unit import file (already read into header → cell records) without touching
 * the database: every bad cell is reported by row and column, and a file with any bad row is refused.
 */
export const IMPORT_COLUMNS = [
  'code',
  'name',
  'type',
  'parentCode',
  'validFrom',
  'headName',
  'headTitle',
  'headPhone',
  'headEmail',
  'address',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Vietnamese column titles users put in their spreadsheets, folded, mapped to our columns. */
const HEADER_ALIASES: Record<string, ImportColumn> = {
  code: 'code',
  ma: 'code',
  'ma don vi': 'code',
  name: 'name',
  ten: 'name',
  'ten don vi': 'name',
  type: 'type',
  loai: 'type',
  'loai don vi': 'type',
  parentcode: 'parentCode',
  'ma don vi cap tren': 'parentCode',
  'ma cap tren': 'parentCode',
  'ma don vi cha': 'parentCode',
  validfrom: 'validFrom',
  'ngay hieu luc': 'validFrom',
  'hieu luc tu': 'validFrom',
  headname: 'headName',
  'thu truong': 'headName',
  'nguoi dung dau': 'headName',
  'ho ten thu truong': 'headName',
  headtitle: 'headTitle',
  'chuc vu': 'headTitle',
  headphone: 'headPhone',
  'dien thoai': 'headPhone',
  'so dien thoai': 'headPhone',
  heademail: 'headEmail',
  email: 'headEmail',
  'thu dien tu': 'headEmail',
  address: 'address',
  'dia chi': 'address',
};

export const COLUMN_TITLES_VI: Record<ImportColumn, string> = {
  code: 'Mã đơn vị',
  name: 'Tên đơn vị',
  type: 'Loại đơn vị',
  parentCode: 'Mã đơn vị cấp trên',
  validFrom: 'Ngày hiệu lực',
  headName: 'Thủ trưởng',
  headTitle: 'Chức vụ',
  headPhone: 'Điện thoại',
  headEmail: 'Thư điện tử',
  address: 'Địa chỉ',
};

export interface ImportedUnitRow {
  row: number;
  code: string;
  name: string;
  type: UnitType;
  parentCode: string | null;
  validFrom: string | null;
  headName: string | null;
  headTitle: string | null;
  headPhone: string | null;
  headEmail: string | null;
  address: string | null;
}

export function mapHeader(header: string): ImportColumn | null {
  const key = foldVietnamese(header).replace(/[*:]/g, '').trim();
  return HEADER_ALIASES[key] ?? HEADER_ALIASES[key.replace(/\s+/g, '')] ?? null;
}

export function parseUnitType(value: string): UnitType | null {
  return UNIT_TYPE_ALIASES[foldVietnamese(value)] ?? null;
}

/**
 * `headers` are the file's first-row titles; `rows` the following rows as arrays of cells; row numbers
 * count the header as row 1, as a spreadsheet shows them. `existingCodes` are the active units' codes.
 */
export function validateUnitImport(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  existingCodes: ReadonlySet<string>,
): { units: ImportedUnitRow[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const columnIndex = new Map<ImportColumn, number>();
  headers.forEach((header, index) => {
    const column = mapHeader(header);
    if (column && !columnIndex.has(column)) columnIndex.set(column, index);
  });
  for (const required of ['code', 'name', 'type'] as const) {
    if (!columnIndex.has(required)) {
      issues.push({
        row: 1,
        column: COLUMN_TITLES_VI[required],
        reason: msg('Thiếu cột bắt buộc.', 'A required column is missing.'),
      });
    }
  }
  if (issues.length > 0) return { units: [], issues };
  if (rows.length === 0) {
    return {
      units: [],
      issues: [
        { row: 2, column: '', reason: msg('Tệp không có dòng dữ liệu nào.', 'The file has no data rows.') },
      ],
    };
  }

  const cell = (cells: readonly string[], column: ImportColumn) => {
    const index = columnIndex.get(column);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const units: ImportedUnitRow[] = [];
  const codesInFile = new Map<string, number>();

  rows.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((value) => value.trim() === '')) return;
    const rowIssues: RowIssue[] = [];
    const fail = (column: ImportColumn, reason: Msg) =>
      rowIssues.push({ row, column: COLUMN_TITLES_VI[column], reason });

    const code = unitFields.code.safeParse(cell(cells, 'code'));
    if (!code.success) fail('code', firstZodMessage(code));
    else if (!code.data) fail('code', msg('Vui lòng nhập mã đơn vị.', 'Enter the unit code.'));
    else if (codesInFile.has(code.data))
      fail(
        'code',
        msg(
          `Mã trùng với dòng ${codesInFile.get(code.data)}.`,
          `The code repeats row ${codesInFile.get(code.data)}.`,
        ),
      );
    const name = unitFields.name.safeParse(cell(cells, 'name'));
    if (!name.success) fail('name', firstZodMessage(name));
    const type = parseUnitType(cell(cells, 'type'));
    if (!type)
      fail(
        'type',
        msg(
          `Loại đơn vị "${cell(cells, 'type')}" không hợp lệ.`,
          `The unit type "${cell(cells, 'type')}" is not valid.`,
        ),
      );
    const parentCode = cell(cells, 'parentCode') || null;
    if (parentCode && parentCode === cell(cells, 'code'))
      fail(
        'parentCode',
        msg('Đơn vị không thể là cấp trên của chính nó.', 'A unit cannot be its own parent.'),
      );
    const validFromText = cell(cells, 'validFrom');
    const validFrom = validFromText ? parseDate(validFromText) : null;
    if (validFromText && !validFrom)
      fail(
        'validFrom',
        msg(
          `Ngày "${validFromText}" không hợp lệ (dd/mm/yyyy).`,
          `The date "${validFromText}" is not valid (dd/mm/yyyy).`,
        ),
      );
    const optional = {
      headName: unitFields.headName.safeParse(cell(cells, 'headName')),
      headTitle: unitFields.headTitle.safeParse(cell(cells, 'headTitle')),
      headPhone: unitFields.headPhone.safeParse(cell(cells, 'headPhone')),
      headEmail: unitFields.headEmail.safeParse(cell(cells, 'headEmail')),
      address: unitFields.address.safeParse(cell(cells, 'address')),
    };
    for (const [column, result] of Object.entries(optional)) {
      if (!result.success) fail(column as ImportColumn, firstZodMessage(result));
    }
    if (code.success && code.data) codesInFile.set(code.data, row);

    if (rowIssues.length > 0 || !code.success || !code.data || !name.success || !type) {
      issues.push(...rowIssues);
      return;
    }
    units.push({
      row,
      code: code.data,
      name: name.data,
      type,
      parentCode,
      validFrom,
      headName: optional.headName.data ?? null,
      headTitle: optional.headTitle.data ?? null,
      headPhone: optional.headPhone.data ?? null,
      headEmail: optional.headEmail.data ?? null,
      address: optional.address.data ?? null,
    });
  });

  // A parent must exist already or come from the same file.
  for (const unit of units) {
    if (unit.parentCode && !existingCodes.has(unit.parentCode) && !codesInFile.has(unit.parentCode)) {
      issues.push({
        row: unit.row,
        column: COLUMN_TITLES_VI.parentCode,
        reason: msg(
          `Không tìm thấy đơn vị cấp trên có mã "${unit.parentCode}".`,
          `No parent unit with the code "${unit.parentCode}" was found.`,
        ),
      });
    }
  }
  issues.sort((a, b) => a.row - b.row);
  return { units: issues.length > 0 ? [] : orderParentsFirst(units), issues };
}

/** Rows whose parent is in the same file come after that parent, so they can be written in one pass. */
export function orderParentsFirst(units: ImportedUnitRow[]): ImportedUnitRow[] {
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  const ordered: ImportedUnitRow[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (unit: ImportedUnitRow) => {
    if (placed.has(unit.code) || visiting.has(unit.code)) return;
    visiting.add(unit.code);
    const parent = unit.parentCode ? byCode.get(unit.parentCode) : undefined;
    if (parent) place(parent);
    visiting.delete(unit.code);
    placed.add(unit.code);
    ordered.push(unit);
  };
  units.forEach(place);
  return ordered;
}
