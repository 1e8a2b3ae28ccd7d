import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, inLocale, type Msg } from '../../../core/errors.ts';
import {
  citizenRatingSchema,
  citizenReopenSchema,
  citizenReplySchema,
} from '../../../core/feedback/feedback-schemas.ts';
import {
  FEEDBACK_RATINGS,
  FEEDBACK_STEP_NAMES,
  type FeedbackRating,
} from '../../../core/feedback/workflow.ts';
import { formatDateVi } from '../../../core/text/dates.ts';
import type { Db } from '../../db/engine.ts';
import { httpStatusOf } from '../../http/errors.ts';
import { type Html, html } from '../../public/html.ts';
import { fieldError, layout, link, type PageContext, pageContext, sendPage } from '../../public/layout.ts';
import { htmlRendered, sendPublic } from '../../public/public-cache.ts';
import { citizenAct, publicView } from '../feedback-public.ts';
import { parsed, publicContext } from '../feedback-public-routes.ts';
import { type Lang, say, W } from './words.ts';

/**
 * GET /phan-anh/:code: an item's page. Anyone reads what the sender allowed to publish, the unit
 * handling it, each public step with its date and the answer, the outcome apart from the status
 * ("closed" never reads as "resolved"). With the private link's token the sender also reads the unit's
 * questions and their files, and rates, reopens or adds information: each a plain form posted to
 * /phan-anh/:code/danh-gia, /mo-lai or /bo-sung that goes back (303) to the page with a message. A
 * wrong token shows the public page saying only that the link is not valid. The public page (no token
 * given) is cached (`sendPublic`); the private one, and any answer to a token, is `no-store`.
 */
type View = Awaited<ReturnType<typeof publicView>>;
type Done = 'sent' | 'rated' | 'reopened' | 'replied';
const DONE: Record<Done, Msg> = {
  sent: W.sentNotice,
  rated: W.ratedNotice,
  reopened: W.reopenedNotice,
  replied: W.repliedNotice,
};

interface StatusState {
  /** The private link's token, when it is the item's. */
  token: string | null;
  /** Where the page is served from, for the private link written out in full. */
  origin: string;
  notices: { tone: 'good' | 'bad' | 'info'; text: string }[];
  errors: { rating?: string; reason?: string; text?: string };
  values: { reason?: string; text?: string };
}

const date = (iso: string | null | undefined) => formatDateVi(iso);

function stepLine(lang: Lang, step: View['steps'][number]): Html {
  const name = FEEDBACK_STEP_NAMES[step.action];
  const rating = step.action === 'rated' ? FEEDBACK_RATINGS[step.note as FeedbackRating] : undefined;
  const note = rating ? inLocale(rating, lang) : step.note;
  return html`<li><strong>${date(step.on)}</strong> — ${name ? inLocale(name, lang) : step.action}${
    step.unitName ? html` — ${step.unitName}` : null
  }${note ? html`<br><span class="text">${note}</span>` : null}${
    step.dueOn ? html`<br>${say(lang, W.newDue)} ${date(step.dueOn)}` : null
  }</li>`;
}

/** The private link written out to keep, and the sender's files: first on the private page. */
function privateLink(ctx: PageContext, view: View, state: StatusState, token: string): Html | null {
  const mine = view.private;
  if (!mine) return null;
  const s = (message: Msg) => say(ctx.lang, message);
  const privateUrl = `${state.origin}/phan-anh/${view.code}?token=${encodeURIComponent(token)}`;
  return html`<section class="card" aria-labelledby="private-title">
<h2 id="private-title">${s(W.privateLink)}</h2>
<p class="code">${privateUrl}</p>
<p class="hint">${s(W.privateLinkHint)}</p>
${
  mine.files.length > 0
    ? html`<h3>${s(W.yourFiles)}</h3><ul>${mine.files.map(
        (file) =>
          html`<li><a href="/api/public/feedback/${view.code}/files/${file.id}?token=${encodeURIComponent(token)}">${file.fileName}</a> <span class="meta">(${Math.ceil(file.size / 1024)} KB)</span></li>`,
      )}</ul>`
    : null
}
</section>`;
}

