/**
 * Targets: an operator and a threshold per indicator, and ordered status rules — met, at risk within a
 * margin, missed — each with its colour. "Trên 95%" is `>` 95; "từ 60% trở lên" is `>=` 60.
 */
export const TARGET_OPERATORS = ['>', '>=', '<', '<=', '='] as const;
export type TargetOperator = (typeof TARGET_OPERATORS)[number];

/** How an operator is written for people: ">=" as "≥", "<=" as "≤". */
export const OPERATOR_SIGNS: Record<TargetOperator, string> = {
  '>': '>',
  '>=': '≥',
  '<': '<',
  '<=': '≤',
  '=': '=',
};
export const operatorSign = (operator: string): string =>
  OPERATOR_SIGNS[operator as TargetOperator] ?? operator;

export type TargetStatus = 'met' | 'at_risk' | 'missed' | 'no_data';

export const TARGET_STATUS = {
  met: { vi: 'Đạt', en: 'Met', colour: 'green' },
  at_risk: { vi: 'Có nguy cơ không đạt', en: 'At risk', colour: 'yellow' },
  missed: { vi: 'Không đạt', en: 'Missed', colour: 'red' },
  no_data: { vi: 'Chưa có số liệu', en: 'No data', colour: 'gray' },
} as const;

export interface Target {
  operator: TargetOperator;
  threshold: number;
  /** Within this many points short of the threshold the target is "at risk" rather than missed. */
  riskMargin: number;
}

function meets(value: number, operator: TargetOperator, threshold: number): boolean {
  switch (operator) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '=':
      return Math.abs(value - threshold) < 1e-9;
  }
}

export function targetStatus(value: number | null, target: Target): TargetStatus {
  if (value === null) return 'no_data';
  if (meets(value, target.operator, target.threshold)) return 'met';
  // "At risk" is measured in the direction the target wants: below a floor, above a ceiling.
  const shortfall = target.operator.startsWith('<') ? value - target.threshold : target.threshold - value;
  return Math.abs(shortfall) <= target.riskMargin ? 'at_risk' : 'missed';
}
