import { PERIOD } from './access-world.ts';
import { pdf, STALE, type TableRow } from './route-table-kit.ts';

/** Periodic reports, the reporting settings and reminders. */
export const REPORT_ROUTE_TABLE: Record<string, TableRow> = {
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
  'GET /api/reports/chasing-letter.pdf': {
    call: () => ({ url: `/api/reports/chasing-letter.pdf?period=${PERIOD}` }),
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
  'GET /api/reports/:id/export.pdf': {
    call: ({ side }) => ({ url: `/api/reports/${side.reportId}/export.pdf` }),
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
};
