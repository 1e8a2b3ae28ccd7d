import { and, asc, desc, eq, inArray, like, type SQL, sql } from 'drizzle-orm';
import { hasPermissionOn } from '../../core/auth/roles.ts';
import { fieldError, msg } from '../../core/errors.ts';
import { type ListResult, parseSort } from '../../core/list.ts';
import type { ItemStatus, PlanDetail, PlanItem, PlanSummary } from '../../core/plans/plan-views.ts';
import { blendedProgress, isOverdue, rollUpProgress, taskProgress } from '../../core/plans/progress.ts';
import type { DimensionCode, IndexCode, Recurrence } from '../../core/plans/types.ts';
import { searchPattern } from '../../core/text/vietnamese.ts';
import { scopeCondition, unitScope } from '../auth/scope.ts';
import { todayOf } from '../clock.ts';
import type { DbOrTx } from '../db/engine.ts';
import { countRows, listTotal, totalOver } from '../db/list-total.ts';
import { assessmentRounds, planItems, planItemUnits, plans, planTargets, units } from '../db/schema/index.ts';
import { evidenceCounts } from '../files/evidence.ts';
import { groupMembersOfItems, groupsOfItems, type ItemGroup } from '../units/unit-group-resolver.ts';
import {
  assertReadsPlan,
  canChangePlan,
  canIssuePlan,
  canReadItemEvidence,
  canReadPlanInFull,
  isPlanEditable,
  type PlanContext,
  readablePlans,
} from './plan-access.ts';
import { presentTarget } from './plan-targets.ts';
import { itemsAnsweredFor, overdueCondition } from './task-responsibility.ts';

// ---- Read -----------------------------------------------------------------------------------------

export async function getPlan(ctx: PlanContext, id: number): Promise<PlanDetail> {
  const { plan, unitName, unitPath } = await assertReadsPlan(ctx, id);
  const today = todayOf(ctx);
  const { rows, links, groups } = await planItemRows(ctx.db, id, today);
  const targets = await ctx.db
    .select()
    .from(planTargets)
    .where(eq(planTargets.planId, id))
    .orderBy(asc(planTargets.id));
  const itemIds = rows.map((row) => row.id);
  // Counted only for the tasks whose files the reader may open (others show 0, as if it had none):
  // through a group, that is one of the reader's own units being a member, asked of those units alone.
  const linkedPaths = new Map<number, string[]>();
  const members = canReadPlanInFull(ctx.user, unitPath)
    ? []
    : await groupMembersOfItems(
        ctx.db,
        itemIds,
        today,
        scopeCondition(unitScope(ctx.user.grants, 'plans.read', units.path)),
      );
  for (const link of [
    ...links,
    ...members.map((member) => ({ itemId: member.itemId, path: member.unitPath })),
  ])
    linkedPaths.set(link.itemId, [...(linkedPaths.get(link.itemId) ?? []), link.path]);
  const readableIds = rows
    .filter((row) => canReadItemEvidence(ctx.user, unitPath, linkedPaths.get(row.id) ?? []))
    .map((row) => row.id);
  const evidence = await itemEvidenceCounts(ctx.db, readableIds);
  const { items, progress } = await itemsWithProgress(ctx.db, plan, { rows, links, groups }, today, evidence);
  const canWrite = canChangePlan(ctx.user, unitPath);
  const leadPaths = (itemId: number) =>
    links.filter((link) => link.itemId === itemId && link.role === 'lead').map((link) => link.path);
  const [parentPlan] = plan.parentPlanId
    ? await ctx.db
        .select({ id: plans.id, number: plans.number, type: plans.type, title: plans.title })
        .from(plans)
        .where(eq(plans.id, plan.parentPlanId))
    : [];
  const [remediatesRound] = plan.remediatesRoundId
    ? await ctx.db
        .select({ id: assessmentRounds.id, name: assessmentRounds.name, year: assessmentRounds.year })
        .from(assessmentRounds)
        .where(eq(assessmentRounds.id, plan.remediatesRoundId))
    : [];
  return {
    ...presentPlan(plan, unitName),
    parentPlan: parentPlan ?? null,
    parts: plan.parts ?? null,
    remediatesRound: remediatesRound ?? null,
    access: {
      write: canWrite,
      issue: canIssuePlan(ctx.user, unitPath),
      edit: canWrite && isPlanEditable(plan),
      reportItemIds: items
        .filter(
          (item) =>
            item.kind === 'task' &&
            (canWrite ||
              leadPaths(item.id).some((path) => hasPermissionOn(ctx.user.grants, 'plans.report', path))),
        )
        .map((item) => item.id),
    },
    taskCount: items.filter((item) => item.kind === 'task').length,
    overdueCount: items.filter((item) => item.overdue).length,
    progress,
    childPlansDue: plan.childPlansDue,
    leadShare: plan.leadShare,
    warnings: plan.warnings,
    items,
    targets: targets.map(presentTarget),
    version: plan.version,
  };
}

