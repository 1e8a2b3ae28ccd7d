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
  // A unit's certificates: its administrators only (the tree's admin here); the others are told no.
  'GET /api/units/:id/signing-certificates': {
    call: ({ side }) => ({ url: `/api/units/${side.unitId}/signing-certificates` }),
    own: '200 403 403 403 403 403 403 401',
  },
  // A file that is no PKCS#12: the administrator is told so (400); nothing is stored.
  'POST /api/units/:id/signing-certificates': {
    call: ({ side }) => ({
      url: `/api/units/${side.unitId}/signing-certificates`,
      file: { name: 'chung-thu.p12', content: pdf },
    }),
    own: '400 403 403 403 403 403 403 401',
  },
  'PUT /api/signing-certificates/:id/image': {
    call: () => ({
      url: `/api/signing-certificates/${STALE}/image`,
      file: { name: 'dau.png', content: pdf },
    }),
    own: '404 403 403 403 403 403 403 401',
  },
  'POST /api/signing-certificates/:id/retire': {
    call: () => ({ url: `/api/signing-certificates/${STALE}/retire` }),
    own: '404 403 403 403 403 403 403 401',
  },
};
