import { and, eq, isNotNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Msg } from '../../core/errors.ts';
import { PROJECT_STATUSES } from '../../core/projects/books.ts';
import { publicProjectQuery } from '../../core/projects/project-schemas.ts';
import { todayOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { projects, units } from '../db/schema/index.ts';
import { writeTable } from '../files/tabular.ts';
import { html } from '../public/html.ts';
import { layout, link, type PageContext, pageContext } from '../public/layout.ts';
import { setUpCitizenPages } from '../public/page-setup.ts';
import { type Rendered, sendPublic } from '../public/public-cache.ts';
import { SW, say } from '../public/site-words.ts';
import { bookPages, bookParams } from './project-book-pages.ts';
import { type ProjectPageOptions, PW, projectBody } from './project-page-view.ts';
import { projectPath, projectSlug, publicCommunes, publicProjects, publicView } from './project-public.ts';
import { projectView } from './project-view.ts';

/**
 * The public pages of community projects, server-rendered without JavaScript and cached per data
 * change (`sendPublic`): the published projects by commune (/cong-khai/cong-trinh, filtered with a
 * GET form) and one project (/cong-khai/cong-trinh/<id>-<slug>; another slug is sent to the right one,
 * with the pages of its long tables: `?ho=2`). A project not published is "not found", as one that
 * does not exist.
 */
const T = {
  intro: {
    vi: 'Các công trình xây dựng bằng sự đóng góp của người dân (tiền, đất, ngày công): quyết định của cộng đồng, sổ thu chi, tiến độ, ban giám sát đầu tư của cộng đồng và quyết toán.',
    en: 'Works built with the residents’ contributions (money, land, labour): the residents’ decision, the books, progress, the community supervision board and the final accounts.',
  },
  allCommunes: { vi: 'Tất cả xã, phường', en: 'All communes' },
  show: { vi: 'Xem', en: 'Show' },
  nothing: { vi: 'Chưa có công trình nào được công khai.', en: 'No project has been published yet.' },
  home: { vi: 'Trang chủ', en: 'Home' },
  previous: { vi: '← Trang trước', en: '← Previous' },
  next: { vi: 'Trang sau →', en: 'Next →' },
} satisfies Record<string, Msg>;

const HTML_TYPE = 'text/html; charset=utf-8';

function pageCount(ctx: PageContext, page: number, pages: number, total: number) {
  return ctx.lang === 'en'
    ? `Page ${page} of ${pages} · ${total} ${total === 1 ? 'project' : 'projects'}`
    : `Trang ${page}/${pages} · ${total} công trình`;
}

function queryOf(raw: Record<string, unknown>) {
  const picked: Record<string, string> = {};
  for (const key of ['page', 'unitId'])
    if (typeof raw[key] === 'string' && raw[key].trim() !== '') picked[key] = raw[key];
  const first = publicProjectQuery.safeParse(picked);
  if (first.success) return first.data;
  for (const issue of first.error.issues) delete picked[String(issue.path[0])];
  return publicProjectQuery.safeParse(picked).data ?? publicProjectQuery.parse({});
}

async function renderList(request: FastifyRequest, db: Db): Promise<Rendered> {
  const ctx = pageContext(request);
  const s = (message: Msg) => say(ctx.lang, message);
  const query = queryOf(request.query as Record<string, unknown>);
  const list = await publicProjects(db, query);
  const communes = await publicCommunes(db);
  const pages = Math.max(1, Math.ceil(list.total / list.perPage));
  const pageLink = (page: number) => link(ctx, '/cong-khai/cong-trinh', { unitId: query.unitId, page });
  const chosen = String(query.unitId ?? '');
  const option = (value: string, label: string) =>
    html`<option value="${value}"${value === chosen ? html` selected` : null}>${label}</option>`;
  const title = s(PW.section);
  const body = html`<h1>${title}</h1>
<p>${s(T.intro)}</p>
<form method="get" action="/cong-khai/cong-trinh" class="card" role="search">
${ctx.chosen ? html`<input type="hidden" name="lang" value="${ctx.lang}">` : null}
<div class="field"><label for="unitId">${s(PW.commune)}</label><select id="unitId" name="unitId">
${option('', s(T.allCommunes))}${communes.map((unit) => option(String(unit.id), unit.name))}
</select></div>
<button type="submit">${s(T.show)}</button>
</form>
<p class="meta" role="status">${pageCount(ctx, list.page, pages, list.total)}</p>
${
  list.items.length === 0
    ? html`<p>${s(T.nothing)}</p>`
    : html`<ul class="items">${list.items.map(
        (item) => html`<li data-project="${item.id}"><a href="${link(ctx, item.path)}">${item.name}</a>
<p class="meta">${item.unitName}${item.location ? ` · ${item.location}` : ''}</p>
<p><span class="badge">${s(PROJECT_STATUSES[item.status as keyof typeof PROJECT_STATUSES])}</span> · ${s(PW.progress)} ${item.progress}%</p></li>`,
      )}</ul>`
}
<nav class="pages" aria-label="${pageCount(ctx, list.page, pages, list.total)}">
${list.page > 1 ? html`<a href="${pageLink(list.page - 1)}" rel="prev">${s(T.previous)}</a>` : html`<span></span>`}
${list.page < pages ? html`<a href="${pageLink(list.page + 1)}" rel="next">${s(T.next)}</a>` : null}
</nav>`;
  return {
    status: 200,
    type: HTML_TYPE,
    body: layout(ctx, {
      title,
      body,
      section: 'projects',
      crumbs: [{ label: s(T.home), href: '/cong-khai' }, { label: title }],
      description: s(T.intro),
    }).markup,
  };
}

function notFound(ctx: PageContext): Rendered {
  const title = say(ctx.lang, SW.notFoundTitle);
  const body = html`<h1>${title}</h1><p><a href="${link(ctx, '/cong-khai/cong-trinh')}">${say(ctx.lang, PW.section)}</a></p>`;
  return { status: 404, type: HTML_TYPE, body: layout(ctx, { title, body, section: 'projects' }).markup };
}

/** The page of one project, published or (for the staff's preview) not: the same markup either way. */
export function projectPage(
  ctx: PageContext,
  project: ReturnType<typeof publicView>,
  options: ProjectPageOptions,
) {
  const s = (message: Msg) => say(ctx.lang, message);
  return layout(ctx, {
    title: project.name,
    body: projectBody(ctx, project, options),
    section: 'projects',
    wide: true,
    crumbs: [
      { label: s(T.home), href: '/cong-khai' },
      { label: s(PW.section), href: '/cong-khai/cong-trinh' },
      { label: project.name },
    ],
    description: `${project.name} · ${project.unitName}`,
  });
}

/** A published project by its address's leading id, or null. */
async function publishedBySlug(db: Db, slug: string) {
  const id = Number(/^(\d{1,10})(-|$)/.exec(slug)?.[1]);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) return null;
  const [row] = await db
    .select({ project: projects, unitName: units.name })
    .from(projects)
    .innerJoin(units, eq(units.id, projects.unitId))
    .where(and(eq(projects.id, id), isNotNull(projects.publishedAt)));
  return row ?? null;
}

