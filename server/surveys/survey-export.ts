import { inArray } from 'drizzle-orm';
import { periodName } from '../../core/periods/period-names.ts';
import { exclusionReasonText } from '../../core/surveys/exclusions.ts';
import type { Figure } from '../../core/surveys/results.ts';
import { INDEX_METHODS } from '../../core/surveys/survey.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import { units } from '../db/schema/index.ts';
import { CONTENT_TYPES, type Sheet, writeTable, writeWorkbook } from '../files/tabular.ts';
import {
  defaultPeriod,
  loadResponses,
  type SurveyArea,
  type SurveyResultsView,
  surveyPeriodOf,
  surveyResultsOf,
  surveyUnitOf,
} from './results-service.ts';
import type { SurveyContext } from './survey-access.ts';
import { getSurvey } from './survey-service.ts';

const SOURCE_WORDS: Record<string, string> = {
  web: 'Trực tuyến',
  kiosk: 'Máy tại quầy',
  paper: 'Phiếu giấy',
  import: 'Phiếu giấy (tệp)',
};

const FIGURE_HEADERS = [
  'Số người trả lời',
  'Số câu hài lòng',
  'Số câu trả lời',
  'Tỷ lệ hài lòng (%)',
  'Cận dưới 95% (%)',
  'Cận trên 95% (%)',
  'Đủ mẫu',
  'Có trọng số (%)',
  'Có trọng số — cận dưới (%)',
  'Có trọng số — cận trên (%)',
];
const figureCells = (pair: { unweighted: Figure; weighted: Figure | null }) => [
  pair.unweighted.respondents,
  pair.unweighted.numerator,
  pair.unweighted.denominator,
  pair.unweighted.rate,
  pair.unweighted.low,
  pair.unweighted.high,
  pair.unweighted.enough ? 'Có' : 'Chưa đủ mẫu',
  pair.weighted?.rate ?? null,
  pair.weighted?.low ?? null,
  pair.weighted?.high ?? null,
];

/** The results as sheets: numbers as numbers, Vietnamese headers, the method written out. */
export function resultSheets(view: SurveyResultsView): Sheet[] {
  const summary: Sheet = {
    name: 'Tổng hợp',
    headers: ['Nội dung', ...FIGURE_HEADERS],
    rows: [
      ['Chỉ số chung', ...figureCells(view.index)],
      ...view.subIndices.map((sub) => [
        `Chỉ số thành phần: ${sub.code === 'service' ? 'cung ứng dịch vụ hành chính công' : sub.code === 'policy' ? 'xây dựng, thực hiện chính sách' : sub.code}`,
        ...figureCells(sub),
      ]),
      ...view.elements.map((element) => [`Yếu tố: ${element.nameVi}`, ...figureCells(element)]),
    ],
  };
  const questions: Sheet = {
    name: 'Câu hỏi',
    headers: [
      'Mã câu',
      'Câu hỏi',
      ...FIGURE_HEADERS,
      'Rất không hài lòng',
      'Không hài lòng',
      'Bình thường',
      'Hài lòng',
      'Rất hài lòng',
    ],
    rows: view.questions
      .filter((question) => question.unweighted.denominator > 0)
      .map((question) => [
        question.code,
        `${question.textVi ?? ''}${question.unconfirmed ? ' (chưa xác nhận)' : ''}`,
        ...figureCells(question),
        ...[1, 2, 3, 4, 5].map((value) => question.distribution[value] ?? 0),
      ]),
  };
  const unitsSheet: Sheet = {
    name: 'Đơn vị',
    headers: ['Hạng', 'Đơn vị', ...FIGURE_HEADERS],
    rows: view.units.map((row) => [row.rank, row.name, ...figureCells(row)]),
  };
  const method: Sheet = {
    name: 'Phương pháp',
    headers: ['Mục', 'Nội dung'],
    rows: [
      ['Phiếu', `${view.survey.nameVi} (phiên bản ${view.survey.revision})`],
      ['Đơn vị', view.unit.name],
      ['Kỳ', periodName(view.period)],
      ['Cách tính chỉ số', INDEX_METHODS[view.method.index].vi],
      [
        'Khoảng tin cậy 95%',
        'Mỗi người trả lời là một cụm câu trả lời (ước lượng tỷ số tuyến tính hóa); một câu có/không mỗi người: khoảng Wilson.',
      ],
      ['Cỡ mẫu tối thiểu', `${view.method.minRespondents} người trả lời; đơn vị ít hơn không được xếp hạng.`],
      [
        'Trọng số',
        'Phiếu của mỗi đơn vị được gia trọng theo số hồ sơ tiếp nhận của đơn vị trong kỳ (hậu phân tầng theo đơn vị); đơn vị không có hồ sơ trong kỳ không có trọng số.',
      ],
      ['Phiếu được tính', view.responses.counted],
      ['Phiếu bị loại', view.responses.excluded],
      ...view.responses.excludedByReason.map((row) => [
        `Loại: ${exclusionReasonText(row.reason).vi}`,
        row.count,
      ]),
    ],
  };
  return [summary, questions, unitsSheet, method];
}

export async function resultsXlsx(ctx: SurveyContext, surveyId: number, query: SurveyArea) {
  const view = await surveyResultsOf(ctx, surveyId, query);
  return {
    fileName: `${fileNamePart(`Kết quả khảo sát ${view.unit.name} ${periodName(view.period)}`)}.xlsx`,
    contentType: CONTENT_TYPES.xlsx,
    data: await writeWorkbook(resultSheets(view)),
  };
}

/**
 * The raw responses for a statistician, anonymised: no dossier code, form number, sender hash or who
 * entered it; one row per response, one column per question (1–5, the option's value, or the text).
 */
export async function responsesCsv(ctx: SurveyContext, surveyId: number, query: SurveyArea) {
  const survey = await getSurvey(ctx.db, surveyId);
  const unit = await surveyUnitOf(ctx, query.unitId);
  const period = surveyPeriodOf(query.period ?? defaultPeriod(ctx));
  const rows = await loadResponses(ctx.db, survey.code, unit, period);
  const names = await ctx.db
    .select({ id: units.id, name: units.name, code: units.code })
    .from(units)
    .where(inArray(units.id, [...new Set(rows.flatMap((row) => [row.givenUnitId, row.unitId])), 0]));
  const unitOf = new Map(names.map((row) => [row.id, row]));
  const codes = survey.definition.questions.map((question) => question.code);
  const day = (date: Date) => new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  const data = await writeTable(
    {
      headers: [
        'STT',
        'Mã đơn vị',
        'Đơn vị',
        'Đơn vị hiện nay',
        'Ngày',
        'Nguồn',
        'Kênh nộp hồ sơ',
        'Mã thủ tục',
        'Bị loại vì',
        ...codes,
      ],
      rows: rows.map((row, index) => [
        String(index + 1),
        unitOf.get(row.givenUnitId)?.code ?? '',
        unitOf.get(row.givenUnitId)?.name ?? '',
        unitOf.get(row.unitId)?.name ?? '',
        day(row.answeredAt),
        SOURCE_WORDS[row.source] ?? row.source,
        row.dossierChannel ?? '',
        row.procedureCode ?? '',
        row.excludedReason ? exclusionReasonText(row.excludedReason).vi : '',
        ...codes.map((code) => {
          const value = row.answers[code];
          return value === undefined ? '' : String(value);
        }),
      ]),
    },
    'csv',
  );
  return {
    fileName: `${fileNamePart(`Phiếu khảo sát ${unit.name} ${periodName(period)}`)}.csv`,
    contentType: CONTENT_TYPES.csv,
    data,
  };
}
