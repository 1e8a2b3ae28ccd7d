import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierCounters } from '../../core/indicators/dossier-indicators.ts';
import { bumpDataVersion } from '../db/read-cache.ts';
import { dossierRollups, units } from '../db/schema/index.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

let t: TestApp;
let coordinator: Session;
let reporter: Session;
let province: number;
let phoHien: number;
let second: number;
let third: number;

async function rollup(unitId: number, periodCode: string, field: string, counters: Partial<DossierCounters>) {
  await t.database.db.insert(dossierRollups).values({ unitId, periodCode, field, ...counters });
}

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signInAs(t, 'coordinator', '33');
  reporter = await signInAs(t, 'unit_reporter', '11953');
  province = await unitIdByCode(t.database, '33');
  phoHien = await unitIdByCode(t.database, '11953');
  second = await unitIdByCode(t.database, '11983');
  third = await unitIdByCode(t.database, '12103');
  // Phố Hiến: 9 of 10 on time (90%), over two fields; the second commune 500 of 1000 (50%); the third nothing.
  await rollup(phoHien, '2026Q1', 'Hộ tịch', {
    received: 8,
    receivedOnlineFull: 6,
    finished: 6,
    finishedOnTime: 6,
    finishedEarly: 5,
  });
  await rollup(phoHien, '2026Q1', 'Đất đai', {
    received: 4,
    finished: 4,
    finishedOnTime: 3,
    finishedLate: 1,
  });
  await rollup(second, '2026Q1', 'Hộ tịch', {
    received: 1200,
    receivedOnlineFull: 300,
    finished: 1000,
    finishedOnTime: 500,
    finishedEarly: 400,
    finishedLate: 500,
  });
  // 2024: Phường Lam Sơn (closed, merged into Phố Hiến in 2025) and the split Thành phố Hưng Yên.
  const [lamSon] = await t.database.db.select({ id: units.id }).from(units).where(eqCode('11950'));
  const [district] = await t.database.db.select({ id: units.id }).from(units).where(eqCode('323'));
  if (!lamSon || !district) throw new Error('demo history is missing');
  await rollup(lamSon.id, '2024Q3', 'Hộ tịch', { received: 20, finished: 20, finishedOnTime: 15 });
  await rollup(district.id, '2024Q3', 'Đất đai', { received: 30, finished: 30, finishedOnTime: 30 });
  await rollup(phoHien, '2024Q3', 'Hộ tịch', { received: 5, finished: 5, finishedOnTime: 5 });
  // Outside every window asked for below: 2023.
  await rollup(phoHien, '2023Q4', 'Hộ tịch', { received: 99, finished: 99 });
  bumpDataVersion();
});

afterAll(async () => t.close());

function eqCode(code: string) {
  return eq(units.code, code);
}

const kpi = (body: { kpis: { code: string }[] }, code: string) =>
  body.kpis.find((k) => k.code === code) as any;

