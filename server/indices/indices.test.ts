import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp } from '../test/harness.ts';

let t: TestApp;
let reporter: Session;

beforeAll(async () => {
  t = await createTestApp();
  reporter = await signInAs(t, 'unit_reporter', '11953');
});
afterAll(() => t.close());

describe('PAPI results from the database', () => {
  it('loads 2018–2024 with every installation and computes the published ranking', async () => {
    expect((await reporter.request('GET', '/api/indices/papi/years')).json.years).toEqual([
      2018, 2019, 2020, 2021, 2022, 2023, 2024,
    ]);
    const { json } = await reporter.request('GET', '/api/indices/papi/results?year=2020');
    expect(json.items).toHaveLength(63);
    expect(json.items.find((row: { unit: string }) => row.unit === 'Quảng Ninh')).toMatchObject({
      unitCode: '22',
      total: 48.8114,
      rank: 1,
      group: 1,
    });
    const unranked = (await reporter.request('GET', '/api/indices/papi/results?year=2023')).json.items.filter(
      (row: { rank: number | null }) => row.rank === null,
    );
    expect(unranked.map((row: { unit: string }) => row.unit).sort()).toEqual(['Bình Dương', 'Quảng Ninh']);
  });

  it("shows what the old provinces that formed today's Hưng Yên scored, year by year", async () => {
    const hungYen = (await reporter.request('GET', '/api/indices/papi/provinces/33')).json.items;
    const thaiBinh = (await reporter.request('GET', '/api/indices/papi/provinces/34')).json.items;
    expect(hungYen.map((entry: { year: number }) => entry.year)).toEqual([
      2018, 2019, 2020, 2021, 2022, 2023, 2024,
    ]);
    expect(hungYen.find((entry: { year: number }) => entry.year === 2020)).toMatchObject({
      unit: 'Hưng Yên',
      total: 42.1698,
      rank: 44,
      group: 3,
      ranked: 63,
    });
    expect(thaiBinh.find((entry: { year: number }) => entry.year === 2020)).toMatchObject({
      unit: 'Thái Bình',
      rank: 20,
      group: 2,
    });
    expect(Object.keys(hungYen[0].dimensionGroups)).toHaveLength(8);
  });

  it('maps the 63 old provinces onto the 34 of today: Hưng Yên was formed from Hưng Yên and Thái Bình', async () => {
    const { items } = (await reporter.request('GET', '/api/indices/provinces-2025')).json;
    expect(items).toHaveLength(34);
    expect(items.flatMap((item: { predecessors: unknown[] }) => item.predecessors)).toHaveLength(63);
    expect(items.find((item: { code: string }) => item.code === '33')).toEqual({
      code: '33',
      name: 'Tỉnh Hưng Yên',
      predecessors: [
        { code: '33', name: 'Hưng Yên' },
        { code: '34', name: 'Thái Bình' },
      ],
    });
  });

  it('refuses a year without data, a malformed code, and anonymous callers', async () => {
    expect((await reporter.request('GET', '/api/indices/papi/results?year=2010')).status).toBe(404);
    expect((await reporter.request('GET', '/api/indices/papi/provinces/hy')).status).toBe(400);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/indices/papi/results?year=2020' })).statusCode,
    ).toBe(401);
  });
});
