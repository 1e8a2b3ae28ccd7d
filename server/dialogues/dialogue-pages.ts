import type { FastifyInstance, FastifyRequest } from 'fastify';
import { publicDialogueQuery } from '../../core/dialogues/dialogue-schemas.ts';
import { COMMITMENT_STATES, DIALOGUE_KINDS } from '../../core/dialogues/kinds.ts';
import { inLocale, type Msg } from '../../core/errors.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { todayOf } from '../clock.ts';
import type { Db } from '../db/engine.ts';
import { W as FEEDBACK_WORDS, type Lang, say } from '../feedback/pages/words.ts';
import { httpStatusOf, toAppError } from '../http/errors.ts';
import { html } from '../public/html.ts';
import { layout, link, type PageContext, pageContext, sendPage } from '../public/layout.ts';
import { htmlRendered, type Rendered, sendPublic } from '../public/public-cache.ts';
import { publicChoices, publicDialogue, publicDialogues } from './dialogue-public.ts';

/**
 * The public record of dialogues, served as HTML without JavaScript through the citizens' page template
 * (server/feedback/pages): the list of published dialogues (/doi-thoai, filtered by unit and year with
 * a GET form) and a page per dialogue (/doi-thoai/:id). Never a draft: an unpublished dialogue is
 * "not found", as one that does not exist. Public data only, rendered once per data change
 * (`sendPublic`: a commitment's state is its task's, which a report step may change).
 */
const W = {
  listTitle: { vi: 'Đối thoại với Nhân dân và doanh nghiệp', en: 'Dialogues with residents and businesses' },
  listIntro: {
    vi: 'Các buổi đối thoại chính quyền đã tổ chức: câu hỏi của người dân, câu trả lời và các cam kết, cam kết nào đã thực hiện.',
    en: 'The dialogues the authorities held: residents’ questions, the answers and the commitments, and which have been carried out.',
  },
  unit: { vi: 'Đơn vị tổ chức', en: 'Held by' },
  allUnits: { vi: 'Tất cả đơn vị', en: 'All units' },
  year: { vi: 'Năm', en: 'Year' },
  allYears: { vi: 'Tất cả các năm', en: 'All years' },
  kind: { vi: 'Hình thức', en: 'Kind' },
  heldOn: { vi: 'Ngày tổ chức', en: 'Held on' },
  location: { vi: 'Địa điểm', en: 'Place' },
  chairedBy: { vi: 'Chủ trì', en: 'Chaired by' },
  participantCount: { vi: 'Số người tham dự', en: 'Participants' },
  summary: { vi: 'Tóm tắt', en: 'Summary' },
  questions: { vi: 'Câu hỏi, ý kiến và trả lời', en: 'Questions, views and answers' },
  noQuestions: { vi: 'Không có câu hỏi nào được ghi lại.', en: 'No question was recorded.' },
  question: { vi: 'Ý kiến', en: 'Raised' },
  answer: { vi: 'Trả lời', en: 'Answer' },
  answeredBy: { vi: 'Người trả lời', en: 'Answered by' },
  noAnswer: { vi: 'Chưa có câu trả lời.', en: 'Not answered yet.' },
  commitments: { vi: 'Cam kết sau đối thoại', en: 'Commitments made' },
  noCommitments: { vi: 'Không có cam kết nào.', en: 'No commitment was made.' },
  leadUnit: { vi: 'Đơn vị chủ trì', en: 'Lead unit' },
  dueOn: { vi: 'Thời hạn', en: 'Deadline' },
  state: { vi: 'Tình hình', en: 'State' },
  doneOn: { vi: 'ngày', en: 'on' },
  commitmentCount: { vi: 'cam kết', en: 'commitments' },
  nothingFound: { vi: 'Chưa có buổi đối thoại nào được công khai.', en: 'No dialogue has been published.' },
  backToList: { vi: '← Các buổi đối thoại', en: '← All dialogues' },
} as const satisfies Record<string, Msg>;

function pageCount(lang: Lang, page: number, pages: number, total: number) {
  return lang === 'en'
    ? `Page ${page} of ${pages} · ${total} ${total === 1 ? 'dialogue' : 'dialogues'}`
    : `Trang ${page}/${pages} · ${total} buổi đối thoại`;
}

