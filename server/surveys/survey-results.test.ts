import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, dossierRollups } from '../db/schema/index.ts';
import { COMMUNE_A, COMMUNE_B, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { enterForms, publishSurvey, setDossiers } from './survey-fixtures.ts';

let t: TestApp;
let coordinator: Session;
let reporterA: Session;
let surveyId: number;
let province: number;
let a: number;
let b: number;
let ids: number[];
const PERIOD = '2025Q3';
const DAY = '2025-08-10';

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signInAs(t, 'coordinator', '33');
  reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
  province = await unitIdByCode(t.database, '33');
  a = await unitIdByCode(t.database, COMMUNE_A);
  b = await unitIdByCode(t.database, COMMUNE_B);
  surveyId = await publishSurvey(t, 'THU_KQ');
  await t.database.db
    .delete(dossierRollups)
    .where(and(inArray(dossierRollups.unitId, [a, b]), eq(dossierRollups.periodCode, PERIOD)));
  // A: q1 5 4 2 5 3, q2 4 2 2 5 4, q3 5 4 1 5 4 → 10 of 15 satisfied. B: 1 of 3 on each → 3 of 9.
  ({ ids } = await enterForms(
    reporterA,
    surveyId,
    a,
    [
      { q1: 5, q2: 4, q3: 5, gy: 'Cán bộ rất nhiệt tình' },
      { q1: 4, q2: 2, q3: 4 },
      { q1: 2, q2: 2, q3: 1, gy: 'Phải chờ lâu, cán bộ không hướng dẫn' },
      { q1: 5, q2: 5, q3: 5 },
      { q1: 3, q2: 4, q3: 4 },
    ],
    DAY,
  ));
  await enterForms(
    coordinator,
    surveyId,
    b,
    [
      { q1: 1, q2: 2, q3: 2 },
      { q1: 2, q2: 1, q3: 3 },
      { q1: 4, q2: 4, q3: 4, gy: 'Chỗ ngồi chật' },
    ],
    DAY,
  );
  await setDossiers(t, a, PERIOD, 100);
  await setDossiers(t, b, PERIOD, 300);
});

afterAll(async () => t.close());

const results = (session: Session, unitId?: number, period = PERIOD) =>
  session.request(
    'GET',
    `/api/surveys/${surveyId}/results?period=${period}${unitId ? `&unitId=${unitId}` : ''}`,
  );

describe('a unit’s results', () => {
  it('counts satisfied answers over answers, per element and question, with the sample behind each', async () => {
    const { status, json } = await results(coordinator, a);
    expect(status).toBe(200);
    expect(json.index.unweighted).toMatchObject({
      numerator: 10,
      denominator: 15,
      respondents: 5,
      rate: 66.67,
      enough: true,
    });
    expect(
      json.elements.map((e: any) => [e.nameVi, e.unweighted.numerator, e.unweighted.denominator]),
    ).toEqual([
      ['Tiếp cận', 6, 10],
      ['Công chức', 4, 5],
    ]);
    expect(json.questions.find((q: any) => q.code === 'q2')).toMatchObject({
      textVi: 'Biển chỉ dẫn rõ',
      distribution: { 2: 2, 4: 2, 5: 1 },
      unweighted: { numerator: 3, denominator: 5, rate: 60 },
    });
    expect(json.responses).toMatchObject({
      counted: 5,
      excluded: 0,
      bySource: { paper: 5, web: 0, import: 0 },
    });
    expect(json.unit.name).toBe('Phường Phố Hiến');
    expect(json.previousPeriod).toBe('2025Q2');
  });

  it('weighs the province’s figure by each commune’s dossiers, beside the unweighted one', async () => {
    const { json } = await results(coordinator, province);
    // Unweighted 13 of 24; weighted (100 × 2 + 300 × 1) / (100 × 3 + 300 × 3) = 500 / 1200.
    expect(json.index.unweighted.rate).toBe(54.17);
    expect(json.index.weighted.rate).toBe(41.67);
    expect(json.index.weighted.unweightedUnits).toEqual([]);
  });

  it('ranks the units below with their intervals, the weakest question first among the weakest', async () => {
    const { json } = await results(coordinator, province);
    const rows = json.units.filter((row: any) => [a, b].includes(row.unitId));
    expect(rows.map((row: any) => [row.name, row.rank, row.unweighted.rate])).toEqual([
      ['Phường Phố Hiến', 1, 66.67],
      [expect.any(String), 2, 33.33],
    ]);
    expect(rows[0].unweighted.low).toBeLessThan(66.67);
    expect(rows[0].unweighted.high).toBeGreaterThan(66.67);
    // q1: 4 of 8, q2: 4 of 8, q3: 5 of 8 → q1 then q2.
    expect(json.weakest.map((q: any) => [q.code, q.unweighted.rate])).toEqual([
      ['q1', 50],
      ['q2', 50],
      ['q3', 62.5],
    ]);
  });

  it('is read within the grants: a commune sees its own, not its neighbour’s', async () => {
    expect((await results(reporterA, b)).status).toBe(404);
    const own = await results(reporterA);
    expect(own.json.unit.id).toBe(a);
    const appraiser = await signInAs(t, 'appraiser', '33');
    expect((await results(appraiser, a)).status).toBe(403);
  });

  it('compares with the period asked for: the same quarter a year before', async () => {
    const { json } = await coordinator.request(
      'GET',
      `/api/surveys/${surveyId}/results?period=${PERIOD}&unitId=${a}&compare=2024Q3`,
    );
    expect(json.previousPeriod).toBe('2024Q3');
    expect(json.change.index).toBeNull();
    const bad = await coordinator.request(
      'GET',
      `/api/surveys/${surveyId}/results?period=${PERIOD}&compare=2025M07`,
    );
    expect(bad.status).toBe(400);
  });

  it('refuses a month or a bad period by name', async () => {
    const { status, json } = await results(coordinator, a, '2025M08');
    expect(status).toBe(400);
    expect(json.error.message).toContain('Kỳ không hợp lệ');
  });
});

