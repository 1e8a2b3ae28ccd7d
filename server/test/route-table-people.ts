import { eq } from 'drizzle-orm';
import { roleGrants } from '../db/schema/index.ts';
import type { Side, World } from './access-world.ts';
import { buildUser } from './harness.ts';
import { next, STALE, type TableRow } from './route-table-kit.ts';

/** A saved group of the side's commune, made for one request (a delete takes it away). */
async function groupOf(world: World, side: Side): Promise<number> {
  const created = await world.admin.request('POST', '/api/unit-groups', {
    unitId: side.unitId,
    name: `Nhóm của bảng ${next()}`,
    memberIds: [side.unitId],
  });
  if (created.status !== 201) throw new Error(`group: ${created.status} ${created.body}`);
  return created.json.id;
}

/** The public routes, the person's own account, units, groups of units, users and the audit log. */
export const PEOPLE_ROUTE_TABLE: Record<string, TableRow> = {
  // ---- Public and the person's own account -------------------------------------------------------
  'GET /api/health': { call: () => ({ url: '/api/health' }), own: '200 200 200 200 200 200 200 200' },
  'POST /api/auth/login': {
    call: () => ({ url: '/api/auth/login', body: {} }),
    own: '400 400 400 400 400 400 400 400',
  },
  'POST /api/auth/logout': {
    call: () => ({ url: '/api/auth/logout', body: {} }),
    own: '204 204 204 204 204 204 204 401',
    freshSession: true,
  },
  'GET /api/auth/me': { call: () => ({ url: '/api/auth/me' }), own: '200 200 200 200 200 200 200 401' },
  'POST /api/auth/password': {
    call: () => ({ url: '/api/auth/password', body: {}, remoteAddress: `10.9.0.${next()}` }),
    own: '400 400 400 400 400 400 400 401',
    freshSession: true,
  },
  'PATCH /api/auth/me/preferences': {
    call: () => ({ url: '/api/auth/me/preferences', body: { locale: 'vi' } }),
    own: '200 200 200 200 200 200 200 401',
  },
  'GET /api/notifications': {
    call: () => ({ url: '/api/notifications' }),
    own: '200 200 200 200 200 200 200 401',
  },
  'POST /api/notifications/:id/read': {
    call: ({ side }) => ({ url: `/api/notifications/${side.notificationId}/read`, body: {} }),
    own: '404 404 404 200 404 404 404 401',
    other: '404 404 404 404 404 404 404 401',
  },
  'POST /api/notifications/read-all': {
    call: () => ({ url: '/api/notifications/read-all', body: {} }),
    own: '200 200 200 200 200 200 200 401',
  },
  'GET /api/todos': {
    call: () => ({ url: '/api/todos' }),
    own: '200 200 200 200 200 200 200 401',
  },
  'GET /api/jobs': { call: () => ({ url: '/api/jobs' }), own: '200 200 200 200 200 200 200 401' },
  'GET /api/jobs/:id': {
    call: ({ side }) => ({ url: `/api/jobs/${side.jobId}` }),
    own: '404 404 404 200 404 404 404 401',
    other: '404 404 404 404 404 404 404 401',
  },
  'GET /api/jobs/:id/files/:index': {
    call: ({ side }) => ({ url: `/api/jobs/${side.jobId}/files/0` }),
    own: '404 404 404 404 404 404 404 401',
  },

  // ---- Units and users ----------------------------------------------------------------------------
  'GET /api/units': { call: () => ({ url: '/api/units' }), own: '200 200 200 200 200 200 200 401' },
  'GET /api/units/:id': {
    call: ({ side }) => ({ url: `/api/units/${side.unitId}` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'POST /api/units': {
    call: () => ({ url: '/api/units', body: {} }),
    own: '400 403 403 403 403 403 403 401',
  },
  'PATCH /api/units/:id': {
    call: async ({ world, side }) => {
      const unit = (await world.admin.request('GET', `/api/units/${side.unitId}`)).json;
      return { url: `/api/units/${side.unitId}`, body: { ...unit, version: STALE } };
    },
    own: '409 403 403 403 403 403 403 401',
  },
  'POST /api/units/:id/move': {
    call: ({ side }) => ({ url: `/api/units/${side.unitId}/move`, body: { parentId: 1, version: STALE } }),
    own: '409 403 403 403 403 403 403 401',
  },
  'POST /api/units/:id/close': {
    call: ({ side }) => ({
      url: `/api/units/${side.unitId}/close`,
      body: { validTo: '31/12/2026', reason: 'Thử', version: STALE },
    }),
    own: '409 403 403 403 403 403 403 401',
  },
  'POST /api/units/:id/reopen': {
    call: ({ side }) => ({
      url: `/api/units/${side.unitId}/reopen`,
      body: { reason: 'Thử', version: STALE },
    }),
    own: '409 403 403 403 403 403 403 401',
  },
  'POST /api/units/import': {
    call: () => ({ url: '/api/units/import?dryRun=true', file: { name: 'dv.csv', content: 'Mã\n' } }),
    own: '400 403 403 403 403 403 403 401',
  },
  'GET /api/units/export': {
    call: () => ({ url: '/api/units/export?format=csv' }),
    own: '200 200 200 200 200 200 200 401',
  },
  'GET /api/units/import-template': {
    call: () => ({ url: '/api/units/import-template?format=csv' }),
    own: '200 403 403 403 403 403 403 401',
  },
  // ---- Saved groups of units (server/units/unit-group-routes.ts) ------------------------------------
  'GET /api/unit-groups': {
    call: () => ({ url: '/api/unit-groups' }),
    own: '200 200 200 200 200 200 200 401',
  },
  'GET /api/unit-groups/choices': {
    call: ({ side }) => ({ url: `/api/unit-groups/choices?unitId=${side.unitId}` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'GET /api/unit-groups/members': {
    call: ({ side }) => ({ url: `/api/unit-groups/members?key=type:commune&unitId=${side.unitId}` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'GET /api/unit-groups/:id': {
    call: async ({ world, side }) => ({ url: `/api/unit-groups/${await groupOf(world, side)}` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'POST /api/unit-groups': {
    call: ({ side }) => ({
      url: '/api/unit-groups',
      body: { unitId: side.unitId, name: `Nhóm bảng ${next()}`, memberIds: [side.unitId] },
    }),
    own: '201 201 201 403 403 403 403 401',
    other: '201 201 404 403 403 403 403 401',
  },
  'PATCH /api/unit-groups/:id': {
    call: async ({ world, side }) => ({
      url: `/api/unit-groups/${await groupOf(world, side)}`,
      body: { name: `Nhóm bảng ${next()}`, memberIds: [side.unitId], version: STALE },
    }),
    own: '409 409 409 403 403 403 403 401',
    other: '409 409 404 403 403 403 403 401',
  },
  'DELETE /api/unit-groups/:id': {
    call: async ({ world, side }) => ({ url: `/api/unit-groups/${await groupOf(world, side)}` }),
    own: '204 204 204 403 403 403 403 401',
    other: '204 204 404 403 403 403 403 401',
  },
  'GET /api/users': { call: () => ({ url: '/api/users' }), own: '200 200 200 403 403 403 403 401' },
  'POST /api/users': {
    call: () => ({ url: '/api/users', body: {} }),
    own: '400 400 400 403 403 403 403 401',
  },
  'PATCH /api/users/:id': {
    call: ({ side }) => ({
      url: `/api/users/${side.userId}`,
      body: { fullName: 'Người thử', email: null, isActive: true, version: STALE },
    }),
    own: '409 409 409 403 403 403 403 401',
    other: '409 409 404 403 403 403 403 401',
  },
  'POST /api/users/:id/reset-password': {
    call: ({ side }) => ({ url: `/api/users/${side.userId}/reset-password`, body: {} }),
    own: '200 200 200 403 403 403 403 401',
    other: '200 200 404 403 403 403 403 401',
  },
  'POST /api/users/:id/grants': {
    call: async ({ world, side }) => {
      const user = await buildUser(world.t.database, [{ role: 'leader', unitCode: side.code }]);
      return { url: `/api/users/${user.id}/grants`, body: { role: 'unit_reporter', unitId: side.unitId } };
    },
    own: '200 200 200 403 403 403 403 401',
    other: '200 200 404 403 403 403 403 401',
  },
  'DELETE /api/users/:id/grants/:grantId': {
    call: async ({ world, side }) => {
      const user = await buildUser(world.t.database, [{ role: 'unit_reporter', unitCode: side.code }]);
      const [grant] = await world.t.database.db
        .select()
        .from(roleGrants)
        .where(eq(roleGrants.userId, user.id));
      return { url: `/api/users/${user.id}/grants/${grant?.id}` };
    },
    own: '200 200 200 403 403 403 403 401',
    other: '200 200 404 403 403 403 403 401',
  },
  'POST /api/users/import': {
    call: () => ({
      url: '/api/users/import?dryRun=true',
      file: { name: 'tai-khoan.csv', content: 'Họ và tên\n' },
    }),
    own: '400 400 400 403 403 403 403 401',
  },
  'GET /api/users/import/credentials/:token': {
    call: () => ({ url: `/api/users/import/credentials/${'x'.repeat(32)}` }),
    own: '404 404 404 403 403 403 403 401',
  },
  'GET /api/users/import-template': {
    call: () => ({ url: '/api/users/import-template' }),
    own: '200 200 200 403 403 403 403 401',
  },
  'POST /api/units/:id/head-account': {
    // A username already taken: an allowed caller is told so (400) and nothing is made.
    call: ({ side }) => ({
      url: `/api/units/${side.unitId}/head-account`,
      body: { username: 'admin', fullName: 'Thủ trưởng thử', email: null, phone: null },
    }),
    own: '400 400 400 403 403 403 403 401',
    other: '400 400 403 403 403 403 403 401',
  },
  'GET /api/audit': { call: () => ({ url: '/api/audit' }), own: '200 403 403 403 403 403 403 401' },
  'GET /api/audit/verify': {
    call: () => ({ url: '/api/audit/verify' }),
    own: '200 403 403 403 403 403 403 401',
  },
};
