import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeRoots } from '../../core/auth/roles.ts';
import { fieldError, msg, zodMsg } from '../../core/errors.ts';
import { idParam } from '../../core/ids.ts';
import { isDossierIndicator } from '../../core/indicators/dossier-indicators.ts';
import {
  enteredValuesBodySchema,
  periodQuerySchema,
  targetBodySchema,
  targetQuerySchema,
  targetUpdateSchema,
} from '../../core/indicators/indicator-schemas.ts';
import { listQuery } from '../../core/list.ts';
import { periodFileName } from '../../core/periods/period-names.ts';
import { isoDate } from '../../core/text/fields.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { ReadCache } from '../db/read-cache.ts';
import { DOCUMENT_FORMATS } from '../files/document-render.ts';
import { sendDownload } from '../http/downloads.ts';
import { apologyLetter } from './apology-letter.ts';
import { EXPORT_CHARTS, kpiSheet, lateSheet, rankingSheet, trendSheet, xlsxOf } from './dashboard-export.ts';
import { cachedCounterSource, type DossierDashboard, dossierDashboard } from './dashboard-service.ts';
import type { IndicatorContext } from './indicator-access.ts';
import { findIndicators } from './indicator-service.ts';
import { findLateDossiers, LATE_SORTS, setApology } from './late-service.ts';
import { createTarget, deleteTarget, findTargets, updateTarget } from './target-service.ts';
import { saveUnitIndicatorValues, unitIndicatorValues } from './value-service.ts';

const id = idParam;
const dashboardQuery = z.object({
  unitId: idParam.optional(),
  period: z.string().trim().max(10).optional(),
});
const lateQuery = listQuery(LATE_SORTS, '-daysLate').extend({
  unitId: idParam.optional(),
  period: z.string().trim().max(10).optional(),
  apology: z.enum(['missing', 'issued']).optional(),
});
/** The late list exported at once, as far as a sheet someone reads stays useful. */
const EXPORT_LATE_ROWS = 100;

