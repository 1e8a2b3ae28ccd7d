/**
 * Task tables: many plans list their tasks in a table (often an appendix, "Phụ lục"), one row per task
 * with columns "Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành". Rows
 * whose only text is a title ("I | CẢI CÁCH THỂ CHẾ") group the rows under them. Markdown pipe tables
 * and tab-separated rows (pasted from Word) are read; any other table is kept as plain text lines.
 */
import { foldVietnamese } from '../text/vietnamese.ts';
import { cleanLine } from './normalise.ts';

export interface TableColumns {
  ref: number | null;
  task: number;
  lead: number | null;
  support: number | null;
  due: number | null;
}

export interface TaskTable {
  /** 1-based line of the table's first row. */
  line: number;
  columns: TableColumns;
  rows: string[][];
  /** "Phụ lục I" when a heading of that kind sits just above the table. */
  appendix: string | null;
}

const RULE_ROW = /^\|?[\s:|-]+\|?$/;

function cellsOf(line: string): string[] | null {
  const trimmed = line.trim();
  if (trimmed.startsWith('|') && trimmed.split('|').length >= 3) {
    return trimmed
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cleanLine(cell));
  }
  if ((line.match(/\t/g)?.length ?? 0) >= 2) return line.split('\t').map((cell) => cleanLine(cell));
  return null;
}

function findColumn(header: string[], pattern: RegExp, except?: RegExp): number | null {
  const index = header.findIndex((cell) => pattern.test(cell) && !(except?.test(cell) ?? false));
  return index === -1 ? null : index;
}

/** Which column holds what, from the header words; null when the table is not a task list. */
export function taskColumns(header: string[]): TableColumns | null {
  const folded = header.map((cell) => foldVietnamese(cell));
  const task = findColumn(
    folded,
    /\b(nhiem vu|noi dung|cong viec|giai phap|hoat dong)\b/,
    /\b(chu tri|phoi hop)\b/,
  );
  if (task === null) return null;
  const lead = findColumn(folded, /\b(chu tri|chiu trach nhiem|thuc hien)\b/, /\bphoi hop\b|\bthoi gian\b/);
  const due = findColumn(folded, /\b(thoi gian|thoi han|tien do|hoan thanh)\b/);
  if (lead === null && due === null) return null;
  return {
    ref: findColumn(folded, /^(stt|tt|so tt|so thu tu)$/),
    task,
    lead: lead === task ? null : lead,
    support: findColumn(folded, /\bphoi hop\b/),
    due,
  };
}

const APPENDIX = /^(phu luc)\s*([ivx\d]+)?/;
const HEADER_WORDS = /\b(chu tri|phoi hop|thoi gian|thoi han|nhiem vu|noi dung)\b/;

/**
 * Takes task tables out of the raw lines (their lines become blank, so line numbers stay put) and
 * flattens every other table row to text.
 */
export function extractTables(rawLines: string[]): { lines: string[]; tables: TaskTable[] } {
  const lines = [...rawLines];
  const tables: TaskTable[] = [];
  let index = 0;
  while (index < lines.length) {
    if (cellsOf(lines[index] ?? '') === null) {
      index += 1;
      continue;
    }
    const start = index;
    const rows: string[][] = [];
    while (index < lines.length) {
      const raw = lines[index] ?? '';
      if (RULE_ROW.test(raw.trim()) && raw.includes('|')) {
        index += 1;
        continue;
      }
      const cells = cellsOf(raw);
      if (!cells) break;
      rows.push(cells);
      index += 1;
    }
    const [header = [], ...body] = rows;
    const columns = taskColumns(header);
    if (!columns || body.length === 0) continue;
    // A second header row ("| | | Chủ trì | Phối hợp |") refines the columns of the first.
    const firstRow = body[0] ?? [];
    const isSecondHeader =
      firstRow.some((cell) => HEADER_WORDS.test(foldVietnamese(cell))) &&
      firstRow.every((cell) => cell.length < 40 && !/^([IVX]+|\d+)\.?$/.test(cell));
    const second = isSecondHeader
      ? taskColumns(firstRow.map((cell, at) => `${header[at] ?? ''} ${cell}`))
      : null;
    const above = lines
      .slice(Math.max(0, start - 6), start)
      .map((line) => foldVietnamese(cleanLine(line)))
      .reverse()
      .find((line) => APPENDIX.test(line));
    const appendixNumber = above ? (APPENDIX.exec(above)?.[2] ?? '').toUpperCase() : null;
    tables.push({
      line: start + 1,
      columns: second ?? columns,
      rows: isSecondHeader ? body.slice(1) : body,
      appendix: above === undefined ? null : `PL${appendixNumber}`,
    });
    for (let blank = start; blank < index; blank += 1) lines[blank] = '';
  }
  return { lines, tables };
}
