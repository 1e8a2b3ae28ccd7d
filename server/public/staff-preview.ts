import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';
import { idOfSlug } from './format.ts';
import type { Html } from './html.ts';
import { type PageContext, pageContext, sendPage } from './layout.ts';

/**
 * The staff's preview of a public page (`/cong-khai/…/xem-truoc/:id`): the page exactly as the public
 * gets it, with a banner saying so, rendered on each request for one signed-in reader and sent
 * `no-store` (never through sendPublic's shared cache). The route's policy turns away anonymous
 * visitors (the site's sign-in page); `render` checks the record and returns null when there is none.
 */
export async function sendPreview(
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
  render: (ctx: PageContext, id: number) => Promise<Html | null>,
) {
  const ctx = pageContext(request);
  const id = idOfSlug(request.params.id);
  const page = id === null ? null : await render(ctx, id).catch(unknownIfRefused);
  // The site's error pages (page-setup.ts) answer the 404 in the reader's language.
  if (page === null) throw new AppError('NOT_FOUND');
  return sendPage(reply, 200, page);
}

/** A preview the reader may not see is as unknown to them as a record that does not exist. */
function unknownIfRefused(error: unknown): never {
  if (error instanceof AppError && error.code === 'FORBIDDEN') throw new AppError('NOT_FOUND');
  throw error;
}