async function showProject(request: FastifyRequest, reply: FastifyReply, db: Db) {
  return sendPublic(request, reply, async () => {
    const ctx = pageContext(request);
    const slug = (request.params as { slug: string }).slug;
    const row = await publishedBySlug(db, slug);
    if (!row) return notFound(ctx);
    const pages = bookPages(request.query);
    // An old or shortened address of a published project leads to its own, on the same tables' pages.
    const path = projectPath(row.project.id, row.project.name);
    if (projectSlug(row.project.id, row.project.name) !== slug)
      return {
        status: 301,
        type: 'text/plain; charset=utf-8',
        body: '',
        headers: { location: link(ctx, path, bookParams(pages)) },
      };
    const view = await projectView(db, row, todayOf({ now: request.server.clock }));
    const page = projectPage(ctx, publicView(view), { path, here: path, pages });
    return { status: 200, type: HTML_TYPE, body: page.markup };
  });
}

/**
 * The same published data as open data: the whole public page as JSON, and the contributors as CSV
 * (named households line by line, the others as one line of totals). Never a name the page hides.
 */
async function sendData(request: FastifyRequest, reply: FastifyReply, db: Db, format: 'json' | 'csv') {
  return sendPublic(
    request,
    reply,
    async () => {
      const row = await publishedBySlug(db, (request.params as { slug: string }).slug);
      if (!row) return { status: 404, type: 'text/plain; charset=utf-8', body: 'Không tìm thấy / Not found' };
      const project = publicView(await projectView(db, row, todayOf({ now: request.server.clock })));
      const name = projectSlug(row.project.id, row.project.name);
      if (format === 'json')
        return { status: 200, type: 'application/json; charset=utf-8', body: JSON.stringify(project) };
      const { named, unnamed } = project.contributors;
      const rows = [
        ...named.map((line) => [line.name ?? '', line.kind, String(line.quantity), String(line.value ?? '')]),
        ...(['money', 'land', 'labour'] as const)
          .filter((kind) => unnamed[kind] > 0)
          .map((kind) => [
            `Hộ gia đình (${unnamed.households} hộ không công khai tên)`,
            kind,
            String(unnamed[kind]),
            '',
          ]),
      ];
      const body = await writeTable(
        {
          headers: [
            'Hộ gia đình',
            'Hình thức (money/land/labour)',
            'Số lượng (đồng, m², ngày công)',
            'Quy ra tiền (đồng)',
          ],
          rows,
        },
        'csv',
      );
      return {
        status: 200,
        type: 'text/csv; charset=utf-8',
        body,
        headers: { 'content-disposition': `attachment; filename="${name}-dong-gop.csv"` },
      };
    },
    { cors: true },
  );
}

export async function projectPages(app: FastifyInstance, { db }: { db: Db }) {
  const config = { policy: 'public' as const };
  const schema = { hide: true };
  setUpCitizenPages(app, { path: '/cong-khai/cong-trinh', label: PW.section });
  app.get('/cong-khai/cong-trinh', { config, schema }, (request, reply) =>
    sendPublic(request, reply, () => renderList(request, db)),
  );
  app.get('/cong-khai/cong-trinh/:slug', { config, schema }, (request, reply) =>
    showProject(request, reply, db),
  );
  app.get('/cong-khai/cong-trinh/:slug/du-lieu.json', { config, schema }, (request, reply) =>
    sendData(request, reply, db, 'json'),
  );
  app.get('/cong-khai/cong-trinh/:slug/dong-gop.csv', { config, schema }, (request, reply) =>
    sendData(request, reply, db, 'csv'),
  );
}
