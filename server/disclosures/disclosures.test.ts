import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../db/schema/index.ts';
import { buildRegister, recordObligation, TODAY } from '../test/disclosure-register.ts';
import { COMMUNE_A, COMMUNE_B, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

/**
 * The register through the API on 20/03/2026: each obligation judged by the rule in force, the
 * statuses of its places, the refusals (another commune's record, a reader recording, bad dates, a
 * stale version), the coordinator's board with exact counts and the lists behind them, the
 * DISCLOSURE_ON_TIME indicator summed from the communes to the province, and the catalogue's editing.
 */
let t: TestApp;
let reporterA: Session;
let reporterB: Session;
let leader: Session;
let coordinator: Session;
let coordinatorA: Session;
let unitA: number;
let unitB: number;
let register: Awaited<ReturnType<typeof buildRegister>>;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(TODAY) });
  reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
  reporterB = await signInAs(t, 'unit_reporter', COMMUNE_B);
  leader = await signInAs(t, 'leader', '33');
  coordinator = await signInAs(t, 'coordinator', '33');
  coordinatorA = await signInAs(t, 'coordinator', COMMUNE_A);
  unitA = await unitIdByCode(t.database, COMMUNE_A);
  unitB = await unitIdByCode(t.database, COMMUNE_B);
  register = await buildRegister(reporterA, unitA, reporterB, unitB);
}, 120_000);
afterAll(() => t.close());

describe('an obligation', () => {
  it('is judged place by place by the rule in force on its decision day', async () => {
    const late = await reporterA.request('GET', `/api/disclosures/${register.late}`);
    expect(late.status).toBe(200);
    expect(late.json).toMatchObject({
      itemCode: 'HO_NGHEO',
      due: '2026-02-09',
      status: 'late',
      complete: true,
      canRecord: true,
    });
    expect(late.json.rule.basis).toContain('Điều 11 khoản 7');
    expect(late.json.places).toEqual([
      { place: 'office', status: 'complete', late: true },
      { place: 'village', status: 'complete', late: true },
      { place: 'website', status: 'complete', late: true },
      { place: 'loudspeaker', status: 'complete', late: true },
    ]);
    const loud = late.json.recordList.find((record: { place: string }) => record.place === 'loudspeaker');
    expect(loud).toMatchObject({ from: '2026-02-12', to: '2026-02-14', requiredUntil: '2026-02-14' });
    expect(loud.note).toBe('Ghi chú nội bộ: loa hỏng một ngày');

    const early = await reporterA.request('GET', `/api/disclosures/${register.takenDown}`);
    expect(early.json).toMatchObject({ due: '2026-03-09', status: 'taken_down_early', complete: false });
    expect(early.json.places.map((place: { status: string }) => place.status)).toEqual([
      'running',
      'taken_down_early',
      'running',
    ]);
  });

  it('is another commune’s: 404 to read, and a leader reads it but may not record (403)', async () => {
    expect((await reporterB.request('GET', `/api/disclosures/${register.onTime}`)).status).toBe(404);
    expect(
      (
        await reporterB.request('POST', `/api/disclosures/${register.onTime}/records`, {
          place: 'office',
          from: '01/03/2026',
        })
      ).status,
    ).toBe(404);
    const read = await leader.request('GET', `/api/disclosures/${register.onTime}`);
    expect(read.status).toBe(200);
    expect(read.json.canRecord).toBe(false);
    expect(
      (
        await leader.request('POST', '/api/disclosures', {
          unitId: unitA,
          itemCode: 'HO_NGHEO',
          title: 'x',
          decisionDate: '01/03/2026',
        })
      ).status,
    ).toBe(403);
  });

  it('refuses what the rule cannot judge, dates in the future or before the decision, and a stale version', async () => {
    const quarter = await reporterA.request('POST', '/api/disclosures', {
      unitId: unitA,
      itemCode: 'NS_THUC_HIEN_QUY',
      title: 'Thực hiện dự toán quý I năm 2026',
      decisionDate: '02/04/2025',
    });
    expect(quarter.status).toBe(400);
    expect(quarter.json.error.details.fields[0].path).toBe('periodTo');
    const department = await signInAs(t, 'unit_reporter', '33.SXD');
    const notForDepartments = await department.request('POST', '/api/disclosures', {
      unitId: await unitIdByCode(t.database, '33.SXD'),
      itemCode: 'HO_NGHEO',
      title: 'Danh sách hộ nghèo',
      decisionDate: '02/03/2026',
    });
    expect(notForDepartments.status).toBe(400);
    expect(notForDepartments.json.error.message).toContain('không áp dụng cho loại đơn vị');
    const future = await reporterA.request('POST', `/api/disclosures/${register.notDue}/records`, {
      place: 'office',
      from: '21/03/2026',
    });
    expect(future.status).toBe(400);
    expect(future.json.error.details.fields[0].path).toBe('from');
    const before = await reporterA.request('POST', `/api/disclosures/${register.notDue}/records`, {
      place: 'office',
      from: '17/03/2026',
    });
    expect(before.status).toBe(400);

    const added = await reporterA.request('POST', `/api/disclosures/${register.notDue}/records`, {
      place: 'office',
      from: '19/03/2026',
    });
    expect(added.status).toBe(201);
    const path = `/api/disclosures/records/${added.json.id}`;
    const saved = await reporterA.request('PUT', path, {
      place: 'office',
      from: '19/03/2026',
      note: 'Đã dán',
      version: 1,
    });
    expect(saved.status).toBe(200);
    expect(saved.json.version).toBe(2);
    const stale = await reporterA.request('PUT', path, { place: 'office', from: '18/03/2026', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('VERSION_CONFLICT');
    const removed = await reporterA.request('DELETE', `${path}?version=2`);
    expect(removed.status).toBe(200);
    expect(removed.json.records).toBe(0);
    const events = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityType, 'disclosure'), eq(auditEvents.entityId, String(register.notDue))),
      );
    expect(events.map((event) => event.action)).toEqual([
      'disclosure.create',
      'disclosure.record_add',
      'disclosure.record_update',
      'disclosure.record_remove',
    ]);
  });
});

