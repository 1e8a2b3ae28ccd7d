import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { SurveyDefinition } from '../../core/surveys/survey.ts';
import { surveyToSheets } from '../../core/surveys/survey-table.ts';
import { surveys } from '../db/schema/index.ts';
import { writeWorkbook } from '../files/tabular.ts';
import type { World } from './access-world.ts';
import { next, STALE, type TableRow } from './route-table-kit.ts';

const SIPAS: SurveyDefinition = JSON.parse(
  readFileSync(new URL('../../reference/surveys/SIPAS-2023-2026.json', import.meta.url), 'utf8'),
);

/** A questionnaire of its own for one call (a code no other call uses), as a draft or published. */
async function freshSurvey(
  world: World,
  status: 'draft' | 'published',
): Promise<{ id: number; code: string }> {
  const code = `BANG_${next()}`;
  const definition = { ...SIPAS, code };
  const [row] = await world.t.database.db
    .insert(surveys)
    .values({
      code,
      revision: 1,
      nameVi: definition.nameVi,
      fromYear: 2023,
      toYear: 2026,
      status,
      definition,
    })
    .returning({ id: surveys.id });
  if (!row) throw new Error('survey insert returned nothing');
  return { id: row.id, code };
}

const workbook = async (code: string) => ({
  name: 'phieu.xlsx',
  content: await writeWorkbook(surveyToSheets({ ...SIPAS, code })),
});

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
  'POST /api/surveys/import': {
    call: async () => ({ url: '/api/surveys/import', file: await workbook(`RIENG_${next()}`) }),
    own: '201 201 403 403 403 403 403 401',
  },
  'POST /api/surveys/:id/revisions': {
    call: async ({ world }) => ({
      url: `/api/surveys/${(await freshSurvey(world, 'published')).id}/revisions`,
    }),
    own: '201 201 403 403 403 403 403 401',
  },
  'PUT /api/surveys/:id': {
    call: async ({ world }) => {
      const { id, code } = await freshSurvey(world, 'draft');
      return { url: `/api/surveys/${id}`, body: { definition: { ...SIPAS, code }, version: STALE } };
    },
    own: '409 409 403 403 403 403 403 401',
  },
  'POST /api/surveys/:id/publish': {
    call: async ({ world }) => ({
      url: `/api/surveys/${(await freshSurvey(world, 'draft')).id}/publish`,
      body: { version: 1 },
    }),
    own: '200 200 403 403 403 403 403 401',
  },
  'POST /api/surveys/:id/retire': {
    call: async ({ world }) => ({ url: `/api/surveys/${(await freshSurvey(world, 'published')).id}/retire` }),
    own: '200 200 403 403 403 403 403 401',
  },
  'DELETE /api/surveys/:id': {
    call: async ({ world }) => ({ url: `/api/surveys/${(await freshSurvey(world, 'draft')).id}` }),
    own: '204 204 403 403 403 403 403 401',
  },
  'GET /api/surveys/:id/xlsx': {
    call: async ({ world }) => ({ url: `/api/surveys/${await sipasId(world)}/xlsx` }),
    own: '200 200 200 200 200 403 200 401',
  },
  'PUT /api/surveys/:id/xlsx': {
    call: async ({ world }) => {
      const { id, code } = await freshSurvey(world, 'draft');
      return { url: `/api/surveys/${id}/xlsx?version=1`, file: await workbook(code) };
    },
    own: '200 200 403 403 403 403 403 401',
  },
};
