import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeRoots } from '../../core/auth/roles.ts';
import { idParam } from '../../core/ids.ts';
import { listQuery, listResultSchema } from '../../core/list.ts';
import {
  closeUnitSchema,
  createUnitSchema,
  moveUnitSchema,
  reopenUnitSchema,
  unitStatus,
  updateUnitSchema,
} from '../../core/units/unit-schemas.ts';
import { UNIT_TYPE_NAMES } from '../../core/units/unit-types.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { JsonBodyCache } from '../db/read-cache.ts';
import { CONTENT_TYPES, formatOf } from '../files/tabular.ts';
import { sendDownload } from '../http/downloads.ts';
import { uploadedFile } from '../http/uploads.ts';
import { exportUnits, importTemplate, importUnits } from './unit-import-service.ts';
import { unitDetailSchema, unitSummarySchema } from './unit-presenters.ts';
import {
  closeUnit,
  createUnit,
  findUnits,
  getUnit,
  moveUnit,
  reopenUnit,
  updateUnit,
} from './unit-service.ts';

const idParams = z.object({ id: idParam });
const formatQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') });

const unitListQuery = listQuery(['name', 'code', 'type'], 'name').extend({
  parentId: z.union([z.literal('root'), idParam]).optional(),
  type: z.enum(UNIT_TYPE_NAMES).optional(),
  status: unitStatus.default('active'),
});

const unitListResult = listResultSchema(unitSummarySchema);

export async function unitRoutes(app: FastifyInstance, { db, cacheMs }: { db: Db; cacheMs: number }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Lists are read far more often than units change; any change empties the cache (read-cache.ts).
  const unitLists = new JsonBodyCache({ maxEntries: 1000, maxAgeMs: cacheMs });
  const tags = ['units'];

  api.get(
    '/api/units',
    {
      config: { policy: 'units.read' },
      schema: {
        tags,
        summary: 'Danh sách đơn vị',
        querystring: unitListQuery,
        response: { 200: unitListResult },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, db);
      // What a list shows depends only on the data, the query and where the user may read.
      const key = JSON.stringify([scopeRoots(ctx.user.grants, 'units.read'), request.query]);
      return unitLists.send(reply, key, unitListResult, () => findUnits(ctx, request.query));
    },
  );

  api.get(
    '/api/units/:id',
    {
      config: { policy: 'units.read' },
      schema: { tags, summary: 'Chi tiết đơn vị', params: idParams, response: { 200: unitDetailSchema } },
    },
    async (request) => getUnit(contextOf(request, db), request.params.id),
  );

  api.post(
    '/api/units',
    {
      config: { policy: 'units.write' },
      schema: { tags, summary: 'Thêm đơn vị', body: createUnitSchema, response: { 201: unitDetailSchema } },
    },
    async (request, reply) => reply.status(201).send(await createUnit(contextOf(request, db), request.body)),
  );

  api.patch(
    '/api/units/:id',
    {
      config: { policy: 'units.write' },
      schema: {
        tags,
        summary: 'Sửa đơn vị',
        params: idParams,
        body: updateUnitSchema,
        response: { 200: unitDetailSchema },
      },
    },
    async (request) => updateUnit(contextOf(request, db), request.params.id, request.body),
  );

  api.post(
    '/api/units/:id/move',
    {
      config: { policy: 'units.write' },
      schema: {
        tags,
        summary: 'Chuyển đơn vị sang cấp trên khác',
        params: idParams,
        body: moveUnitSchema,
        response: { 200: unitDetailSchema },
      },
    },
    async (request) => moveUnit(contextOf(request, db), request.params.id, request.body),
  );

  api.post(
    '/api/units/:id/close',
    {
      config: { policy: 'units.write' },
      schema: {
        tags,
        summary: 'Giải thể / sáp nhập đơn vị (không xóa lịch sử)',
        params: idParams,
        body: closeUnitSchema,
        response: { 200: unitDetailSchema },
      },
    },
    async (request) => closeUnit(contextOf(request, db), request.params.id, request.body),
  );

  api.post(
    '/api/units/:id/reopen',
    {
      config: { policy: 'units.write' },
      schema: {
        tags,
        summary: 'Mở lại đơn vị đã giải thể nhầm',
        params: idParams,
        body: reopenUnitSchema,
        response: { 200: unitDetailSchema },
      },
    },
    async (request) => reopenUnit(contextOf(request, db), request.params.id, request.body),
  );

  api.post(
    '/api/units/import',
    {
      config: { policy: 'units.write' },
      schema: {
        tags,
        summary: 'Nhập đơn vị từ tệp .xlsx hoặc .csv (tất cả hoặc không)',
        consumes: ['multipart/form-data'],
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
      },
    },
    async (request) => {
      const { fileName, data } = await uploadedFile(request);
      const format = formatOf(fileName);
      return importUnits(
        contextOf(request, db),
        { data, format },
        { dryRun: request.query.dryRun === 'true' },
      );
    },
  );

  api.get(
    '/api/units/export',
    {
      config: { policy: 'units.read' },
      schema: { tags, summary: 'Xuất danh sách đơn vị', querystring: formatQuery },
    },
    async (request, reply) => {
      const { format } = request.query;
      const data = await exportUnits(contextOf(request, db), format);
      return sendDownload(reply, { fileName: `don-vi.${format}`, contentType: CONTENT_TYPES[format], data });
    },
  );

  api.get(
    '/api/units/import-template',
    {
      config: { policy: 'units.write' },
      schema: { tags, summary: 'Tệp mẫu nhập đơn vị', querystring: formatQuery },
    },
    async (request, reply) => {
      const { format } = request.query;
      return sendDownload(reply, {
        fileName: `mau-nhap-don-vi.${format}`,
        contentType: CONTENT_TYPES[format],
        data: await importTemplate(format),
      });
    },
  );
}
