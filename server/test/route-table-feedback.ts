import { eq } from 'drizzle-orm';
import { evidenceFiles, feedbackItems } from '../db/schema/index.ts';
import { freshAddress, petition, submitJson, submitMultipart } from '../feedback/feedback-fixtures.ts';
import type { Side, World } from './access-world.ts';
import { STALE, type TableCall, type TableRow } from './route-table-kit.ts';

/**
 * The feedback routes' rows of the route × role × record table (the order of TABLE_ROLES: admin,
 * coordinator at the province, coordinator of A, reporter of A, head of A, appraiser, leader,
 * anonymous). Each commune has one petition sent on the web with a PDF, made on first use; writes
 * send a stale version (an allowed caller gets 409) or add a note. The public routes answer anyone
 * alike: the private link's token decides, not the session.
 */
const pdf = Buffer.from('%PDF-1.4\nphản ánh\n%%EOF');

interface SideItem {
  id: number;
  code: string;
  token: string;
  fileId: number;
}
const items = new Map<string, Promise<SideItem>>();

function itemOf(world: World, side: Side): Promise<SideItem> {
  let item = items.get(side.code);
  if (!item) {
    item = (async () => {
      const fields = petition({ communeCode: side.code }) as Record<string, string>;
      const sent = await submitMultipart(world.t, fields, [{ name: 'don.pdf', content: pdf }]);
      if (sent.status !== 201)
        throw new Error(`feedback of ${side.code}: ${sent.status} ${JSON.stringify(sent.json)}`);
      const [row] = await world.t.database.db
        .select({ id: feedbackItems.id })
        .from(feedbackItems)
        .where(eq(feedbackItems.code, sent.json.code));
      const [file] = await world.t.database.db
        .select({ id: evidenceFiles.id })
        .from(evidenceFiles)
        .where(eq(evidenceFiles.ownerKey, String(row?.id)));
      return { id: row?.id ?? 0, code: sent.json.code, token: sent.json.token, fileId: file?.id ?? 0 };
    })();
    items.set(side.code, item);
  }
  return item;
}

const staff =
  (path: string, body?: unknown) =>
  async ({ world, side }: { world: World; side: Side }) => {
    const item = await itemOf(world, side);
    return {
      url: `/api/feedback/${item.id}${path.replace(':fileId', String(item.fileId))}`,
      body,
    } as TableCall;
  };
const citizen =
  (path: string, body?: Record<string, unknown>, withToken = false, base = '/api/public/feedback') =>
  async ({ world, side }: { world: World; side: Side }): Promise<TableCall> => {
    const item = await itemOf(world, side);
    const url = `${base}/${item.code}${path.replace(':fileId', String(item.fileId))}`;
    return {
      url: withToken ? `${url}?token=${item.token}` : url,
      remoteAddress: freshAddress(),
      ...(body && { body: { ...body, token: item.token } }),
    };
  };

const READ = { own: '200 200 200 200 200 403 200 401', other: '200 200 404 404 404 403 200 401' };
const INSTALLATION = { own: '200 200 403 403 403 403 403 401' };
const INSTALLATION_WRITE = { own: '409 409 403 403 403 403 403 401' };
const EVERYONE = (status: number) => ({ own: Array(8).fill(status).join(' ') });

