import { TARGET_STATUS } from '../../core/indicators/targets.ts';
import { periodName } from '../../core/periods/period-names.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import { CONTENT_TYPES, type Sheet, writeWorkbook } from '../files/tabular.ts';
import type { DossierDashboard } from './dashboard-service.ts';
import type { LateDossier } from './late-service.ts';

export const EXPORT_CHARTS = ['kpis', 'trend', 'ranking', 'late'] as const;
export type ExportChart = (typeof EXPORT_CHARTS)[number];

const STATUS_VI = (status: keyof typeof TARGET_STATUS | null) =>
  status ? TARGET_STATUS[status].vi : 'Chưa đặt chỉ tiêu';
const round = (rate: number | null) => (rate === null ? null : Math.round(rate * 100) / 100);

/** The KPI cards: each indicator's figures, its target and whether it is met. */
export function kpiSheet(dashboard: DossierDashboard): Sheet {
  return {
    name: 'Chỉ số',
    // Indicators by their names: their codes are for the API.
    headers: ['Chỉ số', 'Đơn vị tính', 'Tử số', 'Mẫu số', 'Giá trị', 'Chỉ tiêu', 'Biên cảnh báo', 'Đánh giá'],
    rows: dashboard.kpis.map((kpi) => [
      kpi.nameVi,
      kpi.measureUnit,
      kpi.numerator,
      kpi.denominator,
      round(kpi.rate),
      kpi.target ? `${kpi.target.operator} ${kpi.target.threshold}` : null,
      kpi.target?.riskMargin ?? null,
      STATUS_VI(kpi.status),
    ]),
  };
}

/** The quarterly trend: one row per quarter, one column per indicator. */
export function trendSheet(dashboard: DossierDashboard): Sheet {
  return {
    name: 'Xu hướng',
    headers: ['Kỳ', ...dashboard.kpis.map((kpi) => `${kpi.nameVi} (${kpi.measureUnit})`)],
    rows: dashboard.trend.map((point) => [
      periodName(point.period),
      ...dashboard.kpis.map((kpi) => round(point.values[kpi.code] ?? null)),
    ]),
  };
}

/** Units ranked on one indicator, best first; units with nothing counted come last. */
export function rankingSheet(dashboard: DossierDashboard, code: string): Sheet {
  const ranked = [...dashboard.children].sort((a, b) => {
    const left = a.values[code]?.rate ?? null;
    const right = b.values[code]?.rate ?? null;
    if (left === null || right === null) return left === null ? (right === null ? 0 : 1) : -1;
    return right - left;
  });
  return {
    name: 'Xếp hạng',
    headers: ['Hạng', 'Đơn vị', 'Tử số', 'Mẫu số', 'Giá trị', 'Đánh giá'],
    rows: ranked.map((child, index) => {
      const value = child.values[code];
      return [
        value?.rate === null || value === undefined ? null : index + 1,
        child.unit.name,
        value?.numerator ?? 0,
        value?.denominator ?? null,
        round(value?.rate ?? null),
        STATUS_VI(value?.status ?? null),
      ];
    }),
  };
}

/** "dd/mm/yyyy hh:mm" in Vietnam time (UTC+7), as the one-stop systems print it. */
function dateTime(iso: string | null): string | null {
  if (!iso) return null;
  const vn = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${vn.slice(8, 10)}/${vn.slice(5, 7)}/${vn.slice(0, 4)} ${vn.slice(11, 16)}`;
}

export function lateSheet(items: LateDossier[]): Sheet {
  return {
    name: 'Hồ sơ trễ hạn',
    headers: [
      'Mã hồ sơ',
      'Đơn vị',
      'Thủ tục',
      'Lĩnh vực',
      'Ngày tiếp nhận',
      'Hạn xử lý',
      'Ngày trả kết quả',
      'Số ngày trễ',
      'Thư xin lỗi',
    ],
    rows: items.map((item) => [
      item.code,
      item.unit.name,
      item.procedureName ?? item.procedureCode,
      item.field,
      dateTime(item.receivedAt),
      dateTime(item.dueAt),
      dateTime(item.finishedAt) ?? 'Chưa giải quyết',
      item.daysLate,
      item.apologyIssued ? 'Đã gửi' : 'Chưa gửi',
    ]),
  };
}

/** One chart's sheet as an .xlsx download. */
export async function xlsxOf(sheet: Sheet, title: string) {
  return {
    fileName: `${fileNamePart(title)}.xlsx`,
    contentType: CONTENT_TYPES.xlsx,
    data: await writeWorkbook([sheet]),
  };
}
