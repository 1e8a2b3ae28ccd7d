import { and, asc, desc, eq } from 'drizzle-orm';
import { AppError, msg } from '../../core/errors.ts';
import type { SurveyDefinition } from '../../core/surveys/survey.ts';
import type { DbOrTx } from '../db/engine.ts';
import { surveys } from '../db/schema/index.ts';

export interface SurveySummary {
  id: number;
  code: string;
  revision: number;
  nameVi: string;
  nameEn: string | null;
  fromYear: number;
  toYear: number | null;
  status: string;
  confirmed: boolean;
  builtIn: boolean;
  questions: number;
  /** Questions marked "chưa xác nhận": shown wherever the version is listed. */
  unconfirmedQuestions: number;
  publishedAt: string | null;
}

const summaryOf = (row: typeof surveys.$inferSelect): SurveySummary => ({
  id: row.id,
  code: row.code,
  revision: row.revision,
  nameVi: row.nameVi,
  nameEn: row.definition.nameEn ?? null,
  fromYear: row.fromYear,
  toYear: row.toYear,
  status: row.status,
  confirmed: row.definition.status === 'confirmed',
  builtIn: row.builtIn,
  questions: row.definition.questions.length,
  unconfirmedQuestions: row.definition.questions.filter((question) => question.unconfirmed).length,
  publishedAt: row.publishedAt?.toISOString() ?? null,
});

/** Every questionnaire version, by code and newest revision first. Questionnaires are not secret. */
export async function listSurveys(db: DbOrTx): Promise<SurveySummary[]> {
  const rows = await db.select().from(surveys).orderBy(asc(surveys.code), desc(surveys.revision));
  return rows.map(summaryOf);
}

export async function getSurvey(db: DbOrTx, id: number) {
  const [row] = await db.select().from(surveys).where(eq(surveys.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return { ...summaryOf(row), version: row.version, definition: row.definition };
}

/** A version responses can be given to: published (a draft is still being written, a retired one closed). */
export async function usableSurvey(
  db: DbOrTx,
  id: number,
): Promise<{ id: number; definition: SurveyDefinition }> {
  const [row] = await db.select().from(surveys).where(eq(surveys.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  if (row.status !== 'published')
    throw new AppError(
      'CONFLICT',
      msg(
        row.status === 'draft'
          ? 'Phiếu khảo sát này còn là bản nháp: công bố trước khi nhận trả lời.'
          : 'Phiếu khảo sát này đã ngừng dùng.',
        row.status === 'draft'
          ? 'This questionnaire is still a draft: publish it before taking answers.'
          : 'This questionnaire is retired.',
      ),
    );
  return { id: row.id, definition: row.definition };
}

/** The published version of a code in use in a year (the newest revision), or null. */
export async function publishedSurveyOf(db: DbOrTx, code: string, year: number) {
  const rows = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.code, code), eq(surveys.status, 'published')))
    .orderBy(desc(surveys.revision));
  return rows.find((row) => row.fromYear <= year && (row.toYear === null || row.toYear >= year)) ?? null;
}