/** A plan's items in document order, the units named on them and the groups they are given to. */
export async function planItemRows(db: DbOrTx, planId: number, today: string) {
  const rows = await db
    .select()
    .from(planItems)
    .where(eq(planItems.planId, planId))
    .orderBy(asc(planItems.position));
  const links = rows.length
    ? await db
        .select({
          itemId: planItemUnits.itemId,
          role: planItemUnits.role,
          id: units.id,
          name: units.name,
          path: units.path,
        })
        .from(planItemUnits)
        .innerJoin(units, eq(units.id, planItemUnits.unitId))
        .where(
          inArray(
            planItemUnits.itemId,
            rows.map((row) => row.id),
          ),
        )
        .orderBy(sql`${units.name} collate vi`)
    : [];
  const groups = await groupsOfItems(
    db,
    rows.map((row) => row.id),
    today,
  );
  return { rows, links, groups };
}

/**
 * The items as the plan shows them, each task's progress blended with the units' own plans that carry
 * it out and rolled up the sections: the one computation behind the plan page and the public site.
 */
export async function itemsWithProgress(
  db: DbOrTx,
  plan: PlanRow,
  { rows, links, groups }: Awaited<ReturnType<typeof planItemRows>>,
  today: string,
  evidence: Map<number, number>,
) {
  const items = rows.map((row) => presentItem(row, links, today, evidence, groups));
  const implementations = await implementationProgress(
    db,
    items.filter((item) => item.kind === 'task').map((item) => item.id),
  );
  for (const item of items)
    item.progress = blendedProgress(item.progress, implementations.get(item.id) ?? null, plan.leadShare);
  const { byId, plan: progress } = rollUpProgress(items);
  for (const item of items) item.progress = byId.get(item.id) ?? item.progress;
  return { items, progress };
}

type PlanRow = typeof plans.$inferSelect;
type ItemRow = typeof planItems.$inferSelect;

export function presentPlan(plan: PlanRow, unitName: string) {
  return {
    id: plan.id,
    number: plan.number,
    type: plan.type,
    issuedOn: plan.issuedOn,
    place: plan.place,
    issuer: plan.issuer,
    signer: plan.signer,
    title: plan.title,
    year: plan.year,
    indices: plan.indices as IndexCode[],
    unit: { id: plan.unitId, name: unitName },
    parentPlanId: plan.parentPlanId,
    status: plan.status as PlanSummary['status'],
    issuedAt: plan.issuedAt?.toISOString() ?? null,
    publishedAt: plan.publishedAt?.toISOString() ?? null,
    createdAt: plan.createdAt.toISOString(),
  };
}

function presentItem(
  row: ItemRow,
  links: { itemId: number; role: string; id: number; name: string }[],
  today: string,
  evidence: Map<number, number>,
  groups: ItemGroup[],
): PlanItem {
  const groupsOf = (role: string) =>
    groups.filter((entry) => entry.itemId === row.id && entry.role === role).map((entry) => entry.group);
  const unitsOf = (role: string) =>
    links
      .filter((link) => link.itemId === row.id && link.role === role)
      .map(({ id, name }) => ({ id, name }));
  const kind = row.kind as PlanItem['kind'];
  const status = row.status as ItemStatus;
  return {
    id: row.id,
    parentId: row.parentId,
    ref: row.ref,
    kind,
    text: row.text,
    index: row.indexCode as IndexCode | null,
    dimension: row.criterionCode as DimensionCode | null,
    lead: unitsOf('lead'),
    support: unitsOf('support'),
    leadGroups: groupsOf('lead'),
    supportGroups: groupsOf('support'),
    leadNames: row.leadNames,
    supportNames: row.supportNames,
    due: row.due,
    recurrence: row.recurrence as Recurrence | null,
    status,
    progress: taskProgress(row),
    reportedProgress: row.progress,
    weight: row.weight,
    overdue: isOverdue({ kind, status, due: row.due }, today),
    note: row.note,
    implementsItemId: row.implementsItemId,
    remedies: row.remediesCriterion,
    evidenceCount: evidence.get(row.id) ?? 0,
    version: row.version,
  };
}

