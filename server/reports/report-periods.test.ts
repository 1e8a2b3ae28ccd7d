import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ now: fixedClock('2026-12-02T09:00:00+07:00') });
});
afterAll(() => t.close());

describe('GET /api/reports/periods: the periods to pick, by the injected clock', () => {
  it('on 2 December 2026 offers every period of 2026, 6 tháng cuối năm and the year included', async () => {
    const reporter = await signInAs(t, 'unit_reporter', '33.SNV');
    const answer = await reporter.request('GET', '/api/reports/periods');
    expect(answer.status).toBe(200);
    expect(answer.json.today).toBe('2026-12-02');
    expect(answer.json.year).toBe(2026);
    expect(answer.json.years).toEqual([2026, 2025, 2024, 2023, 2022]);
    expect(answer.json.periods.map((period: { code: string }) => period.code)).toEqual([
      '2026Q4',
      '2026Q3',
      '2026Q2',
      '2026Q1',
      '2026S2',
      '2026S1',
      '2026',
      '2026M12',
      '2026M11',
      '2026M10',
      '2026M09',
      '2026M08',
      '2026M07',
      '2026M06',
      '2026M05',
      '2026M04',
      '2026M03',
      '2026M02',
      '2026M01',
    ]);
    expect(answer.json.periods[4]).toEqual({
      code: '2026S2',
      kind: 'half',
      state: 'open',
      dataFrom: '2026-06-15',
      dataTo: '2026-12-14',
      due: '2026-12-20',
      internalDue: null,
      deadline: '2026-12-20',
    });
  });

  it('a year to come offers nothing yet; a past one is all overdue; a year that is not one is a 400', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const next = await coordinator.request('GET', '/api/reports/periods?year=2027');
    expect(next.json.periods).toEqual([]);
    const last = await coordinator.request('GET', '/api/reports/periods?year=2025');
    expect(last.json.periods).toHaveLength(19);
    expect(new Set(last.json.periods.map((period: { state: string }) => period.state))).toEqual(
      new Set(['overdue']),
    );
    expect((await coordinator.request('GET', '/api/reports/periods?year=20x6')).status).toBe(400);
  });
});

describe('the unit’s inbox on 2 December 2026 uses the same periods', () => {
  it('lists what falls due from August to January: Q3 overdue, then Q4, 6 tháng cuối năm and the year due on the 20th', async () => {
    const reporter = await signInAs(t, 'unit_reporter', '33.SNV');
    const inbox = (await reporter.request('GET', '/api/reports/inbox')).json;
    const mine = inbox.items.filter((item: { unit: { name: string } }) => item.unit.name === 'Sở Nội vụ');
    expect(
      mine.map((item: { period: { code: string; state: string }; overdue: boolean }) => [
        item.period.code,
        item.period.state,
        item.overdue,
      ]),
    ).toEqual([
      ['2026Q3', 'overdue', true],
      ['2026Q4', 'open', false],
      ['2026S2', 'open', false],
      ['2026', 'open', false],
    ]);
  });
});
