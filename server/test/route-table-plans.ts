import type { Side } from './access-world.ts';
import { buildPlan } from './factories.ts';
import { pdf, STALE, type TableRow } from './route-table-kit.ts';

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

/** National index results, plans with their tasks and evidence, and the leader's overview. */
export const PLAN_ROUTE_TABLE: Record<string, TableRow> = {
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
  'GET /api/indices/papi/standing': {
    call: () => ({ url: '/api/indices/papi/standing?year=2024&province=33' }),
    own: '200 200 200 200 200 200 200 401',
  },
  'POST /api/indices/papi/simulate': {
    call: () => ({
      url: '/api/indices/papi/simulate',
      body: { year: 2024, province: '33', changes: [{ code: 'PAPI.5', delta: 0.5 }] },
    }),
    own: '200 200 200 200 200 200 200 401',
  },
  'GET /api/indices/papi/levers': {
    call: () => ({ url: '/api/indices/papi/levers?year=2024&province=33' }),
    own: '200 200 200 200 200 200 200 401',
  },
  'GET /api/indices/papi/target': {
    call: () => ({ url: '/api/indices/papi/target?year=2024&province=33&group=1' }),
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
  'GET /api/plans/:id/export.pdf': {
    call: ({ side }) => ({ url: `/api/plans/${side.plan.id}/export.pdf` }),
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
  'GET /api/plans/:id/publication': {
    call: ({ side }) => ({ url: `/api/plans/${side.plan.id}/publication` }),
    own: '200 200 200 200 200 200 200 401',
    other: '200 200 404 404 404 200 200 401',
  },
  // Publishing over a stale version: an allowed caller is refused with 409 and nothing is public.
  'PUT /api/plans/:id/publication': {
    call: ({ side }) => ({
      url: `/api/plans/${side.plan.id}/publication`,
      body: { published: true, version: STALE },
    }),
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
};
