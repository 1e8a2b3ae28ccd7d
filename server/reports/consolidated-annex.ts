import type { PlanDetail } from '../../core/plans/plan-views.ts';
import { taskProgress } from '../../core/plans/progress.ts';
import {
  formatNumberVi,
  formatPercentVi,
  type TaskSummary,
} from '../../core/reports/consolidated-summary.ts';
import type { TableSpec } from '../files/document-spec.ts';
import type { Sheet } from '../files/tabular.ts';
import type { IndicatorColumn, IndicatorMatrix, UnitReport } from './consolidated-data.ts';

/**
 * The annexes of the consolidated report, the same tables twice: as .docx tables (figures written the
 * Vietnamese way, "90,5%") and as .xlsx sheets (numbers stay numbers, with a percentage or thousands
 * format the reader's spreadsheet shows with its decimal comma).
 */

const PERCENT = '0.0%';
const WHOLE = '#,##0';
const DECIMAL = '#,##0.0';

const indicatorHeader = (column: IndicatorColumn) =>
  column.measureUnit ? `${column.name} (${column.measureUnit})` : column.name;

const indicatorText = (column: IndicatorColumn, value: number | null) => {
  if (value === null) return '';
  if (column.kind === 'ratio') return formatPercentVi(value);
  return formatNumberVi(value, column.kind === 'count' ? 0 : 2);
};

/** Rates are kept in %; the sheet holds them as fractions so "0.0%" shows 90,5%. */
const indicatorNumber = (column: IndicatorColumn, value: number | null) =>
  value === null ? null : column.kind === 'ratio' ? value / 100 : value;

export function indicatorTable(matrix: IndicatorMatrix): TableSpec {
  return {
    headers: ['STT', 'Đơn vị', ...matrix.indicators.map(indicatorHeader)],
    rows: matrix.rows.map((row, index) => [
      String(index + 1),
      row.unitName,
      ...row.values.map((value, at) => indicatorText(matrix.indicators[at] as IndicatorColumn, value)),
    ]),
    numeric: [true, false, ...matrix.indicators.map(() => true)],
  };
}

export function indicatorSheet(matrix: IndicatorMatrix): Sheet {
  return {
    name: 'Chỉ số theo đơn vị',
    headers: ['STT', 'Đơn vị', ...matrix.indicators.map(indicatorHeader)],
    rows: matrix.rows.map((row, index) => [
      index + 1,
      row.unitName,
      ...row.values.map((value, at) => indicatorNumber(matrix.indicators[at] as IndicatorColumn, value)),
    ]),
    formats: [
      null,
      null,
      ...matrix.indicators.map((column) =>
        column.kind === 'ratio' ? PERCENT : column.kind === 'count' ? WHOLE : DECIMAL,
      ),
    ],
  };
}

export interface TaskMatrix {
  tasks: { id: number; ref: string; text: string }[];
  rows: { unitName: string; cells: ({ status: string; progress: number } | null)[] }[];
}

/** Units that sent a report × the plan's tasks any of them reported on, in the plan's order. */
export function taskMatrix(plan: PlanDetail, sent: UnitReport[]): TaskMatrix {
  const tasks = plan.items
    .filter((item) => item.kind === 'task' && sent.some((report) => report.tasks.has(item.id)))
    .map((item) => ({ id: item.id, ref: item.ref, text: item.text }));
  return {
    tasks,
    rows: sent
      .filter((report) => report.tasks.size > 0)
      .map((report) => ({
        unitName: report.unitName,
        cells: tasks.map((task) => report.tasks.get(task.id) ?? null),
      })),
  };
}

export function taskTable(matrix: TaskMatrix): TableSpec {
  return {
    headers: ['STT', 'Đơn vị', ...matrix.tasks.map((task) => `Nhiệm vụ ${task.ref}`)],
    rows: matrix.rows.map((row, index) => [
      String(index + 1),
      row.unitName,
      ...row.cells.map((cell) =>
        cell === null
          ? ''
          : cell.status === 'cancelled'
            ? 'Không thực hiện'
            : formatPercentVi(taskProgress(cell)),
      ),
    ]),
    numeric: [true, false, ...matrix.tasks.map(() => true)],
  };
}

export function taskSheet(matrix: TaskMatrix): Sheet {
  return {
    name: 'Nhiệm vụ theo đơn vị',
    headers: ['STT', 'Đơn vị', ...matrix.tasks.map((task) => `${task.ref}. ${task.text}`)],
    rows: matrix.rows.map((row, index) => [
      index + 1,
      row.unitName,
      ...row.cells.map((cell) =>
        cell === null || cell.status === 'cancelled' ? null : taskProgress(cell) / 100,
      ),
    ]),
    formats: [null, null, ...matrix.tasks.map(() => '0%')],
  };
}

const SUMMARY_HEADERS = ['Lĩnh vực', 'Hoàn thành', 'Đang thực hiện', 'Chưa thực hiện', 'Trễ hạn', 'Tổng số'];

/** The dimension × status table of the report's body. */
export function summaryTable(summary: TaskSummary): TableSpec {
  return {
    headers: SUMMARY_HEADERS,
    rows: [...summary.rows, summary.total].map((row) => [
      row.name,
      ...[row.done, row.inProgress, row.notStarted, row.late, row.total].map((value) =>
        formatNumberVi(value, 0),
      ),
    ]),
    numeric: [false, true, true, true, true, true],
    totalRow: true,
  };
}

export function summarySheet(summary: TaskSummary): Sheet {
  return {
    name: 'Nhiệm vụ theo lĩnh vực',
    headers: SUMMARY_HEADERS,
    rows: [...summary.rows, summary.total].map((row) => [
      row.name,
      row.done,
      row.inProgress,
      row.notStarted,
      row.late,
      row.total,
    ]),
    formats: [null, WHOLE, WHOLE, WHOLE, WHOLE, WHOLE],
  };
}
