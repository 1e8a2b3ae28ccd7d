import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, msg } from '../../core/errors.ts';
import {
  type advanceRoundSchema,
  previewStageMove,
  previousStage,
  type RoundProgress,
  type reopenStageSchema,
  type StageMovePreview,
  stageMoveProblem,
  type withdrawPublicationSchema,
} from '../../core/frameworks/round-stages.ts';
import type { Stage } from '../../core/frameworks/rounds.ts';
import type { NonSubmitterRule } from '../../core/frameworks/scoring.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import { assessmentRounds, units } from '../db/schema/index.ts';
import {
  notifyPublication,
  notifySelfReopened,
  notifyStageMoved,
} from '../notifications/assessment-notifications.ts';
import { type AssessmentContext, assertManagesRound } from './assessment-access.ts';
import { getRound } from './round-queries.ts';

/**
 * The coordinator's steps between stages. Nothing here happens on one click against the schedule:
 * a move before the stage's deadline, or leaving units behind, needs a reason (kept in the audit
 * event); publication can be withdrawn; the self-assessment can be reopened while no one appraised.
 */

/** Where the round's units stand, in one query. */
async function roundProgress(ctx: AssessmentContext, roundId: number): Promise<RoundProgress> {
  const { rows } = await ctx.db.execute<{
    units: number;
    not_submitted: number;
    not_appraised: number;
    awaiting_explanation: number;
  }>(sql`
    select count(*)::int as units,
      count(*) filter (where ru.self_submitted_at is null)::int as not_submitted,
      count(*) filter (where ru.self_submitted_at is not null and coalesce(s.council, 0) = 0)::int
        as not_appraised,
      count(*) filter (where coalesce(s.awaiting, 0) > 0)::int as awaiting_explanation
    from round_units ru
    left join (
      select unit_id,
        count(*) filter (where appraised_score is not null or returned_reason is not null) as council,
        count(*) filter (where returned_reason is not null and explanation is null) as awaiting
      from round_scores where round_id = ${roundId} group by unit_id
    ) s on s.unit_id = ru.unit_id
    where ru.round_id = ${roundId}`);
  const row = rows[0];
  return {
    units: row?.units ?? 0,
    notSubmitted: row?.not_submitted ?? 0,
    notAppraised: row?.not_appraised ?? 0,
    awaitingExplanation: row?.awaiting_explanation ?? 0,
  };
}

async function previewOf(ctx: AssessmentContext, roundId: number) {
  const { round } = await assertManagesRound(ctx, roundId);
  const preview = previewStageMove(
    {
      stage: round.stage as Stage,
      deadlines: round.deadlines,
      nonSubmitters: round.nonSubmitters as NonSubmitterRule,
    },
    await roundProgress(ctx, roundId),
    todayOf(ctx),
  );
  return { round, preview };
}

/** What moving on would do, for the confirmation the web app shows; 409 once published. */
export async function previewAdvance(ctx: AssessmentContext, roundId: number): Promise<StageMovePreview> {
  const { preview } = await previewOf(ctx, roundId);
  if (!preview)
    throw new AppError(
      'CONFLICT',
      msg('Đợt đánh giá đã công bố.', 'The assessment round is already published.'),
    );
  return preview;
}

/** The coordinator moves the round on; publishing fixes the ranking. Against the schedule only with a reason. */
export async function advanceRound(
  ctx: AssessmentContext,
  roundId: number,
  input: z.output<typeof advanceRoundSchema>,
) {
  const { round, preview } = await previewOf(ctx, roundId);
  if (!preview)
    throw new AppError(
      'CONFLICT',
      msg('Đợt đánh giá đã công bố.', 'The assessment round is already published.'),
    );
  if (round.version !== input.version) throw new AppError('CONFLICT');
  const reason = input.reason ?? null;
  if (preview.reasonRequired && !reason) {
    const message = stageMoveProblem(preview, formatDateVi);
    throw new AppError('VALIDATION_FAILED', message, { fields: [{ path: 'reason', message }], preview });
  }
  await mutate(ctx, async (tx, audit) => {
    const [updated] = await tx
      .update(assessmentRounds)
      .set({
        stage: preview.to,
        ...(preview.to === 'published' && { publishedAt: nowOf(ctx) }),
        version: sql`${assessmentRounds.version} + 1`,
      })
      .where(and(eq(assessmentRounds.id, roundId), eq(assessmentRounds.version, input.version)))
      .returning();
    if (!updated) throw new AppError('CONFLICT');
    await audit({
      action: 'round.advance',
      entityType: 'assessment_round',
      entityId: roundId,
      before: { stage: preview.from },
      after: {
        stage: preview.to,
        reason,
        // What the move went against, as it stood at the time.
        ...(preview.reasonRequired && {
          deadline: preview.deadline,
          deadlinePassed: preview.deadlinePassed,
          pending: preview.pending,
          pendingKind: preview.pendingKind,
          units: preview.units,
        }),
      },
    });
    const [owner] = await tx
      .select({ path: units.path })
      .from(units)
      .where(eq(units.id, updated.ownerUnitId));
    if (owner) await notifyStageMoved(tx, { ...updated, ownerPath: owner.path }, preview.to, ctx.user.userId);
  });
  return getRound(ctx, roundId);
}

