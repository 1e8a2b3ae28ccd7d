import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { versionOrNewSchema } from '../../core/ids.ts';
import { holidayOverridesSchema, regimeSettingsSchema } from '../../core/periods/calendar-settings.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import {
  regimeSettingsForm,
  saveRegimeSettings,
  saveYearHolidays,
  yearHolidays,
} from './calendar-settings.ts';

/** The reporting calendar: the due day, the province's internal deadline, each year's holidays. */
export async function calendarRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['settings'];
  api.get(
    '/api/settings/reporting-regime',
    {
      config: { policy: 'reports.read' },
      schema: { tags, summary: 'Hạn gửi báo cáo và hạn nội bộ của tỉnh' },
    },
    async () => regimeSettingsForm(db),
  );
  api.put(
    '/api/settings/reporting-regime',
    {
      config: { policy: 'reports.review' },
      schema: {
        tags,
        summary: 'Đặt hạn gửi báo cáo và hạn nội bộ',
        body: regimeSettingsSchema.extend({ version: versionOrNewSchema }),
      },
    },
    async (request) => {
      const ctx = contextOf(request, db);
      return saveRegimeSettings(ctx, request.body);
    },
  );
  api.get(
    '/api/settings/holidays',
    {
      config: { policy: 'reports.read' },
      schema: {
        tags,
        summary: 'Ngày nghỉ lễ của một năm: mặc định (tính theo âm lịch) và lịch chính thức của năm',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      },
    },
    async (request) => yearHolidays(db, request.query.year),
  );
  api.put(
    '/api/settings/holidays',
    {
      config: { policy: 'reports.review' },
      schema: {
        tags,
        summary: 'Ghi lịch nghỉ chính thức của một năm (ngày nghỉ thêm, ngày làm bù, ngày lễ không nghỉ)',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        body: holidayOverridesSchema.extend({ version: versionOrNewSchema }),
      },
    },
    async (request) => {
      const ctx = contextOf(request, db);
      return saveYearHolidays(ctx, request.query.year, request.body);
    },
  );
}
