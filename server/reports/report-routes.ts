import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, idSchema } from '../../core/ids.ts';
import { listQuery } from '../../core/list.ts';
import { planName } from '../../core/plans/plan-name.ts';
import { evidenceSchema } from '../../core/plans/plan-views.ts';
import { saveConsolidatedDraftSchema } from '../../core/reports/consolidated-draft.ts';
import { REPORT_STATUSES, saveReportSchema, transitionSchema } from '../../core/reports/report.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { DOCUMENT_FORMATS } from '../files/document-render.ts';
import { sendDownload } from '../http/downloads.ts';
import { uploadedFile } from '../http/uploads.ts';
import { startJob } from '../jobs/jobs.ts';
import { exportPeriodBoard } from './board-export.ts';
import { consolidatedReport } from './consolidated.ts';
import { assertConsolidates, getConsolidatedDraft, saveConsolidatedDraft } from './consolidated-draft.ts';
import { addSignedCopy, listSignedCopies, reportDocument, signedCopyFile } from './report-document.ts';
import { reportPeriods } from './report-periods.ts';
import { QUEUE_SORT_FIELDS, reportInbox, reviewQueue } from './report-queues.ts';
import {
  getReport,
  openReport,
  periodOverview,
  saveReport,
  transitionReport,
  unitReports,
  windowOf,
} from './report-service.ts';

const id = idParam;
const periodCode = z.string().trim().min(4).max(10);

