import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../core/ids.ts';
import { paperImportQuerySchema, paperImportResultSchema } from '../../core/surveys/survey-schemas.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { CONTENT_TYPES, formatOf } from '../files/tabular.ts';
import { sendDownload } from '../http/downloads.ts';
import { uploadedFile } from '../http/uploads.ts';
import { importPaperFile, paperTemplate } from './paper-import.ts';

/** Paper questionnaires from a file (.xlsx/.csv) and the template a statistician fills. */
export async function paperRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['surveys'];
  api.post(
    '/api/surveys/:id/paper-import',
    {
      config: { policy: 'surveys.enter' },
      schema: {
        tags,
        summary: 'Nhập phiếu giấy từ tệp .xlsx/.csv (xem trước với dryRun; tất cả hoặc không)',
        consumes: ['multipart/form-data'],
        params: z.object({ id: idParam }),
        querystring: paperImportQuerySchema,
        response: { 200: paperImportResultSchema, 201: paperImportResultSchema },
      },
    },
    async (request, reply) => {
      const { fileName, data } = await uploadedFile(request);
      const { unitId, dryRun, date } = request.query;
      const result = await importPaperFile(contextOf(request, db), {
        surveyId: request.params.id,
        unitId,
        file: { data, format: formatOf(fileName) },
        dryRun: dryRun === 'true',
        defaultDate: date,
      });
      return reply.status(result.dryRun ? 200 : 201).send(result);
    },
  );
  api.get(
    '/api/surveys/:id/paper-template',
    {
      config: { policy: 'surveys.read' },
      schema: { tags, summary: 'Tệp mẫu nhập phiếu giấy (.xlsx)', params: z.object({ id: idParam }) },
    },
    async (request, reply) =>
      sendDownload(reply, {
        ...(await paperTemplate(db, request.params.id)),
        contentType: CONTENT_TYPES.xlsx,
      }),
  );
}
