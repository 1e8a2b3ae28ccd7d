import { and, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { AppError, fieldError, type Msg, msg } from '../../core/errors.ts';
import {
  type adjustmentsSchema,
  type createRoundSchema,
  INPUT_STAGES,
  type InputStage,
  isStageOpen,
  needsReason,
  type Stage,
  type updateRoundSchema,
  type updateScoreSchema,
} from '../../core/frameworks/rounds.ts';
import { mutate } from '../audit/audit-log.ts';
import { assertPermissionOn } from '../auth/policy.ts';
import { nowOf, todayOf } from '../clock.ts';
import { assessmentRounds, frameworks, roundScores, roundUnits, units } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { notifyRoundOpened } from '../notifications/assessment-notifications.ts';
import {
  type AssessmentContext,
  assertManagesRound,
  leavesOf,
  loadRound,
  scoreAccess,
  scoreKey,
} from './assessment-access.ts';
import { getRound, getSheet } from './round-queries.ts';

export async function createRound(ctx: AssessmentContext, input: z.output<typeof createRoundSchema>) {
  const [owner] = await ctx.db.select().from(units).where(eq(units.id, input.ownerUnitId));
  if (!owner)
    throw fieldError(
      'ownerUnitId',
      msg('Đơn vị tổ chức đánh giá không tồn tại.', 'The organising unit does not exist.'),
    );
  assertPermissionOn(ctx.user, 'assessment.manage', owner.path);
  const [framework] = await ctx.db.select().from(frameworks).where(eq(frameworks.id, input.frameworkId));
  if (!framework)
    throw fieldError(
      'frameworkId',
      msg('Khung chỉ số không tồn tại.', 'The index framework does not exist.'),
    );
  if (input.year < framework.fromYear || (framework.toYear !== null && input.year > framework.toYear)) {
    const name = framework.definition.nameVi;
    const { fromYear, toYear } = framework;
    throw fieldError(
      'year',
      msg(
        `Khung “${name}” áp dụng ${toYear === null ? `từ năm ${fromYear}` : `trong các năm ${fromYear}–${toYear}`}: không dùng cho đợt đánh giá năm ${input.year}.`,
        `The framework “${name}” applies ${toYear === null ? `from ${fromYear}` : `in ${fromYear}–${toYear}`}: it cannot be used for a round of ${input.year}.`,
      ),
    );
  }
  if (leavesOf(framework.definition).some((criterion) => criterion.maxPoints === null))
    throw fieldError(
      'frameworkId',
      msg(
        'Khung chỉ số còn tiêu chí chưa có điểm tối đa (chưa xác nhận): hãy hoàn thiện trước.',
        'The framework still has criteria without a confirmed maximum score: complete it first.',
      ),
    );
  const deadlines = input.deadlines;
  for (let i = 1; i < INPUT_STAGES.length; i++) {
    const stage = INPUT_STAGES[i] as InputStage;
    const previous = INPUT_STAGES[i - 1] as InputStage;
    if (deadlines[stage] < deadlines[previous])
      throw fieldError(
        `deadlines.${stage}`,
        msg(
          'Hạn của giai đoạn sau không được trước hạn của giai đoạn trước.',
          'A later stage cannot be due before an earlier one.',
        ),
      );
  }
  const candidates = input.unitIds?.length
    ? await ctx.db
        .select({ id: units.id, path: units.path })
        .from(units)
        .where(and(inArray(units.id, input.unitIds), isNull(units.validTo)))
    : await ctx.db
        .select({ id: units.id, path: units.path })
        .from(units)
        .where(
          and(
            like(units.path, `${owner.path}%`),
            isNull(units.validTo),
            input.unitType ? eq(units.type, input.unitType) : sql`${units.id} <> ${owner.id}`,
          ),
        );
  if (input.unitIds?.length && candidates.length !== new Set(input.unitIds).size)
    throw fieldError(
      'unitIds',
      msg('Có đơn vị không tồn tại hoặc đã giải thể.', 'A unit does not exist or has been dissolved.'),
    );
  if (candidates.some((unit) => !unit.path.startsWith(owner.path)))
    throw fieldError(
      'unitIds',
      msg(
        'Đơn vị được đánh giá phải thuộc đơn vị tổ chức đánh giá.',
        'Assessed units must be under the organising unit.',
      ),
    );
  if (candidates.length === 0)
    throw fieldError(
      'unitIds',
      msg('Chưa chọn đơn vị nào để đánh giá.', 'No unit has been chosen for assessment.'),
    );
  const id = await mutate(ctx, async (tx, audit) => {
    const [round] = await tx
      .insert(assessmentRounds)
      .values({
        frameworkId: framework.id,
        ownerUnitId: owner.id,
        name: input.name,
        year: input.year,
        deadlines,
        bonusCap: input.bonusCap,
        penaltyCap: input.penaltyCap,
        nonSubmitters: input.nonSubmitters,
        createdBy: ctx.user.userId,
      })
      .returning();
    if (!round) throw new Error('round insert returned nothing');
    for (let i = 0; i < candidates.length; i += 1000)
      await tx
        .insert(roundUnits)
        .values(candidates.slice(i, i + 1000).map((unit) => ({ roundId: round.id, unitId: unit.id })));
    await audit({
      action: 'round.create',
      entityType: 'assessment_round',
      entityId: round.id,
      unitId: owner.id,
      after: {
        name: round.name,
        framework: framework.code,
        year: round.year,
        units: candidates.length,
        deadlines,
        nonSubmitters: input.nonSubmitters,
      },
    });
    await notifyRoundOpened(
      tx,
      round,
      candidates.map((unit) => unit.id),
      ctx.user.userId,
    );
    return round.id;
  });
  return getRound(ctx, id);
}

export async function updateScore(
  ctx: AssessmentContext,
  roundId: number,
  unitId: number,
  code: string,
  input: z.output<typeof updateScoreSchema>,
) {
  const { stage, criterion, asUnit, asCouncil, open } = await scoreAccess(ctx, roundId, unitId, code);
  const [current] = await ctx.db
    .select()
    .from(roundScores)
    .where(
      and(
        eq(roundScores.roundId, roundId),
        eq(roundScores.unitId, unitId),
        eq(roundScores.criterionCode, code),
      ),
    );
  const max = criterion.maxPoints ?? 0;
  const set: Partial<typeof roundScores.$inferInsert> = {};
  const refuse = (message: Msg) => new AppError('FORBIDDEN', message);
  const { version, ...fields } = input;
  const given = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
  if (given.length === 0)
    throw fieldError('selfScore', msg('Không có gì để lưu.', 'There is nothing to save.'));
  if (!open)
    throw refuse(
      msg(
        'Giai đoạn này đã hết hạn hoặc chưa mở: không thể sửa điểm.',
        'This stage has passed its deadline or is not open: scores cannot be changed.',
      ),
    );
  const allowed: Record<string, string[]> = {
    self: asUnit ? ['selfScore', 'selfComment'] : [],
    appraisal1: asCouncil ? ['appraisedScore', 'appraisalReason', 'returnedReason'] : [],
    explanation: asUnit && current?.returnedReason ? ['explanation', 'selfScore', 'selfComment'] : [],
    appraisal2: asCouncil ? ['appraisedScore', 'appraisalReason'] : [],
    final: [],
  };
  const forbidden = given.filter((key) => !(allowed[stage] ?? []).includes(key));
  if (forbidden.length > 0)
    throw refuse(
      stage === 'explanation' && asUnit
        ? msg(
            'Chỉ giải trình các tiêu chí hội đồng đã trả lại.',
            'Only criteria the council returned can be explained.',
          )
        : msg(
            'Vai trò của bạn không được nhập nội dung này ở giai đoạn hiện tại.',
            'Your role may not enter this at the current stage.',
          ),
    );
  for (const key of ['selfScore', 'appraisedScore'] as const) {
    const value = input[key];
    if (value !== undefined && value !== null && value > max)
      throw fieldError(
        key,
        msg(
          `Điểm tối đa của tiêu chí ${code} là ${String(max).replace('.', ',')}.`,
          `The maximum score of criterion ${code} is ${String(max).replace('.', ',')}.`,
        ),
      );
  }
  if (input.selfScore !== undefined) set.selfScore = input.selfScore;
  if (input.selfComment !== undefined) set.selfComment = input.selfComment;
  if (input.explanation !== undefined) set.explanation = input.explanation;
  if (input.returnedReason !== undefined) {
    if (!input.returnedReason)
      throw fieldError(
        'returnedReason',
        msg('Nêu lý do trả lại tiêu chí.', 'State why the criterion is returned.'),
      );
    set.returnedReason = input.returnedReason;
  }
  if (input.appraisedScore !== undefined) {
    const reason = input.appraisalReason ?? current?.appraisalReason ?? null;
    if (needsReason(current?.selfScore ?? null, input.appraisedScore) && !reason)
      throw fieldError(
        'appraisalReason',
        msg(
          'Điểm thẩm định khác điểm tự chấm: phải nêu lý do.',
          'The appraised score differs from the self-score: a reason is required.',
        ),
      );
    set.appraisedScore = input.appraisedScore;
    set.appraisalReason = reason;
  } else if (input.appraisalReason !== undefined) set.appraisalReason = input.appraisalReason;

  await mutate(ctx, async (tx, audit) => {
    // Two people on the same criterion: the second write of the same version is a 409, never a lost score.
    const row = await writeVersioned(tx, {
      table: roundScores,
      where: and(
        eq(roundScores.roundId, roundId),
        eq(roundScores.unitId, unitId),
        eq(roundScores.criterionCode, code),
      ),
      version,
      // The council's entry in the second appraisal marks the criterion re-appraised (the to-do counts by it).
      set: stage === 'appraisal2' ? { ...set, reappraisedAt: nowOf(ctx) } : set,
      insert: { roundId, unitId, criterionCode: code, ...set },
      actorId: ctx.user.userId,
      at: nowOf(ctx),
      present: presentScore,
      details: { criterion: code },
    });
    await audit({
      action: `round.score.${stage}`,
      entityType: 'round_score',
      entityId: scoreKey(roundId, unitId, code),
      unitId,
      before: current ? pick(current, Object.keys(set)) : null,
      after: row ? pick(row, Object.keys(set)) : null,
    });
  });
  return getSheet(ctx, roundId, unitId);
}

/** A criterion's entries as a 409 shows them beside the writer's own. */
const presentScore = (row: typeof roundScores.$inferSelect) => ({
  selfScore: row.selfScore,
  selfComment: row.selfComment,
  appraisedScore: row.appraisedScore,
  appraisalReason: row.appraisalReason,
  returnedReason: row.returnedReason,
  explanation: row.explanation,
});

const pick = (row: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.map((key) => [key, row[key]]));

/** The unit sends its self-assessment: every leaf must carry a score, evidence where required. */
export async function submitSelfAssessment(ctx: AssessmentContext, roundId: number, unitId: number) {
  await submitSelfAssessmentRecord(ctx, roundId, unitId);
  return getSheet(ctx, roundId, unitId);
}

/** submitSelfAssessment without reading the sheet back (the demo year sends many). */
export async function submitSelfAssessmentRecord(
  ctx: AssessmentContext,
  roundId: number,
  unitId: number,
): Promise<void> {
  const sheet = await getSheet(ctx, roundId, unitId);
  const { round } = await loadRound(ctx, roundId);
  const [unit] = await ctx.db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  if (!unit || !hasPermissionOn(ctx.user.grants, 'assessment.self', unit.path))
    throw new AppError('FORBIDDEN');
  if (!isStageOpen({ stage: round.stage as Stage, deadlines: round.deadlines }, 'self', todayOf(ctx)))
    throw new AppError(
      'FORBIDDEN',
      msg(
        'Giai đoạn tự đánh giá đã hết hạn hoặc đã đóng.',
        'The self-assessment stage has passed its deadline or is closed.',
      ),
    );
  const missing = sheet.criteria.filter((criterion) => criterion.isLeaf && criterion.selfScore === null);
  const unproven = sheet.criteria.filter(
    (criterion) =>
      criterion.isLeaf &&
      criterion.evidenceRequired &&
      criterion.evidenceCount === 0 &&
      (criterion.selfScore ?? 0) > 0,
  );
  if (missing.length > 0 || unproven.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        'Chưa thể gửi: còn tiêu chí chưa chấm điểm hoặc thiếu tài liệu kiểm chứng.',
        'Cannot send yet: some criteria are not scored or lack supporting evidence.',
      ),
      {
        fields: [
          ...missing.map((criterion) => ({
            path: criterion.code,
            message: msg('Chưa chấm điểm.', 'Not scored yet.'),
          })),
          ...unproven.map((criterion) => ({
            path: criterion.code,
            message: msg('Thiếu tài liệu kiểm chứng.', 'Supporting evidence is missing.'),
          })),
        ],
      },
    );
  await mutate(ctx, async (tx, audit) => {
    await tx
      .update(roundUnits)
      .set({ selfSubmittedAt: nowOf(ctx), version: sql`${roundUnits.version} + 1` })
      .where(and(eq(roundUnits.roundId, roundId), eq(roundUnits.unitId, unitId)));
    await audit({
      action: 'round.self.submit',
      entityType: 'assessment_round',
      entityId: roundId,
      unitId,
      after: { total: sheet.total },
    });
  });
}

