import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldError } from '../../core/errors.ts';
import { holidayOverridesSchema, regimeSettingsSchema } from '../../core/periods/calendar-settings.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { assertInstallationWide, contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import {
  getHolidayOverrides,
  getRegimeSettings,
  saveHolidayOverrides,
  saveRegimeSettings,
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
    async () => getRegimeSettings(db),
  );
  api.put(
    '/api/settings/reporting-regime',
    {
      config: { policy: 'reports.review' },
      schema: { tags, summary: 'Đặt hạn gửi báo cáo và hạn nội bộ', body: regimeSettingsSchema },
    },
    async (request) => {
      const ctx = contextOf(request, db);
      assertInstallationWide(ctx.user, 'reports.review');
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
        body: holidayOverridesSchema,
      },
    },
    async (request) => {
      const ctx = contextOf(request, db);
      assertInstallationWide(ctx.user, 'reports.review');
      const { year } = request.query;
      // The body is the year's schedule; other years' entries are kept as they are.
      const current = await getHolidayOverrides(db);
      const inYear = (date: string) => date.startsWith(String(year));
      const outside = (dates: string[]) => dates.filter((date) => !inYear(date));
      const refused = [
        ...request.body.daysOff,
        ...request.body.workingDays,
        ...request.body.notHolidays,
      ].find((date) => !inYear(date));
      if (refused) throw fieldError('daysOff', `Ngày ${formatDateVi(refused)} không thuộc năm ${year}.`);
      await saveHolidayOverrides(ctx, {
        daysOff: [...outside(current.daysOff), ...request.body.daysOff],
        workingDays: [...outside(current.workingDays), ...request.body.workingDays],
        notHolidays: [...outside(current.notHolidays), ...request.body.notHolidays],
      });
      return yearHolidays(db, year);
    },
  );
}
