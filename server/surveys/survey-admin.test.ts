import { readFileSync } from 'node:fs';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyDefinition } from '../../core/surveys/survey.ts';
import { surveyFromSheets, surveyToSheets } from '../../core/surveys/survey-table.ts';
import { auditEvents, surveyResponses, surveys } from '../db/schema/index.ts';
import { readWorkbook, writeWorkbook } from '../files/tabular.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

const SIPAS: SurveyDefinition = JSON.parse(
  readFileSync(new URL('../../reference/surveys/SIPAS-2023-2026.json', import.meta.url), 'utf8'),
);

let t: TestApp;
let coordinator: Session;
let communeCoordinator: Session;
beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signInAs(t, 'coordinator', '33');
  communeCoordinator = await signInAs(t, 'coordinator', '11953');
}, 120_000);
afterAll(() => t.close());

const xlsx = async (definition: SurveyDefinition) => writeWorkbook(surveyToSheets(definition));

/** PUT of one file (the harness's upload posts). */
async function putFile(session: Session, url: string, content: Buffer) {
  const boundary = '----chisosurvey';
  const reply = await t.app.inject({
    method: 'PUT',
    url,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="phieu.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  return { status: reply.statusCode, json: reply.json() };
}

async function actionsOn(id: number): Promise<string[]> {
  const rows = await t.database.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'survey'), eq(auditEvents.entityId, String(id))))
    .orderBy(auditEvents.seq);
  return rows.map((row) => row.action);
}

