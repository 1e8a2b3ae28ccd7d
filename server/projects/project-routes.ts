import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, versionSchema } from '../../core/ids.ts';
import {
  createProjectSchema,
  editProjectSchema,
  projectListQuery,
  publishSchema,
  withdrawSchema,
} from '../../core/projects/project-schemas.ts';
import { contextOf } from '../auth/policy.ts';
import type { Db } from '../db/engine.ts';
import { CONTENT_TYPES, formatOf } from '../files/tabular.ts';
import { sendDownload } from '../http/downloads.ts';
import { uploadedFile } from '../http/uploads.ts';
import { pageContext } from '../public/layout.ts';
import { readSiteIdentity } from '../public/site-identity.ts';
import { bookPages } from './project-book-pages.ts';
import { createProject, editProject, publishProject, withdrawProject } from './project-commands.ts';
import {
  addLine,
  contributionTemplate,
  editLine,
  importContributions,
  LINE_KIND_CODES,
  LINE_KINDS,
  removeLine,
} from './project-lines.ts';
import { projectPage } from './project-pages.ts';
import { publicView } from './project-public.ts';
import { listProjects, projectDetail } from './project-queries.ts';

/**
 * The staff's side of community projects: the list of the communes in scope, one project whole, its
 * particulars at the version read, each line of its books and board, the import of contributions, the
 * preview of its public page, and the publish/withdraw switch. Read with projects.read, recorded with
 * projects.write on the project's commune (project-access.ts).
 */
const LINE_WORDS: Record<(typeof LINE_KIND_CODES)[number], string> = {
  contributions: 'khoản đóng góp của hộ gia đình (tiền, đất, ngày công; đồng ý công khai tên)',
  receipts: 'khoản thu từ nguồn khác (ngân sách, tài trợ, khác)',
  payments: 'khoản chi',
  members: 'thành viên Ban giám sát đầu tư của cộng đồng',
  notices: 'thông báo, biên bản giám sát của Ban và trả lời của UBND xã',
};

export async function projectRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['projects'];
  const params = z.object({ id: idParam });
  const lineParams = z.object({ id: idParam, lineId: idParam });
  const versionQuery = z.object({ version: z.coerce.number().pipe(versionSchema) });
  const read = { policy: 'projects.read' as const };
  const write = { policy: 'projects.write' as const };

  api.get(
    '/api/projects',
    {
      config: read,
      schema: {
        tags,
        summary: 'Công trình dân góp của các xã trong phạm vi: tìm không dấu, lọc, sắp xếp, phân trang',
        querystring: projectListQuery,
      },
    },
    async (request) => listProjects(contextOf(request, db), request.query),
  );
  api.post(
    '/api/projects',
    {
      config: write,
      schema: { tags, summary: 'Ghi nhận một công trình dân góp của xã', body: createProjectSchema },
    },
    async (request, reply) =>
      reply.status(201).send(await createProject(contextOf(request, db), request.body)),
  );
  api.get(
    '/api/projects/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Công trình: quyết định, sổ thu chi, người góp, ban giám sát, quyết toán',
        params,
      },
    },
    async (request) => projectDetail(contextOf(request, db), request.params.id),
  );
  api.put(
    '/api/projects/:id',
    {
      config: write,
      schema: { tags, summary: 'Sửa thông tin công trình (theo phiên bản)', params, body: editProjectSchema },
    },
    async (request) => editProject(contextOf(request, db), request.params.id, request.body),
  );
  api.get(
    '/api/projects/:id/preview',
    {
      config: read,
      schema: { tags, summary: 'Xem trước đúng trang công khai của công trình (HTML)', params },
    },
    async (request, reply) => {
      const detail = await projectDetail(contextOf(request, db), request.params.id);
      // The site's frame too (the API's requests skip reading it): the preview is the page as published.
      const ctx = { ...pageContext(request), site: await readSiteIdentity(db) };
      const page = projectPage(ctx, publicView(detail), {
        preview: true,
        here: `/api/projects/${detail.id}/preview`,
        pages: bookPages(request.query),
      });
      return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page.markup);
    },
  );
  api.post(
    '/api/projects/:id/publish',
    {
      config: write,
      schema: {
        tags,
        summary: 'Công khai công trình trên /cong-khai/cong-trinh',
        params,
        body: publishSchema,
      },
    },
    async (request) => publishProject(contextOf(request, db), request.params.id, request.body.version),
  );
  api.post(
    '/api/projects/:id/withdraw',
    {
      config: write,
      schema: {
        tags,
        summary: 'Gỡ công trình khỏi trang công khai (nêu lý do)',
        params,
        body: withdrawSchema,
      },
    },
    async (request) => withdrawProject(contextOf(request, db), request.params.id, request.body),
  );
  api.get(
    '/api/projects/contributions-template',
    { config: write, schema: { tags, summary: 'Tệp mẫu nhập các khoản đóng góp (.xlsx)' } },
    async (_request, reply) =>
      sendDownload(reply, {
        fileName: 'Mẫu nhập đóng góp của hộ gia đình.xlsx',
        contentType: CONTENT_TYPES.xlsx,
        data: await contributionTemplate(),
      }),
  );
  api.post(
    '/api/projects/:id/contributions/import',
    {
      config: write,
      schema: {
        tags,
        summary: 'Nhập các khoản đóng góp từ tệp .xlsx/.csv (xem trước với dryRun; tất cả hoặc không)',
        consumes: ['multipart/form-data'],
        params,
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true') }),
      },
    },
    async (request) => {
      const { fileName, data } = await uploadedFile(request);
      return importContributions(
        contextOf(request, db),
        request.params.id,
        { data, format: formatOf(fileName) },
        { dryRun: request.query.dryRun === 'true' },
      );
    },
  );

  for (const kind of LINE_KIND_CODES) {
    const { schema } = LINE_KINDS[kind];
    const words = LINE_WORDS[kind];
    api.post(
      `/api/projects/:id/${kind}`,
      { config: write, schema: { tags, summary: `Thêm ${words}`, params, body: schema } },
      async (request, reply) =>
        reply
          .status(201)
          .send(await addLine(contextOf(request, db), request.params.id, kind, request.body as never)),
    );
    api.put(
      `/api/projects/:id/${kind}/:lineId`,
      {
        config: write,
        schema: {
          tags,
          summary: `Sửa ${words} (theo phiên bản của dòng)`,
          params: lineParams,
          body: z.intersection(schema, z.object({ version: versionSchema })),
        },
      },
      async (request) =>
        editLine(
          contextOf(request, db),
          request.params.id,
          kind,
          request.params.lineId,
          request.body as never,
        ),
    );
    api.delete(
      `/api/projects/:id/${kind}/:lineId`,
      {
        config: write,
        schema: { tags, summary: `Xóa ${words}`, params: lineParams, querystring: versionQuery },
      },
      async (request) =>
        removeLine(
          contextOf(request, db),
          request.params.id,
          kind,
          request.params.lineId,
          request.query.version,
        ),
    );
  }
}
