import { type SQL, sql } from 'drizzle-orm';
import { planItems } from '../db/schema/index.ts';
import { type AssignmentFilter, assignmentRows } from '../units/unit-group-resolver.ts';

/**
 * Who answers for each task on a day, as (item_id, unit_id): the units leading it — named on it or
 * members of a group it is given to (the one resolver, unit-group-resolver.ts) — or, when the document
 * named no lead that was mapped to a unit or a group ("Các sở, ban, ngành" left unmapped), the unit that
 * issued the plan. The rule behind the task list, overdue counts and the leader's overview, so a plan's
 * own count of overdue tasks and its issuer's count agree. `filter` narrows to some units (a condition
 * on the table `units`) and some tasks before any group is resolved (see `assignmentsOn`).
 */
export function taskResponsibility(on: string, filter: AssignmentFilter = {}): SQL {
  // One `distinct` over both parts (a task with no lead is in the second part alone).
  return sql`select distinct item_id, unit_id from (
    select a.item_id, a.unit_id from (${assignmentRows(on, filter)}) a where a.role = 'lead'
    union all
    select ri.id as item_id, rp.unit_id from plan_items ri join plans rp on rp.id = ri.plan_id
    join units on units.id = rp.unit_id
    where ri.kind = 'task' and ${filter.units ?? sql`true`}
      and ${filter.items ? sql`ri.id in (${filter.items})` : sql`true`}
      and not exists (select 1 from plan_item_units ru where ru.item_id = ri.id and ru.role = 'lead')
      and not exists (select 1 from plan_item_groups rg where rg.item_id = ri.id and rg.role = 'lead')) tr`;
}

/** Ids of the tasks a unit matching `unitCondition` (on the table `units`) answers for, for `inArray`. */
export function itemsAnsweredFor(on: string, unitCondition: SQL): SQL {
  return sql`(select r.item_id from (${taskResponsibility(on, { units: unitCondition })}) r)`;
}

/** isOverdue (core/plans/progress.ts) as SQL: a task not done nor cancelled after its due date. */
export function overdueCondition(today: string): SQL {
  return sql`${planItems.kind} = 'task' and ${planItems.due} < ${today} and ${planItems.status} not in ('done', 'cancelled')`;
}
