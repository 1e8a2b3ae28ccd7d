/**
 * Numeric targets (chỉ tiêu): "Trên 95% số hồ sơ …" is `>` 95 %, "đạt từ 60% trở lên" `>=` 60,
 * "giảm tối thiểu 2,5% …" `>=` 2.5, "nằm trong nhóm 20 địa phương dẫn đầu" `<=` 20 (rank). A bare
 * figure is a floor (`>=`), except 100 %, which can only be met exactly (`=`). Where one clause gives a
 * figure per level ("60% … cấp tỉnh, 50% … cấp huyện và 30% … cấp xã") each figure is its own target.
 */
import { foldSameLength } from './match-key.ts';
import { isReportedResult } from './results.ts';
import type { PlanTarget, TargetLevel, TargetOperator } from './types.ts';

const COUNT_UNITS = [
  'đơn vị',
  'biên chế',
  'viên chức',
  'công chức',
  'cán bộ',
  'người',
  'hồ sơ',
  'thủ tục',
  'TTHC',
  'văn bản',
  'cơ quan',
  'doanh nghiệp',
  'lớp',
  'cuộc',
  'lượt',
  'buổi',
  'bậc',
  'điểm',
  'dịch vụ',
  'sáng kiến',
  'mô hình',
];
const FOLDED_UNITS = COUNT_UNITS.map((unit) => ({ unit, folded: foldSameLength(unit) }));
const UNIT_PATTERN = FOLDED_UNITS.map((entry) => entry.folded).join('|');

const NUMBER = '(?<![\\d.,])\\d{1,3}(?:[.,]\\d{1,3})?';
const FIGURE = new RegExp(
  [
    // "tăng từ 2 đến 5 bậc": the lower end is the floor.
    `\\btu\\s+(?<low>${NUMBER})\\s*(?:den|-)\\s*${NUMBER}\\s*(?<rangeUnit>%|(?:${UNIT_PATTERN})\\b)`,
    `\\b(?:nhom|top)\\s+(?<rank>${NUMBER})(?=\\s*(?:\\/\\s*\\d|tinh|dia phuong|don vi|dan dau))`,
    `(?<percent>${NUMBER})\\s*(?:%|phan tram\\b)`,
    `\\b(?<count>${NUMBER})\\s+(?<countUnit>${UNIT_PATTERN})\\b`,
  ].join('|'),
  'g',
);
const TARGET_CUE =
  /\b(phan dau|chi tieu|muc tieu|toi thieu|it nhat|tren|dat|dam bao|bao dam|giam|tang|rut ngan|khong qua|toi da|duoi)\b/;
const LEVELS: Array<[RegExp, TargetLevel]> = [
  [/\bcap tinh\b/, 'province'],
  [/\bcap huyen\b/, 'district'],
  [/\bcap xa\b/, 'commune'],
];

interface Figure {
  start: number;
  value: number;
  unit: string;
  op: TargetOperator;
}

function toNumber(written: string, isPercent: boolean): number {
  if (written.includes(',')) return Number(written.replace(',', '.'));
  // "1.000 hồ sơ" groups thousands with a dot; "2.5%" is a decimal.
  if (/\.\d{3}$/.test(written) && !isPercent) return Number(written.replace('.', ''));
  return Number(written);
}

function operatorOf(before: string, after: string, value: number, unit: string): TargetOperator {
  if (unit === 'hạng') return '<=';
  if (/^\s*%?\s*tro len\b/.test(after)) return '>=';
  if (/\b(toi thieu|it nhat|khong duoi|khong thap hon|tu)\s*(?:la\s*)?$/.test(before)) return '>=';
  if (/\b(tren|hon|vuot)\s*$/.test(before)) return '>';
  if (/\b(toi da|khong qua|khong vuot qua|khong nhieu hon)\s*$/.test(before)) return '<=';
  if (/\b(duoi|it hon|thap hon)\s*$/.test(before)) return '<';
  return value === 100 && unit === '%' ? '=' : '>=';
}

/** Parenthesised restatements ("(tương ứng 15 đơn vị)") are not targets of their own. */
function insideRestatement(folded: string, at: number): boolean {
  const open = folded.lastIndexOf('(', at);
  return open !== -1 && folded.indexOf(')', open) >= at && /^\(\s*tuong ung/.test(folded.slice(open));
}

function unitOf(folded: string): string {
  return FOLDED_UNITS.find((entry) => entry.folded === folded)?.unit ?? folded;
}

function figuresOf(folded: string): Figure[] {
  const figures: Figure[] = [];
  for (const match of folded.matchAll(FIGURE)) {
    const groups = match.groups ?? {};
    const start = match.index;
    if (insideRestatement(folded, start)) continue;
    const written = groups.low ?? groups.rank ?? groups.percent ?? groups.count ?? '';
    const unit =
      groups.rank !== undefined
        ? 'hạng'
        : groups.percent !== undefined || groups.rangeUnit === '%'
          ? '%'
          : unitOf(groups.rangeUnit ?? groups.countUnit ?? '');
    const value = toNumber(written, unit === '%');
    if (!Number.isFinite(value)) continue;
    const before = folded.slice(Math.max(0, start - 30), start);
    const end = start + match[0].length;
    const op = groups.low !== undefined ? '>=' : operatorOf(before, folded.slice(end, end + 12), value, unit);
    figures.push({ start, value, unit, op });
  }
  return figures;
}

/** Clauses: split at ";" and at sentence ends, never inside a number ("2,5%", "1.000"). */
function clausesOf(text: string): string[] {
  return text
    .split(/;|\.(?=\s+\p{Lu})|\.$/u)
    .map((clause) => clause.trim().replace(/^[-–+•]\s*/, ''))
    .filter((clause) => clause !== '');
}

export interface TargetOptions {
  ref: string;
  /** In an objectives section (Mục tiêu, Chỉ tiêu) every figure is a target; elsewhere a cue is needed. */
  isObjective: boolean;
  /** The year the plan is for: a figure achieved in an earlier year is a result, not a target. */
  planYear?: number | null;
}

export function findTargets(text: string, options: TargetOptions): PlanTarget[] {
  const targets: PlanTarget[] = [];
  for (const clause of clausesOf(text)) {
    if (isReportedResult(clause, options.planYear ?? null)) continue;
    const folded = foldSameLength(clause);
    const figures = figuresOf(folded).filter((figure) => {
      if (figure.unit === 'hạng') return true;
      if (figure.unit === '%') {
        return options.isObjective || figure.value === 100 || TARGET_CUE.test(folded.slice(0, figure.start));
      }
      return TARGET_CUE.test(folded.slice(Math.max(0, figure.start - 25), figure.start));
    });
    figures.forEach((figure, index) => {
      const segment = folded.slice(figure.start, figures[index + 1]?.start ?? folded.length);
      const level =
        figures.length > 1 ? (LEVELS.find(([pattern]) => pattern.test(segment))?.[1] ?? null) : null;
      targets.push({
        ref: options.ref,
        text: clause,
        op: figure.op,
        value: figure.value,
        unit: figure.unit,
        level,
      });
    });
  }
  return targets;
}
