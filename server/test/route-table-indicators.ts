import { and, eq } from 'drizzle-orm';
import { indicatorTargets } from '../db/schema/index.ts';
import { dossierCsv, dossierRow } from '../dossiers/dossier-fixtures.ts';
import { PERIOD, type Side, type World } from './access-world.ts';
import { STALE, type TableRow } from './route-table-kit.ts';

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

/** Indicators, targets, dashboards and dossiers. */
export const INDICATOR_ROUTE_TABLE: Record<string, TableRow> = {
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
  'GET /api/dossiers/:code/apology-letter.pdf': {
    call: ({ side }) => ({ url: `/api/dossiers/${side.dossierCode}/apology-letter.pdf` }),
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
};
