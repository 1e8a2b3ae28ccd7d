import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  dhis2DataValueSetSchema,
  dhis2QuerySchema,
  drillDownQuerySchema,
  nationalDashboardSchema,
  nationalPeriodSchema,
  nationalRankingSchema,
  provinceDrillDownSchema,
  rankingQuerySchema,
} from '../../core/national/national-views.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { ReadCache } from '../db/read-cache.ts';
import { sharedFiguresVersion } from '../federation/shared-figures.ts';
import { attachment } from '../http/downloads.ts';
import { dhis2Export } from './national-dhis2.ts';
import { provinceDrillDown } from './national-drill-down.ts';
import { type CountersByKey, loadCounters, loadPeriodCodes } from './national-queries.ts';
import { type FigureSource, nationalDashboard, nationalRanking } from './national-service.ts';

const provinceParams = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{2}$/),
});

/**
 * The national view's routes (national.read at the root of the tree). The provinces' figures arrive by
 * logical replication, not through Chiso's writes, so no change notice forgets them: the sums are kept
 * under the shared tables' version (`sharedFiguresVersion`), read on every request.
 */
export async function nationalRoutes(app: FastifyInstance, { db, cacheMs }: { db: Db; cacheMs: number }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['national'];
  const sums = new ReadCache<CountersByKey>({ maxEntries: 256, maxAgeMs: cacheMs });
  const periodCodes = new ReadCache<string[]>({ maxEntries: 4, maxAgeMs: cacheMs });
  // Every request reads the shared tables' version first (and, on a province alone, recomputes its
  // own rows after a change): a province's new figures are shown at once, the sums kept until then.
  const figuresOf = async (): Promise<FigureSource> => {
    const version = await sharedFiguresVersion(db, app.clock());
    return {
      counters: (period, options) =>
        sums.get(`${version}|${period.code}|${options.province ?? '*'}|${options.byUnit ? 'u' : 'p'}`, () =>
          loadCounters(db, period, options),
        ),
      periodCodes: () => periodCodes.get(version, () => loadPeriodCodes(db)),
    };
  };

  api.get(
    '/api/national/dashboard',
    {
      config: { policy: 'national.read' },
      schema: {
        tags,
        summary: 'Toàn quốc: các tỉnh cạnh nhau, mọi chỉ tiêu, thứ hạng, độ mới số liệu, báo cáo đầy đủ',
        querystring: z.object({ period: nationalPeriodSchema.optional() }),
        response: { 200: nationalDashboardSchema },
      },
    },
    async (request) => nationalDashboard(contextOf(request, db), request.query, await figuresOf()),
  );

  api.get(
    '/api/national/ranking',
    {
      config: { policy: 'national.read' },
      schema: {
        tags,
        summary: 'Xếp hạng các tỉnh theo một chỉ tiêu',
        querystring: rankingQuerySchema,
        response: { 200: nationalRankingSchema },
      },
    },
    async (request) => nationalRanking(contextOf(request, db), request.query, await figuresOf()),
  );

  api.get(
    '/api/national/provinces/:code',
    {
      config: { policy: 'national.read' },
      schema: {
        tags,
        summary: 'Một tỉnh: các xã, phường theo một chỉ tiêu (xếp hạng, tìm, phân trang)',
        params: provinceParams,
        querystring: drillDownQuerySchema,
        response: { 200: provinceDrillDownSchema },
      },
    },
    async (request) =>
      provinceDrillDown(
        contextOf(request, db),
        { ...request.query, code: request.params.code },
        await figuresOf(),
      ),
  );

  api.get(
    '/api/national/dhis2/data-value-sets',
    {
      config: { policy: 'national.read' },
      schema: {
        tags,
        summary: 'Số liệu tổng hợp theo định dạng DHIS2 dataValueSets (JSON, nhập với idScheme=CODE)',
        querystring: dhis2QuerySchema,
        response: { 200: dhis2DataValueSetSchema },
      },
    },
    async (request, reply) => {
      const result = await dhis2Export(contextOf(request, db), request.query, await figuresOf());
      const name = `chiso-dhis2-${result.period}${request.query.province ? `-${request.query.province}` : ''}.json`;
      return reply
        .header('content-disposition', attachment(name))
        .header('x-chiso-org-units', String(result.orgUnits))
        .header('x-chiso-omitted-units', String(result.omittedUnits))
        .send(result.set);
    },
  );
}
