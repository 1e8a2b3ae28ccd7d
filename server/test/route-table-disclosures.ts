import type { Side, World } from './access-world.ts';
import { publishOn } from './disclosure-register.ts';
import { pdf, STALE, type TableCall, type TableRow } from './route-table-kit.ts';

/**
 * The disclosures register's rows of the route × role × record table (the order of TABLE_ROLES:
 * admin, coordinator at the province, coordinator of A, reporter of A, head of A, appraiser, leader,
 * anonymous). Each commune has an obligation with a record, an internal file and a public one, put on
 * the public register, made on first use by its own reporter; writes send a stale version (an allowed
 * caller gets 409 and nothing changes). The catalogue is the province's: a commune's coordinator may
 * not change it.
 */
interface SideRegister {
  obligationId: number;
  recordId: number;
  fileId: number;
  publicFileId: number;
}
const made = new Map<string, Promise<SideRegister>>();

const obligation = (side: Side) => ({
  unitId: side.unitId,
  itemCode: 'NS_DU_TOAN',
  title: 'Dự toán ngân sách năm 2026 của bảng quyền',
  decisionDate: '10/01/2026',
});

function registerOf(side: Side): Promise<SideRegister> {
  let found = made.get(side.code);
  if (!found) {
    found = (async () => {
      const created = await side.reporter.request('POST', '/api/disclosures', obligation(side));
      if (created.status !== 201)
        throw new Error(`obligation of ${side.code}: ${created.status} ${created.body}`);
      const id = created.json.id;
      const record = await side.reporter.request('POST', `/api/disclosures/${id}/records`, {
        place: 'office',
        from: '12/01/2026',
      });
      if (record.status !== 201) throw new Error(`record: ${record.status} ${record.body}`);
      const internal = await side.reporter.upload(`/api/disclosures/${id}/files`, 'noi-bo.pdf', pdf);
      const shown = await side.reporter.upload(
        `/api/disclosures/${id}/files?public=true`,
        'du-toan.pdf',
        pdf,
      );
      if (shown.status !== 201) throw new Error(`file: ${shown.status}`);
      await publishOn(side.reporter, id);
      return {
        obligationId: id,
        recordId: record.json.id,
        fileId: internal.json.files[0].id,
        publicFileId: shown.json.publicFileId,
      };
    })();
    made.set(side.code, found);
  }
  return found;
}

const on =
  (path: (r: SideRegister) => string, body?: (side: Side) => unknown) =>
  async ({ side }: { world: World; side: Side }): Promise<TableCall> => {
    const r = await registerOf(side);
    return { url: path(r), ...(body && { body: body(side) }) };
  };

/** The catalogue's first shipped item, as the form sends it. */
async function catalogueItem(world: World) {
  const list = await world.coordinator.request('GET', '/api/disclosures/catalogue');
  const { id, builtIn: _builtIn, version: _version, ...fields } = list.json[0];
  return { id: id as number, fields };
}

const READ = { own: '200 200 200 200 200 403 200 401', other: '200 200 404 404 404 403 200 401' };
const WRITE = { own: '409 409 409 409 409 403 403 401', other: '409 409 404 404 404 403 403 401' };
const ADD = { own: '201 201 201 201 201 403 403 401', other: '201 201 404 404 404 403 403 401' };
const MANAGE = { own: '409 409 403 403 403 403 403 401' };
const EVERYONE = (status: number) => ({ own: Array(8).fill(status).join(' ') });