/** What the sender may do: add what the unit asked, rate the answer, reopen it. */
function privateForms(ctx: PageContext, view: View, state: StatusState, token: string): Html | null {
  const mine = view.private;
  if (!mine) return null;
  const { lang } = ctx;
  const s = (message: Msg) => say(lang, message);
  const action = (path: string) => link(ctx, `/phan-anh/${view.code}/${path}`);
  const hidden = html`<input type="hidden" name="token" value="${token}">`;
  return html`${
    mine.canReply
      ? html`<section class="card" aria-labelledby="reply-title"><h2 id="reply-title">${s(W.replyTitle)}</h2>
<form method="post" action="${action('bo-sung')}">${hidden}
<div class="field"><label for="text">${s(W.replyText)}</label>${fieldError('text', state.errors.text)}
<textarea id="text" name="text" rows="5" maxlength="5000" required${state.errors.text ? html` aria-invalid="true" aria-describedby="text-error" autofocus` : null}>${state.values.text ?? ''}</textarea></div>
<button type="submit">${s(W.replySend)}</button></form></section>`
      : null
  }
${
  mine.canRate
    ? html`<section class="card" aria-labelledby="rate-title"><h2 id="rate-title">${s(W.rateTitle)}</h2>
${
  view.rating
    ? html`<p>${s(W.yourRating)}: <strong>${inLocale(FEEDBACK_RATINGS[view.rating as FeedbackRating], lang)}</strong>. ${s(W.rateAgainHint)}</p>`
    : null
}
<form method="post" action="${action('danh-gia')}">${hidden}${fieldError('rating', state.errors.rating)}
<div class="buttons"><button type="submit" name="rating" value="satisfied">${s(FEEDBACK_RATINGS.satisfied)}</button>
<button type="submit" name="rating" value="not_satisfied" class="secondary">${s(FEEDBACK_RATINGS.not_satisfied)}</button></div></form></section>`
    : null
}
${
  mine.canReopen
    ? html`<section class="card" aria-labelledby="reopen-title"><h2 id="reopen-title">${s(W.reopenTitle)}</h2>
<p id="reason-hint">${s(W.reopenHint)} ${date(mine.reopenUntil)}.</p>
<form method="post" action="${action('mo-lai')}">${hidden}
<div class="field"><label for="reason">${s(W.reopenReason)}</label>${fieldError('reason', state.errors.reason)}
<textarea id="reason" name="reason" rows="4" maxlength="2000" required aria-describedby="${state.errors.reason ? 'reason-error ' : ''}reason-hint"${state.errors.reason ? html` aria-invalid="true" autofocus` : null}>${state.values.reason ?? ''}</textarea></div>
<button type="submit" class="secondary">${s(W.reopenSend)}</button></form></section>`
    : null
}`;
}

function statusPage(ctx: PageContext, view: View, state: StatusState): Html {
  const { lang } = ctx;
  const s = (message: Msg) => say(lang, message);
  const title = `${s(W.itemTitle)} ${view.code}`;
  // The tracking code is never broken across lines (a citizen copies it as one word).
  const body = html`<h1>${s(W.itemTitle)} <span class="nowrap">${view.code}</span></h1>
${state.notices.map(
  (notice) =>
    html`<div class="alert ${notice.tone}" role="${notice.tone === 'bad' ? 'alert' : 'status'}"><p>${notice.text}</p></div>`,
)}
${state.token ? privateLink(ctx, view, state, state.token) : null}
<section class="card" aria-label="${s(W.status)}"><dl>
<dt>${s(W.trackingCode)}</dt><dd class="code nowrap">${view.code}</dd>
<dt>${s(W.status)}</dt><dd><span class="badge">${inLocale(view.statusName, lang)}</span></dd>
<dt>${s(W.outcome)}</dt><dd>${view.outcomeName ? inLocale(view.outcomeName, lang) : s(W.noOutcomeYet)}</dd>
<dt>${s(W.kind)}</dt><dd>${inLocale(view.kindName, lang)}</dd>
${view.category ? html`<dt>${s(W.category)}</dt><dd>${inLocale(view.category, lang)}</dd>` : null}
<dt>${s(W.commune)}</dt><dd>${view.communeName}</dd>
<dt>${s(W.handlingUnit)}</dt><dd>${view.handlingUnitName}</dd>
<dt>${s(W.receivedOn)}</dt><dd>${date(view.receivedOn)}</dd>
${view.answeredOn ? null : html`<dt>${s(W.dueOn)}</dt><dd>${date(view.dueOn)}</dd>`}
<dt>${s(W.sender)}</dt><dd>${view.citizenName ?? s(W.senderHidden)}</dd>
</dl></section>
<section class="card" aria-labelledby="text-title"><h2 id="text-title">${s(W.text)}</h2><p class="text">${view.text}</p></section>
${
  view.answer || view.outcomeReason || view.forwardedTo || view.duplicateOfCode
    ? html`<section class="card" aria-labelledby="answer-title"><h2 id="answer-title">${s(W.answer)}</h2>
${view.answer ? html`<p class="text">${view.answer}</p>` : null}
<dl>
${view.answeredOn ? html`<dt>${s(W.answeredOn)}</dt><dd>${date(view.answeredOn)}</dd>` : null}
<dt>${s(W.outcome)}</dt><dd>${view.outcomeName ? inLocale(view.outcomeName, lang) : s(W.noOutcomeYet)}</dd>
${view.outcomeReason ? html`<dt>${s(W.reason)}</dt><dd class="text">${view.outcomeReason}</dd>` : null}
${view.forwardedTo ? html`<dt>${s(W.forwardedTo)}</dt><dd>${view.forwardedTo}</dd>` : null}
${
  view.duplicateOfCode
    ? html`<dt>${s(W.duplicateOf)}</dt><dd><a href="${link(ctx, `/phan-anh/${view.duplicateOfCode}`)}">${view.duplicateOfCode}</a></dd>`
    : null
}
</dl></section>`
    : null
}
<section class="card" aria-labelledby="steps-title"><h2 id="steps-title">${s(W.steps)}</h2>
<ol class="steps">${view.steps.map((step) => stepLine(lang, step))}</ol></section>
${state.token ? privateForms(ctx, view, state, state.token) : null}`;
  return layout(ctx, { title, body, isPrivate: state.token !== null, section: 'feedback' });
}

