import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inLocale, msg } from '../../core/errors.ts';
import {
  type Document,
  errorDocument,
  FORMATS,
  type Locale,
  type Open311Format,
  render,
} from '../../core/open311/georeport.ts';
import type { Db } from '../db/engine.ts';
import { publicContext } from '../feedback/feedback-public-routes.ts';
import { httpStatusOf, readerLocale, toAppError } from '../http/errors.ts';
import { argumentOf, type PostBody, postRequest } from './open311-post.ts';
import {
  assertJurisdiction,
  discovery,
  request as oneRequest,
  requests,
  serviceDefinition,
  services,
  token,
} from './open311-service.ts';

/**
 * Open311 GeoReport v2 at /open311/v2/: every resource in JSON or XML by its suffix, errors in the
 * standard's form (`[{"code":404,"description":"…"}]`, `<errors><error>…`) with their HTTP status,
 * Vietnamese unless the client asks for English (`?locale=en`, or Accept-Language en). Public routes:
 * no session and no CSRF token; a POST is authorised by the registered client's api_key in its body
 * (application/x-www-form-urlencoded as the standard sends it, or JSON).
 */
const PREFIX = '/open311/v2';
const format = z.enum(['json', 'xml']);
const common = z.object({
  jurisdiction_id: z.string().max(100).optional(),
  locale: z.enum(['vi', 'en']).optional(),
});

/** The client's language: `?locale=`, then the page's header, then Accept-Language; Vietnamese by default. */
function localeOf(request: FastifyRequest): Locale {
  const asked = (request.query as { locale?: unknown } | undefined)?.locale;
  if (asked === 'en' || asked === 'vi') return asked;
  const shown = readerLocale(request);
  if (shown === 'en' || shown === 'vi') return shown;
  const accepted = request.headers['accept-language'];
  return typeof accepted === 'string' && /^\s*en\b/i.test(accepted) ? 'en' : 'vi';
}

/** The format a request asked for by its suffix; XML (the standard's required one) when it named none. */
function formatOf(request: FastifyRequest): Open311Format {
  const path = request.url.split('?')[0] ?? '';
  return path.endsWith('.json') ? 'json' : 'xml';
}

function send(reply: FastifyReply, document: Document, as: Open311Format, status = 200) {
  return reply.status(status).type(`${FORMATS[as]}; charset=utf-8`).send(render(document, as));
}

