import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  catalogueItemFormSchema,
  complianceBoardQuery,
  createObligationSchema,
  createRecordSchema,
  editCatalogueItemSchema,
  editObligationSchema,
  editRecordSchema,
  obligationListQuery,
  obligationPublicationSchema,
  publishObligationSchema,
} from '../../core/disclosures/disclosure-schemas.ts';
import { idParam, versionSchema } from '../../core/ids.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { sendDownload } from '../http/downloads.ts';
import { uploadedFile } from '../http/uploads.ts';
import { createCatalogueItem, editCatalogueItem, listCatalogue } from './disclosure-catalogue.ts';
import {
  addObligationFile,
  addRecord,
  createObligation,
  deleteObligation,
  editObligation,
  editRecord,
  obligationFile,
  removeObligationFile,
  removeRecord,
} from './disclosure-commands.ts';
import { obligationPublication, publishObligation } from './disclosure-publication.ts';
import { complianceBoard, listObligations, obligationDetail } from './disclosure-queries.ts';

/**
 * The staff's side of the disclosures register: the catalogue (read by all who read disclosures,
 * edited installation-wide), a unit's obligations and their records (read with disclosures.read,
 * recorded with disclosures.record on the obligation's unit), the document's file, the switch that
 * puts an obligation on the public register, and the coordinator's compliance board.
 */
const versionQuery = z.object({ version: z.coerce.number().pipe(versionSchema) });

export async function disclosureRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['disclosures'];
  const params = z.object({ id: idParam });
  const fileParams = z.object({ id: idParam, fileId: idParam });
  const recordParams = z.object({ recordId: idParam });
  const read = { policy: 'disclosures.read' as const };
  const record = { policy: 'disclosures.record' as const };
  const manage = { policy: 'disclosures.manage' as const };

  api.get(
    '/api/disclosures/catalogue',
    {
      config: read,
      schema: { tags, summary: 'Danh mục nội dung phải công khai (mọi phiên bản theo ngày áp dụng)' },
    },
    async (request) => listCatalogue(contextOf(request, db)),
  );
  api.post(
    '/api/disclosures/catalogue',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Thêm nội dung hoặc phiên bản mới của quy định (toàn tỉnh)',
        body: catalogueItemFormSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCatalogueItem(contextOf(request, db), request.body)),
  );
  api.put(
    '/api/disclosures/catalogue/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Sửa một nội dung của danh mục (theo phiên bản)',
        params,
        body: editCatalogueItemSchema,
      },
    },
    async (request) => editCatalogueItem(contextOf(request, db), request.params.id, request.body),
  );
  api.get(
    '/api/disclosures/board',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Theo dõi việc công khai: mỗi xã (sở) với số nội dung đúng hạn, chậm, thiếu, gỡ trước thời hạn',
        querystring: complianceBoardQuery,
      },
    },
    async (request) => complianceBoard(contextOf(request, db), request.query),
  );
  api.get(
    '/api/disclosures',
    {
      config: read,
      schema: {
        tags,
        summary: 'Nội dung phải công khai của đơn vị, với tình trạng hôm nay: lọc, tìm, sắp xếp, phân trang',
        querystring: obligationListQuery,
      },
    },
    async (request) => listObligations(contextOf(request, db), request.query),
  );
  api.post(
    '/api/disclosures',
    {
      config: record,
      schema: { tags, summary: 'Ghi một nội dung phải công khai của đơn vị', body: createObligationSchema },
    },
    async (request, reply) =>
      reply.status(201).send(await createObligation(contextOf(request, db), request.body)),
  );
  api.get(
    '/api/disclosures/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Một nội dung: quy định áp dụng, từng nơi công khai, các lần công khai',
        params,
      },
    },
    async (request) => obligationDetail(contextOf(request, db), request.params.id),
  );
  api.put(
    '/api/disclosures/:id',
    {
      config: record,
      schema: {
        tags,
        summary: 'Sửa nội dung phải công khai (theo phiên bản)',
        params,
        body: editObligationSchema,
      },
    },
    async (request) => editObligation(contextOf(request, db), request.params.id, request.body),
  );
  api.delete(
    '/api/disclosures/:id',
    {
      config: record,
      schema: {
        tags,
        summary: 'Xóa nội dung ghi nhầm, cùng các lần công khai và tệp của nó',
        params,
        querystring: versionQuery,
      },
    },
    async (request, reply) => {
      await deleteObligation(contextOf(request, db), request.params.id, request.query.version);
      return reply.status(204).send();
    },
  );
  api.get(
    '/api/disclosures/:id/publication',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Nội dung trên trang công khai: đã công khai chưa, từ khi nào, người dân sẽ thấy gì, trang xem trước, thời hạn công khai còn chạy không',
        params,
        response: { 200: obligationPublicationSchema },
      },
    },
    async (request) => obligationPublication(contextOf(request, db), request.params.id),
  );
  api.put(
    '/api/disclosures/:id/publication',
    {
      config: record,
      schema: {
        tags,
        summary: 'Công khai nội dung trên trang công khai, hoặc thôi công khai (cần lý do), theo phiên bản',
        params,
        body: publishObligationSchema,
        response: { 200: obligationPublicationSchema },
      },
    },
    async (request) => publishObligation(contextOf(request, db), request.params.id, request.body),
  );
  api.post(
    '/api/disclosures/:id/records',
    {
      config: record,
      schema: {
        tags,
        summary: 'Ghi một lần công khai: nơi, từ ngày, đến ngày',
        params,
        body: createRecordSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addRecord(contextOf(request, db), request.params.id, request.body)),
  );
  api.put(
    '/api/disclosures/records/:recordId',
    {
      config: record,
      schema: {
        tags,
        summary: 'Sửa một lần công khai (theo phiên bản)',
        params: recordParams,
        body: editRecordSchema,
      },
    },
    async (request) => editRecord(contextOf(request, db), request.params.recordId, request.body),
  );
  api.delete(
    '/api/disclosures/records/:recordId',
    {
      config: record,
      schema: {
        tags,
        summary: 'Xóa một lần công khai ghi nhầm',
        params: recordParams,
        querystring: versionQuery,
      },
    },
    async (request) => removeRecord(contextOf(request, db), request.params.recordId, request.query.version),
  );
  api.post(
    '/api/disclosures/:id/files',
    {
      config: record,
      schema: {
        tags,
        summary: 'Đính kèm văn bản (.pdf, .docx …); ?public=true: tệp được đăng trên trang công khai',
        consumes: ['multipart/form-data'],
        params,
        querystring: z.object({ public: z.enum(['true', 'false']).default('false') }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await addObligationFile(
            contextOf(request, db),
            request.params.id,
            await uploadedFile(request),
            request.query.public === 'true',
          ),
        ),
  );
  api.get(
    '/api/disclosures/:id/files/:fileId',
    { config: read, schema: { tags, summary: 'Tải văn bản đính kèm', params: fileParams } },
    async (request, reply) =>
      sendDownload(
        reply,
        await obligationFile(contextOf(request, db), request.params.id, request.params.fileId),
      ),
  );
  api.delete(
    '/api/disclosures/:id/files/:fileId',
    { config: record, schema: { tags, summary: 'Gỡ văn bản đính kèm nhầm', params: fileParams } },
    async (request) => removeObligationFile(contextOf(request, db), request.params.id, request.params.fileId),
  );
}
