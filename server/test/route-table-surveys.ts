import { eq } from 'drizzle-orm';
import { surveys } from '../db/schema/index.ts';
import type { World } from './access-world.ts';
import type { TableRow } from './route-table-kit.ts';

/** The shipped SIPAS questionnaire's id in the world's database. */
export async function sipasId(world: World): Promise<number> {
  const [row] = await world.t.database.db
    .select({ id: surveys.id })
    .from(surveys)
    .where(eq(surveys.code, 'SIPAS'));
  if (!row) throw new Error('SIPAS questionnaire not loaded');
  return row.id;
}

/** Satisfaction surveys: questionnaires, paper forms, results. */
export const SURVEY_ROUTE_TABLE: Record<string, TableRow> = {
  'GET /api/surveys': { call: () => ({ url: '/api/surveys' }), own: '200 200 200 200 200 403 200 401' },
  'GET /api/surveys/:id': {
    call: async ({ world }) => ({ url: `/api/surveys/${await sipasId(world)}` }),
    own: '200 200 200 200 200 403 200 401',
  },
  'POST /api/surveys/:id/paper-forms': {
    call: async ({ world, side }) => ({
      url: `/api/surveys/${await sipasId(world)}/paper-forms`,
      body: { unitId: side.unitId, forms: [{ answers: { KENH: 1, 'DV1.1': 4 }, answeredOn: '2026-02-02' }] },
    }),
    own: '201 201 201 201 201 403 403 401',
    other: '201 201 404 404 404 403 403 401',
  },
  'POST /api/surveys/:id/paper-import': {
    call: async ({ world, side }) => ({
      url: `/api/surveys/${await sipasId(world)}/paper-import?unitId=${side.unitId}&dryRun=true`,
      file: { name: 'phieu.csv', content: 'Ngày,KENH,DV1.1\n02/02/2026,1,4\n' },
    }),
    own: '200 200 200 200 200 403 403 401',
    other: '200 200 404 404 404 403 403 401',
  },
  'GET /api/surveys/:id/paper-template': {
    call: async ({ world }) => ({ url: `/api/surveys/${await sipasId(world)}/paper-template` }),
    own: '200 200 200 200 200 403 200 401',
  },
};