export async function open311Routes(app: FastifyInstance, { db, publicUrl }: { db: Db; publicUrl: string }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['open311'];
  const security: [] = [];
  const config = { policy: 'public' as const };

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  // What anyone may read, a web page of another site may read too (CORS); a POST carries an api_key,
  // which belongs on an app's server, never in a browser: no CORS for it.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'GET' || request.method === 'HEAD')
      reply.header('access-control-allow-origin', '*');
    return payload;
  });
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    const status = httpStatusOf(appError.code);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code }, 'open311 request refused');
    const retryAfter = appError.details.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    const locale = localeOf(request);
    // A body of another type is not a file here: say what the standard sends.
    const text =
      appError.code === 'UNSUPPORTED_FILE'
        ? msg(
            'Hãy gửi dạng application/x-www-form-urlencoded (hoặc JSON) như chuẩn Open311 quy định.',
            'Send application/x-www-form-urlencoded (or JSON) as the Open311 standard has it.',
          )
        : appError.text;
    const fields = appError.details.fields ?? [];
    const errors =
      fields.length > 0
        ? fields.map((field) => ({
            code: status,
            description: `${argumentOf(field.path)}: ${inLocale(field.message, locale)}`,
          }))
        : [{ code: status, description: inLocale(text, locale) }];
    return send(reply, errorDocument(errors), formatOf(request), status);
  });

  api.get(
    `${PREFIX}/discovery.:format`,
    {
      config,
      schema: {
        tags,
        security,
        summary: 'Open311: tệp khám phá dịch vụ (các điểm truy cập, định dạng)',
        params: z.object({ format }),
        querystring: common,
      },
    },
    async (request, reply) =>
      send(
        reply,
        await discovery(db, `${request.protocol}://${request.host}`, localeOf(request)),
        request.params.format,
      ),
  );
  api.get(
    `${PREFIX}/services.:format`,
    {
      config,
      schema: {
        tags,
        security,
        summary: 'Open311: danh sách dịch vụ (các lĩnh vực phản ánh đang dùng)',
        params: z.object({ format }),
        querystring: common,
      },
    },
    async (request, reply) => {
      await assertJurisdiction(db, request.query.jurisdiction_id);
      return send(reply, await services(db, localeOf(request)), request.params.format);
    },
  );
  api.get(
    `${PREFIX}/services/:code.:format`,
    {
      config,
      schema: {
        tags,
        security,
        summary: 'Open311: định nghĩa dịch vụ (xã, phường liên quan; loại phản ánh)',
        params: z.object({ code: z.string().max(60), format }),
        querystring: common,
      },
    },
    async (request, reply) => {
      await assertJurisdiction(db, request.query.jurisdiction_id);
      return send(
        reply,
        await serviceDefinition(db, request.params.code, localeOf(request)),
        request.params.format,
      );
    },
  );
  api.get(
    `${PREFIX}/requests.:format`,
    {
      config,
      schema: {
        tags,
        security,
        summary:
          'Open311: danh sách phản ánh công khai theo mã, lĩnh vực, thời gian (tối đa 90 ngày), trạng thái open/closed; tối đa 1000',
        params: z.object({ format }),
        querystring: common.extend({
          service_request_id: z.string().max(20_000).optional(),
          service_code: z.string().max(2000).optional(),
          start_date: z.string().max(40).optional(),
          end_date: z.string().max(40).optional(),
          status: z.string().max(40).optional(),
        }),
      },
    },
    async (request, reply) => {
      await assertJurisdiction(db, request.query.jurisdiction_id);
      return send(
        reply,
        await requests(publicContext(request, db), request.query, localeOf(request)),
        request.params.format,
      );
    },
  );
  api.post(
    `${PREFIX}/requests.:format`,
    {
      config,
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        security,
        summary:
          'Open311: gửi phản ánh từ ứng dụng đã đăng ký (api_key); cùng quy trình tiếp nhận như cổng công khai',
        params: z.object({ format }),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await postRequest(
          publicContext(request, db),
          (request.body ?? {}) as PostBody,
          localeOf(request),
          publicUrl,
        ),
        request.params.format,
      ),
  );
  api.get(
    `${PREFIX}/requests/:id.:format`,
    {
      config,
      schema: {
        tags,
        security,
        summary: 'Open311: một phản ánh công khai theo mã theo dõi',
        params: z.object({ id: z.string().max(40), format }),
        querystring: common,
      },
    },
    async (request, reply) => {
      await assertJurisdiction(db, request.query.jurisdiction_id);
      return send(
        reply,
        await oneRequest(publicContext(request, db), request.params.id, localeOf(request)),
        request.params.format,
      );
    },
  );
  api.get(
    `${PREFIX}/tokens/:token.:format`,
    {
      config,
      schema: {
        tags,
        security,
        summary: 'Open311: mã phản ánh (service_request_id) của một token ứng dụng nhận khi gửi',
        params: z.object({ token: z.string().max(100), format }),
        querystring: common,
      },
    },
    async (request, reply) => {
      await assertJurisdiction(db, request.query.jurisdiction_id);
      return send(
        reply,
        await token(publicContext(request, db), request.params.token),
        request.params.format,
      );
    },
  );
  // Anything else under /open311/v2/ is not found, in the standard's error form.
  const notFound = async (request: FastifyRequest, reply: FastifyReply) => {
    const description = inLocale(
      msg('Không có tài nguyên Open311 này.', 'No such Open311 resource.'),
      localeOf(request),
    );
    return send(reply, errorDocument([{ code: 404, description }]), formatOf(request), 404);
  };
  app.get(`${PREFIX}/*`, { config, schema: { hide: true } }, notFound);
  app.post(`${PREFIX}/*`, { config, schema: { hide: true } }, notFound);
}