describe('GET /api/dashboards/dossiers', () => {
  it("the province's on-time rate is total on time over total finished, not the mean of its communes' rates", async () => {
    const { status, json } = await coordinator.request('GET', '/api/dashboards/dossiers');
    expect(status).toBe(200);
    expect(json.unit).toMatchObject({ id: province, type: 'province' });
    expect(json.period).toBe('2026Q1'); // the latest quarter with data
    expect(json.periods).toHaveLength(8);
    expect(json.periods.at(0)).toBe('2024Q2');
    const onTime = kpi(json, 'DOSSIER_ON_TIME');
    expect(onTime).toMatchObject({ numerator: 509, denominator: 1010, measureUnit: '%' });
    expect(onTime.rate).toBeCloseTo((509 / 1010) * 100, 9);
    expect(onTime.rate).not.toBeCloseTo((90 + 50) / 2, 0);
    // Seed 001: "Trên 95%" with a 5-point margin; 50.4% is far below.
    expect(onTime.target).toEqual({ operator: '>', threshold: 95, riskMargin: 5 });
    expect(onTime).toMatchObject({ status: 'missed', colour: 'red' });
    expect(kpi(json, 'DOSSIER_RECEIVED')).toMatchObject({ numerator: 1212, denominator: null, rate: 1212 });
    expect(kpi(json, 'DOSSIER_LATE_APOLOGY')).toMatchObject({
      numerator: 0,
      denominator: 501,
      rate: 0,
      target: null,
      status: null,
    });
    expect(json.breadcrumbs).toEqual([{ id: province, name: expect.any(String) }]);
  });

  it('children are the units one level down, each with its own figures and status', async () => {
    const { json } = await coordinator.request(
      'GET',
      `/api/dashboards/dossiers?unitId=${province}&period=2026Q1`,
    );
    const child = (id: number) => json.children.find((c: { unit: { id: number } }) => c.unit.id === id);
    expect(child(phoHien).values.DOSSIER_ON_TIME).toEqual({
      numerator: 9,
      denominator: 10,
      rate: 90,
      status: 'at_risk',
    });
    expect(child(second).values.DOSSIER_ON_TIME.rate).toBe(50);
    expect(child(third).values.DOSSIER_ON_TIME).toEqual({
      numerator: 0,
      denominator: 0,
      rate: null,
      status: 'no_data',
    });
    // Communes and departments of today's province; closed units never appear as children.
    expect(
      json.children.every((c: { unit: { type: string } }) => ['commune', 'department'].includes(c.unit.type)),
    ).toBe(true);
  });

  it("a merged commune's 2024 figures show under today's commune; a split district's under the province", async () => {
    const { json } = await coordinator.request('GET', '/api/dashboards/dossiers?period=2026Q1');
    const q3 = json.trend.find((point: { period: string }) => point.period === '2024Q3');
    // Lam Sơn 15/20, the district 30/30, Phố Hiến 5/5: 50 of 55, counted once each.
    expect(q3.values.DOSSIER_ON_TIME).toBeCloseTo((50 / 55) * 100, 9);
    expect(
      json.trend.find((point: { period: string }) => point.period === '2025Q1').values.DOSSIER_ON_TIME,
    ).toBeNull();
    const commune = await coordinator.request(
      'GET',
      `/api/dashboards/dossiers?unitId=${phoHien}&period=2024Q3`,
    );
    expect(kpi(commune.json, 'DOSSIER_ON_TIME')).toMatchObject({ numerator: 20, denominator: 25 });
    expect(commune.json.breadcrumbs.map((b: { id: number }) => b.id)).toEqual([province, phoHien]);
  });

  it('is scoped to the user: a commune reporter sees the commune by default and never the province', async () => {
    const own = await reporter.request('GET', '/api/dashboards/dossiers?period=2026Q1');
    expect(own.status).toBe(200);
    expect(own.json.unit.id).toBe(phoHien);
    expect(own.json.breadcrumbs).toEqual([{ id: phoHien, name: own.json.unit.name }]);
    expect(kpi(own.json, 'DOSSIER_ON_TIME').rate).toBe(90);
    // A unit whose figures the user may not read is answered as unknown, as plans and reports are.
    expect((await reporter.request('GET', `/api/dashboards/dossiers?unitId=${province}`)).status).toBe(404);
    expect((await reporter.request('GET', `/api/dashboards/dossiers?unitId=${second}`)).status).toBe(404);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/dashboards/dossiers' });
    expect(anonymous.statusCode).toBe(401);
  });

  it("refuses a closed unit: its figures are its successor's now", async () => {
    const [lamSon] = await t.database.db.select({ id: units.id }).from(units).where(eqCode('11950'));
    const { status, json } = await coordinator.request(
      'GET',
      `/api/dashboards/dossiers?unitId=${lamSon?.id}`,
    );
    expect(status).toBe(400);
    expect(json.error.details.fields[0].path).toBe('unitId');
  });

  it('refuses a period that is not a quarter, naming it', async () => {
    const { status, json } = await coordinator.request('GET', '/api/dashboards/dossiers?period=2026');
    expect(status).toBe(400);
    expect(json.error.details.fields[0].path).toBe('period');
  });

  it('a roll-up written later shows on the next request (the read cache forgets on change)', async () => {
    await rollup(third, '2026Q1', 'Hộ tịch', { finished: 10, finishedOnTime: 10 });
    bumpDataVersion();
    const { json } = await coordinator.request('GET', '/api/dashboards/dossiers?period=2026Q1');
    expect(kpi(json, 'DOSSIER_ON_TIME')).toMatchObject({ numerator: 519, denominator: 1020 });
  });
});

async function readSheet(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: sheet.name, rows };
}

describe('GET /api/dashboards/dossiers/export', () => {
  const download = async (query: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/dashboards/dossiers/export?${query}`,
      headers: { cookie: coordinator.cookie },
    });
    return response;
  };

  it('each chart downloads as .xlsx with Vietnamese headers and numbers as numbers', async () => {
    // The third commune's 10 of 10 on time, as the read-cache test above writes them (unless it ran).
    await t.database.db
      .insert(dossierRollups)
      .values({ unitId: third, periodCode: '2026Q1', field: 'Hộ tịch', finished: 10, finishedOnTime: 10 })
      .onConflictDoNothing();
    bumpDataVersion();
    const kpis = await download(`unitId=${province}&period=2026Q1&chart=kpis`);
    expect(kpis.statusCode).toBe(200);
    expect(kpis.headers['content-disposition']).toContain('.xlsx');
    const sheet = await readSheet(kpis.rawPayload);
    expect(sheet.rows[0]).toEqual([
      'Chỉ số',
      'Đơn vị tính',
      'Tử số',
      'Mẫu số',
      'Giá trị',
      'Chỉ tiêu',
      'Biên cảnh báo',
      'Đánh giá',
    ]);
    // Indicators by name: their codes are for the API.
    const onTime = sheet.rows.find((row) => row[0] === 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn');
    expect(onTime?.slice(2, 5)).toEqual([519, 1020, Math.round((519 / 1020) * 10000) / 100]);
    expect(onTime?.[7]).toBe('Không đạt');

    const trend = await readSheet(
      (await download(`unitId=${province}&period=2026Q1&chart=trend`)).rawPayload,
    );
    expect(trend.rows).toHaveLength(9);
    expect(trend.rows[0]?.[0]).toBe('Kỳ');
    expect(trend.rows[8]?.[0]).toBe('Quý I/2026');
    expect(trend.rows[1]?.[0]).toBe('Quý II/2024');

    const ranking = await readSheet(
      (await download(`unitId=${province}&period=2026Q1&chart=ranking&indicator=DOSSIER_ON_TIME`)).rawPayload,
    );
    expect(ranking.rows[0]).toEqual(['Hạng', 'Đơn vị', 'Tử số', 'Mẫu số', 'Giá trị', 'Đánh giá']);
    expect(ranking.rows.slice(1, 4).map((row) => row[4])).toEqual([100, 90, 50]);
    expect(ranking.rows[1]?.[0]).toBe(1);
  });

  it('refuses an unknown chart or indicator', async () => {
    expect((await download('chart=pie')).statusCode).toBe(400);
    const wrong = await download('chart=ranking&indicator=DOC_SIGNED');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields[0].path).toBe('indicator');
  });
});
