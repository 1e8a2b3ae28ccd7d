import { importRejected, msg } from '../../core/errors.ts';
import { allowedAnswers, PAPER_COLUMNS, paperRowsOf } from '../../core/surveys/paper-table.ts';
import type { SurveyDefinition } from '../../core/surveys/survey.ts';
import type { PaperImportResult } from '../../core/surveys/survey-schemas.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import type { DbOrTx } from '../db/engine.ts';
import { readTable, type TabularFormat, writeWorkbook } from '../files/tabular.ts';
import { recordPaperForms } from './response-service.ts';
import { assertSurveyUnit, type SurveyContext } from './survey-access.ts';
import { getSurvey, usableSurvey } from './survey-service.ts';

/**
 * A file of paper forms (.xlsx/.csv) for one unit, all or nothing: its header is checked here (every
 * unknown or repeated column named), each row then goes through `recordPaperForms` like the grid's.
 * `defaultDate` (ISO) dates the rows whose "Ngày" is empty.
 */
export async function importPaperFile(
  ctx: SurveyContext,
  input: {
    surveyId: number;
    unitId: number;
    file: { data: Buffer; format: TabularFormat };
    dryRun: boolean;
    defaultDate?: string | null | undefined;
  },
): Promise<PaperImportResult> {
  // Who may enter for the unit, and whether the questionnaire takes answers, before the file is read.
  await assertSurveyUnit(ctx, input.unitId, 'surveys.enter');
  const { definition } = await usableSurvey(ctx.db, input.surveyId);
  const table = await readTable(input.file.data, input.file.format);
  const { rows, issues } = paperRowsOf(definition, table, { defaultDate: input.defaultDate });
  if (issues.length > 0) throw importRejected(issues, msg('chưa ghi phiếu nào', 'no form was recorded'));
  const result = await recordPaperForms(ctx, {
    surveyId: input.surveyId,
    unitId: input.unitId,
    source: 'import',
    dryRun: input.dryRun,
    forms: rows,
  });
  return { recorded: result.recorded, dryRun: input.dryRun, batch: result.batch };
}

/**
 * The sheet a statistician fills: "Phiếu" with the header row (Số phiếu, Ngày, Mã hồ sơ, then the
 * question codes) and "Hướng dẫn" listing each code's question, the answers allowed and when it is asked.
 */
export async function paperTemplate(
  db: DbOrTx,
  surveyId: number,
): Promise<{ fileName: string; data: Buffer }> {
  const { definition, nameVi, revision } = await getSurvey(db, surveyId);
  const columns = [PAPER_COLUMNS.paperNumber.vi, PAPER_COLUMNS.answeredOn.vi, PAPER_COLUMNS.dossierCode.vi];
  const data = await writeWorkbook([
    {
      name: 'Phiếu',
      headers: [...columns, ...definition.questions.map((question) => question.code)],
      rows: [],
      // Typed as text: a form number keeps its leading zeros, and a date its dd/mm/yyyy whatever the
      // spreadsheet's own locale would make of it (05/03 is not 3 May).
      formats: columns.map(() => '@'),
    },
    {
      name: 'Hướng dẫn',
      headers: ['Cột', 'Nội dung', 'Câu trả lời ghi được', 'Ghi chú'],
      rows: guideRows(definition),
    },
  ]);
  return {
    fileName: `${fileNamePart(`Mẫu nhập phiếu giấy - ${nameVi} (phiên bản ${revision})`)}.xlsx`,
    data,
  };
}

function guideRows(definition: SurveyDefinition): string[][] {
  const rows: string[][] = [
    [
      PAPER_COLUMNS.paperNumber.vi,
      'Số in trên phiếu giấy (không bắt buộc)',
      'Chữ hoặc số, tối đa 40 ký tự',
      'Không trùng trong đơn vị',
    ],
    [
      PAPER_COLUMNS.answeredOn.vi,
      'Ngày người dân trả lời',
      'dd/mm/yyyy',
      `Trong các năm ${definition.fromYear}–${definition.toYear ?? '…'}, không sau hôm nay; bỏ trống thì lấy ngày chọn khi nhập`,
    ],
    [
      PAPER_COLUMNS.dossierCode.vi,
      'Mã biên nhận hồ sơ ghi trên phiếu (không bắt buộc)',
      'Mã hồ sơ của đơn vị',
      'Mỗi hồ sơ chỉ một phiếu',
    ],
  ];
  for (const question of definition.questions) {
    const notes = [
      question.required ? 'Bắt buộc' : '',
      question.condition
        ? `Chỉ trả lời khi câu ${question.condition.question} là ${question.condition.in.join(' hoặc ')}; nếu không, để trống`
        : '',
      question.fromDossier ? 'Có mã hồ sơ thì lấy theo hồ sơ' : '',
    ].filter(Boolean);
    rows.push([question.code, question.textVi, allowedAnswers(question), notes.join('. ')]);
  }
  return rows;
}
