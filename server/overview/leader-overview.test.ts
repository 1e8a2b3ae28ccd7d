import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierCounters } from '../../core/indicators/dossier-indicators.ts';
import type { LeaderOverview } from '../../core/overview/leader-overview.ts';
import { fixedClock } from '../clock.ts';
import { bumpDataVersion } from '../db/read-cache.ts';
import { dossierRollups } from '../db/schema/index.ts';
import { buildPlan, buildReport, signInAs, taskOf } from '../test/factories.ts';
import { createTestApp, type TestApp, unitIdByCode } from '../test/harness.ts';

/** 2 December 2026, 10:00 in Vietnam: the fourth quarter's reports are due on the 20th. */
const NOW = '2026-12-02T03:00:00Z';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: fixedClock(NOW) });
});
afterAll(() => t.close());

async function rollup(code: string, counters: Partial<DossierCounters>) {
  const unitId = await unitIdByCode(t.database, code);
  await t.database.db
    .insert(dossierRollups)
    .values({ unitId, periodCode: '2026Q4', field: 'Hộ tịch', ...counters });
  bumpDataVersion();
}

describe('the leader’s overview', () => {
  it('counts an overdue task no lead was mapped to for the plan’s issuer, as the plan page does', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const plan = await buildPlan(t, {
      author: coordinator,
      tasks: [
        { ref: '1', leadCodes: ['33.SNV'] },
        { ref: '2', leadCodes: ['33.SNV', '33.STP'] },
        // "Các sở, ban, ngành": a lead the document names that nobody mapped to a unit.
        { ref: '3', leadCodes: [] },
      ],
      due: '2026-06-30',
    });
    expect(plan.overdueCount).toBe(3);
    const overdue = await coordinator.request('GET', '/api/plan-tasks?overdue=true');
    expect(overdue.json.total).toBe(3);
    expect(overdue.json.items.map((item: { ref: string }) => item.ref).sort()).toEqual(['1', '2', '3']);
    // Sở Nội vụ answers for the two it leads, not for the unmapped one.
    const snv = await signInAs(t, 'unit_reporter', '33.SNV');
    expect((await snv.request('GET', '/api/plan-tasks?overdue=true')).json.total).toBe(2);

    const leader = await signInAs(t, 'leader', '33');
    const first = (await leader.request('GET', '/api/overview/leader')).json as LeaderOverview;
    expect(first.overdueTasks).toEqual({
      total: 3,
      byUnit: [
        {
          unit: { id: await unitIdByCode(t.database, '33.SNV'), name: 'Sở Nội vụ', type: 'department' },
          count: 2,
        },
        {
          unit: { id: await unitIdByCode(t.database, '33.STP'), name: 'Sở Tư pháp', type: 'department' },
          count: 1,
        },
        {
          unit: {
            id: await unitIdByCode(t.database, '33'),
            name: 'Ủy ban nhân dân tỉnh Hưng Yên',
            type: 'province',
          },
          count: 1,
        },
      ],
    });

    // Done is no longer overdue: the next answer knows at once (the cache forgets on any change).
    const task = taskOf(plan, '1');
    const done = await coordinator.request('PATCH', `/api/plans/${plan.id}/items/${task.id}`, {
      status: 'done',
      progress: 100,
      version: task.version,
    });
    expect(done.status).toBe(200);
    const second = (await leader.request('GET', '/api/overview/leader')).json as LeaderOverview;
    expect(second.overdueTasks.total).toBe(2);
    expect(second.overdueTasks.byUnit.map((entry) => [entry.unit.name, entry.count])).toEqual([
      ['Sở Nội vụ', 1],
      ['Sở Tư pháp', 1],
      ['Ủy ban nhân dân tỉnh Hưng Yên', 1],
    ]);
  });

  it('reads PAPI, dossiers against targets, the current quarter’s reports and the weakest communes', async () => {
    await buildReport(t, { unitCode: '33.SNV', periodCode: '2026Q4', submit: true });
    // Phố Hiến 9 of 10 on time, Tân Hưng 5 of 10, Sơn Nam 10 of 10; the others have no dossiers.
    await rollup('11953', {
      received: 10,
      finished: 10,
      finishedOnTime: 9,
      finishedLate: 1,
      receivedOnlineFull: 7,
    });
    await rollup('11977', {
      received: 10,
      finished: 10,
      finishedOnTime: 5,
      finishedLate: 5,
      receivedOnlineFull: 2,
    });
    await rollup('11983', { received: 10, finished: 10, finishedOnTime: 10, receivedOnlineFull: 9 });
    const leader = await signInAs(t, 'leader', '33');
    const response = await leader.request('GET', '/api/overview/leader');
    expect(response.status).toBe(200);
    const overview = response.json as LeaderOverview;
    expect(overview.unit).toEqual({
      id: await unitIdByCode(t.database, '33'),
      name: 'Ủy ban nhân dân tỉnh Hưng Yên',
    });
    expect(overview.today).toBe('2026-12-02');

    // Hưng Yên today is the Hưng Yên and Thái Bình PAPI measured (19th and 15th of the 61 ranked in 2024).
    expect(overview.papi?.year).toBe(2024);
    expect(
      overview.papi?.provinces.map((entry) => [
        entry.code,
        entry.name,
        entry.rank,
        entry.ranked,
        entry.trend.length,
      ]),
    ).toEqual([
      ['33', 'Hưng Yên', 19, 61, 7],
      ['34', 'Thái Bình', 15, 61, 7],
    ]);
    expect(overview.papi?.provinces[0]?.trend.map((point) => [point.year, point.rank])).toEqual([
      [2018, 37],
      [2019, 60],
      [2020, 44],
      [2021, 5],
      [2022, 11],
      [2023, 12],
      [2024, 19],
    ]);

    // 24 of 30 on time is 80%: short of "above 95%" by more than the 5-point margin, so missed.
    expect(overview.dossiers.period).toBe('2026Q4');
    expect(overview.dossiers.kpis.find((kpi) => kpi.code === 'DOSSIER_ON_TIME')).toEqual({
      code: 'DOSSIER_ON_TIME',
      nameVi: expect.any(String),
      nameEn: expect.any(String),
      numerator: 24,
      denominator: 30,
      rate: 80,
      target: { operator: '>', threshold: 95, riskMargin: 5 },
      status: 'missed',
    });
    expect(overview.dossiers.kpis.find((kpi) => kpi.code === 'DOSSIER_ONLINE_FULL')).toMatchObject({
      numerator: 18,
      denominator: 30,
      rate: 60,
      status: 'met',
    });

    // The quarter containing today, 2026Q4: one of 116 units has sent (on time), the rest are not yet due.
    expect(overview.reports.period).toMatchObject({ code: '2026Q4', deadline: '2026-12-20' });
    expect(overview.reports.counts).toEqual({
      expected: 116,
      submitted: 1,
      onTime: 1,
      late: 0,
      missing: 0,
      pending: 115,
    });

    // The quarter before, due on 20/09: nobody sent it, so every unit is missing.
    expect(overview.previousReports.period).toMatchObject({ code: '2026Q3', deadline: '2026-09-20' });
    expect(overview.previousReports.counts).toEqual({
      expected: 116,
      submitted: 0,
      onTime: 0,
      late: 0,
      missing: 116,
      pending: 0,
    });

    // No published round: the weakest communes are those with the lowest on-time rate this quarter.
    expect(overview.latestRound).toBeNull();
    expect(overview.weakestCommunes.basis).toBe('dossiers');
    expect(overview.weakestCommunes.items.map((item) => [item.unit.name, item.onTimeRate])).toEqual([
      ['Xã Tân Hưng', 50],
      ['Phường Phố Hiến', 90],
      ['Phường Sơn Nam', 100],
    ]);
  });

  it('after a report step recomputes the report boards at once and keeps the dossiers it read', async () => {
    const reporter = await signInAs(t, 'unit_reporter', '33.STP');
    const head = await signInAs(t, 'unit_head', '33.STP');
    const leader = await signInAs(t, 'leader', '33');
    const before = (await leader.request('GET', '/api/overview/leader')).json as LeaderOverview;
    expect(before.reports.counts).toMatchObject({ submitted: 1, onTime: 1, pending: 115 });
    const onTime = () => before.dossiers.kpis.find((kpi) => kpi.code === 'DOSSIER_ON_TIME');
    expect(onTime()).toMatchObject({ numerator: 24, denominator: 30 });

    // A roll-up written behind the server's back (no change announced) stays unseen while only report
    // steps are announced: they touch reports and plan items, not dossiers.
    await t.database.db.insert(dossierRollups).values({
      unitId: await unitIdByCode(t.database, '11983'),
      periodCode: '2026Q4',
      field: 'Chứng thực',
      received: 10,
      finished: 10,
      finishedLate: 10,
    });
    const unitId = await unitIdByCode(t.database, '33.STP');
    const opened = await reporter.request('POST', '/api/reports', { unitId, periodCode: '2026Q4' });
    expect(opened.status).toBe(200);
    const sent = await head.request('POST', `/api/reports/${opened.json.id}/transitions`, {
      action: 'submit',
      version: opened.json.version,
    });
    expect(sent.status).toBe(200);
    const after = (await leader.request('GET', '/api/overview/leader')).json as LeaderOverview;
    expect(after.reports.counts).toEqual({
      expected: 116,
      submitted: 2,
      onTime: 2,
      late: 0,
      missing: 0,
      pending: 114,
    });
    expect(after.dossiers.kpis.find((kpi) => kpi.code === 'DOSSIER_ON_TIME')).toMatchObject({
      numerator: 24,
      denominator: 30,
    });

    // Any change that does not say what it touched recomputes everything.
    bumpDataVersion();
    const broad = (await leader.request('GET', '/api/overview/leader')).json as LeaderOverview;
    expect(broad.dossiers.kpis.find((kpi) => kpi.code === 'DOSSIER_ON_TIME')).toMatchObject({
      numerator: 24,
      denominator: 40,
      rate: 60,
    });
    expect(broad.reports.counts.submitted).toBe(2);
  });

  it('tells the year’s petitions with the on-time target and the units most overdue, closed never read as resolved', async () => {
    // Paper petitions entered by the communes: two at Phố Hiến from October (overdue, unanswered), one at
    // 11977 answered and closed as not resolved, one at 11977 received today (not yet due).
    const enter = async (commune: string, receivedOn: string, n: number) => {
      const reporter = await signInAs(t, 'unit_reporter', commune);
      const entered = await reporter.request('POST', '/api/feedback', {
        kind: 'pakn_general',
        categoryCode: 'infrastructure',
        communeCode: commune,
        text: `Phản ánh ${n} của tổng quan: cống thoát nước ở tổ dân phố bị tắc, nước tràn ra đường.`,
        channel: 'paper',
        receivedOn,
      });
      expect(entered.status).toBe(201);
      return { reporter, id: entered.json.id as number };
    };
    await enter('11953', '2026-10-01', 1);
    await enter('11953', '2026-10-02', 2);
    const answered = await enter('11977', '2026-11-30', 3);
    await enter('11977', '2026-12-02', 4);
    const act = async (body: Record<string, unknown>) => {
      const { version } = (await answered.reporter.request('GET', `/api/feedback/${answered.id}`)).json;
      const reply = await answered.reporter.request('POST', `/api/feedback/${answered.id}/actions`, {
        ...body,
        version,
      });
      expect(reply.status).toBe(200);
    };
    await act({ type: 'accept' });
    await act({ type: 'answer', outcome: 'not_resolved', answer: 'Chưa có kinh phí.', reason: 'Chờ vốn' });
    await act({ type: 'close' });

    const leader = await signInAs(t, 'leader', '33');
    const overview = (await leader.request('GET', '/api/overview/leader')).json as LeaderOverview;
    expect(overview.feedback).toEqual({
      year: 2026,
      received: 4,
      // The answered one (same week) and the one not yet due; the two October ones are late.
      onTime: { numerator: 2, denominator: 4 },
      resolved: { numerator: 0, denominator: 1 },
      satisfied: { numerator: 0, denominator: 0 },
      medianDaysToAnswer: 2,
      overdue: 2,
      target: { operator: '>=', threshold: 90, riskMargin: 5 },
      status: 'missed',
      mostOverdue: [
        {
          unit: { id: await unitIdByCode(t.database, '11953'), name: expect.any(String) },
          overdue: 2,
          onTime: { numerator: 0, denominator: 2 },
        },
      ],
    });
  });

  it('is for whoever oversees the province: not a commune’s coordinator, a reporter or a stranger', async () => {
    expect(
      (await (await signInAs(t, 'coordinator', '33')).request('GET', '/api/overview/leader')).status,
    ).toBe(200);
    const commune = await signInAs(t, 'coordinator', '11953');
    const refused = await commune.request('GET', '/api/overview/leader');
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toBe(
      'Tổng quan của lãnh đạo dành cho người được phân quyền ở cấp tỉnh.',
    );
    expect(
      (await (await signInAs(t, 'unit_reporter', '33.SNV')).request('GET', '/api/overview/leader')).status,
    ).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/overview/leader' })).statusCode).toBe(401);
  });
});
