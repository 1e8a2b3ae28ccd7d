import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnit } from '../indicators/indicator-access.ts';
import { unitIndicatorMatrix } from '../reports/consolidated-data.ts';
import { measureTargets } from '../reports/target-values.ts';
import { COMMUNE_A, COMMUNE_B, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { enterForms, publishSurvey, SMALL_SURVEY } from './survey-fixtures.ts';
import { criterionSurveyFigures, surveyFiguresByUnit } from './survey-indicators.ts';

let t: TestApp;
let coordinator: Session;
let a: number;
let b: number;
const PERIOD = '2025Q4';

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signInAs(t, 'coordinator', '33');
  a = await unitIdByCode(t.database, COMMUNE_A);
  b = await unitIdByCode(t.database, COMMUNE_B);
  const surveyId = await publishSurvey(t, 'THU_CS', {
    ...SMALL_SURVEY,
    indicatorCode: 'SATISFACTION_SERVICE',
    frameworkCode: 'THU_KHUNG',
    elements: SMALL_SURVEY.elements.map((element) => ({
      ...element,
      criterion: `THU_KHUNG.${element.code}`,
    })),
  });
  // A: 5 of 6 answers satisfied; B: 1 of 3.
  await enterForms(
    coordinator,
    surveyId,
    a,
    [
      { q1: 5, q2: 4, q3: 4 },
      { q1: 4, q2: 2, q3: 5 },
    ],
    '2025-11-10',
  );
  await enterForms(coordinator, surveyId, b, [{ q1: 1, q2: 4, q3: 2 }], '2025-11-10');
});

afterAll(async () => t.close());

describe('the survey fills its indicator', () => {
  it('on the periodic report form, with the people behind it', async () => {
    const { json } = await coordinator.request('GET', `/api/units/${a}/indicator-values?period=${PERIOD}`);
    expect(json.survey).toEqual([
      expect.objectContaining({
        code: 'SATISFACTION_SERVICE',
        numerator: 5,
        denominator: 6,
        rate: 83.33,
        respondents: 2,
      }),
    ]);
    // The month has no survey figure; the year has the quarter's.
    expect(
      (await coordinator.request('GET', `/api/units/${a}/indicator-values?period=2025M11`)).json.survey,
    ).toEqual([]);
    const province = await unitIdByCode(t.database, '33');
    const year = await coordinator.request('GET', `/api/units/${province}/indicator-values?period=2025`);
    expect(year.json.survey[0]).toMatchObject({ numerator: 6, denominator: 9, rate: 66.67, respondents: 3 });
  });

  it('in the consolidated report’s annex and its targets, as sums', async () => {
    const surveyed = await surveyFiguresByUnit(t.database.db, PERIOD);
    const matrix = await unitIndicatorMatrix(
      t.database.db,
      PERIOD,
      [
        { id: a, name: 'A' },
        { id: b, name: 'B' },
      ],
      [],
      [],
      surveyed,
    );
    const column = matrix.indicators.findIndex((indicator) => indicator.code === 'SATISFACTION_SERVICE');
    expect(column).toBeGreaterThanOrEqual(0);
    expect(matrix.rows.map((row) => row.values[column])).toEqual([83.33, 33.33]);
    const [target] = measureTargets(
      [],
      '/',
      PERIOD,
      [
        {
          ref: '1',
          text: 'Mức độ hài lòng đạt trên 80%',
          op: '>',
          value: 80,
          unit: '%',
          level: null,
          indicatorCode: 'SATISFACTION_SERVICE',
        },
      ],
      [],
      surveyed,
    );
    expect(target?.measured).toMatchObject({ numerator: 6, denominator: 9, rate: 66.67 });
    expect(target?.status).toBe('missed');
  });
});

describe('the survey fills its framework’s criteria', () => {
  it('each element gives its criterion the unit’s figure for the round’s year', async () => {
    const figures = await criterionSurveyFigures(
      t.database.db,
      'THU_KHUNG',
      await findUnit(t.database.db, a),
      2025,
    );
    // Element A (q1, q2): 5, 4, 4, 2 → 3 of 4; element B (q3): 4, 5 → 2 of 2.
    expect(
      Object.fromEntries(
        [...figures].map(([code, figure]) => [code, [figure.rate, figure.respondents, figure.enough]]),
      ),
    ).toEqual({
      'THU_KHUNG.A': [75, 2, true],
      'THU_KHUNG.B': [100, 2, true],
    });
    expect(
      (await criterionSurveyFigures(t.database.db, 'THU_KHUNG', await findUnit(t.database.db, a), 2024)).size,
    ).toBe(0);
  });
});
