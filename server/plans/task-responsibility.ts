import { type SQL, sql } from 'drizzle-orm';
import { planItems } from '../db/schema/index.ts';
import { assignmentsOn } from '../units/unit-group-resolver.ts';

/**
 * Who answers for each task on a day, as (item_id, unit_id): the units leading it — named on it or
 * members of a group it is given to (the one resolver, unit-group-resolver.ts) — or, when the document
 * named no lead that was mapped to a unit or a group ("Các sở, ban, ngành" left unmapped), the unit that
 * issued the plan. The rule behind the task list, overdue counts and the leader's overview, so a plan's
 * own count of overdue tasks and its issuer's count agree.
 */
export function taskResponsibility(on: string): SQL {
  return sql`select a.item_id, a.unit_id from (${assignmentsOn(on)}) a where a.role = 'lead'
    union
    select ri.id as item_id, rp.unit_id from plan_items ri join plans rp on rp.id = ri.plan_id
    where ri.kind = 'task'
      and not exists (select 1 from plan_item_units ru where ru.item_id = ri.id and ru.role = 'lead')
      and not exists (select 1 from plan_item_groups rg where rg.item_id = ri.id and rg.role = 'lead')`;
}

/** Ids of the tasks a unit matching `unitCondition` (on the table `units`) answers for, for `inArray`. */
export function itemsAnsweredFor(on: string, unitCondition: SQL): SQL {
  return sql`(select r.item_id from (${taskResponsibility(on)}) r join units on units.id = r.unit_id
    where ${unitCondition})`;
}

/** isOverdue (core/plans/progress.ts) as SQL: a task not done nor cancelled after its due date. */
export function overdueCondition(today: string): SQL {
  return sql`${planItems.kind} = 'task' and ${planItems.due} < ${today} and ${planItems.status} not in ('done', 'cancelled')`;
}
