import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  boardQuery,
  commitmentSchema,
  createDialogueSchema,
  dialogueListQuery,
  editDialogueSchema,
  moveQuestionSchema,
  publishSchema,
  questionSchema,
  unpublishSchema,
} from '../../core/dialogues/dialogue-schemas.ts';
import { idParam, versionSchema } from '../../core/ids.ts';
import { listQuery } from '../../core/list.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import {
  addQuestion,
  createDialogue,
  editDialogue,
  editQuestion,
  moveQuestion,
  publishDialogue,
  removeQuestion,
  unpublishDialogue,
} from './dialogue-commands.ts';
import { addCommitment, removeCommitment } from './dialogue-commitments.ts';
import { dialogueBoard, dialogueDetail, leadUnitChoices, listDialogues } from './dialogue-queries.ts';

/**
 * The staff's side of dialogues: a unit's list, the coordinator's board by the yearly duty, one
 * dialogue with its questions and commitments, and every change to them (at the dialogue's version).
 * Read with feedback.read, recorded with feedback.handle on the dialogue's unit (dialogue-access.ts).
 */
const versionQuery = z.object({ version: z.coerce.number().pipe(versionSchema) });

export async function dialogueRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dialogues'];
  const params = z.object({ id: idParam });
  const questionParams = z.object({ id: idParam, questionId: idParam });
  const commitmentParams = z.object({ id: idParam, commitmentId: idParam });
  const read = { policy: 'feedback.read' as const };
  const handle = { policy: 'feedback.handle' as const };

  api.get(
    '/api/dialogues',
    {
      config: read,
      schema: {
        tags,
        summary: 'Các buổi đối thoại của đơn vị: tìm kiếm, lọc theo năm và hình thức, sắp xếp, phân trang',
        querystring: dialogueListQuery,
      },
    },
    async (request) => listDialogues(contextOf(request, db), request.query),
  );
  api.post(
    '/api/dialogues',
    {
      config: handle,
      schema: { tags, summary: 'Ghi nhận một buổi đối thoại của đơn vị', body: createDialogueSchema },
    },
    async (request, reply) =>
      reply.status(201).send(await createDialogue(contextOf(request, db), request.body)),
  );
  api.get(
    '/api/dialogues/board',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Theo dõi nghĩa vụ hằng năm: mỗi xã, phường với số hội nghị đối thoại trong năm, xã chưa tổ chức lên đầu',
        querystring: boardQuery,
      },
    },
    async (request) => dialogueBoard(contextOf(request, db), request.query),
  );
  api.get(
    '/api/dialogues/:id',
    {
      config: read,
      schema: { tags, summary: 'Buổi đối thoại: câu hỏi, trả lời, cam kết và nhiệm vụ của chúng', params },
    },
    async (request) => dialogueDetail(contextOf(request, db), request.params.id),
  );
  api.get(
    '/api/dialogues/:id/lead-units',
    {
      config: handle,
      schema: {
        tags,
        summary:
          'Đơn vị có thể chủ trì cam kết: chính đơn vị, đơn vị trực thuộc và cơ quan cấp tỉnh (tìm không cần dấu)',
        params,
        querystring: listQuery(['name'], 'name'),
      },
    },
    async (request) => leadUnitChoices(contextOf(request, db), request.params.id, request.query),
  );
  api.put(
    '/api/dialogues/:id',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Sửa thông tin buổi đối thoại (theo phiên bản)',
        params,
        body: editDialogueSchema,
      },
    },
    async (request) => editDialogue(contextOf(request, db), request.params.id, request.body),
  );
  api.post(
    '/api/dialogues/:id/questions',
    {
      config: handle,
      schema: { tags, summary: 'Thêm câu hỏi, ý kiến và câu trả lời', params, body: questionSchema },
    },
    async (request, reply) =>
      reply.status(201).send(await addQuestion(contextOf(request, db), request.params.id, request.body)),
  );
  api.put(
    '/api/dialogues/:id/questions/:questionId',
    {
      config: handle,
      schema: { tags, summary: 'Sửa câu hỏi hoặc câu trả lời', params: questionParams, body: questionSchema },
    },
    async (request) =>
      editQuestion(contextOf(request, db), request.params.id, request.params.questionId, request.body),
  );
  api.post(
    '/api/dialogues/:id/questions/:questionId/move',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Đổi thứ tự câu hỏi (lên, xuống)',
        params: questionParams,
        body: moveQuestionSchema,
      },
    },
    async (request) =>
      moveQuestion(contextOf(request, db), request.params.id, request.params.questionId, request.body),
  );
  api.delete(
    '/api/dialogues/:id/questions/:questionId',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Xóa câu hỏi (khi chưa công khai)',
        params: questionParams,
        querystring: versionQuery,
      },
    },
    async (request) =>
      removeQuestion(
        contextOf(request, db),
        request.params.id,
        request.params.questionId,
        request.query.version,
      ),
  );
  api.post(
    '/api/dialogues/:id/commitments',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Ghi cam kết: tạo nhiệm vụ cho đơn vị chủ trì với thời hạn, báo cho đơn vị đó',
        params,
        body: commitmentSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addCommitment(contextOf(request, db), request.params.id, request.body)),
  );
  api.delete(
    '/api/dialogues/:id/commitments/:commitmentId',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Xóa cam kết ghi nhầm cùng nhiệm vụ của nó (khi chưa thực hiện, chưa công khai)',
        params: commitmentParams,
        querystring: versionQuery,
      },
    },
    async (request) =>
      removeCommitment(
        contextOf(request, db),
        request.params.id,
        request.params.commitmentId,
        request.query.version,
      ),
  );
  api.post(
    '/api/dialogues/:id/publish',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Công khai buổi đối thoại trên trang /doi-thoai',
        params,
        body: publishSchema,
      },
    },
    async (request) => publishDialogue(contextOf(request, db), request.params.id, request.body.version),
  );
  api.post(
    '/api/dialogues/:id/unpublish',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Gỡ buổi đối thoại khỏi trang công khai (nêu lý do)',
        params,
        body: unpublishSchema,
      },
    },
    async (request) => unpublishDialogue(contextOf(request, db), request.params.id, request.body),
  );
}