export const FEEDBACK_ROUTE_TABLE: Record<string, TableRow> = {
  'GET /api/feedback': {
    call: ({ side }) => ({ url: `/api/feedback?unitId=${side.unitId}&filter=open` }),
    ...READ,
  },
  'GET /api/feedback/export.xlsx': {
    call: ({ side }) => ({ url: `/api/feedback/export.xlsx?unitId=${side.unitId}&filter=open` }),
    ...READ,
  },
  'POST /api/feedback': {
    call: ({ side }) => ({
      url: '/api/feedback',
      body: { ...petition({ communeCode: side.code }), channel: 'hotline' },
    }),
    own: '201 201 201 201 201 403 403 401',
    other: '201 201 403 403 403 403 403 401',
  },
  'GET /api/feedback/kpis': {
    call: ({ side }) => ({ url: `/api/feedback/kpis?unitId=${side.unitId}&from=2026-01-01&to=2026-12-31` }),
    ...READ,
  },
  'GET /api/feedback/categories': { call: () => ({ url: '/api/feedback/categories' }), ...INSTALLATION },
  'PUT /api/feedback/categories': {
    call: () => ({
      url: '/api/feedback/categories',
      body: { categories: [{ code: 'other', nameVi: 'Khác', isActive: true }], version: STALE },
    }),
    ...INSTALLATION_WRITE,
  },
  'GET /api/feedback/routing': { call: () => ({ url: '/api/feedback/routing' }), ...INSTALLATION },
  'PUT /api/feedback/routing': {
    call: () => ({ url: '/api/feedback/routing', body: { rules: [], version: STALE } }),
    ...INSTALLATION_WRITE,
  },
  'GET /api/feedback/commune-areas': {
    call: () => ({ url: '/api/feedback/commune-areas' }),
    ...INSTALLATION,
  },
  'POST /api/feedback/commune-areas': {
    // An empty collection: refused (nothing to load) once the grant lets it through.
    call: () => ({
      url: '/api/feedback/commune-areas',
      file: { name: 'xa.geojson', content: Buffer.from('{"type":"FeatureCollection","features":[]}') },
    }),
    own: '400 400 403 403 403 403 403 401',
  },
  'GET /api/feedback/clock-settings': {
    call: () => ({ url: '/api/feedback/clock-settings' }),
    ...INSTALLATION,
  },
  'PUT /api/feedback/clock-settings': {
    call: () => ({ url: '/api/feedback/clock-settings', body: { days: {}, version: STALE } }),
    ...INSTALLATION_WRITE,
  },
  'GET /api/feedback/:id': { call: staff(''), ...READ },
  'POST /api/feedback/:id/actions': {
    call: staff('/actions', { type: 'accept', version: STALE }),
    own: '409 409 409 409 409 403 403 401',
    other: '409 409 404 404 404 403 403 401',
  },
  // Each item's own refusal is in the answer (a stale version here, or not the caller's): see the workflow test.
  'POST /api/feedback/bulk-actions': {
    call: async ({ world, side }) => ({
      url: '/api/feedback/bulk-actions',
      body: { items: [{ id: (await itemOf(world, side)).id, version: STALE }], action: { type: 'accept' } },
    }),
    own: '200 200 200 200 200 403 403 401',
    other: '200 200 200 200 200 403 403 401',
  },
  'POST /api/feedback/:id/notes': {
    call: staff('/notes', { note: 'Ghi chú của bảng quyền' }),
    own: '201 201 201 201 201 403 403 401',
    other: '201 201 404 404 404 403 403 401',
  },
  'GET /api/feedback/:id/files/:fileId': { call: staff('/files/:fileId'), ...READ },
  'POST /api/feedback/:id/files': {
    // A petition of its own for each call: an item takes one PDF.
    call: async ({ world, side }) => {
      const sent = await submitJson(world.t, petition({ communeCode: side.code }));
      const [row] = await world.t.database.db
        .select({ id: feedbackItems.id })
        .from(feedbackItems)
        .where(eq(feedbackItems.code, sent.json.code));
      return { url: `/api/feedback/${row?.id}/files`, file: { name: 'scan.pdf', content: pdf } };
    },
    own: '201 201 201 201 201 403 403 401',
    other: '201 201 404 404 404 403 403 401',
  },
  'GET /api/public/feedback': {
    call: ({ side }) => ({ url: `/api/public/feedback?communeCode=${side.code}` }),
    ...EVERYONE(200),
  },
  'GET /api/public/feedback/form': { call: () => ({ url: '/api/public/feedback/form' }), ...EVERYONE(200) },
  // No boundaries loaded in this world: nobody is told a commune.
  'GET /api/public/feedback/commune-at': {
    call: () => ({ url: '/api/public/feedback/commune-at?lat=20.65&lng=106.05' }),
    ...EVERYONE(404),
  },
  'POST /api/public/feedback': {
    call: ({ side }) => ({
      url: '/api/public/feedback',
      remoteAddress: freshAddress(),
      body: petition({ communeCode: side.code }),
    }),
    ...EVERYONE(201),
  },
  'GET /api/public/feedback/:code': { call: citizen(''), ...EVERYONE(200) },
  'GET /api/public/feedback/:code/files/:fileId': {
    call: citizen('/files/:fileId', undefined, true),
    ...EVERYONE(200),
  },
  // Not answered yet: nothing to rate (409) or reopen (400); not asked anything: nothing to reply to (409).
  'POST /api/public/feedback/:code/rating': {
    call: citizen('/rating', { rating: 'satisfied' }),
    ...EVERYONE(409),
  },
  'POST /api/public/feedback/:code/reopen': {
    call: citizen('/reopen', { reason: 'Chưa xong' }),
    ...EVERYONE(400),
  },
  'POST /api/public/feedback/:code/reply': { call: citizen('/reply', { text: 'Bổ sung' }), ...EVERYONE(409) },
  // The citizen's HTML pages answer as the API does; a post without the form's token is refused (400).
  'GET /phan-anh': { call: () => ({ url: '/phan-anh' }), ...EVERYONE(200) },
  'POST /phan-anh': {
    call: ({ side }) => ({
      url: '/phan-anh',
      remoteAddress: freshAddress(),
      body: petition({ communeCode: side.code }),
    }),
    ...EVERYONE(400),
  },
  'GET /phan-anh/vi-tri.js': { call: () => ({ url: '/phan-anh/vi-tri.js' }), ...EVERYONE(200) },
  'GET /phan-anh/danh-sach': {
    call: ({ side }) => ({ url: `/phan-anh/danh-sach?communeCode=${side.code}` }),
    ...EVERYONE(200),
  },
  'GET /phan-anh/:code': { call: citizen('', undefined, true, '/phan-anh'), ...EVERYONE(200) },
  'POST /phan-anh/:code/danh-gia': {
    call: citizen('/danh-gia', { rating: 'satisfied' }, false, '/phan-anh'),
    ...EVERYONE(409),
  },
  'POST /phan-anh/:code/mo-lai': {
    call: citizen('/mo-lai', { reason: 'Chưa xong' }, false, '/phan-anh'),
    ...EVERYONE(400),
  },
  'POST /phan-anh/:code/bo-sung': {
    call: citizen('/bo-sung', { text: 'Bổ sung' }, false, '/phan-anh'),
    ...EVERYONE(409),
  },
  'GET /phan-anh/*': { call: () => ({ url: '/phan-anh/khong-co/trang-nay' }), ...EVERYONE(404) },
};
