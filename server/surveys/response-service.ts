import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { AppError, importRejected, msg, type RowIssue } from '../../core/errors.ts';
import { checkAnswers, hasSubstance } from '../../core/surveys/answers.ts';
import { answersFromDossier, type SurveyAnswers } from '../../core/surveys/survey.ts';
import { parseDate } from '../../core/text/dates.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import { sqlState } from '../db/engine.ts';
import { dossiers, surveyResponses } from '../db/schema/index.ts';
import { assertSurveyUnit, type SurveyContext } from './survey-access.ts';
import { usableSurvey } from './survey-service.ts';

/** A paper questionnaire as staff type it or a file's row carries it. */
export interface PaperForm {
  /** Question code → 1–5, the option's value or its words, or the text. */
  answers: Record<string, unknown>;
  /** The date written on the form (ISO yyyy-mm-dd): its period. */
  answeredOn: string;
  /** The form's own number (số phiếu), unique in the unit and survey. */
  paperNumber?: string | null | undefined;
  /** The receipt's code when the form carries it: one answer per dossier. */
  dossierCode?: string | null | undefined;
  /** The row of the file (header = row 1) or of the grid, to name in problems. */
  row: number;
}

/** Noon in Việt Nam on the form's date: the time stored for a paper form. */
export const answeredAtOf = (isoDate: string) => new Date(`${isoDate}T12:00:00+07:00`);

/**
 * Paper forms of one unit, all or nothing: every problem is named by row and column (the question's
 * code, "Ngày", "Số phiếu", "Mã hồ sơ") and nothing is written on refusal. With `dryRun` the checks
 * run and nothing is written either. A form tied to a dossier's code takes the dossier's channel and
 * procedure, and the dossier must belong to the unit and have no answer yet.
 */