describe('the compliance board', () => {
  it('counts each commune’s obligations by outcome, sums them, and opens each count to its list', async () => {
    const board = await coordinator.request('GET', '/api/disclosures/board?perPage=2');
    expect(board.status).toBe(200);
    expect(board.json.total).toBe(104);
    expect(board.json.items[0]).toMatchObject({
      unitId: unitA,
      counts: { on_time: 1, late: 1, missing: 1, taken_down_early: 1, not_due: 1 },
      problems: 3,
      onTime: 25,
      numerator: 1,
      denominator: 4,
    });
    const other = await coordinator.request('GET', '/api/disclosures/board?q=tan hung');
    expect(other.json.items[0]).toMatchObject({
      unitId: unitB,
      counts: { on_time: 1, late: 0, missing: 0, taken_down_early: 0, not_due: 0 },
      onTime: 100,
    });
    expect(board.json.overall).toMatchObject({
      counts: { on_time: 2, late: 1, missing: 1, taken_down_early: 1, not_due: 1 },
      numerator: 2,
      denominator: 5,
      onTime: 40,
    });
    const missing = await coordinator.request('GET', `/api/disclosures?unitId=${unitA}&status=missing`);
    expect(missing.json.total).toBe(1);
    expect(missing.json.items[0]).toMatchObject({
      id: register.missing,
      title: 'Dự án cải tạo đường khu phố 3',
      due: '2026-01-12',
      status: 'missing',
    });
    // A commune's coordinator sees its own commune only.
    const own = await coordinatorA.request('GET', '/api/disclosures/board');
    expect(own.json.total).toBe(1);
    expect(own.json.overall.counts.on_time).toBe(1);
  });

  it('lists a unit’s obligations with search without diacritics and sorting', async () => {
    const found = await reporterA.request('GET', `/api/disclosures?unitId=${unitA}&q=ho ngheo`);
    expect(found.json.items.map((item: { id: number }) => item.id)).toEqual([register.late]);
    const byDue = await reporterA.request('GET', `/api/disclosures?unitId=${unitA}&sort=due`);
    expect(byDue.json.items.map((item: { due: string }) => item.due)).toEqual([
      '2026-01-12',
      '2026-02-09',
      '2026-02-09',
      '2026-03-09',
      '2026-03-25',
    ]);
    expect((await reporterA.request('GET', `/api/disclosures?unitId=${unitB}`)).status).toBe(404);
  });
});

