import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, versionSchema } from '../../core/ids.ts';
import { listQuery } from '../../core/list.ts';
import { SESSION_STATUSES, type SessionStatus } from '../../core/reception/labels.ts';
import {
  cancelSchema,
  createEntrySchema,
  createRuleSchema,
  createSessionSchema,
  ENTRY_SORT_FIELDS,
  generateSchema,
  noticedSchema,
  onlineCheckSchema,
  petitionSchema,
  postponeSchema,
  publishSchema,
  recordSessionSchema,
  SESSION_SORT_FIELDS,
  saveReceptionSettingsSchema,
  updateEntrySchema,
  updateRuleSchema,
} from '../../core/reception/reception-schemas.ts';
import { isoDate } from '../../core/text/fields.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { sendDownload } from '../http/downloads.ts';
import { exportRegister } from './reception-export.ts';
import {
  compliance,
  entryDetail,
  listEntries,
  listRules,
  listSessions,
  sessionDetail,
  unitCheck,
} from './reception-queries.ts';
import { createEntry, markNoticed, turnIntoPetition, updateEntry } from './reception-register.ts';
import {
  cancelSession,
  createRule,
  createSession,
  deleteRule,
  generateSessions,
  postponeSession,
  publishSession,
  recordSession,
  setOnlineCheck,
  updateRule,
} from './reception-schedule.ts';
import { receptionSettingsForm, saveReceptionSettings } from './reception-settings.ts';

const STATUS_CODES = Object.keys(SESSION_STATUSES) as [SessionStatus, ...SessionStatus[]];
const yes = z.enum(['true', 'false']).transform((value) => value === 'true');

const entryFilters = {
  unitId: idParam.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  sessionId: idParam.optional(),
  overdue: yes.optional(),
};

/**
 * Reception days and the register (staff only; the register is never public): read with feedback.read,
 * recorded with feedback.handle, each on the unit's subtree as feedback is scoped.
 */
