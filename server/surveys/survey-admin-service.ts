/**
 * Questionnaires changed by the installation's coordinators: a province's own survey from a workbook,
 * a new draft revision copied from any version (the only way to change a published one), a draft's
 * edits, publishing (the earlier published revision of the code is retired), retiring, deleting an
 * unused draft. A published or retired version is never edited in place: its responses were given to
 * its words.
 */
import { and, count, eq, max } from 'drizzle-orm';
import { AppError, fieldError, importRejected, msg } from '../../core/errors.ts';
import type { SurveyDefinition } from '../../core/surveys/survey.ts';
import { validateSurvey } from '../../core/surveys/survey-schema.ts';
import {
  INFO_LABELS,
  INFO_SHEET,
  type SurveySheet,
  surveyFromSheets,
} from '../../core/surveys/survey-table.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import type { Tx } from '../db/engine.ts';
import { surveyResponses, surveys } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { assertManagesSurveys, type SurveyContext } from './survey-access.ts';
import { getSurvey } from './survey-service.ts';

type SurveyRow = typeof surveys.$inferSelect;

const NOTHING_WRITTEN = msg('chưa có gì được ghi', 'nothing was written');

const NOT_IN_PLACE = msg(
  'Phiên bản đã công bố hoặc đã ngừng dùng không sửa tại chỗ: hãy tạo phiên bản mới để sửa.',
  'A published or retired version is never edited in place: make a new revision to change it.',
);

