import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

let t: TestApp;
let coordinator: Session;
let departmentCoordinator: Session;
let reporter: Session;

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signInAs(t, 'coordinator', '33');
  departmentCoordinator = await signInAs(t, 'coordinator', '33.SNV');
  reporter = await signInAs(t, 'unit_reporter', '33.SNV');
});
afterAll(() => t.close());

/** A settings body with the version the coordinator reads now (every save carries the version read). */
const current = async (url: string, body: object) => ({
  ...body,
  version: (await coordinator.request('GET', url)).json.version,
});

describe('the reporting calendar a coordinator sets', () => {
  it('defaults to the 20th and no internal deadline; a report window follows what is saved', async () => {
    expect((await reporter.request('GET', '/api/settings/reporting-regime')).json).toEqual({
      dueDay: 20,
      internalDueWorkdays: null,
      version: 0,
    });
    const saved = await coordinator.request(
      'PUT',
      '/api/settings/reporting-regime',
      await current('/api/settings/reporting-regime', {
        dueDay: 22,
        internalDueWorkdays: 2,
      }),
    );
    expect(saved.status).toBe(200);
    const snvId = await unitIdByCode(t.database, '33.SNV');
    const report = await reporter.request('POST', '/api/reports', { unitId: snvId, periodCode: '2026Q2' });
    // Data close on Sunday 14/06/2026; two working days later is Tuesday 16/06.
    expect(report.json.period).toMatchObject({
      due: '2026-06-22',
      internalDue: '2026-06-16',
      deadline: '2026-06-16',
    });
    const board = await coordinator.request('GET', '/api/reports?period=2026Q2');
    expect(board.json.period.deadline).toBe('2026-06-16');
    const audit = await t.database.pool.query(
      "select before, after from audit_events where action = 'settings.reporting_regime'",
    );
    expect(audit.rows[0]).toMatchObject({
      before: { dueDay: 20 },
      after: { dueDay: 22, internalDueWorkdays: 2 },
    });
  });

  it('refuses a due day on the cut-off, a coordinator of one department, and a reporter', async () => {
    const bad = await coordinator.request(
      'PUT',
      '/api/settings/reporting-regime',
      await current('/api/settings/reporting-regime', {
        dueDay: 14,
        internalDueWorkdays: null,
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.fields[0].path).toBe('dueDay');
    const body = await current('/api/settings/reporting-regime', { dueDay: 20, internalDueWorkdays: null });
    expect((await departmentCoordinator.request('PUT', '/api/settings/reporting-regime', body)).status).toBe(
      403,
    );
    expect((await reporter.request('PUT', '/api/settings/reporting-regime', body)).status).toBe(403);
  });

  it('records a year’s official holiday schedule on top of the computed defaults', async () => {
    const before = await reporter.request('GET', '/api/settings/holidays?year=2027');
    expect(before.status).toBe(200);
    // Tết Đinh Mùi: 1/1 lunar is 06/02/2027; the five default days run from the eve.
    expect(
      before.json.defaults
        .filter((day: { name: string }) => day.name === 'Tết Nguyên đán')
        .map((day: { date: string }) => day.date),
    ).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']);
    const saved = await coordinator.request(
      'PUT',
      '/api/settings/holidays?year=2027',
      await current('/api/settings/holidays?year=2027', {
        daysOff: ['10/02/2027', '11/02/2027'],
        workingDays: ['20/02/2027'],
        notHolidays: [],
      }),
    );
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ daysOff: ['2027-02-10', '2027-02-11'], workingDays: ['2027-02-20'] });
    // Another year's schedule is kept when one year is saved.
    await coordinator.request(
      'PUT',
      '/api/settings/holidays?year=2026',
      await current('/api/settings/holidays?year=2026', {
        daysOff: ['23/02/2026'],
        workingDays: [],
        notHolidays: [],
      }),
    );
    expect((await reporter.request('GET', '/api/settings/holidays?year=2027')).json.daysOff).toEqual([
      '2027-02-10',
      '2027-02-11',
    ]);
    const wrongYear = await coordinator.request(
      'PUT',
      '/api/settings/holidays?year=2027',
      await current('/api/settings/holidays?year=2027', {
        daysOff: ['01/03/2026'],
        workingDays: [],
        notHolidays: [],
      }),
    );
    expect(wrongYear.status).toBe(400);
    expect(wrongYear.json.error.message).toContain('01/03/2026');
    const notADate = await coordinator.request(
      'PUT',
      '/api/settings/holidays?year=2027',
      await current('/api/settings/holidays?year=2027', {
        daysOff: ['31/02/2027'],
        workingDays: [],
        notHolidays: [],
      }),
    );
    expect(notADate.status).toBe(400);
    expect(
      (
        await departmentCoordinator.request(
          'PUT',
          '/api/settings/holidays?year=2027',
          await current('/api/settings/holidays?year=2027', {
            daysOff: [],
            workingDays: [],
            notHolidays: [],
          }),
        )
      ).status,
    ).toBe(403);
  });

  it('the recorded extra day off moves the internal deadline of a month straddling Tết', async () => {
    // What the tests above save, saved here too so this one also runs alone.
    await coordinator.request('PUT', '/api/settings/reporting-regime', {
      dueDay: 22,
      internalDueWorkdays: 2,
    });
    await coordinator.request('PUT', '/api/settings/holidays?year=2026', {
      daysOff: ['23/02/2026'],
      workingDays: [],
      notHolidays: [],
    });
    const snvId = await unitIdByCode(t.database, '33.SNV');
    // 2026M02 closes on Saturday 14/02; Tết takes 16–20/02 and the schedule adds 23/02: two working days → 25/02.
    const report = await reporter.request('POST', '/api/reports', { unitId: snvId, periodCode: '2026M02' });
    expect(report.json.period).toMatchObject({ dataTo: '2026-02-14', internalDue: '2026-02-25' });
  });
});