export async function indicatorRoutes(app: FastifyInstance, { db, cacheMs }: { db: Db; cacheMs: number }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['indicators'];
  // Dashboards are read far more than roll-ups change; every change (an import, an apology) forgets them.
  const dashboards = new ReadCache<DossierDashboard>({ maxEntries: 2_000, maxAgeMs: cacheMs });
  const counters = cachedCounterSource(db, cacheMs);
  const dashboardOf = (ctx: IndicatorContext, query: { unitId?: number; period?: string }) => {
    const roots = scopeRoots(ctx.user.grants, 'indicators.read').join(',');
    return dashboards.get(`${roots}|${query.unitId ?? ''}|${query.period?.toUpperCase() ?? ''}`, () =>
      dossierDashboard(ctx, query, counters),
    );
  };

  api.get(
    '/api/indicators',
    { config: { policy: 'indicators.read' }, schema: { tags, summary: 'Danh mục chỉ số' } },
    async () => findIndicators(db),
  );
  api.get(
    '/api/indicator-targets',
    {
      config: { policy: 'indicators.read' },
      schema: {
        tags,
        summary: 'Chỉ tiêu theo chỉ số, đơn vị hoặc loại đơn vị và kỳ',
        querystring: targetQuerySchema,
      },
    },
    async (request) => findTargets(contextOf(request, db), request.query),
  );
  api.post(
    '/api/indicator-targets',
    {
      config: { policy: 'indicators.manage' },
      schema: { tags, summary: 'Đặt chỉ tiêu', body: targetBodySchema },
    },
    async (request, reply) =>
      reply.status(201).send(await createTarget(contextOf(request, db), request.body)),
  );
  api.put(
    '/api/indicator-targets/:id',
    {
      config: { policy: 'indicators.manage' },
      schema: { tags, summary: 'Sửa chỉ tiêu', params: z.object({ id }), body: targetUpdateSchema },
    },
    async (request) => updateTarget(contextOf(request, db), request.params.id, request.body),
  );
  api.delete(
    '/api/indicator-targets/:id',
    {
      config: { policy: 'indicators.manage' },
      schema: { tags, summary: 'Xóa chỉ tiêu', params: z.object({ id }) },
    },
    async (request, reply) => {
      await deleteTarget(contextOf(request, db), request.params.id);
      return reply.status(204).send();
    },
  );
  api.get(
    '/api/units/:id/indicator-values',
    {
      config: { policy: 'indicators.read' },
      schema: {
        tags,
        summary: 'Số liệu chỉ số nhập tay của đơn vị trong kỳ',
        params: z.object({ id }),
        querystring: periodQuerySchema,
      },
    },
    async (request) => unitIndicatorValues(contextOf(request, db), request.params.id, request.query.period),
  );
  api.put(
    '/api/units/:id/indicator-values',
    {
      config: { policy: 'indicators.enter' },
      schema: {
        tags,
        summary: 'Nhập số liệu chỉ số của đơn vị trong kỳ',
        params: z.object({ id }),
        querystring: periodQuerySchema,
        body: enteredValuesBodySchema,
      },
    },
    async (request) =>
      saveUnitIndicatorValues(
        contextOf(request, db),
        request.params.id,
        request.query.period,
        request.body.values,
      ),
  );
  api.get(
    '/api/dashboards/dossiers',
    {
      config: { policy: 'indicators.read' },
      schema: {
        tags,
        summary: 'Bảng điều khiển hồ sơ TTHC: chỉ số, xu hướng 8 quý, đơn vị cấp dưới',
        querystring: dashboardQuery,
      },
    },
    async (request) => dashboardOf(contextOf(request, db), request.query),
  );
  api.get(
    '/api/dashboards/dossiers/export',
    {
      config: { policy: 'indicators.read' },
      schema: {
        tags,
        summary: 'Tải dữ liệu của một biểu đồ (.xlsx)',
        querystring: dashboardQuery.extend({
          chart: z.enum(EXPORT_CHARTS),
          indicator: z.string().trim().max(50).default('DOSSIER_ON_TIME'),
          apology: z.enum(['missing', 'issued']).optional(),
        }),
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, db);
      const { chart, indicator } = request.query;
      if (!isDossierIndicator(indicator))
        throw fieldError(
          'indicator',
          msg('Không có chỉ số hồ sơ này.', 'There is no such dossier indicator.'),
        );
      const dashboard = await dashboardOf(ctx, request.query);
      const title = `${dashboard.unit.name} - ${periodFileName(dashboard.period)}`;
      if (chart === 'late') {
        const late = await findLateDossiers(ctx, {
          unitId: dashboard.unit.id,
          period: dashboard.period,
          apology: request.query.apology,
          page: 1,
          perPage: EXPORT_LATE_ROWS,
          sort: '-daysLate',
        });
        return sendDownload(reply, await xlsxOf(lateSheet(late.items), `Hồ sơ trễ hạn - ${title}`));
      }
      const sheet =
        chart === 'kpis'
          ? kpiSheet(dashboard)
          : chart === 'trend'
            ? trendSheet(dashboard)
            : rankingSheet(dashboard, indicator);
      return sendDownload(reply, await xlsxOf(sheet, `${sheet.name} - ${title}`));
    },
  );
  api.get(
    '/api/dossiers/late',
    {
      config: { policy: 'indicators.read' },
      schema: {
        tags,
        summary: 'Hồ sơ trễ hạn của đơn vị trong kỳ, với tình trạng thư xin lỗi',
        querystring: lateQuery,
      },
    },
    async (request) => findLateDossiers(contextOf(request, db), request.query),
  );
  for (const format of DOCUMENT_FORMATS)
    api.get(
      `/api/dossiers/:code/apology-letter.${format}`,
      {
        config: { policy: 'dossiers.import' },
        schema: {
          tags,
          summary: `Dự thảo phiếu xin lỗi và hẹn lại ngày trả kết quả của hồ sơ trễ hạn (.${format}, NĐ 30/2020)`,
          params: z.object({ code: z.string().trim().min(1).max(100) }),
          // The new date the slip promises (required while the dossier is still open).
          querystring: z.object({ newDate: isoDate.optional() }),
        },
      },
      async (request, reply) =>
        sendDownload(
          reply,
          await apologyLetter(contextOf(request, db), request.params.code, {
            newDate: request.query.newDate,
            format,
          }),
        ),
    );
  api.put(
    '/api/dossiers/:code/apology',
    {
      // The roles of dossiers.import are those of indicators.manage and more; the service then requires
      // either permission on the dossier's unit.
      config: { policy: 'dossiers.import' },
      schema: {
        tags,
        summary: 'Ghi nhận đã gửi (hoặc chưa) thư xin lỗi của hồ sơ trễ hạn',
        params: z.object({ code: z.string().trim().min(1).max(100) }),
        body: z.object({
          issued: z.boolean({ error: zodMsg('issued phải là true hoặc false.', 'issued is true or false.') }),
        }),
      },
    },
    async (request) => setApology(contextOf(request, db), request.params.code, request.body.issued),
  );
}
