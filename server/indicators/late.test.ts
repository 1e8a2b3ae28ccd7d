import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpDataVersion } from '../db/read-cache.ts';
import { auditEvents, dossierRollups, dossiers, procedures, units } from '../db/schema/index.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

let t: TestApp;
let coordinator: Session;
let reporter: Session;
let otherReporter: Session;
let leader: Session;
let phoHien: number;

function dossier(
  code: string,
  unitId: number,
  times: { received: string; due: string; finished?: string },
  apologyIssued = false,
) {
  return {
    code,
    unitId,
    procedureCode: 'HT-01',
    field: 'Hộ tịch',
    channel: 'online_full',
    receivedAt: new Date(times.received),
    dueAt: new Date(times.due),
    finishedAt: times.finished ? new Date(times.finished) : null,
    apologyIssued,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signInAs(t, 'coordinator', '33');
  reporter = await signInAs(t, 'unit_reporter', '11953');
  otherReporter = await signInAs(t, 'unit_reporter', '11983');
  leader = await signInAs(t, 'leader', '33');
  phoHien = await unitIdByCode(t.database, '11953');
  const other = await unitIdByCode(t.database, '11983');
  const [lamSon] = await t.database.db.select().from(units).where(eq(units.code, '11950'));
  if (!lamSon) throw new Error('demo history is missing');
  const db = t.database.db;
  await db.insert(procedures).values({ code: 'HT-01', name: 'Đăng ký khai sinh', field: 'Hộ tịch' });
  await db.insert(dossiers).values([
    dossier('D1', phoHien, {
      received: '2026-02-01T02:00:00Z',
      due: '2026-02-05T10:00:00Z',
      finished: '2026-02-10T03:00:00Z',
    }),
    dossier(
      'D2',
      phoHien,
      { received: '2026-01-05T02:00:00Z', due: '2026-01-10T00:00:00Z', finished: '2026-01-11T01:00:00Z' },
      true,
    ),
    dossier('D3', phoHien, { received: '2026-02-20T02:00:00Z', due: '2026-03-01T00:00:00Z' }),
    dossier('D4', phoHien, {
      received: '2026-02-01T02:00:00Z',
      due: '2026-02-05T10:00:00Z',
      finished: '2026-02-04T03:00:00Z',
    }),
    dossier('D5', phoHien, {
      received: '2026-03-01T02:00:00Z',
      due: '2026-03-20T00:00:00Z',
      finished: '2026-04-01T03:00:00Z',
    }),
    dossier('D6', other, {
      received: '2026-02-01T02:00:00Z',
      due: '2026-02-05T10:00:00Z',
      finished: '2026-02-07T03:00:00Z',
    }),
    dossier('D7', lamSon.id, {
      received: '2026-01-10T02:00:00Z',
      due: '2026-01-15T00:00:00Z',
      finished: '2026-01-18T12:00:00Z',
    }),
  ]);
  // The roll-ups these dossiers make (as the import maintains them): D1, D2, D4 finished in Q1 at Phố Hiến.
  await db.insert(dossierRollups).values([
    {
      unitId: phoHien,
      field: 'Hộ tịch',
      periodCode: '2026Q1',
      received: 4,
      finished: 3,
      finishedOnTime: 1,
      finishedLate: 2,
      lateApologised: 1,
    },
    { unitId: phoHien, field: 'Hộ tịch', periodCode: '2026Q2', finished: 1, finishedLate: 1 },
    { unitId: other, field: 'Hộ tịch', periodCode: '2026Q1', received: 1, finished: 1, finishedLate: 1 },
    { unitId: lamSon.id, field: 'Hộ tịch', periodCode: '2026Q1', received: 1, finished: 1, finishedLate: 1 },
  ]);
  bumpDataVersion();
});

afterAll(async () => t.close());

const codes = (json: { items: { code: string }[] }) => json.items.map((item) => item.code);

