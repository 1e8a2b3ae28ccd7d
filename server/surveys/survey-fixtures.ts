import type { SurveyDefinition } from '../../core/surveys/survey.ts';
import { dossierRollups, surveys } from '../db/schema/index.ts';
import type { Session, TestApp } from '../test/harness.ts';

/** A small published questionnaire (two elements, three scored questions, a comment): figures by hand. */
export const SMALL_SURVEY: SurveyDefinition = {
  code: 'THU',
  nameVi: 'Phiếu thử',
  fromYear: 2025,
  toYear: null,
  status: 'confirmed',
  source: 'Thử',
  indexMethod: 'share',
  minRespondents: 2,
  elements: [
    { code: 'A', nameVi: 'Tiếp cận', subIndex: 'service' },
    { code: 'B', nameVi: 'Công chức', subIndex: 'service' },
  ],
  questions: [
    { code: 'q1', element: 'A', kind: 'scale5', textVi: 'Chỗ ngồi đủ' },
    { code: 'q2', element: 'A', kind: 'scale5', textVi: 'Biển chỉ dẫn rõ' },
    { code: 'q3', element: 'B', kind: 'scale5', textVi: 'Công chức lịch sự' },
    { code: 'gy', element: 'B', kind: 'text', textVi: 'Góp ý về công chức' },
  ],
};

/** Stores a published questionnaire straight in the database (its code made unique by `code`). */
export async function publishSurvey(
  t: TestApp,
  code: string,
  definition: SurveyDefinition = SMALL_SURVEY,
): Promise<number> {
  const [row] = await t.database.db
    .insert(surveys)
    .values({
      code,
      revision: 1,
      nameVi: definition.nameVi,
      fromYear: definition.fromYear,
      toYear: definition.toYear,
      status: 'published',
      definition: { ...definition, code },
      publishedAt: new Date('2025-01-01T00:00:00Z'),
    })
    .returning({ id: surveys.id });
  if (!row) throw new Error('survey not stored');
  return row.id;
}

/** Paper forms through the API; each form's answers as given, on a day of the period. */
export async function enterForms(
  session: Session,
  surveyId: number,
  unitId: number,
  forms: Record<string, number | string>[],
  answeredOn = '2026-02-10',
) {
  const response = await session.request('POST', `/api/surveys/${surveyId}/paper-forms`, {
    unitId,
    forms: forms.map((answers) => ({ answers, answeredOn })),
  });
  if (response.status !== 201) throw new Error(`paper forms: ${response.status} ${response.body}`);
  return response.json as { ids: number[] };
}

/** Dossiers received by a unit in a quarter, as an import's roll-up would hold them. */
export async function setDossiers(
  t: TestApp,
  unitId: number,
  periodCode: string,
  received: number,
  field = 'Thử',
) {
  await t.database.db
    .insert(dossierRollups)
    .values({ unitId, field, periodCode, received })
    .onConflictDoUpdate({
      target: [dossierRollups.unitId, dossierRollups.field, dossierRollups.periodCode],
      set: { received },
    });
}
