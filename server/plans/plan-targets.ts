import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import type { PlanDetail } from '../../core/plans/plan-views.ts';
import type { addPlanTargetSchema, updatePlanTargetSchema } from '../../core/plans/unit-plan-schemas.ts';
import { mutate } from '../audit/audit-log.ts';
import { nowOf } from '../clock.ts';
import type { DbOrTx } from '../db/engine.ts';
import { indicators, planTargets } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { assertEditsPlan, type PlanContext } from './plan-access.ts';

/**
 * A plan's targets (chỉ tiêu) set by its author: what is measured (a catalogue indicator, or words
 * alone), the rule and value, and the period it is set for, changed at the version read while the
 * plan may be edited (a unit's plan: while a draft).
 */

type AddTargetInput = z.output<typeof addPlanTargetSchema>;
type UpdateTargetInput = z.output<typeof updatePlanTargetSchema>;
type TargetRow = typeof planTargets.$inferSelect;
type PlanTarget = PlanDetail['targets'][number];

export function presentTarget(row: TargetRow): PlanTarget {
  return {
    id: row.id,
    ref: row.ref,
    text: row.text,
    op: row.op,
    value: row.value,
    unit: row.unit,
    level: row.level as PlanTarget['level'],
    indicatorCode: row.indicatorCode,
    periodCode: row.periodCode,
    version: row.version,
  };
}

/** What the audit keeps of a target. */
const audited = (row: TargetRow) => ({
  text: row.text,
  op: row.op,
  value: row.value,
  unit: row.unit,
  indicatorCode: row.indicatorCode,
  periodCode: row.periodCode,
});

async function assertIndicator(db: DbOrTx, code: string | null | undefined) {
  if (!code) return;
  const [found] = await db
    .select({ code: indicators.code })
    .from(indicators)
    .where(eq(indicators.code, code));
  if (!found)
    throw fieldError(
      'indicatorCode',
      msg('Chỉ số không có trong danh mục.', 'The indicator is not in the catalogue.'),
    );
}

export async function addPlanTarget(ctx: PlanContext, planId: number, input: AddTargetInput) {
  const { plan } = await assertEditsPlan(ctx, planId);
  await assertIndicator(ctx.db, input.indicatorCode);
  const [{ n } = { n: 0 }] = await ctx.db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(planTargets)
    .where(eq(planTargets.planId, planId));
  const target = await mutate(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(planTargets)
      .values({ planId, ref: String(n + 1), ...input })
      .returning();
    if (!row) throw new Error('plan target insert returned nothing');
    await audit({
      action: 'plan.target.create',
      entityType: 'plan_target',
      entityId: row.id,
      unitId: plan.unitId,
      after: { planId, ...audited(row) },
    });
    return row;
  });
  return presentTarget(target);
}

export async function updatePlanTarget(
  ctx: PlanContext,
  planId: number,
  targetId: number,
  input: UpdateTargetInput,
) {
  const { plan } = await assertEditsPlan(ctx, planId);
  const where = and(eq(planTargets.id, targetId), eq(planTargets.planId, planId));
  const [before] = await ctx.db.select().from(planTargets).where(where);
  if (!before) throw new AppError('NOT_FOUND');
  await assertIndicator(ctx.db, input.indicatorCode);
  const { version, ...fields } = input;
  const set = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  const after = await mutate(ctx, async (tx, audit) => {
    const row = await writeVersioned(tx, {
      table: planTargets,
      where,
      version,
      set,
      actorId: ctx.user.userId,
      at: nowOf(ctx),
      present: presentTarget,
    });
    await audit({
      action: 'plan.target.update',
      entityType: 'plan_target',
      entityId: targetId,
      unitId: plan.unitId,
      before: { planId, ...audited(before) },
      after: { planId, ...audited(row) },
    });
    return row;
  });
  return presentTarget(after);
}

export async function removePlanTarget(ctx: PlanContext, planId: number, targetId: number): Promise<void> {
  const { plan } = await assertEditsPlan(ctx, planId);
  await mutate(ctx, async (tx, audit) => {
    const [removed] = await tx
      .delete(planTargets)
      .where(and(eq(planTargets.id, targetId), eq(planTargets.planId, planId)))
      .returning();
    if (!removed) throw new AppError('NOT_FOUND');
    await audit({
      action: 'plan.target.remove',
      entityType: 'plan_target',
      entityId: targetId,
      unitId: plan.unitId,
      before: { planId, ...audited(removed) },
    });
  });
}
