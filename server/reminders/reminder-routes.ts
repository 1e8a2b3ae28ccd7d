import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zodMsg } from '../../core/errors.ts';
import { idSchema, versionOrNewSchema } from '../../core/ids.ts';
import { reminderSettingsSchema } from '../../core/reports/reminders.ts';
import { contextOf } from '../auth/policy.ts';
import { nowOf } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/engine.ts';
import { sendRemindersNow } from './reminder-service.ts';
import { reminderSettingsForm, saveReminderSettings } from './reminder-settings.ts';

const sendNowSchema = z.object({
  periodCode: z.string().trim().min(4).max(10),
  unitIds: z
    .array(idSchema, { error: zodMsg('Chọn các đơn vị cần nhắc.', 'Choose the units to remind.') })
    .min(1, zodMsg('Chọn ít nhất một đơn vị để nhắc.', 'Choose at least one unit to remind.'))
    .max(500, zodMsg('Tối đa 500 đơn vị mỗi lần nhắc.', 'At most 500 units per reminder.')),
});

export async function reminderRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  api.get(
    '/api/settings/reminders',
    {
      config: { policy: 'reports.read' },
      schema: { tags, summary: 'Cài đặt nhắc hạn: số ngày trước và sau hạn, tính theo ngày làm việc' },
    },
    async () => reminderSettingsForm(db),
  );
  // The settings hold for the whole installation: whoever reviews reports sets them.
  api.put(
    '/api/settings/reminders',
    {
      config: { policy: 'reports.review' },
      schema: {
        tags,
        summary: 'Lưu cài đặt nhắc hạn',
        body: reminderSettingsSchema.extend({ version: versionOrNewSchema }),
      },
    },
    async (request) => {
      const ctx = contextOf(request, db);
      return saveReminderSettings(ctx, request.body);
    },
  );
  api.post(
    '/api/reports/reminders',
    {
      config: { policy: 'reports.review' },
      schema: {
        tags,
        summary: 'Gửi nhắc ngay cho các đơn vị được chọn (chưa gửi báo cáo kỳ), trả về ai đã được nhắc',
        body: sendNowSchema,
      },
    },
    async (request) => {
      const ctx = contextOf(request, db);
      return sendRemindersNow(ctx, config, request.body, nowOf(ctx));
    },
  );
}
