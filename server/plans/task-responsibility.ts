import { and, eq, notExists, type SQL, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/engine.ts';
import { planItems, planItemUnits, plans } from '../db/schema/index.ts';

/**
 * Who answers for each task: the units leading it, or, when the document named no lead that was
 * mapped to a unit ("Các sở, ban, ngành" left unmapped), the unit that issued the plan. The one rule
 * behind every list and count of tasks by unit (the task list, overdue counts, the leader's overview),
 * so a plan's own count of overdue tasks and its issuer's count agree.
 */
export function taskResponsibility(db: DbOrTx) {
  const leads = db
    .select({ itemId: planItemUnits.itemId, unitId: planItemUnits.unitId })
    .from(planItemUnits)
    .where(eq(planItemUnits.role, 'lead'));
  const unled = db
    .select({ itemId: planItems.id, unitId: plans.unitId })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(
      and(
        eq(planItems.kind, 'task'),
        notExists(
          db
            .select({ one: planItemUnits.itemId })
            .from(planItemUnits)
            .where(and(eq(planItemUnits.itemId, planItems.id), eq(planItemUnits.role, 'lead'))),
        ),
      ),
    );
  return unionAll(leads, unled).as('responsible');
}

/** isOverdue (core/plans/progress.ts) as SQL: a task not done nor cancelled after its due date. */
export function overdueCondition(today: string): SQL {
  return sql`${planItems.kind} = 'task' and ${planItems.due} < ${today} and ${planItems.status} not in ('done', 'cancelled')`;
}
