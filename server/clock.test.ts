import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../core/text/dates.ts';
import { type Clock, clockFrom } from './clock.ts';
import { buildPlan, buildReport, buildRound, signInAs } from './test/factories.ts';
import { createTestApp, type TestApp, unitIdByCode } from './test/harness.ts';

/** Decisions by the date are taken by the app's clock, which a test sets. */
let t: TestApp;
let current = new Date('2026-06-15T09:00:00+07:00');
const clock: Clock = () => new Date(current);
/** Sets the clock to a time of a Vietnamese calendar day. */
const setDay = (day: string, time = '09:00:00') => {
  current = new Date(`${day}T${time}+07:00`);
};

beforeAll(async () => {
  t = await createTestApp({ now: clock });
});
afterAll(() => t.close());

interface BoardEntry {
  unit: { id: number };
  report: { submittedOn: string; onTime: boolean } | null;
}

describe('report deadlines by the injected clock', () => {
  it('a report sent on its deadline day is on time, one sent the day after is late', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const board = (await coordinator.request('GET', '/api/reports?period=2026Q1')).json;
    const deadline = board.period.deadline as string;
    expect(deadline).toBe('2026-03-20');

    setDay(deadline, '23:30:00');
    await buildReport(t, { unitCode: '33.SNV', periodCode: '2026Q1', submit: true });
    setDay(addDays(deadline, 1), '00:30:00');
    await buildReport(t, { unitCode: '33.STP', periodCode: '2026Q1', submit: true });

    const after = (await coordinator.request('GET', '/api/reports?period=2026Q1')).json;
    const entryOf = async (code: string) => {
      const id = await unitIdByCode(t.database, code);
      return (after.units as BoardEntry[]).find((entry) => entry.unit.id === id)?.report;
    };
    expect(await entryOf('33.SNV')).toMatchObject({ submittedOn: '2026-03-20', onTime: true });
    expect(await entryOf('33.STP')).toMatchObject({ submittedOn: '2026-03-21', onTime: false });
    const queue = (await coordinator.request('GET', '/api/reports/queue?period=2026Q1&sort=submittedAt'))
      .json;
    expect(
      queue.items.map((item: { submittedOn: string; onTime: boolean }) => [item.submittedOn, item.onTime]),
    ).toEqual([
      ['2026-03-20', true],
      ['2026-03-21', false],
    ]);
  });
});

describe('overdue tasks by the injected clock', () => {
  it('a task due yesterday is overdue; one due today is not', async () => {
    setDay('2026-06-15');
    await buildPlan(t, { leadCode: '33.SCT', due: '2026-06-14', title: 'Kế hoạch hạn hôm qua' });
    await buildPlan(t, { leadCode: '33.SCT', due: '2026-06-15', title: 'Kế hoạch hạn hôm nay' });
    const reporter = await signInAs(t, 'unit_reporter', '33.SCT');
    const tasks = (await reporter.request('GET', '/api/plan-tasks?sort=due')).json;
    expect(tasks.items.map((task: { due: string; overdue: boolean }) => [task.due, task.overdue])).toEqual([
      ['2026-06-14', true],
      ['2026-06-15', false],
    ]);
    const overdue = (await reporter.request('GET', '/api/plan-tasks?overdue=true')).json;
    expect(overdue.total).toBe(1);
    expect(overdue.items[0].due).toBe('2026-06-14');

    // The next day both are (a day later the session has ended too: signed in again).
    setDay('2026-06-16');
    expect((await reporter.request('GET', '/api/plan-tasks?overdue=true')).status).toBe(401);
    const nextDay = await signInAs(t, 'unit_reporter', '33.SCT');
    expect((await nextDay.request('GET', '/api/plan-tasks?overdue=true')).json.total).toBe(2);
  });
});

describe('assessment round deadlines by the injected clock', () => {
  it('the self-assessment is open through its deadline day and locked the day after', async () => {
    setDay('2026-06-30');
    const round = await buildRound(t, { deadlines: { self: '30/06/2026' } });
    const communeId = await unitIdByCode(t.database, '11953');
    const url = `/api/rounds/${round.id}/units/${communeId}/scores/XA.1.1`;
    setDay('2026-06-30', '23:30:00');
    const reporter = await signInAs(t, 'unit_reporter', '11953');
    expect((await reporter.request('PATCH', url, { selfScore: 1, version: 0 })).status).toBe(200);
    setDay('2026-07-01', '00:30:00');
    const locked = await reporter.request('PATCH', url, { selfScore: 2, version: 1 });
    expect(locked.status).toBe(403);
    expect(locked.json.error.message).toContain('hết hạn');
  });
});

describe('clockFrom (CHISO_NOW): starts at the given instant and runs on at the system’s pace', () => {
  it('keeps the offset it starts with', () => {
    let system = Date.parse('2030-01-01T00:00:00Z');
    const clock = clockFrom('2026-12-02T09:00:00+07:00', () => new Date(system));
    expect(clock().toISOString()).toBe('2026-12-02T02:00:00.000Z');
    system += 90_000;
    expect(clock().toISOString()).toBe('2026-12-02T02:01:30.000Z');
  });
});
