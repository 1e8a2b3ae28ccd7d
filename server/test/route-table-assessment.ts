import { readFileSync } from 'node:fs';
import type { Side, World } from './access-world.ts';
import { next, pdf, STALE, type TableRow } from './route-table-kit.ts';

const DEMO_FRAMEWORK = JSON.parse(
  readFileSync(new URL('../../reference/demo/framework-communes.json', import.meta.url), 'utf8'),
);

const sheet = (world: World, side: Side) => `/api/rounds/${world.roundId}/units/${side.unitId}`;
const criterionEvidence = (world: World, side: Side) =>
  `${sheet(world, side)}/scores/${world.criterion}/evidence`;

/** Frameworks and assessment rounds, sheets and their evidence. */
export const ASSESSMENT_ROUTE_TABLE: Record<string, TableRow> = {
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
  'GET /api/rounds/:id/weak-criteria': {
    call: ({ world }) => ({ url: `/api/rounds/${world.roundId}/weak-criteria` }),
    own: '200 200 403 403 403 200 403 401',
  },
  'GET /api/indices/papi/remediation-draft': {
    call: () => ({ url: '/api/indices/papi/remediation-draft' }),
    own: '200 200 403 403 403 403 403 401',
  },
  // The table's units have no scores in the round: an allowed caller is told there is nothing to remediate.
  'GET /api/rounds/:id/remediation-draft': {
    call: ({ world, side }) => ({
      url: `/api/rounds/${world.roundId}/remediation-draft?unitId=${side.unitId}`,
    }),
    own: '400 400 403 403 403 403 403 401',
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
};
