import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp } from '../test/harness.ts';

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

describe('the period board: a period is owed by the units in force on its deadline', () => {
  const boardOf = async (session: Session, period: string) => {
    const board = await session.request('GET', `/api/reports?period=${period}`);
    expect(board.status).toBe(200);
    return {
      deadline: board.json.period.deadline as string,
      units: (board.json.units as { unit: { name: string } }[]).map((entry) => entry.unit.name),
      expected: board.json.counts.total.expected as number,
    };
  };

  it('2025Q2 (due before the mergers of 1 July 2025) by the communes of then; 2026Q4 by those of now', async () => {
    // Phường Dị Sử closed on 30/06/2025 (merged into Phường Đường Hào, founded 01/07/2025); the old
    // communes sit under the province as it was before the mergers, read here installation-wide.
    const admin = await signInAs(t, 'admin', null);
    const before = await boardOf(admin, '2025Q2');
    const now = await boardOf(admin, '2026Q4');
    expect([before.deadline, now.deadline]).toEqual(['2025-06-20', '2026-12-20']);
    expect([before.units.includes('Phường Dị Sử'), before.units.includes('Phường Đường Hào')]).toEqual([
      true,
      false,
    ]);
    expect([now.units.includes('Phường Dị Sử'), now.units.includes('Phường Đường Hào')]).toEqual([
      false,
      true,
    ]);
    expect([before.expected, now.expected]).toEqual([before.units.length, now.units.length]);
  });

  it('the province of now owed nothing before it was founded: its 2025Q2 board is empty, its 2026Q4 board full', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    expect((await boardOf(coordinator, '2025Q2')).units).toEqual([]);
    expect((await boardOf(coordinator, '2026Q4')).expected).toBe(116);
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
