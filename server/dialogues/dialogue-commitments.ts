import { and, eq, sql } from 'drizzle-orm';
import type { CommitmentInput } from '../../core/dialogues/dialogue-schemas.ts';
import { commitmentsPlanTitle, type DialogueKind, mayLeadCommitment } from '../../core/dialogues/kinds.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { type Audit, mutate } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import type { Tx } from '../db/engine.ts';
import {
  dialogueCommitments,
  dialogueQuestions,
  dialogues,
  planItems,
  planItemUnits,
  plans,
  units,
} from '../db/schema/index.ts';
import { evidenceCounts } from '../files/evidence.ts';
import { notifyTasksAssigned } from '../notifications/plan-notifications.ts';
import { assertEditsDialogue, type DialogueContext, type DialogueRow } from './dialogue-access.ts';
import { touch } from './dialogue-commands.ts';
import { dialogueDetail } from './dialogue-queries.ts';

/**
 * A commitment made at a dialogue is a task: the dialogue has one plan (made with its first commitment:
 * owned by the dialogue's unit, active, of the dialogue's year, titled after the meeting), and each
 * commitment is a task of it led by the lead unit, due by the deadline. So it is on the lead unit's
 * task list, counts in progress and overdue boards like any task, and the lead unit's people are told
 * as any unit given a task is (`notifyTasksAssigned`). Its progress lives on the task.
 */

/** The dialogue's plan, made on its first commitment. */
async function planOf(tx: Tx, ctx: DialogueContext, dialogue: DialogueRow, audit: Audit) {
  if (dialogue.planId !== null) return dialogue.planId;
  const title = commitmentsPlanTitle(dialogue.kind as DialogueKind, dialogue.heldOn);
  const [plan] = await tx
    .insert(plans)
    .values({
      unitId: dialogue.unitId,
      title,
      titleSearch: foldVietnamese(` ${title}`),
      year: Number(dialogue.heldOn.slice(0, 4)),
      status: 'active',
      issuedAt: nowOf(ctx),
      issuedBy: ctx.user.userId,
      createdBy: ctx.user.userId,
      createdAt: nowOf(ctx),
    })
    .returning({ id: plans.id });
  if (!plan) throw new Error('plan insert returned nothing');
  await tx.update(dialogues).set({ planId: plan.id }).where(eq(dialogues.id, dialogue.id));
  await audit({
    action: 'plan.create',
    entityType: 'plan',
    entityId: plan.id,
    unitId: dialogue.unitId,
    after: { title, year: Number(dialogue.heldOn.slice(0, 4)), dialogueId: dialogue.id },
  });
  return plan.id;
}

export async function addCommitment(ctx: DialogueContext, id: number, input: CommitmentInput) {
  const { dialogue, unitPath } = await assertEditsDialogue(ctx, id);
  const [leadUnit] = await ctx.db.select().from(units).where(eq(units.id, input.leadUnitId));
  if (!leadUnit || leadUnit.validTo !== null)
    throw fieldError(
      'leadUnitId',
      msg(
        'Đơn vị chủ trì không tồn tại hoặc đã giải thể.',
        'The lead unit does not exist or has been dissolved.',
      ),
    );
  if (!mayLeadCommitment(unitPath, leadUnit))
    throw fieldError(
      'leadUnitId',
      msg(
        'Đơn vị chủ trì phải là chính đơn vị, đơn vị trực thuộc hoặc cơ quan cấp tỉnh; không giao cho xã, phường khác.',
        'The lead unit must be the unit itself, one of its own units or a provincial body; never another commune.',
      ),
    );
  if (input.questionId !== null) {
    const [question] = await ctx.db
      .select({ id: dialogueQuestions.id })
      .from(dialogueQuestions)
      .where(and(eq(dialogueQuestions.id, input.questionId), eq(dialogueQuestions.dialogueId, id)));
    if (!question)
      throw fieldError(
        'questionId',
        msg('Câu hỏi không thuộc buổi đối thoại này.', 'The question does not belong to this dialogue.'),
      );
  }
  await mutate(ctx, async (tx, audit) => {
    await touch(tx, ctx, id, input.version);
    const planId = await planOf(tx, ctx, dialogue, audit);
    const existing = await tx
      .select({ ref: planItems.ref })
      .from(planItems)
      .where(eq(planItems.planId, planId));
    const refs = new Set(existing.map((item) => item.ref));
    let n = existing.length + 1;
    while (refs.has(String(n))) n += 1;
    const ref = String(n);
    const [item] = await tx
      .insert(planItems)
      .values({
        planId,
        position: existing.length,
        ref,
        kind: 'task',
        text: input.text,
        textSearch: foldVietnamese(`${ref} ${input.text}`),
        leadNames: [leadUnit.name],
        due: input.dueOn,
        updatedBy: ctx.user.userId,
      })
      .returning({ id: planItems.id });
    if (!item) throw new Error('plan item insert returned nothing');
    await tx.insert(planItemUnits).values({ itemId: item.id, unitId: leadUnit.id, role: 'lead' });
    const [commitment] = await tx
      .insert(dialogueCommitments)
      .values({
        dialogueId: id,
        questionId: input.questionId,
        text: input.text,
        leadUnitId: leadUnit.id,
        dueOn: input.dueOn,
        planItemId: item.id,
      })
      .returning({ id: dialogueCommitments.id });
    await audit({
      action: 'dialogue.commitment.add',
      entityType: 'dialogue',
      entityId: id,
      unitId: dialogue.unitId,
      after: {
        commitmentId: commitment?.id,
        text: input.text,
        leadUnitId: leadUnit.id,
        dueOn: input.dueOn,
        planId,
        planItemId: item.id,
      },
    });
    // The lead unit hears of it as of any task given to it (not the dialogue's own unit, not the actor).
    await notifyTasksAssigned(tx, {
      planId,
      on: todayOf(ctx),
      actorId: ctx.user.userId,
      itemIds: [item.id],
    });
  });
  return dialogueDetail(ctx, id);
}

