/** The "Câu hỏi" sheet read back: one question a row, each cell checked, every problem at its row and column. */
import { CHANNELS, type Channel, parseChannel } from '../dossiers/dossier-values.ts';
import { msg, type RowIssue } from '../errors.ts';
import { foldVietnamese } from '../text/vietnamese.ts';
import {
  isScored,
  optionsOf,
  QUESTION_KINDS,
  type QuestionKind,
  type SurveyOption,
  type SurveyQuestion,
  satisfiedValues,
} from './survey.ts';
import {
  CHANNEL_NAMES,
  isBlank,
  type QUESTION_COLUMNS,
  type SurveySheet,
  sheetReader,
} from './survey-table-layout.ts';

const KIND_BY_NAME = new Map<string, QuestionKind>(
  Object.entries(QUESTION_KINDS).flatMap(([kind, name]) => [
    [foldVietnamese(kind), kind as QuestionKind],
    [foldVietnamese(name.vi), kind as QuestionKind],
    [foldVietnamese(name.en), kind as QuestionKind],
  ]),
);
const YES = new Set(['co', 'x', 'yes', '1', 'true']);
const NO = new Set(['khong', 'no', '0', 'false']);
const KIND_LIST = Object.values(QUESTION_KINDS)
  .map((name) => `"${name.vi}"`)
  .join(', ');

const OPTION_SPLIT = /\s*[;\n]\s*(?=-?\d+\s*=)/;
const OPTION = /^(-?\d+)\s*=\s*([\s\S]*?)[\s;]*$/;

/** "1=Trực tiếp; 2=Trực tuyến" → value and text; null when a part is not "number=text". */
function parseOptionList(cell: string): { value: number; text: string }[] | null {
  if (cell === '') return [];
  const parts = cell.split(OPTION_SPLIT).map((part) => part.match(OPTION));
  if (parts.some((part) => !part || part[2] === '')) return null;
  return parts.map((part) => ({ value: Number(part?.[1]), text: part?.[2] ?? '' }));
}

/** "4;5", "4, 5" or the options' words ("Hài lòng; Rất hài lòng") → the values, or null. */
function parseValues(cell: string, options: readonly SurveyOption[]): number[] | null {
  const parts = cell
    .split(/[;,]/)
    .map((part) => part.trim())
    .filter(Boolean);
  const result: number[] = [];
  for (const part of parts) {
    if (/^-?\d+$/.test(part)) result.push(Number(part));
    else {
      const option = options.find((candidate) => foldVietnamese(candidate.vi) === foldVietnamese(part));
      if (!option) return null;
      result.push(option.value);
    }
  }
  return result;
}

const sameSet = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

export function readQuestions(sheet: SurveySheet, issues: RowIssue[]) {
  const reader = sheetReader(sheet, issues);
  const questions: SurveyQuestion[] = [];
  const rowOf: number[] = [];
  sheet.rows.forEach((cells, index) => {
    if (isBlank(cells)) return;
    const row = index + 2;
    const cell = (column: (typeof QUESTION_COLUMNS)[number]) => reader.cell(cells, column);
    const say = (column: (typeof QUESTION_COLUMNS)[number], vi: string, en: string) =>
      reader.issue(row, column, msg(vi, en));
    const kind = KIND_BY_NAME.get(foldVietnamese(cell('Loại')));
    if (!kind) {
      say(
        'Loại',
        `Không rõ loại "${cell('Loại')}" (${KIND_LIST}).`,
        `Unknown kind "${cell('Loại')}" (${KIND_LIST}).`,
      );
      return;
    }
    const flag = (column: 'Tính điểm' | 'Bắt buộc' | 'Chưa xác nhận'): boolean | undefined | null => {
      const text = foldVietnamese(cell(column));
      if (text === '') return undefined;
      if (YES.has(text)) return true;
      if (NO.has(text)) return false;
      say(column, 'Ghi "Có", "Không" hoặc để trống.', 'Write "Có" (yes), "Không" (no) or leave it empty.');
      return null;
    };
    const question: SurveyQuestion = {
      code: cell('Mã câu hỏi'),
      element: cell('Yếu tố') || null,
      kind,
      textVi: cell('Câu hỏi'),
    };
    if (cell('Tiếng Anh')) question.textEn = cell('Tiếng Anh');

    const own = readOptions(kind, cell, say);
    if (own) question.options = own.options;
    if (own?.fromDossier) question.fromDossier = 'channel';

    const satisfiedText = cell('Hài lòng khi');
    if (satisfiedText !== '') {
      const known = optionsOf(question);
      const satisfied = parseValues(satisfiedText, known);
      if (kind === 'text')
        say(
          'Hài lòng khi',
          'Câu trả lời bằng chữ không tính hài lòng: để trống.',
          'A free-text answer cannot count as satisfied: leave it empty.',
        );
      else if (!satisfied || satisfied.some((value) => !known.some((option) => option.value === value)))
        say(
          'Hài lòng khi',
          `"${satisfiedText}" không phải các giá trị của câu hỏi (${known.map((option) => option.value).join(', ')}), ví dụ "4;5".`,
          `"${satisfiedText}" are not the question's values (${known.map((option) => option.value).join(', ')}), e.g. "4;5".`,
        );
      else if (!sameSet(satisfied, satisfiedValues({ ...question, satisfied: undefined })))
        question.satisfied = satisfied;
    }

    const scored = flag('Tính điểm');
    if (scored === true && (kind === 'text' || question.element === null))
      say(
        'Tính điểm',
        'Chỉ câu hỏi thuộc một yếu tố và không phải ý kiến bằng chữ mới tính điểm.',
        'Only a question of an element that is not free text can be scored.',
      );
    else if (
      scored !== undefined &&
      scored !== null &&
      scored !== isScored({ ...question, scored: undefined })
    )
      question.scored = scored;
    const required = flag('Bắt buộc');
    if (typeof required === 'boolean') question.required = required;

    const conditionText = cell('Điều kiện');
    if (conditionText !== '') {
      const match = conditionText.match(/^([^=\s]+)\s*=\s*(-?\d+(?:\s*[;,]\s*-?\d+)*)\s*$/);
      if (!match)
        say(
          'Điều kiện',
          `Điều kiện viết dạng MÃ=giá trị, ví dụ "KENH=2" hoặc "KENH=2;3" (đang là "${conditionText}").`,
          `Write a condition as CODE=values, e.g. "KENH=2" or "KENH=2;3" (it is "${conditionText}").`,
        );
      else
        question.condition = {
          question: match[1] ?? '',
          in: (match[2] ?? '').split(/[;,]/).map((part) => Number(part.trim())),
        };
    }
    const unconfirmed = flag('Chưa xác nhận');
    if (typeof unconfirmed === 'boolean') question.unconfirmed = unconfirmed;
    questions.push(question);
    rowOf.push(row);
  });
  if (questions.length === 0 && issues.length === 0)
    reader.issue(2, 'Mã câu hỏi', msg('Trang tính không có câu hỏi nào.', 'The sheet has no question.'));
  return { questions, rowOf };
}