function listQueryOf(raw: Record<string, unknown>) {
  const picked: Record<string, string> = {};
  for (const key of ['page', 'perPage', 'unitId', 'year'])
    if (typeof raw[key] === 'string' && raw[key].trim() !== '') picked[key] = raw[key];
  const first = publicDialogueQuery.safeParse(picked);
  if (first.success) return first.data;
  for (const issue of first.error.issues) delete picked[String(issue.path[0])];
  return publicDialogueQuery.safeParse(picked).data ?? publicDialogueQuery.parse({});
}

async function renderList(request: FastifyRequest, db: Db): Promise<Rendered> {
  const ctx = pageContext(request);
  const { lang } = ctx;
  const s = (message: Msg) => say(lang, message);
  const query = listQueryOf(request.query as Record<string, unknown>);
  const [list, choices] = [await publicDialogues(db, query), await publicChoices(db)];
  const pages = Math.max(1, Math.ceil(list.total / list.perPage));
  const pageLink = (page: number) =>
    link(ctx, '/doi-thoai', {
      unitId: query.unitId,
      year: query.year,
      perPage: query.perPage === 20 ? null : query.perPage,
      page,
    });
  const option = (value: string, label: string, chosen: string) =>
    html`<option value="${value}"${value === chosen ? html` selected` : null}>${label}</option>`;
  const body = html`<h1>${s(W.listTitle)}</h1>
<p>${s(W.listIntro)}</p>
<form method="get" action="/doi-thoai" class="card" role="search">
${ctx.chosen ? html`<input type="hidden" name="lang" value="${lang}">` : null}
<div class="filters">
<div class="field"><label for="unitId">${s(W.unit)}</label><select id="unitId" name="unitId">
${option('', s(W.allUnits), String(query.unitId ?? ''))}${choices.units.map((unit) => option(String(unit.id), unit.name, String(query.unitId ?? '')))}
</select></div>
<div class="field"><label for="year">${s(W.year)}</label><select id="year" name="year">
${option('', s(W.allYears), String(query.year ?? ''))}${choices.years.map((year) => option(String(year), String(year), String(query.year ?? '')))}
</select></div>
</div>
<button type="submit">${s(FEEDBACK_WORDS.filter)}</button>
</form>
<p class="meta" role="status">${pageCount(lang, list.page, pages, list.total)}</p>
${
  list.items.length === 0
    ? html`<p>${s(W.nothingFound)}</p>`
    : html`<ul class="items">${list.items.map(
        (item) => html`<li data-dialogue="${item.id}">
<a href="${link(ctx, `/doi-thoai/${item.id}`)}">${item.topic}</a>
<p class="meta">${formatDateVi(item.heldOn)} · ${item.unitName}</p>
<p><span class="badge">${inLocale(DIALOGUE_KINDS[item.kind], lang)}</span> · ${item.commitments} ${s(W.commitmentCount)}</p>
</li>`,
      )}</ul>`
}
<nav class="pages" aria-label="${pageCount(lang, list.page, pages, list.total)}">
${list.page > 1 ? html`<a href="${pageLink(list.page - 1)}" rel="prev">${s(FEEDBACK_WORDS.previous)}</a>` : html`<span></span>`}
${list.page < pages ? html`<a href="${pageLink(list.page + 1)}" rel="next">${s(FEEDBACK_WORDS.next)}</a>` : null}
</nav>`;
  return htmlRendered(200, layout(ctx, { title: s(W.listTitle), body, section: 'dialogues' }));
}

function notFoundPage(ctx: PageContext) {
  const title = say(ctx.lang, FEEDBACK_WORDS.notFoundTitle);
  const body = html`<h1>${title}</h1><p><a href="${link(ctx, '/doi-thoai')}">${say(ctx.lang, W.backToList)}</a></p>`;
  return layout(ctx, { title, body });
}

