import { and, asc, eq, sql } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import type { CreateDialogue, EditDialogue, QuestionInput } from '../../core/dialogues/dialogue-schemas.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import type { Tx } from '../db/engine.ts';
import { dialogueCommitments, dialogueQuestions, dialogues } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { loadUnit } from '../units/unit-access.ts';
import {
  assertEditsDialogue,
  assertRecordsDialogue,
  type DialogueContext,
  type DialogueRow,
} from './dialogue-access.ts';
import { dialogueDetail } from './dialogue-queries.ts';

/**
 * Recording a dialogue: the record itself (at the version read), its questions and answers in order
 * (added, changed, moved and removed while it is not published), publishing it behind a confirmation
 * and taking it down with a reason. Every change goes through `mutate` (audited in its transaction) and
 * moves the dialogue's version, so two people recording the same dialogue never overwrite each other.
 */
const searchOf = (input: { topic: string; location: string | null }) =>
  foldVietnamese(`${input.topic} ${input.location ?? ''}`);

function recordOf(row: Pick<DialogueRow, keyof EditDialogue & keyof DialogueRow>) {
  return {
    kind: row.kind,
    heldOn: row.heldOn,
    topic: row.topic,
    location: row.location,
    chairedBy: row.chairedBy,
    participants: row.participants,
    participantCount: row.participantCount,
    summary: row.summary,
  };
}

/** Moves the dialogue's version (and what changed with it); a stale version is a 409. */
export function touch(
  tx: Tx,
  ctx: DialogueContext,
  id: number,
  version: number,
  set: Partial<typeof dialogues.$inferInsert> = {},
) {
  return writeVersioned(tx, {
    table: dialogues,
    where: eq(dialogues.id, id),
    version,
    set: { ...set, updatedAt: nowOf(ctx) },
    actorId: ctx.user.userId,
    at: nowOf(ctx),
    present: (row) => ({ ...recordOf(row), version: row.version }),
  });
}

/** A dialogue is recorded once held: a date after today would count a conference not yet held. */
function assertHeld(ctx: DialogueContext, heldOn: string) {
  if (heldOn > todayOf(ctx))
    throw fieldError(
      'heldOn',
      msg(
        'Ngày tổ chức không được sau hôm nay: chỉ ghi nhận buổi đối thoại đã diễn ra.',
        'The date cannot be after today: record a dialogue once it has been held.',
      ),
    );
}

export async function createDialogue(ctx: DialogueContext, input: CreateDialogue) {
  assertHeld(ctx, input.heldOn);
  const unit = await loadUnit(ctx.db, input.unitId).catch(() => null);
  if (!unit) throw fieldError('unitId', msg('Không tìm thấy đơn vị.', 'Unit not found.'));
  // Only for a unit one records for (its own, or below a coordinator's): another's is refused.
  if (!hasPermissionOn(ctx.user.grants, 'feedback.handle', unit.path)) throw new AppError('FORBIDDEN');
  if (unit.validTo !== null)
    throw fieldError(
      'unitId',
      msg('Đơn vị đã giải thể hoặc sáp nhập.', 'The unit has been dissolved or merged.'),
    );
  const { unitId, ...record } = input;
  const id = await mutate(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(dialogues)
      .values({
        unitId,
        ...record,
        search: searchOf(record),
        createdBy: ctx.user.userId,
        updatedBy: ctx.user.userId,
        createdAt: nowOf(ctx),
        updatedAt: nowOf(ctx),
      })
      .returning({ id: dialogues.id });
    if (!row) throw new Error('dialogue insert returned nothing');
    await audit({
      action: 'dialogue.create',
      entityType: 'dialogue',
      entityId: row.id,
      unitId,
      after: record,
    });
    return row.id;
  });
  return dialogueDetail(ctx, id);
}

export async function editDialogue(ctx: DialogueContext, id: number, input: EditDialogue) {
  const { dialogue } = await assertEditsDialogue(ctx, id);
  assertHeld(ctx, input.heldOn);
  const { version, ...record } = input;
  await mutate(ctx, async (tx, audit) => {
    await touch(tx, ctx, id, version, { ...record, search: searchOf(record) });
    await audit({
      action: 'dialogue.update',
      entityType: 'dialogue',
      entityId: id,
      unitId: dialogue.unitId,
      before: recordOf(dialogue),
      after: record,
    });
  });
  return dialogueDetail(ctx, id);
}

// ---- Questions and answers ------------------------------------------------------------------------

async function questionOf(ctx: DialogueContext, dialogueId: number, questionId: number) {
  const [question] = await ctx.db
    .select()
    .from(dialogueQuestions)
    .where(and(eq(dialogueQuestions.id, questionId), eq(dialogueQuestions.dialogueId, dialogueId)));
  if (!question) throw new AppError('NOT_FOUND');
  return question;
}

const questionRecord = (input: Omit<QuestionInput, 'version'>) => ({
  question: input.question,
  askedBy: input.askedBy,
  answer: input.answer,
  answeredBy: input.answeredBy,
});

