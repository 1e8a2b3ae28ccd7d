import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dhis2DataValueSetSchema } from '../../core/national/national-views.ts';
import { fixedClock } from '../clock.ts';
import { bumpDataVersion } from '../db/read-cache.ts';
import { signInAs } from '../test/factories.ts';
import { FIXTURE_NOW, insertFederationFixture } from '../test/federation-fixture.ts';
import { createTestApp, type Session, type TestApp } from '../test/harness.ts';

let t: TestApp;
let leader: Session;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp({ now: fixedClock(FIXTURE_NOW) });
  await insertFederationFixture(t.database.db);
  bumpDataVersion();
  leader = await signInAs(t, 'leader', '33');
  admin = await signInAs(t, 'admin', null);
});
afterAll(async () => {
  await t?.close();
});

const pct = (numerator: number, denominator: number) => (numerator / denominator) * 100;

describe('who reads the national view', () => {
  it('needs national.read at the root: a commune’s coordinator or leader gets 403, a root leader 200', async () => {
    const urls = [
      '/api/national/dashboard',
      '/api/national/ranking?indicator=DOSSIER_ON_TIME',
      '/api/national/provinces/33',
      '/api/national/dhis2/data-value-sets?period=2026Q1',
    ];
    const communeCoordinator = await signInAs(t, 'coordinator', '11953');
    const communeLeader = await signInAs(t, 'leader', '11953');
    const reporter = await signInAs(t, 'unit_reporter', '33');
    const rootCoordinator = await signInAs(t, 'coordinator', '33');
    for (const url of urls) {
      expect((await communeCoordinator.request('GET', url)).status, url).toBe(403);
      expect((await communeLeader.request('GET', url)).status, url).toBe(403);
      expect((await reporter.request('GET', url)).status, url).toBe(403);
      expect((await leader.request('GET', url)).status, url).toBe(200);
      expect((await rootCoordinator.request('GET', url)).status, url).toBe(200);
      expect((await admin.request('GET', url)).status, url).toBe(200);
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
    const refused = await communeCoordinator.request('GET', '/api/national/dashboard');
    expect(refused.json.error.message).toMatch(/cấp cao nhất/);
  });

  it('says who may see the menu entry: national.read at the root only', async () => {
    const communeCoordinator = await signInAs(t, 'coordinator', '11953');
    const mine = await communeCoordinator.request('GET', '/api/auth/me');
    expect(mine.json.user.permissions).toContain('national.read');
    expect(mine.json.user.installationPermissions).not.toContain('national.read');
    const root = await leader.request('GET', '/api/auth/me');
    expect(root.json.user.installationPermissions).toContain('national.read');
  });
});

describe('the API document', () => {
  it('describes the national routes with their response shapes', async () => {
    const reply = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    const paths = reply.json().paths;
    for (const path of [
      '/api/national/dashboard',
      '/api/national/ranking',
      '/api/national/provinces/{code}',
      '/api/national/dhis2/data-value-sets',
    ])
      expect(paths[path]?.get?.responses?.['200']?.content?.['application/json']?.schema, path).toBeDefined();
  });
});

describe('the national dashboard', () => {
  it('puts the provinces side by side on the newest quarter with data, with ranks, ties and totals', async () => {
    const reply = await leader.request('GET', '/api/national/dashboard');
    expect(reply.status).toBe(200);
    const body = reply.json;
    expect(body.instance).toBe('national');
    expect(body.period).toBe('2026Q1');
    expect(body.periods).toEqual(['2026Q1', '2026S1', '2026', '2025Q4', '2025S2', '2025']);
    expect(body.now).toBe(FIXTURE_NOW);
    expect(body.indicators).toHaveLength(17);
    const byCode = Object.fromEntries(body.provinces.map((p: { code: string }) => [p.code, p]));
    expect(body.provinces.map((p: { code: string; name: string }) => `${p.code} ${p.name}`)).toEqual([
      '01 Thành phố Hà Nội',
      '33 Tỉnh Hưng Yên',
      '48 Thành phố Đà Nẵng',
    ]);
    // Freshness: Hưng Yên recomputed 5 minutes ago; Hà Nội 3 hours ago, so out of date.
    expect(byCode['33'].freshness).toEqual({
      refreshedAt: '2026-04-20T08:55:00.000Z',
      heartbeatAt: '2026-04-20T08:59:00.000Z',
      asOf: '2026-04-20T08:55:00.000Z',
      isStale: false,
    });
    expect(byCode['01'].freshness.isStale).toBe(true);
    expect(byCode['48'].freshness.isStale).toBe(false);

    const figure = (code: string, indicator: string) => byCode[code].figures[indicator];
    expect(figure('33', 'DOSSIER_ON_TIME')).toEqual({
      numerator: 435,
      denominator: 485,
      value: pct(435, 485),
      rank: 2,
      unranked: null,
    });
    expect(figure('01', 'DOSSIER_ON_TIME')).toEqual({
      numerator: 930,
      denominator: 1000,
      value: 93,
      rank: 1,
      unranked: null,
    });
    // Đà Nẵng finished nothing: no rate, not ranked, and said so.
    expect(figure('48', 'DOSSIER_ON_TIME')).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
      rank: null,
      unranked: 'no_denominator',
    });
    // Lower is better for the late rate: Hà Nội's 7 % before Hưng Yên's 50/485.
    expect([figure('01', 'DOSSIER_LATE_RATE').rank, figure('33', 'DOSSIER_LATE_RATE').rank]).toEqual([1, 2]);
    expect(
      ['01', '33', '48'].map((code) => [
        figure(code, 'DOSSIER_RECEIVED').value,
        figure(code, 'DOSSIER_RECEIVED').rank,
      ]),
    ).toEqual([
      [1500, 1],
      [515, 2],
      [12, 3],
    ]);
    // Reports on time: Đà Nẵng 1/1 first; Hưng Yên 4/6 and Hà Nội 2/3 tie for second.
    expect(['48', '33', '01'].map((code) => figure(code, 'REPORTS_ON_TIME').rank)).toEqual([1, 2, 2]);
    expect(byCode['33'].completeness).toEqual({ expected: 6, sent: 5, onTime: 4 });
    expect(byCode['01'].completeness).toEqual({ expected: 3, sent: 2, onTime: 2 });
    expect(figure('33', 'FEEDBACK_CLOSED_ON_TIME')).toMatchObject({
      numerator: 6,
      denominator: 8,
      value: 75,
      rank: 2,
    });
    expect(figure('48', 'FEEDBACK_CLOSED_ON_TIME').unranked).toBe('no_denominator');
    expect(['01', '33', '48'].map((code) => figure(code, 'SURVEY_SATISFIED').value)).toEqual([90, 85, 80]);
    // The index from the answers' scores: 855/900, 1 440/1 800, 300/400.
    expect(['01', '33', '48'].map((code) => figure(code, 'SURVEY_SATISFACTION_INDEX').value)).toEqual([
      95, 80, 75,
    ]);
    expect(figure('33', 'PLAN_TASKS_DONE')).toMatchObject({
      numerator: 12,
      denominator: 16,
      value: 75,
      rank: 1,
    });
    expect(figure('01', 'PLAN_TASKS_DONE').rank).toBeNull();
    expect(figure('33', 'ASSESSMENT_SCORE')).toMatchObject({
      numerator: 152.5,
      denominator: 200,
      value: 76.25,
    });

    // The nation: counters summed, never the provinces' rates averaged.
    expect(body.national.provinces).toBe(3);
    expect(body.national.figures.DOSSIER_ON_TIME).toEqual({
      numerator: 1365,
      denominator: 1485,
      value: pct(1365, 1485),
    });
    expect(body.national.figures.DOSSIER_RECEIVED.value).toBe(2027);
    expect(body.national.completeness).toEqual({ expected: 10, sent: 8, onTime: 7 });
  });

  it('reads a year as its quarters, and refuses a month', async () => {
    const year2025 = await leader.request('GET', '/api/national/dashboard?period=2025');
    const hungYen = year2025.json.provinces.find((p: { code: string }) => p.code === '33');
    expect(hungYen.figures.DOSSIER_ON_TIME).toMatchObject({
      numerator: 40,
      denominator: 40,
      value: 100,
      rank: 1,
    });
    expect(hungYen.completeness).toEqual({ expected: 0, sent: 0, onTime: 0 });
    const month = await leader.request('GET', '/api/national/dashboard?period=2026M03');
    expect(month.status).toBe(400);
  });
});

