import { operatorSign, TARGET_STATUS, type TargetStatus } from '../../../../core/indicators/targets.ts';
import { formatNumber, type Locale } from '../../i18n/locale.tsx';
import type { TargetRule } from './api.ts';

const percent = { format: (value: number) => formatNumber(value, { maximumFractionDigits: 1 }) };
const count = { format: (value: number) => formatNumber(value) };

/** 95.25 → "95,3%" (in English "95.3%"); null → "—". */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${percent.format(rate)}%`;
}

/** A figure in its measure unit: a rate "95,3%", a count "12.500". */
export function formatFigure(value: number | null | undefined, measureUnit: string): string {
  if (measureUnit === '%') return formatRate(value);
  return value === null || value === undefined ? '—' : formatCount(value);
}

/** 12500 → "12.500". */
export function formatCount(value: number): string {
  return count.format(value);
}

/** { operator: '>', threshold: 95 } → "> 95%". */
export function formatTarget(target: TargetRule | null, measureUnit = '%'): string {
  if (!target) return '—';
  const unit = measureUnit === '%' ? '%' : ` ${measureUnit}`;
  return `${operatorSign(target.operator)} ${percent.format(target.threshold)}${unit}`;
}

export function statusLabel(status: TargetStatus, locale: Locale): string {
  return TARGET_STATUS[status][locale];
}

export function statusColour(status: TargetStatus): string {
  return TARGET_STATUS[status].colour;
}

/** Lower is better when the target is a ceiling ("< 5% late"): ranking then puts the lowest first. */
export function isLowerBetter(target: TargetRule | null): boolean {
  return Boolean(target?.operator.startsWith('<'));
}

/** An ISO instant → dd/mm/yyyy in Vietnam time. */
export function formatDayVi(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(date);
}
