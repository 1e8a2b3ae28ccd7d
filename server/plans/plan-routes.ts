import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zodMsg } from '../../core/errors.ts';
import { fileSignatureSummarySchema } from '../../core/files/signature-views.ts';
import { idParam } from '../../core/ids.ts';
import { listQuery, listResultSchema } from '../../core/list.ts';
import {
  agencyMatchSchema,
  cascadeSchema,
  createChildPlanSchema,
  createPlanSchema,
  evidenceSchema,
  ITEM_STATUSES,
  parsedPlanPreviewSchema,
  planDetailSchema,
  planItemSchema,
  planSummarySchema,
  updatePlanItemSchema,
  updatePlanSchema,
} from '../../core/plans/plan-views.ts';
import { DIMENSION_CODES } from '../../core/plans/types.ts';
import { isoDate } from '../../core/text/fields.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { DOCUMENT_FORMATS, renderDocumentFile } from '../files/document-render.ts';
import type { SystemTools } from '../files/system-tools.ts';
import { sendDownload } from '../http/downloads.ts';
import { uploadedFile } from '../http/uploads.ts';
import { createChildPlan, updatePlan } from './child-plans.ts';
import { getCascade } from './plan-cascade.ts';
import { createPlan, previewPlan, updatePlanItem } from './plan-commands.ts';
import { planToSpec } from './plan-document.ts';
import { addEvidence, getEvidenceFile, listTaskEvidence, removeEvidence } from './plan-evidence.ts';
import { readPlanFile } from './plan-file.ts';
import { findPlans, findTasks, getPlan } from './plan-queries.ts';
import { unitPlanRoutes } from './unit-plan-routes.ts';

const idParams = z.object({ id: idParam });
const itemParams = idParams.extend({ itemId: idParam });
/** 2 MB of text is a 600-page plan. */
const MAX_TEXT = 2 * 1024 * 1024;

const previewSchema = z.object({
  // The parser's output is plain data (core/plans/types.ts), described loosely for the API document
  // except the particulars' confidence, which the review screen relies on.
  plan: parsedPlanPreviewSchema,
  agencies: z.array(agencyMatchSchema),
  text: z.string(),
  /** The source's digital signatures when it is a PDF read from a file (null otherwise). */
  signature: fileSignatureSummarySchema.nullable(),
});

const planListQuery = listQuery(['createdAt', 'issuedOn', 'year', 'title'], '-createdAt').extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  unitId: idParam.optional(),
});

const taskListQuery = listQuery(['due', 'ref', 'progress'], 'due').extend({
  unitId: idParam.optional(),
  dimension: z.enum(DIMENSION_CODES).optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true'),
  dueFrom: isoDate.optional(),
  dueTo: isoDate.optional(),
});

const taskRowSchema = planItemSchema.extend({
  plan: z.object({ id: z.number().int(), number: z.string().nullable(), title: z.string() }),
});

