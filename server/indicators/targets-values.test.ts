import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, indicators } from '../db/schema/index.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { loadIndicatorCatalogue } from './catalogue-loader.ts';

let t: TestApp;
let coordinator: Session;
let departmentCoordinator: Session;
let reporter: Session;
let leader: Session;
let phoHien: number;
let other: number;
let snv: number;

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signInAs(t, 'coordinator', '33');
  departmentCoordinator = await signInAs(t, 'coordinator', '33.SNV');
  reporter = await signInAs(t, 'unit_reporter', '11953');
  leader = await signInAs(t, 'leader', '33');
  phoHien = await unitIdByCode(t.database, '11953');
  other = await unitIdByCode(t.database, '11983');
  snv = await unitIdByCode(t.database, '33.SNV');
});

afterAll(async () => t.close());

async function auditCount(action: string, entityId: string) {
  const rows = await t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));
  return rows.length;
}

describe('the catalogue', () => {
  it('is loaded at start with the dossier, entered and SERVICE_766 indicators', async () => {
    const { status, json } = await reporter.request('GET', '/api/indicators');
    expect(status).toBe(200);
    const codes = json.items.map((item: { code: string }) => item.code);
    expect(codes).toEqual(
      expect.arrayContaining(['DOSSIER_ON_TIME', 'DOSSIER_LATE_APOLOGY', 'DOC_SIGNED', 'SERVICE_766.6.7']),
    );
    expect(json.items.find((item: { code: string }) => item.code === 'WORK_RECORDS_ONLINE')).toMatchObject({
      kind: 'ratio',
      source: 'entered',
      nameVi: 'Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng',
    });
  });
});

describe('the catalogue on every start', () => {
  it('a new version renames indicators in place', async () => {
    await t.database.db.update(indicators).set({ nameVi: 'Tên cũ' }).where(eq(indicators.code, 'DOC_SIGNED'));
    await t.database.db.transaction((tx) => loadIndicatorCatalogue(tx));
    const [row] = await t.database.db.select().from(indicators).where(eq(indicators.code, 'DOC_SIGNED'));
    expect(row?.nameVi).toBe('Tỷ lệ văn bản điện tử có chữ ký số');
  });
});

describe('targets', () => {
  const body = {
    indicatorCode: 'DOSSIER_ON_TIME',
    unitId: null as number | null,
    operator: '>=',
    threshold: 97,
    riskMargin: 2,
  };

  it('lists the demo targets from seed 001, by level where the plan sets levels', async () => {
    const { status, json } = await leader.request('GET', '/api/indicator-targets');
    expect(status).toBe(200);
    const onTime = json.items.find(
      (item: { indicatorCode: string }) => item.indicatorCode === 'DOSSIER_ON_TIME',
    );
    expect(onTime).toMatchObject({ operator: '>', threshold: 95, riskMargin: 5, unit: null, unitType: null });
    const byLevel = json.items
      .filter((item: { indicatorCode: string }) => item.indicatorCode === 'WORK_RECORDS_ONLINE')
      .map((item: { unitType: string; threshold: number }) => [item.unitType, item.threshold]);
    expect(byLevel).toEqual(
      expect.arrayContaining([
        ['province', 60],
        ['district', 50],
        ['commune', 30],
      ]),
    );
    const page = await leader.request('GET', '/api/indicator-targets?perPage=1&page=2');
    expect(page.json).toMatchObject({ page: 2, perPage: 1, total: json.total });
    expect(page.json.items[0].id).toBe(json.items[1].id);
    // Twelve from seed 001, and the feedback on-time target of TT 01/2018 (Chỉ số 8).
    expect(json.total).toBe(13);
  });

  it('a coordinator sets, changes and removes a commune target, each audited', async () => {
    const created = await coordinator.request('POST', '/api/indicator-targets', {
      ...body,
      unitId: phoHien,
      periodCode: '2026q1',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      unit: { id: phoHien },
      periodCode: '2026Q1',
      threshold: 97,
      operator: '>=',
    });
    const id = created.json.id;
    expect(await auditCount('indicator_target.create', String(id))).toBe(1);
    // The commune's own quarter target now decides its card.
    const values = await reporter.request('GET', `/api/dashboards/dossiers?period=2026Q1`);
    expect(values.json.kpis.find((k: { code: string }) => k.code === 'DOSSIER_ON_TIME').target).toEqual({
      operator: '>=',
      threshold: 97,
      riskMargin: 2,
    });
    const twin = await coordinator.request('POST', '/api/indicator-targets', {
      ...body,
      unitId: phoHien,
      periodCode: '2026Q1',
    });
    expect(twin.status).toBe(409);

    const changed = await coordinator.request('PUT', `/api/indicator-targets/${id}`, {
      ...body,
      unitId: phoHien,
      periodCode: '2026Q1',
      threshold: 98,
      version: 1,
    });
    expect(changed.status).toBe(200);
    expect(changed.json.threshold).toBe(98);
    expect(await auditCount('indicator_target.update', String(id))).toBe(1);

    expect((await coordinator.request('DELETE', `/api/indicator-targets/${id}`)).status).toBe(204);
    expect(await auditCount('indicator_target.delete', String(id))).toBe(1);
    expect((await coordinator.request('DELETE', `/api/indicator-targets/${id}`)).status).toBe(404);
  });

  it("refuses: 401 signed out, 403 a commune reporter, 403 beyond the coordinator's subtree", async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/indicator-targets', payload: body });
    expect(anonymous.statusCode).toBe(401);
    expect(
      (await reporter.request('POST', '/api/indicator-targets', { ...body, unitId: phoHien })).status,
    ).toBe(403);
    // A department's coordinator may target the department, not a commune, nor the whole province.
    expect(
      (await departmentCoordinator.request('POST', '/api/indicator-targets', { ...body, unitId: other }))
        .status,
    ).toBe(403);
    expect((await departmentCoordinator.request('POST', '/api/indicator-targets', body)).status).toBe(403);
    const own = await departmentCoordinator.request('POST', '/api/indicator-targets', {
      ...body,
      unitId: snv,
    });
    expect(own.status).toBe(201);
  });

  it('400 names the field at fault', async () => {
    const field = async (payload: object) => {
      const { status, json } = await coordinator.request('POST', '/api/indicator-targets', {
        ...body,
        ...payload,
      });
      expect(status).toBe(400);
      return json.error.details.fields[0].path;
    };
    expect(await field({ threshold: 150 })).toBe('threshold');
    expect(await field({ threshold: 'cao' })).toBe('threshold');
    expect(await field({ operator: '≈' })).toBe('operator');
    expect(await field({ indicatorCode: 'NO_SUCH' })).toBe('indicatorCode');
    expect(await field({ unitId: phoHien, unitType: 'commune' })).toBe('unitType');
    expect(await field({ periodCode: '2026Q5' })).toBe('periodCode');
    expect(await field({ riskMargin: -1 })).toBe('riskMargin');
  });
});

