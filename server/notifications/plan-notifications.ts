import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type NamedPlan, planName } from '../../core/plans/plan-name.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import type { DbOrTx } from '../db/engine.ts';
import { assessmentRounds, plans, units, users } from '../db/schema/index.ts';
import { type AssignmentFilter, assignmentsOn } from '../units/unit-group-resolver.ts';
import { notify } from './notification-service.ts';
import { unitReporters } from './recipients.ts';

// A numbered plan by the one rule (core/plans/plan-name.ts); one not yet numbered by its quoted title.
const planNameVi = (plan: NamedPlan) => (plan.number ? planName(plan) : `Kế hoạch “${plan.title}”`);
const planNameEn = (plan: NamedPlan) => (plan.number ? planName(plan, 'en') : `The plan “${plan.title}”`);

async function planOf(tx: DbOrTx, planId: number) {
  const [plan] = await tx
    .select({
      id: plans.id,
      unitId: plans.unitId,
      number: plans.number,
      type: plans.type,
      title: plans.title,
      childPlansDue: plans.childPlansDue,
    })
    .from(plans)
    .where(eq(plans.id, planId));
  return plan;
}

/**
 * (item, unit) for each unit leading a task of the plan on `on`, named or through a group (the one
 * resolver): a unit named and also in the group counts once. `itemIds` narrows to some tasks.
 */
export async function leadsOn(
  tx: DbOrTx,
  input: { planId: number; on: string; itemIds?: readonly number[] },
): Promise<{ itemId: number; unitId: number }[]> {
  if (input.itemIds?.length === 0) return [];
  // Only this plan's tasks (or the ones named) are resolved, not every plan's groups.
  const only: SQL =
    input.itemIds === undefined
      ? sql`true`
      : sql`id in (${sql.join(
          input.itemIds.map((id) => sql`${id}::int`),
          sql`, `,
        )})`;
  const items = sql`select id from plan_items where plan_id = ${input.planId} and ${only}`;
  const result = await tx.execute(sql`select distinct a.item_id, a.unit_id
    from (${assignmentsOn(input.on, { items })}) a
    where a.role = 'lead'
    order by a.unit_id, a.item_id`);
  return (result.rows as Record<string, unknown>[]).map((row) => ({
    itemId: Number(row.item_id),
    unitId: Number(row.unit_id),
  }));
}

/**
 * Tasks of a plan were given to units to lead (the plan saved, or a task reassigned): each unit's
 * reporters and head (by a grant on the unit itself) are told once how many, with the plan's link,
 * the members of a group ("Tất cả xã, phường") resolved on `on`. The plan's own unit is not told of
 * its own plan, nor the person who assigned, nor a unit that led the task already (`already`).
 */
export async function notifyTasksAssigned(
  tx: DbOrTx,
  input: {
    planId: number;
    on: string;
    actorId: number;
    itemIds?: readonly number[];
    already?: readonly number[];
  },
) {
  const plan = await planOf(tx, input.planId);
  if (!plan) return;
  const skip = new Set([plan.unitId, ...(input.already ?? [])]);
  const counts = new Map<number, number>();
  for (const { unitId } of await leadsOn(tx, input))
    if (!skip.has(unitId)) counts.set(unitId, (counts.get(unitId) ?? 0) + 1);
  for (const [unitId, count] of counts) {
    const people = await unitReporters(tx, unitId);
    await notify(tx, {
      userIds: people.map((person) => person.id).filter((id) => id !== input.actorId),
      kind: 'plan.assigned',
      title: {
        vi: `${planNameVi(plan)} giao đơn vị chủ trì ${count} nhiệm vụ`,
        en: `${planNameEn(plan)} gives your unit the lead of ${count} task${count === 1 ? '' : 's'}`,
      },
      body: plan.title,
      link: `/plans/${plan.id}`,
      mail: true,
    });
  }
}

/**
 * The units that lead a task of the plan on `on` (named or through a group) and have not answered
 * with a plan of their own: those a plan asking for unit plans waits for. Answered: issued, a draft
 * is not (the one rule, core/plans/answers.ts). `filter` narrows to some units or tasks before groups
 * are resolved (see `assignmentsOn`).
 */
export function unitsAskedForPlans(on: string, filter: AssignmentFilter = {}): SQL {
  return sql`select distinct i.plan_id, a.unit_id
    from (${assignmentsOn(on, filter)}) a
    join plan_items i on i.id = a.item_id
    join plans p on p.id = i.plan_id
    where a.role = 'lead' and a.unit_id <> p.unit_id
      and not exists (select 1 from plans c where c.parent_plan_id = p.id and c.unit_id = a.unit_id
        and c.issued_at is not null)`;
}

