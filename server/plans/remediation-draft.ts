import { and, asc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, fieldError, msg } from '../../core/errors.ts';
import { idParam } from '../../core/ids.ts';
import { PAPI_REMEDIATION } from '../../core/indices/papi-remediation.ts';
import { unitIssuer } from '../../core/plans/plan-name.ts';
import { agencyMatchSchema } from '../../core/plans/plan-views.ts';
import {
  draftRemediationPlan,
  type RemediationUnit,
  ranksGained,
  remediationTerm,
} from '../../core/plans/remediation.ts';
import type { ParsedPlan, TargetLevel } from '../../core/plans/types.ts';
import { pathIds } from '../../core/units/unit-tree.ts';
import type { AssessmentContext } from '../assessment/assessment-access.ts';
import { scoredWeakCriteria } from '../assessment/weak-criteria.ts';
import { assertPermissionOn, contextOf } from '../auth/policy.ts';
import { todayOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { units } from '../db/schema/index.ts';
import { nationalWeakness } from '../indices/papi-simulator-service.ts';
import { planAgencies } from './plan-agencies.ts';
import { placeOfIssuingUnit } from './plan-document.ts';

/**
 * A unit's remediation plan drafted from the round's published results and the province's latest PAPI
 * standing (core/plans/remediation.ts), answered in the shape of a plan read from a document so the
 * import screen reviews it and saves it as the unit's draft. Nothing is written here.
 */

function levelOf(type: string): TargetLevel {
  if (type === 'commune') return 'commune';
  if (type === 'district') return 'district';
  return 'province';
}

/** Who follows the plan for the head of the unit: the commune's office, the department's, Sở Nội vụ. */
function secretariatOf(unit: { name: string; type: string }): string {
  if (unit.type === 'commune' || unit.type === 'district') return 'Văn phòng HĐND và UBND';
  if (unit.type === 'province') return 'Sở Nội vụ';
  return `Văn phòng ${unit.name}`;
}

type UnitRow = typeof units.$inferSelect;

/** The unit as the plan's header and organisation section name it. */
async function remediationUnit(ctx: AssessmentContext, unit: UnitRow): Promise<RemediationUnit> {
  const [province] = await ctx.db
    .select({ name: units.name })
    .from(units)
    .where(eq(units.id, pathIds(unit.path)[0] ?? 0));
  return {
    name: unit.name,
    issuer: unitIssuer(unit),
    place: placeOfIssuingUnit(unit, province?.name ?? null),
    level: levelOf(unit.type),
    secretariat: secretariatOf(unit),
  };
}

/** The province's weak PAPI dimensions with the suggested task of each, as the draft takes them. */
async function nationalPart(ctx: AssessmentContext) {
  const national = await nationalWeakness(ctx.db);
  return (
    national && {
      year: national.year,
      province: national.province,
      dimensions: national.dimensions.map((dimension) => ({
        ...dimension,
        remediation: PAPI_REMEDIATION[dimension.code],
      })),
    }
  );
}

/** The draft as the review screen reads it: the plan, its agencies resolved, the unit, round and year. */
async function answer(
  ctx: AssessmentContext,
  plan: ParsedPlan,
  unit: UnitRow,
  round: { id: number; name: string } | null,
  year: number,
) {
  return {
    plan,
    agencies: await planAgencies(ctx, plan),
    text: '',
    unit: { id: unit.id, name: unit.name },
    round,
    year,
  };
}

export async function draftRemediation(ctx: AssessmentContext, roundId: number, unitId: number) {
  const { view: weak, framework, results } = await scoredWeakCriteria(ctx, roundId);
  const [unit] = await ctx.db.select().from(units).where(eq(units.id, unitId));
  if (!unit || unit.validTo !== null)
    throw fieldError(
      'unitId',
      msg('Đơn vị không tồn tại hoặc đã giải thể.', 'The unit does not exist or has been dissolved.'),
    );
  assertPermissionOn(ctx.user, 'plans.write', unit.path);
  const own = weak.units.find((entry) => entry.unitId === unitId);
  if (!own)
    throw fieldError(
      'unitId',
      msg(
        `${unit.name} không tham gia ${weak.round.name}: không có kết quả để lập kế hoạch khắc phục.`,
        `${unit.name} did not take part in ${weak.round.name}: there are no results to remediate.`,
      ),
    );
  const taking = results.filter((result) => result.participating);
  const mine = taking.find((result) => result.unitId === unitId);
  const others = taking.filter((result) => result.unitId !== unitId).map((result) => result.total);
  const lost = own.gaps.reduce((sum, gap) => sum + gap.lost, 0);
  const { year: planYear, due } = remediationTerm(weak.round.year, todayOf(ctx));
  const plan: ParsedPlan = draftRemediationPlan({
    unit: await remediationUnit(ctx, unit),
    round: {
      name: weak.round.name,
      year: weak.round.year,
      frameworkName: framework.nameVi,
      score: Math.round((mine?.total ?? 0) * 100) / 100,
      maxScore: mine?.maximum ?? null,
      band: mine?.band?.label ?? null,
      rank: own.rank,
      ranked: taking.filter((result) => result.rank !== null).length,
      ranksWithinReach: mine ? ranksGained(mine.total, lost / 2, others) : 0,
    },
    criteria: framework.criteria,
    gaps: own.gaps,
    national: await nationalPart(ctx),
    planYear,
    due,
  });
  return answer(ctx, plan, unit, { id: weak.round.id, name: weak.round.name }, planYear);
}

/**
 * The province's own PAPI remediation plan: a task per dimension below the national median, led by the
 * department the suggested task names. The province's plan is installation-wide: plans.write on its root.
 */
export async function draftPapiRemediation(ctx: AssessmentContext) {
  const [province] = await ctx.db
    .select()
    .from(units)
    .where(and(isNull(units.parentId), isNull(units.validTo), eq(units.type, 'province')))
    .orderBy(asc(units.id))
    .limit(1);
  if (!province)
    throw new AppError('NOT_FOUND', msg('Chưa có tỉnh trong cơ cấu tổ chức.', 'There is no province yet.'));
  assertPermissionOn(ctx.user, 'plans.write', province.path);
  const national = await nationalPart(ctx);
  if (!national || national.dimensions.length === 0)
    throw new AppError(
      'VALIDATION_FAILED',
      msg(
        'Không có nội dung PAPI nào của tỉnh dưới trung vị toàn quốc: không có gì để khắc phục.',
        'No PAPI dimension of the province is below the national median: there is nothing to remediate.',
      ),
    );
  const { year: planYear, due } = remediationTerm(national.year, todayOf(ctx));
  const plan = draftRemediationPlan({
    unit: await remediationUnit(ctx, province),
    round: null,
    criteria: [],
    gaps: [],
    national,
    planYear,
    due,
  });
  return answer(ctx, plan, province, null, planYear);
}

const draftSchema = z.object({
  plan: z.record(z.string(), z.unknown()),
  agencies: z.array(agencyMatchSchema),
  text: z.string(),
  unit: z.object({ id: z.number().int(), name: z.string() }),
  round: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** The year the plan is for. */
  year: z.number().int(),
});

export async function remediationRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/indices/papi/remediation-draft',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Dự thảo kế hoạch khắc phục các nội dung PAPI của tỉnh dưới trung vị toàn quốc',
        response: { 200: draftSchema },
      },
    },
    async (request) => {
      const draft = await draftPapiRemediation(contextOf(request, db));
      return { ...draft, plan: { ...draft.plan } };
    },
  );
  api.get(
    '/api/rounds/:id/remediation-draft',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary:
          'Dự thảo kế hoạch khắc phục của một đơn vị từ các tiêu chí bị trừ điểm và các nội dung PAPI dưới trung vị',
        params: z.object({ id: idParam }),
        querystring: z.object({ unitId: idParam }),
        response: { 200: draftSchema },
      },
    },
    async (request) => {
      const draft = await draftRemediation(contextOf(request, db), request.params.id, request.query.unitId);
      return { ...draft, plan: { ...draft.plan } };
    },
  );
}
