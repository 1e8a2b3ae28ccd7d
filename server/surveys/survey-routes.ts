import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../core/ids.ts';
import { paperFormsBodySchema } from '../../core/surveys/survey-schemas.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { recordPaperForms } from './response-service.ts';
import { getSurvey, listSurveys } from './survey-service.ts';

export async function surveyRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['surveys'];
  api.get(
    '/api/surveys',
    { config: { policy: 'surveys.read' }, schema: { tags, summary: 'Các phiếu khảo sát và phiên bản' } },
    async () => listSurveys(db),
  );
  api.get(
    '/api/surveys/:id',
    {
      config: { policy: 'surveys.read' },
      schema: { tags, summary: 'Một phiếu khảo sát', params: z.object({ id: idParam }) },
    },
    async (request) => getSurvey(db, request.params.id),
  );
  api.post(
    '/api/surveys/:id/paper-forms',
    {
      config: { policy: 'surveys.enter' },
      schema: {
        tags,
        summary: 'Nhập phiếu giấy của một đơn vị (tất cả hoặc không)',
        params: z.object({ id: idParam }),
        body: paperFormsBodySchema,
      },
    },
    async (request, reply) => {
      const { unitId, forms } = request.body;
      const result = await recordPaperForms(contextOf(request, db), {
        surveyId: request.params.id,
        unitId,
        source: 'paper',
        forms: forms.map((form, index) => ({ ...form, row: index + 1 })),
      });
      return reply.status(201).send(result);
    },
  );
}
