import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../core/ids.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { sendDownload } from '../http/downloads.ts';
import { getJob, jobFile, listJobs, setJobLogger } from './jobs.ts';

const id = idParam;

/** Background work as the person who started it follows it: progress, result, files. */
export async function jobRoutes(app: FastifyInstance, { db }: { db: Db }) {
  setJobLogger(app.log);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['jobs'];
  api.get(
    '/api/jobs',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags,
        summary: 'Các việc chạy nền gần đây của người dùng',
        querystring: z.object({
          kind: z.string().trim().max(60).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
    },
    async (request) => listJobs(contextOf(request, db), request.query),
  );
  api.get(
    '/api/jobs/:id',
    {
      config: { policy: 'authenticated' },
      schema: { tags, summary: 'Tiến độ một việc chạy nền', params: z.object({ id }) },
    },
    async (request) => getJob(contextOf(request, db), request.params.id),
  );
  api.get(
    '/api/jobs/:id/files/:index',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags,
        summary: 'Tải tệp kết quả',
        params: z.object({ id, index: z.coerce.number().int().min(0) }),
      },
    },
    async (request, reply) =>
      sendDownload(reply, await jobFile(contextOf(request, db), request.params.id, request.params.index)),
  );
}
