import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { indicatorTargets, roleGrants } from '../db/schema/index.ts';
import { dossierCsv, dossierRow } from '../dossiers/dossier-fixtures.ts';
import { PERIOD, type Side, type TableRole, type World } from './access-world.ts';
import { buildPlan } from './factories.ts';
import { buildUser } from './harness.ts';
import { FEEDBACK_ROUTE_TABLE } from './route-table-feedback.ts';
import { RECEPTION_ROUTE_TABLE } from './route-table-reception.ts';

/**
 * The route × role × record table: for each route, how to call it on a commune's record and the
 * statuses expected, one per role in the order of TABLE_ROLES (admin, coordinator at the province,
 * coordinator of commune A, reporter of A, head of A, appraiser, leader, anonymous), first on A's
 * own record, then on commune B's (`other`, when it differs).
 */
export interface TableCall {
  url: string;
  /** The caller's address (sign-in and password attempts are counted per address). */
  remoteAddress?: string;
  body?: unknown;
  file?: { name: string; content: Buffer | string };
}

export interface TableRow {
  call: (at: { world: World; side: Side; role: TableRole }) => TableCall | Promise<TableCall>;
  own: string;
  other?: string;
  /** The call ends or changes the caller's session: each role acts through a new session of its own. */
  freshSession?: boolean;
}

/** A version no record has: an allowed caller gets 409 and nothing changes. */
const STALE = 999_999;
const pdf = Buffer.from('%PDF-1.4\nbảng quyền\n%%EOF');
const DEMO_FRAMEWORK = JSON.parse(
  readFileSync(new URL('../../reference/demo/framework-communes.json', import.meta.url), 'utf8'),
);
let sequence = 0;
const next = () => {
  sequence += 1;
  return sequence;
};

const sheet = (world: World, side: Side) => `/api/rounds/${world.roundId}/units/${side.unitId}`;
const criterionEvidence = (world: World, side: Side) =>
  `${sheet(world, side)}/scores/${world.criterion}/evidence`;
const taskEvidence = (side: Side) => `/api/plans/${side.plan.id}/items/${side.taskId}/evidence`;

const planBody = (side: Side) => ({
  unitId: side.unitId,
  number: null,
  type: 'KH',
  issuedOn: null,
  place: null,
  issuer: null,
  signer: null,
  title: 'Kế hoạch của bảng quyền',
  year: 2026,
  indices: [],
  sections: [],
  tasks: [
    {
      ref: '1',
      text: 'Nhiệm vụ',
      index: null,
      dimension: null,
      leadNames: ['Đơn vị bảng'],
      supportNames: [],
      due: null,
      recurrence: null,
    },
  ],
  targets: [],
  agencies: [{ name: 'Đơn vị bảng', unitId: side.unitId }],
});

const targetBody = (side: Side, periodCode: string) => ({
  indicatorCode: 'DOSSIER_ON_TIME',
  unitId: side.unitId,
  periodCode,
  operator: '>',
  threshold: 90,
});

/** Removes a unit's target of a period, so creating it again is not refused as a duplicate. */
async function clearTarget(world: World, side: Side, periodCode: string) {
  await world.t.database.db
    .delete(indicatorTargets)
    .where(and(eq(indicatorTargets.unitId, side.unitId), eq(indicatorTargets.periodCode, periodCode)));
}

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

