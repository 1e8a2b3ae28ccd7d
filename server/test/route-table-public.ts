import { STALE, type TableRow } from './route-table-kit.ts';

/**
 * The public site: every page is open to everyone; the staff's preview of a plan is plans.read on it,
 * of a round's results whoever sees them in the app.
 */
/** The PNG signature and a few bytes: what the content check reads. */
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR'),
]);

const EVERYONE = (status: number) => ({ own: Array(8).fill(status).join(' ') });

export const PUBLIC_SITE_ROUTE_TABLE: Record<string, TableRow> = {
  'GET /cong-khai': { call: () => ({ url: '/cong-khai' }), ...EVERYONE(200) },
  'GET /cong-khai/*': { call: () => ({ url: '/cong-khai/khong-co/trang-nay' }), ...EVERYONE(404) },
  'GET /robots.txt': { call: () => ({ url: '/robots.txt' }), ...EVERYONE(200) },
  'GET /sitemap.xml': { call: () => ({ url: '/sitemap.xml' }), ...EVERYONE(200) },
  'GET /cong-khai/papi': { call: () => ({ url: '/cong-khai/papi' }), ...EVERYONE(200) },
  'GET /cong-khai/papi/chon': { call: () => ({ url: '/cong-khai/papi/chon?nam=2020' }), ...EVERYONE(303) },
  'GET /cong-khai/papi/:year': {
    call: () => ({ url: '/cong-khai/papi/2023?linh-vuc=papi-4' }),
    ...EVERYONE(200),
  },
  'GET /cong-khai/ket-qua': { call: () => ({ url: '/cong-khai/ket-qua' }), ...EVERYONE(200) },
  // No round of the table is published: nobody reads it here, whatever they may read in the app.
  'GET /cong-khai/ket-qua/:round': { call: () => ({ url: '/cong-khai/ket-qua/999999' }), ...EVERYONE(404) },
  // The staff's preview of the table's round (no self-assessment sent: "nothing yet"): for whoever sees
  // its results before publication, the managers and appraisers of the province; a commune in it,
  // another commune and the leader, who do not, get the site's 404.
  'GET /cong-khai/ket-qua/xem-truoc/:id': {
    call: ({ world }) => ({ url: `/cong-khai/ket-qua/xem-truoc/${world.roundId}` }),
    own: '200 200 404 404 404 200 404 401',
  },
  'GET /cong-khai/ke-hoach': { call: () => ({ url: '/cong-khai/ke-hoach' }), ...EVERYONE(200) },
  // The side's plan is not public.
  'GET /cong-khai/ke-hoach/:plan': {
    call: ({ side }) => ({ url: `/cong-khai/ke-hoach/${side.plan.id}` }),
    ...EVERYONE(404),
  },
  'GET /cong-khai/don-vi/chon': {
    call: ({ side }) => ({ url: `/cong-khai/don-vi/chon?don-vi=${side.unitId}` }),
    ...EVERYONE(303),
  },
  // By its id: sent on to its readable address.
  'GET /cong-khai/don-vi/:unit': {
    call: ({ side }) => ({ url: `/cong-khai/don-vi/${side.unitId}` }),
    ...EVERYONE(301),
  },
  'GET /cong-khai/lien-he': { call: () => ({ url: '/cong-khai/lien-he?loai=xa&q=tan' }), ...EVERYONE(200) },
  'GET /du-lieu-mo': { call: () => ({ url: '/du-lieu-mo' }), ...EVERYONE(200) },
  'GET /du-lieu-mo/datapackage.json': {
    call: () => ({ url: '/du-lieu-mo/datapackage.json' }),
    ...EVERYONE(200),
  },
  'GET /du-lieu-mo/:file': { call: () => ({ url: '/du-lieu-mo/papi-2020.csv' }), ...EVERYONE(200) },
  // A unit's public contacts: read by whoever reads the unit, kept by the unit itself (units.contacts).
  'GET /api/units/:id/contacts': {
    call: ({ side }) => ({ url: `/api/units/${side.unitId}/contacts` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'PUT /api/units/:id/contacts': {
    call: ({ side }) => ({
      url: `/api/units/${side.unitId}/contacts`,
      body: { headName: 'Bảng quyền', version: STALE },
    }),
    own: '409 409 409 409 409 403 403 401',
    other: '409 409 404 404 404 403 403 401',
  },
  // The emblem: public (404 while none is set); set and removed by whoever reviews reports at the root.
  'GET /cong-khai/bieu-trung': { call: () => ({ url: '/cong-khai/bieu-trung' }), ...EVERYONE(404) },
  'GET /api/site': { call: () => ({ url: '/api/site' }), own: '200 200 403 403 403 403 403 401' },
  'POST /api/site/emblem': {
    call: () => ({
      url: `/api/site/emblem?version=${STALE}`,
      file: { name: 'bieu-trung.png', content: PNG },
    }),
    own: '409 409 403 403 403 403 403 401',
  },
  'DELETE /api/site/emblem': {
    call: () => ({ url: `/api/site/emblem?version=${STALE}` }),
    own: '409 409 403 403 403 403 403 401',
  },
  'GET /cong-khai/ke-hoach/xem-truoc/:id': {
    call: ({ side }) => ({ url: `/cong-khai/ke-hoach/xem-truoc/${side.plan.id}` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
};
