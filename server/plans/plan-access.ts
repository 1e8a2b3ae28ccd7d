import { and, eq, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import { hasPermissionOn, type Permission } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import { scopeCondition, unitScope } from '../auth/scope.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { todayOf } from '../clock.ts';
import { planItems, plans, units } from '../db/schema/index.ts';
import { assignmentsOn } from '../units/unit-group-resolver.ts';

/**
 * Who may read and change plans, their tasks and the tasks' evidence. A plan belongs to its unit:
 * - read in full by anyone with plans.read on its unit (coordinators above it, the unit itself);
 * - read (its tasks and progress) by the units it gives work to: a commune sees the provincial plan
 *   that gives it tasks, but only the evidence of the tasks it leads or supports;
 * - changed by anyone with plans.write on its unit, who assigns only within that unit's subtree;
 * - reported on (status, progress, note, evidence) by a reporter of a unit leading the task.
 */
export type PlanContext = ServiceContext & { user: SessionUser };

/** Whether the user reads everything of a plan of the unit at `unitPath`, every task's evidence included. */
export function canReadPlanInFull(user: SessionUser, unitPath: string): boolean {
  return hasPermissionOn(user.grants, 'plans.read', unitPath);
}

export function canChangePlan(user: SessionUser, unitPath: string): boolean {
  return hasPermissionOn(user.grants, 'plans.write', unitPath);
}

/** Issue a plan in its unit's name, or withdraw it back to a draft (a head, a coordinator above it). */
export function canIssuePlan(user: SessionUser, unitPath: string): boolean {
  return hasPermissionOn(user.grants, 'plans.issue', unitPath);
}

/**
 * Whether the document itself (particulars, own tasks, targets) may change now: a unit's plan answering
 * another only while it is a draft — once issued it is withdrawn first; other plans always.
 */
export function isPlanEditable(plan: { parentPlanId: number | null; status: string }): boolean {
  return plan.parentPlanId === null || plan.status === 'draft';
}

/** The plan in full or through a unit in the user's scope that it gives work to (lead or support). */
export async function canReadPlan(ctx: PlanContext, planId: number, unitPath: string): Promise<boolean> {
  if (canReadPlanInFull(ctx.user, unitPath)) return true;
  const scope = unitScope(ctx.user.grants, 'plans.read', units.path);
  if (scope === false) return false;
  // Named on a task, or a unit of a group a task is given to (resolved today).
  const assigned = await ctx.db.execute(
    sql`select 1 from (${assignmentsOn(todayOf(ctx), {
      units: scopeCondition(scope),
      items: sql`select id from plan_items where plan_id = ${planId}`,
    })}) a limit 1`,
  );
  return assigned.rows.length > 0;
}

/**
 * The plans the user reads (`canReadPlan`), as a condition on `plans` joined to its unit: those of the
 * units in scope, and those giving a unit in scope a task (a commune sees the provincial plan asking it).
 */
export function readablePlans(ctx: PlanContext): SQL {
  const own = unitScope(ctx.user.grants, 'plans.read', units.path);
  if (own === true || own === false) return scopeCondition(own);
  // Named on a task, or a unit of a group a task is given to (resolved today), in the user's scope:
  // the plans giving those units work, worked out once (not once per plan). Only plans of units outside
  // the scope need it (a plan gives work within its unit's subtree: those of the units above), so a
  // province's coordinator never resolves the province's own "Tất cả xã, phường".
  const ownPlan = scopeCondition(unitScope(ctx.user.grants, 'plans.read', sql`pu.path`));
  const given = sql`(select pi.plan_id from (${assignmentsOn(todayOf(ctx), {
    units: scopeCondition(own),
    items: sql`select pi.id from plan_items pi join plans pp on pp.id = pi.plan_id
      join units pu on pu.id = pp.unit_id where not (${ownPlan})`,
  })}) a
    join plan_items pi on pi.id = a.item_id)`;
  return or(own, inArray(plans.id, given)) as SQL;
}

/** The plan with its unit, if the user may read it; NOT_FOUND otherwise (its existence is not told). */
export async function assertReadsPlan(ctx: PlanContext, id: number) {
  const [row] = await ctx.db
    .select({ plan: plans, unitName: units.name, unitPath: units.path })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(eq(plans.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  if (!(await canReadPlan(ctx, id, row.unitPath))) throw new AppError('NOT_FOUND');
  return row;
}

/** The plan, if the user may change it: NOT_FOUND if unreadable, FORBIDDEN if only readable. */
export async function assertChangesPlan(ctx: PlanContext, id: number) {
  const row = await assertReadsPlan(ctx, id);
  if (!canChangePlan(ctx.user, row.unitPath)) throw new AppError('FORBIDDEN');
  return row;
}

/** The plan, if the user may change its document now (`isPlanEditable`); CONFLICT once it is issued. */
export async function assertEditsPlan(ctx: PlanContext, id: number) {
  const row = await assertChangesPlan(ctx, id);
  if (!isPlanEditable(row.plan))
    throw new AppError(
      'CONFLICT',
      msg(
        'Kế hoạch đã ban hành; muốn sửa, hãy thu hồi về dự thảo (nêu lý do) rồi ban hành lại.',
        'The plan is issued: to change it, withdraw it to a draft (with a reason) and issue it again.',
      ),
    );
  return row;
}

/** The plan, if the user may issue or withdraw it: NOT_FOUND if unreadable, FORBIDDEN if only readable. */
export async function assertIssuesPlan(ctx: PlanContext, id: number) {
  const row = await assertReadsPlan(ctx, id);
  if (!canIssuePlan(ctx.user, row.unitPath)) throw new AppError('FORBIDDEN');
  return row;
}

/**
 * The item of a plan, if the user may report on it: whoever writes the plan (and may then change
 * anything), or a reporter of a unit that leads the item (status, progress, note, evidence).
 */
export async function assertReportsItem(ctx: PlanContext, planId: number, itemId: number) {
  const { plan, unitPath } = await assertReadsPlan(ctx, planId);
  const [item] = await ctx.db
    .select()
    .from(planItems)
    .where(and(eq(planItems.id, itemId), eq(planItems.planId, planId)));
  if (!item) throw new AppError('NOT_FOUND');
  const canWrite = canChangePlan(ctx.user, unitPath);
  if (!canWrite) {
    const leads = await linkedUnitPaths(ctx, itemId, ['lead'], 'plans.report');
    if (!leads.some((path) => hasPermissionOn(ctx.user.grants, 'plans.report', path)))
      throw new AppError('FORBIDDEN');
  }
  return { plan, unitPath, item, canWrite };
}

/**
 * Whether the user reads a task's evidence: whoever reads the plan in full, or a unit that leads or
 * supports this very task (`linkedPaths`). A commune leading one task of a plan reads no other task's files.
 */
export function canReadItemEvidence(user: SessionUser, planUnitPath: string, linkedPaths: readonly string[]) {
  return (
    canReadPlanInFull(user, planUnitPath) ||
    linkedPaths.some((path) => hasPermissionOn(user.grants, 'plans.read', path))
  );
}

/** An item whose evidence the user may read (`canReadItemEvidence`); NOT_FOUND otherwise. */
export async function assertReadsItemEvidence(ctx: PlanContext, planId: number, itemId: number) {
  const { unitPath } = await assertReadsPlan(ctx, planId);
  const [item] = await ctx.db
    .select({ id: planItems.id })
    .from(planItems)
    .where(and(eq(planItems.id, itemId), eq(planItems.planId, planId)));
  if (!item) throw new AppError('NOT_FOUND');
  if (canReadPlanInFull(ctx.user, unitPath)) return;
  const linked = await linkedUnitPaths(ctx, itemId, ['lead', 'support'], 'plans.read');
  if (!canReadItemEvidence(ctx.user, unitPath, linked)) throw new AppError('NOT_FOUND');
}

/**
 * A plan gives work only within its unit's subtree: a commune's own plan cannot assign tasks to
 * another commune (a province's plan reaches the whole province).
 */
export async function assertAssignable(ctx: PlanContext, ownerPath: string, unitIds: readonly number[]) {
  if (unitIds.length === 0) return;
  const outside = await ctx.db
    .select({ id: units.id })
    .from(units)
    .where(and(inArray(units.id, [...unitIds]), sql`not ${like(units.path, `${ownerPath}%`)}`))
    .limit(1);
  if (outside.length > 0)
    throw new AppError(
      'FORBIDDEN',
      msg(
        'Kế hoạch của một đơn vị chỉ giao nhiệm vụ cho chính đơn vị đó và các đơn vị trực thuộc.',
        'A unit’s plan gives tasks only to that unit and its subordinate units.',
      ),
    );
}

/**
 * The units a task is given to in these roles, named or through a group (resolved today), among those
 * the user holds `permission` on: whether the user's own unit is in "Tất cả xã, phường" is asked of
 * that unit, not answered by listing the group's 3,321 communes.
 */
async function linkedUnitPaths(
  ctx: PlanContext,
  itemId: number,
  roles: ('lead' | 'support')[],
  permission: Permission,
) {
  const scope = unitScope(ctx.user.grants, permission, units.path);
  if (scope === false) return [];
  const result = await ctx.db.execute<{
    path: string;
  }>(sql`select units.path from (${assignmentsOn(todayOf(ctx), {
    items: sql`select ${itemId}::int`,
    units: scopeCondition(scope),
  })}) a
    join units on units.id = a.unit_id
    where a.role in (${sql.join(
      roles.map((role) => sql`${role}`),
      sql`, `,
    )})`);
  return result.rows.map((row) => row.path);
}
