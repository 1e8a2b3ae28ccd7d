import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../core/ids.ts';
import { surveyLinkQuerySchema, surveyLinkSchema } from '../../core/surveys/link-schemas.ts';
import { contextOf } from '../auth/policy.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/engine.ts';
import { sendDownload } from '../http/downloads.ts';
import { assertSurveyUnit } from './survey-access.ts';
import { surveyLink } from './survey-links.ts';
import { surveyPaperForm } from './survey-paper-form.ts';
import { surveyPoster } from './survey-poster.ts';
import { getSurvey } from './survey-service.ts';

/**
 * The desk's link, QR code and printed poster of a unit's survey, for staff who read the unit's
 * surveys. The link is on the configured public address (CHISO_PUBLIC_URL) when one is set, else on
 * the address the staff member reached the server at.
 */
export async function surveyLinkRoutes(
  app: FastifyInstance,
  { db, config }: { db: Db; config: Pick<Config, 'publicUrl' | 'publicUrlGiven' | 'secret'> },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['surveys'];
  const origin = (request: FastifyRequest) =>
    config.publicUrlGiven ? config.publicUrl : `${request.protocol}://${request.host}`;
  const params = z.object({ id: idParam });
  api.get(
    '/api/surveys/:id/links',
    {
      config: { policy: 'surveys.read' },
      schema: {
        tags,
        summary: 'Đường dẫn ngắn và mã QR khảo sát của một đơn vị',
        params,
        querystring: surveyLinkQuerySchema,
        response: { 200: surveyLinkSchema },
      },
    },
    async (request) =>
      surveyLink(contextOf(request, db), {
        surveyId: request.params.id,
        unitId: request.query.unitId,
        origin: origin(request),
        secret: config.secret,
      }),
  );
  api.get(
    '/api/surveys/:id/poster',
    {
      config: { policy: 'surveys.read' },
      schema: {
        tags,
        summary: 'Áp phích A4 (PDF) để đặt tại bộ phận một cửa',
        params,
        querystring: surveyLinkQuerySchema,
      },
    },
    async (request, reply) => {
      const link = await surveyLink(contextOf(request, db), {
        surveyId: request.params.id,
        unitId: request.query.unitId,
        origin: origin(request),
        secret: config.secret,
      });
      const poster = await surveyPoster(link);
      return sendDownload(reply, { ...poster, contentType: 'application/pdf' });
    },
  );
  api.get(
    '/api/surveys/:id/paper-form',
    {
      config: { policy: 'surveys.read' },
      schema: {
        tags,
        summary: 'Phiếu khảo sát để in (PDF), có mã từng câu để nhập lại',
        params,
        querystring: z.object({ unitId: idParam.optional() }),
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, db);
      const survey = await getSurvey(db, request.params.id);
      const unit = request.query.unitId ? await assertSurveyUnit(ctx, request.query.unitId) : null;
      const form = await surveyPaperForm(survey.definition, unit?.name ?? null);
      return sendDownload(reply, { ...form, contentType: 'application/pdf' });
    },
  );
}
