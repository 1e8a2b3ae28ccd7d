import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpDataVersion } from '../db/read-cache.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { buildScoredRound, communeFramework } from '../test/scored-round.ts';

/**
 * The weak criteria of a published round against the year before: in 2025 Phường Phố Hiến lost every
 * point of area XA.3 (it had them all in 2024), Xã Tân Hưng lost nothing (it had lost XA.3 in 2024).
 */
let t: TestApp;
let coordinator: Session;
let reporter: Session;
let roundId: number;
let leaves: { code: string; nameVi: string; max: number; area: string | null }[];

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signInAs(t, 'coordinator', '33');
  reporter = await signInAs(t, 'unit_reporter', '11953');
  roundId = (await buildScoredRound(t, { stage: 'published' })).id;
  const { pool } = t.database;
  const framework = await communeFramework(t);
  leaves = framework.leaves.filter((leaf) => leaf.area === 'XA.3');
  const all = framework.leaves.map(({ code, max, area }) => ({ code, max, area }));
  const province = await unitIdByCode(t.database, '33');
  const tanHung = await unitIdByCode(t.database, '11977');
  const phoHien = await unitIdByCode(t.database, '11953');
  const before = (
    await pool.query<{ id: number }>(
      `insert into assessment_rounds (framework_id, owner_unit_id, name, year, stage, deadlines, published_at)
       values ($1, $2, 'Đánh giá năm 2024', 2024, 'published', '{}', now()) returning id`,
      [framework.id, province],
    )
  ).rows[0] as { id: number };
  await pool.query(
    `insert into round_units (round_id, unit_id, self_submitted_at) values ($1, $2, now()), ($1, $3, now())`,
    [before.id, tanHung, phoHien],
  );
  await pool.query(
    `insert into round_scores (round_id, unit_id, criterion_code, self_score)
     select $1, u.unit_id, l.code, case when u.unit_id = $3 and l.area = 'XA.3' then 0 else l.max end
     from round_units u cross join jsonb_to_recordset($2::jsonb) as l(code text, max float8, area text)
     where u.round_id = $1`,
    [before.id, JSON.stringify(all), tanHung],
  );
  bumpDataVersion();
}, 120_000);
afterAll(() => t.close());

describe('the weak criteria of a published round', () => {
  it('name each unit’s criteria below full marks with last year’s score, and count units per criterion', async () => {
    const response = await coordinator.request('GET', `/api/rounds/${roundId}/weak-criteria`);
    expect(response.status).toBe(200);
    const { round, previousRound, criteria, units } = response.json;
    expect(round).toMatchObject({ id: roundId, year: 2025 });
    expect(previousRound).toMatchObject({ name: 'Đánh giá năm 2024', year: 2024 });
    expect(leaves.reduce((sum, leaf) => sum + leaf.max, 0)).toBe(20);
    // Only Phố Hiến lost points this year, on every leaf of XA.3; last year only Tân Hưng had.
    expect(criteria).toEqual(
      [...leaves]
        .sort((a, b) => b.max - a.max || a.code.localeCompare(b.code, 'vi', { numeric: true }))
        .map((leaf) => ({
          code: leaf.code,
          nameVi: leaf.nameVi,
          maxPoints: leaf.max,
          units: 1,
          lost: leaf.max,
          previousUnits: 1,
        })),
    );
    expect(
      units.map((unit: { name: string; rank: number; gaps: unknown[] }) => [
        unit.name,
        unit.rank,
        unit.gaps.length,
      ]),
    ).toEqual([
      ['Xã Tân Hưng', 1, 0],
      ['Phường Phố Hiến', 2, leaves.length],
    ]);
    const phoHien = units[1];
    for (const gap of phoHien.gaps)
      expect(gap).toMatchObject({ score: 0, lost: gap.maxPoints, previousScore: gap.maxPoints });
  });

  it('are read by the round’s people once published, as its results are', async () => {
    expect((await reporter.request('GET', `/api/rounds/${roundId}/weak-criteria`)).status).toBe(200);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/rounds/${roundId}/weak-criteria` });
    expect(anonymous.statusCode).toBe(401);
  });
});
