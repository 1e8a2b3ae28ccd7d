import { type Msg, msg } from '../errors.ts';
import { type Criterion, type Framework, walkCriteria } from './framework.ts';

export interface FrameworkIssue {
  /** The criterion code, or "bands" / "framework". */
  at: string;
  message: Msg;
}

// PAPI's 0.33–3.33 scales sum to 9.99 for a 10-point dimension: published rounding, not an error.
const TOLERANCE = 0.015;

/** Checks a framework and names every problem (in Vietnamese and English); an empty list means it is valid. */
export function validateFramework(framework: Framework): FrameworkIssue[] {
  const issues: FrameworkIssue[] = [];
  if (!framework.code.trim())
    issues.push({ at: 'framework', message: msg('Thiếu mã bộ chỉ số.', 'The framework code is missing.') });
  if (framework.toYear !== null && framework.toYear < framework.fromYear) {
    issues.push({
      at: 'framework',
      message: msg(
        `Năm kết thúc ${framework.toYear} trước năm bắt đầu ${framework.fromYear}.`,
        `The end year ${framework.toYear} is before the start year ${framework.fromYear}.`,
      ),
    });
  }
  const seen = new Set<string>();
  for (const { criterion, parent } of walkCriteria(framework.criteria)) {
    if (seen.has(criterion.code))
      issues.push({
        at: criterion.code,
        message: msg(
          `Mã tiêu chí "${criterion.code}" bị trùng.`,
          `The criterion code "${criterion.code}" is repeated.`,
        ),
      });
    seen.add(criterion.code);
    if (parent && !criterion.code.startsWith(`${parent}.`)) {
      issues.push({
        at: criterion.code,
        message: msg(
          `Mã tiêu chí "${criterion.code}" phải bắt đầu bằng mã cha "${parent}.".`,
          `The criterion code "${criterion.code}" must start with its parent's code "${parent}.".`,
        ),
      });
    }
    if (!criterion.nameVi.trim())
      issues.push({
        at: criterion.code,
        message: msg('Thiếu tên tiếng Việt.', 'The Vietnamese name is missing.'),
      });
    if (criterion.maxPoints !== null && criterion.maxPoints < 0)
      issues.push({
        at: criterion.code,
        message: msg('Điểm tối đa không được âm.', 'The maximum score cannot be negative.'),
      });
    if (
      criterion.minPoints !== undefined &&
      criterion.maxPoints !== null &&
      criterion.minPoints > criterion.maxPoints
    ) {
      issues.push({
        at: criterion.code,
        message: msg('Điểm tối thiểu lớn hơn điểm tối đa.', 'The minimum score is above the maximum.'),
      });
    }
    issues.push(...checkSum(criterion));
  }
  issues.push(...checkBands(framework));
  return issues;
}

function checkSum(criterion: Criterion): FrameworkIssue[] {
  const children = criterion.children ?? [];
  if (children.length === 0 || criterion.aggregation === 'declared') return [];
  if (criterion.maxPoints === null || children.some((child) => child.maxPoints === null)) return [];
  const sum = children.reduce((total, child) => total + (child.maxPoints ?? 0), 0);
  if (Math.abs(sum - criterion.maxPoints) > TOLERANCE) {
    return [
      {
        at: criterion.code,
        message: msg(
          `Điểm tối đa ${criterion.maxPoints} khác tổng điểm các tiêu chí con ${Math.round(sum * 1000) / 1000}; sửa điểm hoặc khai báo cách tính riêng.`,
          `The maximum score ${criterion.maxPoints} differs from the sum of its sub-criteria ${Math.round(sum * 1000) / 1000}; fix the scores or declare its own calculation.`,
        ),
      },
    ];
  }
  return [];
}

/** Bands must cover 0–100 % (or the framework's percent scale) exactly once: no gap, no overlap. */
function checkBands(framework: Framework): FrameworkIssue[] {
  if (framework.grouping === 'quartiles') return [];
  if (framework.bands.length === 0)
    return [{ at: 'bands', message: msg('Chưa khai báo thang xếp loại.', 'No grading bands are declared.') }];
  const issues: FrameworkIssue[] = [];
  const sorted = [...framework.bands].sort((a, b) => a.from - b.from);
  for (const band of sorted) {
    if (band.to <= band.from)
      issues.push({
        at: 'bands',
        message: msg(
          `Mức "${band.label}": cận trên phải lớn hơn cận dưới.`,
          `Band "${band.label}": the upper bound must exceed the lower.`,
        ),
      });
  }
  if ((sorted[0]?.from ?? 0) > 0)
    issues.push({
      at: 'bands',
      message: msg(
        `Thang xếp loại không phủ từ 0 đến ${sorted[0]?.from}.`,
        `The bands do not cover 0 to ${sorted[0]?.from}.`,
      ),
    });
  for (let i = 1; i < sorted.length; i += 1) {
    const previous = sorted[i - 1];
    const band = sorted[i];
    if (!previous || !band) continue;
    if (band.from < previous.to)
      issues.push({
        at: 'bands',
        message: msg(
          `Mức "${band.label}" chồng lên mức "${previous.label}".`,
          `Band "${band.label}" overlaps band "${previous.label}".`,
        ),
      });
    if (band.from > previous.to)
      issues.push({
        at: 'bands',
        message: msg(
          `Khoảng trống giữa mức "${previous.label}" và "${band.label}" (${previous.to}–${band.from}).`,
          `A gap between band "${previous.label}" and "${band.label}" (${previous.to}–${band.from}).`,
        ),
      });
  }
  const top = sorted.at(-1)?.to ?? 0;
  if (top < 100)
    issues.push({
      at: 'bands',
      message: msg(
        `Thang xếp loại không phủ đến 100 (dừng ở ${top}).`,
        `The bands do not reach 100 (they stop at ${top}).`,
      ),
    });
  return issues;
}