async function rowOf(ctx: SurveyContext, id: number): Promise<SurveyRow> {
  const [row] = await ctx.db.select().from(surveys).where(eq(surveys.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The definition's own columns, kept beside it for lists and the "in use in a year" lookup. */
const columnsOf = (definition: SurveyDefinition) => ({
  nameVi: definition.nameVi,
  fromYear: definition.fromYear,
  toYear: definition.toYear,
  definition,
});

/** What an audit entry keeps of a definition: enough to see what changed, not the whole text twice. */
const auditOf = (definition: SurveyDefinition) => ({
  code: definition.code,
  nameVi: definition.nameVi,
  fromYear: definition.fromYear,
  toYear: definition.toYear,
  questions: definition.questions.map((question) => `${question.code}: ${question.textVi}`),
});

/** Every row of the code locked, so two coordinators cannot both add a draft or both publish. */
async function lockCode(tx: Tx, code: string): Promise<void> {
  await tx.select({ id: surveys.id }).from(surveys).where(eq(surveys.code, code)).for('update');
}

/** A province's own questionnaire from a workbook: a new code, revision 1, a draft. All or nothing. */
export async function importSurvey(ctx: SurveyContext, sheets: readonly SurveySheet[]) {
  assertManagesSurveys(ctx.user);
  const { definition, issues } = surveyFromSheets(sheets);
  if (!definition) throw importRejected(issues, NOTHING_WRITTEN);
  const id = await mutate(ctx, async (tx, audit) => {
    await lockCode(tx, definition.code);
    const [exists] = await tx
      .select({ id: surveys.id })
      .from(surveys)
      .where(eq(surveys.code, definition.code));
    if (exists)
      throw new AppError(
        'DUPLICATE',
        msg(
          `Đã có phiếu mã ${definition.code}: hãy tạo phiên bản mới của phiếu đó rồi thay bằng tệp, hoặc đặt mã khác.`,
          `A questionnaire ${definition.code} exists: make a new revision of it and replace it with the file, or use another code.`,
        ),
      );
    const [row] = await tx
      .insert(surveys)
      .values({
        code: definition.code,
        revision: 1,
        status: 'draft',
        ...columnsOf(definition),
        createdBy: ctx.actor.userId,
        createdAt: nowOf(ctx),
        updatedAt: nowOf(ctx),
      })
      .returning({ id: surveys.id });
    if (!row) throw new Error('survey insert returned nothing');
    await audit({
      action: 'survey.import',
      entityType: 'survey',
      entityId: row.id,
      after: auditOf(definition),
    });
    return row.id;
  });
  return getSurvey(ctx.db, id);
}

/** A new draft revision copied from any version of the code; a code has at most one draft. */
export async function createRevision(ctx: SurveyContext, id: number) {
  assertManagesSurveys(ctx.user);
  const source = await rowOf(ctx, id);
  const newId = await mutate(ctx, async (tx, audit) => {
    await lockCode(tx, source.code);
    const [draft] = await tx
      .select({ revision: surveys.revision })
      .from(surveys)
      .where(and(eq(surveys.code, source.code), eq(surveys.status, 'draft')));
    if (draft)
      throw new AppError(
        'CONFLICT',
        msg(
          `Phiếu ${source.code} đã có bản nháp (phiên bản ${draft.revision}): sửa bản nháp đó, hoặc xóa nó trước.`,
          `Questionnaire ${source.code} already has a draft (revision ${draft.revision}): edit that draft, or delete it first.`,
        ),
      );
    const [last] = await tx
      .select({ revision: max(surveys.revision) })
      .from(surveys)
      .where(eq(surveys.code, source.code));
    const revision = (last?.revision ?? 0) + 1;
    const [row] = await tx
      .insert(surveys)
      .values({
        code: source.code,
        revision,
        status: 'draft',
        ...columnsOf(source.definition),
        createdBy: ctx.actor.userId,
        createdAt: nowOf(ctx),
        updatedAt: nowOf(ctx),
      })
      .returning({ id: surveys.id });
    if (!row) throw new Error('survey insert returned nothing');
    await audit({
      action: 'survey.revise',
      entityType: 'survey',
      entityId: row.id,
      before: { from: source.id, revision: source.revision },
      after: { code: source.code, revision },
    });
    return row.id;
  });
  return getSurvey(ctx.db, newId);
}

function assertDraft(row: SurveyRow): void {
  if (row.status !== 'draft') throw new AppError('CONFLICT', NOT_IN_PLACE);
}

/** Writes a draft's whole definition over the version the editor read (409 with the record if stale). */
async function writeDraft(ctx: SurveyContext, row: SurveyRow, definition: SurveyDefinition, version: number) {
  await mutate(ctx, async (tx, audit) => {
    await writeVersioned(tx, {
      table: surveys,
      where: eq(surveys.id, row.id),
      version,
      set: columnsOf(definition),
      actorId: ctx.actor.userId,
      at: nowOf(ctx),
      present: (current) => ({
        id: current.id,
        status: current.status,
        version: current.version,
        definition: current.definition,
      }),
    });
    await audit({
      action: 'survey.update',
      entityType: 'survey',
      entityId: row.id,
      before: auditOf(row.definition),
      after: auditOf(definition),
    });
  });
  return getSurvey(ctx.db, row.id);
}

/**
 * A draft's definition replaced as a whole. Its shape is checked by the route; the rules between its
 * fields (`validateSurvey`) only when it is published, so a draft can be saved half-written.
 */
export async function updateSurveyDraft(
  ctx: SurveyContext,
  id: number,
  definition: SurveyDefinition,
  version: number,
) {
  assertManagesSurveys(ctx.user);
  const row = await rowOf(ctx, id);
  assertDraft(row);
  if (definition.code !== row.code)
    throw fieldError(
      'code',
      msg(
        `Không đổi mã phiếu của một phiên bản (${row.code}): một mã mới là một phiếu mới, nhập từ tệp.`,
        `A version's code (${row.code}) does not change: a new code is a new questionnaire, imported from a file.`,
      ),
    );
  return writeDraft(ctx, row, definition, version);
}

/** A draft's definition replaced from a workbook: all or nothing, the file's code must be the draft's. */
export async function replaceDraftFromSheets(
  ctx: SurveyContext,
  id: number,
  sheets: readonly SurveySheet[],
  version: number,
) {
  assertManagesSurveys(ctx.user);
  const row = await rowOf(ctx, id);
  assertDraft(row);
  const { definition, issues } = surveyFromSheets(sheets);
  if (!definition) throw importRejected(issues, NOTHING_WRITTEN);
  if (definition.code !== row.code) {
    const info = sheets.find((sheet) => sheet.name === INFO_SHEET);
    const at = info?.rows.findIndex((cells) => cells[0]?.trim() === INFO_LABELS.code) ?? -1;
    throw importRejected(
      [
        {
          row: at === -1 ? 1 : at + 2,
          column: `${INFO_SHEET} › ${INFO_LABELS.code}`,
          reason: msg(
            `Tệp là của phiếu ${definition.code}, bản nháp là của phiếu ${row.code}.`,
            `The file is questionnaire ${definition.code}; the draft is ${row.code}.`,
          ),
        },
      ],
      NOTHING_WRITTEN,
    );
  }
  return writeDraft(ctx, row, definition, version);
}

/** Publishes a draft once it is valid; the code's earlier published revision stops taking answers. */
export async function publishSurvey(ctx: SurveyContext, id: number, version: number) {
  assertManagesSurveys(ctx.user);
  const row = await rowOf(ctx, id);
  if (row.status !== 'draft')
    throw new AppError('CONFLICT', msg('Chỉ công bố được một bản nháp.', 'Only a draft can be published.'));
  const issues = validateSurvey(row.definition);
  if (issues.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        'Phiếu khảo sát chưa hợp lệ: sửa các lỗi rồi công bố.',
        'The questionnaire is not valid: fix the errors, then publish.',
      ),
      { fields: issues },
    );
  await mutate(ctx, async (tx, audit) => {
    await lockCode(tx, row.code);
    const earlier = await tx
      .update(surveys)
      .set({ status: 'retired', updatedAt: nowOf(ctx) })
      .where(and(eq(surveys.code, row.code), eq(surveys.status, 'published')))
      .returning({ id: surveys.id, revision: surveys.revision });
    await writeVersioned(tx, {
      table: surveys,
      where: and(eq(surveys.id, id), eq(surveys.status, 'draft')),
      version,
      set: { status: 'published', publishedAt: nowOf(ctx) },
      actorId: ctx.actor.userId,
      at: nowOf(ctx),
    });
    for (const retired of earlier)
      await audit({
        action: 'survey.retire',
        entityType: 'survey',
        entityId: retired.id,
        before: { status: 'published' },
        after: { status: 'retired', replacedBy: id },
      });
    await audit({
      action: 'survey.publish',
      entityType: 'survey',
      entityId: id,
      before: { status: 'draft' },
      after: { status: 'published', code: row.code, revision: row.revision },
    });
  });
  return getSurvey(ctx.db, id);
}

/** A published version stops taking answers; its responses stay with it. */
export async function retireSurvey(ctx: SurveyContext, id: number) {
  assertManagesSurveys(ctx.user);
  const row = await rowOf(ctx, id);
  if (row.status !== 'published')
    throw new AppError(
      'CONFLICT',
      msg(
        row.status === 'draft'
          ? 'Bản nháp chưa công bố thì không ngừng dùng: xóa nó nếu không cần.'
          : 'Phiên bản này đã ngừng dùng.',
        row.status === 'draft'
          ? 'A draft was never published, so it cannot be retired: delete it if it is not needed.'
          : 'This version is already retired.',
      ),
    );
  await mutate(ctx, async (tx, audit) => {
    await tx
      .update(surveys)
      .set({ status: 'retired', updatedAt: nowOf(ctx) })
      .where(and(eq(surveys.id, id), eq(surveys.status, 'published')));
    await audit({
      action: 'survey.retire',
      entityType: 'survey',
      entityId: id,
      before: { status: 'published' },
      after: { status: 'retired' },
    });
  });
  return getSurvey(ctx.db, id);
}

/** Only a draft nobody has answered can go; anything else is kept for the answers given to it. */
export async function deleteSurveyDraft(ctx: SurveyContext, id: number): Promise<void> {
  assertManagesSurveys(ctx.user);
  const row = await rowOf(ctx, id);
  if (row.status !== 'draft')
    throw new AppError(
      'CONFLICT',
      msg(
        'Chỉ xóa được bản nháp: một phiên bản đã công bố được giữ lại cùng các câu trả lời.',
        'Only a draft can be deleted: a published version is kept with its answers.',
      ),
    );
  await mutate(ctx, async (tx, audit) => {
    const [answered] = await tx
      .select({ n: count() })
      .from(surveyResponses)
      .where(eq(surveyResponses.surveyId, id));
    if ((answered?.n ?? 0) > 0)
      throw new AppError(
        'CONFLICT',
        msg(
          `Bản nháp đã có ${answered?.n} phiếu trả lời: không xóa được.`,
          `The draft has ${answered?.n} responses: it cannot be deleted.`,
        ),
      );
    const [deleted] = await tx
      .delete(surveys)
      .where(and(eq(surveys.id, id), eq(surveys.status, 'draft')))
      .returning({ id: surveys.id });
    if (!deleted) throw new AppError('CONFLICT', NOT_IN_PLACE);
    await audit({
      action: 'survey.delete',
      entityType: 'survey',
      entityId: id,
      before: { ...auditOf(row.definition), revision: row.revision },
    });
  });
}
