import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, versionSchema } from '../../core/ids.ts';
import type { SurveyDefinition } from '../../core/surveys/survey.ts';
import { surveyDefinitionSchema } from '../../core/surveys/survey-schema.ts';
import { surveyToSheets } from '../../core/surveys/survey-table.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { CONTENT_TYPES, readWorkbook, writeWorkbook } from '../files/tabular.ts';
import { sendDownload } from '../http/downloads.ts';
import { uploadedFile } from '../http/uploads.ts';
import { assertManagesSurveys } from './survey-access.ts';
import {
  createRevision,
  deleteSurveyDraft,
  importSurvey,
  publishSurvey,
  replaceDraftFromSheets,
  retireSurvey,
  updateSurveyDraft,
} from './survey-admin-service.ts';
import { getSurvey } from './survey-service.ts';

const params = z.object({ id: idParam });

/** Questionnaires as data: versions, their .xlsx exchange, publishing and retiring. */
export async function surveyAdminRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['surveys'];

  /** The workbook of an upload, read only once the caller may change questionnaires. */
  const workbookOf = async (request: Parameters<typeof contextOf>[0]) => {
    assertManagesSurveys(contextOf(request, db).user);
    const { data } = await uploadedFile(request);
    return readWorkbook(data);
  };

  api.post(
    '/api/surveys/import',
    {
      config: { policy: 'surveys.manage' },
      schema: {
        tags,
        summary: 'Phiếu khảo sát riêng của tỉnh từ tệp .xlsx (bản nháp, phiên bản 1; tất cả hoặc không)',
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      const sheets = await workbookOf(request);
      return reply.status(201).send(await importSurvey(contextOf(request, db), sheets));
    },
  );
  api.post(
    '/api/surveys/:id/revisions',
    {
      config: { policy: 'surveys.manage' },
      schema: { tags, summary: 'Tạo phiên bản mới (bản nháp) chép từ một phiên bản', params },
    },
    async (request, reply) =>
      reply.status(201).send(await createRevision(contextOf(request, db), request.params.id)),
  );
  api.put(
    '/api/surveys/:id',
    {
      config: { policy: 'surveys.manage' },
      schema: {
        tags,
        summary: 'Sửa bản nháp (cả phiếu; phiên bản đã công bố không sửa tại chỗ)',
        params,
        body: z.object({ definition: surveyDefinitionSchema, version: versionSchema }),
      },
    },
    async (request) =>
      updateSurveyDraft(
        contextOf(request, db),
        request.params.id,
        request.body.definition as SurveyDefinition,
        request.body.version,
      ),
  );
  api.post(
    '/api/surveys/:id/publish',
    {
      config: { policy: 'surveys.manage' },
      schema: {
        tags,
        summary: 'Công bố bản nháp (phiên bản đang dùng trước đó ngừng nhận trả lời)',
        params,
        body: z.object({ version: versionSchema }),
      },
    },
    async (request) => publishSurvey(contextOf(request, db), request.params.id, request.body.version),
  );
  api.post(
    '/api/surveys/:id/retire',
    {
      config: { policy: 'surveys.manage' },
      schema: { tags, summary: 'Ngừng dùng một phiên bản (câu trả lời được giữ)', params },
    },
    async (request) => retireSurvey(contextOf(request, db), request.params.id),
  );
  api.delete(
    '/api/surveys/:id',
    {
      config: { policy: 'surveys.manage' },
      schema: { tags, summary: 'Xóa bản nháp chưa có câu trả lời', params },
    },
    async (request, reply) => {
      await deleteSurveyDraft(contextOf(request, db), request.params.id);
      return reply.status(204).send();
    },
  );
  api.get(
    '/api/surveys/:id/xlsx',
    {
      config: { policy: 'surveys.read' },
      schema: { tags, summary: 'Tải phiếu khảo sát dạng .xlsx (Câu hỏi, Yếu tố, Thông tin)', params },
    },
    async (request, reply) => {
      const survey = await getSurvey(db, request.params.id);
      return sendDownload(reply, {
        fileName: `${fileNamePart(`Phiếu khảo sát ${survey.code} phiên bản ${survey.revision}`)}.xlsx`,
        contentType: CONTENT_TYPES.xlsx,
        data: await writeWorkbook(surveyToSheets(survey.definition)),
      });
    },
  );
  api.put(
    '/api/surveys/:id/xlsx',
    {
      config: { policy: 'surveys.manage' },
      schema: {
        tags,
        summary: 'Thay nội dung bản nháp bằng tệp .xlsx (tất cả hoặc không)',
        consumes: ['multipart/form-data'],
        params,
        querystring: z.object({ version: z.coerce.number().pipe(versionSchema) }),
      },
    },
    async (request) => {
      const sheets = await workbookOf(request);
      return replaceDraftFromSheets(contextOf(request, db), request.params.id, sheets, request.query.version);
    },
  );
}