export async function receptionRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reception'];
  const read = { policy: 'feedback.read' as const };
  const handle = { policy: 'feedback.handle' as const };
  const params = z.object({ id: idParam });

  api.get(
    '/api/reception/rules',
    {
      config: read,
      schema: { tags, summary: 'Lịch tiếp định kỳ của đơn vị', querystring: z.object({ unitId: idParam }) },
    },
    async (request) => listRules(contextOf(request, db), request.query.unitId),
  );
  api.post(
    '/api/reception/rules',
    {
      config: handle,
      schema: { tags, summary: 'Thêm lịch tiếp định kỳ (hằng tuần, hằng tháng)', body: createRuleSchema },
    },
    async (request, reply) => reply.status(201).send(await createRule(contextOf(request, db), request.body)),
  );
  api.put(
    '/api/reception/rules/:id',
    {
      config: handle,
      schema: { tags, summary: 'Sửa lịch tiếp định kỳ (theo phiên bản)', params, body: updateRuleSchema },
    },
    async (request) => updateRule(contextOf(request, db), request.params.id, request.body),
  );
  api.delete(
    '/api/reception/rules/:id',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Xóa lịch tiếp chưa có buổi nào được công bố hay đã tiếp (theo phiên bản)',
        params,
        querystring: z.object({ version: z.coerce.number().pipe(versionSchema) }),
      },
    },
    async (request) => deleteRule(contextOf(request, db), request.params.id, request.query.version),
  );
  api.post(
    '/api/reception/rules/:id/generate',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Lập các buổi tiếp dự kiến của lịch cho N tuần tới (không lập trùng)',
        params,
        body: generateSchema,
      },
    },
    async (request) => generateSessions(contextOf(request, db), request.params.id, request.body.weeks),
  );

  api.get(
    '/api/reception/sessions',
    {
      config: read,
      schema: {
        tags,
        summary: 'Các buổi tiếp công dân: theo đơn vị, khoảng ngày, trạng thái; sắp xếp, phân trang',
        querystring: listQuery(SESSION_SORT_FIELDS, 'on')
          .omit({ q: true })
          .extend({
            unitId: idParam.optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            status: z.enum(STATUS_CODES).optional(),
          }),
      },
    },
    async (request) => listSessions(contextOf(request, db), request.query),
  );
  api.post(
    '/api/reception/sessions',
    {
      config: handle,
      schema: { tags, summary: 'Thêm buổi tiếp một lần hoặc đột xuất', body: createSessionSchema },
    },
    async (request, reply) =>
      reply.status(201).send(await createSession(contextOf(request, db), request.body)),
  );
  api.get(
    '/api/reception/sessions/:id',
    { config: read, schema: { tags, summary: 'Buổi tiếp với các dòng sổ tiếp công dân', params } },
    async (request) => sessionDetail(contextOf(request, db), request.params.id),
  );
  api.post(
    '/api/reception/sessions/:id/publish',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Công bố buổi tiếp (cho biết có chậm so với 05 ngày làm việc)',
        params,
        body: publishSchema,
      },
    },
    async (request) => publishSession(contextOf(request, db), request.params.id, request.body.version),
  );
  api.post(
    '/api/reception/sessions/:id/postpone',
    {
      config: handle,
      schema: { tags, summary: 'Hoãn buổi tiếp, nêu lý do và ngày tiếp mới', params, body: postponeSchema },
    },
    async (request) => postponeSession(contextOf(request, db), request.params.id, request.body),
  );
  api.post(
    '/api/reception/sessions/:id/cancel',
    { config: handle, schema: { tags, summary: 'Hủy buổi tiếp, nêu lý do', params, body: cancelSchema } },
    async (request) => cancelSession(contextOf(request, db), request.params.id, request.body),
  );
  api.post(
    '/api/reception/sessions/:id/record',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Ghi nhận buổi tiếp đã diễn ra: người đến, người tiếp thay, kết luận',
        params,
        body: recordSessionSchema,
      },
    },
    async (request) => recordSession(contextOf(request, db), request.params.id, request.body),
  );
  api.post(
    '/api/reception/sessions/:id/online-check',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Buổi tiếp trực tuyến: ghi ngày đã thông báo các bên, đã kết nối thử (hoặc bỏ ghi)',
        params,
        body: onlineCheckSchema,
      },
    },
    async (request) => setOnlineCheck(contextOf(request, db), request.params.id, request.body),
  );

  api.get(
    '/api/reception/entries',
    {
      config: read,
      schema: {
        tags,
        summary: 'Sổ tiếp công dân: tìm không dấu, sắp xếp, phân trang; đơn đã chuyển và kết quả',
        querystring: listQuery(ENTRY_SORT_FIELDS, '-number').extend(entryFilters),
      },
    },
    async (request) => listEntries(contextOf(request, db), request.query),
  );
  api.get(
    '/api/reception/entries/export.xlsx',
    {
      config: read,
      schema: {
        tags,
        summary: 'Sổ tiếp công dân dưới dạng .xlsx (các cột theo luật, ngày dd/mm/yyyy)',
        querystring: listQuery(ENTRY_SORT_FIELDS, 'number')
          .omit({ page: true, perPage: true })
          .extend(entryFilters),
      },
    },
    async (request, reply) =>
      sendDownload(reply, await exportRegister(contextOf(request, db), request.query)),
  );
  api.post(
    '/api/reception/entries',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Ghi một dòng sổ tiếp công dân (số thứ tự theo năm)',
        body: createEntrySchema,
      },
    },
    async (request, reply) => reply.status(201).send(await createEntry(contextOf(request, db), request.body)),
  );
  api.get(
    '/api/reception/entries/:id',
    { config: read, schema: { tags, summary: 'Một dòng sổ tiếp công dân', params } },
    async (request) => entryDetail(contextOf(request, db), request.params.id),
  );
  api.put(
    '/api/reception/entries/:id',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Sửa dòng sổ tiếp công dân (theo phiên bản)',
        params,
        body: updateEntrySchema,
      },
    },
    async (request) => updateEntry(contextOf(request, db), request.params.id, request.body),
  );
  api.post(
    '/api/reception/entries/:id/noticed',
    {
      config: handle,
      schema: { tags, summary: 'Ghi ngày đã thông báo cho công dân', params, body: noticedSchema },
    },
    async (request) => markNoticed(contextOf(request, db), request.params.id, request.body),
  );
  api.post(
    '/api/reception/entries/:id/petition',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Chuyển dòng sổ thành đơn phản ánh, kiến nghị, khiếu nại, tố cáo (liên kết)',
        params,
        body: petitionSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await turnIntoPetition(contextOf(request, db), request.params.id, request.body)),
  );

  api.get(
    '/api/reception/settings',
    {
      config: { policy: 'feedback.manage' },
      schema: {
        tags,
        summary: 'Cài đặt tiếp công dân của tỉnh: có cho cấp phó tiếp thay không (mặc định theo luật)',
      },
    },
    async (request) => receptionSettingsForm(contextOf(request, db)),
  );
  api.put(
    '/api/reception/settings',
    {
      config: { policy: 'feedback.manage' },
      schema: {
        tags,
        summary: 'Lưu cài đặt tiếp công dân (theo phiên bản)',
        body: saveReceptionSettingsSchema,
      },
    },
    async (request) => saveReceptionSettings(contextOf(request, db), request.body),
  );
  api.get(
    '/api/reception/check',
    {
      config: read,
      schema: {
        tags,
        summary: 'Tần suất tiếp của đơn vị so với mức tối thiểu theo luật, theo tuần hoặc tháng',
        querystring: z.object({ unitId: idParam, from: isoDate, to: isoDate }),
      },
    },
    async (request) => unitCheck(contextOf(request, db), request.query),
  );
  api.get(
    '/api/reception/compliance',
    {
      config: read,
      schema: {
        tags,
        summary: 'Bảng theo dõi: các đơn vị có lịch tiếp, tuần/tháng thiếu, công bố chậm, chậm thông báo',
        querystring: z.object({ from: isoDate, to: isoDate }),
      },
    },
    async (request) => compliance(contextOf(request, db), request.query),
  );
}
