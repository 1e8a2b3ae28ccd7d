import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/engine.ts';
import { dossierDashboard } from '../indicators/dashboard-service.ts';
import { openTestDatabase, unitIdByCode } from '../test/harness.ts';
import { loadDemoDossiers } from './demo-dossiers.ts';
import { SYSTEM_ACTOR, SYSTEM_USER } from './initialise.ts';

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe('demo dossiers', () => {
  it('give the demo province eight quarters of figures up to today, imported like any file', async () => {
    const today = '2026-11-20';
    const imported = await loadDemoDossiers(database, today);
    const { rows } = await database.pool.query<{ n: number; units: number; last: Date }>(
      `select count(*)::int as n, count(distinct unit_id)::int as units, max(greatest(received_at, finished_at)) as last
       from dossiers`,
    );
    expect(rows[0]?.n).toBe(imported);
    // Every commune and department of the demo has its dossiers, about 40 a quarter.
    expect(imported).toBeGreaterThan((rows[0]?.units ?? 0) * 8 * 30);
    expect(rows[0]?.last.getTime()).toBeLessThanOrEqual(Date.parse(`${today}T23:59:59+07:00`));

    const province = await unitIdByCode(database, '33');
    const ctx = { db: database.db, actor: SYSTEM_ACTOR, ip: null, user: SYSTEM_USER };
    const dashboard = await dossierDashboard(ctx, { unitId: province, period: '2026Q4' });
    expect(dashboard.periods).toHaveLength(8);
    const rate = (period: string, code: string) =>
      dashboard.trend.find((point) => point.period === period)?.values[code] ?? null;
    for (const period of dashboard.periods) {
      // Punctual mostly, not always (rates in per cent); more online as the quarters pass.
      expect(rate(period, 'DOSSIER_ON_TIME')).toBeGreaterThan(80);
      expect(rate(period, 'DOSSIER_ON_TIME')).toBeLessThan(99);
    }
    const [first = '', last = ''] = [dashboard.periods[0], dashboard.periods.at(-1)];
    expect(rate(last, 'DOSSIER_ONLINE') ?? 0).toBeGreaterThan((rate(first, 'DOSSIER_ONLINE') ?? 100) + 20);
    // Communes and departments are ranked with figures of their own.
    expect(dashboard.children.length).toBeGreaterThan(1);
    const late = await database.pool.query<{ n: number; apologised: number }>(
      `select count(*)::int as n, (count(*) filter (where apology_issued))::int as apologised
       from dossiers where finished_at > due_at`,
    );
    expect(late.rows[0]?.apologised).toBeGreaterThan(0);
    expect(late.rows[0]?.apologised).toBeLessThan(late.rows[0]?.n ?? 0);
  });
});
