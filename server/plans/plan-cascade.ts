import { eq, inArray, sql } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { answerState } from '../../core/plans/answers.ts';
import type { Cascade, PlanSummary, UnitRef } from '../../core/plans/plan-views.ts';
import type { GroupRef } from '../../core/units/groups.ts';
import { todayOf } from '../clock.ts';
import { planItems, plans, units } from '../db/schema/index.ts';
import { groupMembersOfItems } from '../units/unit-group-resolver.ts';
import { assertReadsPlan, canReadPlanInFull, type PlanContext } from './plan-access.ts';
import { getPlan } from './plan-queries.ts';

/**
 * Who was asked for a plan (the units that lead tasks), who answered and when, and what nobody took up,
 * with how many units are in each state. A reader who sees the plan only through its own units' tasks
 * (a commune) sees those units alone, and may answer only for units it writes plans of.
 */
export async function getCascade(ctx: PlanContext, planId: number): Promise<Cascade> {
  const plan = await getPlan(ctx, planId);
  const { unitPath } = await assertReadsPlan(ctx, planId);
  const children = await ctx.db
    .select({
      id: plans.id,
      number: plans.number,
      type: plans.type,
      title: plans.title,
      unitId: plans.unitId,
      unitName: units.name,
      createdAt: plans.createdAt,
      status: plans.status,
      issuedAt: plans.issuedAt,
      taskCount:
        sql<number>`(select count(*) from plan_items i where i.plan_id = ${plans.id} and i.kind = 'task')`.mapWith(
          Number,
        ),
    })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(eq(plans.parentPlanId, planId));
  const tasks = plan.items.filter((item) => item.kind === 'task');
  const asked = new Map<number, { unit: UnitRef; assignedTasks: number }>();
  for (const task of tasks) {
    for (const unit of task.lead) {
      if (unit.id === plan.unit.id) continue;
      const entry = asked.get(unit.id) ?? { unit, assignedTasks: 0 };
      entry.assignedTasks += 1;
      asked.set(unit.id, entry);
    }
  }
  const named = new Set(asked.keys());
  // A task given to a group asks each of its units today: counted for each, shown as one row per group.
  const today = todayOf(ctx);
  const members = await groupMembersOfItems(
    ctx.db,
    tasks.map((task) => task.id),
    today,
  );
  const groupRows = new Map<string, { group: GroupRef; tasks: Set<number>; unitIds: Set<number> }>();
  const taskById = new Map(tasks.map((task) => [task.id, task]));
  for (const member of members) {
    if (member.role !== 'lead') continue;
    const group = taskById.get(member.itemId)?.leadGroups.find((entry) => entry.key === member.key);
    if (!group) continue;
    const row = groupRows.get(member.key) ?? { group, tasks: new Set(), unitIds: new Set() };
    row.tasks.add(member.itemId);
    row.unitIds.add(member.unitId);
    groupRows.set(member.key, row);
    if (member.unitId === plan.unit.id) continue;
    if (!asked.has(member.unitId))
      asked.set(member.unitId, { unit: { id: member.unitId, name: member.unitName }, assignedTasks: 0 });
  }
  // The tasks each unit leads, named or through a group: one pass (a group of 3,321 communes given
  // 20 tasks is 66,420 members, too many to search once per unit and task).
  const ledBy = new Map<number, Set<number>>();
  const lead = (unitId: number, itemId: number) => {
    const led = ledBy.get(unitId) ?? new Set<number>();
    led.add(itemId);
    ledBy.set(unitId, led);
  };
  for (const task of tasks) for (const unit of task.lead) lead(unit.id, task.id);
  for (const member of members) if (member.role === 'lead') lead(member.unitId, member.itemId);
  for (const [unitId, entry] of asked) entry.assignedTasks = ledBy.get(unitId)?.size ?? 0;
  const memberIds = new Set(members.map((member) => member.unitId));
  for (const child of children)
    if (!asked.has(child.unitId))
      asked.set(child.unitId, { unit: { id: child.unitId, name: child.unitName }, assignedTasks: 0 });
  const pathOf = new Map(
    asked.size
      ? (
          await ctx.db
            .select({ id: units.id, path: units.path })
            .from(units)
            .where(inArray(units.id, [...asked.keys()]))
        ).map((row) => [row.id, row.path])
      : [],
  );
  const inFull = canReadPlanInFull(ctx.user, unitPath);
  const shown = (unitId: number) =>
    inFull || hasPermissionOn(ctx.user.grants, 'plans.read', pathOf.get(unitId) ?? '-');
  const due = plan.childPlansDue;
  const taken = new Set(
    tasks.length
      ? (
          await ctx.db
            .select({ id: planItems.implementsItemId })
            .from(planItems)
            .where(
              inArray(
                planItems.implementsItemId,
                tasks.map((task) => task.id),
              ),
            )
        ).map((row) => row.id)
      : [],
  );
  const collator = new Intl.Collator('vi');
  const childByUnit = new Map<number, (typeof children)[number]>();
  for (const child of children) if (!childByUnit.has(child.unitId)) childByUnit.set(child.unitId, child);
  const listed = [...asked.values()]
    .filter(({ unit }) => shown(unit.id))
    .map(({ unit, assignedTasks }) => {
      const child = childByUnit.get(unit.id);
      const state = answerState(child ?? null, due, today);
      return {
        unit,
        state,
        plan: child
          ? {
              id: child.id,
              number: child.number,
              type: child.type,
              title: child.title,
              createdAt: child.createdAt.toISOString(),
              status: child.status as PlanSummary['status'],
              issuedAt: child.issuedAt?.toISOString() ?? null,
              taskCount: child.taskCount,
            }
          : null,
        assignedTasks,
        canAnswer: hasPermissionOn(ctx.user.grants, 'plans.write', pathOf.get(unit.id) ?? '-'),
        isOwn: !inFull,
        named: named.has(unit.id) || !memberIds.has(unit.id),
      };
    })
    .sort((a, b) => collator.compare(a.unit.name, b.unit.name));
  const counts = { submitted: 0, late: 0, missing: 0, pending: 0 };
  for (const entry of listed) counts[entry.state] += 1;
  const stateOf = new Map(listed.map((row) => [row.unit.id, row.state]));
  return {
    childPlansDue: due,
    units: listed,
    counts,
    // A group's row counts its units' states: only for those who read the plan in full.
    groups: inFull
      ? [...groupRows.values()].map((row) => {
          const groupCounts = { submitted: 0, late: 0, missing: 0, pending: 0 };
          for (const unitId of row.unitIds) {
            const state = stateOf.get(unitId);
            if (state) groupCounts[state] += 1;
          }
          return {
            group: row.group,
            assignedTasks: row.tasks.size,
            counts: groupCounts,
            unitIds: listed.map((unit) => unit.unit.id).filter((id) => row.unitIds.has(id)),
          };
        })
      : [],
    untakenTasks: tasks
      .filter(
        (task) =>
          !taken.has(task.id) &&
          (inFull || [...asked.keys()].some((id) => shown(id) && (ledBy.get(id)?.has(task.id) ?? false))),
      )
      .map((task) => ({ id: task.id, ref: task.ref, text: task.text, lead: task.lead })),
  };
}
