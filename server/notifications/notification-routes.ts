import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zodMsg } from '../../core/errors.ts';
import { idParam } from '../../core/ids.ts';
import { listQuery } from '../../core/list.ts';
import { todosSchema } from '../../core/todos.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { findNotifications, markAllNotificationsRead, markNotificationRead } from './notification-service.ts';
import { findTodos } from './todos.ts';

const notificationQuery = listQuery(['createdAt'], '-createdAt').extend({
  unread: z
    .enum(['true', 'false'], { error: zodMsg('unread phải là true hoặc false.', 'unread is true or false.') })
    .optional()
    .transform((value) => value === 'true'),
});

export async function notificationRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  // Everyone has notifications of their own: the policy is being signed in, the scope is the user.
  api.get(
    '/api/notifications',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags,
        summary: 'Thông báo của tôi (mới nhất trước), kèm số chưa đọc',
        querystring: notificationQuery,
      },
    },
    async (request) => findNotifications(contextOf(request, db), request.query),
  );
  api.post(
    '/api/notifications/:id/read',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags,
        summary: 'Đánh dấu một thông báo đã đọc',
        params: z.object({ id: idParam }),
      },
    },
    async (request) => markNotificationRead(contextOf(request, db), request.params.id),
  );
  api.post(
    '/api/notifications/read-all',
    { config: { policy: 'authenticated' }, schema: { tags, summary: 'Đánh dấu đã đọc tất cả' } },
    async (request) => markAllNotificationsRead(contextOf(request, db)),
  );
  // What waits for the user: each part is scoped by the user's own grants (none: nothing listed).
  api.get(
    '/api/todos',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags,
        summary: 'Việc chờ tôi: báo cáo, phiếu đánh giá, kế hoạch (số lượng và nơi xử lý)',
        response: { 200: todosSchema },
      },
    },
    async (request) => findTodos(contextOf(request, db)),
  );
}