/** A choice question's options from its three option columns (words, English, dossier channels). */
function readOptions(
  kind: QuestionKind,
  cell: (column: (typeof QUESTION_COLUMNS)[number]) => string,
  say: (column: (typeof QUESTION_COLUMNS)[number], vi: string, en: string) => void,
): { options: SurveyOption[]; fromDossier: boolean } | null {
  const columns = ['Phương án', 'Phương án (tiếng Anh)', 'Kênh nộp hồ sơ'] as const;
  if (kind !== 'choice') {
    for (const column of columns)
      if (cell(column) !== '')
        say(
          column,
          'Chỉ câu hỏi "Chọn một" có phương án riêng: để trống.',
          'Only "Chọn một" (choice) questions have their own options: leave it empty.',
        );
    return null;
  }
  const FORM = [
    'Viết dạng "1=Trực tiếp; 2=Trực tuyến".',
    'Write it as "1=Trực tiếp; 2=Trực tuyến".',
  ] as const;
  const vi = parseOptionList(cell('Phương án'));
  if (!vi) {
    say('Phương án', ...FORM);
    return null;
  }
  const options: SurveyOption[] = vi.map(({ value, text }) => ({ value, vi: text }));
  const byValue = new Map(options.map((option) => [option.value, option]));
  const en = parseOptionList(cell('Phương án (tiếng Anh)'));
  if (!en) say('Phương án (tiếng Anh)', ...FORM);
  for (const { value, text } of en ?? []) {
    const option = byValue.get(value);
    if (option) option.en = text;
    else
      say(
        'Phương án (tiếng Anh)',
        `Không có phương án ${value} trong cột "Phương án".`,
        `There is no option ${value} in the "Phương án" column.`,
      );
  }
  const channels = parseOptionList(cell('Kênh nộp hồ sơ'));
  if (!channels)
    say(
      'Kênh nộp hồ sơ',
      'Viết dạng "1=Trực tiếp; 2=Trực tuyến toàn trình, Trực tuyến một phần".',
      'Write it as "1=Trực tiếp; 2=Trực tuyến toàn trình, Trực tuyến một phần".',
    );
  for (const { value, text } of channels ?? []) {
    const option = byValue.get(value);
    const parsed = text.split(',').map((part) => parseChannel(part.trim()));
    if (!option)
      say(
        'Kênh nộp hồ sơ',
        `Không có phương án ${value} trong cột "Phương án".`,
        `There is no option ${value} in the "Phương án" column.`,
      );
    else if (parsed.some((channel) => channel === null)) {
      const known = CHANNELS.map((channel) => CHANNEL_NAMES[channel].vi).join(', ');
      say('Kênh nộp hồ sơ', `Không rõ kênh "${text}" (${known}).`, `Unknown channel "${text}" (${known}).`);
    } else option.channels = parsed as Channel[];
  }
  return { options, fromDossier: (channels ?? []).length > 0 };
}
