/**
 * Tasks from the rows of a task table: the columns say who leads, who coordinates and by when, so
 * no sentence reading is needed; group rows ("I | CẢI CÁCH THỂ CHẾ") carry the dimension.
 */
import { findMentions } from './agencies.ts';
import { headingDimensions, indexOfDimension, pickDimension } from './dimensions.ts';
import { headingIndex } from './indices.ts';
import { toMatchText } from './match-key.ts';
import { findDeadline, findRecurrence } from './schedule.ts';
import type { TaskTable } from './tables.ts';
import type { DimensionCode, IndexCode, PlanTask } from './types.ts';

export interface TableContext {
  /** Ref of the outline node the table sits in, or "PL" for an appendix. */
  prefix: string;
  index: IndexCode | null;
  dimensions: DimensionCode[];
  indices: IndexCode[];
  planYear: number | null;
}

const GROUP_LABEL = /^([IVX]+|[A-Z])\.?$/;

/** Units in a cell: the recognised ones, else the cell as written ("Các đơn vị có liên quan"). */
function unitsIn(cell: string): string[] {
  if (cell === '') return [];
  const units = findMentions(toMatchText(cell)).flatMap((mention) => mention.units);
  return units.length > 0 ? [...new Set(units)] : [cell.replace(/[.;]$/, '')];
}

/** "Quý I/2023", "Tháng 6/2023", "31/3/2023", "Trước 30/6", "Năm 2023" → the last day they allow. */
function dueIn(cell: string, planYear: number | null): string | null {
  if (cell === '') return null;
  const year = /^(?:trong\s+|cả\s+|ca\s+)?n[aă]m\s+(\d{4})\.?$/i.exec(cell.trim());
  if (year) return `${year[1]}-12-31`;
  return findDeadline(`trong ${cell}`, planYear);
}

export function tasksFromTable(table: TaskTable, context: TableContext): PlanTask[] {
  const { columns } = table;
  const tasks: PlanTask[] = [];
  let group = { label: '', dimensions: context.dimensions, index: context.index };
  let counter = 0;
  for (const row of table.rows) {
    const cell = (at: number | null) => (at === null ? '' : (row[at] ?? '').trim());
    const text = cell(columns.task);
    const number = cell(columns.ref).replace(/\.$/, '');
    if (text === '') continue;
    const details = cell(columns.lead) + cell(columns.support) + cell(columns.due);
    if (details === '' && (number === '' || GROUP_LABEL.test(number))) {
      const title = toMatchText(text);
      const dimensions = headingDimensions(title, context.index, context.indices);
      group = {
        label: number,
        dimensions: dimensions.length > 0 ? dimensions : context.dimensions,
        index: headingIndex(title) ?? context.index,
      };
      counter = 0;
      continue;
    }
    counter += 1;
    const dimension =
      group.dimensions.length > 1
        ? pickDimension(group.dimensions, toMatchText(text))
        : (group.dimensions[0] ?? null);
    const lead = unitsIn(cell(columns.lead));
    tasks.push({
      ref: [context.prefix, group.label, number === '' ? String(counter) : number].filter(Boolean).join('.'),
      text,
      index: dimension
        ? indexOfDimension(dimension)
        : (group.index ?? (context.indices.length === 1 ? (context.indices[0] ?? null) : null)),
      dimension,
      lead,
      support: unitsIn(cell(columns.support)).filter((unit) => !lead.includes(unit)),
      due: dueIn(cell(columns.due), context.planYear),
      recurrence: findRecurrence(`${cell(columns.due)} ${text}`),
    });
  }
  return tasks;
}