export async function planRoutes(app: FastifyInstance, { db, tools }: { db: Db; tools: SystemTools }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['plans'];

  api.post(
    '/api/plans/preview',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags,
        summary: 'Đọc thử văn bản kế hoạch (dán nội dung): nhiệm vụ, lĩnh vực, đơn vị, thời hạn',
        body: z.object({
          text: z
            .string()
            .max(MAX_TEXT, zodMsg('Văn bản quá dài (tối đa 2 MB).', 'The text is too long (at most 2 MB).')),
        }),
        response: { 200: previewSchema },
      },
    },
    async (request) => {
      const { plan, agencies } = await previewPlan(contextOf(request, db), request.body.text);
      return { plan: { ...plan }, agencies, text: request.body.text, signature: null };
    },
  );

  api.post(
    '/api/plans/preview-file',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags,
        summary:
          'Đọc thử tệp kế hoạch (.docx, .doc, .pdf, .txt, .md); bản quét (.pdf không có lớp chữ, .png, .jpg, .tif) được nhận dạng chạy nền: trả 202 với mã việc',
        consumes: ['multipart/form-data'],
        response: {
          200: previewSchema,
          202: z.object({ jobId: z.number().int(), signature: fileSignatureSummarySchema.nullable() }),
        },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, db);
      const read = await readPlanFile(ctx, await uploadedFile(request), tools);
      if ('jobId' in read) return reply.status(202).send({ jobId: read.jobId, signature: read.signature });
      const { plan, agencies } = await previewPlan(ctx, read.text);
      return { plan: { ...plan }, agencies, text: read.text, signature: read.signature };
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
    '/api/plans/:id',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags,
        summary: 'Sửa kế hoạch: số, ngày ban hành, người ký; hạn lập kế hoạch của đơn vị, trạng thái',
        params: idParams,
        body: updatePlanSchema,
        response: { 200: planDetailSchema },
      },
    },
    async (request) => updatePlan(contextOf(request, db), request.params.id, request.body),
  );

  api.post(
    '/api/plans/:id/children',
    {
      config: { policy: 'plans.write' },
      schema: {
        tags,
        summary: 'Lập kế hoạch của đơn vị thực hiện kế hoạch này (từ các nhiệm vụ được giao)',
        params: idParams,
        body: createChildPlanSchema,
        response: { 201: planDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createChildPlan(contextOf(request, db), request.params.id, request.body)),
  );

  api.get(
    '/api/plans/:id/cascade',
    {
      config: { policy: 'plans.read' },
      schema: {
        tags,
        summary: 'Các đơn vị đã/chưa lập kế hoạch thực hiện; nhiệm vụ chưa đơn vị nào nhận',
        params: idParams,
        response: { 200: cascadeSchema },
      },
    },
    async (request) => getCascade(contextOf(request, db), request.params.id),
  );

  const evidenceParams = itemParams.extend({ evidenceId: idParam });

  api.get(
    '/api/plans/:id/items/:itemId/evidence',
    {
      config: { policy: 'plans.read' },
      schema: {
        tags,
        summary: 'Minh chứng của nhiệm vụ',
        params: itemParams,
        response: { 200: z.array(evidenceSchema) },
      },
    },
    async (request) => listTaskEvidence(contextOf(request, db), request.params.id, request.params.itemId),
  );

  api.post(
    '/api/plans/:id/items/:itemId/evidence',
    {
      config: { policy: 'plans.report' },
      schema: {
        tags,
        summary: 'Đính kèm minh chứng (.pdf, .docx, .xlsx, ảnh …, tối đa 10 MB)',
        consumes: ['multipart/form-data'],
        params: itemParams,
        response: { 201: evidenceSchema },
      },
    },
    async (request, reply) => {
      const meta = await addEvidence(
        contextOf(request, db),
        request.params.id,
        request.params.itemId,
        await uploadedFile(request),
      );
      return reply.status(201).send(meta);
    },
  );

  api.get(
    '/api/plans/:id/items/:itemId/evidence/:evidenceId',
    {
      config: { policy: 'plans.read' },
      schema: { tags, summary: 'Tải tệp minh chứng', params: evidenceParams },
    },
    async (request, reply) => {
      const { id, itemId, evidenceId } = request.params;
      const file = await getEvidenceFile(contextOf(request, db), id, itemId, evidenceId);
      return sendDownload(reply, file);
    },
  );

  api.delete(
    '/api/plans/:id/items/:itemId/evidence/:evidenceId',
    {
      config: { policy: 'plans.report' },
      schema: { tags, summary: 'Gỡ minh chứng đính kèm nhầm', params: evidenceParams },
    },
    async (request, reply) => {
      const { id, itemId, evidenceId } = request.params;
      await removeEvidence(contextOf(request, db), id, itemId, evidenceId);
      return reply.status(204).send();
    },
  );

  for (const format of DOCUMENT_FORMATS)
    api.get(
      `/api/plans/:id/export.${format}`,
      {
        config: { policy: 'plans.read' },
        schema: {
          tags,
          summary: `Tải kế hoạch dạng .${format} theo thể thức Nghị định 30/2020/NĐ-CP`,
          params: idParams,
        },
      },
      async (request, reply) => {
        const plan = await getPlan(contextOf(request, db), request.params.id);
        // Named by its number, or by its title while it has none.
        const name = fileNamePart(plan.number ? `Kế hoạch ${plan.number}` : plan.title);
        return sendDownload(reply, await renderDocumentFile(planToSpec(plan), format, name));
      },
    );

  api.get(
    '/api/plan-tasks',
    {
      config: { policy: 'plans.read' },
      schema: {
        tags,
        summary: 'Nhiệm vụ do đơn vị chủ trì, từ mọi kế hoạch (lọc: đơn vị, lĩnh vực, quá hạn, thời hạn)',
        querystring: taskListQuery,
        response: { 200: listResultSchema(taskRowSchema) },
      },
    },
    async (request) => findTasks(contextOf(request, db), request.query),
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

  await unitPlanRoutes(app, { db });
}
