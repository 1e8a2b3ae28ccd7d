import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { COMMUNE_A, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { enterForms } from './survey-fixtures.ts';

let t: TestApp;
let leader: Session;
let coordinator: Session;

beforeAll(async () => {
  t = await createTestApp({ now: fixedClock('2026-11-20T03:00:00Z') });
  leader = await signInAs(t, 'leader', '33');
  coordinator = await signInAs(t, 'coordinator', '33');
});

afterAll(async () => t.close());

describe('the leader’s overview', () => {
  it('shows the quarter’s satisfaction once there are answers, with its interval and weakest element', async () => {
    const before = await leader.request('GET', '/api/overview/leader');
    expect(before.status).toBe(200);
    expect(before.json.satisfaction).toBeNull();
    const surveys = await coordinator.request('GET', '/api/surveys');
    const sipas = surveys.json.find((survey: { code: string }) => survey.code === 'SIPAS');
    const a = await unitIdByCode(t.database, COMMUNE_A);
    // Two respondents: access 4 and 5 (both satisfied), procedures 2 and 3 (neither) → 2 of 4.
    await enterForms(
      coordinator,
      sipas.id,
      a,
      [
        { KENH: 1, 'DV1.1': 4, 'DV2.1': 2 },
        { KENH: 1, 'DV1.1': 5, 'DV2.1': 3 },
      ],
      '2026-11-02',
    );
    const { json } = await leader.request('GET', '/api/overview/leader');
    expect(json.satisfaction).toMatchObject({
      surveyId: sipas.id,
      period: '2026Q4',
      previousPeriod: '2026Q3',
      respondents: 2,
      rate: 50,
      enough: false,
      change: null,
      weakestElement: { nameVi: 'Thủ tục hành chính', rate: 0 },
    });
  });
});