/** Takes a published ranking back to the final stage: results are no longer shown to the units. */
export async function withdrawPublication(
  ctx: AssessmentContext,
  roundId: number,
  input: z.output<typeof withdrawPublicationSchema>,
) {
  const { round, ownerPath } = await assertManagesRound(ctx, roundId);
  if (round.stage !== 'published')
    throw new AppError(
      'CONFLICT',
      msg('Đợt đánh giá chưa công bố.', 'The assessment round is not published.'),
    );
  await mutate(ctx, async (tx, audit) => {
    const [updated] = await tx
      .update(assessmentRounds)
      .set({ stage: 'final', publishedAt: null, version: sql`${assessmentRounds.version} + 1` })
      .where(
        and(
          eq(assessmentRounds.id, roundId),
          eq(assessmentRounds.version, input.version),
          eq(assessmentRounds.stage, 'published'),
        ),
      )
      .returning();
    if (!updated) throw new AppError('CONFLICT');
    await audit({
      action: 'round.publication.withdraw',
      entityType: 'assessment_round',
      entityId: roundId,
      before: { stage: 'published', publishedAt: round.publishedAt?.toISOString() ?? null },
      after: { stage: 'final', reason: input.reason },
    });
    await notifyPublication(
      tx,
      { ...updated, ownerPath },
      { withdrawn: true, reason: input.reason },
      ctx.user.userId,
    );
  });
  return getRound(ctx, roundId);
}

/**
 * Moves the round back from the first appraisal to the self-assessment, which is safe only while the
 * council has entered nothing (no score, no criterion returned): nothing anyone typed is overridden.
 */
export async function reopenSelfAssessment(
  ctx: AssessmentContext,
  roundId: number,
  input: z.output<typeof reopenStageSchema>,
) {
  const { round } = await assertManagesRound(ctx, roundId);
  if (round.stage !== 'appraisal1')
    throw new AppError(
      'CONFLICT',
      msg(
        'Chỉ mở lại giai đoạn tự đánh giá khi đợt đang ở thẩm định lần 1.',
        'The self-assessment stage can be reopened only while the round is in the first appraisal.',
      ),
    );
  const back = previousStage('appraisal1') as Stage;
  await mutate(ctx, async (tx, audit) => {
    const { rows } = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from round_scores where round_id = ${roundId}
          and (appraised_score is not null or returned_reason is not null)`,
    );
    if ((rows[0]?.n ?? 0) > 0)
      throw new AppError(
        'CONFLICT',
        msg(
          'Hội đồng đã bắt đầu thẩm định: không thể mở lại giai đoạn tự đánh giá.',
          'The council has started appraising: the self-assessment stage cannot be reopened.',
        ),
      );
    const [updated] = await tx
      .update(assessmentRounds)
      .set({ stage: back, version: sql`${assessmentRounds.version} + 1` })
      .where(
        and(
          eq(assessmentRounds.id, roundId),
          eq(assessmentRounds.version, input.version),
          eq(assessmentRounds.stage, 'appraisal1'),
        ),
      )
      .returning();
    if (!updated) throw new AppError('CONFLICT');
    await audit({
      action: 'round.reopen',
      entityType: 'assessment_round',
      entityId: roundId,
      before: { stage: 'appraisal1' },
      after: { stage: back, reason: input.reason },
    });
    await notifySelfReopened(tx, updated, input.reason, ctx.user.userId);
  });
  return getRound(ctx, roundId);
}
