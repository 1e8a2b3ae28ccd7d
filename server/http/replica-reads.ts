import type { FastifyInstance } from 'fastify';
import type { ClusterPool } from '../db/cluster-pool.ts';
import { currentReadScope, LSN_COOKIE, parseLsn, runInReadScope } from '../db/read-scope.ts';

/** How long a browser stays pinned after a write: far longer than a healthy replica ever lags. */
const PIN_SECONDS = 300;

/**
 * With read replicas: a GET or HEAD may read from a replica, except what the reader must see of their
 * own last write (the `chiso_lsn` cookie); a request that opened a transaction on the primary answers
 * with the primary's position then, so the same browser's next reads wait for a replica that has it.
 */
export function replicaReads(app: FastifyInstance, cluster: ClusterPool, secure: boolean): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const reads = request.method === 'GET' || request.method === 'HEAD';
    const minLsn = reads ? parseLsn(cookieValue(request.headers.cookie, LSN_COOKIE)) : 0n;
    runInReadScope({ replicaOk: reads, minLsn, current: false, wrote: false }, done);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (currentReadScope()?.wrote) {
      const lsn = await cluster.primaryLsn().catch(() => null);
      if (lsn)
        reply.setCookie(LSN_COOKIE, lsn, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure,
          maxAge: PIN_SECONDS,
        });
    }
    return payload;
  });
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}
