import type { FastifyReply, FastifyRequest } from 'fastify';
import { inLocale, type Msg } from '../../../core/errors.ts';
import {
  FEEDBACK_OUTCOMES,
  FEEDBACK_STATUSES,
  type FeedbackOutcome,
  type FeedbackStatus,
} from '../../../core/feedback/workflow.ts';
import { formatDateVi } from '../../../core/text/dates.ts';
import type { Db } from '../../db/engine.ts';
import { html } from '../../public/html.ts';
import { layout, link, pageContext } from '../../public/layout.ts';
import { htmlRendered, sendPublic } from '../../public/public-cache.ts';
import { formChoices, publicList } from '../feedback-public-list.ts';
import { publicListQuery } from '../feedback-public-routes.ts';
import { pageCount, say, W } from './words.ts';

/**
 * GET /phan-anh/danh-sach: the public list (the API's `publicList`: no names, contacts or notes, no
 * spam, no complaints or denunciations), filtered by commune, category, status and text with a GET
 * form, with links to the pages before and after. A filter value the list does not know is ignored.
 * Public data only: rendered once per change to feedback (`sendPublic`).
 */
const FILTERS = ['page', 'perPage', 'q', 'communeCode', 'categoryCode', 'status'] as const;

function listQueryOf(raw: Record<string, unknown>) {
  const picked: Record<string, string> = {};
  for (const key of FILTERS) {
    const value = raw[key];
    if (typeof value === 'string' && value.trim() !== '') picked[key] = value;
  }
  const first = publicListQuery.safeParse(picked);
  if (first.success) return first.data;
  for (const issue of first.error.issues) delete picked[String(issue.path[0])];
  return publicListQuery.safeParse(picked).data ?? publicListQuery.parse({});
}

export function showList(request: FastifyRequest, reply: FastifyReply, db: Db) {
  return sendPublic(request, reply, () => renderList(request, db), { reads: 'feedback' });
}

async function renderList(request: FastifyRequest, db: Db) {
  const ctx = pageContext(request);
  const { lang } = ctx;
  const s = (message: Msg) => say(lang, message);
  const query = listQueryOf(request.query as Record<string, unknown>);
  const [list, choices] = [await publicList(db, query), await formChoices(db)];
  const pages = Math.max(1, Math.ceil(list.total / list.perPage));
  const filters = {
    q: query.q,
    communeCode: query.communeCode,
    categoryCode: query.categoryCode,
    status: query.status,
  };
  const pageLink = (page: number) =>
    link(ctx, '/phan-anh/danh-sach', {
      ...filters,
      perPage: query.perPage === 20 ? null : query.perPage,
      page,
    });
  const option = (value: string, label: string, chosen: string | undefined) =>
    html`<option value="${value}"${value === (chosen ?? '') ? html` selected` : null}>${label}</option>`;
  const body = html`<h1>${s(W.listTitle)}</h1>
<p>${s(W.listIntro)}</p>
<form method="get" action="/phan-anh/danh-sach" class="card" role="search">
${ctx.chosen ? html`<input type="hidden" name="lang" value="${lang}">` : null}
<div class="field"><label for="q">${s(W.search)}</label><input type="search" id="q" name="q" value="${query.q ?? ''}"></div>
<div class="filters">
<div class="field"><label for="communeCode">${s(W.commune)}</label><select id="communeCode" name="communeCode">
${option('', s(W.allCommunes), query.communeCode)}${choices.communes.map((commune) => option(commune.code ?? '', commune.name, query.communeCode))}
</select></div>
<div class="field"><label for="categoryCode">${s(W.category)}</label><select id="categoryCode" name="categoryCode">
${option('', s(W.allCategories), query.categoryCode)}${choices.categories.map((category) =>
  option(category.code, inLocale(category, lang), query.categoryCode),
)}
</select></div>
<div class="field"><label for="status">${s(W.status)}</label><select id="status" name="status">
${option('', s(W.allStatuses), query.status)}${Object.entries(FEEDBACK_STATUSES).map(([code, name]) =>
  option(code, inLocale(name, lang), query.status),
)}
</select></div>
</div>
<button type="submit">${s(W.filter)}</button>
</form>
<p class="meta" role="status">${pageCount(lang, list.page, pages, list.total)}</p>
${
  list.items.length === 0
    ? html`<p>${s(W.nothingFound)}</p>`
    : html`<ul class="items">${list.items.map(
        (item) => html`<li>
<a href="${link(ctx, `/phan-anh/${item.code}`)}" class="code">${item.code}</a>
<p class="meta">${formatDateVi(item.receivedOn)} · ${inLocale(item.category, lang)} · ${item.communeName}</p>
<p><span class="badge">${inLocale(FEEDBACK_STATUSES[item.status as FeedbackStatus], lang)}</span>${
          item.outcome
            ? html` · ${s(W.outcome)}: ${inLocale(FEEDBACK_OUTCOMES[item.outcome as FeedbackOutcome], lang)}`
            : null
        }</p>
<p class="text">${item.excerpt}</p>
<p class="meta">${s(W.handlingUnit)}: ${item.handlingUnitName}</p>
</li>`,
      )}</ul>`
}
<nav class="pages" aria-label="${pageCount(lang, list.page, pages, list.total)}">
${list.page > 1 ? html`<a href="${pageLink(list.page - 1)}" rel="prev">${s(W.previous)}</a>` : html`<span></span>`}
${list.page < pages ? html`<a href="${pageLink(list.page + 1)}" rel="next">${s(W.next)}</a>` : null}
</nav>`;
  return htmlRendered(200, layout(ctx, { title: s(W.listTitle), body, section: 'feedback' }));
}
