import type { Side, World } from './access-world.ts';
import type { TableRow } from './route-table-kit.ts';

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
};
