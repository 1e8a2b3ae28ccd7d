/**
 * A framework's criteria as a spreadsheet, one row per criterion, and back: what a coordinator edits in
 * Excel. The tree comes from the codes ("XA.1.2" sits under "XA.1"); rows may come in any order.
 */
import { fromZod, msg, type RowIssue } from '../errors.ts';
import { foldVietnamese } from '../text/vietnamese.ts';
import {
  type Criterion,
  type CriterionRemediation,
  DEFAULT_BANDS,
  type Framework,
  SCORING_METHODS,
  type ScoringMethod,
  walkCriteria,
} from './framework.ts';
import { remediationSchema } from './framework-schema.ts';

export const FRAMEWORK_COLUMNS = [
  'Mã tiêu chí',
  'Tên tiêu chí',
  'Tên tiếng Anh',
  'Điểm tối đa',
  'Cách chấm',
  'Bắt buộc tài liệu kiểm chứng',
  'Hướng dẫn',
  'Yêu cầu đạt điểm tối đa',
  'Nhiệm vụ khắc phục gợi ý',
  'Đơn vị chủ trì',
  'Đơn vị phối hợp',
] as const;

/** The remediation's fields and the columns they are edited in. */
const REMEDIATION_COLUMNS = {
  fullMarks: 'Yêu cầu đạt điểm tối đa',
  action: 'Nhiệm vụ khắc phục gợi ý',
  lead: 'Đơn vị chủ trì',
  support: 'Đơn vị phối hợp',
} as const satisfies Record<keyof CriterionRemediation, (typeof FRAMEWORK_COLUMNS)[number]>;

const METHOD_BY_NAME = new Map<string, ScoringMethod>(
  Object.entries(SCORING_METHODS).flatMap(([method, name]) => [
    [foldVietnamese(method), method as ScoringMethod],
    [foldVietnamese(name.vi), method as ScoringMethod],
  ]),
);
const YES = new Set(['co', 'x', 'yes', '1', 'true', 'bat buoc']);
const NO = new Set(['', 'khong', 'no', '0', 'false']);

export function frameworkToTable(framework: Framework): { headers: string[]; rows: string[][] } {
  return {
    headers: [...FRAMEWORK_COLUMNS],
    rows: walkCriteria(framework.criteria).map(({ criterion }) => [
      criterion.code,
      criterion.nameVi,
      criterion.nameEn ?? '',
      criterion.maxPoints === null ? '' : String(criterion.maxPoints).replace('.', ','),
      SCORING_METHODS[criterion.method].vi,
      criterion.evidenceRequired ? 'Có' : 'Không',
      criterion.guidance ?? '',
      criterion.remediation?.fullMarks ?? '',
      criterion.remediation?.action ?? '',
      criterion.remediation?.lead ?? '',
      criterion.remediation?.support?.join('; ') ?? '',
    ]),
  };
}

/**
 * A row's remediation from its four cells: none when all are empty (older sheets have no such columns);
 * coordinating units are separated by semicolons or line breaks.
 */
