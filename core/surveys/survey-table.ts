/**
 * A questionnaire as a workbook of three sheets, and back: what a coordinator edits in Excel. "Câu hỏi"
 * has one row per question in order, "Yếu tố" one per element, "Thông tin" the survey's own fields as
 * label and value. Reading back names every problem by sheet, row (the header is row 1) and column.
 * An empty cell means the default, so a definition written and read again is the same definition.
 */
import type { Channel } from '../dossiers/dossier-values.ts';
import { type Msg, msg, type RowIssue } from '../errors.ts';
import { foldVietnamese } from '../text/vietnamese.ts';
import {
  INDEX_METHODS,
  type IndexMethod,
  isScored,
  QUESTION_KINDS,
  type SurveyDefinition,
  type SurveyElement,
  type SurveyOption,
  satisfiedValues,
} from './survey.ts';
import { surveyDefinitionSchema, validateSurvey } from './survey-schema.ts';
import {
  CHANNEL_NAMES,
  ELEMENT_COLUMNS,
  ELEMENT_SHEET,
  INFO_COLUMNS,
  INFO_LABELS,
  INFO_SHEET,
  type InfoField,
  isBlank,
  locateIssue,
  QUESTION_COLUMNS,
  QUESTION_SHEET,
  SUB_INDEX_NAMES,
  type SurveySheet,
  sheetReader,
} from './survey-table-layout.ts';
import { readQuestions } from './survey-table-questions.ts';

export {
  CHANNEL_NAMES,
  ELEMENT_SHEET,
  INFO_LABELS,
  INFO_SHEET,
  QUESTION_COLUMNS,
  QUESTION_SHEET,
  SUB_INDEX_NAMES,
  type SurveySheet,
} from './survey-table-layout.ts';

const STATUS_NAMES = { confirmed: 'Đã xác nhận', unconfirmed: 'Chưa xác nhận' } as const;

const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? 'Có' : 'Không');
const values = (list: readonly number[]) => list.join(';');
const optionList = (options: readonly SurveyOption[], text: (option: SurveyOption) => string | undefined) =>
  options.flatMap((option) => (text(option) ? [`${option.value}=${text(option)}`] : [])).join('; ');

export function surveyToSheets(definition: SurveyDefinition): SurveySheet[] {
  const questions = definition.questions.map((question) => {
    const own = question.options ?? [];
    return [
      question.code,
      question.element ?? '',
      QUESTION_KINDS[question.kind].vi,
      question.textVi,
      question.textEn ?? '',
      optionList(own, (option) => option.vi),
      question.kind === 'text' ? '' : values(satisfiedValues(question)),
      question.kind === 'text' || question.element === null ? '' : yesNo(isScored(question)),
      yesNo(question.required),
      question.condition ? `${question.condition.question}=${values(question.condition.in)}` : '',
      yesNo(question.unconfirmed),
      optionList(own, (option) => option.en),
      question.fromDossier === 'channel'
        ? optionList(own, (option) =>
            option.channels?.map((channel) => CHANNEL_NAMES[channel as Channel]?.vi ?? channel).join(', '),
          )
        : '',
    ];
  });
  const elements = definition.elements.map((element) => [
    element.code,
    element.nameVi,
    element.nameEn ?? '',
    element.subIndex ? (SUB_INDEX_NAMES[element.subIndex]?.vi ?? element.subIndex) : '',
    element.criterion ?? '',
  ]);
  const info: Record<InfoField, string> = {
    code: definition.code,
    nameVi: definition.nameVi,
    nameEn: definition.nameEn ?? '',
    fromYear: String(definition.fromYear),
    toYear: definition.toYear === null ? '' : String(definition.toYear),
    status: STATUS_NAMES[definition.status],
    source: definition.source,
    indexMethod: INDEX_METHODS[definition.indexMethod].vi,
    minRespondents: String(definition.minRespondents),
    indicatorCode: definition.indicatorCode ?? '',
    frameworkCode: definition.frameworkCode ?? '',
  };
  return [
    { name: QUESTION_SHEET, headers: [...QUESTION_COLUMNS], rows: questions },
    { name: ELEMENT_SHEET, headers: [...ELEMENT_COLUMNS], rows: elements },
    {
      name: INFO_SHEET,
      headers: [...INFO_COLUMNS],
      rows: (Object.keys(INFO_LABELS) as InfoField[]).map((field) => [INFO_LABELS[field], info[field]]),
    },
  ];
}