describe('held-out responses', () => {
  it('leave the figures with the coordinator’s reason, are listed, and count again when restored', async () => {
    const third = ids[2] as number;
    expect(
      (await reporterA.request('PUT', `/api/survey-responses/${third}/exclusion`, { reason: 'x' })).status,
    ).toBe(403);
    const out = await coordinator.request('PUT', `/api/survey-responses/${third}/exclusion`, {
      reason: 'Phiếu ghi trùng với phiếu số 2',
    });
    expect(out.status).toBe(200);
    const { json } = await results(coordinator, a);
    expect(json.index.unweighted).toMatchObject({ numerator: 10, denominator: 12, respondents: 4 });
    expect(json.responses.excludedByReason).toEqual([{ reason: 'Phiếu ghi trùng với phiếu số 2', count: 1 }]);
    const listed = await coordinator.request(
      'GET',
      `/api/surveys/${surveyId}/excluded?period=${PERIOD}&unitId=${a}`,
    );
    expect(listed.json.items).toEqual([
      expect.objectContaining({
        responseId: third,
        reasonText: { vi: 'Phiếu ghi trùng với phiếu số 2', en: 'Phiếu ghi trùng với phiếu số 2' },
      }),
    ]);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'survey.response.exclude'));
    expect(events.map((event) => event.entityId)).toContain(String(third));
    await coordinator.request('PUT', `/api/survey-responses/${third}/exclusion`, { reason: null });
    expect((await results(coordinator, a)).json.index.unweighted.respondents).toBe(5);
  });
});

describe('comments', () => {
  it('are found without diacritics, by element, with the unit’s answer', async () => {
    const found = await coordinator.request(
      'GET',
      `/api/surveys/${surveyId}/comments?period=${PERIOD}&q=cho lau`,
    );
    expect(found.json.items.map((item: any) => item.text)).toEqual(['Phải chờ lâu, cán bộ không hướng dẫn']);
    const item = found.json.items[0];
    const reply = await reporterA.request('PUT', `/api/survey-responses/${item.responseId}/replies/gy`, {
      text: 'Đã bố trí thêm một cán bộ hướng dẫn từ tháng 9/2025.',
      version: 0,
    });
    expect(reply.json).toEqual({ version: 1 });
    const stale = await reporterA.request('PUT', `/api/survey-responses/${item.responseId}/replies/gy`, {
      text: 'Khác',
      version: 0,
    });
    expect(stale.status).toBe(409);
    const again = await coordinator.request(
      'GET',
      `/api/surveys/${surveyId}/comments?period=${PERIOD}&q=bo tri them`,
    );
    expect(again.json.items[0].reply).toMatchObject({
      text: 'Đã bố trí thêm một cán bộ hướng dẫn từ tháng 9/2025.',
      version: 1,
    });
    const ofB = await coordinator.request(
      'GET',
      `/api/surveys/${surveyId}/comments?period=${PERIOD}&unitId=${b}&element=B`,
    );
    expect(ofB.json.items.map((i: any) => i.text)).toEqual(['Chỗ ngồi chật']);
    // Commune A cannot answer commune B's citizens.
    const other = await reporterA.request(
      'PUT',
      `/api/survey-responses/${ofB.json.items[0].responseId}/replies/gy`,
      {
        text: 'x',
        version: 0,
      },
    );
    expect(other.status).toBe(404);
  });
});

