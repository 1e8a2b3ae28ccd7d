import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import {
  REMEDIATION_CRITERIA,
  type RemediationPlan,
  type WeakSummary,
} from '../../core/overview/remediation-progress.ts';
import type { ItemStatus } from '../../core/plans/plan-views.ts';
import { getWeakCriteria } from '../assessment/weak-criteria.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { planItems, plans, units } from '../db/schema/index.ts';
import { readablePlans } from '../plans/plan-access.ts';

type Context = ServiceContext & { user: SessionUser };

/**
 * The round's weak criteria as the weak-criteria page reads them (with the user's grants): the units
 * that lost points anywhere, the criteria most units lost points on with those units, and the
 * province's PAPI dimensions below the national median.
 */
export async function weakSummaryOf(ctx: Context, roundId: number): Promise<WeakSummary> {
  const view = await getWeakCriteria(ctx, roundId);
  const unitsOn = new Map<string, number[]>();
  for (const unit of view.units)
    for (const gap of unit.gaps) {
      const ids = unitsOn.get(gap.code) ?? [];
      ids.push(unit.unitId);
      unitsOn.set(gap.code, ids);
    }
  return {
    round: view.round,
    unitsWeak: view.units.filter((unit) => unit.gaps.length > 0).map((unit) => unit.unitId),
    criteria: view.criteria.slice(0, REMEDIATION_CRITERIA).map((criterion) => ({
      code: criterion.code,
      nameVi: criterion.nameVi,
      unitIds: unitsOn.get(criterion.code) ?? [],
    })),
    national: view.national && {
      year: view.national.year,
      province: view.national.province,
      dimensions: view.national.dimensions.map(({ code, nameVi, nameEn }) => ({ code, nameVi, nameEn })),
    },
  };
}

/**
 * The issued remediation plans answering the round that the user reads (as the plans page lists them),
 * each with its tasks that remedy a criterion. Drafts are left out: not yet a unit's commitment.
 */
export async function issuedRemediationPlans(ctx: Context, roundId: number): Promise<RemediationPlan[]> {
  const rows = await ctx.db
    .select({ id: plans.id, unitId: plans.unitId })
    .from(plans)
    .innerJoin(units, eq(units.id, plans.unitId))
    .where(
      and(
        readablePlans(ctx),
        eq(plans.remediatesRoundId, roundId),
        inArray(plans.status, ['active', 'closed']),
      ),
    );
  if (rows.length === 0) return [];
  const tasks = await ctx.db
    .select({
      planId: planItems.planId,
      remedies: planItems.remediesCriterion,
      status: planItems.status,
      progress: planItems.progress,
      due: planItems.due,
    })
    .from(planItems)
    .where(
      and(
        inArray(
          planItems.planId,
          rows.map((row) => row.id),
        ),
        eq(planItems.kind, 'task'),
        isNotNull(planItems.remediesCriterion),
      ),
    );
  const byPlan = new Map<number, RemediationPlan['tasks'][number][]>();
  for (const task of tasks) {
    const own = byPlan.get(task.planId) ?? [];
    own.push({
      remedies: task.remedies ?? '',
      status: task.status as ItemStatus,
      progress: task.progress,
      due: task.due,
    });
    byPlan.set(task.planId, own);
  }
  return rows.map((plan) => ({ ...plan, tasks: byPlan.get(plan.id) ?? [] }));
}