async function renderDialogue(request: FastifyRequest, db: Db): Promise<Rendered> {
  const ctx = pageContext(request);
  const { lang } = ctx;
  const s = (message: Msg) => say(lang, message);
  const id = Number((request.params as { id: string }).id);
  const dialogue =
    Number.isInteger(id) && id > 0 && id <= 2_147_483_647
      ? await publicDialogue(db, id, todayOf({ now: request.server.clock }))
      : null;
  if (!dialogue) return htmlRendered(404, notFoundPage(ctx));
  const row = (label: Msg, value: string | number | null) =>
    value === null || value === '' ? null : html`<dt>${s(label)}</dt><dd>${value}</dd>`;
  const body = html`<p><a href="${link(ctx, '/doi-thoai')}">${s(W.backToList)}</a></p>
<h1>${dialogue.topic}</h1>
<div class="card"><dl>
${row(W.unit, dialogue.unitName)}
${row(W.kind, inLocale(DIALOGUE_KINDS[dialogue.kind], lang))}
${row(W.heldOn, formatDateVi(dialogue.heldOn))}
${row(W.location, dialogue.location)}
${row(W.chairedBy, dialogue.chairedBy)}
${row(W.participantCount, dialogue.participantCount)}
</dl>
${dialogue.summary ? html`<h2>${s(W.summary)}</h2><p class="text">${dialogue.summary}</p>` : null}
</div>
<h2>${s(W.questions)}</h2>
${
  dialogue.questions.length === 0
    ? html`<p>${s(W.noQuestions)}</p>`
    : html`<ol class="steps">${dialogue.questions.map(
        (
          question,
        ) => html`<li data-question="${question.id}"><p class="text"><strong>${s(W.question)}:</strong> ${question.question}</p>
${
  question.answer
    ? html`<p class="text"><strong>${s(W.answer)}${question.answeredBy ? html` (${question.answeredBy})` : null}:</strong> ${question.answer}</p>`
    : html`<p class="meta">${s(W.noAnswer)}</p>`
}</li>`,
      )}</ol>`
}
<h2>${s(W.commitments)}</h2>
${
  dialogue.commitments.length === 0
    ? html`<p>${s(W.noCommitments)}</p>`
    : html`<ul class="items">${dialogue.commitments.map(
        (commitment) => html`<li data-commitment="${commitment.id}"><p class="text">${commitment.text}</p>
<dl>
<dt>${s(W.leadUnit)}</dt><dd>${commitment.leadUnitName}</dd>
<dt>${s(W.dueOn)}</dt><dd>${formatDateVi(commitment.dueOn)}</dd>
<dt>${s(W.state)}</dt><dd><span class="badge">${inLocale(COMMITMENT_STATES[commitment.state], lang)}</span>${
          commitment.doneOn ? html` ${s(W.doneOn)} ${formatDateVi(commitment.doneOn)}` : null
        }</dd>
</dl></li>`,
      )}</ul>`
}`;
  return htmlRendered(200, layout(ctx, { title: dialogue.topic, body, section: 'dialogues' }));
}

/** The public pages of dialogues (policy 'public', kept out of the OpenAPI document: they answer HTML). */
export async function dialoguePages(app: FastifyInstance, { db }: { db: Db }) {
  const config = { policy: 'public' as const };
  const schema = { hide: true };
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    const status = httpStatusOf(appError.code);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const ctx = pageContext(request);
    const title = say(ctx.lang, status === 404 ? FEEDBACK_WORDS.notFoundTitle : FEEDBACK_WORDS.errorTitle);
    const body = html`<h1>${title}</h1><div class="alert bad" role="alert"><p>${inLocale(appError.text, ctx.lang)}</p></div>
<p><a href="${link(ctx, '/doi-thoai')}">${say(ctx.lang, W.backToList)}</a></p>`;
    return sendPage(reply, status, layout(ctx, { title, body }));
  });
  app.get('/doi-thoai', { config, schema }, (request, reply) =>
    sendPublic(request, reply, () => renderList(request, db)),
  );
  app.get('/doi-thoai/:id', { config, schema }, (request, reply) =>
    sendPublic(request, reply, () => renderDialogue(request, db)),
  );
  // Anything else under /doi-thoai/ is not the web app's: a 404 page here.
  app.get('/doi-thoai/*', { config, schema }, async (request, reply) =>
    sendPage(reply, 404, notFoundPage(pageContext(request))),
  );
}
