import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Framework, walkCriteria } from '../../core/frameworks/framework.ts';
import type { LeaderOverview } from '../../core/overview/leader-overview.ts';
import { bumpDataVersion } from '../db/read-cache.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type TestApp, unitIdByCode } from '../test/harness.ts';

/**
 * With a published round, the weakest communes are those with the lowest results in it. The round is
 * written straight into the tables (as bench/overview.ts does): what is tested is the overview's reading.
 */
let t: TestApp;
let roundId: number;
let communes: number;
beforeAll(async () => {
  t = await createTestApp();
  const { pool } = t.database;
  const province = await unitIdByCode(t.database, '33');
  const framework = (
    await pool.query<{ id: number; definition: Framework }>(
      "select id, definition from frameworks where code = 'HY_CCHC_XA' order by id desc limit 1",
    )
  ).rows[0];
  if (!framework) throw new Error('the demo commune framework is missing');
  const leaves = walkCriteria(framework.definition.criteria)
    .filter(({ criterion }) => !criterion.children?.length)
    .map(({ criterion, parent }) => ({ code: criterion.code, max: criterion.maxPoints, area: parent }));
  roundId = (
    await pool.query<{ id: number }>(
      `insert into assessment_rounds (framework_id, owner_unit_id, name, year, stage, deadlines, published_at)
       values ($1, $2, 'Đánh giá CCHC cấp xã năm 2025', 2025, 'published', '{}', now()) returning id`,
      [framework.id, province],
    )
  ).rows[0]?.id as number;
  communes = (
    await pool.query(
      `insert into round_units (round_id, unit_id, self_submitted_at)
       select $1, id, now() from units where parent_id = $2 and type = 'commune' and valid_to is null`,
      [roundId, province],
    )
  ).rowCount as number;
  // Full marks everywhere, except Xã Tân Hưng (nothing) and Phường Phố Hiến (nothing in area XA.3, 20 points).
  const tanHung = await unitIdByCode(t.database, '11977');
  const phoHien = await unitIdByCode(t.database, '11953');
  await pool.query(
    `insert into round_scores (round_id, unit_id, criterion_code, self_score)
     select $1, u.unit_id, l.code,
       case when u.unit_id = $3 then 0 when u.unit_id = $4 and l.area = 'XA.3' then 0 else l.max end
     from round_units u cross join jsonb_to_recordset($2::jsonb) as l(code text, max float8, area text)
     where u.round_id = $1`,
    [roundId, JSON.stringify(leaves), tanHung, phoHien],
  );
  bumpDataVersion();
});
afterAll(() => t.close());

describe('the leader’s overview with a published round', () => {
  it('names the weakest communes by the round’s results and sums the round up, as its results page does', async () => {
    const leader = await signInAs(t, 'leader', '33');
    const overview = (await leader.request('GET', '/api/overview/leader')).json as LeaderOverview;
    expect(overview.weakestCommunes.basis).toBe('round');
    expect(overview.weakestCommunes.round).toEqual({
      id: roundId,
      name: 'Đánh giá CCHC cấp xã năm 2025',
      year: 2025,
    });
    const [first, second, ...rest] = overview.weakestCommunes.items;
    expect(first).toEqual({
      unit: { id: await unitIdByCode(t.database, '11977'), name: 'Xã Tân Hưng' },
      percent: 0,
      band: 'Yếu',
      rank: communes,
      onTimeRate: null,
    });
    expect(second).toEqual({
      unit: { id: await unitIdByCode(t.database, '11953'), name: 'Phường Phố Hiến' },
      percent: 80,
      band: 'Khá',
      rank: communes - 1,
      onTimeRate: null,
    });
    expect(rest).toHaveLength(8);
    expect(rest.every((item) => item.percent === 100 && item.band === 'Tốt' && item.rank === 1)).toBe(true);
    // The eight others are the first by name among the communes at full marks.
    const results = (await leader.request('GET', `/api/rounds/${roundId}/results`)).json;
    const full = results.units
      .filter((unit: { percent: number }) => unit.percent === 100)
      .map((unit: { name: string }) => unit.name)
      .sort((a: string, b: string) => a.localeCompare(b, 'vi'));
    expect(rest.map((item) => item.unit.name)).toEqual(full.slice(0, 8));

    expect(overview.latestRound).toEqual({
      id: roundId,
      name: 'Đánh giá CCHC cấp xã năm 2025',
      year: 2025,
      publishedAt: expect.any(String),
      units: communes,
      participating: communes,
      averagePercent: Math.round(((80 + 100 * (communes - 2)) / communes) * 100) / 100,
      bands: expect.arrayContaining([
        { label: 'Tốt', count: communes - 2 },
        { label: 'Khá', count: 1 },
        { label: 'Yếu', count: 1 },
      ]),
      top: results.units.slice(0, 3).map((unit: { unitId: number; name: string }) => ({
        unit: { id: unit.unitId, name: unit.name },
        percent: 100,
        rank: 1,
      })),
    });
  });
});