async function apologised(unitId: number, periodCode: string) {
  const [row] = await t.database.db
    .select({ n: dossierRollups.lateApologised })
    .from(dossierRollups)
    .where(and(eq(dossierRollups.unitId, unitId), eq(dossierRollups.periodCode, periodCode)));
  return row?.n;
}

describe('GET /api/dossiers/late', () => {
  it("lists the unit's late dossiers of the quarter (finished late, or open past due), a merged commune's included", async () => {
    const { status, json } = await reporter.request('GET', '/api/dossiers/late?period=2026Q1');
    expect(status).toBe(200);
    expect(json.total).toBe(4);
    expect(codes(json)).toEqual(['D3', 'D1', 'D7', 'D2']); // most days late first
    expect(json.items[1]).toMatchObject({
      code: 'D1',
      unit: { id: phoHien },
      procedureCode: 'HT-01',
      procedureName: 'Đăng ký khai sinh',
      field: 'Hộ tịch',
      lateness: 'finished_late',
      daysLate: 5,
      apologyIssued: false,
      dueAt: '2026-02-05T10:00:00.000Z',
    });
    // Open past due: counted up to the end of the quarter (00:00 on 15/03 in Vietnam).
    expect(json.items[0]).toMatchObject({ code: 'D3', lateness: 'overdue', daysLate: 14, finishedAt: null });
  });

  it('pages, sorts and filters by apology status through the one list contract', async () => {
    const page = await reporter.request('GET', '/api/dossiers/late?period=2026Q1&perPage=2&page=2');
    expect(page.json).toMatchObject({ page: 2, perPage: 2, total: 4 });
    expect(codes(page.json)).toEqual(['D7', 'D2']);
    expect(
      codes((await reporter.request('GET', '/api/dossiers/late?period=2026Q1&sort=receivedAt')).json),
    ).toEqual(['D2', 'D7', 'D1', 'D3']);
    const missing = await reporter.request('GET', '/api/dossiers/late?period=2026Q1&apology=missing');
    expect(codes(missing.json)).toEqual(['D3', 'D1', 'D7']);
    expect(
      codes((await reporter.request('GET', '/api/dossiers/late?period=2026Q1&apology=issued')).json),
    ).toEqual(['D2']);
    const search = await reporter.request('GET', '/api/dossiers/late?period=2026Q1&q=d7');
    expect(codes(search.json)).toEqual(['D7']);
    const byProcedure = await reporter.request(
      'GET',
      '/api/dossiers/late?period=2026Q1&q=khai%20sinh&perPage=1',
    );
    expect(byProcedure.json.total).toBe(4);
    expect((await reporter.request('GET', '/api/dossiers/late?period=2026Q1&q=100%25')).json.total).toBe(0);
    // Without a period: the latest quarter with data (2026Q2, where D5 was finished late); D3, still open,
    // is overdue at the end of that quarter too.
    expect(codes((await reporter.request('GET', '/api/dossiers/late')).json)).toEqual(['D3', 'D5']);
    const province = await coordinator.request('GET', '/api/dossiers/late?period=2026Q1');
    expect(province.json.total).toBe(5);
    expect((await reporter.request('GET', '/api/dossiers/late?period=2026Q1&perPage=101')).status).toBe(400);
    expect((await reporter.request('GET', '/api/dossiers/late?period=2026Q1&sort=unit')).status).toBe(400);
    expect((await reporter.request('GET', '/api/dossiers/late?period=2026S1')).status).toBe(400);
  });

  it('is scoped to the user', async () => {
    expect(
      (await otherReporter.request('GET', `/api/dossiers/late?period=2026Q1&unitId=${phoHien}`)).status,
    ).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/dossiers/late?period=2026Q1' })).statusCode).toBe(
      401,
    );
  });
});