/**
 * The definition the sheets describe, or every problem: cells that cannot be read, then (once every
 * cell reads) the shape and the rules between fields (`validateSurvey`), each at its sheet, row and column.
 */
export function surveyFromSheets(sheets: readonly SurveySheet[]): {
  definition: SurveyDefinition | null;
  issues: RowIssue[];
} {
  const issues: RowIssue[] = [];
  const find = (name: string) => sheets.find((sheet) => foldVietnamese(sheet.name) === foldVietnamese(name));
  const questionSheet = find(QUESTION_SHEET);
  const elementSheet = find(ELEMENT_SHEET);
  const infoSheet = find(INFO_SHEET);
  for (const [name, sheet] of [
    [QUESTION_SHEET, questionSheet],
    [ELEMENT_SHEET, elementSheet],
    [INFO_SHEET, infoSheet],
  ] as const)
    if (!sheet)
      issues.push({
        row: 1,
        column: name,
        reason: msg(`Tệp thiếu trang tính "${name}".`, `The workbook has no sheet named "${name}".`),
      });
  if (!questionSheet || !elementSheet || !infoSheet) return { definition: null, issues };
  const missingColumns = (sheet: SurveySheet, required: readonly string[]) => {
    const reader = sheetReader(sheet, issues);
    for (const column of required)
      if (!reader.has(column))
        reader.issue(
          1,
          column,
          msg('Thiếu cột này trong dòng tiêu đề.', 'This column is missing from the header row.'),
        );
  };
  missingColumns(questionSheet, ['Mã câu hỏi', 'Loại', 'Câu hỏi']);
  missingColumns(elementSheet, ['Mã yếu tố', 'Tên']);
  missingColumns(infoSheet, INFO_COLUMNS);
  if (issues.length > 0) return { definition: null, issues };

  const info = readInfo(infoSheet, issues);
  const elements = readElements(elementSheet, issues);
  const { questions, rowOf } = readQuestions(questionSheet, issues);
  if (issues.length > 0 || !info) return { definition: null, issues };

  const candidate = { ...info.definition, elements: elements.list, questions };
  const shape = surveyDefinitionSchema.safeParse(candidate);
  const where = { questionRows: rowOf, elementRows: elements.rowOf, infoRows: info.rowOf };
  if (!shape.success) {
    for (const issue of shape.error.issues)
      issues.push(locateIssue(issue.path.join('.'), issue.message, where));
    return { definition: null, issues };
  }
  const definition = candidate as SurveyDefinition;
  for (const issue of validateSurvey(definition)) issues.push(locateIssue(issue.path, issue.message, where));
  return issues.length > 0 ? { definition: null, issues } : { definition, issues: [] };
}

