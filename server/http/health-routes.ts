import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/engine.ts';

export async function healthRoutes(app: FastifyInstance, { database }: { database: Database }) {
  app.get(
    '/api/health',
    { config: { policy: 'public' }, schema: { tags: ['system'], summary: 'Tình trạng hệ thống' } },
    async (_request, reply) => {
      const started = performance.now();
      try {
        await database.pool.query('select 1');
        return { status: 'ok', database: database.kind, databaseMs: Math.round(performance.now() - started) };
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: database.kind });
      }
    },
  );
}