describe('questionnaire versions', () => {
  it('changes SIPAS only through a new revision: draft, edit, stale 409, publish retires the previous', async () => {
    const list = (await coordinator.request('GET', '/api/surveys')).json;
    const first = list.find((survey: { code: string }) => survey.code === 'SIPAS');
    expect(first).toMatchObject({ revision: 1, status: 'published', unconfirmedQuestions: 22 });

    // A paper form answered to revision 1 stays with it.
    const unitId = await unitIdByCode(t.database, '11953');
    const paper = await coordinator.request('POST', `/api/surveys/${first.id}/paper-forms`, {
      unitId,
      forms: [{ answers: { KENH: 1, 'DV1.1': 4 }, answeredOn: '2026-02-02' }],
    });
    expect(paper.status).toBe(201);

    // The published version is never edited in place.
    const inPlace = await coordinator.request('PUT', `/api/surveys/${first.id}`, {
      definition: SIPAS,
      version: 1,
    });
    expect(inPlace.status).toBe(409);
    expect(inPlace.json.error.message).toBe(
      'Phiên bản đã công bố hoặc đã ngừng dùng không sửa tại chỗ: hãy tạo phiên bản mới để sửa.',
    );

    const made = await coordinator.request('POST', `/api/surveys/${first.id}/revisions`);
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({
      code: 'SIPAS',
      revision: 2,
      status: 'draft',
      builtIn: false,
      version: 1,
    });
    expect(made.json.definition).toStrictEqual(SIPAS);
    const again = await coordinator.request('POST', `/api/surveys/${first.id}/revisions`);
    expect(again.status).toBe(409);
    expect(again.json.error.message).toBe(
      'Phiếu SIPAS đã có bản nháp (phiên bản 2): sửa bản nháp đó, hoặc xóa nó trước.',
    );
    expect((await communeCoordinator.request('POST', `/api/surveys/${first.id}/revisions`)).status).toBe(403);

    const draftId = made.json.id as number;
    const edited = structuredClone(SIPAS);
    (edited.questions[1] as { textVi: string }).textVi = 'Nơi làm thủ tục có chỉ dẫn rõ ràng';
    edited.questions.push({ code: 'HY.1', element: 'DV1', kind: 'scale5', textVi: 'Câu hỏi riêng của tỉnh' });
    const saved = await coordinator.request('PUT', `/api/surveys/${draftId}`, {
      definition: edited,
      version: 1,
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ version: 2, questions: SIPAS.questions.length + 1 });
    expect(saved.json.definition.questions[1].textVi).toBe('Nơi làm thủ tục có chỉ dẫn rõ ràng');

    const stale = await coordinator.request('PUT', `/api/surveys/${draftId}`, {
      definition: SIPAS,
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('VERSION_CONFLICT');
    expect(stale.json.error.details.current.version).toBe(2);
    expect(stale.json.error.details.current.record.definition.questions[1].textVi).toBe(
      'Nơi làm thủ tục có chỉ dẫn rõ ràng',
    );

    const renamed = await coordinator.request('PUT', `/api/surveys/${draftId}`, {
      definition: { ...edited, code: 'KHAC' },
      version: 2,
    });
    expect(renamed.status).toBe(400);
    expect(renamed.json.error.details.fields[0].path).toBe('code');

    // A draft saves half-written; publishing needs it whole.
    const backwards = structuredClone(edited);
    backwards.questions[0] = {
      ...(backwards.questions[0] as (typeof backwards.questions)[0]),
      condition: { question: 'GOPY', in: [1] },
    };
    expect(
      (await coordinator.request('PUT', `/api/surveys/${draftId}`, { definition: backwards, version: 2 }))
        .status,
    ).toBe(200);
    const invalid = await coordinator.request('POST', `/api/surveys/${draftId}/publish`, { version: 3 });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.details.fields).toEqual([
      { path: 'questions.0.condition', message: 'Điều kiện phải dựa vào một câu hỏi đứng trước (GOPY).' },
    ]);
    expect(
      (await coordinator.request('PUT', `/api/surveys/${draftId}`, { definition: edited, version: 3 }))
        .status,
    ).toBe(200);
    expect(
      (await coordinator.request('POST', `/api/surveys/${draftId}/publish`, { version: 3 })).status,
    ).toBe(409);
    const published = await coordinator.request('POST', `/api/surveys/${draftId}/publish`, { version: 4 });
    expect(published.status).toBe(200);
    expect(published.json).toMatchObject({ status: 'published', revision: 2 });
    expect(published.json.publishedAt).not.toBeNull();

    const versions = (await coordinator.request('GET', '/api/surveys')).json.filter(
      (survey: { code: string }) => survey.code === 'SIPAS',
    );
    expect(
      versions.map((survey: { revision: number; status: string }) => [survey.revision, survey.status]),
    ).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);
    const kept = await t.database.db
      .select({ surveyId: surveyResponses.surveyId })
      .from(surveyResponses)
      .where(eq(surveyResponses.unitId, unitId));
    expect(kept).toEqual([{ surveyId: first.id }]);
    // The retired revision takes no more answers.
    const late = await coordinator.request('POST', `/api/surveys/${first.id}/paper-forms`, {
      unitId,
      forms: [{ answers: { KENH: 1 }, answeredOn: '2026-02-03' }],
    });
    expect(late.status).toBe(409);
    expect(await actionsOn(draftId)).toEqual([
      'survey.revise',
      'survey.update',
      'survey.update',
      'survey.update',
      'survey.publish',
    ]);
    expect(await actionsOn(first.id)).toEqual(['survey.responses.record', 'survey.retire']);

    expect(
      (await coordinator.request('POST', `/api/surveys/${draftId}/publish`, { version: 5 })).status,
    ).toBe(409);
    const retired = await coordinator.request('POST', `/api/surveys/${draftId}/retire`);
    expect(retired.json).toMatchObject({ status: 'retired' });
    const twice = await coordinator.request('POST', `/api/surveys/${draftId}/retire`);
    expect(twice.status).toBe(409);
    expect(twice.json.error.message).toBe('Phiên bản này đã ngừng dùng.');
    // A revision can be made from any version, a retired one too.
    const fromOld = await coordinator.request('POST', `/api/surveys/${first.id}/revisions`);
    expect(fromOld.json).toMatchObject({ revision: 3, status: 'draft' });
    expect(fromOld.json.definition).toStrictEqual(SIPAS);
  });

  it('creates a province’s own survey from a workbook, all or nothing, and exchanges it as .xlsx', async () => {
    const own: SurveyDefinition = {
      ...SIPAS,
      code: 'HY_HAILONG',
      nameVi: 'Phiếu hài lòng của tỉnh',
      status: 'confirmed',
    };
    const broken = surveyToSheets(own);
    const questions = broken[0] as { rows: string[][] };
    (questions.rows[3] as string[])[2] = 'Thang điểm';
    const before = await t.database.db.select({ id: surveys.id }).from(surveys);
    const refused = await coordinator.upload(
      '/api/surveys/import',
      'phieu.xlsx',
      await writeWorkbook(broken),
    );
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('IMPORT_REJECTED');
    expect(refused.json.error.details.rows).toEqual([
      {
        row: 5,
        column: 'Câu hỏi › Loại',
        reason: 'Không rõ loại "Thang điểm" ("Thang 5 mức", "Có / Không", "Chọn một", "Ý kiến (chữ)").',
      },
    ]);
    expect(await t.database.db.select({ id: surveys.id }).from(surveys)).toHaveLength(before.length);
    expect(
      (await communeCoordinator.upload('/api/surveys/import', 'phieu.xlsx', await xlsx(own))).status,
    ).toBe(403);

    const created = await coordinator.upload('/api/surveys/import', 'phieu.xlsx', await xlsx(own));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ code: 'HY_HAILONG', revision: 1, status: 'draft', confirmed: true });
    expect(created.json.definition).toStrictEqual(own);
    const duplicate = await coordinator.upload('/api/surveys/import', 'phieu.xlsx', await xlsx(own));
    expect(duplicate.status).toBe(409);

    const id = created.json.id as number;
    const download = await coordinator.request('GET', `/api/surveys/${id}/xlsx`);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Phiếu khảo sát HY_HAILONG phiên bản 1.xlsx')}`,
    );
    const reply = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${id}/xlsx`,
      headers: { cookie: coordinator.cookie },
    });
    expect(surveyFromSheets(await readWorkbook(reply.rawPayload)).definition).toStrictEqual(own);

    const changed = { ...own, questions: own.questions.slice(0, 5) };
    const replaced = await putFile(coordinator, `/api/surveys/${id}/xlsx?version=1`, await xlsx(changed));
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({ version: 2, questions: 5 });
    const stale = await putFile(coordinator, `/api/surveys/${id}/xlsx?version=1`, await xlsx(changed));
    expect(stale.status).toBe(409);
    const other = await putFile(coordinator, `/api/surveys/${id}/xlsx?version=2`, await xlsx(SIPAS));
    expect(other.status).toBe(400);
    expect(other.json.error.details.rows).toEqual([
      {
        row: 2,
        column: 'Thông tin › Mã phiếu',
        reason: 'Tệp là của phiếu SIPAS, bản nháp là của phiếu HY_HAILONG.',
      },
    ]);
    expect((await coordinator.request('GET', `/api/surveys/${id}`)).json.definition.questions).toHaveLength(
      5,
    );

    const sipasId = (await coordinator.request('GET', '/api/surveys')).json.find(
      (survey: { code: string; status: string }) => survey.code === 'SIPAS' && survey.status === 'published',
    )?.id;
    if (sipasId)
      expect(
        (await putFile(coordinator, `/api/surveys/${sipasId}/xlsx?version=1`, await xlsx(SIPAS))).status,
      ).toBe(409);
    expect(await actionsOn(id)).toEqual(['survey.import', 'survey.update']);
  });

  it('deletes only a draft nobody answered', async () => {
    const created = await coordinator.upload(
      '/api/surveys/import',
      'phieu.xlsx',
      await xlsx({ ...SIPAS, code: 'HY_XOA' }),
    );
    const id = created.json.id as number;
    const unitId = await unitIdByCode(t.database, '11953');
    await t.database.db.insert(surveyResponses).values({
      surveyId: id,
      unitId,
      source: 'web',
      status: 'draft',
      answers: { KENH: 2 },
      answeredAt: new Date('2026-03-01T03:00:00Z'),
    });
    const answered = await coordinator.request('DELETE', `/api/surveys/${id}`);
    expect(answered.status).toBe(409);
    expect(answered.json.error.message).toBe('Bản nháp đã có 1 phiếu trả lời: không xóa được.');
    await t.database.db.delete(surveyResponses).where(eq(surveyResponses.surveyId, id));
    expect((await communeCoordinator.request('DELETE', `/api/surveys/${id}`)).status).toBe(403);
    expect((await coordinator.request('DELETE', `/api/surveys/${id}`)).status).toBe(204);
    expect(
      await t.database.db
        .select()
        .from(surveys)
        .where(inArray(surveys.id, [id])),
    ).toEqual([]);
    expect(await actionsOn(id)).toEqual(['survey.import', 'survey.delete']);

    const sipas = (await coordinator.request('GET', '/api/surveys')).json.find(
      (survey: { code: string; status: string }) => survey.status !== 'draft',
    );
    const kept = await coordinator.request('DELETE', `/api/surveys/${sipas.id}`);
    expect(kept.status).toBe(409);
    expect(kept.json.error.message).toBe(
      'Chỉ xóa được bản nháp: một phiên bản đã công bố được giữ lại cùng các câu trả lời.',
    );
  });
});
