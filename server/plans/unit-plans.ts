import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import type { PlanItem } from '../../core/plans/plan-views.ts';
import type { addPlanTaskSchema } from '../../core/plans/unit-plan-schemas.ts';
import { foldVietnamese } from '../../core/text/vietnamese.ts';
import { mutate } from '../audit/audit-log.ts';
import { dialogueCommitments, planItems, planItemUnits, units } from '../db/schema/index.ts';
import { deleteVersioned } from '../db/versioned.ts';
import { evidenceCounts } from '../files/evidence.ts';
import { assertAssignable, assertEditsPlan, type PlanContext } from './plan-access.ts';
import { getPlan } from './plan-queries.ts';

/**
 * A plan's author works it after it is saved: a unit adds tasks of its own to the plan it made from the
 * tasks given to it (lead and support among its own subtree) and removes what it added (its targets:
 * plan-targets.ts), while the plan is a draft (`assertEditsPlan`).
 * The tasks given by the plan above stay: the province asked for them.
 */

type AddTaskInput = z.output<typeof addPlanTaskSchema>;

export async function addPlanTask(ctx: PlanContext, planId: number, input: AddTaskInput): Promise<PlanItem> {
  const { unitPath } = await assertEditsPlan(ctx, planId);
  const existing = await ctx.db
    .select({
      id: planItems.id,
      parentId: planItems.parentId,
      position: planItems.position,
      ref: planItems.ref,
      kind: planItems.kind,
    })
    .from(planItems)
    .where(eq(planItems.planId, planId))
    .orderBy(asc(planItems.position));
  const section = input.sectionId === null ? null : existing.find((item) => item.id === input.sectionId);
  if (section === undefined || (section && section.kind !== 'section'))
    throw fieldError(
      'sectionId',
      msg('Mục lớn không thuộc kế hoạch này.', 'The section does not belong to this plan.'),
    );
  const refs = new Set(existing.map((item) => item.ref));
  const ref = input.ref ?? nextRef(existing, section);
  if (refs.has(ref))
    throw fieldError(
      'ref',
      msg(`Số thứ tự ${ref} đã có trong kế hoạch.`, `Number ${ref} is already in the plan.`),
    );

  const unitIds = [...new Set([...input.leadUnitIds, ...input.supportUnitIds])];
  const named = await ctx.db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(inArray(units.id, unitIds), isNull(units.validTo)));
  if (named.length !== unitIds.length)
    throw fieldError(
      'leadUnitIds',
      msg('Đơn vị không tồn tại hoặc đã giải thể.', 'The unit does not exist or has been dissolved.'),
    );
  await assertAssignable(ctx, unitPath, unitIds);
  const nameOf = new Map(named.map((unit) => [unit.id, unit.name]));
  const lead = [...new Set(input.leadUnitIds)];
  const support = [...new Set(input.supportUnitIds)].filter((id) => !lead.includes(id));

  // Under a section: just after its last descendant; otherwise at the end of the plan.
  const position = section ? lastPositionUnder(existing, section.id) + 1 : existing.length;
  const itemId = await mutate(ctx, async (tx, audit) => {
    if (section)
      await tx
        .update(planItems)
        .set({ position: sql`${planItems.position} + 1` })
        .where(and(eq(planItems.planId, planId), sql`${planItems.position} >= ${position}`));
    const [item] = await tx
      .insert(planItems)
      .values({
        planId,
        parentId: section?.id ?? null,
        position,
        ref,
        kind: 'task',
        text: input.text,
        textSearch: foldVietnamese(`${ref} ${input.text}`),
        criterionCode: input.dimension,
        leadNames: lead.map((id) => nameOf.get(id) ?? ''),
        supportNames: support.map((id) => nameOf.get(id) ?? ''),
        due: input.due,
        recurrence: input.recurrence,
        updatedBy: ctx.user.userId,
      })
      .returning({ id: planItems.id });
    if (!item) throw new Error('plan item insert returned nothing');
    await tx
      .insert(planItemUnits)
      .values([
        ...lead.map((unitId) => ({ itemId: item.id, unitId, role: 'lead' })),
        ...support.map((unitId) => ({ itemId: item.id, unitId, role: 'support' })),
      ]);
    await audit({
      action: 'plan.item.create',
      entityType: 'plan_item',
      entityId: item.id,
      after: {
        planId,
        ref,
        text: input.text,
        due: input.due,
        recurrence: input.recurrence,
        leadUnitIds: lead,
        supportUnitIds: support,
      },
    });
    return item.id;
  });
  return itemOf(ctx, planId, itemId);
}

/** The next free number under a section ("II.3" after "II.1", "II.2"), or at the top level ("4"). */
function nextRef(
  existing: { parentId: number | null; ref: string }[],
  section: { id: number; ref: string } | null,
) {
  const refs = new Set(existing.map((item) => item.ref));
  let n = existing.filter((item) => item.parentId === (section?.id ?? null)).length + 1;
  const at = (k: number) => (section ? `${section.ref}.${k}` : String(k));
  while (refs.has(at(n))) n += 1;
  return at(n);
}