describe('the ranking', () => {
  it('ranks the provinces on one indicator, best first, the unranked last', async () => {
    const reply = await leader.request(
      'GET',
      '/api/national/ranking?indicator=DOSSIER_ON_TIME&period=2026Q1',
    );
    expect(reply.status).toBe(200);
    expect(reply.json.indicator.nameVi).toBe('Tỷ lệ hồ sơ TTHC giải quyết đúng hạn');
    expect(
      reply.json.items.map((row: { code: string; rank: number | null; unranked: string | null }) => [
        row.code,
        row.rank,
        row.unranked,
      ]),
    ).toEqual([
      ['01', 1, null],
      ['33', 2, null],
      ['48', null, 'no_denominator'],
    ]);
    expect((await leader.request('GET', '/api/national/ranking?indicator=NOPE')).status).toBe(400);
  });
});

describe('a province’s communes', () => {
  type Row = { code: string; rank: number | null; value: number | null };
  const codes = (body: { communes: { items: Row[] } }) =>
    body.communes.items.map((row) => `${row.code}:${row.rank}`);

  it('ranks its communes (a commune with its office), ties shared, those with nothing unranked', async () => {
    const reply = await leader.request(
      'GET',
      '/api/national/provinces/33?period=2026Q1&indicator=DOSSIER_ON_TIME',
    );
    expect(reply.status).toBe(200);
    const body = reply.json;
    expect(body.province).toMatchObject({ code: '33', name: 'Tỉnh Hưng Yên' });
    expect(body.indicators).toHaveLength(17);
    expect(body.indicator.code).toBe('DOSSIER_ON_TIME');
    expect(body.total).toEqual({ numerator: 435, denominator: 485, value: pct(435, 485) });
    expect(body.ranked).toBe(4);
    expect(body.communes.total).toBe(6);
    expect(codes(body)).toEqual(['11980:1', '11953:2', '11977:2', '11992:4', '11983:null', '12619:null']);
    const phoHien = body.communes.items[1];
    expect(phoHien).toEqual({
      unitKey: '11953',
      code: '11953',
      name: 'Phường Phố Hiến',
      numerator: 90,
      denominator: 100,
      value: 90,
      rank: 2,
      unranked: null,
      completeness: { expected: 1, sent: 1, onTime: 1 },
    });
  });

  it('searches without diacritics, keeps each commune’s rank, sorts and pages', async () => {
    const base = '/api/national/provinces/33?period=2026Q1&indicator=DOSSIER_ON_TIME';
    const found = await leader.request('GET', `${base}&q=pho hien`);
    expect(codes(found.json)).toEqual(['11953:2']);
    expect(found.json.communes.total).toBe(1);
    const communes = await leader.request('GET', `${base}&q=XA`);
    expect(codes(communes.json)).toEqual(['11977:2', '11992:4', '12619:null']);
    const byCode = await leader.request('GET', `${base}&q=1198`);
    expect(codes(byCode.json)).toEqual(['11980:1', '11983:null']);
    const page2 = await leader.request('GET', `${base}&perPage=2&page=2`);
    expect(codes(page2.json)).toEqual(['11977:2', '11992:4']);
    expect(page2.json.communes).toMatchObject({ page: 2, perPage: 2, total: 6 });
    const byName = await leader.request('GET', `${base}&sort=name`);
    expect(byName.json.communes.items.map((row: { name: string }) => row.name)).toEqual([
      'Phường Hồng Châu',
      'Phường Phố Hiến',
      'Phường Sơn Nam',
      'Xã Diên Hà',
      'Xã Lạc Đạo',
      'Xã Tân Hưng',
    ]);
    const byValue = await leader.request('GET', `${base}&sort=-value`);
    expect(codes(byValue.json)).toEqual([
      '11980:1',
      '11953:2',
      '11977:2',
      '11992:4',
      '11983:null',
      '12619:null',
    ]);
    const lowestFirst = await leader.request('GET', `${base}&sort=value`);
    expect(codes(lowestFirst.json)).toEqual([
      '11992:4',
      '11953:2',
      '11977:2',
      '11980:1',
      '11983:null',
      '12619:null',
    ]);
  });

  it('answers 404 for a province that shares nothing, 400 for a bad code', async () => {
    expect((await leader.request('GET', '/api/national/provinces/02')).status).toBe(404);
    expect((await leader.request('GET', '/api/national/provinces/3x')).status).toBe(400);
  });
});

