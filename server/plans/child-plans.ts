import { and, eq, like } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { answerTitle, planName, unitIssuer, unitPlace } from '../../core/plans/plan-name.ts';
import type { createChildPlanSchema, PlanDetail, updatePlanSchema } from '../../core/plans/plan-views.ts';
import { mutate } from '../audit/audit-log.ts';
import { assertPermissionOn } from '../auth/policy.ts';
import { nowOf, todayOf } from '../clock.ts';
import { plans, units } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { notifyChildPlansAsked } from '../notifications/plan-notifications.ts';
import { assertChangesPlan, isPlanEditable, type PlanContext } from './plan-access.ts';
import { createPlan } from './plan-commands.ts';
import { itemsGivenWithin } from './plan-groups.ts';
import { getPlan } from './plan-queries.ts';
import { planParticulars, sentParticulars } from './unit-plans.ts';

// ---- Cascading: units answer a provincial plan with plans of their own ----------------------------

type CreateChildInput = z.output<typeof createChildPlanSchema>;

/**
 * A unit's plan in answer to `parentId`: it starts with every task of the parent plan that a unit in
 * its subtree leads or coordinates, each pointing to the task it carries out, led by the unit.
 */
export async function createChildPlan(
  ctx: PlanContext,
  parentId: number,
  input: CreateChildInput,
): Promise<PlanDetail> {
  const parent = await getPlan(ctx, parentId);
  const [unit] = await ctx.db.select().from(units).where(eq(units.id, input.unitId));
  if (!unit || unit.validTo !== null)
    throw fieldError(
      'unitId',
      msg('Đơn vị không tồn tại hoặc đã giải thể.', 'The unit does not exist or has been dissolved.'),
    );
  assertPermissionOn(ctx.user, 'plans.write', unit.path);
  const [existing] = await ctx.db
    .select({ number: plans.number, type: plans.type, title: plans.title })
    .from(plans)
    .where(and(eq(plans.parentPlanId, parentId), eq(plans.unitId, unit.id)));
  if (existing)
    throw new AppError(
      'CONFLICT',
      msg(
        `${unit.name} đã có kế hoạch thực hiện kế hoạch này: ${planName(existing)}.`,
        `${unit.name} already has a plan carrying out this plan: ${planName(existing, 'en')}.`,
      ),
    );
  const subtree = new Set(
    (
      await ctx.db
        .select({ id: units.id })
        .from(units)
        .where(like(units.path, `${unit.path}%`))
    ).map((row) => row.id),
  );
  const throughGroups = await itemsGivenWithin(ctx.db, parentId, unit.path, todayOf(ctx));
  const given = parent.items.filter(
    (item) =>
      item.kind === 'task' &&
      ([...item.lead, ...item.support].some((link) => subtree.has(link.id)) || throughGroups.has(item.id)),
  );
  if (given.length === 0)
    throw fieldError(
      'unitId',
      msg(
        'Kế hoạch cấp trên chưa giao nhiệm vụ nào cho đơn vị này.',
        'The higher-level plan gives this unit no tasks yet.',
      ),
    );
  const byId = new Map(parent.items.map((item) => [item.id, item]));
  const sections = new Map<string, { ref: string; title: string }>();
  for (const task of given) {
    for (let id = task.parentId; id !== null; id = byId.get(id)?.parentId ?? null) {
      const section = byId.get(id);
      if (section) sections.set(section.ref, { ref: section.ref, title: section.text });
    }
  }
  return createPlan(ctx, {
    unitId: unit.id,
    parentPlanId: parentId,
    number: null,
    type: 'KH',
    issuedOn: null,
    place: unitPlace(unit) ?? parent.place,
    issuer: unitIssuer(unit),
    signer: unit.headName,
    title: input.title ?? answerTitle({ ...parent, issuer: parent.issuer ?? parent.unit.name }),
    year: parent.year,
    indices: parent.indices,
    sections: [...sections.values()],
    tasks: given.map((task) => ({
      ref: task.ref,
      text: task.text,
      index: task.index,
      dimension: task.dimension,
      leadNames: [unit.name],
      supportNames: [],
      due: task.due,
      recurrence: task.recurrence,
      implementsItemId: task.id,
      remedies: null,
    })),
    targets: [],
    warnings: [],
    agencies: [{ name: unit.name, unitId: unit.id, unitIds: [], groupKey: null }],
    childPlansDue: null,
    parts: null,
    remediatesRoundId: null,
    asDraft: false,
  });
}

type UpdatePlanInput = z.output<typeof updatePlanSchema>;

/** The plan's own settings: by when units must answer it, and whether it is still running. */
export async function updatePlan(
  ctx: PlanContext,
  planId: number,
  input: UpdatePlanInput,
): Promise<PlanDetail> {
  const { plan } = await assertChangesPlan(ctx, planId);
  if (Object.keys(planParticulars(plan, input)).length > 0 && !isPlanEditable(plan))
    throw new AppError(
      'CONFLICT',
      msg(
        'Kế hoạch đã ban hành; muốn sửa số, ngày hoặc trích yếu, hãy thu hồi về dự thảo (nêu lý do).',
        'The plan is issued: to change its number, date or title, withdraw it to a draft (with a reason).',
      ),
    );
  if (input.status !== undefined && plan.status === 'draft')
    throw new AppError(
      'CONFLICT',
      msg(
        'Kế hoạch dự thảo được đưa vào thực hiện bằng thao tác Ban hành.',
        'A draft plan comes into force by issuing it.',
      ),
    );
  await mutate(ctx, async (tx, audit) => {
    const updated = await writeVersioned(tx, {
      table: plans,
      where: eq(plans.id, planId),
      version: input.version,
      at: nowOf(ctx),
      set: {
        ...planParticulars(plan, input),
        ...(input.childPlansDue !== undefined && {
          childPlansDue: input.childPlansDue,
          childPlansAskedBy: input.childPlansDue ? ctx.user.userId : plan.childPlansAskedBy,
        }),
        ...(input.status !== undefined && { status: input.status }),
        ...(input.leadShare !== undefined && { leadShare: input.leadShare }),
      },
      actorId: ctx.user.userId,
      present: (row) => ({ childPlansDue: row.childPlansDue, status: row.status, leadShare: row.leadShare }),
    });
    await audit({
      action: 'plan.update',
      entityType: 'plan',
      entityId: planId,
      unitId: plan.unitId,
      before: {
        ...sentParticulars(plan, input),
        childPlansDue: plan.childPlansDue,
        status: plan.status,
        leadShare: plan.leadShare,
      },
      after: {
        ...sentParticulars(updated, input),
        childPlansDue: updated.childPlansDue,
        status: updated.status,
        leadShare: updated.leadShare,
      },
    });
    if (updated.childPlansDue && updated.childPlansDue !== plan.childPlansDue)
      await notifyChildPlansAsked(tx, { planId, on: todayOf(ctx), actorId: ctx.user.userId });
  });
  return getPlan(ctx, planId);
}
