import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  bulkActionSchema,
  FEEDBACK_INBOX_FILTERS,
  FEEDBACK_SORT_FIELDS,
  feedbackActionSchema,
  noteSchema,
  saveCategoriesSchema,
  saveClockSettingsSchema,
  saveRoutingSchema,
  staffEntrySchema,
} from '../../core/feedback/feedback-schemas.ts';
import { FEEDBACK_STATUSES, type FeedbackStatus } from '../../core/feedback/workflow.ts';
import { idParam } from '../../core/ids.ts';
import { listQuery } from '../../core/list.ts';
import { isoDate } from '../../core/text/fields.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { communeAreasStatus, saveCommuneAreas } from '../geo/commune-areas.ts';
import { sendDownload } from '../http/downloads.ts';
import { uploadedFile } from '../http/uploads.ts';
import { exportFeedbackInbox } from './feedback-export.ts';
import { feedbackFigures } from './feedback-figures.ts';
import { enterByStaff } from './feedback-intake.ts';
import { feedbackDetail, feedbackFile, feedbackInbox } from './feedback-queries.ts';
import {
  categoriesForm,
  clockSettingsForm,
  routingForm,
  saveCategories,
  saveClockSettings,
  saveRouting,
} from './feedback-settings.ts';
import { actOnFeedback, addNote, attachByStaff, bulkActOnFeedback } from './feedback-workflow.ts';

const STATUS_CODES = Object.keys(FEEDBACK_STATUSES) as [FeedbackStatus, ...FeedbackStatus[]];