describe('PUT /api/dossiers/:code/apology', () => {
  it('records the letter and moves the roll-up in the same transaction; the dashboard follows', async () => {
    const before = await coordinator.request(
      'GET',
      `/api/dashboards/dossiers?unitId=${phoHien}&period=2026Q1`,
    );
    const apologyRate = (json: { kpis: { code: string; numerator: number; denominator: number }[] }) =>
      json.kpis.find((kpi) => kpi.code === 'DOSSIER_LATE_APOLOGY');
    // Phố Hiến's own 2 late plus Lam Sơn's 1, carried by Phố Hiến today.
    expect(apologyRate(before.json)).toMatchObject({ numerator: 1, denominator: 3 });

    const { status, json } = await coordinator.request('PUT', '/api/dossiers/D1/apology', { issued: true });
    expect(status).toBe(200);
    expect(json).toMatchObject({ code: 'D1', apologyIssued: true, procedureName: 'Đăng ký khai sinh' });
    expect(await apologised(phoHien, '2026Q1')).toBe(2);
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, 'D1'));
    expect(events.map((event) => event.action)).toEqual(['dossier.apology_issued']);
    const after = await coordinator.request(
      'GET',
      `/api/dashboards/dossiers?unitId=${phoHien}&period=2026Q1`,
    );
    expect(apologyRate(after.json)).toMatchObject({ numerator: 2, denominator: 3 });

    // Saying it again changes nothing and writes nothing.
    expect((await coordinator.request('PUT', '/api/dossiers/D1/apology', { issued: true })).status).toBe(200);
    expect(await apologised(phoHien, '2026Q1')).toBe(2);
    expect(await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, 'D1'))).toHaveLength(
      1,
    );

    // Withdrawn: back down.
    await reporter.request('PUT', '/api/dossiers/D2/apology', { issued: false });
    expect(await apologised(phoHien, '2026Q1')).toBe(1);
  });

  it("an open overdue dossier's letter is recorded without touching roll-ups (counted when it is finished)", async () => {
    const { status } = await reporter.request('PUT', '/api/dossiers/D3/apology', { issued: true });
    expect(status).toBe(200);
    const [row] = await t.database.db.select().from(dossiers).where(eq(dossiers.code, 'D3'));
    expect(row?.apologyIssued).toBe(true);
    expect(await apologised(phoHien, '2026Q1')).toBe(1);
  });

  it("a merged commune's dossier is managed by whoever manages today's commune", async () => {
    expect((await reporter.request('PUT', '/api/dossiers/D7/apology', { issued: true })).status).toBe(200);
  });

  it('refuses: not late (400 naming issued), unknown or outside scope (404), read-only (403)', async () => {
    const onTime = await coordinator.request('PUT', '/api/dossiers/D4/apology', { issued: true });
    expect(onTime.status).toBe(400);
    expect(onTime.json.error.details.fields[0].path).toBe('issued');
    expect((await coordinator.request('PUT', '/api/dossiers/NOPE/apology', { issued: true })).status).toBe(
      404,
    );
    expect((await otherReporter.request('PUT', '/api/dossiers/D1/apology', { issued: false })).status).toBe(
      404,
    );
    expect((await leader.request('PUT', '/api/dossiers/D1/apology', { issued: false })).status).toBe(403);
    const bad = await coordinator.request('PUT', '/api/dossiers/D1/apology', { issued: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.fields[0].path).toBe('issued');
    expect(await apologised(phoHien, '2026Q1')).toBe(1);
  });
});

describe('late dossiers as .xlsx', () => {
  it('downloads the list with numbers as numbers', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/dashboards/dossiers/export?unitId=${phoHien}&period=2026Q1&chart=late`,
      headers: { cookie: reporter.cookie },
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('Mã hồ sơ');
    expect(sheet?.getRow(1).getCell(8).value).toBe('Số ngày trễ');
    expect(sheet?.getRow(2).getCell(1).value).toBe('D3');
    expect(sheet?.getRow(2).getCell(8).value).toBe(14);
    expect(sheet?.getRow(2).getCell(7).value).toBe('Chưa giải quyết');
    expect(sheet?.getRow(3).getCell(5).value).toBe('01/02/2026 09:00');
    expect(sheet?.rowCount).toBe(5);
  });
});
