import { pdf, STALE, type TableRow } from './route-table-kit.ts';

/**
 * Digital signing: the trust list and the time-stamping service are installation-wide, set by an
 * administrator at the root; nobody else reads them.
 */
export const SIGNING_ROUTE_TABLE: Record<string, TableRow> = {
  'GET /api/signing/settings': {
    call: () => ({ url: '/api/signing/settings' }),
    own: '200 403 403 403 403 403 403 401',
  },
  // A file that is no certificate: the administrator is told so (400); nothing is added.
  'POST /api/signing/trust': {
    call: () => ({ url: `/api/signing/trust?version=${STALE}`, file: { name: 'goc.pem', content: pdf } }),
    own: '400 403 403 403 403 403 403 401',
  },
  'DELETE /api/signing/trust/:fingerprint': {
    call: () => ({ url: `/api/signing/trust/AB:CD?version=${STALE}` }),
    own: '404 403 403 403 403 403 403 401',
  },
  'PUT /api/signing/tsa': {
    call: () => ({ url: '/api/signing/tsa', body: { tsaUrl: 'http://tsa.example.vn/tsp', version: STALE } }),
    own: '409 403 403 403 403 403 403 401',
  },
};
