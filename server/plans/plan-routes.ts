import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { listQuery, listResultSchema } from '../../core/list.ts';
import {
  agencyMatchSchema,
  createPlanSchema,
  planDetailSchema,
  planItemSchema,
  planSummarySchema,
  updatePlanItemSchema,
} from '../../core/plans/plan-views.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { readDocumentText } from '../files/documents.ts';
import { createPlan, findPlans, getPlan, previewPlan, updatePlanItem } from './plan-service.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const itemParams = idParams.extend({ itemId: z.coerce.number().int().positive() });
/** 2 MB of text is a 600-page plan. */
const MAX_TEXT = 2 * 1024 * 1024;

const previewSchema = z.object({
  // The parser's output is plain data (core/plans/types.ts), described loosely for the API document.
  plan: z.record(z.string(), z.unknown()),
  agencies: z.array(agencyMatchSchema),
  text: z.string(),
});

const planListQuery = listQuery(['createdAt', 'issuedOn', 'year', 'title'], '-createdAt').extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  unitId: z.coerce.number().int().positive().optional(),
});

export async function planRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['plans'];

  api.post(
    '/api/plans/preview',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags,
        summary: 'Đọc thử văn bản kế hoạch (dán nội dung): nhiệm vụ, lĩnh vực, đơn vị, thời hạn',
        body: z.object({ text: z.string().max(MAX_TEXT, 'Văn bản quá dài (tối đa 2 MB).') }),
        response: { 200: previewSchema },
      },
    },
    async (request) => {
      const { plan, agencies } = await previewPlan(contextOf(request, db), request.body.text);
      return { plan: { ...plan }, agencies, text: request.body.text };
    },
  );

  api.post(
    '/api/plans/preview-file',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags,
        summary: 'Đọc thử tệp kế hoạch (.docx, .txt, .md)',
        consumes: ['multipart/form-data'],
        response: { 200: previewSchema },
      },
    },
    async (request) => {
      const file = await request.file();
      if (!file)
        throw new AppError('VALIDATION_FAILED', 'Vui lòng chọn tệp cần nhập.', {
          fields: [{ path: 'file', message: 'Vui lòng chọn tệp.' }],
        });
      const text = await readDocumentText(file.filename, await file.toBuffer());
      const { plan, agencies } = await previewPlan(contextOf(request, db), text);
      return { plan: { ...plan }, agencies, text };
    },
  );

  api.post(
    '/api/plans',
    {
      config: { policy: 'plans.write' },
      schema: { tags, summary: 'Lưu kế hoạch', body: createPlanSchema, response: { 201: planDetailSchema } },
    },
    async (request, reply) => reply.status(201).send(await createPlan(contextOf(request, db), request.body)),
  );

  api.get(
    '/api/plans',
    {
      config: { policy: 'plans.read' },
      schema: {
        tags,
        summary: 'Danh sách kế hoạch',
        querystring: planListQuery,
        response: { 200: listResultSchema(planSummarySchema) },
      },
    },
    async (request) => findPlans(contextOf(request, db), request.query),
  );

  api.get(
    '/api/plans/:id',
    {
      config: { policy: 'plans.read' },
      schema: { tags, summary: 'Chi tiết kế hoạch', params: idParams, response: { 200: planDetailSchema } },
    },
    async (request) => getPlan(contextOf(request, db), request.params.id),
  );

  api.patch(
    '/api/plans/:id/items/:itemId',
    {
      config: { policy: 'plans.report' },
      schema: {
        tags,
        summary: 'Cập nhật nhiệm vụ: trạng thái, tiến độ, thời hạn, đơn vị thực hiện',
        params: itemParams,
        body: updatePlanItemSchema,
        response: { 200: planItemSchema },
      },
    },
    async (request) =>
      updatePlanItem(contextOf(request, db), request.params.id, request.params.itemId, request.body),
  );
}