export async function recordPaperForms(
  ctx: SurveyContext,
  input: {
    surveyId: number;
    unitId: number;
    forms: PaperForm[];
    source: 'paper' | 'import';
    dryRun?: boolean;
  },
): Promise<{ recorded: number; ids: number[]; batch: string | null }> {
  const unit = await assertSurveyUnit(ctx, input.unitId, 'surveys.enter');
  if (unit.validTo)
    throw new AppError(
      'CONFLICT',
      msg(
        'Đơn vị đã giải thể hoặc sáp nhập: không nhập phiếu mới.',
        'The unit has been dissolved or merged: no new forms.',
      ),
    );
  const survey = await usableSurvey(ctx.db, input.surveyId);
  const { definition } = survey;
  if (input.forms.length === 0)
    throw new AppError('VALIDATION_FAILED', msg('Chưa có phiếu nào để ghi.', 'There is no form to record.'));
  const issues: RowIssue[] = [];
  const today = todayOf(ctx);
  const codes = input.forms.flatMap((form) => (form.dossierCode ? [form.dossierCode.trim()] : []));
  const numbers = input.forms.flatMap((form) => (form.paperNumber ? [form.paperNumber.trim()] : []));
  const [dossierRows, answered, usedNumbers] = await Promise.all([
    codes.length === 0
      ? []
      : ctx.db
          .select({
            code: dossiers.code,
            unitId: dossiers.unitId,
            channel: dossiers.channel,
            procedureCode: dossiers.procedureCode,
          })
          .from(dossiers)
          .where(inArray(dossiers.code, codes)),
    codes.length === 0
      ? []
      : ctx.db
          .select({ code: surveyResponses.dossierCode })
          .from(surveyResponses)
          .where(and(eq(surveyResponses.surveyId, survey.id), inArray(surveyResponses.dossierCode, codes))),
    numbers.length === 0
      ? []
      : ctx.db
          .select({ number: surveyResponses.paperNumber })
          .from(surveyResponses)
          .where(
            and(
              eq(surveyResponses.surveyId, survey.id),
              eq(surveyResponses.unitId, unit.id),
              inArray(surveyResponses.paperNumber, numbers),
            ),
          ),
  ]);
  const dossierOf = new Map(dossierRows.map((row) => [row.code, row]));
  const answeredCodes = new Set(answered.map((row) => row.code));
  const usedNumberSet = new Set(usedNumbers.map((row) => row.number));
  const seenCodes = new Set<string>();
  const seenNumbers = new Set<string>();
  const firstYear = definition.fromYear;
  const lastYear = definition.toYear;
  const rows: (typeof surveyResponses.$inferInsert)[] = [];
  for (const form of input.forms) {
    const at = (column: string, reason: ReturnType<typeof msg>) =>
      issues.push({ row: form.row, column, reason });
    if (form.answeredOn.trim() === '')
      at('Ngày', msg('Chưa ghi ngày trả lời (dd/mm/yyyy).', 'The date is missing (dd/mm/yyyy).'));
    else if (parseDate(form.answeredOn) !== form.answeredOn || !/^\d{4}-/.test(form.answeredOn))
      at(
        'Ngày',
        msg(
          `Ngày trả lời "${form.answeredOn}" không hợp lệ (dd/mm/yyyy).`,
          `The date "${form.answeredOn}" is not valid (dd/mm/yyyy).`,
        ),
      );
    else if (form.answeredOn > today)
      at('Ngày', msg('Ngày trả lời sau hôm nay.', 'The date is after today.'));
    else {
      const year = Number(form.answeredOn.slice(0, 4));
      if (year < firstYear || (lastYear !== null && year > lastYear))
        at(
          'Ngày',
          msg(
            `Phiếu này dùng cho các năm ${firstYear}–${lastYear ?? '…'}; ngày trả lời ngoài khoảng đó.`,
            `This questionnaire applies to ${firstYear}–${lastYear ?? '…'}; the date falls outside.`,
          ),
        );
    }
    const number = form.paperNumber?.trim() || null;
    if (number) {
      if (number.length > 40)
        at('Số phiếu', msg('Số phiếu dài quá 40 ký tự.', 'The form number is longer than 40 characters.'));
      else if (usedNumberSet.has(number))
        at(
          'Số phiếu',
          msg(
            `Phiếu số ${number} của đơn vị đã được nhập.`,
            `Form ${number} of this unit is already entered.`,
          ),
        );
      else if (seenNumbers.has(number))
        at(
          'Số phiếu',
          msg(
            `Số phiếu ${number} lặp lại trong lần nhập này.`,
            `Form number ${number} is repeated in this batch.`,
          ),
        );
      seenNumbers.add(number);
    }
    const code = form.dossierCode?.trim() || null;
    let fromDossier: SurveyAnswers = {};
    let dossier: (typeof dossierRows)[number] | undefined;
    if (code) {
      dossier = dossierOf.get(code);
      if (!dossier) at('Mã hồ sơ', msg(`Không có hồ sơ mã ${code}.`, `There is no dossier ${code}.`));
      else if (dossier.unitId !== unit.id)
        at(
          'Mã hồ sơ',
          msg(`Hồ sơ ${code} không thuộc ${unit.name}.`, `Dossier ${code} does not belong to ${unit.name}.`),
        );
      else if (answeredCodes.has(code))
        at('Mã hồ sơ', msg(`Hồ sơ ${code} đã có phiếu trả lời.`, `Dossier ${code} already has an answer.`));
      else if (seenCodes.has(code))
        at(
          'Mã hồ sơ',
          msg(`Mã hồ sơ ${code} lặp lại trong lần nhập này.`, `Dossier ${code} is repeated in this batch.`),
        );
      else fromDossier = answersFromDossier(definition, dossier);
      seenCodes.add(code);
    }
    const checked = checkAnswers(definition, { ...form.answers, ...fromDossier });
    for (const issue of checked.issues) at(issue.question, issue.reason);
    // A form with nothing but routing answers (or nothing at all) is no respondent's opinion.
    if (checked.issues.length === 0 && !hasSubstance(definition, checked.answers))
      at('', msg('Phiếu chưa có câu trả lời nào.', 'The form has no answer.'));
    rows.push({
      surveyId: survey.id,
      unitId: unit.id,
      source: input.source,
      status: 'submitted',
      answers: checked.answers,
      answeredAt: answeredAtOf(form.answeredOn),
      dossierCode: code,
      procedureCode: dossier?.procedureCode ?? null,
      dossierChannel: dossier?.channel ?? null,
      paperNumber: number,
      enteredBy: ctx.actor.userId,
      createdAt: nowOf(ctx),
      updatedAt: nowOf(ctx),
    });
  }
  if (issues.length > 0) throw importRejected(issues, msg('chưa ghi phiếu nào', 'no form was recorded'));
  if (input.dryRun) return { recorded: rows.length, ids: [], batch: null };
  const batch = randomUUID();
  const ids = await mutate(ctx, async (tx, audit) => {
    const inserted: number[] = [];
    // A dossier or form number taken between the checks and this write (another entry at the same
    // moment) stops the whole batch on the unique index: nothing of it is written.
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500).map((row) => ({ ...row, batch }));
      const result = await tx.insert(surveyResponses).values(chunk).returning({ id: surveyResponses.id });
      inserted.push(...result.map((row) => row.id));
    }
    await audit({
      action: 'survey.responses.record',
      entityType: 'survey',
      entityId: survey.id,
      unitId: unit.id,
      after: {
        source: input.source,
        batch,
        count: inserted.length,
        firstId: inserted[0],
        lastId: inserted.at(-1),
      },
    });
    return inserted;
  }).catch((error: unknown) => {
    if (sqlState(error) !== '23505') throw error;
    throw new AppError(
      'CONFLICT',
      msg(
        'Một hồ sơ hoặc số phiếu trong lần nhập này vừa được người khác nhập; chưa ghi phiếu nào. Hãy thử lại.',
        'A dossier or form number of this batch was entered by someone else just now; no form was recorded. Try again.',
      ),
    );
  });
  return { recorded: ids.length, ids, batch };
}