export const DISCLOSURE_ROUTE_TABLE: Record<string, TableRow> = {
  'GET /api/disclosures/catalogue': {
    call: () => ({ url: '/api/disclosures/catalogue' }),
    own: '200 200 200 200 200 403 200 401',
  },
  // A version overlapping the shipped one: refused (400) for whoever manages the catalogue.
  'POST /api/disclosures/catalogue': {
    call: async ({ world }) => ({
      url: '/api/disclosures/catalogue',
      body: (await catalogueItem(world)).fields,
    }),
    own: '400 400 403 403 403 403 403 401',
  },
  'PUT /api/disclosures/catalogue/:id': {
    call: async ({ world }) => {
      const { id, fields } = await catalogueItem(world);
      return { url: `/api/disclosures/catalogue/${id}`, body: { ...fields, version: STALE } };
    },
    ...MANAGE,
  },
  'GET /api/disclosures/board': {
    call: () => ({ url: '/api/disclosures/board' }),
    own: '200 200 200 200 200 403 200 401',
  },
  'GET /api/disclosures': {
    call: ({ side }) => ({ url: `/api/disclosures?unitId=${side.unitId}` }),
    ...READ,
  },
  'POST /api/disclosures': {
    call: ({ side }) => ({ url: '/api/disclosures', body: obligation(side) }),
    own: '201 201 201 201 201 403 403 401',
    other: '201 201 403 403 403 403 403 401',
  },
  'GET /api/disclosures/:id': { call: on((r) => `/api/disclosures/${r.obligationId}`), ...READ },
  'PUT /api/disclosures/:id': {
    call: on(
      (r) => `/api/disclosures/${r.obligationId}`,
      (side) => ({ ...obligation(side), unitId: undefined, version: STALE }),
    ),
    ...WRITE,
  },
  'DELETE /api/disclosures/:id': {
    call: on((r) => `/api/disclosures/${r.obligationId}?version=${STALE}`),
    ...WRITE,
  },
  'POST /api/disclosures/:id/records': {
    call: on(
      (r) => `/api/disclosures/${r.obligationId}/records`,
      () => ({ place: 'website', from: '13/01/2026' }),
    ),
    ...ADD,
  },
  'PUT /api/disclosures/records/:recordId': {
    call: on(
      (r) => `/api/disclosures/records/${r.recordId}`,
      () => ({ place: 'office', from: '12/01/2026', version: STALE }),
    ),
    ...WRITE,
  },
  'DELETE /api/disclosures/records/:recordId': {
    call: on((r) => `/api/disclosures/records/${r.recordId}?version=${STALE}`),
    ...WRITE,
  },
  'POST /api/disclosures/:id/files': {
    call: async ({ side }) => ({
      url: `/api/disclosures/${(await registerOf(side)).obligationId}/files`,
      file: { name: 'them.pdf', content: pdf },
    }),
    ...ADD,
  },
  'GET /api/disclosures/:id/files/:fileId': {
    call: on((r) => `/api/disclosures/${r.obligationId}/files/${r.fileId}`),
    ...READ,
  },
  // Each call removes a file of its own, attached by the side's reporter for it.
  'DELETE /api/disclosures/:id/files/:fileId': {
    call: async ({ side }) => {
      const { obligationId } = await registerOf(side);
      const added = await side.reporter.upload(`/api/disclosures/${obligationId}/files`, 'xoa.pdf', pdf);
      const files = added.json.files as { id: number }[];
      return { url: `/api/disclosures/${obligationId}/files/${files.at(-1)?.id}` };
    },
    own: '200 200 200 200 200 403 403 401',
    other: '200 200 404 404 404 403 403 401',
  },
  'GET /api/disclosures/units/:id/quarter-list': {
    call: ({ side }) => ({ url: `/api/disclosures/units/${side.unitId}/quarter-list?quy=2026Q1` }),
    ...READ,
  },
  'GET /api/disclosures/:id/publication': {
    call: on((r) => `/api/disclosures/${r.obligationId}/publication`),
    ...READ,
  },
  'PUT /api/disclosures/:id/publication': {
    call: on(
      (r) => `/api/disclosures/${r.obligationId}/publication`,
      () => ({ published: false, version: STALE, reason: 'Bảng quyền' }),
    ),
    ...WRITE,
  },
  // The staff's preview of the side's item: whoever reads it; a 404 page for a commune that does not.
  'GET /cong-khai/thong-tin/xem-truoc/:id': {
    call: on((r) => `/cong-khai/thong-tin/xem-truoc/${r.obligationId}`),
    ...READ,
  },
  'GET /api/disclosures/units/:id/loudspeaker': {
    call: ({ side }) => ({ url: `/api/disclosures/units/${side.unitId}/loudspeaker` }),
    ...READ,
  },
  'PUT /api/disclosures/units/:id/loudspeaker': {
    call: ({ side }) => ({
      url: `/api/disclosures/units/${side.unitId}/loudspeaker`,
      body: { hasLoudspeaker: false, version: STALE },
    }),
    ...WRITE,
  },
  'GET /cong-khai/thong-tin': { call: () => ({ url: '/cong-khai/thong-tin' }), ...EVERYONE(200) },
  'GET /cong-khai/thong-tin/:unit': {
    call: ({ side }) => ({ url: `/cong-khai/thong-tin/${side.unitId}` }),
    ...EVERYONE(200),
  },
  'GET /cong-khai/thong-tin/tep/:fileId': {
    call: on((r) => `/cong-khai/thong-tin/tep/${r.publicFileId}`),
    ...EVERYONE(200),
  },
};