export async function reportRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];

  api.get(
    '/api/reports',
    {
      config: { policy: 'reports.read' },
      schema: {
        tags,
        summary: 'Các đơn vị và báo cáo của kỳ: đã gửi, đúng hạn, muộn, chưa gửi (đôn đốc)',
        querystring: z.object({ period: periodCode, status: z.enum(REPORT_STATUSES).optional() }),
      },
    },
    async (request) =>
      periodOverview(contextOf(request, db), request.query.period, { status: request.query.status }),
  );
  api.get(
    '/api/reports/board.xlsx',
    {
      config: { policy: 'reports.read' },
      schema: {
        tags,
        summary: 'Tình hình gửi báo cáo của kỳ dưới dạng .xlsx',
        querystring: z.object({ period: periodCode }),
      },
    },
    async (request, reply) =>
      sendDownload(reply, await exportPeriodBoard(contextOf(request, db), request.query.period)),
  );
  api.get(
    '/api/reports/periods',
    {
      config: { policy: 'reports.read' },
      schema: {
        tags,
        summary:
          'Các kỳ chọn được trong năm (mặc định năm nay): tháng, quý, 6 tháng, năm đang mở, đến hạn hoặc quá hạn',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
      },
    },
    async (request) => reportPeriods(contextOf(request, db), request.query),
  );
  api.get(
    '/api/reports/inbox',
    {
      config: { policy: 'reports.write' },
      schema: {
        tags,
        summary: 'Hộp báo cáo của đơn vị: các kỳ đến hạn hoặc quá hạn phải viết, và các kỳ đã gửi',
      },
    },
    async (request) => reportInbox(contextOf(request, db)),
  );
  api.get(
    '/api/reports/queue',
    {
      config: { policy: 'reports.review' },
      schema: {
        tags,
        summary: 'Hàng chờ duyệt: báo cáo đã gửi, chờ tiếp nhận hoặc trả lại',
        querystring: listQuery(QUEUE_SORT_FIELDS, 'submittedAt').extend({ period: periodCode.optional() }),
      },
    },
    async (request) => reviewQueue(contextOf(request, db), request.query),
  );
  api.post(
    '/api/reports',
    {
      config: { policy: 'reports.write' },
      schema: {
        tags,
        summary: 'Mở (hoặc tạo) báo cáo kỳ của đơn vị',
        body: z.object({ unitId: idSchema, periodCode }),
      },
    },
    async (request) => openReport(contextOf(request, db), request.body.unitId, request.body.periodCode),
  );
  api.get(
    '/api/reports/:id',
    {
      config: { policy: 'reports.read' },
      schema: { tags, summary: 'Báo cáo và lịch sử', params: z.object({ id }) },
    },
    async (request) => getReport(contextOf(request, db), request.params.id),
  );
  api.put(
    '/api/reports/:id',
    {
      config: { policy: 'reports.write' },
      schema: { tags, summary: 'Lưu bản nháp', params: z.object({ id }), body: saveReportSchema },
    },
    async (request) => saveReport(contextOf(request, db), request.params.id, request.body),
  );
  api.post(
    '/api/reports/:id/transitions',
    {
      config: { policy: 'reports.read' },
      schema: {
        tags,
        summary: 'Gửi, trả lại, tiếp nhận, khóa, mở lại (theo vai trò)',
        params: z.object({ id }),
        body: transitionSchema,
      },
    },
    async (request) => transitionReport(contextOf(request, db), request.params.id, request.body),
  );
  api.post(
    '/api/reports/consolidated',
    {
      config: { policy: 'reports.review' },
      schema: {
        tags,
        summary: 'Lập báo cáo tổng hợp của tỉnh cho kỳ (.docx theo NĐ 30/2020 và phụ lục .xlsx), chạy nền',
        body: z.object({ planId: idSchema, periodCode }),
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, db);
      const { planId, periodCode: code } = request.body;
      // Read before the job starts, so a wrong plan or period is refused at once; the job reports on this
      // plan with the sections as they are now (the coordinator's saved text, or the units' words).
      const plan = await assertConsolidates(ctx, planId);
      const window = await windowOf(ctx, code);
      const { sections } = await getConsolidatedDraft(ctx, planId, window.code);
      const id = await startJob(
        ctx,
        'consolidated-report',
        (progress) => consolidatedReport(ctx, plan, window.code, sections, progress),
        // The plan's name as people read it, kept with the job: its card names it even once the plan is gone.
        { planId, planName: planName(plan), periodCode: window.code },
      );
      return reply.status(202).send({ jobId: id });
    },
  );
  api.get(
    '/api/reports/consolidated/draft',
    {
      config: { policy: 'reports.review' },
      schema: {
        tags,
        summary: 'Các phần nhận định của báo cáo tổng hợp (bản đã lưu, hoặc gợi ý từ báo cáo của các đơn vị)',
        querystring: z.object({ planId: idParam, period: periodCode }),
      },
    },
    async (request) =>
      getConsolidatedDraft(contextOf(request, db), request.query.planId, request.query.period),
  );
  api.put(
    '/api/reports/consolidated/draft',
    {
      config: { policy: 'reports.review' },
      schema: {
        tags,
        summary: 'Lưu các phần nhận định của báo cáo tổng hợp trước khi xuất (theo phiên bản)',
        body: saveConsolidatedDraftSchema,
      },
    },
    async (request) => saveConsolidatedDraft(contextOf(request, db), request.body),
  );
  for (const format of DOCUMENT_FORMATS)
    api.get(
      `/api/reports/:id/export.${format}`,
      {
        config: { policy: 'reports.read' },
        schema: {
          tags,
          summary: `Tải báo cáo của đơn vị dạng .${format} (NĐ 30/2020) để trình ký`,
          params: z.object({ id }),
        },
      },
      async (request, reply) =>
        sendDownload(reply, await reportDocument(contextOf(request, db), request.params.id, format)),
    );
  api.get(
    '/api/reports/:id/signed-copies',
    {
      config: { policy: 'reports.read' },
      schema: {
        tags,
        summary: 'Các bản báo cáo đã ký, đóng dấu (bản chụp) đính kèm',
        params: z.object({ id }),
        response: { 200: z.array(evidenceSchema) },
      },
    },
    async (request) => listSignedCopies(contextOf(request, db), request.params.id),
  );
  api.post(
    '/api/reports/:id/signed-copies',
    {
      config: { policy: 'reports.write' },
      schema: {
        tags,
        summary: 'Đính kèm bản báo cáo đã ký (.pdf hoặc ảnh chụp, tối đa 10 MB)',
        consumes: ['multipart/form-data'],
        params: z.object({ id }),
        response: { 201: evidenceSchema },
      },
    },
    async (request, reply) => {
      const meta = await addSignedCopy(
        contextOf(request, db),
        request.params.id,
        await uploadedFile(request),
      );
      return reply.status(201).send(meta);
    },
  );
  api.get(
    '/api/reports/:id/signed-copies/:evidenceId',
    {
      config: { policy: 'reports.read' },
      schema: {
        tags,
        summary: 'Tải bản báo cáo đã ký',
        params: z.object({ id, evidenceId: idParam }),
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await signedCopyFile(contextOf(request, db), request.params.id, request.params.evidenceId),
      ),
  );
  api.get(
    '/api/units/:id/reports',
    {
      config: { policy: 'reports.read' },
      schema: { tags, summary: 'Các báo cáo của một đơn vị', params: z.object({ id }) },
    },
    async (request) => unitReports(contextOf(request, db), request.params.id),
  );
}
