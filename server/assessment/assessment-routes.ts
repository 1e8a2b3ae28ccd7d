import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zodMsg } from '../../core/errors.ts';
import type { Framework } from '../../core/frameworks/framework.ts';
import { frameworkSchema } from '../../core/frameworks/framework-schema.ts';
import { frameworkToTable } from '../../core/frameworks/framework-table.ts';
import {
  advanceRoundSchema,
  reopenStageSchema,
  withdrawPublicationSchema,
} from '../../core/frameworks/round-stages.ts';
import {
  adjustmentsSchema,
  createRoundSchema,
  updateRoundSchema,
  updateScoreSchema,
} from '../../core/frameworks/rounds.ts';
import { idParam, versionSchema } from '../../core/ids.ts';
import { evidenceSchema } from '../../core/plans/plan-views.ts';
import { fileNamePart } from '../../core/text/file-names.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { JsonBodyCache } from '../db/read-cache.ts';
import { CONTENT_TYPES, formatOf, readTable, writeTable } from '../files/tabular.ts';
import { sendDownload } from '../http/downloads.ts';
import { uploadedFile } from '../http/uploads.ts';
import { assertChangesFrameworks, assertResultsVisible } from './assessment-access.ts';
import {
  addCriterionEvidence,
  getCriterionEvidenceFile,
  listCriterionEvidence,
  removeCriterionEvidence,
} from './assessment-evidence.ts';
import {
  createFramework,
  getFramework,
  importFramework,
  listFrameworks,
  updateFramework,
} from './framework-service.ts';
import {
  createRound,
  setAdjustments,
  submitSelfAssessment,
  updateRound,
  updateScore,
} from './round-commands.ts';
import { getResults, getRound, getSheet, listRounds } from './round-queries.ts';
import { advanceRound, previewAdvance, reopenSelfAssessment, withdrawPublication } from './round-stages.ts';

const id = idParam;
const roundParams = z.object({ id });
const unitParams = roundParams.extend({ unitId: id });
const criterionParams = unitParams.extend({ code: z.string().min(1).max(60) });
const evidenceParams = criterionParams.extend({ evidenceId: id });

/** A framework's shape is checked here; the rules between its fields by validateFramework (named errors). */
const frameworkBody = frameworkSchema;

