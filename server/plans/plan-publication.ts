import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, msg } from '../../core/errors.ts';
import { idParam } from '../../core/ids.ts';
import {
  type PlanPublication,
  planPublicationSchema,
  publishPlanSchema,
} from '../../core/plans/plan-views.ts';
import { mutate } from '../audit/audit-log.ts';
import { contextOf } from '../auth/policy.ts';
import { nowOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { plans } from '../db/schema/index.ts';
import { writeVersioned } from '../db/versioned.ts';
import { planPath, publicPlan } from '../public/public-plans.ts';
import { assertIssuesPlan, assertReadsPlan, type PlanContext } from './plan-access.ts';

/**
 * One switch per plan for the public site: whoever may issue the plan (plans.issue on its unit) puts
 * it on `/cong-khai/ke-hoach` or takes it off, audited, over the version they read. Only an issued plan
 * (in force or closed) can be public; withdrawing it to a draft takes it off too (plan-issue.ts). The
 * confirmation first reads what would become visible (`GET …/publication`) and the preview page.
 */
export async function planPublication(ctx: PlanContext, id: number): Promise<PlanPublication> {
  const { plan } = await assertReadsPlan(ctx, id);
  const view = await publicPlan(ctx.db, id, ctx.now, { preview: true });
  const tasks = view?.items.filter((item) => item.kind === 'task') ?? [];
  return {
    publishedAt: plan.publishedAt?.toISOString() ?? null,
    tasks: tasks.length,
    reportedTasks: tasks.filter((task) => task.reported.length > 0).length,
    publicPath: planPath(plan),
    previewPath: `/cong-khai/ke-hoach/xem-truoc/${id}`,
    version: plan.version,
  };
}

export async function publishPlan(
  ctx: PlanContext,
  id: number,
  input: z.output<typeof publishPlanSchema>,
): Promise<PlanPublication> {
  const { plan } = await assertIssuesPlan(ctx, id);
  if (input.published && plan.status === 'draft')
    throw new AppError(
      'CONFLICT',
      msg(
        'Kế hoạch còn là dự thảo: ban hành trước rồi mới công khai.',
        'The plan is still a draft: issue it before making it public.',
      ),
    );
  if (input.published === (plan.publishedAt !== null))
    throw new AppError(
      'CONFLICT',
      input.published
        ? msg('Kế hoạch đã được công khai.', 'The plan is already public.')
        : msg('Kế hoạch chưa được công khai.', 'The plan is not public.'),
    );
  await mutate(ctx, async (tx, audit) => {
    const at = nowOf(ctx);
    const saved = await writeVersioned(tx, {
      table: plans,
      where: eq(plans.id, id),
      version: input.version,
      set: input.published
        ? { publishedAt: at, publishedBy: ctx.user.userId }
        : { publishedAt: null, publishedBy: null },
      actorId: ctx.user.userId,
      at,
      present: (row) => ({ publishedAt: row.publishedAt?.toISOString() ?? null }),
    });
    await audit({
      action: input.published ? 'plan.publish' : 'plan.unpublish',
      entityType: 'plan',
      entityId: id,
      unitId: plan.unitId,
      before: { publishedAt: plan.publishedAt?.toISOString() ?? null },
      after: { publishedAt: saved.publishedAt?.toISOString() ?? null },
    });
  });
  return planPublication(ctx, id);
}

const idParams = z.object({ id: idParam });

export async function planPublicationRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Kế hoạch'];
  api.get(
    '/api/plans/:id/publication',
    {
      config: { policy: 'plans.read' },
      schema: {
        tags,
        summary:
          'Kế hoạch trên trang công khai: đã công khai chưa, bao nhiêu nhiệm vụ, địa chỉ và trang xem trước',
        params: idParams,
        response: { 200: planPublicationSchema },
      },
    },
    async (request) => planPublication(contextOf(request, db), request.params.id),
  );
  api.put(
    '/api/plans/:id/publication',
    {
      config: { policy: 'plans.issue' },
      schema: {
        tags,
        summary: 'Công khai kế hoạch trên trang công khai, hoặc thôi công khai',
        params: idParams,
        body: publishPlanSchema,
        response: { 200: planPublicationSchema },
      },
    },
    async (request) => publishPlan(contextOf(request, db), request.params.id, request.body),
  );
}
