import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { hasInstallationPermission } from '../../core/auth/roles.ts';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { parsePlan } from '../../core/plans/parse-plan.ts';
import type {
  AgencyMatch,
  createPlanSchema,
  PlanDetail,
  PlanItem,
  updatePlanItemSchema,
} from '../../core/plans/plan-views.ts';
import type { ParsedPlan } from '../../core/plans/types.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import type { GroupKey } from '../../core/units/groups.ts';
import { assertResultsVisible } from '../assessment/assessment-access.ts';
import { mutate } from '../audit/audit-log.ts';
import { assertPermissionOn } from '../auth/policy.ts';
import { nowOf, todayOf } from '../clock.ts';
import type { Tx } from '../db/engine.ts';
import { agencyAliases, planItems, planItemUnits, plans, planTargets, units } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { leadsOn, notifyChildPlansAsked, notifyTasksAssigned } from '../notifications/plan-notifications.ts';
import {
  assertAssignable,
  assertReadsPlan,
  assertReportsItem,
  isPlanEditable,
  type PlanContext,
} from './plan-access.ts';
import { aliasKey as nameKey, planAgencies } from './plan-agencies.ts';
import { assertGroupsUsable, insertItemGroups, replaceItemGroups } from './plan-groups.ts';
import { getPlan } from './plan-queries.ts';

// ---- Import: parse, then resolve the document's agency names to organisation units ---------------

