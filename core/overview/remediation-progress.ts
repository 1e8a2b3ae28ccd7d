/**
 * "Is the remediation on track": per weak criterion of the latest published round, how many units lost
 * points on it, how many of those answer it with an issued remediation plan, and how that plan's tasks
 * stand (done, overdue, mean progress); the same for the province's PAPI dimensions below the national
 * median. Only issued plans count (a draft is not yet a unit's commitment), and a cancelled task
 * remedies nothing. A task's progress is as the plan shows it: done counts 100.
 */
import { z } from 'zod';
import { PAPI_DIMENSIONS, type PapiDimension } from '../indices/papi.ts';
import type { ItemStatus } from '../plans/plan-views.ts';
import { isOverdue, taskProgress } from '../plans/progress.ts';

/** How many weak criteria the overview follows: those most units lost points on. */
export const REMEDIATION_CRITERIA = 10;

const taskFigures = z.object({
  tasks: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  /** Mean progress of the tasks (0–100, one decimal); null without any. */
  meanProgress: z.number().nullable(),
});
export type TaskFigures = z.infer<typeof taskFigures>;

export const remediationProgressSchema = z.object({
  round: z.object({ id: z.number().int(), name: z.string(), year: z.number().int() }),
  /** Units that lost points on at least one criterion. */
  unitsWeak: z.number().int(),
  /** Issued remediation plans answering the round. */
  plansIssued: z.number().int(),
  /** Units that lost points and issued a remediation plan answering the round. */
  unitsAnswering: z.number().int(),
  criteria: z.array(
    taskFigures.extend({
      code: z.string(),
      nameVi: z.string(),
      /** Units that lost points on it. */
      units: z.number().int(),
      /** Of those, the units whose issued remediation plan has a task remedying it. */
      unitsWithTask: z.number().int(),
    }),
  ),
  national: z
    .object({
      year: z.number().int(),
      province: z.string(),
      dimensions: z.array(
        taskFigures.extend({
          code: z.enum(PAPI_DIMENSIONS),
          nameVi: z.string(),
          nameEn: z.string(),
          /** Units whose issued remediation plan has a task remedying it. */
          unitsWithTask: z.number().int(),
        }),
      ),
    })
    .nullable(),
});
export type RemediationProgress = z.infer<typeof remediationProgressSchema>;

/** The round's weak criteria as the overview follows them: each with the units that lost points on it. */
export interface WeakSummary {
  round: RemediationProgress['round'];
  /** Every unit that lost points somewhere. */
  unitsWeak: readonly number[];
  /** The criteria most units lost points on, in the weak-criteria ranking's order. */
  criteria: readonly { code: string; nameVi: string; unitIds: readonly number[] }[];
  national: {
    year: number;
    province: string;
    dimensions: readonly { code: PapiDimension; nameVi: string; nameEn: string }[];
  } | null;
}

/** An issued remediation plan answering the round, with its tasks that remedy a criterion. */
export interface RemediationPlan {
  id: number;
  unitId: number;
  tasks: readonly { remedies: string; status: ItemStatus; progress: number; due: string | null }[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function remediationProgress(
  weak: WeakSummary,
  plans: readonly RemediationPlan[],
  today: string,
): RemediationProgress {
  const tasksOf = (code: string) =>
    plans.flatMap((plan) =>
      plan.tasks
        .filter((task) => task.remedies === code && task.status !== 'cancelled')
        .map((task) => ({ ...task, unitId: plan.unitId })),
    );
  const figures = (code: string) => {
    const tasks = tasksOf(code);
    const progress = tasks.reduce((sum, task) => sum + taskProgress(task), 0);
    return {
      units: new Set(tasks.map((task) => task.unitId)),
      figures: {
        tasks: tasks.length,
        done: tasks.filter((task) => task.status === 'done').length,
        overdue: tasks.filter((task) => isOverdue({ ...task, kind: 'task' }, today)).length,
        meanProgress: tasks.length === 0 ? null : round1(progress / tasks.length),
      },
    };
  };
  const answering = new Set(plans.map((plan) => plan.unitId));
  return {
    round: weak.round,
    unitsWeak: weak.unitsWeak.length,
    plansIssued: plans.length,
    unitsAnswering: weak.unitsWeak.filter((unitId) => answering.has(unitId)).length,
    criteria: weak.criteria.map((criterion) => {
      const { units, figures: counts } = figures(criterion.code);
      return {
        code: criterion.code,
        nameVi: criterion.nameVi,
        units: criterion.unitIds.length,
        unitsWithTask: criterion.unitIds.filter((unitId) => units.has(unitId)).length,
        ...counts,
      };
    }),
    national: weak.national && {
      year: weak.national.year,
      province: weak.national.province,
      dimensions: weak.national.dimensions.map((dimension) => {
        const { units, figures: counts } = figures(dimension.code);
        return {
          code: dimension.code,
          nameVi: dimension.nameVi,
          nameEn: dimension.nameEn,
          unitsWithTask: units.size,
          ...counts,
        };
      }),
    },
  };
}
