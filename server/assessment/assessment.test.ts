import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framework } from '../../core/frameworks/framework.ts';
import { walkCriteria } from '../../core/frameworks/framework.ts';
import { buildRound, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

const DEMO: Framework = JSON.parse(
  readFileSync(new URL('../../reference/demo/framework-communes.json', import.meta.url), 'utf8'),
);
const LEAVES = walkCriteria(DEMO.criteria)
  .map((entry) => entry.criterion)
  .filter((criterion) => !criterion.children?.length);

let t: TestApp;
let coordinator: Session;
let appraiser: Session;
let reporter: Session;
let otherReporter: Session;
let provinceId: number;
let communeId: number;
let frameworkId: number;

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signInAs(t, 'coordinator', '33');
  appraiser = await signInAs(t, 'appraiser', '33');
  reporter = await signInAs(t, 'unit_reporter', '11953');
  otherReporter = await signInAs(t, 'unit_reporter', '12619');
  provinceId = await unitIdByCode(t.database, '33');
  communeId = await unitIdByCode(t.database, '11953');
  // The demo commune framework, found here so a test that needs it does not depend on another having run.
  frameworkId = (await coordinator.request('GET', '/api/frameworks')).json.find(
    (framework: { code: string }) => framework.code === 'HY_CCHC_XA',
  ).id;
});
afterAll(() => t.close());

/** The version of a criterion's entries as the coordinator reads it now (0: never saved). */
async function scoreVersion(roundId: number, code: string): Promise<number> {
  const sheet = (await coordinator.request('GET', `/api/rounds/${roundId}/units/${communeId}`)).json;
  return sheet.criteria?.find((criterion: { code: string }) => criterion.code === code)?.version ?? 0;
}

const FUTURE = {
  self: '30/06/2099',
  appraisal1: '31/07/2099',
  explanation: '15/08/2099',
  appraisal2: '31/08/2099',
  final: '30/09/2099',
};

describe('frameworks as data', () => {
  it('lists the shipped national frameworks and the demo commune framework', async () => {
    const { status, json } = await coordinator.request('GET', '/api/frameworks');
    expect(status).toBe(200);
    const codes = json.map((framework: { code: string }) => framework.code);
    expect(codes).toEqual(
      expect.arrayContaining(['PAPI', 'PAR_INDEX', 'SIPAS', 'DTI', 'PCI', 'SERVICE_766', 'HY_CCHC_XA']),
    );
    const demo = json.find((framework: { code: string }) => framework.code === 'HY_CCHC_XA');
    expect(demo).toMatchObject({ maximum: 100, builtIn: false, criteria: 8 + LEAVES.length });
    frameworkId = demo.id;
    const par = json.find((framework: { code: string }) => framework.code === 'PAR_INDEX');
    expect(par).toMatchObject({ status: 'unconfirmed', maximum: null });
  });

  it('takes a province’s own framework, refusing one whose points do not add up, naming the criterion', async () => {
    const broken = structuredClone(DEMO);
    broken.code = 'HY_SO';
    const first = broken.criteria[0];
    if (first) first.maxPoints = 15;
    const refused = await coordinator.request('POST', '/api/frameworks', broken);
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.fields.map((field: { path: string }) => field.path)).toContain('XA.1');
    const fixed = { ...structuredClone(DEMO), code: 'HY_SO', nameVi: 'Bộ chỉ số CCHC các sở' };
    expect((await coordinator.request('POST', '/api/frameworks', fixed)).status).toBe(201);
    expect((await coordinator.request('POST', '/api/frameworks', fixed)).status).toBe(409);
    expect((await reporter.request('POST', '/api/frameworks', fixed)).status).toBe(403);
  });
});

