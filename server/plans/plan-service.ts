import { and, asc, desc, eq, inArray, isNull, like, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { hasPermissionOn, scopeRoots } from '../../core/auth/roles.ts';
import { AppError, fieldError } from '../../core/errors.ts';
import { type ListResult, parseSort } from '../../core/list.ts';
import { parsePlan } from '../../core/plans/parse-plan.ts';
import type {
  AgencyMatch,
  Cascade,
  CascadeState,
  createChildPlanSchema,
  createPlanSchema,
  ItemStatus,
  PlanDetail,
  PlanItem,
  PlanSummary,
  UnitRef,
  updatePlanItemSchema,
  updatePlanSchema,
} from '../../core/plans/plan-views.ts';
import { blendedProgress, isOverdue, rollUpProgress } from '../../core/plans/progress.ts';
import type { DimensionCode, IndexCode, ParsedPlan, Recurrence } from '../../core/plans/types.ts';
import { todayInVietnam } from '../../core/text/dates.ts';
import { foldVietnamese, searchPattern } from '../../core/text/vietnamese.ts';
import { mutate, type ServiceContext } from '../audit/audit-log.ts';
import { assertPermissionOn } from '../auth/policy.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { todayOf } from '../clock.ts';
import type { DbOrTx, Tx } from '../db/engine.ts';
import { countRows, listTotal, totalOver } from '../db/list-total.ts';
import { agencyAliases, planItems, planItemUnits, plans, planTargets, units } from '../db/schema/index.ts';
import {
  attachEvidence,
  detachEvidence,
  type EvidenceMeta,
  type EvidenceOwner,
  evidenceCounts,
  evidenceFile,
  evidenceMeta,
  listEvidence,
} from '../files/evidence.ts';

export type PlanContext = ServiceContext & { user: SessionUser };

const nameKey = (name: string) => foldVietnamese(name).replace(/\s+/g, ' ').trim();

// ---- Import: parse, then resolve the document's agency names to organisation units ---------------

/** The parsed document and, for every agency it names, the unit it resolves to (if any). */
export async function previewPlan(
  ctx: PlanContext,
  source: string,
): Promise<{ plan: ParsedPlan; agencies: AgencyMatch[] }> {
  if (source.trim().length === 0) throw fieldError('text', 'Văn bản trống: hãy dán nội dung hoặc chọn tệp.');
  const plan = parsePlan(source);
  const names = [...new Set(plan.tasks.flatMap((task) => [...task.lead, ...task.support]))];
  return { plan, agencies: await resolveAgencies(ctx.db, names) };
}

/** A remembered mapping first, then an active unit of exactly that name (ignoring diacritics and case). */
export async function resolveAgencies(db: DbOrTx, names: string[]): Promise<AgencyMatch[]> {
  if (names.length === 0) return [];
  const keys = names.map(nameKey);
  const aliases = await db
    .select({ nameKey: agencyAliases.nameKey, unitId: units.id, unitName: units.name })
    .from(agencyAliases)
    .leftJoin(units, eq(units.id, agencyAliases.unitId))
    .where(inArray(agencyAliases.nameKey, keys));
  const byAlias = new Map(aliases.map((alias) => [alias.nameKey, alias]));
  const sameName = await db
    .select({ id: units.id, name: units.name, nameSearch: units.nameSearch })
    .from(units)
    .where(and(inArray(units.nameSearch, keys), isNull(units.validTo)));
  const byName = new Map<string, UnitRef[]>();
  for (const unit of sameName) byName.set(unit.nameSearch, [...(byName.get(unit.nameSearch) ?? []), unit]);
  return names.map((name, i) => {
    const key = keys[i] ?? '';
    const alias = byAlias.get(key);
    if (alias) {
      const unit = alias.unitId === null ? null : { id: alias.unitId, name: alias.unitName ?? '' };
      return { name, unit, source: 'alias' };
    }
    const candidates = byName.get(key) ?? [];
    // Two active units of one name (two "Phòng Nội vụ"): the person chooses.
    if (candidates.length === 1 && candidates[0]) return { name, unit: candidates[0], source: 'name' };
    return { name, unit: null, source: null };
  });
}

// ---- Create ---------------------------------------------------------------------------------------

type CreatePlanInput = z.output<typeof createPlanSchema>;

interface DraftItem {
  position: number;
  ref: string;
  kind: 'section' | 'task';
  text: string;
  parentRef: string | null;
  task?: CreatePlanInput['tasks'][number];
}

/** Sections and tasks in document order: each section just before the first task under it. */
export function orderItems(input: Pick<CreatePlanInput, 'sections' | 'tasks'>): DraftItem[] {
  const titles = new Map(input.sections.map((section) => [section.ref, section.title]));
  const items: DraftItem[] = [];
  const placed = new Set<string>();
  let nearest: string | null = null;
  for (const task of input.tasks) {
    const parts = task.ref.split('.');
    nearest = null;
    for (let end = 1; end < parts.length; end++) {
      const ref = parts.slice(0, end).join('.');
      if (!titles.has(ref)) continue;
      if (!placed.has(ref)) {
        placed.add(ref);
        items.push({
          position: items.length,
          ref,
          kind: 'section',
          text: titles.get(ref) ?? '',
          parentRef: nearest,
        });
      }
      nearest = ref;
    }
    if (placed.has(task.ref)) throw fieldError('tasks', `Số thứ tự ${task.ref} bị trùng.`);
    placed.add(task.ref);
    items.push({
      position: items.length,
      ref: task.ref,
      kind: 'task',
      text: task.text,
      parentRef: nearest,
      task,
    });
  }
  return items;
}

export async function createPlan(ctx: PlanContext, input: CreatePlanInput): Promise<PlanDetail> {
  const [owner] = await ctx.db.select().from(units).where(eq(units.id, input.unitId));
  if (!owner || owner.validTo !== null)
    throw fieldError('unitId', 'Đơn vị ban hành không tồn tại hoặc đã giải thể.');
  assertPermissionOn(ctx.user, 'plans.write', owner.path);
  if (input.parentPlanId !== null) await getPlanRow(ctx, input.parentPlanId);
  const implemented = [...new Set(input.tasks.flatMap((task) => task.implementsItemId ?? []))];
  if (implemented.length > 0) {
    const found = input.parentPlanId
      ? await ctx.db
          .select({ id: planItems.id })
          .from(planItems)
          .where(and(inArray(planItems.id, implemented), eq(planItems.planId, input.parentPlanId)))
      : [];
    if (found.length !== implemented.length)
      throw fieldError('tasks', 'Nhiệm vụ được thực hiện phải thuộc kế hoạch cấp trên của kế hoạch này.');
  }

  const mapped = new Map<string, number | null>();
  for (const agency of input.agencies) mapped.set(nameKey(agency.name), agency.unitId);
  const unitIds = [...new Set([...mapped.values()].filter((id): id is number => id !== null))];
  if (unitIds.length > 0) {
    const found = await ctx.db
      .select({ id: units.id })
      .from(units)
      .where(and(inArray(units.id, unitIds), isNull(units.validTo)));
    const missing = unitIds.filter((id) => !found.some((unit) => unit.id === id));
    if (missing.length > 0)
      throw fieldError('agencies', 'Có cơ quan được gán cho đơn vị không tồn tại hoặc đã giải thể.');
  }
  const items = orderItems(input);

  const planId = await mutate(ctx, async (tx, audit) => {
    const [plan] = await tx
      .insert(plans)
      .values({
        unitId: owner.id,
        parentPlanId: input.parentPlanId,
        number: input.number,
        type: input.type,
        issuedOn: input.issuedOn,
        place: input.place,
        issuer: input.issuer,
        signer: input.signer,
        title: input.title,
        titleSearch: foldVietnamese(`${input.number ?? ''} ${input.title}`),
        year: input.year,
        indices: input.indices,
        childPlansDue: input.childPlansDue,
        warnings: input.warnings,
        createdBy: ctx.user.userId,
      })
      .returning();
    if (!plan) throw new Error('plan insert returned nothing');
    const ids = await insertItems(tx, plan.id, items);
    const links = items.flatMap((item, i) => {
      const id = ids[i];
      if (!item.task || id === undefined) return [];
      const rows = (names: string[], role: 'lead' | 'support') =>
        names.flatMap((name) => {
          const unitId = mapped.get(nameKey(name));
          return unitId ? [{ itemId: id, unitId, role }] : [];
        });
      return [...rows(item.task.leadNames, 'lead'), ...rows(item.task.supportNames, 'support')];
    });
    const unique = [
      ...new Map(links.map((link) => [`${link.itemId}/${link.unitId}/${link.role}`, link])).values(),
    ];
    if (unique.length > 0) await tx.insert(planItemUnits).values(unique);
    if (input.targets.length > 0)
      await tx.insert(planTargets).values(input.targets.map((target) => ({ planId: plan.id, ...target })));
    await rememberAgencies(tx, input.agencies);
    await audit({
      action: 'plan.create',
      entityType: 'plan',
      entityId: plan.id,
      unitId: owner.id,
      after: {
        number: plan.number,
        title: plan.title,
        year: plan.year,
        tasks: input.tasks.length,
        targets: input.targets.length,
      },
    });
    return plan.id;
  });
  return getPlan(ctx, planId);
}

/** Inserts the items in one statement, then links each to its parent section in a second. */
async function insertItems(tx: Tx, planId: number, items: DraftItem[]): Promise<number[]> {
  const rows = await tx
    .insert(planItems)
    .values(
      items.map((item) => ({
        planId,
        position: item.position,
        ref: item.ref,
        kind: item.kind,
        text: item.text,
        textSearch: foldVietnamese(`${item.ref} ${item.text}`),
        indexCode: item.task?.index ?? null,
        criterionCode: item.task?.dimension ?? null,
        leadNames: item.task?.leadNames ?? [],
        supportNames: item.task?.supportNames ?? [],
        due: item.task?.due ?? null,
        recurrence: item.task?.recurrence ?? null,
        implementsItemId: item.task?.implementsItemId ?? null,
      })),
    )
    .returning({ id: planItems.id, position: planItems.position });
  const idAt = new Map(rows.map((row) => [row.position, row.id]));
  const idOfRef = new Map(items.map((item) => [item.ref, idAt.get(item.position)]));
  const parents = items.flatMap((item) => {
    const id = idAt.get(item.position);
    const parentId = item.parentRef === null ? undefined : idOfRef.get(item.parentRef);
    return id !== undefined && parentId !== undefined ? [sql`(${id}::int, ${parentId}::int)`] : [];
  });
  if (parents.length > 0) {
    await tx.execute(sql`update plan_items set parent_id = v.parent_id
      from (values ${sql.join(parents, sql`, `)}) as v(id, parent_id) where plan_items.id = v.id`);
  }
  return items.map((item) => idAt.get(item.position) ?? -1);
}

async function rememberAgencies(tx: Tx, agencies: CreatePlanInput['agencies']): Promise<void> {
  const rows = [...new Map(agencies.map((agency) => [nameKey(agency.name), agency])).entries()].map(
    ([key, agency]) => ({ nameKey: key, name: agency.name, unitId: agency.unitId }),
  );
  if (rows.length === 0) return;
  await tx
    .insert(agencyAliases)
    .values(rows)
    .onConflictDoUpdate({
      target: agencyAliases.nameKey,
      set: { unitId: sql`excluded.unit_id`, name: sql`excluded.name`, updatedAt: new Date() },
    });
}

// ---- Read -----------------------------------------------------------------------------------------

async function getPlanRow(ctx: PlanContext, id: number) {
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

export async function getPlan(ctx: PlanContext, id: number): Promise<PlanDetail> {
  const { plan, unitName } = await getPlanRow(ctx, id);
  const rows = await ctx.db
    .select()
    .from(planItems)
    .where(eq(planItems.planId, id))
    .orderBy(asc(planItems.position));
  const links = rows.length
    ? await ctx.db
        .select({ itemId: planItemUnits.itemId, role: planItemUnits.role, id: units.id, name: units.name })
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
  const targets = await ctx.db
    .select()
    .from(planTargets)
    .where(eq(planTargets.planId, id))
    .orderBy(asc(planTargets.id));
  const today = todayOf(ctx);
  const evidence = await itemEvidenceCounts(
    ctx.db,
    rows.map((row) => row.id),
  );
  const items = rows.map((row) => presentItem(row, links, today, evidence));
  const implementations = await implementationProgress(
    ctx.db,
    items.filter((item) => item.kind === 'task').map((item) => item.id),
  );
  for (const item of items)
    item.progress = blendedProgress(item.progress, implementations.get(item.id) ?? null, plan.leadShare);
  const { byId, plan: progress } = rollUpProgress(items);
  for (const item of items) item.progress = byId.get(item.id) ?? item.progress;
  return {
    ...presentPlan(plan, unitName),
    taskCount: items.filter((item) => item.kind === 'task').length,
    overdueCount: items.filter((item) => item.overdue).length,
    progress,
    childPlansDue: plan.childPlansDue,
    leadShare: plan.leadShare,
    warnings: plan.warnings,
    items,
    targets: targets.map((target) => ({
      id: target.id,
      ref: target.ref,
      text: target.text,
      op: target.op,
      value: target.value,
      unit: target.unit,
      level: target.level as 'province' | 'district' | 'commune' | null,
    })),
    version: plan.version,
  };
}

type PlanRow = typeof plans.$inferSelect;
type ItemRow = typeof planItems.$inferSelect;

function presentPlan(plan: PlanRow, unitName: string) {
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
    createdAt: plan.createdAt.toISOString(),
  };
}

function presentItem(
  row: ItemRow,
  links: { itemId: number; role: string; id: number; name: string }[],
  today: string,
  evidence: Map<number, number>,
): PlanItem {
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
    leadNames: row.leadNames,
    supportNames: row.supportNames,
    due: row.due,
    recurrence: row.recurrence as Recurrence | null,
    status,
    progress: row.status === 'done' ? 100 : row.progress,
    reportedProgress: row.progress,
    weight: row.weight,
    overdue: isOverdue({ kind, status, due: row.due }, today),
    note: row.note,
    implementsItemId: row.implementsItemId,
    evidenceCount: evidence.get(row.id) ?? 0,
    version: row.version,
  };
}