/**
 * Mean progress of the tasks in units' issued plans that carry out each task (cancelled tasks and
 * drafts left out: a draft is not yet the unit's commitment).
 */
async function implementationProgress(db: DbOrTx, taskIds: number[]): Promise<Map<number, number>> {
  if (taskIds.length === 0) return new Map();
  const rows = await db
    .select({
      taskId: planItems.implementsItemId,
      mean: sql<number>`avg(case when ${planItems.status} = 'done' then 100 else ${planItems.progress} end)`.mapWith(
        Number,
      ),
    })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(
      and(
        inArray(planItems.implementsItemId, taskIds),
        sql`${planItems.status} <> 'cancelled'`,
        sql`${plans.status} <> 'draft'`,
      ),
    )
    .groupBy(planItems.implementsItemId);
  return new Map(rows.flatMap((row) => (row.taskId === null ? [] : [[row.taskId, row.mean] as const])));
}

/** How many evidence files each item has. */
async function itemEvidenceCounts(db: DbOrTx, itemIds: number[]): Promise<Map<number, number>> {
  const counts = await evidenceCounts(db, 'plan_item', itemIds.map(String));
  return new Map([...counts].map(([key, n]) => [Number(key), n]));
}

export interface FindPlansQuery {
  page: number;
  perPage: number;
  sort: string;
  q?: string | undefined;
  year?: number | undefined;
  unitId?: number | undefined;
}

const PLAN_SORTS = {
  createdAt: plans.createdAt,
  issuedOn: plans.issuedOn,
  year: plans.year,
  title: sql`${plans.title} collate vi`,
} as const;

