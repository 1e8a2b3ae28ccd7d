import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zodMsg } from '../../core/errors.ts';
import type { ProvinceResult } from '../../core/indices/papi.ts';
import {
  papiLeversSchema,
  papiProvinceQuery,
  papiSimulateBody,
  papiSimulationSchema,
  papiStandingQuery,
  papiStandingSchema,
  papiTargetQuery,
  papiTargetSchema,
} from '../../core/indices/papi-views.ts';
import type { Db } from '../db/engine.ts';
import { findPapiResults, papiHistory, papiYears, provincesSince2025 } from './index-service.ts';
import { findPapiLevers, findPapiStanding, findPapiTarget, simulatePapi } from './papi-simulator-service.ts';

const round = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

/** The published shape: total, rank, group and dimension scores rounded to 4 decimals as PAPI reports them. */
export function presentPapi(result: ProvinceResult) {
  return {
    unit: result.unit,
    unitCode: result.unitCode,
    total: round(result.total),
    rank: result.rank,
    group: result.group,
    dimensions: Object.fromEntries(
      Object.entries(result.dimensions).map(([code, value]) => [code, round(value)]),
    ),
    dimensionGroups: result.dimensionGroups,
    dimensionRanks: result.dimensionRanks,
  };
}

export async function indexRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['indices'];

  api.get(
    '/api/indices/papi/years',
    { config: { policy: 'indices.read' }, schema: { tags, summary: 'Các năm có kết quả PAPI' } },
    async () => ({ years: await papiYears(db) }),
  );

  api.get(
    '/api/indices/provinces-2025',
    {
      config: { policy: 'indices.read' },
      schema: { tags, summary: '34 tỉnh, thành phố từ 01/07/2025 và các tỉnh cũ hợp thành' },
    },
    async () => ({ items: provincesSince2025() }),
  );

  api.get(
    '/api/indices/papi/results',
    {
      config: { policy: 'indices.read' },
      schema: {
        tags,
        summary: 'Kết quả PAPI các tỉnh trong một năm',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      },
    },
    async (request) => ({
      year: request.query.year,
      items: (await findPapiResults(db, request.query.year)).map(presentPapi),
    }),
  );

  api.get(
    '/api/indices/papi/provinces/:code',
    {
      config: { policy: 'indices.read' },
      schema: {
        tags,
        summary: 'Kết quả PAPI của một tỉnh qua các năm',
        params: z.object({
          code: z.string().regex(/^\d{2}$/, zodMsg('Mã tỉnh gồm 2 chữ số.', 'A province code has 2 digits.')),
        }),
      },
    },
    async (request) => ({
      items: (await papiHistory(db, request.params.code)).map((entry) => ({
        year: entry.year,
        ranked: entry.ranked,
        ...presentPapi(entry),
      })),
    }),
  );

  // ---- Where the province stands, and the rank simulator on the shipped data -----------------------
  api.get(
    '/api/indices/papi/standing',
    {
      config: { policy: 'indices.read' },
      schema: {
        tags,
        summary:
          'Vị thế PAPI của tỉnh: từng chỉ số nội dung so với trung vị, ngưỡng nhóm cao nhất và tỉnh dẫn đầu; xu hướng; khoảng cách lên hạng, lên nhóm',
        querystring: papiStandingQuery,
        response: { 200: papiStandingSchema },
      },
    },
    async (request) => findPapiStanding(db, request.query),
  );

  api.post(
    '/api/indices/papi/simulate',
    {
      config: { policy: 'indices.read' },
      schema: {
        tags,
        summary:
          'Mô phỏng: thay đổi điểm chỉ số nội dung hoặc chỉ số nội dung thành phần, xem tổng điểm, thứ hạng và nhóm mới',
        body: papiSimulateBody,
        response: { 200: papiSimulationSchema },
      },
    },
    async (request) => simulatePapi(request.body),
  );

  api.get(
    '/api/indices/papi/levers',
    {
      config: { policy: 'indices.read' },
      schema: {
        tags,
        summary: 'Đòn bẩy: điểm cần để lên một hạng, số hạng một điểm mang lại, mức tăng điển hình mỗi năm',
        querystring: papiProvinceQuery,
        response: { 200: papiLeversSchema },
      },
    },
    async (request) => findPapiLevers(request.query),
  );

  api.get(
    '/api/indices/papi/target',
    {
      config: { policy: 'indices.read' },
      schema: {
        tags,
        summary: 'Mục tiêu: thay đổi nhỏ nhất để đạt một thứ hạng hoặc một nhóm',
        querystring: papiTargetQuery,
        response: { 200: papiTargetSchema },
      },
    },
    async (request) => findPapiTarget(request.query),
  );
}