describe('DISCLOSURE_ON_TIME', () => {
  it('is each commune’s on-time share of the obligations due in the quarter, summed up to the province', async () => {
    const figure = async (session: Session, unitId: number) => {
      const values = await session.request('GET', `/api/units/${unitId}/indicator-values?period=2026Q1`);
      expect(values.status).toBe(200);
      return values.json.disclosures.find((entry: { code: string }) => entry.code === 'DISCLOSURE_ON_TIME');
    };
    expect(await figure(reporterA, unitA)).toMatchObject({ numerator: 1, denominator: 4, rate: 25 });
    expect(await figure(reporterB, unitB)).toMatchObject({ numerator: 1, denominator: 1, rate: 100 });
    const province = await unitIdByCode(t.database, '33');
    // 2026Q1's data window runs 15/12/2025–14/03/2026: the plan due 25/03 is not in it.
    expect(await figure(coordinator, province)).toMatchObject({ numerator: 2, denominator: 5, rate: 40 });
  });
});

describe('the catalogue', () => {
  it('is edited at the province, not by a commune’s coordinator, and a code’s versions never overlap', async () => {
    const list = await reporterA.request('GET', '/api/disclosures/catalogue');
    expect(list.status).toBe(200);
    const poor = list.json.find((item: { code: string }) => item.code === 'HO_NGHEO');
    expect(poor).toMatchObject({ loudspeakerDays: 3, unconfirmed: true, validFrom: '2023-07-01' });
    const { id, builtIn: _builtIn, ...fields } = poor;
    const edited = { ...fields, validFrom: '01/07/2023', loudspeakerDays: 5 };
    expect((await coordinatorA.request('PUT', `/api/disclosures/catalogue/${id}`, edited)).status).toBe(403);
    const saved = await coordinator.request('PUT', `/api/disclosures/catalogue/${id}`, edited);
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ loudspeakerDays: 5, version: 2 });
    const overlapping = await coordinator.request('POST', '/api/disclosures/catalogue', {
      ...fields,
      validFrom: '01/01/2027',
      version: undefined,
    });
    expect(overlapping.status).toBe(400);
    expect(overlapping.json.error.details.fields[0].path).toBe('validFrom');
    const ended = await coordinator.request('PUT', `/api/disclosures/catalogue/${id}`, {
      ...edited,
      validTo: '31/12/2026',
      version: 2,
    });
    expect(ended.status).toBe(200);
    const next = await coordinator.request('POST', '/api/disclosures/catalogue', {
      ...fields,
      validFrom: '01/01/2027',
      version: undefined,
    });
    expect(next.status).toBe(201);
    expect(next.json).toMatchObject({
      code: 'HO_NGHEO',
      validFrom: '2027-01-01',
      validTo: null,
      builtIn: false,
    });
  });

  it('an obligation keeps being judged by the rule of its decision day after the catalogue changes', async () => {
    const id = await recordObligation(
      reporterA,
      unitA,
      {
        itemCode: 'NS_THUC_HIEN_QUY',
        title: 'Thực hiện dự toán quý IV năm 2025',
        decisionDate: '05/01/2026',
        periodTo: '31/12/2025',
      },
      [{ place: 'office', from: '14/01/2026' }],
    );
    const detail = await reporterA.request('GET', `/api/disclosures/${id}`);
    expect(detail.json.rule.basis).toContain('Thông tư 343/2016/TT-BTC');
    expect(detail.json.due).toBe('2026-01-15');
    expect(detail.json.status).toBe('missing');
  });
});