export async function assessmentRoutes(app: FastifyInstance, { db, cacheMs }: { db: Db; cacheMs: number }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const results = new JsonBodyCache({ maxEntries: 50, maxAgeMs: cacheMs });
  const tags = ['assessment'];

  api.get(
    '/api/frameworks',
    { config: { policy: 'assessment.read' }, schema: { tags, summary: 'Các khung chỉ số' } },
    async (request) => listFrameworks(contextOf(request, db)),
  );
  api.get(
    '/api/frameworks/:id',
    {
      config: { policy: 'assessment.read' },
      schema: { tags, summary: 'Cây tiêu chí của khung', params: roundParams },
    },
    async (request) => getFramework(contextOf(request, db), request.params.id),
  );
  api.post(
    '/api/frameworks',
    {
      config: { policy: 'assessment.manage' },
      schema: { tags, summary: 'Thêm khung chỉ số (của tỉnh, hoặc phiên bản mới)', body: frameworkBody },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createFramework(contextOf(request, db), request.body as unknown as Framework)),
  );

  api.put(
    '/api/frameworks/:id',
    {
      config: { policy: 'assessment.manage' },
      schema: {
        tags,
        summary: 'Sửa khung chỉ số chưa dùng trong đợt đánh giá (tên, điểm, hướng dẫn)',
        params: roundParams,
        body: z.object({ definition: frameworkBody, version: versionSchema }),
      },
    },
    async (request) =>
      updateFramework(
        contextOf(request, db),
        request.params.id,
        request.body.definition as unknown as Framework,
        request.body.version,
      ),
  );
  api.get(
    '/api/frameworks/:id/export',
    {
      config: { policy: 'assessment.read' },
      schema: {
        tags,
        summary: 'Xuất cây tiêu chí (.xlsx hoặc .csv)',
        params: roundParams,
        querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      const { definition } = await getFramework(contextOf(request, db), request.params.id);
      const { format } = request.query;
      return sendDownload(reply, {
        fileName: `${fileNamePart(`${definition.nameVi} ${definition.fromYear}`)}.${format}`,
        contentType: CONTENT_TYPES[format],
        data: await writeTable(frameworkToTable(definition), format, 'Tiêu chí'),
      });
    },
  );
  api.post(
    '/api/frameworks/import',
    {
      config: { policy: 'assessment.manage' },
      schema: {
        tags,
        summary: 'Nhập khung chỉ số từ bảng tính tiêu chí (tất cả hoặc không)',
        consumes: ['multipart/form-data'],
        querystring: z.object({
          code: z
            .string()
            .trim()
            .regex(
              /^[A-Z0-9_]+$/,
              zodMsg(
                'Mã khung viết hoa, không dấu (ví dụ HY_CCHC_XA).',
                'The framework code is upper case without accents (e.g. HY_CCHC_XA).',
              ),
            ),
          nameVi: z
            .string()
            .trim()
            .min(1, zodMsg('Vui lòng nhập tên khung.', 'Enter the framework name.'))
            .max(300),
          fromYear: z.coerce.number().int().min(2000).max(2100),
          toYear: z.coerce.number().int().min(2000).max(2100).optional(),
        }),
      },
    },
    async (request, reply) => {
      // Refused before the file is read: nobody else's upload is parsed.
      assertChangesFrameworks(contextOf(request, db).user);
      const { fileName, data } = await uploadedFile(request);
      const table = await readTable(data, formatOf(fileName));
      const { toYear, ...meta } = request.query;
      return reply
        .status(201)
        .send(await importFramework(contextOf(request, db), { ...meta, toYear: toYear ?? null }, table));
    },
  );

  api.get(
    '/api/rounds',
    { config: { policy: 'assessment.read' }, schema: { tags, summary: 'Các đợt đánh giá' } },
    async (request) => listRounds(contextOf(request, db)),
  );
  api.post(
    '/api/rounds',
    {
      config: { policy: 'assessment.manage' },
      schema: { tags, summary: 'Mở đợt đánh giá', body: createRoundSchema },
    },
    async (request, reply) => reply.status(201).send(await createRound(contextOf(request, db), request.body)),
  );
  api.get(
    '/api/rounds/:id',
    {
      config: { policy: 'assessment.read' },
      schema: { tags, summary: 'Đợt đánh giá: giai đoạn, hạn, tiến độ từng đơn vị', params: roundParams },
    },
    async (request) => getRound(contextOf(request, db), request.params.id),
  );
  api.patch(
    '/api/rounds/:id',
    {
      config: { policy: 'assessment.manage' },
      schema: { tags, summary: 'Sửa hạn các giai đoạn', params: roundParams, body: updateRoundSchema },
    },
    async (request) => updateRound(contextOf(request, db), request.params.id, request.body),
  );
  api.get(
    '/api/rounds/:id/advance',
    {
      config: { policy: 'assessment.manage' },
      schema: {
        tags,
        summary: 'Xem trước việc chuyển giai đoạn: đơn vị chưa nộp/chưa thẩm định, hạn, có cần lý do',
        params: roundParams,
      },
    },
    async (request) => previewAdvance(contextOf(request, db), request.params.id),
  );
  api.post(
    '/api/rounds/:id/advance',
    {
      config: { policy: 'assessment.manage' },
      schema: {
        tags,
        summary: 'Chuyển sang giai đoạn tiếp theo (đến công bố); trái lịch thì phải nêu lý do',
        params: roundParams,
        body: advanceRoundSchema,
      },
    },
    async (request) => advanceRound(contextOf(request, db), request.params.id, request.body),
  );
  api.post(
    '/api/rounds/:id/withdraw',
    {
      config: { policy: 'assessment.manage' },
      schema: {
        tags,
        summary: 'Thu hồi công bố: đợt trở lại giai đoạn tổng hợp (có lý do)',
        params: roundParams,
        body: withdrawPublicationSchema,
      },
    },
    async (request) => withdrawPublication(contextOf(request, db), request.params.id, request.body),
  );
  api.post(
    '/api/rounds/:id/reopen',
    {
      config: { policy: 'assessment.manage' },
      schema: {
        tags,
        summary: 'Mở lại giai đoạn tự đánh giá khi hội đồng chưa thẩm định (có lý do)',
        params: roundParams,
        body: reopenStageSchema,
      },
    },
    async (request) => reopenSelfAssessment(contextOf(request, db), request.params.id, request.body),
  );
  api.get(
    '/api/rounds/:id/results',
    {
      config: { policy: 'assessment.read' },
      schema: {
        tags,
        summary: 'Kết quả: tổng điểm, xếp loại, xếp hạng, tiêu chí mất điểm',
        params: roundParams,
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, db);
      await assertResultsVisible(ctx, request.params.id);
      // The same for everyone allowed to see it, until a score or a stage changes (read-cache.ts).
      return results.send(reply, `round:${request.params.id}`, undefined, () =>
        getResults(ctx, request.params.id),
      );
    },
  );
  api.get(
    '/api/rounds/:id/results/export',
    {
      config: { policy: 'assessment.read' },
      schema: {
        tags,
        summary: 'Xuất bảng kết quả (.xlsx hoặc .csv)',
        params: roundParams,
        querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, db);
      await assertResultsVisible(ctx, request.params.id);
      const results = await getResults(ctx, request.params.id);
      const { format } = request.query;
      const number = (value: number) => String(value).replace('.', ',');
      const table = {
        headers: [
          'Xếp hạng',
          'Đơn vị',
          ...results.criteria.map((criterion) => `${criterion.code} ${criterion.nameVi}`),
          'Điểm thưởng',
          'Điểm trừ',
          'Tổng điểm',
          'Tỷ lệ (%)',
          'Xếp loại',
        ],
        rows: results.units.map((unit) =>
          unit.participating
            ? [
                String(unit.rank ?? ''),
                unit.name,
                ...results.criteria.map((criterion) => number(unit.areas[criterion.code] ?? 0)),
                number(unit.bonus),
                number(unit.penalty),
                number(unit.total ?? 0),
                number(unit.percent ?? 0),
                unit.band ?? '',
              ]
            : // Left out of the ranking: no score, band or rank (core/frameworks/scoring.ts).
              ['', unit.name, ...results.criteria.map(() => ''), '', '', '', '', 'Không tham gia'],
        ),
      };
      return sendDownload(reply, {
        fileName: `${fileNamePart(`Kết quả ${results.round.name}`)}.${format}`,
        contentType: CONTENT_TYPES[format],
        data: await writeTable(table, format, 'Kết quả'),
      });
    },
  );

  api.get(
    '/api/rounds/:id/units/:unitId',
    {
      config: { policy: 'assessment.read' },
      schema: { tags, summary: 'Phiếu đánh giá của đơn vị', params: unitParams },
    },
    async (request) => getSheet(contextOf(request, db), request.params.id, request.params.unitId),
  );
  api.patch(
    '/api/rounds/:id/units/:unitId/scores/:code',
    {
      config: { policy: 'assessment.read' },
      schema: {
        tags,
        summary:
          'Nhập điểm một tiêu chí: tự chấm, thẩm định, trả lại, giải trình (theo giai đoạn và vai trò)',
        params: criterionParams,
        body: updateScoreSchema,
      },
    },
    async (request) =>
      updateScore(
        contextOf(request, db),
        request.params.id,
        request.params.unitId,
        request.params.code,
        request.body,
      ),
  );
  api.post(
    '/api/rounds/:id/units/:unitId/submit',
    {
      config: { policy: 'assessment.self' },
      schema: { tags, summary: 'Gửi kết quả tự đánh giá', params: unitParams },
    },
    async (request) => submitSelfAssessment(contextOf(request, db), request.params.id, request.params.unitId),
  );
  api.put(
    '/api/rounds/:id/units/:unitId/adjustments',
    {
      config: { policy: 'assessment.manage' },
      schema: { tags, summary: 'Điểm thưởng, điểm trừ', params: unitParams, body: adjustmentsSchema },
    },
    async (request) =>
      setAdjustments(contextOf(request, db), request.params.id, request.params.unitId, request.body),
  );

  api.get(
    '/api/rounds/:id/units/:unitId/scores/:code/evidence',
    {
      config: { policy: 'assessment.read' },
      schema: {
        tags,
        summary: 'Tài liệu kiểm chứng của tiêu chí (chữ ký số của từng tệp PDF)',
        params: criterionParams,
        response: { 200: z.array(evidenceSchema) },
      },
    },
    async (request) => {
      const { id: roundId, unitId, code } = request.params;
      return listCriterionEvidence(contextOf(request, db), roundId, unitId, code);
    },
  );
  api.post(
    '/api/rounds/:id/units/:unitId/scores/:code/evidence',
    {
      config: { policy: 'assessment.self' },
      schema: {
        tags,
        summary: 'Đính kèm tài liệu kiểm chứng',
        consumes: ['multipart/form-data'],
        params: criterionParams,
        response: { 201: evidenceSchema },
      },
    },
    async (request, reply) => {
      const { id: roundId, unitId, code } = request.params;
      const file = await uploadedFile(request);
      return reply
        .status(201)
        .send(await addCriterionEvidence(contextOf(request, db), roundId, unitId, code, file));
    },
  );
  api.get(
    '/api/rounds/:id/units/:unitId/scores/:code/evidence/:evidenceId',
    {
      config: { policy: 'assessment.read' },
      schema: { tags, summary: 'Tải tài liệu kiểm chứng', params: evidenceParams },
    },
    async (request, reply) => {
      const { id: roundId, unitId, code, evidenceId } = request.params;
      return sendDownload(
        reply,
        await getCriterionEvidenceFile(contextOf(request, db), roundId, unitId, code, evidenceId),
      );
    },
  );
  api.delete(
    '/api/rounds/:id/units/:unitId/scores/:code/evidence/:evidenceId',
    {
      config: { policy: 'assessment.self' },
      schema: { tags, summary: 'Gỡ tài liệu đính kèm nhầm', params: evidenceParams },
    },
    async (request, reply) => {
      const { id: roundId, unitId, code, evidenceId } = request.params;
      await removeCriterionEvidence(contextOf(request, db), roundId, unitId, code, evidenceId);
      return reply.status(204).send();
    },
  );
}
