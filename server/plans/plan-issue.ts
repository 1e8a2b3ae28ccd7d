import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import type { issuePlanSchema, PlanDetail, withdrawPlanSchema } from '../../core/plans/plan-views.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import { plans } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { notifyTasksAssigned, notifyUnitPlanIssued } from '../notifications/plan-notifications.ts';
import { assertIssuesPlan, type PlanContext } from './plan-access.ts';
import { getPlan } from './plan-queries.ts';

/**
 * A draft plan becomes the unit's document: issued ("ban hành") by someone who may act in the unit's
 * name, with its number and date, at the version read. Only then does it answer the plan that asked
 * for it (core/plans/answers.ts), the coordinator who asked is told, and the units it gives tasks to
 * hear of them; until then its progress does not count towards the plan it carries out. An issued unit's plan can be
 * withdrawn to a draft with a reason, which the audit keeps and the coordinator hears.
 */
export async function issuePlan(
  ctx: PlanContext,
  planId: number,
  input: z.output<typeof issuePlanSchema>,
): Promise<PlanDetail> {
  const { plan } = await assertIssuesPlan(ctx, planId);
  if (plan.status !== 'draft')
    throw new AppError('CONFLICT', msg('Kế hoạch đã được ban hành.', 'The plan is already issued.'));
  if (!plan.number?.trim())
    throw fieldError(
      'number',
      msg(
        'Nhập số, ký hiệu của kế hoạch (ví dụ 12/KH-UBND) trước khi ban hành.',
        'Enter the plan’s number (e.g. 12/KH-UBND) before issuing it.',
      ),
    );
  if (!plan.issuedOn)
    throw fieldError(
      'issuedOn',
      msg('Nhập ngày ban hành trước khi ban hành.', 'Enter the date of issue before issuing it.'),
    );
  await mutate(ctx, async (tx, audit) => {
    const issued = await writeVersioned(tx, {
      table: plans,
      where: eq(plans.id, planId),
      version: input.version,
      set: { status: 'active', issuedAt: nowOf(ctx), issuedBy: ctx.user.userId },
      actorId: ctx.user.userId,
      at: nowOf(ctx),
      present: (row) => ({ status: row.status, number: row.number, issuedOn: row.issuedOn }),
    });
    await audit({
      action: 'plan.issue',
      entityType: 'plan',
      entityId: planId,
      unitId: plan.unitId,
      before: { status: plan.status },
      after: {
        status: issued.status,
        number: issued.number,
        issuedOn: issued.issuedOn,
        issuedAt: issued.issuedAt?.toISOString() ?? null,
      },
    });
    await notifyUnitPlanIssued(tx, { planId, actorId: ctx.user.userId });
    // The units the plan gives tasks to hear of them now, not while it was a draft.
    await notifyTasksAssigned(tx, { planId, on: todayOf(ctx), actorId: ctx.user.userId });
  });
  return getPlan(ctx, planId);
}

export async function withdrawPlan(
  ctx: PlanContext,
  planId: number,
  input: z.output<typeof withdrawPlanSchema>,
): Promise<PlanDetail> {
  const { plan } = await assertIssuesPlan(ctx, planId);
  if (plan.parentPlanId === null)
    throw new AppError(
      'CONFLICT',
      msg(
        'Chỉ kế hoạch của đơn vị (thực hiện kế hoạch cấp trên) được thu hồi về dự thảo.',
        'Only a unit’s plan (carrying out a higher-level plan) can be withdrawn to a draft.',
      ),
    );
  if (plan.status !== 'active')
    throw new AppError(
      'CONFLICT',
      msg('Chỉ thu hồi được kế hoạch đang ban hành.', 'Only an issued plan can be withdrawn.'),
    );
  await mutate(ctx, async (tx, audit) => {
    const draft = await writeVersioned(tx, {
      table: plans,
      where: eq(plans.id, planId),
      version: input.version,
      // A draft is nobody's commitment yet: it leaves the public site too.
      set: { status: 'draft', issuedAt: null, issuedBy: null, publishedAt: null, publishedBy: null },
      actorId: ctx.user.userId,
      at: nowOf(ctx),
      present: (row) => ({ status: row.status, number: row.number, issuedOn: row.issuedOn }),
    });
    await audit({
      action: 'plan.withdraw',
      entityType: 'plan',
      entityId: planId,
      unitId: plan.unitId,
      before: { status: plan.status, issuedAt: plan.issuedAt?.toISOString() ?? null },
      after: { status: draft.status, reason: input.reason },
    });
    await notifyUnitPlanIssued(tx, { planId, actorId: ctx.user.userId, withdrawn: { reason: input.reason } });
  });
  return getPlan(ctx, planId);
}
