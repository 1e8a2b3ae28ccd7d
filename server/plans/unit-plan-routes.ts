import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../core/ids.ts';
import {
  issuePlanSchema,
  planDetailSchema,
  planItemSchema,
  planTargetSchema,
  withdrawPlanSchema,
} from '../../core/plans/plan-views.ts';
import {
  addPlanTargetSchema,
  addPlanTaskSchema,
  removePlanTaskQuery,
  updatePlanTargetSchema,
} from '../../core/plans/unit-plan-schemas.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { issuePlan, withdrawPlan } from './plan-issue.ts';
import { addPlanTarget, removePlanTarget, updatePlanTarget } from './plan-targets.ts';
import { addPlanTask, removePlanTask } from './unit-plans.ts';

const idParams = z.object({ id: idParam });
const itemParams = idParams.extend({ itemId: idParam });
const targetParams = idParams.extend({ targetId: idParam });

/**
 * A plan's author adds and removes its own tasks and targets (a unit, in the plan it answers with,
 * while a draft); its head issues it and withdraws it to a draft.
 */
export async function unitPlanRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['plans'];

  api.post(
    '/api/plans/:id/items',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags,
        summary: 'Thêm nhiệm vụ vào kế hoạch (đơn vị chủ trì, phối hợp trong phạm vi đơn vị ban hành)',
        params: idParams,
        body: addPlanTaskSchema,
        response: { 201: planItemSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addPlanTask(contextOf(request, db), request.params.id, request.body)),
  );

  api.delete(
    '/api/plans/:id/items/:itemId',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags,
        summary: 'Xóa nhiệm vụ đơn vị tự thêm (không xóa nhiệm vụ cấp trên giao)',
        params: itemParams,
        querystring: removePlanTaskQuery,
      },
    },
    async (request, reply) => {
      const { id, itemId } = request.params;
      await removePlanTask(contextOf(request, db), id, itemId, request.query.version);
      return reply.status(204).send();
    },
  );

  api.post(
    '/api/plans/:id/targets',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags,
        summary: 'Thêm chỉ tiêu của kế hoạch',
        params: idParams,
        body: addPlanTargetSchema,
        response: { 201: planTargetSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addPlanTarget(contextOf(request, db), request.params.id, request.body)),
  );

  api.patch(
    '/api/plans/:id/targets/:targetId',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags,
        summary: 'Sửa chỉ tiêu của kế hoạch (chỉ số, giá trị, kỳ) theo phiên bản đã đọc',
        params: targetParams,
        body: updatePlanTargetSchema,
        response: { 200: planTargetSchema },
      },
    },
    async (request) => {
      const { id, targetId } = request.params;
      return updatePlanTarget(contextOf(request, db), id, targetId, request.body);
    },
  );

  api.post(
    '/api/plans/:id/issue',
    {
      config: { policy: 'plans.issue' },
      schema: {
        tags,
        summary: 'Ban hành kế hoạch dự thảo của đơn vị (cần số, ký hiệu và ngày ban hành)',
        params: idParams,
        body: issuePlanSchema,
        response: { 200: planDetailSchema },
      },
    },
    async (request) => issuePlan(contextOf(request, db), request.params.id, request.body),
  );

  api.post(
    '/api/plans/:id/withdraw',
    {
      config: { policy: 'plans.issue' },
      schema: {
        tags,
        summary: 'Thu hồi kế hoạch đã ban hành của đơn vị về dự thảo (nêu lý do)',
        params: idParams,
        body: withdrawPlanSchema,
        response: { 200: planDetailSchema },
      },
    },
    async (request) => withdrawPlan(contextOf(request, db), request.params.id, request.body),
  );

  api.delete(
    '/api/plans/:id/targets/:targetId',
    {
      config: { policy: 'plans.write' },
      schema: { tags, summary: 'Xóa chỉ tiêu của kế hoạch', params: targetParams },
    },
    async (request, reply) => {
      await removePlanTarget(contextOf(request, db), request.params.id, request.params.targetId);
      return reply.status(204).send();
    },
  );
}