export async function findPlans(ctx: PlanContext, query: FindPlansQuery): Promise<ListResult<PlanSummary>> {
  const conditions: (SQL | undefined)[] = [readablePlans(ctx)];
  if (query.q) {
    const folded = searchPattern(query.q);
    conditions.push(like(plans.titleSearch, folded));
  }
  if (query.year) conditions.push(eq(plans.year, query.year));
  if (query.unitId) conditions.push(eq(plans.unitId, query.unitId));
  const where = and(...conditions);
  const { field, direction } = parseSort(query.sort);
  const column = PLAN_SORTS[(field in PLAN_SORTS ? field : 'createdAt') as keyof typeof PLAN_SORTS];
  const rows = await ctx.db
    .select({ plan: plans, unitName: units.name, total: totalOver() })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(where)
    .orderBy(direction === 'asc' ? asc(column) : desc(column), desc(plans.id))
    .limit(query.perPage)
    .offset((query.page - 1) * query.perPage);
  const ids = rows.map((row) => row.plan.id);
  const items = ids.length
    ? await ctx.db
        .select({
          id: planItems.id,
          planId: planItems.planId,
          parentId: planItems.parentId,
          kind: planItems.kind,
          status: planItems.status,
          progress: planItems.progress,
          weight: planItems.weight,
          due: planItems.due,
        })
        .from(planItems)
        .where(inArray(planItems.planId, ids))
    : [];
  const today = todayOf(ctx);
  const implementations = await implementationProgress(
    ctx.db,
    items.filter((item) => item.kind === 'task').map((item) => item.id),
  );
  const total = await listTotal(rows, query, () =>
    ctx.db.select({ n: countRows() }).from(plans).innerJoin(units, eq(units.id, plans.unitId)).where(where),
  );
  return {
    items: rows.map(({ plan, unitName }) => {
      const own = items
        .filter((item) => item.planId === plan.id)
        .map((item) => ({
          ...item,
          kind: item.kind as PlanItem['kind'],
          status: item.status as ItemStatus,
          progress: blendedProgress(taskProgress(item), implementations.get(item.id) ?? null, plan.leadShare),
        }));
      return {
        ...presentPlan(plan, unitName),
        taskCount: own.filter((item) => item.kind === 'task').length,
        overdueCount: own.filter((item) => isOverdue(item, today)).length,
        progress: rollUpProgress(own).plan,
      };
    }),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}

// ---- Tasks across plans: my unit's, overdue, by dimension, by unit ---------------------------------

export interface FindTasksQuery {
  page: number;
  perPage: number;
  sort: string;
  q?: string | undefined;
  unitId?: number | undefined;
  dimension?: string | undefined;
  status?: ItemStatus | undefined;
  overdue?: boolean | undefined;
  /** Due on or before this ISO date (a calendar month, a week). */
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
}

export type TaskRow = PlanItem & { plan: { id: number; number: string | null; title: string } };

const TASK_SORTS = { due: planItems.due, ref: planItems.ref, progress: planItems.progress } as const;

/**
 * Tasks a unit in the user's scope (or `unitId` and its subtree) answers for, from every plan: those it
 * leads, and those with no lead of the plans it issued (taskResponsibility).
 */
export async function findTasks(ctx: PlanContext, query: FindTasksQuery): Promise<ListResult<TaskRow>> {
  const today = todayOf(ctx);
  const inScope = scopeCondition(unitScope(ctx.user.grants, 'plans.read', units.path));
  let unitCondition: SQL = inScope;
  if (query.unitId) {
    const [unit] = await ctx.db.select({ path: units.path }).from(units).where(eq(units.id, query.unitId));
    if (!unit) throw fieldError('unitId', msg('Đơn vị không tồn tại.', 'The unit does not exist.'));
    unitCondition = and(inScope, like(units.path, `${unit.path}%`)) as SQL;
  }
  // Led by it, named or through a group ("UBND cấp xã": on every commune's list); unled: its issuer's.
  const led = itemsAnsweredFor(today, unitCondition);
  const conditions: (SQL | undefined)[] = [eq(planItems.kind, 'task'), inArray(planItems.id, led)];
  if (query.q) {
    const folded = searchPattern(query.q);
    conditions.push(like(planItems.textSearch, folded));
  }
  if (query.dimension) conditions.push(eq(planItems.criterionCode, query.dimension));
  if (query.status) conditions.push(eq(planItems.status, query.status));
  if (query.overdue) conditions.push(overdueCondition(today));
  if (query.dueFrom) conditions.push(sql`${planItems.due} >= ${query.dueFrom}`);
  if (query.dueTo) conditions.push(sql`${planItems.due} <= ${query.dueTo}`);
  const { field, direction } = parseSort(query.sort);
  const column = TASK_SORTS[(field in TASK_SORTS ? field : 'due') as keyof typeof TASK_SORTS];
  const rows = await ctx.db
    .select({
      item: planItems,
      planNumber: plans.number,
      planTitle: plans.title,
      total: totalOver(),
    })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(and(...conditions))
    .orderBy(
      direction === 'asc' ? sql`${column} asc nulls last` : sql`${column} desc nulls last`,
      asc(planItems.id),
    )
    .limit(query.perPage)
    .offset((query.page - 1) * query.perPage);
  const links = rows.length
    ? await ctx.db
        .select({ itemId: planItemUnits.itemId, role: planItemUnits.role, id: units.id, name: units.name })
        .from(planItemUnits)
        .innerJoin(units, eq(units.id, planItemUnits.unitId))
        .where(
          inArray(
            planItemUnits.itemId,
            rows.map((row) => row.item.id),
          ),
        )
    : [];
  const evidence = await itemEvidenceCounts(
    ctx.db,
    rows.map((row) => row.item.id),
  );
  const groups = await groupsOfItems(
    ctx.db,
    rows.map((row) => row.item.id),
    today,
  );
  return {
    items: rows.map((row) => ({
      ...presentItem(row.item, links, today, evidence, groups),
      plan: { id: row.item.planId, number: row.planNumber, title: row.planTitle },
    })),
    page: query.page,
    perPage: query.perPage,
    total: await listTotal(rows, query, () =>
      ctx.db
        .select({ n: countRows() })
        .from(planItems)
        .where(and(...conditions)),
    ),
  };
}