describe('the DHIS2 export', () => {
  type Value = {
    dataElement: string;
    period: string;
    orgUnit: string;
    categoryOptionCombo: string;
    value: string;
  };
  const dataValue = (values: Value[], orgUnit: string, dataElement: string, coc: string) =>
    values.find(
      (v) => v.orgUnit === orgUnit && v.dataElement === dataElement && v.categoryOptionCombo === coc,
    )?.value;

  it('writes every province and coded unit, numerators and denominators apart, as a download', async () => {
    const reply = await leader.request('GET', '/api/national/dhis2/data-value-sets?period=2026Q1');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-disposition']).toContain(
      'attachment; filename="chiso-dhis2-2026q1.json"; filename*=UTF-8\'\'chiso-dhis2-2026Q1.json',
    );
    expect(reply.headers['x-chiso-org-units']).toBe('12');
    // Sở Nội vụ of each province and Phố Hiến's office have no official code: left out, counted.
    expect(reply.headers['x-chiso-omitted-units']).toBe('3');
    const set = dhis2DataValueSetSchema.parse(reply.json);
    expect(Object.keys(reply.json)).toEqual(['dataValues']);
    const values = set.dataValues;
    expect(values).toHaveLength(257);
    for (const value of values) {
      expect(value.value).toMatch(/^-?\d+(\.\d+)?$/);
      expect(value.period).toBe('2026Q1');
    }
    expect([...new Set(values.map((v) => v.orgUnit))]).toEqual([
      '01',
      '00004',
      '00008',
      '33',
      '11953',
      '11977',
      '11980',
      '11983',
      '11992',
      '12619',
      '48',
      '20194',
    ]);
    expect(dataValue(values, '33', 'DOSSIER_ON_TIME', 'NUMERATOR')).toBe('435');
    expect(dataValue(values, '33', 'DOSSIER_ON_TIME', 'DENOMINATOR')).toBe('485');
    // Phố Hiến with its office: 81 + 9 of 90 + 10.
    expect(dataValue(values, '11953', 'DOSSIER_ON_TIME', 'NUMERATOR')).toBe('90');
    expect(dataValue(values, '11953', 'ASSESSMENT_SCORE', 'NUMERATOR')).toBe('82.5');
    expect(dataValue(values, '33', 'ASSESSMENT_SCORE', 'NUMERATOR')).toBe('152.5');
    expect(dataValue(values, '33', 'ASSESSMENT_SCORE', 'DENOMINATOR')).toBe('200');
    // A count has a numerator only.
    expect(dataValue(values, '01', 'DOSSIER_RECEIVED', 'NUMERATOR')).toBe('1500');
    expect(dataValue(values, '01', 'DOSSIER_RECEIVED', 'DENOMINATOR')).toBeUndefined();
    // Diên Hà only reported (missing): its reports figure, nothing else.
    expect(
      values
        .filter((v) => v.orgUnit === '12619')
        .map((v) => `${v.dataElement}/${v.categoryOptionCombo}=${v.value}`),
    ).toEqual(['REPORTS_ON_TIME/NUMERATOR=0', 'REPORTS_ON_TIME/DENOMINATOR=1']);
  });

  it('narrows to one province, refuses a month or a province that shares nothing', async () => {
    const reply = await leader.request(
      'GET',
      '/api/national/dhis2/data-value-sets?period=2026Q1&province=33',
    );
    expect(reply.status).toBe(200);
    expect(reply.headers['x-chiso-org-units']).toBe('7');
    expect(reply.headers['x-chiso-omitted-units']).toBe('2');
    expect(reply.json.dataValues).toHaveLength(140);
    expect((await leader.request('GET', '/api/national/dhis2/data-value-sets?period=2026M03')).status).toBe(
      400,
    );
    expect((await leader.request('GET', '/api/national/dhis2/data-value-sets')).status).toBe(400);
    expect(
      (await leader.request('GET', '/api/national/dhis2/data-value-sets?period=2026Q1&province=02')).status,
    ).toBe(404);
  });
});