describe('entered values', () => {
  const url = (unitId: number) => `/api/units/${unitId}/indicator-values?period=2026Q1`;

  it('a commune reporter enters its ratios and sees them with the applicable target', async () => {
    const saved = await reporter.request('PUT', url(phoHien), {
      values: [
        {
          indicatorCode: 'DOC_SIGNED',
          numerator: 180,
          denominator: 200,
          note: 'Trừ văn bản mật',
          version: 0,
        },
        { indicatorCode: 'WORK_RECORDS_ONLINE', numerator: 25, denominator: 100, version: 0 },
      ],
    });
    expect(saved.status).toBe(200);
    const item = (body: { items: { code: string }[] }, code: string) =>
      body.items.find((i) => i.code === code) as any;
    expect(item(saved.json, 'DOC_SIGNED')).toMatchObject({
      numerator: 180,
      denominator: 200,
      rate: 90,
      note: 'Trừ văn bản mật',
    });
    // Seed 001: 30% at commune level, 5-point margin: 25% is at risk.
    expect(item(saved.json, 'WORK_RECORDS_ONLINE')).toMatchObject({
      rate: 25,
      target: { threshold: 30 },
      status: 'at_risk',
      colour: 'yellow',
    });
    expect(saved.json.items.some((i: { code: string }) => i.code.startsWith('DOSSIER_'))).toBe(false);
    expect(await auditCount('indicator_values.save', String(phoHien))).toBe(1);

    const read = await leader.request('GET', url(phoHien));
    expect(read.status).toBe(200);
    expect(item(read.json, 'DOC_SIGNED').rate).toBe(90);
    expect(item(read.json, 'SATISFACTION_TTHC')).toMatchObject({ numerator: null, rate: null });

    // The province sees its own (none) and its subtree's: 180 + 45 signed of 200 + 50, another commune included.
    const otherReporter = await signInAs(t, 'unit_reporter', '11983');
    await otherReporter.request('PUT', url(other), {
      values: [{ indicatorCode: 'DOC_SIGNED', numerator: 45, denominator: 50, version: 0 }],
    });
    const province = await coordinator.request('GET', url(await unitIdByCode(t.database, '33')));
    expect(item(province.json, 'DOC_SIGNED')).toMatchObject({
      numerator: null,
      subtree: { numerator: 225, denominator: 250, rate: 90, units: 2 },
    });
    expect(item(province.json, 'REPORTS_ONLINE').subtree).toMatchObject({ units: 0, rate: null });

    // All fields empty clears the value.
    const cleared = await reporter.request('PUT', url(phoHien), {
      values: [{ indicatorCode: 'DOC_SIGNED', version: 1 }],
    });
    expect(item(cleared.json, 'DOC_SIGNED')).toMatchObject({ numerator: null, rate: null });
  });

  it('refuses bad figures, naming the field, with nothing written', async () => {
    const bad = await reporter.request('PUT', url(phoHien), {
      values: [
        { indicatorCode: 'REPORTS_ONLINE', numerator: 5, denominator: 10, version: 0 },
        { indicatorCode: 'DOC_SIGNED', numerator: 210, denominator: 200, version: 0 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.fields[0].path).toBe('values.1.numerator');
    const after = await reporter.request('GET', url(phoHien));
    expect(after.json.items.find((i: { code: string }) => i.code === 'REPORTS_ONLINE').numerator).toBeNull();
    const computed = await reporter.request('PUT', url(phoHien), {
      values: [{ indicatorCode: 'DOSSIER_ON_TIME', numerator: 1, denominator: 2, version: 0 }],
    });
    expect(computed.json.error.details.fields[0].path).toBe('values.0.indicatorCode');
    const period = await reporter.request('GET', `/api/units/${phoHien}/indicator-values?period=Q1`);
    expect(period.status).toBe(400);
  });

  it('is scoped: another commune is unknown (404), and a coordinator reads but does not enter (403)', async () => {
    expect((await reporter.request('GET', url(other))).status).toBe(404);
    expect((await reporter.request('PUT', url(other), { values: [] })).status).toBe(404);
    expect((await coordinator.request('PUT', url(phoHien), { values: [] })).status).toBe(403);
    expect((await coordinator.request('GET', url(phoHien))).status).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: url(phoHien) })).statusCode).toBe(401);
  });
});
