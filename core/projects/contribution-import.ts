/**
 * Households' contributions read from a sheet (.xlsx or .csv, one row a contribution): columns found by
 * their Vietnamese titles whatever the diacritics or case, every cell checked, each problem named by
 * row (the header is row 1), column and reason. The import is all or nothing: one issue and nothing is
 * written.
 */
import { fromZod, type Msg, msg, type RowIssue } from '../errors.ts';
import { parseDate } from '../text/dates.ts';
import { foldVietnamese, normalizeText } from '../text/vietnamese.ts';
import type { ContributionKind } from './books.ts';
import { type ContributionInput, contributionSchema } from './project-schemas.ts';

export const CONTRIBUTION_COLUMNS = [
  {
    key: 'household',
    title: 'Chủ hộ',
    aliases: ['chu ho', 'ho gia dinh', 'ten chu ho', 'ho ten chu ho'],
    required: true,
  },
  {
    key: 'village',
    title: 'Thôn, tổ dân phố',
    aliases: ['thon', 'thon, to dan pho', 'thon/xom', 'to dan pho'],
    required: false,
  },
  { key: 'kind', title: 'Hình thức', aliases: ['hinh thuc', 'hinh thuc dong gop', 'loai'], required: true },
  {
    key: 'quantity',
    title: 'Số lượng',
    aliases: ['so luong', 'so tien, dien tich, ngay cong'],
    required: true,
  },
  {
    key: 'value',
    title: 'Giá trị quy ra tiền (đồng)',
    aliases: ['gia tri quy ra tien (dong)', 'gia tri', 'gia tri (dong)', 'quy ra tien'],
    required: false,
  },
  { key: 'contributedOn', title: 'Ngày đóng góp', aliases: ['ngay dong gop', 'ngay'], required: true },
  {
    key: 'consent',
    title: 'Đồng ý công khai tên',
    aliases: ['dong y cong khai ten', 'cong khai ten'],
    required: false,
  },
  { key: 'note', title: 'Ghi chú', aliases: ['ghi chu'], required: false },
] as const;
type ColumnKey = (typeof CONTRIBUTION_COLUMNS)[number]['key'];

const KIND_WORDS: Record<string, ContributionKind> = {
  tien: 'money',
  'tien mat': 'money',
  money: 'money',
  dat: 'land',
  'dat dai': 'land',
  land: 'land',
  'ngay cong': 'labour',
  'cong lao dong': 'labour',
  labour: 'labour',
  labor: 'labour',
};
const YES = new Set(['co', 'x', 'yes', 'dong y', '1', 'true']);
const NO = new Set(['', 'khong', 'no', 'khong dong y', '0', 'false']);

/** "1.250.000", "1 250 000" or "1250000" → 1250000; anything else (a decimal, text) → null. */
export function parseWhole(cell: string): number | null {
  const text = cell
    .trim()
    .replace(/[\s.]/g, '')
    .replace(/đ(ồng)?$/i, '');
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

export interface ImportedContribution extends ContributionInput {
  row: number;
}

export function validateContributionRows(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): { lines: ImportedContribution[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const folded = headers.map((header) => foldVietnamese(normalizeText(header)));
  const at = new Map<ColumnKey, number>();
  for (const column of CONTRIBUTION_COLUMNS) {
    const index = folded.findIndex(
      (header) =>
        header === foldVietnamese(column.title) || (column.aliases as readonly string[]).includes(header),
    );
    if (index >= 0) at.set(column.key, index);
    else if (column.required)
      issues.push({
        row: 1,
        column: column.title,
        reason: msg('Thiếu cột này trong dòng tiêu đề.', 'This column is missing from the header row.'),
      });
  }
  if (issues.length > 0) return { lines: [], issues };
  const lines: ImportedContribution[] = [];
  rows.forEach((cells, index) => {
    const row = index + 2;
    const cell = (key: ColumnKey) => {
      const position = at.get(key);
      return position === undefined ? '' : normalizeText(cells[position] ?? '');
    };
    if (cells.every((value) => normalizeText(value ?? '') === '')) return;
    const before = issues.length;
    const title = (key: ColumnKey) => CONTRIBUTION_COLUMNS.find((column) => column.key === key)?.title ?? key;
    const problem = (key: ColumnKey, reason: Msg) => issues.push({ row, column: title(key), reason });
    const kind = KIND_WORDS[foldVietnamese(cell('kind'))];
    if (!kind)
      problem(
        'kind',
        msg(
          'Hình thức phải là "Tiền", "Đất" hoặc "Ngày công".',
          'The kind must be "Tiền", "Đất" or "Ngày công".',
        ),
      );
    const quantity = parseWhole(cell('quantity'));
    if (quantity === null)
      problem(
        'quantity',
        msg(
          'Số lượng phải là số nguyên (đồng, m² hoặc ngày công).',
          'The quantity must be a whole number (đồng, m² or days).',
        ),
      );
    const valueCell = cell('value');
    const value = valueCell === '' ? null : parseWhole(valueCell);
    if (valueCell !== '' && value === null)
      problem('value', msg('Giá trị phải là số đồng nguyên.', 'The value must be a whole number of đồng.'));
    const date = parseDate(cell('contributedOn'));
    if (!date) problem('contributedOn', msg('Ngày không hợp lệ (dd/mm/yyyy).', 'Invalid date (dd/mm/yyyy).'));
    const consentWord = foldVietnamese(cell('consent'));
    const consent = YES.has(consentWord) ? true : NO.has(consentWord) ? false : null;
    if (consent === null)
      problem(
        'consent',
        msg(
          'Ghi "Có" nếu hộ đồng ý công khai tên, để trống hoặc "Không" nếu không.',
          'Write "Có" if the household agrees to be named, leave it empty or "Không" otherwise.',
        ),
      );
    const parsed = contributionSchema.safeParse({
      household: cell('household'),
      village: cell('village'),
      kind: kind ?? 'money',
      quantity: quantity ?? 1,
      value,
      contributedOn: date ?? '2000-01-01',
      consent: consent ?? false,
      note: cell('note'),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]) as ColumnKey;
        problem(key, fromZod(issue.message));
      }
      return;
    }
    if (issues.length === before) lines.push({ ...parsed.data, row });
  });
  if (issues.length === 0 && lines.length === 0)
    issues.push({
      row: 2,
      column: 'Chủ hộ',
      reason: msg('Tệp không có dòng đóng góp nào.', 'The file has no contribution.'),
    });
  return { lines, issues };
}