/**
 * Removes a commitment recorded by mistake, with its task, while the dialogue is not published and the
 * task has not been worked on (no progress, no evidence): a task the lead unit reported on is kept.
 */
export async function removeCommitment(
  ctx: DialogueContext,
  id: number,
  commitmentId: number,
  version: number,
) {
  const { dialogue } = await assertEditsDialogue(ctx, id);
  const [row] = await ctx.db
    .select({
      commitment: dialogueCommitments,
      status: planItems.status,
      progress: planItems.progress,
      position: planItems.position,
    })
    .from(dialogueCommitments)
    .leftJoin(planItems, eq(planItems.id, dialogueCommitments.planItemId))
    .where(and(eq(dialogueCommitments.id, commitmentId), eq(dialogueCommitments.dialogueId, id)));
  if (!row) throw new AppError('NOT_FOUND');
  const itemId = row.commitment.planItemId;
  const worked =
    (row.status !== null && row.status !== 'not_started') ||
    (row.progress ?? 0) > 0 ||
    (itemId !== null &&
      ((await evidenceCounts(ctx.db, 'plan_item', [String(itemId)])).get(String(itemId)) ?? 0) > 0);
  if (worked)
    throw new AppError(
      'CONFLICT',
      msg(
        'Đơn vị chủ trì đã báo cáo thực hiện cam kết này; không xóa được. Nếu không thực hiện, hãy chuyển nhiệm vụ sang "Không thực hiện" và ghi rõ lý do.',
        'The lead unit has reported on this commitment; it cannot be deleted. If it will not be done, set its task to "Not done" with the reason.',
      ),
    );
  await mutate(ctx, async (tx, audit) => {
    await touch(tx, ctx, id, version);
    await tx.delete(dialogueCommitments).where(eq(dialogueCommitments.id, commitmentId));
    if (itemId !== null) {
      await tx.delete(planItemUnits).where(eq(planItemUnits.itemId, itemId));
      await tx.delete(planItems).where(eq(planItems.id, itemId));
      // The remaining tasks keep their order without a gap.
      if (row.position !== null)
        await tx
          .update(planItems)
          .set({ position: sql`${planItems.position} - 1` })
          .where(
            and(eq(planItems.planId, dialogue.planId ?? 0), sql`${planItems.position} > ${row.position}`),
          );
    }
    await audit({
      action: 'dialogue.commitment.remove',
      entityType: 'dialogue',
      entityId: id,
      unitId: dialogue.unitId,
      before: {
        commitmentId,
        text: row.commitment.text,
        leadUnitId: row.commitment.leadUnitId,
        dueOn: row.commitment.dueOn,
        planItemId: itemId,
      },
    });
  });
  return dialogueDetail(ctx, id);
}