/**
 * The plan asks the units leading its tasks for plans of their own (by `childPlansDue`): each unit
 * that has not answered yet is told, its reporters and head.
 */
export async function notifyChildPlansAsked(
  tx: DbOrTx,
  input: { planId: number; on: string; actorId: number },
) {
  const plan = await planOf(tx, input.planId);
  if (!plan?.childPlansDue) return;
  const asked = await tx.execute(
    sql`select unit_id from (${unitsAskedForPlans(input.on, {
      items: sql`select id from plan_items where plan_id = ${plan.id}`,
    })}) q order by unit_id`,
  );
  for (const row of asked.rows as Record<string, unknown>[]) {
    const people = await unitReporters(tx, Number(row.unit_id));
    await notify(tx, {
      userIds: people.map((person) => person.id).filter((id) => id !== input.actorId),
      kind: 'plan.child',
      title: {
        vi: `${planNameVi(plan)} đề nghị đơn vị lập kế hoạch thực hiện trước ${formatDateVi(plan.childPlansDue)}`,
        en: `${planNameEn(plan)} asks your unit for its own plan by ${formatDateVi(plan.childPlansDue)}`,
      },
      body: plan.title,
      link: `/plans/${plan.id}`,
      mail: true,
    });
  }
}

/**
 * A unit issued its own plan in answer to `parentPlanId` (or withdrew it to a draft, `reason`): the
 * coordinator who asked for the units' plans is told (whoever set the deadline; the parent plan's
 * author when none did), not the person who acted.
 */
export async function notifyUnitPlanIssued(
  tx: DbOrTx,
  input: { planId: number; actorId: number; withdrawn?: { reason: string } },
) {
  const [plan] = await tx
    .select({
      id: plans.id,
      number: plans.number,
      type: plans.type,
      title: plans.title,
      parentPlanId: plans.parentPlanId,
      remediatesRoundId: plans.remediatesRoundId,
      unitName: units.name,
    })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(eq(plans.id, input.planId));
  if (!plan) return;
  // Who waits for it: the coordinator who asked for the unit's plan, or, for a remediation plan, the
  // one who runs the round it answers.
  const [parent] = plan.parentPlanId
    ? await tx
        .select({
          askedBy: sql<number | null>`coalesce(${plans.childPlansAskedBy}, ${plans.createdBy})`,
          number: plans.number,
          title: plans.title,
        })
        .from(plans)
        .where(eq(plans.id, plan.parentPlanId))
    : [];
  const [round] =
    !parent && plan.remediatesRoundId
      ? await tx
          .select({ askedBy: assessmentRounds.createdBy, name: assessmentRounds.name })
          .from(assessmentRounds)
          .where(eq(assessmentRounds.id, plan.remediatesRoundId))
      : [];
  const askedBy = parent?.askedBy ?? round?.askedBy ?? null;
  if (!askedBy || askedBy === input.actorId) return;
  const [asker] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, askedBy), eq(users.isActive, true)));
  if (!asker) return;
  const answer = planName(plan);
  await notify(tx, {
    userIds: [asker.id],
    kind: input.withdrawn ? 'plan.withdrawn' : 'plan.issued',
    title: input.withdrawn
      ? {
          vi: `${plan.unitName} thu hồi ${answer} về dự thảo`,
          en: `${plan.unitName} withdrew ${plan.number ? `plan No. ${plan.number}` : `the plan “${plan.title}”`} to a draft`,
        }
      : {
          vi: `${plan.unitName} đã ban hành ${answer}`,
          en: `${plan.unitName} issued ${plan.number ? `plan No. ${plan.number}` : `the plan “${plan.title}”`}`,
        },
    body: input.withdrawn
      ? { vi: `Lý do: ${input.withdrawn.reason}`, en: `Reason: ${input.withdrawn.reason}` }
      : parent
        ? {
            vi: `Thực hiện ${planNameVi(parent)}: ${plan.title}`,
            en: `In answer to ${planNameEn(parent)}: ${plan.title}`,
          }
        : {
            vi: `Khắc phục theo kết quả ${round?.name ?? ''}: ${plan.title}`,
            en: `Remediation after ${round?.name ?? ''}: ${plan.title}`,
          },
    link: `/plans/${plan.id}`,
    mail: true,
  });
}
