import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ReadCache, type Topic } from '../db/read-cache.ts';
import type { Html } from './html.ts';
import { pageLang } from './site-words.ts';

/**
 * The public site's published pages and open-data files, rendered once per data change and served
 * from memory with an ETag: a thousand citizens reading the same page cost one query, and a browser
 * that has the page already gets a 304. Only what anyone may read goes through here (never a private
 * link or a form's one-use token). Each page names what it reads (`PublicReads`): its entry is kept
 * across the narrow changes that touch none of it (any other change forgets everything), and for
 * CHISO_READ_CACHE_SECONDS at most.
 */
export interface Rendered {
  status: number;
  type: string;
  body: string | Buffer;
  /** Extra headers (a download's file name). */
  headers?: Record<string, string>;
}

interface Cached extends Rendered {
  etag: string;
  /** The body compressed once, for readers that accept it (a slow network reads a third of the bytes). */
  gzip: Buffer | null;
  brotli: Buffer | null;
}

/** Worth compressing: text above a kilobyte. */
const compressible = (rendered: Rendered) =>
  /^(text\/|application\/(json|xml|ld\+json|geo\+json))/.test(rendered.type) && rendered.body.length > 1024;

/**
 * What a page reads, as the topics whose narrow changes must forget it. The site (plans, rounds,
 * projects, disclosures, dialogues, reception days…) reads plans and reports; everything else it shows
 * changes broadly. The feedback pages read feedback, which citizens send all day: a cache of their own,
 * so a petition received keeps the site's pages, and a report sent keeps the feedback pages.
 */
const READS = {
  site: ['plans', 'reports'],
  feedback: ['feedback'],
} as const satisfies Record<string, readonly Topic[]>;
export type PublicReads = keyof typeof READS;

declare module 'fastify' {
  interface FastifyInstance {
    publicCache: Record<PublicReads, ReadCache<Cached>>;
  }
}

/** One cache per server and kind of page, living as long as CHISO_READ_CACHE_SECONDS says (0 turns it off). */
export const publicCachePlugin = fp(async (app: FastifyInstance, { cacheMs }: { cacheMs: number }) => {
  const cacheOf = (dependsOn: readonly Topic[]) =>
    new ReadCache<Cached>({ maxEntries: 2_000, maxAgeMs: cacheMs, dependsOn });
  app.decorate('publicCache', { site: cacheOf(READS.site), feedback: cacheOf(READS.feedback) });
});

/** A page of the site as `sendPublic` keeps it. */
export const htmlRendered = (status: number, page: Html): Rendered => ({
  status,
  type: 'text/html; charset=utf-8',
  body: page.markup,
});

/**
 * Sends what `render` makes for this address in the reader's language, from memory while nothing it
 * reads changed. `reads`: what the page reads (the site's topics unless said). `cors`: open to any
 * site's scripts (open data).
 */
export async function sendPublic(
  request: FastifyRequest,
  reply: FastifyReply,
  render: () => Promise<Rendered>,
  options: { cors?: boolean; reads?: PublicReads } = {},
) {
  const { lang, chosen } = pageLang(request);
  const key = `${chosen ? '' : `${lang}|`}${request.url}`;
  const page = await request.server.publicCache[options.reads ?? 'site'].get(key, async () => {
    const rendered = await render();
    const hash = createHash('sha256').update(rendered.body).digest('base64url').slice(0, 27);
    const packed = compressible(rendered);
    return {
      ...rendered,
      // Weak: the same page is sent compressed or not (Vary: Accept-Encoding).
      etag: `W/"${hash}"`,
      gzip: packed ? gzipSync(rendered.body, { level: 9 }) : null,
      brotli: packed
        ? brotliCompressSync(rendered.body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } })
        : null,
    };
  });
  reply
    .header('cache-control', 'public, max-age=60')
    .header('vary', 'Accept-Language, Accept-Encoding')
    .header('etag', page.etag);
  if (options.cors) reply.header('access-control-allow-origin', '*');
  for (const [name, value] of Object.entries(page.headers ?? {})) reply.header(name, value);
  const asked = request.headers['if-none-match'];
  if (
    page.status === 200 &&
    asked &&
    asked.split(',').some((tag) => tag.trim().replace(/^W\//, '') === page.etag.slice(2))
  )
    return reply.status(304).send();
  reply.status(page.status).type(page.type);
  const accepted = String(request.headers['accept-encoding'] ?? '');
  if (page.brotli && /\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(page.brotli);
  if (page.gzip && /\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(page.gzip);
  return reply.send(page.body);
}