/** Mean progress of the tasks in units' plans that carry out each task (cancelled ones left out). */
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
    .where(and(inArray(planItems.implementsItemId, taskIds), sql`${planItems.status} <> 'cancelled'`))
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
  const roots = scopeRoots(ctx.user.grants, 'plans.read');
  const conditions: (SQL | undefined)[] = [
    roots.includes('/') ? undefined : or(...roots.map((root) => like(units.path, `${root}%`)), sql`false`),
  ];
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
          progress: blendedProgress(
            item.status === 'done' ? 100 : item.progress,
            implementations.get(item.id) ?? null,
            plan.leadShare,
          ),
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

// ---- Update a task: status, progress, deadline, assignment ----------------------------------------

type UpdateItemInput = z.output<typeof updatePlanItemSchema>;

/**
 * The item of a plan, if the user may report on it: whoever writes the plan (and may then change
 * anything), or a reporter of a unit that leads the item (status, progress, note, evidence).
 */
async function itemForReport(ctx: PlanContext, planId: number, itemId: number) {
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

/**
 * Whoever may write the plan changes anything; a reporter of a unit that leads the task may report its
 * status, progress and note, nothing else.
 */
export async function updatePlanItem(
  ctx: PlanContext,
  planId: number,
  itemId: number,
  input: UpdateItemInput,
): Promise<PlanItem> {
  const { item, canWrite } = await itemForReport(ctx, planId, itemId);
  if (
    !canWrite &&
    (input.due !== undefined || input.leadUnitIds !== undefined || input.supportUnitIds !== undefined)
  )
    throw new AppError('FORBIDDEN', 'Chỉ cán bộ điều phối được đổi thời hạn hoặc đơn vị thực hiện.');
  if (item.kind !== 'task' && (input.status !== undefined || input.progress !== undefined))
    throw fieldError('status', 'Tiến độ của mục lớn được tính từ các nhiệm vụ bên trong.');
  const newUnitIds = [...(input.leadUnitIds ?? []), ...(input.supportUnitIds ?? [])];
  if (newUnitIds.length > 0) {
    const found = await ctx.db
      .select({ id: units.id })
      .from(units)
      .where(and(inArray(units.id, newUnitIds), isNull(units.validTo)));
    if (found.length !== new Set(newUnitIds).size)
      throw fieldError('leadUnitIds', 'Đơn vị không tồn tại hoặc đã giải thể.');
  }

  await mutate(ctx, async (tx, audit) => {
    const status = input.status ?? (input.progress === 100 ? 'done' : undefined);
    const progress = input.progress ?? (input.status === 'done' ? 100 : undefined);
    const [updated] = await tx
      .update(planItems)
      .set({
        ...(status !== undefined && { status }),
        ...(progress !== undefined && { progress }),
        ...(input.due !== undefined && { due: input.due }),
        ...(input.weight !== undefined && { weight: input.weight }),
        ...(input.note !== undefined && { note: input.note }),
        version: sql`${planItems.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(planItems.id, itemId), eq(planItems.version, input.version)))
      .returning();
    if (!updated) throw new AppError('CONFLICT');
    const before: Record<string, unknown> = {
      status: item.status,
      progress: item.progress,
      weight: item.weight,
      due: item.due,
      note: item.note,
    };
    const after: Record<string, unknown> = {
      status: updated.status,
      progress: updated.progress,
      weight: updated.weight,
      due: updated.due,
      note: updated.note,
    };
    for (const [role, ids] of [
      ['lead', input.leadUnitIds],
      ['support', input.supportUnitIds],
    ] as const) {
      if (ids === undefined) continue;
      const old = await tx
        .delete(planItemUnits)
        .where(and(eq(planItemUnits.itemId, itemId), eq(planItemUnits.role, role)))
        .returning({ unitId: planItemUnits.unitId });
      const unique = [...new Set(ids)];
      if (unique.length > 0)
        await tx.insert(planItemUnits).values(unique.map((unitId) => ({ itemId, unitId, role })));
      before[`${role}UnitIds`] = old.map((row) => row.unitId).sort((a, b) => a - b);
      after[`${role}UnitIds`] = [...unique].sort((a, b) => a - b);
    }
    await audit({
      action: 'plan.item.update',
      entityType: 'plan_item',
      entityId: itemId,
      before,
      after,
    });
  });
  const plan = await getPlan(ctx, planId);
  const updated = plan.items.find((entry) => entry.id === itemId);
  if (!updated) throw new AppError('NOT_FOUND');
  return updated;
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

/** Tasks led by a unit in the user's scope (or by `unitId` and its subtree), from every plan. */
export async function findTasks(ctx: PlanContext, query: FindTasksQuery): Promise<ListResult<TaskRow>> {
  const roots = scopeRoots(ctx.user.grants, 'plans.read');
  const today = todayOf(ctx);
  const inScope = roots.includes('/')
    ? sql`true`
    : (or(...roots.map((root) => like(units.path, `${root}%`)), sql`false`) as SQL);
  let unitCondition: SQL = inScope;
  if (query.unitId) {
    const [unit] = await ctx.db.select({ path: units.path }).from(units).where(eq(units.id, query.unitId));
    if (!unit) throw fieldError('unitId', 'Đơn vị không tồn tại.');
    unitCondition = and(inScope, like(units.path, `${unit.path}%`)) as SQL;
  }
  const led = ctx.db
    .selectDistinct({ itemId: planItemUnits.itemId })
    .from(planItemUnits)
    .innerJoin(units, eq(units.id, planItemUnits.unitId))
    .where(and(eq(planItemUnits.role, 'lead'), unitCondition));
  const conditions: (SQL | undefined)[] = [eq(planItems.kind, 'task'), inArray(planItems.id, led)];
  if (query.q) {
    const folded = searchPattern(query.q);
    conditions.push(like(planItems.textSearch, folded));
  }
  if (query.dimension) conditions.push(eq(planItems.criterionCode, query.dimension));
  if (query.status) conditions.push(eq(planItems.status, query.status));
  if (query.overdue)
    conditions.push(sql`${planItems.due} < ${today} and ${planItems.status} not in ('done', 'cancelled')`);
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
  return {
    items: rows.map((row) => ({
      ...presentItem(row.item, links, today, evidence),
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
  if (!unit || unit.validTo !== null) throw fieldError('unitId', 'Đơn vị không tồn tại hoặc đã giải thể.');
  assertPermissionOn(ctx.user, 'plans.write', unit.path);
  const [existing] = await ctx.db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.parentPlanId, parentId), eq(plans.unitId, unit.id)));
  if (existing)
    throw new AppError('CONFLICT', `${unit.name} đã có kế hoạch thực hiện kế hoạch này (số ${existing.id}).`);
  const subtree = new Set(
    (
      await ctx.db
        .select({ id: units.id })
        .from(units)
        .where(like(units.path, `${unit.path}%`))
    ).map((row) => row.id),
  );
  const given = parent.items.filter(
    (item) => item.kind === 'task' && [...item.lead, ...item.support].some((link) => subtree.has(link.id)),
  );
  if (given.length === 0)
    throw fieldError('unitId', 'Kế hoạch cấp trên chưa giao nhiệm vụ nào cho đơn vị này.');
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
    place: parent.place,
    issuer: unit.name,
    signer: unit.headName,
    title:
      input.title ??
      `Thực hiện Kế hoạch ${parent.number ?? ''} ${parent.title.charAt(0).toLowerCase()}${parent.title.slice(1)}`
        .replace(/\s+/g, ' ')
        .trim(),
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
    })),
    targets: [],
    warnings: [],
    agencies: [{ name: unit.name, unitId: unit.id }],
    childPlansDue: null,
  });
}

/** Who was asked for a plan (the units that lead tasks), who answered and when, and what nobody took up. */
export async function getCascade(ctx: PlanContext, planId: number): Promise<Cascade> {
  const plan = await getPlan(ctx, planId);
  const children = await ctx.db
    .select({
      id: plans.id,
      unitId: plans.unitId,
      unitName: units.name,
      createdAt: plans.createdAt,
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
  for (const child of children)
    if (!asked.has(child.unitId))
      asked.set(child.unitId, { unit: { id: child.unitId, name: child.unitName }, assignedTasks: 0 });
  const today = todayOf(ctx);
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
  return {
    childPlansDue: due,
    units: [...asked.values()]
      .map(({ unit, assignedTasks }) => {
        const child = children.find((entry) => entry.unitId === unit.id);
        const submittedOn = child ? todayInVietnam(child.createdAt) : null;
        const state: CascadeState = child
          ? due && submittedOn && submittedOn > due
            ? 'late'
            : 'submitted'
          : due && today > due
            ? 'missing'
            : 'pending';
        return {
          unit,
          state,
          plan: child
            ? { id: child.id, createdAt: child.createdAt.toISOString(), taskCount: child.taskCount }
            : null,
          assignedTasks,
        };
      })
      .sort((a, b) => collator.compare(a.unit.name, b.unit.name)),
    untakenTasks: tasks
      .filter((task) => !taken.has(task.id))
      .map((task) => ({ id: task.id, ref: task.ref, text: task.text, lead: task.lead })),
  };
}

type UpdatePlanInput = z.output<typeof updatePlanSchema>;

/** The plan's own settings: by when units must answer it, and whether it is still running. */
export async function updatePlan(
  ctx: PlanContext,
  planId: number,
  input: UpdatePlanInput,
): Promise<PlanDetail> {
  const { plan, unitPath } = await getPlanRow(ctx, planId);
  assertPermissionOn(ctx.user, 'plans.write', unitPath);
  await mutate(ctx, async (tx, audit) => {
    const [updated] = await tx
      .update(plans)
      .set({
        ...(input.childPlansDue !== undefined && { childPlansDue: input.childPlansDue }),
        ...(input.status !== undefined && { status: input.status }),
        ...(input.leadShare !== undefined && { leadShare: input.leadShare }),
        version: sql`${plans.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(plans.id, planId), eq(plans.version, input.version)))
      .returning();
    if (!updated) throw new AppError('CONFLICT');
    await audit({
      action: 'plan.update',
      entityType: 'plan',
      entityId: planId,
      unitId: plan.unitId,
      before: { childPlansDue: plan.childPlansDue, status: plan.status, leadShare: plan.leadShare },
      after: { childPlansDue: updated.childPlansDue, status: updated.status, leadShare: updated.leadShare },
    });
  });
  return getPlan(ctx, planId);
}

// ---- Evidence: files attached to a task ------------------------------------------------------------

const taskOwner = (itemId: number): EvidenceOwner => ({ type: 'plan_item', key: String(itemId) });

/** The lead unit (or whoever writes the plan) attaches a file to a task. */
export async function addEvidence(
  ctx: PlanContext,
  planId: number,
  itemId: number,
  file: { fileName: string; data: Buffer },
): Promise<EvidenceMeta> {
  const { item } = await itemForReport(ctx, planId, itemId);
  if (item.kind !== 'task') throw fieldError('file', 'Chỉ đính kèm minh chứng cho nhiệm vụ.');
  const id = await mutate(ctx, (tx, audit) =>
    attachEvidence(tx, audit, taskOwner(itemId), file, ctx.user.userId),
  );
  return evidenceMeta(ctx.db, taskOwner(itemId), id);
}

export async function listTaskEvidence(
  ctx: PlanContext,
  planId: number,
  itemId: number,
): Promise<EvidenceMeta[]> {
  await planItemOf(ctx, planId, itemId);
  return listEvidence(ctx.db, taskOwner(itemId));
}

export async function getEvidenceFile(ctx: PlanContext, planId: number, itemId: number, evidenceId: number) {
  await planItemOf(ctx, planId, itemId);
  return evidenceFile(ctx.db, taskOwner(itemId), evidenceId);
}

export async function removeEvidence(ctx: PlanContext, planId: number, itemId: number, evidenceId: number) {
  await itemForReport(ctx, planId, itemId);
  await mutate(ctx, (tx, audit) => detachEvidence(tx, audit, taskOwner(itemId), evidenceId));
}

/** An item of a plan the user may read. */
async function planItemOf(ctx: PlanContext, planId: number, itemId: number) {
  await getPlanRow(ctx, planId);
  const [item] = await ctx.db
    .select({ id: planItems.id })
    .from(planItems)
    .where(and(eq(planItems.id, itemId), eq(planItems.planId, planId)));
  if (!item) throw new AppError('NOT_FOUND');
}
