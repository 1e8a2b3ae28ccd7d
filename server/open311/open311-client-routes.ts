import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../core/ids.ts';
import { listQuery } from '../../core/list.ts';
import { OPEN311_CLIENT_SORT_FIELDS, registerClientSchema } from '../../core/open311/open311-schemas.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { listClients, registerClient, revokeClient } from './open311-clients.ts';

/** The staff's side of Open311: the province's registered applications, a new one (its key shown once), revoking one. */
export async function open311ClientRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['open311'];

  api.get(
    '/api/open311/clients',
    {
      config: { policy: 'feedback.manage' },
      schema: {
        tags,
        summary: 'Các ứng dụng được đăng ký gửi phản ánh qua Open311 (không có khóa, chỉ 4 ký tự cuối)',
        querystring: listQuery(OPEN311_CLIENT_SORT_FIELDS, '-createdAt'),
      },
    },
    async (request) => listClients(contextOf(request, db), request.query),
  );
  api.post(
    '/api/open311/clients',
    {
      config: { policy: 'feedback.manage' },
      schema: {
        tags,
        summary: 'Đăng ký ứng dụng: khóa api_key chỉ trả về một lần, hệ thống chỉ giữ mã băm',
        body: registerClientSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerClient(contextOf(request, db), request.body)),
  );
  api.post(
    '/api/open311/clients/:id/revoke',
    {
      config: { policy: 'feedback.manage' },
      schema: {
        tags,
        summary: 'Thu hồi khóa của ứng dụng: từ nay không gửi được phản ánh',
        params: z.object({ id: idParam }),
      },
    },
    async (request) => revokeClient(contextOf(request, db), request.params.id),
  );
}