function readInfo(sheet: SurveySheet, issues: RowIssue[]) {
  const reader = sheetReader(sheet, issues);
  const byLabel = new Map(
    (Object.entries(INFO_LABELS) as [InfoField, string][]).map(([field, label]) => [
      foldVietnamese(label),
      field,
    ]),
  );
  const value = new Map<InfoField, string>();
  const rowOf = new Map<InfoField, number>();
  sheet.rows.forEach((cells, index) => {
    if (isBlank(cells)) return;
    const row = index + 2;
    const field = byLabel.get(foldVietnamese(reader.cell(cells, 'Mục')));
    if (!field) {
      reader.issue(
        row,
        'Mục',
        msg(
          `Không rõ mục "${reader.cell(cells, 'Mục')}" (${Object.values(INFO_LABELS).join(', ')}).`,
          `Unknown item "${reader.cell(cells, 'Mục')}" (${Object.values(INFO_LABELS).join(', ')}).`,
        ),
      );
      return;
    }
    value.set(field, reader.cell(cells, 'Giá trị'));
    rowOf.set(field, row);
  });
  const say = (field: InfoField, reason: Msg) =>
    issues.push({ row: rowOf.get(field) ?? 1, column: `${INFO_SHEET} › ${INFO_LABELS[field]}`, reason });
  const text = (field: InfoField) => value.get(field) ?? '';
  const year = (field: InfoField, optional: boolean): number | null => {
    const raw = text(field);
    if (raw === '' && optional) return null;
    if (!/^\d{4}$/.test(raw)) {
      say(field, msg(`"${raw}" không phải một năm (ví dụ 2026).`, `"${raw}" is not a year (e.g. 2026).`));
      return null;
    }
    return Number(raw);
  };
  const before = issues.length;
  const fromYear = year('fromYear', false);
  const toYear = year('toYear', true);
  const statusText = foldVietnamese(text('status'));
  const status =
    statusText === '' ||
    statusText === foldVietnamese(STATUS_NAMES.unconfirmed) ||
    statusText === 'unconfirmed'
      ? 'unconfirmed'
      : statusText === foldVietnamese(STATUS_NAMES.confirmed) || statusText === 'confirmed'
        ? 'confirmed'
        : null;
  if (!status)
    say(
      'status',
      msg(
        'Ghi "Đã xác nhận" hoặc "Chưa xác nhận".',
        'Write "Đã xác nhận" (confirmed) or "Chưa xác nhận" (unconfirmed).',
      ),
    );
  const methodText = foldVietnamese(text('indexMethod'));
  const indexMethod = (Object.keys(INDEX_METHODS) as IndexMethod[]).find(
    (method) =>
      methodText === method ||
      methodText === foldVietnamese(INDEX_METHODS[method].vi) ||
      (methodText !== '' && foldVietnamese(INDEX_METHODS[method].vi).startsWith(methodText)),
  );
  if (!indexMethod)
    say(
      'indexMethod',
      msg(
        `Không rõ cách tính "${text('indexMethod')}" (${Object.values(INDEX_METHODS)
          .map((method) => `"${method.vi.split(':')[0]}"`)
          .join(' hoặc ')}).`,
        `Unknown index method "${text('indexMethod')}" (${Object.values(INDEX_METHODS)
          .map((method) => `"${method.vi.split(':')[0]}"`)
          .join(' or ')}).`,
      ),
    );
  const minText = text('minRespondents');
  const minRespondents = /^\d+$/.test(minText) ? Number(minText) : null;
  if (minRespondents === null)
    say(
      'minRespondents',
      msg(`"${minText}" không phải một số người.`, `"${minText}" is not a number of people.`),
    );
  if (issues.length > before || fromYear === null || !status || !indexMethod || minRespondents === null)
    return null;
  const optional = (field: InfoField) => (text(field) === '' ? {} : { [field]: text(field) });
  const definition: Omit<SurveyDefinition, 'elements' | 'questions'> = {
    code: text('code'),
    nameVi: text('nameVi'),
    ...optional('nameEn'),
    fromYear,
    toYear,
    status,
    source: text('source'),
    indexMethod,
    minRespondents,
    ...optional('indicatorCode'),
    ...optional('frameworkCode'),
  };
  return { definition, rowOf };
}

function readElements(sheet: SurveySheet, issues: RowIssue[]) {
  const reader = sheetReader(sheet, issues);
  const byName = new Map(
    Object.entries(SUB_INDEX_NAMES).flatMap(([code, name]) => [
      [foldVietnamese(name.vi), code],
      [foldVietnamese(name.en), code],
    ]),
  );
  const list: SurveyElement[] = [];
  const rowOf: number[] = [];
  sheet.rows.forEach((cells, index) => {
    if (isBlank(cells)) return;
    const subIndex = reader.cell(cells, 'Chỉ số thành phần');
    const nameEn = reader.cell(cells, 'Tên tiếng Anh');
    const criterion = reader.cell(cells, 'Tiêu chí của khung');
    list.push({
      code: reader.cell(cells, 'Mã yếu tố'),
      nameVi: reader.cell(cells, 'Tên'),
      ...(nameEn && { nameEn }),
      ...(subIndex && { subIndex: byName.get(foldVietnamese(subIndex)) ?? subIndex }),
      ...(criterion && { criterion }),
    });
    rowOf.push(index + 2);
  });
  return { list, rowOf };
}