/** Staff's side of citizens' feedback: the inbox per unit, entry by channel, the workflow, the settings. */
export async function feedbackRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['feedback'];
  const id = idParam;

  api.get(
    '/api/feedback',
    {
      config: { policy: 'feedback.read' },
      schema: {
        tags,
        summary: 'Hộp phản ánh của đơn vị: mới, sắp đến hạn, quá hạn; tìm kiếm, sắp xếp, phân trang',
        querystring: listQuery(FEEDBACK_SORT_FIELDS, '-receivedOn').extend({
          filter: z.enum(FEEDBACK_INBOX_FILTERS).default('all'),
          unitId: idParam.optional(),
          categoryCode: z.string().trim().max(60).optional(),
          status: z.enum(STATUS_CODES).optional(),
        }),
      },
    },
    async (request) => feedbackInbox(contextOf(request, db), request.query),
  );
  api.get(
    '/api/feedback/export.xlsx',
    {
      config: { policy: 'feedback.read' },
      schema: {
        tags,
        summary: 'Hộp phản ánh dưới dạng .xlsx: mọi phản ánh theo bộ lọc (không có thông tin liên hệ)',
        querystring: listQuery(FEEDBACK_SORT_FIELDS, '-receivedOn')
          .omit({ page: true, perPage: true })
          .extend({
            filter: z.enum(FEEDBACK_INBOX_FILTERS).default('all'),
            unitId: idParam.optional(),
            categoryCode: z.string().trim().max(60).optional(),
            status: z.enum(STATUS_CODES).optional(),
          }),
      },
    },
    async (request, reply) =>
      sendDownload(reply, await exportFeedbackInbox(contextOf(request, db), request.query)),
  );
  api.post(
    '/api/feedback',
    {
      config: { policy: 'feedback.handle' },
      schema: {
        tags,
        summary: 'Nhập phản ánh nhận qua đường dây nóng, đơn giấy, Zalo, Cổng DVCQG hoặc trực tiếp',
        body: staffEntrySchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await enterByStaff(contextOf(request, db), request.body)),
  );
  api.get(
    '/api/feedback/kpis',
    {
      config: { policy: 'feedback.read' },
      schema: {
        tags,
        summary:
          'Chỉ số của đơn vị trong kỳ (mặc định: năm nay): tỷ lệ trả lời đúng hạn, đã giải quyết (không tính "đã đóng"), hài lòng, số ngày trung vị; theo từng đơn vị trực thuộc',
        querystring: z.object({ unitId: idParam, from: isoDate.optional(), to: isoDate.optional() }),
      },
    },
    async (request) => feedbackFigures(contextOf(request, db), request.query),
  );
  api.get(
    '/api/feedback/categories',
    {
      config: { policy: 'feedback.manage' },
      schema: {
        tags,
        summary:
          'Danh sách lĩnh vực phản ánh của tỉnh: đang dùng và đã thôi dùng, lĩnh vực nào đã được dùng đến',
      },
    },
    async (request) => categoriesForm(contextOf(request, db)),
  );
  api.put(
    '/api/feedback/categories',
    {
      config: { policy: 'feedback.manage' },
      schema: {
        tags,
        summary:
          'Lưu danh sách lĩnh vực (theo phiên bản): thêm, đổi tên, sắp xếp, thôi dùng hoặc dùng lại; xóa lĩnh vực chưa ai dùng',
        body: saveCategoriesSchema,
      },
    },
    async (request) => saveCategories(contextOf(request, db), request.body),
  );
  api.get(
    '/api/feedback/routing',
    {
      config: { policy: 'feedback.manage' },
      schema: { tags, summary: 'Bảng phân công: lĩnh vực × xã → đơn vị giải quyết, với dòng mặc định' },
    },
    async (request) => routingForm(contextOf(request, db)),
  );
  api.put(
    '/api/feedback/routing',
    {
      config: { policy: 'feedback.manage' },
      schema: { tags, summary: 'Lưu bảng phân công (theo phiên bản)', body: saveRoutingSchema },
    },
    async (request) => saveRouting(contextOf(request, db), request.body),
  );
  api.get(
    '/api/feedback/commune-areas',
    {
      config: { policy: 'feedback.manage' },
      schema: {
        tags,
        summary: 'Ranh giới xã, phường đã nạp (để xác định xã, phường từ vị trí): đã có, còn thiếu',
      },
    },
    async (request) => communeAreasStatus(contextOf(request, db)),
  );
  api.post(
    '/api/feedback/commune-areas',
    {
      config: { policy: 'feedback.manage' },
      schema: {
        tags,
        summary:
          'Nạp ranh giới xã, phường từ tệp GeoJSON (mỗi đối tượng mang mã xã theo danh mục 2025; tất cả hoặc không)',
        consumes: ['multipart/form-data'],
      },
    },
    async (request) => {
      const file = await uploadedFile(request);
      return saveCommuneAreas(contextOf(request, db), file.data.toString('utf8'));
    },
  );
  api.get(
    '/api/feedback/clock-settings',
    {
      config: { policy: 'feedback.manage' },
      schema: { tags, summary: 'Thời hạn do tỉnh quy định (hoặc chưa được xác nhận), với giá trị mặc định' },
    },
    async (request) => clockSettingsForm(contextOf(request, db)),
  );
  api.put(
    '/api/feedback/clock-settings',
    {
      config: { policy: 'feedback.manage' },
      schema: { tags, summary: 'Đặt thời hạn của tỉnh (theo phiên bản)', body: saveClockSettingsSchema },
    },
    async (request) => saveClockSettings(contextOf(request, db), request.body),
  );
  api.get(
    '/api/feedback/:id',
    {
      config: { policy: 'feedback.read' },
      schema: { tags, summary: 'Phản ánh, liên hệ, lịch sử và ghi chú nội bộ', params: z.object({ id }) },
    },
    async (request) => feedbackDetail(contextOf(request, db), request.params.id),
  );
  api.post(
    '/api/feedback/:id/actions',
    {
      config: { policy: 'feedback.handle' },
      schema: {
        tags,
        summary:
          'Nhận xử lý, chuyển, hỏi người gửi, trả lời, đóng, không thuộc thẩm quyền, trùng, spam (theo phiên bản)',
        params: z.object({ id }),
        body: feedbackActionSchema,
      },
    },
    async (request) => actOnFeedback(contextOf(request, db), request.params.id, request.body),
  );
  api.post(
    '/api/feedback/bulk-actions',
    {
      config: { policy: 'feedback.handle' },
      schema: {
        tags,
        summary:
          'Một bước cho nhiều phản ánh (nhận xử lý, bắt đầu, đóng, spam): làm được phản ánh nào thì làm, phản ánh không làm được nêu lý do',
        body: bulkActionSchema,
      },
    },
    async (request) => bulkActOnFeedback(contextOf(request, db), request.body),
  );
  api.post(
    '/api/feedback/:id/notes',
    {
      config: { policy: 'feedback.handle' },
      schema: {
        tags,
        summary: 'Ghi chú nội bộ (không công khai)',
        params: z.object({ id }),
        body: noteSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addNote(contextOf(request, db), request.params.id, request.body.note)),
  );
  api.post(
    '/api/feedback/:id/files',
    {
      config: { policy: 'feedback.handle' },
      schema: {
        tags,
        summary: 'Đính kèm bản chụp đơn giấy hoặc ảnh (tối đa 3 ảnh hoặc 1 PDF mỗi phản ánh, mỗi tệp ≤ 5 MB)',
        consumes: ['multipart/form-data'],
        params: z.object({ id }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await attachByStaff(contextOf(request, db), request.params.id, await uploadedFile(request))),
  );
  api.get(
    '/api/feedback/:id/files/:fileId',
    {
      config: { policy: 'feedback.read' },
      schema: {
        tags,
        summary: 'Tải tệp đính kèm của phản ánh',
        params: z.object({ id, fileId: idParam }),
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await feedbackFile(contextOf(request, db), request.params.id, request.params.fileId),
      ),
  );
}
