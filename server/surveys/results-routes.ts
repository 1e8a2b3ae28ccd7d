import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeRoots } from '../../core/auth/roles.ts';
import { idParam, versionOrNewSchema } from '../../core/ids.ts';
import { listQuery } from '../../core/list.ts';
import { contextOf } from '../auth/policy.ts';
import { todayOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { ReadCache } from '../db/read-cache.ts';
import { sendDownload } from '../http/downloads.ts';
import {
  COMMENT_SORTS,
  listComments,
  listExcluded,
  replyToComment,
  setExclusion,
} from './comments-service.ts';
import { type SurveyResultsView, surveyResultsOf } from './results-service.ts';
import { responsesCsv, resultsXlsx } from './survey-export.ts';

const params = z.object({ id: idParam });
const area = z.object({ unitId: idParam.optional(), period: z.string().trim().min(4).max(7).optional() });
const withComparison = area.extend({ compare: z.string().trim().min(4).max(7).optional() });

/** A survey's results, comments and the units' answers to them, held-out responses, exports. */
export async function surveyResultsRoutes(
  app: FastifyInstance,
  { db, cacheMs }: { db: Db; cacheMs: number },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['surveys'];
  // A province's year is tens of thousands of responses: read once, kept until a survey changes (or
  // anything broad, e.g. a dossier import that moves the weights, or a merger).
  const results = new ReadCache<SurveyResultsView>({
    maxEntries: 500,
    maxAgeMs: cacheMs,
    dependsOn: ['surveys'],
  });
  api.get(
    '/api/surveys/:id/results',
    {
      config: { policy: 'surveys.read' },
      schema: { tags, summary: 'Kết quả khảo sát của đơn vị trong kỳ', params, querystring: withComparison },
    },
    async (request) => {
      const ctx = contextOf(request, db);
      const roots = scopeRoots(ctx.user.grants, 'surveys.read').join(',');
      const { unitId, period, compare } = request.query;
      // Without a period it is today's quarter: the key carries the day so it moves on with the clock.
      return results.get(
        `${roots}|${request.params.id}|${unitId ?? ''}|${period ?? todayOf(ctx)}|${compare ?? ''}`,
        () => surveyResultsOf(ctx, request.params.id, request.query),
      );
    },
  );
  api.get(
    '/api/surveys/:id/results.xlsx',
    {
      config: { policy: 'surveys.read' },
      schema: { tags, summary: 'Kết quả khảo sát (.xlsx)', params, querystring: withComparison },
    },
    async (request, reply) =>
      sendDownload(reply, await resultsXlsx(contextOf(request, db), request.params.id, request.query)),
  );
  api.get(
    '/api/surveys/:id/responses.csv',
    {
      config: { policy: 'surveys.read' },
      schema: { tags, summary: 'Phiếu trả lời đã ẩn danh (.csv)', params, querystring: area },
    },
    async (request, reply) =>
      sendDownload(reply, await responsesCsv(contextOf(request, db), request.params.id, request.query)),
  );
  api.get(
    '/api/surveys/:id/comments',
    {
      config: { policy: 'surveys.read' },
      schema: {
        tags,
        summary: 'Ý kiến của người dân theo yếu tố, kèm trả lời của đơn vị',
        params,
        querystring: listQuery(COMMENT_SORTS, '-answeredAt').extend({
          unitId: idParam.optional(),
          period: z.string().trim().min(4).max(7).optional(),
          element: z.string().trim().max(32).optional(),
        }),
      },
    },
    async (request) => listComments(contextOf(request, db), request.params.id, request.query),
  );
  api.get(
    '/api/surveys/:id/excluded',
    {
      config: { policy: 'surveys.read' },
      schema: {
        tags,
        summary: 'Phiếu không được tính và lý do',
        params,
        querystring: listQuery(['answeredAt'], '-answeredAt').extend(area.shape),
      },
    },
    async (request) => listExcluded(contextOf(request, db), request.params.id, request.query),
  );
  api.put(
    '/api/survey-responses/:id/replies/:question',
    {
      config: { policy: 'surveys.enter' },
      schema: {
        tags,
        summary: 'Trả lời của đơn vị cho một ý kiến (để trống: xóa)',
        params: z.object({ id: idParam, question: z.string().trim().min(1).max(32) }),
        body: z.object({ text: z.string().max(4000), version: versionOrNewSchema }),
      },
    },
    async (request) =>
      replyToComment(contextOf(request, db), request.params.id, request.params.question, request.body),
  );
  api.put(
    '/api/survey-responses/:id/exclusion',
    {
      config: { policy: 'surveys.manage' },
      schema: {
        tags,
        summary: 'Loại một phiếu khỏi kết quả (có lý do) hoặc tính lại (lý do rỗng)',
        params,
        body: z.object({ reason: z.string().max(500).nullable() }),
      },
    },
    async (request) => setExclusion(contextOf(request, db), request.params.id, request.body.reason),
  );
}
