import type { Side, World } from './access-world.ts';
import { pdf, type TableRow } from './route-table-kit.ts';
import { samplePdf } from './signing-fixtures.ts';

/**
 * The register of outgoing documents' rows of the route × role × record table (the order of
 * TABLE_ROLES: admin, coordinator at the province, coordinator of A, reporter of A, head of A,
 * appraiser, leader, anonymous). documents.register on the unit: a commune's coordinator and head keep
 * its register, not another's (a unit: 403; a record: 404). Each number is taken in 2040, the
 * register's own year in the table, so nothing else is numbered with it.
 */
const taking = (side: Side) => ({
  unitId: side.unitId,
  type: 'KH',
  title: 'Kế hoạch của bảng quyền',
  issuedOn: '01/01/2040',
});

/** A number of the side's unit taken for this one call by the province's coordinator. */
async function taken(world: World, side: Side): Promise<number> {
  const reply = await world.coordinator.request('POST', '/api/documents/register', taking(side));
  if (reply.status !== 201) throw new Error(`register: ${reply.status} ${reply.body}`);
  return reply.json.id;
}

/** A number taken and its PDF (made outside Chiso) brought, ready to be signed. */
async function prepared(world: World, side: Side): Promise<number> {
  const id = await taken(world, side);
  const reply = await world.coordinator.upload(`/api/documents/${id}/pdf`, 'van-ban.pdf', await samplePdf());
  if (reply.status !== 200) throw new Error(`prepare: ${reply.status} ${JSON.stringify(reply.json)}`);
  return id;
}

export const DOCUMENT_ROUTE_TABLE: Record<string, TableRow> = {
  'GET /api/documents/register': {
    call: ({ side }) => ({ url: `/api/documents/register?unitId=${side.unitId}` }),
    own: '200 200 200 403 200 403 403 401',
    other: '200 200 403 403 403 403 403 401',
  },
  'POST /api/documents/register': {
    call: ({ side }) => ({ url: '/api/documents/register', body: taking(side) }),
    own: '201 201 201 403 201 403 403 401',
    other: '201 201 403 403 403 403 403 401',
  },
  'GET /api/documents/register/export.xlsx': {
    call: ({ side }) => ({ url: `/api/documents/register/export.xlsx?unitId=${side.unitId}&year=2040` }),
    own: '200 200 200 403 200 403 403 401',
    other: '200 200 403 403 403 403 403 401',
  },
  'GET /api/documents/register/:id': {
    call: async ({ world, side }) => ({ url: `/api/documents/register/${await taken(world, side)}` }),
    own: '200 200 200 403 200 403 403 401',
    other: '200 200 404 403 404 403 403 401',
  },
  'POST /api/documents/register/:id/void': {
    call: async ({ world, side }) => ({
      url: `/api/documents/register/${await taken(world, side)}/void`,
      body: { reason: 'Bảng quyền' },
    }),
    own: '200 200 200 403 200 403 403 401',
    other: '200 200 404 403 404 403 403 401',
  },
  // The way out: the register's keepers read it and bring its PDF; only the unit's own head signs
  // (and has no certificate here: 409), only its own clerk seals (no clerk in the table: 403 for all).
  'GET /api/documents/:id/signing': {
    call: async ({ world, side }) => ({ url: `/api/documents/${await taken(world, side)}/signing` }),
    own: '200 200 200 403 200 403 403 401',
    other: '200 200 404 403 404 403 403 401',
  },
  // A number taken by hand for a document made outside Chiso: it cannot write it (409).
  'POST /api/documents/:id/prepare': {
    call: async ({ world, side }) => ({ url: `/api/documents/${await taken(world, side)}/prepare` }),
    own: '409 409 409 403 409 403 403 401',
    other: '409 409 404 403 404 403 403 401',
  },
  // The table's PDF is a few bytes with no page: refused as unreadable (400) to whoever may bring it.
  'POST /api/documents/:id/pdf': {
    call: async ({ world, side }) => ({
      url: `/api/documents/${await taken(world, side)}/pdf`,
      file: { name: 'van-ban.pdf', content: pdf },
    }),
    own: '400 400 400 403 400 403 403 401',
    other: '400 400 404 403 404 403 403 401',
  },
  'POST /api/documents/:id/sign': {
    call: async ({ world, side }) => ({ url: `/api/documents/${await prepared(world, side)}/sign` }),
    own: '403 403 403 403 409 403 403 401',
    other: '403 403 403 403 404 403 403 401',
  },
  'POST /api/documents/:id/seal': {
    call: async ({ world, side }) => ({ url: `/api/documents/${await prepared(world, side)}/seal` }),
    own: '403 403 403 403 403 403 403 401',
  },
  'POST /api/documents/:id/outside': {
    call: async ({ world, side }) => ({ url: `/api/documents/${await prepared(world, side)}/outside` }),
    own: '403 403 403 403 200 403 403 401',
    other: '403 403 404 403 404 403 403 401',
  },
  // Nothing was handed out to sign outside here: the register's keepers are told so (404).
  'GET /api/documents/:id/outside.pdf': {
    call: async ({ world, side }) => ({ url: `/api/documents/${await prepared(world, side)}/outside.pdf` }),
    own: '404 404 404 403 404 403 403 401',
    other: '404 404 404 403 404 403 403 401',
  },
  // Nothing was handed out to sign outside: the head is told to download it first (409).
  'POST /api/documents/:id/return': {
    call: async ({ world, side }) => ({
      url: `/api/documents/${await prepared(world, side)}/return`,
      file: { name: 'da-ky.pdf', content: pdf },
    }),
    own: '403 403 403 403 409 403 403 401',
    other: '403 403 404 403 404 403 403 401',
  },
  'GET /api/documents/:id/document.pdf': {
    call: async ({ world, side }) => ({ url: `/api/documents/${await prepared(world, side)}/document.pdf` }),
    own: '200 200 200 403 200 403 403 401',
    other: '200 200 404 403 404 403 403 401',
  },
};