function lastPositionUnder(
  existing: { id: number; parentId: number | null; position: number }[],
  id: number,
) {
  const inside = new Set([id]);
  let last = existing.find((item) => item.id === id)?.position ?? existing.length;
  // Items come in document order, so a descendant always follows its parent.
  for (const item of existing) {
    if (item.parentId !== null && inside.has(item.parentId)) {
      inside.add(item.id);
      last = Math.max(last, item.position);
    }
  }
  return last;
}

/**
 * Removes a task the plan's author added, at the version read. A task given by the plan above, one a
 * unit below carries out in its own plan, or one with evidence attached is kept: it is marked
 * "Không thực hiện" with a note instead, so nothing reported is lost.
 */
export async function removePlanTask(
  ctx: PlanContext,
  planId: number,
  itemId: number,
  version: number,
): Promise<void> {
  await assertEditsPlan(ctx, planId);
  const [item] = await ctx.db
    .select()
    .from(planItems)
    .where(and(eq(planItems.id, itemId), eq(planItems.planId, planId)));
  if (!item) throw new AppError('NOT_FOUND');
  if (item.kind !== 'task')
    throw new AppError(
      'CONFLICT',
      msg('Chỉ xóa được nhiệm vụ, không xóa mục lớn.', 'Only tasks can be deleted, not sections.'),
    );
  if (item.implementsItemId !== null)
    throw new AppError(
      'CONFLICT',
      msg(
        'Nhiệm vụ do kế hoạch cấp trên giao không xóa được; nếu không thực hiện, hãy chuyển trạng thái "Không thực hiện" và ghi rõ lý do.',
        'A task given by the higher-level plan cannot be deleted; if it will not be done, set its status to "Not done" and state the reason.',
      ),
    );
  const [carried] = await ctx.db
    .select({ id: planItems.id })
    .from(planItems)
    .where(eq(planItems.implementsItemId, itemId))
    .limit(1);
  if (carried)
    throw new AppError(
      'CONFLICT',
      msg(
        'Đơn vị cấp dưới đã đưa nhiệm vụ này vào kế hoạch của mình; không xóa được.',
        'A subordinate unit has put this task in its own plan; it cannot be deleted.',
      ),
    );
  const [commitment] = await ctx.db
    .select({ id: dialogueCommitments.id })
    .from(dialogueCommitments)
    .where(eq(dialogueCommitments.planItemId, itemId))
    .limit(1);
  if (commitment)
    throw new AppError(
      'CONFLICT',
      msg(
        'Nhiệm vụ này là một cam kết tại buổi đối thoại; muốn xóa, hãy xóa cam kết trên trang buổi đối thoại.',
        'This task is a commitment made at a dialogue; to delete it, delete the commitment on the dialogue’s page.',
      ),
    );
  if (((await evidenceCounts(ctx.db, 'plan_item', [String(itemId)])).get(String(itemId)) ?? 0) > 0)
    throw new AppError(
      'CONFLICT',
      msg(
        'Nhiệm vụ đã có minh chứng; hãy gỡ minh chứng trước khi xóa.',
        'The task has evidence; remove the evidence before deleting it.',
      ),
    );
  await mutate(ctx, async (tx, audit) => {
    const links = await tx
      .delete(planItemUnits)
      .where(eq(planItemUnits.itemId, itemId))
      .returning({ unitId: planItemUnits.unitId, role: planItemUnits.role });
    await deleteVersioned(tx, {
      table: planItems,
      where: eq(planItems.id, itemId),
      version,
      present: (row) => ({ text: row.text, due: row.due, status: row.status, progress: row.progress }),
    });
    await audit({
      action: 'plan.item.remove',
      entityType: 'plan_item',
      entityId: itemId,
      before: {
        planId,
        ref: item.ref,
        text: item.text,
        due: item.due,
        status: item.status,
        leadUnitIds: links.filter((link) => link.role === 'lead').map((link) => link.unitId),
        supportUnitIds: links.filter((link) => link.role === 'support').map((link) => link.unitId),
      },
    });
  });
}

async function itemOf(ctx: PlanContext, planId: number, itemId: number): Promise<PlanItem> {
  const item = (await getPlan(ctx, planId)).items.find((entry) => entry.id === itemId);
  if (!item) throw new AppError('NOT_FOUND');
  return item;
}

// ---- The particulars a unit gives its plan once issued (updatePlan in child-plans.ts) ---------------

const PARTICULARS = ['number', 'issuedOn', 'signer', 'place', 'title'] as const;
type Particular = (typeof PARTICULARS)[number];
type ParticularsInput = Partial<Record<Particular, string | null>>;

/** The particulars the change sends, as columns, with the search text following number and title. */
export function planParticulars(plan: { number: string | null; title: string }, input: ParticularsInput) {
  const given = sentParticulars(input, input);
  if (Object.keys(given).length === 0) return {};
  const number = input.number !== undefined ? input.number : plan.number;
  const title = input.title ?? plan.title;
  return { ...given, titleSearch: foldVietnamese(`${number ?? ''} ${title}`) };
}

/** The particulars of `record` that the change sends (for the audit's before and after). */
export function sentParticulars(record: ParticularsInput, input: ParticularsInput): ParticularsInput {
  return Object.fromEntries(
    PARTICULARS.filter((key) => input[key] !== undefined).map((key) => [key, record[key] ?? null]),
  );
}
