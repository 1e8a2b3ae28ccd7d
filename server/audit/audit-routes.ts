import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasPermissionOn, scopeRoots } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import { idParam } from '../../core/ids.ts';
import { listQuery } from '../../core/list.ts';
import { isoDate } from '../../core/text/fields.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { findAuditEvents, verifyAuditChain } from './audit-service.ts';

const auditQuery = listQuery(['at'], '-at').extend({
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(50).optional(),
  actorId: idParam.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export async function auditRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/audit',
    {
      config: { policy: 'audit.read' },
      schema: { tags: ['audit'], summary: 'Nhật ký hệ thống', querystring: auditQuery },
    },
    async (request) => {
      const { user } = contextOf(request, db);
      return findAuditEvents(db, { ...request.query, scope: scopeRoots(user.grants, 'audit.read') });
    },
  );
  api.get(
    '/api/audit/verify',
    {
      config: { policy: 'audit.read' },
      schema: { tags: ['audit'], summary: 'Kiểm tra tính toàn vẹn của nhật ký (chuỗi băm)' },
    },
    async (request) => {
      // The chain spans every unit: only an installation-wide reader may walk it.
      if (!hasPermissionOn(contextOf(request, db).user.grants, 'audit.read', '/'))
        throw new AppError('FORBIDDEN');
      const result = await verifyAuditChain(db);
      return result.ok ? { ok: true, checked: result.checked } : result;
    },
  );
}
