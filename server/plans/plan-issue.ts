import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, msg } from '../../core/errors.ts';
import type { issuePlanSchema, PlanDetail, withdrawPlanSchema } from '../../core/plans/plan-views.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf, todayOf } from '../clock.ts';
import { plans } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { notifyTasksAssigned, notifyUnitPlanIssued } from '../notifications/plan-notifications.ts';
import { assertIssuesPlan, type PlanContext } from './plan-access.ts';
import { numberPlan, voidPlanNumber } from './plan-numbering.ts';
import { getPlan } from './plan-queries.ts';
import { planParticulars } from './unit-plans.ts';

/**
 * A draft plan becomes the unit's document: issued ("ban hành") by someone who may act in the unit's
 * name, at the version read, numbered in the unit's register of outgoing documents (plan-numbering.ts)
 * and dated (today when no date was written). Only then does it answer the plan that asked
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
  // No date written: issued today.
  const issuedOn = plan.issuedOn ?? todayOf(ctx);
  await mutate(ctx, async (tx, audit) => {
    const entry = await numberPlan(tx, audit, ctx.user.userId, plan, issuedOn);
    const issued = await writeVersioned(tx, {
      table: plans,
      where: eq(plans.id, planId),
      version: input.version,
      set: {
        status: 'active',
        issuedAt: nowOf(ctx),
        issuedBy: ctx.user.userId,
        ...planParticulars(plan, { number: entry.number, issuedOn }),
      },
      actorId: ctx.user.userId,
      at: nowOf(ctx),
      present: (row) => ({ status: row.status, number: row.number, issuedOn: row.issuedOn }),
    });
    await audit({
      action: 'plan.issue',
      entityType: 'plan',
      entityId: planId,
      unitId: plan.unitId,
      before: { status: plan.status, number: plan.number, issuedOn: plan.issuedOn },
      after: {
        status: issued.status,
        registerEntryId: entry.id,
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
    // Told first: the coordinator reads the number the plan was issued under.
    await notifyUnitPlanIssued(tx, { planId, actorId: ctx.user.userId, withdrawn: { reason: input.reason } });
    const voided = await voidPlanNumber(tx, audit, { actorId: ctx.user.userId, at: nowOf(ctx) }, plan);
    const draft = await writeVersioned(tx, {
      table: plans,
      where: eq(plans.id, planId),
      version: input.version,
      // A draft is nobody's commitment yet: it leaves the public site too. Its voided number is never
      // given again: issued anew, it takes a new one.
      set: {
        status: 'draft',
        issuedAt: null,
        issuedBy: null,
        publishedAt: null,
        publishedBy: null,
        ...(voided && planParticulars(plan, { number: null })),
      },
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
      after: { status: draft.status, reason: input.reason, voidedNumber: voided?.number ?? null },
    });
  });
  return getPlan(ctx, planId);
}
