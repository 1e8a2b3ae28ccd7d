/**
 * A file of paper questionnaires as a table: one row per respondent, one column per question code,
 * plus "Số phiếu", "Ngày" and "Mã hồ sơ". Headers are matched ignoring case and diacritics; the
 * answers themselves are read and checked by `checkAnswers`, the same as every other entry path.
 */
import { type Msg, msg, type RowIssue } from '../errors.ts';
import { parseDate } from '../text/dates.ts';
import { foldVietnamese } from '../text/vietnamese.ts';
import { optionsOf, type SurveyDefinition, type SurveyQuestion } from './survey.ts';

/** The columns beside the questions, as the template writes them and the error messages name them. */
export const PAPER_COLUMNS = {
  paperNumber: { vi: 'Số phiếu', en: 'Form number' },
  answeredOn: { vi: 'Ngày', en: 'Date' },
  dossierCode: { vi: 'Mã hồ sơ', en: 'Dossier code' },
} as const satisfies Record<string, Msg>;
export type PaperColumn = keyof typeof PAPER_COLUMNS;

/** One form read from a row, before it is checked: answers raw, the date ISO when it reads as one. */
export interface PaperRow {
  row: number;
  answers: Record<string, string>;
  answeredOn: string;
  paperNumber: string | null;
  dossierCode: string | null;
}

const fold = (text: string) => foldVietnamese(text).replace(/[\s._-]+/g, ' ');

/** Excel keeps dates as days since 30/12/1899; a bare serial (a cell formatted as a number) is read too. */
function excelSerialDate(text: string): string | null {
  if (!/^\d{5}$/.test(text)) return null;
  const serial = Number(text);
  if (serial < 20_000 || serial > 80_000) return null;
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}

/** A date cell as ISO; text that is no date is kept as typed, so the check names it. */
export function readPaperDate(text: string): string {
  const trimmed = text.trim();
  return parseDate(trimmed) ?? excelSerialDate(trimmed) ?? trimmed;
}

/**
 * The rows of a table as forms, or the problems of its header (row 1): an unknown column is refused
 * by name, a column given twice too. Rows with every cell empty are skipped; row numbers are the
 * file's (header = row 1). A row without a date takes `defaultDate` (ISO) when one is given.
 */
export function paperRowsOf(
  definition: SurveyDefinition,
  table: { headers: string[]; rows: string[][] },
  options: { defaultDate?: string | null | undefined } = {},
): { rows: PaperRow[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const byFolded = new Map<string, { kind: 'question'; code: string } | { kind: PaperColumn }>();
  for (const question of definition.questions)
    byFolded.set(fold(question.code), { kind: 'question', code: question.code });
  for (const [kind, name] of Object.entries(PAPER_COLUMNS) as [PaperColumn, Msg][]) {
    byFolded.set(fold(name.vi), { kind });
    byFolded.set(fold(name.en), { kind });
  }
  const columns: ({ kind: 'question'; code: string } | { kind: PaperColumn } | null)[] = [];
  const seen = new Map<string, string>();
  // Cells past the last header count as columns without a header.
  const width = table.rows.reduce((widest, cells) => Math.max(widest, cells.length), table.headers.length);
  Array.from({ length: width }, (_, index) => table.headers[index] ?? '').forEach((header, index) => {
    const name = header.trim();
    if (name === '') {
      // A column without a header is ignored while it is empty, refused once it holds an answer.
      const used = table.rows.some((cells) => (cells[index] ?? '').trim() !== '');
      if (used)
        issues.push({
          row: 1,
          column: `#${index + 1}`,
          reason: msg(
            `Cột thứ ${index + 1} có dữ liệu nhưng không có tiêu đề (mã câu hỏi).`,
            `Column ${index + 1} holds data but has no header (question code).`,
          ),
        });
      columns.push(null);
      return;
    }
    const column = byFolded.get(fold(name));
    if (!column) {
      issues.push({
        row: 1,
        column: name,
        reason: msg(
          `Phiếu "${definition.nameVi}" không có câu hỏi mã "${name}".`,
          `The questionnaire "${definition.nameEn ?? definition.nameVi}" has no question coded "${name}".`,
        ),
      });
      columns.push(null);
      return;
    }
    const key = column.kind === 'question' ? column.code : column.kind;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      issues.push({
        row: 1,
        column: name,
        reason: msg(`Cột này trùng với cột "${earlier}".`, `This column repeats the column "${earlier}".`),
      });
    seen.set(key, name);
    columns.push(earlier === undefined ? column : null);
  });
  if (issues.length > 0) return { rows: [], issues };
  const rows: PaperRow[] = [];
  table.rows.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    const form: PaperRow = {
      row: index + 2,
      answers: {},
      answeredOn: options.defaultDate ?? '',
      paperNumber: null,
      dossierCode: null,
    };
    columns.forEach((column, at) => {
      const cell = (cells[at] ?? '').trim();
      if (!column || cell === '') return;
      if (column.kind === 'question') form.answers[column.code] = cell;
      else if (column.kind === 'answeredOn') form.answeredOn = readPaperDate(cell);
      else form[column.kind] = cell;
    });
    rows.push(form);
  });
  return { rows, issues };
}

/** What a statistician may write in a question's column: "1 (Rất không hài lòng), 2 (…)…" or free text. */
export function allowedAnswers(question: SurveyQuestion, language: 'vi' | 'en' = 'vi'): string {
  if (question.kind === 'text')
    return language === 'vi' ? 'Ý kiến bằng chữ (không bắt buộc)' : 'Free text (optional)';
  return optionsOf(question)
    .map((option) => `${option.value} (${language === 'vi' ? option.vi : (option.en ?? option.vi)})`)
    .join(', ');
}
