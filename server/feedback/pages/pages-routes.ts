import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/engine.ts';
import { html } from '../../public/html.ts';
import { layout, link, pageContext, sendPage } from '../../public/layout.ts';
import { setUpCitizenPages } from '../../public/page-setup.ts';
import { showForm, submitForm } from './form-page.ts';
import { formTokens } from './form-token.ts';
import { showList } from './list-page.ts';
import { LOCATE_SCRIPT } from './locate-script.ts';
import { actOnItem, showItem } from './status-page.ts';
import { say, W } from './words.ts';

/**
 * The citizen's pages, served as HTML without JavaScript: the form (/phan-anh), the public list
 * (/phan-anh/danh-sach), an item's page and its private link (/phan-anh/:code), the sender's steps.
 * Everyone alike (policy 'public': the private link's token decides, not a session); kept out of the
 * OpenAPI document (they answer HTML); a path under /phan-anh/ that is none of them is a 404 page
 * here, never the web app. Forms arrive urlencoded (the sender's steps) or multipart (the petition).
 */
export async function feedbackPages(
  app: FastifyInstance,
  { db, secret, smsEnabled }: { db: Db; secret: string; smsEnabled: boolean },
) {
  const form = { tokens: formTokens(secret), smsEnabled };
  const config = { policy: 'public' as const };
  const schema = { hide: true };

  setUpCitizenPages(app, { path: '/phan-anh', label: W.backToForm });

  app.get('/phan-anh', { config, schema }, (request, reply) => showForm(request, reply, db, form));
  app.post('/phan-anh', { config, schema }, (request, reply) => submitForm(request, reply, db, form));
  app.get('/phan-anh/vi-tri.js', { config, schema }, (_request, reply) =>
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(LOCATE_SCRIPT),
  );
  app.get('/phan-anh/danh-sach', { config, schema }, (request, reply) => showList(request, reply, db));
  app.get('/phan-anh/:code', { config, schema }, (request, reply) => showItem(request, reply, db));
  app.post('/phan-anh/:code/danh-gia', { config, schema }, (request, reply) =>
    actOnItem(request, reply, db, 'rate'),
  );
  app.post('/phan-anh/:code/mo-lai', { config, schema }, (request, reply) =>
    actOnItem(request, reply, db, 'reopen'),
  );
  app.post('/phan-anh/:code/bo-sung', { config, schema }, (request, reply) =>
    actOnItem(request, reply, db, 'reply'),
  );
  // Anything else under /phan-anh/ is not the web app's: a 404 page here.
  app.get('/phan-anh/*', { config, schema }, async (request, reply) => {
    const ctx = pageContext(request);
    const title = say(ctx.lang, W.notFoundTitle);
    const body = html`<h1>${title}</h1><p><a href="${link(ctx, '/phan-anh')}">${say(ctx.lang, W.backToForm)}</a></p>`;
    return sendPage(reply, 404, layout(ctx, { title, body }));
  });
}
