import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/engine.ts';
import { onPrimary } from '../db/read-scope.ts';

export async function healthRoutes(app: FastifyInstance, { database }: { database: Database }) {
  app.get(
    '/api/health',
    { config: { policy: 'public' }, schema: { tags: ['system'], summary: 'Tình trạng hệ thống' } },
    async (_request, reply) => {
      const started = performance.now();
      try {
        await onPrimary(() => database.pool.query('select 1'));
        const databaseMs = Math.round(performance.now() - started);
        // Replicas by number, not address: this answer is public.
        const replicas = database.cluster?.replicated
          ? database.cluster
              .status()
              .replicas.map(({ healthy, standby, lagMs }) => ({ up: healthy && standby, lagMs }))
          : undefined;
        return { status: 'ok', database: database.kind, databaseMs, ...(replicas && { replicas }) };
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: database.kind });
      }
    },
  );
}
