import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, atPath, type FieldIssue, fromZod, inLocale, msg } from '../../core/errors.ts';
import {
  citizenRatingSchema,
  citizenReopenSchema,
  citizenReplySchema,
  submitFeedbackSchema,
} from '../../core/feedback/feedback-schemas.ts';
import { FEEDBACK_STATUSES, type FeedbackStatus } from '../../core/feedback/workflow.ts';
import { idParam } from '../../core/ids.ts';
import { listQuery } from '../../core/list.ts';
import type { ServiceContext } from '../audit/audit-log.ts';
import { actorOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { communeAt } from '../geo/commune-areas.ts';
import { sendDownload } from '../http/downloads.ts';
import { readerLocale } from '../http/errors.ts';
import { type Attachment, receiveForm } from './feedback-attachments.ts';
import { submitPublic } from './feedback-intake.ts';
import { citizenAct, citizenFile, publicView } from './feedback-public.ts';
import { formChoices, PUBLIC_SORT_FIELDS, publicList } from './feedback-public-list.ts';

/**
 * The citizen's door, with no account: the form's lists, sending (JSON, or multipart with photos),
 * the public page of an item, and what the private link's token allows. The token travels in the
 * query string of GETs: these routes' query strings are never written to the request log.
 */
const code = z.string().trim().min(5).max(40);
const STATUS_CODES = Object.keys(FEEDBACK_STATUSES) as [FeedbackStatus, ...FeedbackStatus[]];
const token = z.string().trim().min(20).max(100);

/** The public list's query: the list contract with its filters (the web page reads the same). */
export const publicListQuery = listQuery(PUBLIC_SORT_FIELDS, '-receivedOn').extend({
  communeCode: z.string().trim().max(20).optional(),
  categoryCode: z.string().trim().max(60).optional(),
  status: z.enum(STATUS_CODES).optional(),
});

/**
 * A parse of a form sent as multipart (no route schema can check it) refused like any other body,
 * every field's problem in the details.
 */
export function parsed<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields: FieldIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: fromZod(issue.message),
  }));
  throw new AppError('VALIDATION_FAILED', fields[0] && atPath(fields[0]), { fields });
}

export const publicContext = (request: FastifyRequest, db: Db): ServiceContext => ({
  db,
  actor: actorOf(null),
  ip: request.ip,
  now: request.server.clock,
});

export async function feedbackPublicRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['public feedback'];
  const security: [] = [];

  api.get(
    '/api/public/feedback/form',
    {
      config: { policy: 'public' },
      schema: { tags, security, summary: 'Danh sách lĩnh vực và xã, phường của tỉnh cho mẫu gửi phản ánh' },
    },
    async () => formChoices(db),
  );
  api.get(
    '/api/public/feedback/commune-at',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        security,
        summary: 'Xã, phường tại một vị trí (theo ranh giới tỉnh đã nạp), để điền sẵn mẫu gửi phản ánh',
        querystring: z.object({
          lat: z.coerce.number().min(-90).max(90),
          lng: z.coerce.number().min(-180).max(180),
        }),
      },
    },
    async (request) => {
      const commune = await communeAt(db, request.query.lat, request.query.lng);
      if (!commune)
        throw new AppError(
          'NOT_FOUND',
          msg(
            'Chưa xác định được xã, phường tại vị trí này: hãy chọn trong danh sách.',
            'No commune is known at this point: choose it from the list.',
          ),
        );
      return commune;
    },
  );
  api.get(
    '/api/public/feedback',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        security,
        summary:
          'Danh sách phản ánh công khai, lọc theo xã, lĩnh vực, trạng thái (không có tên, liên hệ, ghi chú)',
        querystring: publicListQuery,
      },
    },
    async (request) => publicList(db, request.query),
  );
  api.post(
    '/api/public/feedback',
    {
      config: { policy: 'public' },
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        security,
        summary:
          'Gửi phản ánh, kiến nghị không cần tài khoản (JSON, hoặc multipart với tối đa 3 ảnh hoặc 1 PDF, mỗi tệp ≤ 5 MB); trả mã theo dõi và đường dẫn riêng',
      },
    },
    async (request, reply) => {
      let body: unknown = request.body;
      let files: Attachment[] = [];
      if (request.isMultipart()) {
        const form = await receiveForm(request);
        body = form.fields;
        files = form.files;
      }
      const answer = await submitPublic(
        publicContext(request, db),
        parsed(submitFeedbackSchema, body),
        files,
      );
      if (answer.duplicate)
        return reply.status(200).send({
          duplicate: true,
          code: answer.code,
          message: inLocale(answer.message, readerLocale(request)),
        });
      return reply.status(201).send(answer);
    },
  );
  api.get(
    '/api/public/feedback/:code',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        security,
        summary:
          'Trang công khai của phản ánh; với token của đường dẫn riêng: câu hỏi, tệp, đánh giá, mở lại',
        params: z.object({ code }),
        querystring: z.object({ token: token.optional() }),
      },
    },
    async (request) => publicView(publicContext(request, db), request.params.code, request.query.token),
  );
  api.get(
    '/api/public/feedback/:code/files/:fileId',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        security,
        summary: 'Tệp đính kèm của người gửi (cần token của đường dẫn riêng)',
        params: z.object({ code, fileId: idParam }),
        querystring: z.object({ token }),
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await citizenFile(
          publicContext(request, db),
          request.params.code,
          request.query.token,
          request.params.fileId,
        ),
      ),
  );
  api.post(
    '/api/public/feedback/:code/rating',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        security,
        summary: 'Đánh giá câu trả lời',
        params: z.object({ code }),
        body: citizenRatingSchema,
      },
    },
    async (request) =>
      citizenAct(publicContext(request, db), request.params.code, request.body.token, {
        type: 'rate',
        rating: request.body.rating,
      }),
  );
  api.post(
    '/api/public/feedback/:code/reopen',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        security,
        summary: 'Mở lại phản ánh đã trả lời (một lần, trong 30 ngày)',
        params: z.object({ code }),
        body: citizenReopenSchema,
      },
    },
    async (request) =>
      citizenAct(publicContext(request, db), request.params.code, request.body.token, {
        type: 'reopen',
        reason: request.body.reason,
      }),
  );
  api.post(
    '/api/public/feedback/:code/reply',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        security,
        summary: 'Bổ sung thông tin đơn vị hỏi',
        params: z.object({ code }),
        body: citizenReplySchema,
      },
    },
    async (request) =>
      citizenAct(publicContext(request, db), request.params.code, request.body.token, {
        type: 'reply',
        text: request.body.text,
      }),
  );
}
