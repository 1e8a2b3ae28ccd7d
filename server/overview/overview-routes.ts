import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type LeaderOverview, leaderOverviewSchema } from '../../core/overview/leader-overview.ts';
import { contextOf } from '../auth/policy.ts';
import { todayOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { JsonBodyCache, ReadCache } from '../db/read-cache.ts';
import { cachedCounterSource } from '../indicators/dashboard-service.ts';
import { leaderOverview, OVERVIEW_PIECES, type OverviewPiece, type PieceSource } from './leader-overview.ts';

export async function overviewRoutes(app: FastifyInstance, { db, cacheMs }: { db: Db; cacheMs: number }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const counters = cachedCounterSource(db, cacheMs);
  // The same for everyone holding the same grants on the same day, until any data changes.
  const bodies = new JsonBodyCache({ maxEntries: 64, maxAgeMs: cacheMs });
  // Its parts, each kept until a change to what it reads: a report sent recomputes only the boards and
  // the overdue tasks (the body above is recomposed from the parts after any change).
  const pieces = Object.fromEntries(
    Object.entries(OVERVIEW_PIECES).map(([name, dependsOn]) => [
      name,
      new ReadCache<unknown>({ maxEntries: 64, maxAgeMs: cacheMs, dependsOn }),
    ]),
  ) as Record<OverviewPiece, ReadCache<unknown>>;
  // Each part computed afresh is timed into the answer's Server-Timing header (what a cold answer costs).
  const piecesFor =
    (key: string, timings: string[]): PieceSource =>
    (name, compute) =>
      pieces[name].get(key, async () => {
        const started = performance.now();
        try {
          return await compute();
        } finally {
          timings.push(`${name};dur=${(performance.now() - started).toFixed(1)}`);
        }
      }) as ReturnType<typeof compute>;
  // Leaders opening the home page together after a change wait for one computation, not one each.
  const computing = new Map<string, Promise<LeaderOverview>>();
  const once = (key: string, compute: () => Promise<LeaderOverview>) => {
    const pending = computing.get(key);
    if (pending) return pending;
    const answer = compute().finally(() => computing.delete(key));
    computing.set(key, answer);
    return answer;
  };
  api.get(
    '/api/overview/leader',
    {
      config: { policy: 'overview.read' },
      schema: {
        tags: ['overview'],
        summary:
          'Tổng quan của lãnh đạo tỉnh: PAPI, hồ sơ so với chỉ tiêu, báo cáo kỳ này, nhiệm vụ quá hạn, xã yếu nhất, kết quả đánh giá',
        response: { 200: leaderOverviewSchema },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, db);
      const grants = ctx.user.grants.map((grant) => `${grant.role}@${grant.unitPath}`).sort();
      const key = `${grants.join(',')}|${todayOf(ctx)}`;
      const timings: string[] = [];
      return bodies.send(reply, key, leaderOverviewSchema, async () => {
        const started = performance.now();
        const overview = await once(key, () => leaderOverview(ctx, counters, piecesFor(key, timings)));
        timings.push(`total;dur=${(performance.now() - started).toFixed(1)}`);
        reply.header('server-timing', timings.join(', '));
        return overview;
      });
    },
  );
}
