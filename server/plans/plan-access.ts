import { and, eq, like, or, sql } from 'drizzle-orm';
import { hasPermissionOn, scopeRoots } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { planItems, planItemUnits, plans, units } from '../db/schema/index.ts';

export type PlanContext = ServiceContext & { user: SessionUser };

export async function getPlanRow(ctx: PlanContext, id: number) {
  const [row] = await ctx.db
    .select({ plan: plans, unitName: units.name, unitPath: units.path })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(eq(plans.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  if (!(await canReadPlan(ctx, id, row.unitPath))) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * A plan is read by anyone with plans.read on its unit, and by the units it assigns work to: a commune
 * sees the provincial plan that gives it tasks.
 */
async function canReadPlan(ctx: PlanContext, planId: number, unitPath: string): Promise<boolean> {
  if (hasPermissionOn(ctx.user.grants, 'plans.read', unitPath)) return true;
  const roots = scopeRoots(ctx.user.grants, 'plans.read');
  if (roots.length === 0) return false;
  const [assigned] = await ctx.db
    .select({ one: sql<number>`1` })
    .from(planItemUnits)
    .innerJoin(planItems, eq(planItems.id, planItemUnits.itemId))
    .innerJoin(units, eq(units.id, planItemUnits.unitId))
    .where(and(eq(planItems.planId, planId), or(...roots.map((root) => like(units.path, `${root}%`)))))
    .limit(1);
  return assigned !== undefined;
}

/**
 * The item of a plan, if the user may report on it: whoever writes the plan (and may then change
 * anything), or a reporter of a unit that leads the item (status, progress, note, evidence).
 */
export async function itemForReport(ctx: PlanContext, planId: number, itemId: number) {
  const { plan, unitPath } = await getPlanRow(ctx, planId);
  const [item] = await ctx.db
    .select()
    .from(planItems)
    .where(and(eq(planItems.id, itemId), eq(planItems.planId, planId)));
  if (!item) throw new AppError('NOT_FOUND');
  const canWrite = hasPermissionOn(ctx.user.grants, 'plans.write', unitPath);
  if (!canWrite) {
    const leads = await ctx.db
      .select({ path: units.path })
      .from(planItemUnits)
      .innerJoin(units, eq(units.id, planItemUnits.unitId))
      .where(and(eq(planItemUnits.itemId, itemId), eq(planItemUnits.role, 'lead')));
    if (!leads.some((lead) => hasPermissionOn(ctx.user.grants, 'plans.report', lead.path)))
      throw new AppError('FORBIDDEN');
  }
  return { plan, item, canWrite };
}

/** An item of a plan the user may read. */
export async function planItemOf(ctx: PlanContext, planId: number, itemId: number) {
  await getPlanRow(ctx, planId);
  const [item] = await ctx.db
    .select({ id: planItems.id })
    .from(planItems)
    .where(and(eq(planItems.id, itemId), eq(planItems.planId, planId)));
  if (!item) throw new AppError('NOT_FOUND');
}
