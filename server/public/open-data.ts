import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Msg } from '../../core/errors.ts';
import { type Row, type TableSchema, toCsv, toJsonRows } from '../../core/open-data/table-schema.ts';
import type { Db } from '../db/engine.ts';
import { html } from './html.ts';
import { layout, notFoundPage, pageContext, tableBox } from './layout.ts';
import {
  contactsResource,
  disclosuresResource,
  papiResources,
  planResources,
  projectsResource,
  roundResources,
} from './open-data-resources.ts';
import { sendPublic } from './public-cache.ts';
import { SW, say } from './site-words.ts';

/**
 * Open data (`/du-lieu-mo`): every public table of the site as CSV and JSON at a stable address, a
 * catalogue page, and a Frictionless Data Package (`datapackage.json`) describing each resource with
 * its Table Schema. Open to any site's scripts (CORS), cached per data change with ETags like the
 * pages, and read from the same published-only queries as the pages: nothing here is not on the site.
 */
export interface OpenResource {
  /** Its name and file name: "papi-2024" → /du-lieu-mo/papi-2024.csv and .json. */
  name: string;
  title: string;
  description: string;
  schema: TableSchema;
  /** Where the figures come from, when not from the province itself. */
  sources?: { title: string; path?: string }[];
  rows: () => Promise<Row[]>;
}

/** Each area lists its resources (the published ones only); they are read when asked for. */
export type OpenDataSource = (db: Db, request: FastifyRequest, publicUrl: string) => Promise<OpenResource[]>;

const SOURCES: OpenDataSource[] = [
  papiResources,
  roundResources,
  planResources,
  disclosuresResource,
  projectsResource,
  contactsResource,
];

async function allResources(db: Db, request: FastifyRequest, publicUrl: string): Promise<OpenResource[]> {
  return (await Promise.all(SOURCES.map((source) => source(db, request, publicUrl)))).flat();
}

const LICENCE = {
  name: 'CC-BY-4.0',
  path: 'https://creativecommons.org/licenses/by/4.0/',
  title: 'Creative Commons Attribution 4.0',
};

const T = {
  title: { vi: 'Dữ liệu mở', en: 'Open data' },
  intro: {
    vi: 'Mọi bảng số liệu công khai trên trang này, tải về dạng CSV (UTF-8, dấu phẩy, số thập phân dùng dấu chấm, ngày theo ISO 8601) hoặc JSON. Gói dữ liệu datapackage.json mô tả từng bảng và từng cột theo chuẩn Frictionless. Các trang web khác được phép đọc trực tiếp (CORS).',
    en: 'Every public table of this site, as CSV (UTF-8, comma-separated, "." decimals, ISO 8601 dates) or JSON. The datapackage.json describes each table and column in the Frictionless standard. Other sites may read them directly (CORS).',
  },
  package: { vi: 'Gói dữ liệu (datapackage.json)', en: 'Data package (datapackage.json)' },
  table: { vi: 'Bảng', en: 'Table' },
  download: { vi: 'Tải về', en: 'Download' },
  columns: { vi: 'Các cột', en: 'Columns' },
  licence: {
    vi: 'Giấy phép: Creative Commons Ghi công 4.0 (CC BY 4.0), trừ khi bảng ghi nguồn khác.',
    en: 'Licence: Creative Commons Attribution 4.0 (CC BY 4.0), unless a table names another source.',
  },
  source: { vi: 'Nguồn', en: 'Source' },
} satisfies Record<string, Msg>;