describe('a round, from self-assessment to the published ranking', () => {
  let roundId: number;
  let version: number;
  const score = async (session: Session, code: string, body: object) =>
    session.request('PATCH', `/api/rounds/${roundId}/units/${communeId}/scores/${code}`, {
      version: await scoreVersion(roundId, code),
      ...body,
    });
  const advance = async () => {
    // The 2099 deadlines are far off: every move is against the schedule and gives its reason.
    const response = await coordinator.request('POST', `/api/rounds/${roundId}/advance`, {
      version,
      reason: 'Theo kế hoạch của UBND tỉnh',
    });
    expect(response.status).toBe(200);
    version = response.json.version;
    return response.json;
  };

  it('one round’s story: opened, self-assessed, appraised, explained, adjusted, published, then compared with the year before', async () => {
    // The coordinator opens a round for every commune of the province.
    const unconfirmed = (await coordinator.request('GET', '/api/frameworks')).json.find(
      (framework: { code: string }) => framework.code === 'PAR_INDEX',
    );
    const refused = await coordinator.request('POST', '/api/rounds', {
      frameworkId: unconfirmed.id,
      ownerUnitId: provinceId,
      name: 'Thử',
      year: 2026,
      unitType: 'commune',
      deadlines: FUTURE,
    });
    expect(refused.status).toBe(400);
    // A framework applies to its own years only (the demo's: from 2025 on).
    const tooEarly = await coordinator.request('POST', '/api/rounds', {
      frameworkId,
      ownerUnitId: provinceId,
      name: 'Thử',
      year: 2024,
      unitType: 'commune',
      deadlines: FUTURE,
    });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.json.error.details.fields).toEqual([
      {
        path: 'year',
        message:
          'Khung “Bộ chỉ số cải cách hành chính cấp xã tỉnh Hưng Yên (minh họa)” áp dụng từ năm 2025: không dùng cho đợt đánh giá năm 2024.',
      },
    ]);
    const backwards = await coordinator.request('POST', '/api/rounds', {
      frameworkId,
      ownerUnitId: provinceId,
      name: 'Thử',
      year: 2026,
      unitType: 'commune',
      deadlines: { ...FUTURE, appraisal1: '01/01/2099' },
    });
    expect(backwards.json.error.details.fields[0].path).toBe('deadlines.appraisal1');
    const response = await coordinator.request('POST', '/api/rounds', {
      frameworkId,
      ownerUnitId: provinceId,
      name: 'Đánh giá CCHC cấp xã năm 2026',
      year: 2026,
      unitType: 'commune',
      deadlines: FUTURE,
      bonusCap: 3,
      penaltyCap: 5,
    });
    expect(response.status).toBe(201);
    roundId = response.json.id;
    version = response.json.version;
    expect(response.json).toMatchObject({ stage: 'self', leafCount: LEAVES.length, maximum: 100 });
    expect(response.json.units).toHaveLength(104);
    // A commune sees the round, and only itself in it.
    const mine = await reporter.request('GET', `/api/rounds/${roundId}`);
    expect(mine.json.units.map((unit: { unitId: number }) => unit.unitId)).toEqual([communeId]);
    expect((await reporter.request('POST', '/api/rounds', {})).status).toBe(403);

    // The commune scores itself within each maximum; no one else may.
    expect(
      (await score(reporter, 'XA.1.1', { selfScore: 3, selfComment: 'Ban hành ngày 10/01' })).status,
    ).toBe(200);
    const over = await score(reporter, 'XA.1.1', { selfScore: 5 });
    expect(over.status).toBe(400);
    expect(over.json.error.message).toContain('tối đa');
    // Another commune's criterion is as unknown to it as that commune's sheet.
    expect((await score(otherReporter, 'XA.1.1', { selfScore: 1 })).status).toBe(404);
    expect((await score(appraiser, 'XA.1.1', { appraisedScore: 1, appraisalReason: 'x' })).status).toBe(403);
    expect((await score(reporter, 'XA.9.9', { selfScore: 1 })).status).toBe(400);

    // Refuses to send an incomplete self-assessment, naming what is missing, then takes it complete.
    const incomplete = await reporter.request('POST', `/api/rounds/${roundId}/units/${communeId}/submit`);
    expect(incomplete.status).toBe(400);
    const paths = incomplete.json.error.details.fields.map((field: { path: string }) => field.path);
    expect(paths).toContain('XA.2.1');
    // XA.1.1 is scored but has no evidence yet.
    expect(incomplete.json.error.details.fields).toContainEqual({
      path: 'XA.1.1',
      message: 'Thiếu tài liệu kiểm chứng.',
    });
    for (const leaf of LEAVES) {
      const full = leaf.code === 'XA.3.2' ? 8 : (leaf.maxPoints ?? 0);
      expect((await score(reporter, leaf.code, { selfScore: full })).status).toBe(200);
      if (leaf.evidenceRequired) {
        const url = `/api/rounds/${roundId}/units/${communeId}/scores/${leaf.code}/evidence`;
        expect(
          (await reporter.upload(url, `${leaf.code}.pdf`, Buffer.from(`%PDF-1.7 ${leaf.code}`))).status,
        ).toBe(201);
      }
    }
    const script = await reporter.upload(
      `/api/rounds/${roundId}/units/${communeId}/scores/XA.1.1/evidence`,
      'x.html',
      Buffer.from('<script>'),
    );
    expect(script.json.error.code).toBe('UNSUPPORTED_FILE');
    const sent = await reporter.request('POST', `/api/rounds/${roundId}/units/${communeId}/submit`);
    expect(sent.status).toBe(200);
    expect(sent.json).toMatchObject({ total: 100, percent: 100, band: 'Tốt' });
    expect(sent.json.selfSubmittedAt).not.toBeNull();

    // In appraisal the unit’s inputs are locked; the council appraises with reasons or returns a criterion.
    expect((await advance()).stage).toBe('appraisal1');
    expect((await score(reporter, 'XA.1.1', { selfScore: 2 })).status).toBe(403);
    expect((await score(appraiser, 'XA.1.1', { appraisedScore: 3 })).status).toBe(200);
    const noReason = await score(appraiser, 'XA.1.2', { appraisedScore: 2 });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.details.fields[0].path).toBe('appraisalReason');
    expect(
      (
        await score(appraiser, 'XA.1.2', {
          appraisedScore: 2,
          appraisalReason: 'Kế hoạch thiếu nội dung số hóa',
        })
      ).status,
    ).toBe(200);
    expect(
      (await score(appraiser, 'XA.3.2', { returnedReason: 'Số liệu hồ sơ đúng hạn không khớp hệ thống' }))
        .status,
    ).toBe(200);

    // The unit explains only what was returned; the council decides in the second appraisal.
    expect((await advance()).stage).toBe('explanation');
    expect((await score(reporter, 'XA.1.2', { explanation: 'Xin xem lại' })).status).toBe(403);
    const explained = await score(reporter, 'XA.3.2', {
      explanation: 'Số liệu lấy từ Hệ thống thông tin giải quyết TTHC ngày 31/12',
      selfScore: 7,
    });
    expect(explained.status).toBe(200);
    expect((await advance()).stage).toBe('appraisal2');
    expect(
      (await score(appraiser, 'XA.3.2', { appraisedScore: 6, appraisalReason: 'Chấp nhận một phần' })).status,
    ).toBe(200);
    expect((await score(appraiser, 'XA.3.3', { returnedReason: 'x' })).status).toBe(403);

    // The coordinator adds bonus and penalty points within the caps, with a reason.
    expect((await advance()).stage).toBe('final');
    const url = `/api/rounds/${roundId}/units/${communeId}/adjustments`;
    const totalNow = async () =>
      (await coordinator.request('GET', `/api/rounds/${roundId}/results`)).json.units.find(
        (unit: { unitId: number }) => unit.unitId === communeId,
      ).total;
    // Read (and cached) before the adjustment, read again after it: the change shows at once.
    expect(await totalNow()).toBe(96);
    expect(
      (await coordinator.request('PUT', url, { bonus: 5, penalty: 0, reason: 'Sáng kiến' })).status,
    ).toBe(400);
    expect((await coordinator.request('PUT', url, { bonus: 2, penalty: 0 })).status).toBe(400);
    const adjusted = await coordinator.request('PUT', url, {
      bonus: 2,
      penalty: 1,
      reason: 'Sáng kiến CCHC cấp tỉnh; chậm báo cáo quý',
    });
    expect(adjusted.status).toBe(200);
    // 100 − 2 (XA.1.2: 2 of 4) − 2 (XA.3.2: 6 of 8) + 2 − 1.
    expect(adjusted.json.total).toBe(97);
    expect(await totalNow()).toBe(97);
    expect((await reporter.request('GET', `/api/rounds/${roundId}/results`)).status).toBe(403);

    // Publishes the ranking with bands, ranks with ties and the points lost.
    expect((await advance()).stage).toBe('published');
    const { status, json } = await reporter.request('GET', `/api/rounds/${roundId}/results`);
    expect(status).toBe(200);
    const first = json.units[0];
    expect(first).toMatchObject({ unitId: communeId, total: 97, rank: 1, band: 'Tốt', bonus: 2, penalty: 1 });
    expect(first.gaps.map((gap: { code: string; lost: number }) => [gap.code, gap.lost])).toEqual([
      ['XA.1.2', 2],
      ['XA.3.2', 2],
    ]);
    // Every other commune never submitted: left out, with no score, band or rank, and not averaged.
    expect(json.units[1]).toMatchObject({ participating: false, total: null, rank: null, band: null });
    expect(json.units.at(-1).rank).toBeNull();
    expect(json.participating).toBe(1);
    expect(json.average['XA.1']).toBe(first.areas['XA.1']);
    expect(
      (await coordinator.request('POST', `/api/rounds/${roundId}/advance`, { version, reason: 'x' })).status,
    ).toBe(409);

    const exported = await t.app.inject({
      method: 'GET',
      url: `/api/rounds/${roundId}/results/export?format=xlsx`,
      headers: { cookie: coordinator.cookie },
    });
    expect(exported.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(2).value).toBe('Đơn vị');
    expect(sheet?.getRow(2).values).toEqual(expect.arrayContaining(['1', 'Phường Phố Hiến', '97', 'Tốt']));
    const audit = await t.database.pool.query(
      "select count(*)::int as n from audit_events where action like 'round.score.%' and entity_id like $1",
      [`${roundId}/${communeId}/%`],
    );
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(LEAVES.length + 5);

    // Shows each unit’s change since the last published round of the same index.
    const earlier = await coordinator.request('POST', '/api/rounds', {
      frameworkId,
      ownerUnitId: provinceId,
      name: 'Đánh giá CCHC cấp xã năm 2025',
      year: 2025,
      unitIds: [communeId],
      deadlines: FUTURE,
    });
    let earlierVersion = earlier.json.version;
    const scoreUrl = `/api/rounds/${earlier.json.id}/units/${communeId}/scores/XA.1.1`;
    expect((await reporter.request('PATCH', scoreUrl, { selfScore: 3, version: 0 })).status).toBe(200);
    // Sent as it stands (a unit that never sent its sheet has no result to compare with).
    await t.database.pool.query('update round_units set self_submitted_at = now() where round_id = $1', [
      earlier.json.id,
    ]);
    for (let step = 0; step < 5; step++) {
      const moved = await coordinator.request('POST', `/api/rounds/${earlier.json.id}/advance`, {
        version: earlierVersion,
        reason: 'Đợt năm trước',
      });
      earlierVersion = moved.json.version;
    }
    const { json: compared } = await reporter.request('GET', `/api/rounds/${roundId}/results`);
    expect(compared.previousRound).toMatchObject({ id: earlier.json.id, year: 2025 });
    expect(compared.units.find((unit: { unitId: number }) => unit.unitId === communeId).change).toBe(94);
    // A commune that was in no earlier round has nothing to compare with.
    expect(compared.units.find((unit: { unitId: number }) => unit.unitId !== communeId).change).toBeNull();
  });

  it('a stage whose deadline has passed is locked, until the coordinator extends it', async () => {
    const response = await coordinator.request('POST', '/api/rounds', {
      frameworkId,
      ownerUnitId: provinceId,
      name: 'Đợt đã quá hạn',
      year: 2025,
      unitIds: [communeId],
      deadlines: { ...FUTURE, self: '01/01/2020' },
    });
    const late = response.json;
    const url = `/api/rounds/${late.id}/units/${communeId}/scores/XA.1.1`;
    const locked = await reporter.request('PATCH', url, { selfScore: 1, version: 0 });
    expect(locked.status).toBe(403);
    expect(locked.json.error.message).toContain('hết hạn');
    const extended = await coordinator.request('PATCH', `/api/rounds/${late.id}`, {
      deadlines: { self: '31/12/2099' },
      version: late.version,
    });
    expect(extended.status).toBe(200);
    expect((await reporter.request('PATCH', url, { selfScore: 1, version: 0 })).status).toBe(200);
  });
});

