import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  leafMaxima,
  type WeakCriteriaView,
  weakCriteria,
  weakCriteriaSchema,
} from '../../core/frameworks/weak-criteria.ts';
import { idParam } from '../../core/ids.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { nationalWeakness } from '../indices/papi-simulator-service.ts';
import { type AssessmentContext, assertResultsVisible, loadRound } from './assessment-access.ts';
import { predecessorsOf, previousScoredRound, scoredRound } from './round-queries.ts';

/**
 * A round's weak criteria, what a remediation plan is written from: every participating unit's
 * criteria below full marks (points lost, its score a year earlier), and per criterion how many units
 * lost points on it, now and in the previous published round. Read as the results are: by the round's
 * managers and appraisers, and by everyone in it once published.
 */
export async function getWeakCriteria(ctx: AssessmentContext, roundId: number): Promise<WeakCriteriaView> {
  return (await scoredWeakCriteria(ctx, roundId)).view;
}

/** The weak criteria with what they were computed from: the round, its framework and every unit's result. */
export async function scoredWeakCriteria(ctx: AssessmentContext, roundId: number) {
  await assertResultsVisible(ctx, roundId);
  const { round, framework } = await loadRound(ctx, roundId);
  const { members, results } = await scoredRound(ctx, round, framework);
  const before = await previousScoredRound(ctx, round, framework);
  const { units, criteria } = weakCriteria(
    results,
    before ? { results: before.results, maxima: leafMaxima(before.framework.criteria) } : null,
    await predecessorsOf(
      ctx,
      results.map((result) => result.unitId),
    ),
  );
  const names = new Map(members.map(({ unit, name }) => [unit.unitId, name]));
  const ranks = new Map(results.map((result) => [result.unitId, result.rank]));
  const collator = new Intl.Collator('vi');
  const order = (rank: number | null | undefined) => rank ?? Number.MAX_SAFE_INTEGER;
  const view: WeakCriteriaView = {
    round: { id: round.id, name: round.name, year: round.year },
    previousRound: before ? { id: before.round.id, name: before.round.name, year: before.round.year } : null,
    criteria,
    units: units
      .map((unit) => ({ ...unit, name: names.get(unit.unitId) ?? '', rank: ranks.get(unit.unitId) ?? null }))
      .sort((a, b) => order(a.rank) - order(b.rank) || collator.compare(a.name, b.name)),
    national: await nationalWeakness(ctx.db),
  };
  return { view, framework, results };
}

export async function weakCriteriaRoutes(app: FastifyInstance, { db }: { db: Db }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/rounds/:id/weak-criteria',
    {
      config: { policy: 'assessment.read' },
      schema: {
        tags: ['assessment'],
        summary: 'Tiêu chí bị trừ điểm: từng đơn vị, số đơn vị và điểm mất ở mỗi tiêu chí, so với năm trước',
        params: z.object({ id: idParam }),
        response: { 200: weakCriteriaSchema },
      },
    },
    async (request) => getWeakCriteria(contextOf(request, db), request.params.id),
  );
}