const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** The page by the token given: the private one, or the public one saying the link is not valid. */
async function viewFor(request: FastifyRequest, db: Db, code: string, token: string | null) {
  const ctx = publicContext(request, db);
  if (token !== null)
    try {
      return { view: await publicView(ctx, code, token), token };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'FORBIDDEN') throw error;
    }
  return { view: await publicView(ctx, code), token: null };
}

const stringOf = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

export async function showItem(request: FastifyRequest, reply: FastifyReply, db: Db) {
  const ctx = pageContext(request);
  const { code } = request.params as { code: string };
  // "/phan-anh/" is the form's address with a slash.
  if (code === '') return reply.redirect(link(ctx, '/phan-anh'), 301);
  const query = request.query as Record<string, unknown>;
  const given = stringOf(query.token);
  // Without a token the page is the same for everyone: rendered once per change to feedback.
  if (given === null)
    return sendPublic(
      request,
      reply,
      async () => {
        const { view } = await viewFor(request, db, code, null);
        // No token, so no private link written out: the origin is not needed.
        const state: StatusState = { token: null, origin: '', notices: [], errors: {}, values: {} };
        return htmlRendered(200, statusPage(ctx, view, state));
      },
      { reads: 'feedback' },
    );
  const { view, token } = await viewFor(request, db, code, given);
  const notices: StatusState['notices'] = [];
  if (given !== null && token === null) notices.push({ tone: 'bad', text: say(ctx.lang, W.wrongLink) });
  const done = DONE[query.done as Done];
  if (token !== null && done) notices.push({ tone: 'good', text: say(ctx.lang, done) });
  const state: StatusState = { token, origin: originOf(request), notices, errors: {}, values: {} };
  return sendPage(reply, 200, statusPage(ctx, view, state));
}

type ActionType = 'rate' | 'reopen' | 'reply';
const DONE_OF: Record<ActionType, Done> = { rate: 'rated', reopen: 'reopened', reply: 'replied' };

/** The posted form as the sender's step (refused like the API's body when a field is wrong). */
function parseAction(
  type: ActionType,
  body: unknown,
): { token: string; action: Parameters<typeof citizenAct>[3] } {
  switch (type) {
    case 'rate': {
      const input = parsed(citizenRatingSchema, body);
      return { token: input.token, action: { type, rating: input.rating } };
    }
    case 'reopen': {
      const input = parsed(citizenReopenSchema, body);
      return { token: input.token, action: { type, reason: input.reason } };
    }
    case 'reply': {
      const input = parsed(citizenReplySchema, body);
      return { token: input.token, action: { type, text: input.text } };
    }
  }
}

/** POST /phan-anh/:code/danh-gia | mo-lai | bo-sung: the sender's step, then back to the page. */
export async function actOnItem(request: FastifyRequest, reply: FastifyReply, db: Db, type: ActionType) {
  const ctx = pageContext(request);
  const { code } = request.params as { code: string };
  const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<
    string,
    unknown
  >;
  const given = stringOf(body.token);
  try {
    const { token, action } = parseAction(type, body);
    const done = await citizenAct(publicContext(request, db), code, token, action);
    const back = link(ctx, `/phan-anh/${done.code}`, { token, done: DONE_OF[type] });
    return reply.header('cache-control', 'no-store').redirect(back, 303);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const { view, token } = await viewFor(request, db, code, given);
    const state: StatusState = {
      token,
      origin: originOf(request),
      notices: [],
      errors: {},
      values: { reason: stringOf(body.reason) ?? undefined, text: stringOf(body.text) ?? undefined },
    };
    if (token === null) state.notices.push({ tone: 'bad', text: say(ctx.lang, W.wrongLink) });
    else {
      const fields = error.details.fields ?? [];
      for (const field of fields)
        if (field.path === 'rating' || field.path === 'reason' || field.path === 'text')
          state.errors[field.path] = inLocale(field.message, ctx.lang);
      if (!fields.some((field) => field.path in state.errors))
        state.notices.push({ tone: 'bad', text: inLocale(error.text, ctx.lang) });
    }
    return sendPage(reply, httpStatusOf(error.code), statusPage(ctx, view, state));
  }
}
