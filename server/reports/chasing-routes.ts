import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { DOCUMENT_FORMATS } from '../files/document-render.ts';
import { sendDownload } from '../http/downloads.ts';
import { chasingLetter } from './chasing-letter.ts';

export async function chasingRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Who chases is who reviews reports: the letter lists the units of their scope that have not sent.
  for (const format of DOCUMENT_FORMATS)
    api.get(
      `/api/reports/chasing-letter.${format}`,
      {
        config: { policy: 'reports.review' },
        schema: {
          tags: ['reports'],
          summary: `Công văn đôn đốc (.${format}, Nghị định 30/2020) các đơn vị chưa gửi báo cáo của kỳ`,
          querystring: z.object({ period: z.string().trim().min(4).max(10) }),
        },
      },
      async (request, reply) =>
        sendDownload(reply, await chasingLetter(contextOf(request, db), request.query.period, format)),
    );
}