/** The parsed document and, for every agency it names, the unit it resolves to (if any). */
export async function previewPlan(
  ctx: PlanContext,
  source: string,
): Promise<{ plan: ParsedPlan; agencies: AgencyMatch[] }> {
  if (source.trim().length === 0)
    throw fieldError(
      'text',
      msg(
        'Văn bản trống: hãy dán nội dung hoặc chọn tệp.',
        'The text is empty: paste the content or choose a file.',
      ),
    );
  const plan = parsePlan(source);
  return { plan, agencies: await planAgencies(ctx, plan) };
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
    if (placed.has(task.ref))
      throw fieldError('tasks', msg(`Số thứ tự ${task.ref} bị trùng.`, `Number ${task.ref} is repeated.`));
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
    throw fieldError(
      'unitId',
      msg(
        'Đơn vị ban hành không tồn tại hoặc đã giải thể.',
        'The issuing unit does not exist or has been dissolved.',
      ),
    );
  assertPermissionOn(ctx.user, 'plans.write', owner.path);
  if (input.parentPlanId !== null) await assertReadsPlan(ctx, input.parentPlanId);
  // A remediation plan answers a round whose results the writer may read.
  if (input.remediatesRoundId !== null) await assertResultsVisible(ctx, input.remediatesRoundId);
  const implemented = [...new Set(input.tasks.flatMap((task) => task.implementsItemId ?? []))];
  if (implemented.length > 0) {
    const found = input.parentPlanId
      ? await ctx.db
          .select({ id: planItems.id })
          .from(planItems)
          .where(and(inArray(planItems.id, implemented), eq(planItems.planId, input.parentPlanId)))
      : [];
    if (found.length !== implemented.length)
      throw fieldError(
        'tasks',
        msg(
          'Nhiệm vụ được thực hiện phải thuộc kế hoạch cấp trên của kế hoạch này.',
          'Tasks carried out must belong to this plan’s higher-level plan.',
        ),
      );
  }

  // Each name of the document → the units it is given to: one, or a district's successor communes.
  const mapped = new Map<string, number[]>();
  for (const agency of input.agencies)
    mapped.set(nameKey(agency.name), [
      ...new Set([...(agency.unitId ? [agency.unitId] : []), ...agency.unitIds]),
    ]);
  const unitIds = [...new Set([...mapped.values()].flat())];
  if (unitIds.length > 0) {
    const found = await ctx.db
      .select({ id: units.id })
      .from(units)
      .where(and(inArray(units.id, unitIds), isNull(units.validTo)));
    const missing = unitIds.filter((id) => !found.some((unit) => unit.id === id));
    if (missing.length > 0)
      throw fieldError(
        'agencies',
        msg(
          'Có cơ quan được gán cho đơn vị không tồn tại hoặc đã giải thể.',
          'An agency is mapped to a unit that does not exist or has been dissolved.',
        ),
      );
  }
  await assertAssignable(ctx, owner.path, unitIds);
  const groupOf = new Map<string, GroupKey>();
  for (const agency of input.agencies)
    if (agency.groupKey && agency.unitId === null && agency.unitIds.length === 0)
      groupOf.set(nameKey(agency.name), agency.groupKey);
  await assertGroupsUsable(ctx, owner.path, [...groupOf.values()]);
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
        childPlansAskedBy: input.childPlansDue ? ctx.user.userId : null,
        warnings: input.warnings,
        parts: input.parts,
        remediatesRoundId: input.remediatesRoundId,
        createdBy: ctx.user.userId,
        createdAt: nowOf(ctx),
        // A unit's plan answering another starts as a draft, issued later (plan-issue.ts); a plan
        // imported on its own is a document already issued. Answers are judged by `issuedAt`.
        // A remediation plan drafted in Chiso is the unit's draft too, until it is numbered and issued.
        ...(input.parentPlanId === null && input.remediatesRoundId === null && !input.asDraft
          ? { status: 'active', issuedAt: nowOf(ctx), issuedBy: ctx.user.userId }
          : { status: 'draft' }),
      })
      .returning();
    if (!plan) throw new Error('plan insert returned nothing');
    const ids = await insertItems(tx, plan.id, items);
    const links = items.flatMap((item, i) => {
      const id = ids[i];
      if (!item.task || id === undefined) return [];
      const rows = (names: string[], role: 'lead' | 'support') =>
        names.flatMap((name) =>
          (mapped.get(nameKey(name)) ?? []).map((unitId) => ({ itemId: id, unitId, role })),
        );
      return [...rows(item.task.leadNames, 'lead'), ...rows(item.task.supportNames, 'support')];
    });
    const unique = [
      ...new Map(links.map((link) => [`${link.itemId}/${link.unitId}/${link.role}`, link])).values(),
    ];
    if (unique.length > 0) await tx.insert(planItemUnits).values(unique);
    await insertItemGroups(
      tx,
      items.flatMap((item, i) => {
        const id = ids[i];
        if (!item.task || id === undefined) return [];
        const task = item.task;
        return (['lead', 'support'] as const).flatMap((role) =>
          (role === 'lead' ? task.leadNames : task.supportNames).flatMap((name) => {
            const key = groupOf.get(nameKey(name));
            return key ? [{ itemId: id, role, key }] : [];
          }),
        );
      }),
    );
    if (input.targets.length > 0)
      await tx.insert(planTargets).values(input.targets.map((target) => ({ planId: plan.id, ...target })));
    // Aliases are installation-wide (every later import resolves by them): only someone writing plans
    // for the whole province remembers them; a unit's mapping serves its own plan and is not kept.
    if (hasInstallationPermission(ctx.user.grants, 'plans.write')) await rememberAgencies(tx, input.agencies);
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
    // A draft tells nobody yet: its units hear of their tasks when it is issued (plan-issue.ts).
    if (plan.status !== 'draft') {
      const told = { planId: plan.id, on: todayOf(ctx), actorId: ctx.user.userId };
      await notifyTasksAssigned(tx, told);
      await notifyChildPlansAsked(tx, told);
    }
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
        remediesCriterion: item.task?.remedies ?? null,
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
  // A name given to several units (a district's communes) is this plan's choice, not a lasting alias.
  const single = agencies.filter((agency) => agency.unitIds.length === 0);
  const rows = [...new Map(single.map((agency) => [nameKey(agency.name), agency])).entries()].map(
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

// ---- Update a task: status, progress, deadline, assignment ----------------------------------------

type UpdateItemInput = z.output<typeof updatePlanItemSchema>;

/** What a reporter of the task's lead unit may give: nothing about the plan's design (weight, deadline, units). */
const REPORTED_FIELDS = new Set(['status', 'progress', 'note']);

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
  const { item, canWrite, unitPath, plan } = await assertReportsItem(ctx, planId, itemId);
  const reported = Object.entries(input).filter(([key, value]) => value !== undefined && key !== 'version');
  if (!canWrite && reported.some(([key]) => !REPORTED_FIELDS.has(key)))
    throw new AppError(
      'FORBIDDEN',
      msg(
        'Đơn vị chủ trì chỉ báo cáo trạng thái, tiến độ và ghi chú; thời hạn, trọng số và đơn vị thực hiện do người lập kế hoạch quyết định.',
        'The lead unit reports only status, progress and notes; the deadline, weight and units are decided by the plan’s author.',
      ),
    );
  // An issued unit's plan is reported on, not redesigned: withdrawn to a draft first.
  if (canWrite && !isPlanEditable(plan) && reported.some(([key]) => !REPORTED_FIELDS.has(key)))
    throw new AppError(
      'CONFLICT',
      msg(
        'Kế hoạch đã ban hành: chỉ cập nhật trạng thái, tiến độ và ghi chú; muốn sửa nhiệm vụ, hãy thu hồi về dự thảo.',
        'The plan is issued: only status, progress and notes can be updated; to change a task, withdraw the plan to a draft.',
      ),
    );
  if (item.kind !== 'task' && (input.status !== undefined || input.progress !== undefined))
    throw fieldError(
      'status',
      msg(
        'Tiến độ của mục lớn được tính từ các nhiệm vụ bên trong.',
        'A section’s progress is computed from the tasks inside it.',
      ),
    );
  const newUnitIds = [...(input.leadUnitIds ?? []), ...(input.supportUnitIds ?? [])];
  if (newUnitIds.length > 0) {
    const found = await ctx.db
      .select({ id: units.id })
      .from(units)
      .where(and(inArray(units.id, newUnitIds), isNull(units.validTo)));
    if (found.length !== new Set(newUnitIds).size)
      throw fieldError(
        'leadUnitIds',
        msg('Đơn vị không tồn tại hoặc đã giải thể.', 'The unit does not exist or has been dissolved.'),
      );
  }
  await assertAssignable(ctx, unitPath, newUnitIds);
  await assertGroupsUsable(ctx, unitPath, [
    ...(input.leadGroupKeys ?? []),
    ...(input.supportGroupKeys ?? []),
  ]);

  await mutate(ctx, async (tx, audit) => {
    const status = input.status ?? (input.progress === 100 ? 'done' : undefined);
    const progress = input.progress ?? (input.status === 'done' ? 100 : undefined);
    const updated = await writeVersioned(tx, {
      table: planItems,
      where: eq(planItems.id, itemId),
      version: input.version,
      at: nowOf(ctx),
      set: {
        ...(status !== undefined && { status }),
        ...(progress !== undefined && { progress }),
        ...(input.due !== undefined && { due: input.due }),
        ...(input.weight !== undefined && { weight: input.weight }),
        ...(input.note !== undefined && { note: input.note }),
        ...(input.text !== undefined && {
          text: input.text,
          textSearch: foldVietnamese(`${item.ref} ${input.text}`),
        }),
        ...(input.recurrence !== undefined && { recurrence: input.recurrence }),
        ...(input.dimension !== undefined && { criterionCode: input.dimension }),
      },
      actorId: ctx.user.userId,
      present: (row) => ({
        status: row.status,
        progress: row.progress,
        weight: row.weight,
        due: row.due,
        note: row.note,
        text: row.text,
        recurrence: row.recurrence,
      }),
    });
    const before: Record<string, unknown> = {
      status: item.status,
      progress: item.progress,
      weight: item.weight,
      due: item.due,
      note: item.note,
      ...(input.text !== undefined && { text: item.text }),
      ...(input.recurrence !== undefined && { recurrence: item.recurrence }),
      ...(input.dimension !== undefined && { dimension: item.criterionCode }),
    };
    const after: Record<string, unknown> = {
      status: updated.status,
      progress: updated.progress,
      weight: updated.weight,
      due: updated.due,
      note: updated.note,
      ...(input.text !== undefined && { text: updated.text }),
      ...(input.recurrence !== undefined && { recurrence: updated.recurrence }),
      ...(input.dimension !== undefined && { dimension: updated.criterionCode }),
    };
    // Only the units newly leading the task (named or through a group) are told; a progress report
    // changes no lead, so it does not resolve the task's 3,321 communes.
    const told = { planId, on: todayOf(ctx), actorId: ctx.user.userId, itemIds: [itemId] };
    const leadsChange = input.leadUnitIds !== undefined || input.leadGroupKeys !== undefined;
    const ledBefore = leadsChange ? (await leadsOn(tx, told)).map((lead) => lead.unitId) : [];
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
    for (const [role, keys] of [
      ['lead', input.leadGroupKeys],
      ['support', input.supportGroupKeys],
    ] as const) {
      if (keys === undefined) continue;
      const change = await replaceItemGroups(tx, itemId, role, keys);
      before[`${role}Groups`] = change.before;
      after[`${role}Groups`] = change.after;
    }
    if (leadsChange && plan.status !== 'draft')
      await notifyTasksAssigned(tx, { ...told, already: ledBefore });
    await audit({
      action: 'plan.item.update',
      entityType: 'plan_item',
      entityId: itemId,
      before,
      after,
    });
  });
  const updated = (await getPlan(ctx, planId)).items.find((entry) => entry.id === itemId);
  if (!updated) throw new AppError('NOT_FOUND');
  return updated;
}