export const ROUTE_TABLE: Record<string, TableRow> = {
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

  // ---- National index results ---------------------------------------------------------------------
  'GET /api/indices/papi/years': {
    call: () => ({ url: '/api/indices/papi/years' }),
    own: '200 200 200 200 200 200 200 401',
  },
  'GET /api/indices/provinces-2025': {
    call: () => ({ url: '/api/indices/provinces-2025' }),
    own: '200 200 200 200 200 200 200 401',
  },
  'GET /api/indices/papi/results': {
    call: () => ({ url: '/api/indices/papi/results?year=2024' }),
    own: '200 200 200 200 200 200 200 401',
  },
  'GET /api/indices/papi/provinces/:code': {
    call: () => ({ url: '/api/indices/papi/provinces/33' }),
    own: '200 200 200 200 200 200 200 401',
  },

  // ---- Plans, tasks, evidence ---------------------------------------------------------------------
  'POST /api/plans/preview': {
    call: () => ({ url: '/api/plans/preview', body: { text: 'KẾ HOẠCH\nI. NHIỆM VỤ\n1. Thử.' } }),
    own: '200 200 200 403 200 403 403 401',
  },
  'POST /api/plans/preview-file': {
    call: () => ({ url: '/api/plans/preview-file', file: { name: 'kh.txt', content: 'KẾ HOẠCH\n1. Thử.' } }),
    own: '200 200 200 403 200 403 403 401',
  },
  'POST /api/plans': {
    call: ({ side }) => ({ url: '/api/plans', body: planBody(side) }),
    own: '201 201 201 403 201 403 403 401',
    other: '201 201 403 403 403 403 403 401',
  },
  'GET /api/plans': { call: () => ({ url: '/api/plans' }), own: '200 200 200 200 200 200 200 401' },
  'GET /api/plans/:id': {
    call: ({ side }) => ({ url: `/api/plans/${side.plan.id}` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'PATCH /api/plans/:id': {
    call: ({ side }) => ({ url: `/api/plans/${side.plan.id}`, body: { leadShare: 50, version: STALE } }),
    own: '409 409 409 403 409 403 403 401',
    other: '409 409 404 403 404 403 403 401',
  },
  'POST /api/plans/:id/children': {
    call: async ({ world, side }) => {
      // A plan of the province giving the commune a task, new for each call (a unit answers once).
      const plan = await buildPlan(world.t, {
        author: world.coordinator,
        tasks: [{ ref: '1', leadCodes: [side.code] }],
      });
      return { url: `/api/plans/${plan.id}/children`, body: { unitId: side.unitId } };
    },
    own: '201 201 201 403 201 403 403 401',
    other: '201 201 404 403 404 403 403 401',
  },
  'GET /api/plans/:id/cascade': {
    call: ({ side }) => ({ url: `/api/plans/${side.plan.id}/cascade` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'GET /api/plans/:id/items/:itemId/evidence': {
    call: ({ side }) => ({ url: taskEvidence(side) }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'POST /api/plans/:id/items/:itemId/evidence': {
    call: ({ side }) => ({ url: taskEvidence(side), file: { name: 'mc.pdf', content: pdf } }),
    own: '201 201 201 201 201 403 403 401',
    other: '201 201 404 404 404 403 403 401',
  },
  'GET /api/plans/:id/items/:itemId/evidence/:evidenceId': {
    call: ({ side }) => ({ url: `${taskEvidence(side)}/${side.evidenceId}` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'DELETE /api/plans/:id/items/:itemId/evidence/:evidenceId': {
    call: async ({ side }) => {
      const added = await side.reporter.upload(taskEvidence(side), 'xoa.pdf', pdf);
      return { url: `${taskEvidence(side)}/${added.json.id}` };
    },
    own: '204 204 204 204 204 403 403 401',
    other: '204 204 404 404 404 403 403 401',
  },
  'GET /api/plans/:id/export.docx': {
    call: ({ side }) => ({ url: `/api/plans/${side.plan.id}/export.docx` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  // Units work their own plans: their own tasks and targets (unitplans).
  'POST /api/plans/:id/items': {
    call: ({ side }) => ({
      url: `/api/plans/${side.plan.id}/items`,
      body: { text: 'Nhiệm vụ của bảng quyền', leadUnitIds: [side.unitId] },
    }),
    own: '201 201 201 403 201 403 403 401',
    other: '201 201 404 403 404 403 403 401',
  },
  'DELETE /api/plans/:id/items/:itemId': {
    call: async ({ world, side }) => {
      const added = await world.coordinator.request('POST', `/api/plans/${side.plan.id}/items`, {
        text: 'Nhiệm vụ sẽ xóa',
        leadUnitIds: [side.unitId],
      });
      return { url: `/api/plans/${side.plan.id}/items/${added.json.id}?version=${added.json.version}` };
    },
    own: '204 204 204 403 204 403 403 401',
    other: '204 204 404 403 404 403 403 401',
  },
  'POST /api/plans/:id/targets': {
    call: ({ side }) => ({
      url: `/api/plans/${side.plan.id}/targets`,
      body: { text: 'Tỷ lệ hồ sơ đúng hạn', op: '>=', value: 95, unit: '%' },
    }),
    own: '201 201 201 403 201 403 403 401',
    other: '201 201 404 403 404 403 403 401',
  },
  'PATCH /api/plans/:id/targets/:targetId': {
    call: async ({ world, side }) => {
      const added = await world.coordinator.request('POST', `/api/plans/${side.plan.id}/targets`, {
        text: 'Chỉ tiêu sẽ sửa',
        value: 1,
      });
      return {
        url: `/api/plans/${side.plan.id}/targets/${added.json.id}`,
        body: { value: 2, version: STALE },
      };
    },
    own: '409 409 409 403 409 403 403 401',
    other: '409 409 404 403 404 403 403 401',
  },
  // The side's plan is issued already (and answers none): an allowed caller is refused with 409.
  'POST /api/plans/:id/issue': {
    call: ({ side }) => ({ url: `/api/plans/${side.plan.id}/issue`, body: { version: side.plan.version } }),
    own: '409 409 409 403 409 403 403 401',
    other: '409 409 404 403 404 403 403 401',
  },
  'POST /api/plans/:id/withdraw': {
    call: ({ side }) => ({
      url: `/api/plans/${side.plan.id}/withdraw`,
      body: { version: side.plan.version, reason: 'Bảng quyền' },
    }),
    own: '409 409 409 403 409 403 403 401',
    other: '409 409 404 403 404 403 403 401',
  },
  'DELETE /api/plans/:id/targets/:targetId': {
    call: async ({ world, side }) => {
      const added = await world.coordinator.request('POST', `/api/plans/${side.plan.id}/targets`, {
        text: 'Chỉ tiêu sẽ xóa',
        value: 1,
      });
      return { url: `/api/plans/${side.plan.id}/targets/${added.json.id}` };
    },
    own: '204 204 204 403 204 403 403 401',
    other: '204 204 404 403 404 403 403 401',
  },
  'GET /api/plan-tasks': { call: () => ({ url: '/api/plan-tasks' }), own: '200 200 200 200 200 200 200 401' },
  'PATCH /api/plans/:id/items/:itemId': {
    call: ({ side }) => ({
      url: `/api/plans/${side.plan.id}/items/${side.taskId}`,
      body: { progress: 10, version: STALE },
    }),
    own: '409 409 409 409 409 403 403 401',
    other: '409 409 404 404 404 403 403 401',
  },

  // ---- The leader's overview: of a province only (a commune's coordinator has its own pages) ---------
  'GET /api/overview/leader': {
    call: () => ({ url: '/api/overview/leader' }),
    own: '200 200 403 403 403 403 200 401',
  },

  // ---- Periodic reports, settings, reminders -------------------------------------------------------
  'GET /api/reports': {
    call: () => ({ url: `/api/reports?period=${PERIOD}` }),
    own: '200 200 200 200 200 200 200 401',
  },
  'GET /api/reports/board.xlsx': {
    call: () => ({ url: `/api/reports/board.xlsx?period=${PERIOD}` }),
    own: '200 200 200 200 200 200 200 401',
  },
  // Who reviews reports chases them: the letter lists the units of their own scope still to send.
  'GET /api/reports/chasing-letter.docx': {
    call: () => ({ url: `/api/reports/chasing-letter.docx?period=${PERIOD}` }),
    own: '200 200 200 403 403 403 403 401',
  },
  'GET /api/reports/periods': {
    call: () => ({ url: '/api/reports/periods?year=2026' }),
    own: '200 200 200 200 200 200 200 401',
  },
  'GET /api/reports/inbox': {
    call: () => ({ url: '/api/reports/inbox' }),
    own: '403 403 403 200 200 403 403 401',
  },
  'GET /api/reports/queue': {
    call: () => ({ url: '/api/reports/queue' }),
    own: '200 200 200 403 403 403 403 401',
  },
  'POST /api/reports': {
    call: ({ side }) => ({ url: '/api/reports', body: { unitId: side.unitId, periodCode: PERIOD } }),
    own: '403 403 403 200 200 403 403 401',
    other: '403 403 403 404 404 403 403 401',
  },
  'GET /api/reports/:id': {
    call: ({ side }) => ({ url: `/api/reports/${side.reportId}` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'PUT /api/reports/:id': {
    call: ({ side }) => ({
      url: `/api/reports/${side.reportId}`,
      body: {
        narrative: { results: '', shortcomings: '', causes: '', nextTasks: '', proposals: '' },
        tasks: [],
        version: STALE,
      },
    }),
    own: '403 403 403 409 409 403 403 401',
    other: '403 403 403 404 404 403 403 401',
  },
  'POST /api/reports/:id/transitions': {
    call: ({ side }) => ({
      url: `/api/reports/${side.reportId}/transitions`,
      body: { action: 'submit', reason: null, version: STALE },
    }),
    own: '403 403 403 403 409 403 403 401',
    other: '403 403 404 404 404 403 403 401',
  },
  'POST /api/reports/consolidated': {
    call: ({ side }) => ({
      url: '/api/reports/consolidated',
      body: { planId: side.plan.id, periodCode: PERIOD },
    }),
    own: '202 202 202 403 403 403 403 401',
    other: '202 202 404 403 403 403 403 401',
  },
  'GET /api/reports/consolidated/draft': {
    call: ({ side }) => ({ url: `/api/reports/consolidated/draft?planId=${side.plan.id}&period=${PERIOD}` }),
    own: '200 200 200 403 403 403 403 401',
    other: '200 200 404 403 403 403 403 401',
  },
  'PUT /api/reports/consolidated/draft': {
    call: ({ side }) => ({
      url: '/api/reports/consolidated/draft',
      body: {
        planId: side.plan.id,
        periodCode: PERIOD,
        sections: {
          overview: 'Bảng quyền',
          shortcomings: null,
          causes: null,
          nextTasks: null,
          proposals: null,
        },
        version: STALE,
      },
    }),
    own: '409 409 409 403 403 403 403 401',
    other: '409 409 404 403 403 403 403 401',
  },
  'GET /api/reports/:id/export.docx': {
    call: ({ side }) => ({ url: `/api/reports/${side.reportId}/export.docx` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'GET /api/reports/:id/signed-copies': {
    call: ({ side }) => ({ url: `/api/reports/${side.reportId}/signed-copies` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'POST /api/reports/:id/signed-copies': {
    call: ({ side }) => ({
      url: `/api/reports/${side.reportId}/signed-copies`,
      file: { name: 'bao-cao-da-ky.pdf', content: pdf },
    }),
    own: '403 403 403 201 201 403 403 401',
    other: '403 403 403 404 404 403 403 401',
  },
  'GET /api/reports/:id/signed-copies/:evidenceId': {
    call: async ({ side }) => {
      const added = await side.reporter.upload(`/api/reports/${side.reportId}/signed-copies`, 'ky.pdf', pdf);
      return { url: `/api/reports/${side.reportId}/signed-copies/${added.json.id}` };
    },
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'GET /api/units/:id/reports': {
    call: ({ side }) => ({ url: `/api/units/${side.unitId}/reports` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'GET /api/settings/reminders': {
    call: () => ({ url: '/api/settings/reminders' }),
    own: '200 200 200 200 200 200 200 401',
  },
  'PUT /api/settings/reminders': {
    call: async ({ world }) => ({
      url: '/api/settings/reminders',
      body: (await world.coordinator.request('GET', '/api/settings/reminders')).json,
    }),
    own: '200 200 403 403 403 403 403 401',
  },
  'POST /api/reports/reminders': {
    call: ({ side }) => ({
      url: '/api/reports/reminders',
      body: { periodCode: PERIOD, unitIds: [side.unitId] },
    }),
    own: '200 200 200 403 403 403 403 401',
    other: '200 200 403 403 403 403 403 401',
  },
  'GET /api/settings/reporting-regime': {
    call: () => ({ url: '/api/settings/reporting-regime' }),
    own: '200 200 200 200 200 200 200 401',
  },
  'PUT /api/settings/reporting-regime': {
    call: async ({ world }) => ({
      url: '/api/settings/reporting-regime',
      body: (await world.coordinator.request('GET', '/api/settings/reporting-regime')).json,
    }),
    own: '200 200 403 403 403 403 403 401',
  },
  'GET /api/settings/holidays': {
    call: () => ({ url: '/api/settings/holidays?year=2026' }),
    own: '200 200 200 200 200 200 200 401',
  },
  'PUT /api/settings/holidays': {
    call: async ({ world }) => ({
      url: '/api/settings/holidays?year=2026',
      body: (await world.coordinator.request('GET', '/api/settings/holidays?year=2026')).json,
    }),
    own: '200 200 403 403 403 403 403 401',
  },

  // ---- Frameworks and assessment rounds ------------------------------------------------------------
  'GET /api/frameworks': { call: () => ({ url: '/api/frameworks' }), own: '200 200 200 200 200 200 200 401' },
  'GET /api/frameworks/:id': {
    call: ({ world }) => ({ url: `/api/frameworks/${world.frameworkId}` }),
    own: '200 200 200 200 200 200 200 401',
  },
  'POST /api/frameworks': {
    call: () => ({ url: '/api/frameworks', body: { ...DEMO_FRAMEWORK, code: `BANG_${next()}` } }),
    own: '201 201 403 403 403 403 403 401',
  },
  'PUT /api/frameworks/:id': {
    call: ({ world }) => ({
      url: `/api/frameworks/${world.frameworkId}`,
      body: { definition: DEMO_FRAMEWORK, version: STALE },
    }),
    own: '409 409 403 403 403 403 403 401',
  },
  'GET /api/frameworks/:id/export': {
    call: ({ world }) => ({ url: `/api/frameworks/${world.frameworkId}/export?format=csv` }),
    own: '200 200 200 200 200 200 200 401',
  },
  'POST /api/frameworks/import': {
    call: () => ({
      url: `/api/frameworks/import?code=BANG_NHAP_${next()}&nameVi=X&fromYear=2030`,
      file: {
        name: 'khung.csv',
        content: 'Mã tiêu chí,Tên tiêu chí,Điểm tối đa\nA,Lĩnh vực,100\nA.1,Tiêu chí,100\n',
      },
    }),
    own: '201 201 403 403 403 403 403 401',
  },
  'GET /api/rounds': { call: () => ({ url: '/api/rounds' }), own: '200 200 200 200 200 200 200 401' },
  'POST /api/rounds': {
    call: ({ world, side }) => ({
      url: '/api/rounds',
      body: {
        frameworkId: world.frameworkId,
        ownerUnitId: side.unitId,
        name: 'Đợt của xã',
        year: 2026,
        unitIds: [side.unitId],
        deadlines: {
          self: '30/06/2099',
          appraisal1: '31/07/2099',
          explanation: '15/08/2099',
          appraisal2: '31/08/2099',
          final: '30/09/2099',
        },
      },
    }),
    own: '201 201 201 403 403 403 403 401',
    other: '201 201 403 403 403 403 403 401',
  },
  'GET /api/rounds/:id': {
    call: ({ world }) => ({ url: `/api/rounds/${world.roundId}` }),
    own: '200 200 200 200 200 200 200 401',
  },
  'PATCH /api/rounds/:id': {
    call: ({ world }) => ({ url: `/api/rounds/${world.roundId}`, body: { version: STALE } }),
    own: '409 409 403 403 403 403 403 401',
  },
  'GET /api/rounds/:id/advance': {
    call: ({ world }) => ({ url: `/api/rounds/${world.roundId}/advance` }),
    own: '200 200 403 403 403 403 403 401',
  },
  'POST /api/rounds/:id/advance': {
    call: ({ world }) => ({
      url: `/api/rounds/${world.roundId}/advance`,
      body: { version: STALE, reason: 'Theo chỉ đạo' },
    }),
    own: '409 409 403 403 403 403 403 401',
  },
  'POST /api/rounds/:id/withdraw': {
    call: ({ world }) => ({
      url: `/api/rounds/${world.roundId}/withdraw`,
      body: { version: STALE, reason: 'Sai sót trong tổng hợp' },
    }),
    own: '409 409 403 403 403 403 403 401',
  },
  'POST /api/rounds/:id/reopen': {
    call: ({ world }) => ({
      url: `/api/rounds/${world.roundId}/reopen`,
      body: { version: STALE, reason: 'Gia hạn tự đánh giá' },
    }),
    own: '409 409 403 403 403 403 403 401',
  },
  'GET /api/rounds/:id/results': {
    call: ({ world }) => ({ url: `/api/rounds/${world.roundId}/results` }),
    own: '200 200 403 403 403 200 403 401',
  },
  'GET /api/rounds/:id/results/export': {
    call: ({ world }) => ({ url: `/api/rounds/${world.roundId}/results/export?format=csv` }),
    own: '200 200 403 403 403 200 403 401',
  },
  'GET /api/rounds/:id/units/:unitId': {
    call: ({ world, side }) => ({ url: sheet(world, side) }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'PATCH /api/rounds/:id/units/:unitId/scores/:code': {
    call: ({ world, side }) => ({
      url: `${sheet(world, side)}/scores/${world.criterion}`,
      body: { selfComment: 'Đã thực hiện', version: STALE },
    }),
    own: '403 403 403 409 409 403 403 401',
    other: '403 403 404 404 404 403 403 401',
  },
  'POST /api/rounds/:id/units/:unitId/submit': {
    call: ({ world, side }) => ({ url: `${sheet(world, side)}/submit`, body: {} }),
    own: '403 403 403 400 400 403 403 401',
    other: '403 403 403 404 404 403 403 401',
  },
  'PUT /api/rounds/:id/units/:unitId/adjustments': {
    call: ({ world, side }) => ({
      url: `${sheet(world, side)}/adjustments`,
      body: { bonus: 0, penalty: 0, reason: null },
    }),
    own: '403 403 403 403 403 403 403 401',
  },
  'GET /api/rounds/:id/units/:unitId/scores/:code/evidence': {
    call: ({ world, side }) => ({ url: criterionEvidence(world, side) }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'POST /api/rounds/:id/units/:unitId/scores/:code/evidence': {
    call: ({ world, side }) => ({
      url: criterionEvidence(world, side),
      file: { name: 'kc.pdf', content: pdf },
    }),
    own: '403 403 403 201 201 403 403 401',
    other: '403 403 403 404 404 403 403 401',
  },
  'GET /api/rounds/:id/units/:unitId/scores/:code/evidence/:evidenceId': {
    call: ({ world, side }) => ({ url: `${criterionEvidence(world, side)}/${side.criterionEvidenceId}` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'DELETE /api/rounds/:id/units/:unitId/scores/:code/evidence/:evidenceId': {
    call: async ({ world, side }) => {
      const added = await side.reporter.upload(criterionEvidence(world, side), 'xoa.pdf', pdf);
      return { url: `${criterionEvidence(world, side)}/${added.json.id}` };
    },
    own: '403 403 403 204 204 403 403 401',
    other: '403 403 403 404 404 403 403 401',
  },

  // ---- Indicators, targets, dossiers ---------------------------------------------------------------
  'GET /api/indicators': { call: () => ({ url: '/api/indicators' }), own: '200 200 200 200 200 200 200 401' },
  'GET /api/indicator-targets': {
    call: () => ({ url: '/api/indicator-targets' }),
    own: '200 200 200 200 200 200 200 401',
  },
  'POST /api/indicator-targets': {
    call: async ({ world, side }) => {
      await clearTarget(world, side, '2026Q2');
      return { url: '/api/indicator-targets', body: targetBody(side, '2026Q2') };
    },
    own: '201 201 201 403 403 403 403 401',
    other: '201 201 403 403 403 403 403 401',
  },
  'PUT /api/indicator-targets/:id': {
    call: ({ side }) => ({
      url: `/api/indicator-targets/${side.targetId}`,
      body: { ...targetBody(side, PERIOD), version: STALE },
    }),
    own: '409 409 409 403 403 403 403 401',
    other: '409 409 403 403 403 403 403 401',
  },
  'DELETE /api/indicator-targets/:id': {
    call: async ({ world, side }) => {
      await clearTarget(world, side, '2026Q3');
      const created = await world.coordinator.request(
        'POST',
        '/api/indicator-targets',
        targetBody(side, '2026Q3'),
      );
      return { url: `/api/indicator-targets/${created.json.id}` };
    },
    own: '204 204 204 403 403 403 403 401',
    other: '204 204 403 403 403 403 403 401',
  },
  'GET /api/units/:id/indicator-values': {
    call: ({ side }) => ({ url: `/api/units/${side.unitId}/indicator-values?period=${PERIOD}` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'PUT /api/units/:id/indicator-values': {
    call: ({ side }) => ({
      url: `/api/units/${side.unitId}/indicator-values?period=${PERIOD}`,
      body: { values: [] },
    }),
    own: '403 403 403 200 200 403 403 401',
    other: '403 403 403 404 404 403 403 401',
  },
  'GET /api/dashboards/dossiers': {
    call: ({ side }) => ({ url: `/api/dashboards/dossiers?unitId=${side.unitId}&period=${PERIOD}` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'GET /api/dashboards/dossiers/export': {
    call: ({ side }) => ({
      url: `/api/dashboards/dossiers/export?unitId=${side.unitId}&period=${PERIOD}&chart=late`,
    }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'GET /api/dossiers/late': {
    call: ({ side }) => ({ url: `/api/dossiers/late?unitId=${side.unitId}&period=${PERIOD}` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  'GET /api/dossiers/:code/apology-letter.docx': {
    call: ({ side }) => ({ url: `/api/dossiers/${side.dossierCode}/apology-letter.docx` }),
    own: '200 200 200 200 403 403 403 401',
    other: '200 200 404 404 403 403 403 401',
  },
  'PUT /api/dossiers/:code/apology': {
    call: ({ side }) => ({ url: `/api/dossiers/${side.dossierCode}/apology`, body: { issued: false } }),
    own: '200 200 200 200 403 403 403 401',
    other: '200 200 404 404 403 403 403 401',
  },
  'POST /api/dossiers/imports': {
    call: ({ side }) => ({
      url: '/api/dossiers/imports',
      file: { name: 'hs.csv', content: dossierCsv([dossierRow({ unitCode: side.code, level: 'Cấp xã' })]) },
    }),
    own: '202 202 202 202 403 403 403 401',
  },
  'GET /api/dossier-mappings': {
    call: () => ({ url: '/api/dossier-mappings' }),
    own: '200 200 200 200 403 403 403 401',
  },
  ...FEEDBACK_ROUTE_TABLE,
  ...RECEPTION_ROUTE_TABLE,
};
