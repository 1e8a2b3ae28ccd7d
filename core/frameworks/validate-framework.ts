import { type Criterion, type Framework, walkCriteria } from './framework.ts';

export interface FrameworkIssue {
  /** The criterion code, or "bands" / "framework". */
  at: string;
  message: string;
}

// PAPI's 0.33–3.33 scales sum to 9.99 for a 10-point dimension: published rounding, not an error.
const TOLERANCE = 0.015;

/** Checks a framework and names every problem in Vietnamese; an empty list means it is valid. */
export function validateFramework(framework: Framework): FrameworkIssue[] {
  const issues: FrameworkIssue[] = [];
  if (!framework.code.trim()) issues.push({ at: 'framework', message: 'Thiếu mã bộ chỉ số.' });
  if (framework.toYear !== null && framework.toYear < framework.fromYear) {
    issues.push({
      at: 'framework',
      message: `Năm kết thúc ${framework.toYear} trước năm bắt đầu ${framework.fromYear}.`,
    });
  }
  const seen = new Set<string>();
  for (const { criterion, parent } of walkCriteria(framework.criteria)) {
    if (seen.has(criterion.code))
      issues.push({ at: criterion.code, message: `Mã tiêu chí "${criterion.code}" bị trùng.` });
    seen.add(criterion.code);
    if (parent && !criterion.code.startsWith(`${parent}.`)) {
      issues.push({
        at: criterion.code,
        message: `Mã tiêu chí "${criterion.code}" phải bắt đầu bằng mã cha "${parent}.".`,
      });
    }
    if (!criterion.nameVi.trim()) issues.push({ at: criterion.code, message: 'Thiếu tên tiếng Việt.' });
    if (criterion.maxPoints !== null && criterion.maxPoints < 0)
      issues.push({ at: criterion.code, message: 'Điểm tối đa không được âm.' });
    if (
      criterion.minPoints !== undefined &&
      criterion.maxPoints !== null &&
      criterion.minPoints > criterion.maxPoints
    ) {
      issues.push({ at: criterion.code, message: 'Điểm tối thiểu lớn hơn điểm tối đa.' });
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
        message: `Điểm tối đa ${criterion.maxPoints} khác tổng điểm các tiêu chí con ${Math.round(sum * 1000) / 1000}; sửa điểm hoặc khai báo cách tính riêng.`,
      },
    ];
  }
  return [];
}

/** Bands must cover 0–100 % (or the framework's percent scale) exactly once: no gap, no overlap. */
function checkBands(framework: Framework): FrameworkIssue[] {
  if (framework.grouping === 'quartiles') return [];
  if (framework.bands.length === 0) return [{ at: 'bands', message: 'Chưa khai báo thang xếp loại.' }];
  const issues: FrameworkIssue[] = [];
  const sorted = [...framework.bands].sort((a, b) => a.from - b.from);
  for (const band of sorted) {
    if (band.to <= band.from)
      issues.push({ at: 'bands', message: `Mức "${band.label}": cận trên phải lớn hơn cận dưới.` });
  }
  if ((sorted[0]?.from ?? 0) > 0)
    issues.push({ at: 'bands', message: `Thang xếp loại không phủ từ 0 đến ${sorted[0]?.from}.` });
  for (let i = 1; i < sorted.length; i += 1) {
    const previous = sorted[i - 1];
    const band = sorted[i];
    if (!previous || !band) continue;
    if (band.from < previous.to)
      issues.push({ at: 'bands', message: `Mức "${band.label}" chồng lên mức "${previous.label}".` });
    if (band.from > previous.to)
      issues.push({
        at: 'bands',
        message: `Khoảng trống giữa mức "${previous.label}" và "${band.label}" (${previous.to}–${band.from}).`,
      });
  }
  const top = sorted.at(-1)?.to ?? 0;
  if (top < 100) issues.push({ at: 'bands', message: `Thang xếp loại không phủ đến 100 (dừng ở ${top}).` });
  return issues;
}
