import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { SurveyDefinition } from '../../core/surveys/survey.ts';
import { surveyToSheets } from '../../core/surveys/survey-table.ts';
import { surveys } from '../db/schema/index.ts';
import { writeWorkbook } from '../files/tabular.ts';
import type { Side, World } from './access-world.ts';
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

/** A SIPAS paper form of the side's unit with a comment, entered by the province's coordinator: its id. */
async function formWithComment(world: World, side: Side): Promise<number> {
  const entered = await world.coordinator.request(
    'POST',
    `/api/surveys/${await sipasId(world)}/paper-forms`,
    {
      unitId: side.unitId,
      forms: [{ answers: { KENH: 1, 'DV1.1': 2, 'DV1.GY': 'Thiếu ghế chờ' }, answeredOn: '2026-02-02' }],
    },
  );
  if (entered.status !== 201) throw new Error(`form: ${entered.status} ${entered.body}`);
  return entered.json.ids[0];
}

const READ = { own: '200 200 200 200 200 403 200 401', other: '200 200 404 404 404 403 200 401' };

/** Satisfaction surveys: questionnaires, paper forms, results. */
const EVERYONE = (status: number) => ({ own: Array(8).fill(status).join(' ') });
const page =
  (path: string) =>
  async ({ world, side }: { world: World; side: { code: string } }) => ({
    url: `/khao-sat/${side.code}/${await sipasId(world)}${path}`,
  });

/** Satisfaction surveys: questionnaires, paper forms, results, the citizen's pages. */
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
  'GET /api/surveys/:id/results': {
    call: async ({ world, side }) => ({
      url: `/api/surveys/${await sipasId(world)}/results?period=2026Q1&unitId=${side.unitId}`,
    }),
    ...READ,
  },
  'GET /api/surveys/:id/results.xlsx': {
    call: async ({ world, side }) => ({
      url: `/api/surveys/${await sipasId(world)}/results.xlsx?period=2026Q1&unitId=${side.unitId}`,
    }),
    ...READ,
  },
  'GET /api/surveys/:id/responses.csv': {
    call: async ({ world, side }) => ({
      url: `/api/surveys/${await sipasId(world)}/responses.csv?period=2026&unitId=${side.unitId}`,
    }),
    ...READ,
  },
  'GET /api/surveys/:id/comments': {
    call: async ({ world, side }) => ({
      url: `/api/surveys/${await sipasId(world)}/comments?period=2026S1&unitId=${side.unitId}`,
    }),
    ...READ,
  },
  'GET /api/surveys/:id/excluded': {
    call: async ({ world, side }) => ({
      url: `/api/surveys/${await sipasId(world)}/excluded?period=2026Q1&unitId=${side.unitId}`,
    }),
    ...READ,
  },
  'PUT /api/survey-responses/:id/replies/:question': {
    call: async ({ world, side }) => ({
      url: `/api/survey-responses/${await formWithComment(world, side)}/replies/DV1.GY`,
      body: { text: 'Đã thêm ghế chờ', version: STALE },
    }),
    own: '409 409 409 409 409 403 403 401',
    other: '409 409 404 404 404 403 403 401',
  },
  'PUT /api/survey-responses/:id/exclusion': {
    call: async ({ world, side }) => ({
      url: `/api/survey-responses/${await formWithComment(world, side)}/exclusion`,
      body: { reason: 'Phiếu nhập nhầm đơn vị' },
    }),
    own: '200 200 200 403 403 403 403 401',
    other: '200 200 404 403 403 403 403 401',
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

  // The desk's link and poster: read with surveys.read on the unit (another commune's is not found).
  'GET /api/surveys/:id/links': {
    call: async ({ world, side }) => ({
      url: `/api/surveys/${await sipasId(world)}/links?unitId=${side.unitId}`,
    }),
    own: '200 200 200 200 200 403 200 401',
    other: '200 200 404 404 404 403 200 401',
  },
  'GET /api/surveys/:id/paper-form': {
    call: async ({ world, side }) => ({
      url: `/api/surveys/${await sipasId(world)}/paper-form?unitId=${side.unitId}`,
    }),
    own: '200 200 200 200 200 403 200 401',
    other: '200 200 404 404 404 403 200 401',
  },
  'GET /api/surveys/:id/poster': {
    call: async ({ world, side }) => ({
      url: `/api/surveys/${await sipasId(world)}/poster?unitId=${side.unitId}`,
    }),
    own: '200 200 200 200 200 403 200 401',
    other: '200 200 404 404 404 403 200 401',
  },
  // The citizen's pages answer everyone alike; without the start page's token a start is refused
  // (400), and without a draft's cookie a screen or a resume link goes back to the start page (303).
  'GET /ks/:unitCode': { call: ({ side }) => ({ url: `/ks/${side.code}` }), ...EVERYONE(303) },
  'GET /khao-sat/:unitCode/:surveyId': { call: page(''), ...EVERYONE(200) },
  'POST /khao-sat/:unitCode/:surveyId': {
    call: async (at) => ({ ...(await page('')(at)), body: { dossierCode: '' } }),
    ...EVERYONE(400),
  },
  'GET /khao-sat/:unitCode/:surveyId/tiep': { call: page('/tiep?t=khong-co'), ...EVERYONE(303) },
  'GET /khao-sat/:unitCode/:surveyId/phan/:n': { call: page('/phan/1'), ...EVERYONE(303) },
  'POST /khao-sat/:unitCode/:surveyId/phan/:n': {
    call: async (at) => ({ ...(await page('/phan/1')(at)), body: { KENH: '1', action: 'next' } }),
    ...EVERYONE(303),
  },
  'GET /khao-sat/:unitCode/:surveyId/cam-on': { call: page('/cam-on'), ...EVERYONE(200) },
  'GET /khao-sat/*': { call: () => ({ url: '/khao-sat/khong-co' }), ...EVERYONE(404) },
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