describe('frameworks in spreadsheets, and edits', () => {
  it('exports a framework’s criteria and imports them back as a new framework', async () => {
    const exported = await t.app.inject({
      method: 'GET',
      url: `/api/frameworks/${frameworkId}/export?format=xlsx`,
      headers: { cookie: coordinator.cookie },
    });
    expect(exported.statusCode).toBe(200);
    const imported = await coordinator.upload(
      '/api/frameworks/import?code=HY_CCHC_XA_COPY&nameVi=B%E1%BA%A3n%20sao&fromYear=2027',
      'khung.xlsx',
      exported.rawPayload,
    );
    expect(imported.status).toBe(201);
    expect(imported.json.definition.criteria).toEqual(
      DEMO.criteria.map((area) => expect.objectContaining({ code: area.code, maxPoints: area.maxPoints })),
    );
    // The remediation texts travel through the sheet's four columns.
    expect(imported.json.definition.criteria[2].children[2].remediation).toEqual({
      fullMarks:
        '100% hồ sơ quá hạn do lỗi của cơ quan giải quyết có văn bản xin lỗi gửi người nộp trước ngày hẹn trả, nêu rõ lý do và thời hạn trả kết quả mới, chỉ hẹn lại một lần.',
      action:
        'Gửi văn bản xin lỗi và hẹn lại ngày trả kết quả đối với 100% hồ sơ quá hạn do lỗi của cơ quan giải quyết, nêu rõ lý do và thời hạn trả mới; theo dõi việc trả kết quả đúng lần hẹn lại.',
      lead: 'Trung tâm Phục vụ hành chính công',
      support: ['Văn phòng HĐND và UBND', 'Phòng Kinh tế', 'Phòng Văn hóa - Xã hội'],
    });
  });

  it('refuses a spreadsheet with bad rows, naming row, column and reason, writing nothing', async () => {
    const csv = Buffer.from('Mã tiêu chí,Tên tiêu chí,Điểm tối đa\nA.1,Lĩnh vực,10\nA.1.1,,abc\n');
    const before = (await coordinator.request('GET', '/api/frameworks')).json.length;
    const refused = await coordinator.upload(
      '/api/frameworks/import?code=HY_BAD&nameVi=X&fromYear=2027',
      'khung.csv',
      csv,
    );
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.rows).toEqual([
      { row: 3, column: 'Tên tiêu chí', reason: 'Tên tiêu chí không được trống.' },
      { row: 3, column: 'Điểm tối đa', reason: '"abc" không phải số điểm hợp lệ.' },
    ]);
    expect((await coordinator.request('GET', '/api/frameworks')).json.length).toBe(before);
  });

  it('completes the unconfirmed PAR INDEX template, and refuses to edit a framework a round already uses', async () => {
    const list = (await coordinator.request('GET', '/api/frameworks')).json;
    const par = list.find((framework: { code: string }) => framework.code === 'PAR_INDEX');
    const { json: current } = await coordinator.request('GET', `/api/frameworks/${par.id}`);
    const definition = structuredClone(current.definition) as Framework;
    for (const area of definition.criteria) area.maxPoints = 12.5;
    definition.status = 'confirmed';
    const saved = await coordinator.request('PUT', `/api/frameworks/${par.id}`, {
      definition,
      version: current.version,
    });
    expect(saved.status).toBe(200);
    const after = (await coordinator.request('GET', '/api/frameworks')).json.find(
      (framework: { code: string }) => framework.code === 'PAR_INDEX',
    );
    expect(after).toMatchObject({ maximum: 100, status: 'confirmed' });
    // Edited field by field as the framework dialog does, the rest of each criterion is kept.
    const { json: reread } = await coordinator.request('GET', `/api/frameworks/${par.id}`);
    expect(reread.definition.criteria[2].remediation).toEqual(current.definition.criteria[2].remediation);
    expect(reread.definition.criteria[2].remediation.lead).toBe('Văn phòng UBND tỉnh');
    expect(
      (
        await coordinator.request('PUT', `/api/frameworks/${par.id}`, {
          definition,
          version: current.version,
        })
      ).status,
    ).toBe(409);
    // A round of its own uses the demo framework, whatever other tests did.
    await buildRound(t, { coordinator });
    const { json: used } = await coordinator.request('GET', `/api/frameworks/${frameworkId}`);
    const inUse = await coordinator.request('PUT', `/api/frameworks/${frameworkId}`, {
      definition: used.definition,
      version: used.version,
    });
    expect(inUse.status).toBe(409);
    expect(inUse.json.error.message).toContain('phiên bản mới');
  });
});
