import type { FastifyInstance } from 'fastify';
import { inLocale, type Msg } from '../../core/errors.ts';
import { httpStatusOf, toAppError } from '../http/errors.ts';
import { html } from './html.ts';
import { layout, link, pageContext, sendPage } from './layout.ts';
import { SW, say } from './site-words.ts';

/**
 * What every plugin of citizens' pages sets up in its own scope: forms arrive urlencoded (no
 * JavaScript), and a refusal or a failure is a page in the reader's language with a way back
 * (`back`: the form's address and its words), never the API's JSON envelope.
 */
export function setUpCitizenPages(app: FastifyInstance, back: { path: string; label: Msg }) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    const status = httpStatusOf(appError.code);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code }, 'request refused');
    const ctx = pageContext(request);
    const title = say(ctx.lang, status === 404 ? SW.notFoundTitle : SW.errorTitle);
    // The refusal's code rides along for tools (as the API's envelope carries it); a staff page
    // reached without a session offers the sign-in.
    const body = html`<h1>${title}</h1><div class="alert bad" role="alert" data-error="${appError.code}"><p>${inLocale(appError.text, ctx.lang)}</p></div>
${status === 401 ? html`<p><a href="/login">${say(ctx.lang, SW.staff)}</a></p>` : null}
<p><a href="${link(ctx, back.path)}">${say(ctx.lang, back.label)}</a></p>`;
    return sendPage(reply, status, layout(ctx, { title, body }));
  });
}