export async function addQuestion(ctx: DialogueContext, id: number, input: QuestionInput) {
  const { dialogue } = await assertEditsDialogue(ctx, id);
  await mutate(ctx, async (tx, audit) => {
    await touch(tx, ctx, id, input.version);
    const [last] = await tx
      .select({ position: sql<number>`coalesce(max(${dialogueQuestions.position}), 0)`.mapWith(Number) })
      .from(dialogueQuestions)
      .where(eq(dialogueQuestions.dialogueId, id));
    const [row] = await tx
      .insert(dialogueQuestions)
      .values({ dialogueId: id, position: (last?.position ?? 0) + 1, ...questionRecord(input) })
      .returning({ id: dialogueQuestions.id });
    await audit({
      action: 'dialogue.question.add',
      entityType: 'dialogue',
      entityId: id,
      unitId: dialogue.unitId,
      after: { questionId: row?.id, ...questionRecord(input) },
    });
  });
  return dialogueDetail(ctx, id);
}

export async function editQuestion(
  ctx: DialogueContext,
  id: number,
  questionId: number,
  input: QuestionInput,
) {
  const { dialogue } = await assertEditsDialogue(ctx, id);
  const before = await questionOf(ctx, id, questionId);
  await mutate(ctx, async (tx, audit) => {
    await touch(tx, ctx, id, input.version);
    await tx.update(dialogueQuestions).set(questionRecord(input)).where(eq(dialogueQuestions.id, questionId));
    await audit({
      action: 'dialogue.question.update',
      entityType: 'dialogue',
      entityId: id,
      unitId: dialogue.unitId,
      before: { questionId, ...questionRecord(before) },
      after: { questionId, ...questionRecord(input) },
    });
  });
  return dialogueDetail(ctx, id);
}

/** Swaps the question with the one before or after it. */
export async function moveQuestion(
  ctx: DialogueContext,
  id: number,
  questionId: number,
  input: { direction: 'up' | 'down'; version: number },
) {
  const { dialogue } = await assertEditsDialogue(ctx, id);
  await questionOf(ctx, id, questionId);
  await mutate(ctx, async (tx, audit) => {
    await touch(tx, ctx, id, input.version);
    const list = await tx
      .select({ id: dialogueQuestions.id, position: dialogueQuestions.position })
      .from(dialogueQuestions)
      .where(eq(dialogueQuestions.dialogueId, id))
      .orderBy(asc(dialogueQuestions.position), asc(dialogueQuestions.id));
    const at = list.findIndex((entry) => entry.id === questionId);
    const other = list[input.direction === 'up' ? at - 1 : at + 1];
    const self = list[at];
    if (!other || !self)
      throw new AppError(
        'CONFLICT',
        msg('Câu hỏi đã ở vị trí đầu hoặc cuối.', 'The question is already first or last.'),
      );
    // Positions renumbered 1..n in the new order (gaps left by removals close).
    const order = list.map((entry) => entry.id);
    order[at] = other.id;
    order[input.direction === 'up' ? at - 1 : at + 1] = self.id;
    for (const [index, entryId] of order.entries())
      await tx
        .update(dialogueQuestions)
        .set({ position: index + 1 })
        .where(eq(dialogueQuestions.id, entryId));
    await audit({
      action: 'dialogue.question.move',
      entityType: 'dialogue',
      entityId: id,
      unitId: dialogue.unitId,
      after: { questionId, direction: input.direction },
    });
  });
  return dialogueDetail(ctx, id);
}

export async function removeQuestion(ctx: DialogueContext, id: number, questionId: number, version: number) {
  const { dialogue } = await assertEditsDialogue(ctx, id);
  const before = await questionOf(ctx, id, questionId);
  await mutate(ctx, async (tx, audit) => {
    await touch(tx, ctx, id, version);
    // A commitment made in answer to it stays: it is a task now, no longer tied to the question.
    await tx
      .update(dialogueCommitments)
      .set({ questionId: null })
      .where(eq(dialogueCommitments.questionId, questionId));
    await tx.delete(dialogueQuestions).where(eq(dialogueQuestions.id, questionId));
    await audit({
      action: 'dialogue.question.remove',
      entityType: 'dialogue',
      entityId: id,
      unitId: dialogue.unitId,
      before: { questionId, ...questionRecord(before) },
    });
  });
  return dialogueDetail(ctx, id);
}

// ---- Publishing ---------------------------------------------------------------------------------------

export async function publishDialogue(ctx: DialogueContext, id: number, version: number) {
  const { dialogue } = await assertEditsDialogue(ctx, id);
  await mutate(ctx, async (tx, audit) => {
    const row = await touch(tx, ctx, id, version, { publishedAt: nowOf(ctx) });
    await audit({
      action: 'dialogue.publish',
      entityType: 'dialogue',
      entityId: id,
      unitId: dialogue.unitId,
      after: { publishedAt: row.publishedAt },
    });
  });
  return dialogueDetail(ctx, id);
}

export async function unpublishDialogue(
  ctx: DialogueContext,
  id: number,
  input: { version: number; reason: string },
) {
  const { dialogue } = await assertRecordsDialogue(ctx, id);
  if (dialogue.publishedAt === null)
    throw new AppError(
      'CONFLICT',
      msg('Buổi đối thoại chưa được công khai.', 'The dialogue is not published.'),
    );
  await mutate(ctx, async (tx, audit) => {
    await touch(tx, ctx, id, input.version, { publishedAt: null });
    await audit({
      action: 'dialogue.unpublish',
      entityType: 'dialogue',
      entityId: id,
      unitId: dialogue.unitId,
      before: { publishedAt: dialogue.publishedAt },
      after: { reason: input.reason },
    });
  });
  return dialogueDetail(ctx, id);
}
