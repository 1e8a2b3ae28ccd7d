/**
 * The paper-entry grid as data: its columns, which cells a row asks, where the cursor goes next, the
 * rows kept in the browser until saved, and the forms sent. No React here.
 */
import { PAPER_COLUMNS } from '../../../../core/surveys/paper-table.ts';
import {
  isAsked,
  optionsOf,
  type SurveyAnswers,
  type SurveyDefinition,
  type SurveyQuestion,
} from '../../../../core/surveys/survey.ts';
import { parseDate } from '../../../../core/text/dates.ts';

/** A column: the form's number, its date, its dossier, or a question (by code). */
export type GridColumn =
  | { key: '#number' | '#date' | '#dossier'; kind: 'text'; title: string }
  | { key: string; kind: 'option' | 'text'; title: string; question: SurveyQuestion };

export interface GridRow {
  id: string;
  cells: Record<string, string>;
}

export const NUMBER = '#number';
export const DATE = '#date';
export const DOSSIER = '#dossier';

/** The server names the columns beside the questions in words ("Số phiếu"): back to the grid's keys. */
const KEY_OF_COLUMN: Record<string, string> = {
  [PAPER_COLUMNS.paperNumber.vi]: NUMBER,
  [PAPER_COLUMNS.answeredOn.vi]: DATE,
  [PAPER_COLUMNS.dossierCode.vi]: DOSSIER,
};
export const columnKeyOf = (column: string) => KEY_OF_COLUMN[column] ?? column;

export function gridColumns(
  definition: SurveyDefinition,
  label: (pair: { vi: string; en: string }) => string,
) {
  const columns: GridColumn[] = [
    { key: NUMBER, kind: 'text', title: label(PAPER_COLUMNS.paperNumber) },
    { key: DATE, kind: 'text', title: label(PAPER_COLUMNS.answeredOn) },
    { key: DOSSIER, kind: 'text', title: label(PAPER_COLUMNS.dossierCode) },
  ];
  for (const question of definition.questions)
    columns.push({
      key: question.code,
      kind: question.kind === 'text' ? 'text' : 'option',
      title: question.code,
      question,
    });
  return columns;
}

let sequence = 0;
export const emptyRow = (): GridRow => {
  sequence += 1;
  return { id: `${Date.now().toString(36)}-${sequence}`, cells: {} };
};

/** A row's answers as the server will read them (option cells as numbers). */
export function answersOf(columns: readonly GridColumn[], row: GridRow): SurveyAnswers {
  const answers: SurveyAnswers = {};
  for (const column of columns) {
    if (!('question' in column)) continue;
    const value = row.cells[column.key]?.trim();
    if (!value) continue;
    answers[column.key] = column.kind === 'option' ? Number(value) : value;
  }
  return answers;
}

/**
 * Whether a row asks the question. A question whose condition rests on an answer the dossier gives
 * (the channel) stays open while that answer is left to the dossier: the server knows the channel.
 */
export function isAskedInRow(question: SurveyQuestion, definition: SurveyDefinition, row: GridRow): boolean {
  const condition = question.condition;
  if (!condition) return true;
  const source = definition.questions.find((candidate) => candidate.code === condition.question);
  if (source?.fromDossier && row.cells[DOSSIER]?.trim() && !row.cells[source.code]?.trim()) return true;
  const answers: SurveyAnswers = {};
  const value = row.cells[condition.question]?.trim();
  if (value) answers[condition.question] = Number(value);
  return isAsked(question, answers);
}

export const isCellOpen = (column: GridColumn, definition: SurveyDefinition, row: GridRow) =>
  !('question' in column) || isAskedInRow(column.question, definition, row);

/** A cell changed: questions the row no longer asks are emptied, so nothing hidden is sent. */
export function withCell(
  definition: SurveyDefinition,
  columns: readonly GridColumn[],
  row: GridRow,
  key: string,
  value: string,
): GridRow {
  const next: GridRow = { ...row, cells: { ...row.cells, [key]: value } };
  if (value === '') delete next.cells[key];
  for (const column of columns)
    if ('question' in column && next.cells[column.key] !== undefined && !isCellOpen(column, definition, next))
      delete next.cells[column.key];
  return next;
}

/** The option a key typed in an option cell stands for ("4", or "0" for No), or null. */
export function optionForKey(question: SurveyQuestion, key: string): number | null {
  if (!/^\d$/.test(key)) return null;
  const option = optionsOf(question).find((candidate) => candidate.value === Number(key));
  return option ? option.value : null;
}

export const isRowEmpty = (row: GridRow) => Object.values(row.cells).every((value) => value.trim() === '');

/**
 * The next open cell from (row, column) going `step` (+1 right, −1 left) along the rows, closed cells
 * skipped; past the last cell of the last row, null (a new row is started by the caller).
 */
export function nextCell(
  definition: SurveyDefinition,
  columns: readonly GridColumn[],
  rows: readonly GridRow[],
  at: { row: number; column: number },
  step: 1 | -1,
): { row: number; column: number } | null {
  let { row, column } = at;
  for (;;) {
    column += step;
    if (column >= columns.length) {
      row += 1;
      column = 0;
    } else if (column < 0) {
      row -= 1;
      column = columns.length - 1;
    }
    const current = rows[row];
    const target = columns[column];
    if (!current || !target) return null;
    if (isCellOpen(target, definition, current)) return { row, column };
  }
}

/** What "Lưu" sends: the rows with something typed, each dated (its own date, else the default). */
export function formsOf(
  columns: readonly GridColumn[],
  rows: readonly GridRow[],
  defaultDate: string | null,
): { forms: PaperFormInput[]; gridRows: number[]; badDates: number[] } {
  const forms: PaperFormInput[] = [];
  const gridRows: number[] = [];
  const badDates: number[] = [];
  rows.forEach((row, index) => {
    if (isRowEmpty(row)) return;
    const typed = row.cells[DATE]?.trim();
    const answeredOn = typed ? parseDate(typed) : defaultDate;
    if (!answeredOn) badDates.push(index);
    forms.push({
      answers: answersOf(columns, row),
      answeredOn: answeredOn ?? '',
      paperNumber: row.cells[NUMBER]?.trim() || null,
      dossierCode: row.cells[DOSSIER]?.trim() || null,
    });
    gridRows.push(index);
  });
  return { forms, gridRows, badDates };
}

export interface PaperFormInput {
  answers: SurveyAnswers;
  answeredOn: string;
  paperNumber: string | null;
  dossierCode: string | null;
}

/** Rows typed and not yet saved live in the browser, per questionnaire and unit. */
const storageKey = (surveyId: number, unitId: number) => `chiso.paper.${surveyId}.${unitId}`;

export function loadRows(surveyId: number, unitId: number): GridRow[] {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey(surveyId, unitId)) ?? 'null');
    if (Array.isArray(stored) && stored.length > 0) return stored as GridRow[];
  } catch {}
  return [emptyRow()];
}

export function storeRows(surveyId: number, unitId: number, rows: readonly GridRow[]): void {
  const key = storageKey(surveyId, unitId);
  if (rows.every(isRowEmpty)) localStorage.removeItem(key);
  else localStorage.setItem(key, JSON.stringify(rows));
}
