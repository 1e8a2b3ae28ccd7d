import { and, eq, ne, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { formatDateVi } from '../../core/text/dates.ts';
import type { DbOrTx } from '../db/engine.ts';
import { planItems, planItemUnits, plans } from '../db/schema/index.ts';
import { notify } from './notification-service.ts';
import { unitReporters } from './recipients.ts';

const planName = (plan: { number: string | null; title: string }) =>
  plan.number ? `Kế hoạch số ${plan.number}` : `Kế hoạch “${plan.title}”`;

async function planOf(tx: DbOrTx, planId: number) {
  const [plan] = await tx
    .select({
      id: plans.id,
      unitId: plans.unitId,
      number: plans.number,
      title: plans.title,
      childPlansDue: plans.childPlansDue,
    })
    .from(plans)
    .where(eq(plans.id, planId));
  return plan;
}

/**
 * Tasks of a plan were given to units to lead (the plan saved, or a task reassigned): each unit's
 * reporters and head are told how many, with the plan's link. The plan's own unit is not told of
 * its own plan, nor the person who assigned.
 */
export async function notifyTasksAssigned(
  tx: DbOrTx,
  input: { planId: number; leads: readonly number[]; actorId: number },
) {
  const plan = await planOf(tx, input.planId);
  if (!plan) return;
  const counts = new Map<number, number>();
  for (const unitId of input.leads)
    if (unitId !== plan.unitId) counts.set(unitId, (counts.get(unitId) ?? 0) + 1);
  for (const [unitId, count] of counts) {
    const people = await unitReporters(tx, unitId);
    await notify(tx, {
      userIds: people.map((person) => person.id).filter((id) => id !== input.actorId),
      kind: 'plan.assigned',
      title: `${planName(plan)} giao đơn vị chủ trì ${count} nhiệm vụ`,
      body: plan.title,
      link: `/plans/${plan.id}`,
      mail: true,
    });
  }
}

/**
 * The plan asks the units leading its tasks for plans of their own (by `childPlansDue`): each unit
 * that has not answered yet is told, its reporters and head.
 */
export async function notifyChildPlansAsked(tx: DbOrTx, input: { planId: number; actorId: number }) {
  const plan = await planOf(tx, input.planId);
  if (!plan?.childPlansDue) return;
  const children = alias(plans, 'children');
  const asked = await tx
    .selectDistinct({ unitId: planItemUnits.unitId })
    .from(planItemUnits)
    .innerJoin(planItems, eq(planItems.id, planItemUnits.itemId))
    .where(
      and(
        eq(planItems.planId, plan.id),
        eq(planItemUnits.role, 'lead'),
        ne(planItemUnits.unitId, plan.unitId),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(children)
            .where(and(eq(children.parentPlanId, plan.id), eq(children.unitId, planItemUnits.unitId))),
        ),
      ),
    );
  for (const { unitId } of asked) {
    const people = await unitReporters(tx, unitId);
    await notify(tx, {
      userIds: people.map((person) => person.id).filter((id) => id !== input.actorId),
      kind: 'plan.child',
      title: `${planName(plan)} đề nghị đơn vị lập kế hoạch thực hiện trước ${formatDateVi(plan.childPlansDue)}`,
      body: plan.title,
      link: `/plans/${plan.id}`,
      mail: true,
    });
  }
}