async function catalogue(request: FastifyRequest, reply: FastifyReply, db: Db, publicUrl: string) {
  return sendPublic(request, reply, async () => {
    const ctx = pageContext(request);
    const s = (message: Msg) => say(ctx.lang, message);
    const resources = await allResources(db, request, publicUrl);
    const body = html`<h1>${s(T.title)}</h1>
<p>${s(T.intro)}</p>
<p><a href="/du-lieu-mo/datapackage.json">${s(T.package)}</a></p>
<p>${s(T.licence)}</p>
${tableBox(
  s(T.title),
  html`<table>
<thead><tr><th scope="col">${s(T.table)}</th><th scope="col">${s(T.download)}</th><th scope="col">${s(T.columns)}</th></tr></thead>
<tbody>${resources.map(
    (
      resource,
    ) => html`<tr><th scope="row">${resource.title}<br><span class="meta">${resource.description}</span>${
      resource.sources?.length
        ? html`<br><span class="meta">${s(T.source)}: ${resource.sources.map((source) => source.title).join('; ')}</span>`
        : null
    }</th>
<td class="nowrap"><a href="${`/du-lieu-mo/${resource.name}.csv`}" download>CSV</a> · <a href="${`/du-lieu-mo/${resource.name}.json`}">JSON</a></td>
<td>${resource.schema.fields.map((field) => field.title).join(', ')}</td></tr>`,
  )}</tbody>
</table>`,
)}`;
    return {
      status: 200,
      type: 'text/html; charset=utf-8',
      body: layout(ctx, {
        title: s(T.title),
        body,
        wide: true,
        section: 'data',
        crumbs: [{ label: s(SW.home), href: '/cong-khai' }, { label: s(T.title) }],
        description: s(T.intro),
      }).markup,
    };
  });
}

async function dataPackage(request: FastifyRequest, reply: FastifyReply, db: Db, publicUrl: string) {
  return sendPublic(
    request,
    reply,
    async () => {
      const resources = await allResources(db, request, publicUrl);
      const site = request.site;
      const description = {
        name: `chiso-${site?.code ?? 'du-lieu'}`,
        title: `Dữ liệu mở cải cách hành chính — ${site?.fullName ?? 'Chiso'}`,
        licenses: [LICENCE],
        resources: resources.map((resource) => ({
          name: resource.name,
          path: `${publicUrl}/du-lieu-mo/${resource.name}.csv`,
          format: 'csv',
          mediatype: 'text/csv',
          encoding: 'utf-8',
          title: resource.title,
          description: resource.description,
          ...(resource.sources && { sources: resource.sources }),
          schema: resource.schema,
        })),
      };
      return {
        status: 200,
        type: 'application/json; charset=utf-8',
        body: JSON.stringify(description, null, 1),
      };
    },
    { cors: true },
  );
}

async function file(
  request: FastifyRequest<{ Params: { file: string } }>,
  reply: FastifyReply,
  db: Db,
  publicUrl: string,
) {
  return sendPublic(
    request,
    reply,
    async () => {
      const match = /^([a-z0-9][a-z0-9-]*)\.(csv|json)$/.exec(request.params.file);
      const resource = match
        ? (await allResources(db, request, publicUrl)).find((each) => each.name === match[1])
        : undefined;
      if (!match || !resource)
        return {
          status: 404,
          type: 'text/html; charset=utf-8',
          body: notFoundPage(pageContext(request)).markup,
        };
      const rows = await resource.rows();
      return match[2] === 'csv'
        ? {
            status: 200,
            type: 'text/csv; charset=utf-8',
            body: toCsv(resource.schema, rows),
            headers: { 'content-disposition': `inline; filename="${resource.name}.csv"` },
          }
        : {
            status: 200,
            type: 'application/json; charset=utf-8',
            body: JSON.stringify(toJsonRows(resource.schema, rows)),
          };
    },
    { cors: true },
  );
}

export async function openDataRoutes(app: FastifyInstance, { db, publicUrl }: { db: Db; publicUrl: string }) {
  const config = { policy: 'public' as const };
  const schema = { hide: true };
  app.get('/du-lieu-mo', { config, schema }, (request, reply) => catalogue(request, reply, db, publicUrl));
  app.get('/du-lieu-mo/datapackage.json', { config, schema }, (request, reply) =>
    dataPackage(request, reply, db, publicUrl),
  );
  app.get<{ Params: { file: string } }>('/du-lieu-mo/:file', { config, schema }, (request, reply) =>
    file(request, reply, db, publicUrl),
  );
}