// Moving between stages, publishing and withdrawing publication: round-stages.ts.

export async function updateRound(
  ctx: AssessmentContext,
  roundId: number,
  input: z.output<typeof updateRoundSchema>,
) {
  const { round } = await assertManagesRound(ctx, roundId);
  const deadlines = { ...round.deadlines, ...input.deadlines };
  await mutate(ctx, async (tx, audit) => {
    const [updated] = await tx
      .update(assessmentRounds)
      .set({ deadlines, version: sql`${assessmentRounds.version} + 1` })
      .where(and(eq(assessmentRounds.id, roundId), eq(assessmentRounds.version, input.version)))
      .returning();
    if (!updated) throw new AppError('CONFLICT');
    await audit({
      action: 'round.update',
      entityType: 'assessment_round',
      entityId: roundId,
      before: { deadlines: round.deadlines },
      after: { deadlines },
    });
  });
  return getRound(ctx, roundId);
}

/** Bonus and penalty points, in the final stage, within the round's caps. */
export async function setAdjustments(
  ctx: AssessmentContext,
  roundId: number,
  unitId: number,
  input: z.output<typeof adjustmentsSchema>,
) {
  const { round } = await assertManagesRound(ctx, roundId);
  if (!isStageOpen({ stage: round.stage as Stage, deadlines: round.deadlines }, 'final', todayOf(ctx)))
    throw new AppError(
      'FORBIDDEN',
      msg(
        'Điểm thưởng, điểm trừ chỉ nhập ở giai đoạn tổng hợp, trước hạn.',
        'Bonus and penalty points are entered only in the consolidation stage, before its deadline.',
      ),
    );
  if (input.bonus > round.bonusCap)
    throw fieldError(
      'bonus',
      msg(`Điểm thưởng tối đa là ${round.bonusCap}.`, `The bonus is at most ${round.bonusCap}.`),
    );
  if (input.penalty > round.penaltyCap)
    throw fieldError(
      'penalty',
      msg(`Điểm trừ tối đa là ${round.penaltyCap}.`, `The penalty is at most ${round.penaltyCap}.`),
    );
  if ((input.bonus > 0 || input.penalty > 0) && !input.reason)
    throw fieldError(
      'reason',
      msg('Nêu căn cứ cộng hoặc trừ điểm.', 'State the grounds for the bonus or penalty.'),
    );
  await mutate(ctx, async (tx, audit) => {
    const [before] = await tx
      .select()
      .from(roundUnits)
      .where(and(eq(roundUnits.roundId, roundId), eq(roundUnits.unitId, unitId)));
    if (!before) throw new AppError('NOT_FOUND');
    await tx
      .update(roundUnits)
      .set({
        bonus: input.bonus,
        penalty: input.penalty,
        adjustmentReason: input.reason,
        version: sql`${roundUnits.version} + 1`,
      })
      .where(and(eq(roundUnits.roundId, roundId), eq(roundUnits.unitId, unitId)));
    await audit({
      action: 'round.adjust',
      entityType: 'assessment_round',
      entityId: roundId,
      unitId,
      before: { bonus: before.bonus, penalty: before.penalty, reason: before.adjustmentReason },
      after: input,
    });
  });
  return getSheet(ctx, roundId, unitId);
}
