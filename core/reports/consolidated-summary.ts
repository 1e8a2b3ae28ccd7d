/**
 * What the province's consolidated report says of a plan's tasks: a table of dimension × done / in
 * progress / not started / late, and only the tasks that stand out (done ahead of time, late, at risk),
 * never the whole list again. Pure: the server reads the plan, this counts and picks.
 */
import { DIMENSION_TABLE } from '../plans/dimension-table.ts';
import { addDays } from '../text/dates.ts';

export interface SummaryTask {
  ref: string;
  text: string;
  dimension: string | null;
  status: 'not_started' | 'in_progress' | 'done' | 'cancelled';
  progress: number;
  due: string | null;
}

export interface DimensionRow {
  dimension: string | null;
  /** "Thủ tục hành chính công", or "Nhiệm vụ khác" for tasks of no dimension. */
  name: string;
  done: number;
  inProgress: number;
  notStarted: number;
  late: number;
  total: number;
}

export interface TaskSummary {
  rows: DimensionRow[];
  total: DimensionRow;
  doneEarly: SummaryTask[];
  late: SummaryTask[];
  atRisk: SummaryTask[];
}

/** Due within this many days and less than half done: at risk of being late. */
export const AT_RISK_DAYS = 30;
export const AT_RISK_PROGRESS = 50;

/** "PAPI.5" → "Thủ tục hành chính công": the Vietnamese name a reader knows the dimension by. */
export function dimensionName(code: string | null): string {
  const name = DIMENSION_TABLE.find((entry) => entry.code === code)?.names[0];
  if (!name) return 'Nhiệm vụ khác';
  return `${name.charAt(0).toLocaleUpperCase('vi')}${name.slice(1)}`;
}

const isOpen = (task: SummaryTask) => task.status === 'not_started' || task.status === 'in_progress';
const isLateOn = (task: SummaryTask, today: string) => isOpen(task) && task.due !== null && task.due < today;

/**
 * Each task counted once: late (open past its due date) before in progress or not started; cancelled
 * tasks are left out. Done early: finished while its due date is still after the period's data close.
 */
export function summariseTasks(
  tasks: readonly SummaryTask[],
  options: { today: string; periodEnd: string },
): TaskSummary {
  const blank = (dimension: string | null): DimensionRow => ({
    dimension,
    name: dimensionName(dimension),
    done: 0,
    inProgress: 0,
    notStarted: 0,
    late: 0,
    total: 0,
  });
  const byDimension = new Map<string | null, DimensionRow>();
  const total = { ...blank(null), name: 'Tổng số' };
  for (const task of tasks) {
    if (task.status === 'cancelled') continue;
    const row = byDimension.get(task.dimension) ?? blank(task.dimension);
    byDimension.set(task.dimension, row);
    const column: 'done' | 'late' | 'inProgress' | 'notStarted' =
      task.status === 'done'
        ? 'done'
        : isLateOn(task, options.today)
          ? 'late'
          : task.status === 'in_progress'
            ? 'inProgress'
            : 'notStarted';
    for (const bucket of [row, total]) {
      bucket[column] += 1;
      bucket.total += 1;
    }
  }
  // Dimensions in the order of the index tables; tasks of no dimension last.
  const order = (code: string | null) => {
    const at = DIMENSION_TABLE.findIndex((entry) => entry.code === code);
    return at === -1 ? DIMENSION_TABLE.length : at;
  };
  const rows = [...byDimension.values()].sort((a, b) => order(a.dimension) - order(b.dimension));
  const horizon = addDays(options.today, AT_RISK_DAYS);
  return {
    rows,
    total,
    doneEarly: tasks.filter(
      (task) => task.status === 'done' && task.due !== null && task.due > options.periodEnd,
    ),
    late: tasks.filter((task) => isLateOn(task, options.today)),
    atRisk: tasks.filter(
      (task) =>
        isOpen(task) &&
        task.due !== null &&
        task.due >= options.today &&
        task.due <= horizon &&
        task.progress < AT_RISK_PROGRESS,
    ),
  };
}

/** "1.234,5": Vietnamese thousands dot and decimal comma. */
export const formatNumberVi = (value: number, digits = 1) =>
  value.toLocaleString('vi-VN', { maximumFractionDigits: digits });

/** "90,5%". */
export const formatPercentVi = (value: number) => `${formatNumberVi(value)}%`;