function remediationOf(cells: Record<keyof CriterionRemediation, string>): {
  value: CriterionRemediation | null;
  issues: Omit<RowIssue, 'row'>[];
} {
  if (Object.values(cells).every((text) => text === '')) return { value: null, issues: [] };
  const support = cells.support
    .split(/[;\n]/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const parsed = remediationSchema.safeParse({
    fullMarks: cells.fullMarks,
    action: cells.action,
    ...(cells.lead && { lead: cells.lead }),
    ...(support.length > 0 && { support }),
  });
  if (parsed.success) return { value: parsed.data, issues: [] };
  return {
    value: null,
    issues: parsed.error.issues.map((issue) => ({
      column: REMEDIATION_COLUMNS[issue.path[0] as keyof CriterionRemediation],
      reason: fromZod(issue.message),
    })),
  };
}

export interface FrameworkMeta {
  code: string;
  nameVi: string;
  nameEn?: string | undefined;
  fromYear: number;
  toYear: number | null;
}

/**
 * The framework the rows describe, or every row problem (row numbers as in the file: the header is
 * row 1). Points are numbers with a decimal comma or point; a parent's points may be left empty and
 * are then the sum of its children's.
 */
export function frameworkFromTable(
  meta: FrameworkMeta,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): { framework: Framework | null; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const column = (name: (typeof FRAMEWORK_COLUMNS)[number]) =>
    headers.findIndex((header) => foldVietnamese(header) === foldVietnamese(name));
  const at = {
    code: column('Mã tiêu chí'),
    name: column('Tên tiêu chí'),
    nameEn: column('Tên tiếng Anh'),
    points: column('Điểm tối đa'),
    method: column('Cách chấm'),
    evidence: column('Bắt buộc tài liệu kiểm chứng'),
    guidance: column('Hướng dẫn'),
    fullMarks: column(REMEDIATION_COLUMNS.fullMarks),
    action: column(REMEDIATION_COLUMNS.action),
    lead: column(REMEDIATION_COLUMNS.lead),
    support: column(REMEDIATION_COLUMNS.support),
  };
  for (const name of ['Mã tiêu chí', 'Tên tiêu chí', 'Điểm tối đa'] as const) {
    if (column(name) === -1)
      issues.push({
        row: 1,
        column: name,
        reason: msg('Thiếu cột này trong dòng tiêu đề.', 'This column is missing from the header row.'),
      });
  }
  if (issues.length > 0) return { framework: null, issues };
  const byCode = new Map<string, Criterion>();
  const order: string[] = [];
  rows.forEach((cells, index) => {
    const row = index + 2;
    const cell = (i: number) => (i === -1 ? '' : (cells[i] ?? '').trim());
    if (cells.every((value) => value.trim() === '')) return;
    const code = cell(at.code);
    if (!/^[\p{L}\p{N}_]+(\.[\p{L}\p{N}_]+)*$/u.test(code)) {
      issues.push({
        row,
        column: 'Mã tiêu chí',
        reason: msg(
          'Mã trống hoặc sai dạng (ví dụ XA.1.2).',
          'The code is empty or malformed (e.g. XA.1.2).',
        ),
      });
      return;
    }
    if (byCode.has(code)) {
      issues.push({
        row,
        column: 'Mã tiêu chí',
        reason: msg(`Mã ${code} bị trùng.`, `The code ${code} is repeated.`),
      });
      return;
    }
    const name = cell(at.name);
    if (!name)
      issues.push({
        row,
        column: 'Tên tiêu chí',
        reason: msg('Tên tiêu chí không được trống.', 'The criterion name cannot be empty.'),
      });
    const pointsText = cell(at.points).replace(',', '.');
    const points = pointsText === '' ? null : Number(pointsText);
    if (points !== null && (!Number.isFinite(points) || points < 0))
      issues.push({
        row,
        column: 'Điểm tối đa',
        reason: msg(
          `"${cell(at.points)}" không phải số điểm hợp lệ.`,
          `"${cell(at.points)}" is not a valid score.`,
        ),
      });
    const methodText = foldVietnamese(cell(at.method));
    const method = methodText === '' ? 'manual' : METHOD_BY_NAME.get(methodText);
    if (!method)
      issues.push({
        row,
        column: 'Cách chấm',
        reason: msg(
          `Không rõ cách chấm "${cell(at.method)}" (${Object.values(SCORING_METHODS)
            .map((m) => m.vi)
            .join('; ')}).`,
          `Unknown scoring method "${cell(at.method)}" (${Object.values(SCORING_METHODS)
            .map((m) => m.vi)
            .join('; ')}).`,
        ),
      });
    const evidenceText = foldVietnamese(cell(at.evidence));
    if (!YES.has(evidenceText) && !NO.has(evidenceText))
      issues.push({
        row,
        column: 'Bắt buộc tài liệu kiểm chứng',
        reason: msg('Ghi "Có" hoặc "Không".', 'Write "Có" (yes) or "Không" (no).'),
      });
    const remediation = remediationOf({
      fullMarks: cell(at.fullMarks),
      action: cell(at.action),
      lead: cell(at.lead),
      support: cell(at.support),
    });
    for (const issue of remediation.issues) issues.push({ row, ...issue });
    byCode.set(code, {
      code,
      nameVi: name,
      ...(cell(at.nameEn) && { nameEn: cell(at.nameEn) }),
      maxPoints: points !== null && Number.isFinite(points) ? points : null,
      method: method ?? 'manual',
      evidenceRequired: YES.has(evidenceText),
      ...(cell(at.guidance) && { guidance: cell(at.guidance) }),
      ...(remediation.value && { remediation: remediation.value }),
    });
    order.push(code);
  });
  const roots: Criterion[] = [];
  for (const code of order) {
    const criterion = byCode.get(code) as Criterion;
    const parentCode = code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null;
    const parent = parentCode === null ? undefined : byCode.get(parentCode);
    if (parentCode !== null && !parent && code.split('.').length > 2) {
      const row = rows.findIndex((cells) => (cells[at.code] ?? '').trim() === code) + 2;
      issues.push({
        row,
        column: 'Mã tiêu chí',
        reason: msg(`Không có tiêu chí cha ${parentCode}.`, `There is no parent criterion ${parentCode}.`),
      });
      continue;
    }
    if (parent) parent.children = [...(parent.children ?? []), criterion];
    else roots.push(criterion);
  }
  // An empty parent total is the sum of its children's points.
  const fill = (criterion: Criterion): number | null => {
    if (!criterion.children?.length) return criterion.maxPoints;
    const sums = criterion.children.map(fill);
    if (criterion.maxPoints === null && sums.every((value) => value !== null))
      criterion.maxPoints = sums.reduce((a, b) => (a ?? 0) + (b ?? 0), 0);
    return criterion.maxPoints;
  };
  roots.forEach(fill);
  if (order.length === 0)
    issues.push({
      row: 2,
      column: 'Mã tiêu chí',
      reason: msg('Tệp không có tiêu chí nào.', 'The file has no criteria.'),
    });
  if (issues.length > 0) return { framework: null, issues };
  return {
    framework: {
      code: meta.code,
      nameVi: meta.nameVi,
      nameEn: meta.nameEn ?? meta.nameVi,
      fromYear: meta.fromYear,
      toYear: meta.toYear,
      status: roots.some(function missing(criterion: Criterion): boolean {
        return criterion.maxPoints === null || (criterion.children ?? []).some(missing);
      })
        ? 'unconfirmed'
        : 'confirmed',
      source: 'Nhập từ bảng tính',
      unit: 'points',
      grouping: 'bands',
      bands: DEFAULT_BANDS,
      criteria: roots,
    },
    issues: [],
  };
}
