import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  issuedDocumentSchema,
  registerListQuery,
  registerListSchema,
  takeNumberSchema,
  voidNumberSchema,
} from '../../core/documents/register-schemas.ts';
import { idParam } from '../../core/ids.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { sendDownload } from '../http/downloads.ts';
import { takeNumber, voidNumber } from './register-commands.ts';
import { exportRegister } from './register-export.ts';
import { getIssuedDocument, listRegister } from './register-queries.ts';

/** The register of outgoing documents (sổ văn bản đi): documents.register on the unit, for every route. */
export async function registerRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];
  const config = { policy: 'documents.register' as const };
  const params = z.object({ id: idParam });

  api.get(
    '/api/documents/register',
    {
      config,
      schema: {
        tags,
        summary: 'Sổ văn bản đi của các đơn vị (tìm không dấu, lọc năm, loại, tình trạng, đơn vị)',
        querystring: registerListQuery,
        response: { 200: registerListSchema },
      },
    },
    async (request) => listRegister(contextOf(request, db), request.query),
  );
  api.post(
    '/api/documents/register',
    {
      config,
      schema: {
        tags,
        summary: 'Lấy số văn bản đi (số tiếp theo trong năm và loại văn bản của đơn vị)',
        body: takeNumberSchema,
        response: { 201: issuedDocumentSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await takeNumber(contextOf(request, db), request.body)),
  );
  api.get(
    '/api/documents/register/export.xlsx',
    {
      config,
      schema: {
        tags,
        summary: 'Sổ văn bản đi dưới dạng .xlsx (mọi dòng theo bộ lọc)',
        querystring: registerListQuery.omit({ page: true, perPage: true }),
      },
    },
    async (request, reply) =>
      sendDownload(reply, await exportRegister(contextOf(request, db), request.query)),
  );
  api.get(
    '/api/documents/register/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Một văn bản trong sổ văn bản đi',
        params,
        response: { 200: issuedDocumentSchema },
      },
    },
    async (request) => getIssuedDocument(contextOf(request, db), request.params.id),
  );
  api.post(
    '/api/documents/register/:id/void',
    {
      config,
      schema: {
        tags,
        summary: 'Hủy số văn bản (giữ trong sổ với lý do; số không bao giờ được cấp lại)',
        params,
        body: voidNumberSchema,
        response: { 200: issuedDocumentSchema },
      },
    },
    async (request) => voidNumber(contextOf(request, db), request.params.id, request.body.reason),
  );
}