describe('exports', () => {
  it('give the results as numbers in a workbook with the method written out', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${surveyId}/results.xlsx?period=${PERIOD}&unitId=${province}`,
      headers: { cookie: coordinator.cookie },
    });
    expect(response.statusCode).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const summary = workbook.getWorksheet('Tổng hợp');
    expect(summary?.getRow(1).getCell(5).value).toBe('Tỷ lệ hài lòng (%)');
    expect(summary?.getRow(2).getCell(1).value).toBe('Chỉ số chung');
    expect(summary?.getRow(2).getCell(5).value).toBe(54.17);
    expect(summary?.getRow(2).getCell(9).value).toBe(41.67);
    const method = workbook.getWorksheet('Phương pháp');
    const texts = method?.getColumn(2).values.map(String).join(' ') ?? '';
    expect(texts).toContain('gia trọng theo số hồ sơ');
  });

  it('give the raw responses anonymised as CSV', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${surveyId}/responses.csv?period=${PERIOD}&unitId=${a}`,
      headers: { cookie: coordinator.cookie },
    });
    const lines = response.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe(
      'STT,Mã đơn vị,Đơn vị,Đơn vị hiện nay,Ngày,Nguồn,Kênh nộp hồ sơ,Mã thủ tục,Bị loại vì,q1,q2,q3,gy',
    );
    expect(lines).toHaveLength(6);
    expect(lines[1]).toBe(
      `1,${COMMUNE_A},Phường Phố Hiến,Phường Phố Hiến,2025-08-10,Phiếu giấy,,,,5,4,5,Cán bộ rất nhiệt tình`,
    );
  });
});

describe('through a merger', () => {
  it('two communes’ responses count under the commune they merged into', async () => {
    const admin = await signInAs(t, 'admin', null);
    const create = async (name: string, validFrom: string) => {
      const created = await admin.request('POST', '/api/units', {
        name,
        type: 'commune',
        parentId: province,
        validFrom,
      });
      if (created.status !== 201) throw new Error(`${created.status} ${created.body}`);
      return created.json as { id: number; version: number };
    };
    const x = await create('Xã Thử Đông', '01/01/2025');
    const y = await create('Xã Thử Tây', '01/01/2025');
    await enterForms(
      coordinator,
      surveyId,
      x.id,
      [
        { q1: 5, q2: 5, q3: 5 },
        { q1: 4, q2: 4, q3: 4 },
      ],
      DAY,
    );
    await enterForms(
      coordinator,
      surveyId,
      y.id,
      [
        { q1: 1, q2: 1, q3: 1 },
        { q1: 2, q2: 2, q3: 2 },
      ],
      DAY,
    );
    const z = await create('Xã Thử Chung', '01/10/2025');
    for (const closed of [x, y]) {
      const done = await admin.request('POST', `/api/units/${closed.id}/close`, {
        validTo: '30/09/2025',
        successorIds: [z.id],
        kind: 'merge',
        reason: 'Sáp nhập',
        version: closed.version,
      });
      if (done.status !== 200) throw new Error(`close: ${done.status} ${done.body}`);
    }
    const merged = await results(coordinator, z.id);
    expect(merged.json.index.unweighted).toMatchObject({
      numerator: 6,
      denominator: 12,
      respondents: 4,
      rate: 50,
    });
    const { json } = await results(coordinator, province);
    expect(json.units.find((row: any) => row.unitId === z.id)).toMatchObject({
      name: 'Xã Thử Chung',
      unweighted: { respondents: 4 },
    });
    expect(json.units.some((row: any) => row.unitId === x.id)).toBe(false);
    expect(json.index.unweighted.respondents).toBe(12);
  });
});
