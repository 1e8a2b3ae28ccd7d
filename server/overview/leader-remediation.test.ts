import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareLevers } from '../../core/indices/levers.ts';
import type { LeaderOverview } from '../../core/overview/leader-overview.ts';
import type { ParsedPlan } from '../../core/plans/types.ts';
import { bumpDataVersion } from '../db/read-cache.ts';
import { findPapiLevers } from '../indices/papi-simulator-service.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { buildScoredRound, communeFramework, remediationPlanBody } from '../test/scored-round.ts';

/**
 * "What moves us most" and "is the remediation on track" in the leader's overview. The round is
 * test/scored-round.ts's: Phường Phố Hiến lost every point of area XA.3 (five criteria), Xã Tân Hưng
 * nothing, Xã Văn Giang did not take part. 10 March 2026, 10:00 in Vietnam.
 */
const NOW = new Date('2026-03-10T03:00:00Z');
let t: TestApp;
let roundId: number;
let phoHien: number;
let coordinator: Session;
let leader: Session;
let weakCodes: string[];

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  roundId = (await buildScoredRound(t, { stage: 'published' })).id;
  phoHien = await unitIdByCode(t.database, '11953');
  coordinator = await signInAs(t, 'coordinator', '11953');
  leader = await signInAs(t, 'leader', '33');
  weakCodes = (await communeFramework(t)).leaves
    .filter((leaf) => leaf.area === 'XA.3')
    .map((leaf) => leaf.code);
}, 120_000);
afterAll(() => t.close());

const overview = async () => {
  const response = await leader.request('GET', '/api/overview/leader');
  expect(response.status).toBe(200);
  return response.json as LeaderOverview;
};

/** Phố Hiến's remediation draft saved with the tasks remedying `codes` only (each due as given). */
async function savePlan(codes: Record<string, string>) {
  const { plan, agencies } = (
    await coordinator.request('GET', `/api/rounds/${roundId}/remediation-draft?unitId=${phoHien}`)
  ).json as { plan: ParsedPlan; agencies: { name: string; unit: { id: number } | null }[] };
  const body = remediationPlanBody(plan, agencies, { unitId: phoHien, roundId });
  body.tasks = body.tasks
    .filter((task) => typeof task.remedies === 'string' && task.remedies in codes)
    .map((task) => ({ ...task, due: codes[task.remedies as string] ?? null }));
  expect(body.tasks.map((task) => task.remedies)).toEqual(Object.keys(codes));
  const saved = await coordinator.request('POST', '/api/plans', body);
  expect([saved.status, saved.json.status]).toEqual([201, 'draft']);
  return saved.json as {
    id: number;
    version: number;
    items: { id: number; kind: string; remedies: string | null; version: number }[];
  };
}

const none = { unitsWithTask: 0, tasks: 0, done: 0, overdue: 0, meanProgress: null };

describe('the leader’s overview: what moves us most', () => {
  it('names for each old province the three dimensions a point moves most, as the simulator’s levers order them', async () => {
    const { levers } = await overview();
    expect(levers?.year).toBe(2024);
    expect(levers?.provinces.map((entry) => [entry.code, entry.name, entry.rank])).toEqual([
      ['33', 'Hưng Yên', 19],
      ['34', 'Thái Bình', 15],
    ]);
    const hungYen = levers?.provinces[0]?.items ?? [];
    // Every dimension buys 10 ranks a point (the total is an unweighted sum): what provinces gain in a
    // year tells them apart — public services (0,736), corruption control (0,6454), e-governance (0,4794).
    const sorted = [...findPapiLevers({ year: 2024, province: '33' }).items].sort(compareLevers);
    expect(hungYen[0]).toEqual(sorted[0]);
    expect(hungYen.map((lever) => [lever.dimension, lever.pointsToNextRank, lever.ranksPerPoint])).toEqual([
      ['PAPI.6', 0.0103, 10],
      ['PAPI.4', 0.0103, 10],
      ['PAPI.8', 0.0103, 10],
    ]);
    expect(levers?.provinces[1]?.items.map((lever) => [lever.dimension, lever.pointsToNextRank])).toEqual([
      ['PAPI.6', 0.0094],
      ['PAPI.4', 0.0094],
      ['PAPI.8', 0.0094],
    ]);
  });
});

describe('the leader’s overview: is the remediation on track', () => {
  it('counts only issued remediation plans, their tasks done, overdue and mean progress, per weak criterion', async () => {
    // Before any plan: one unit lost points, on the five criteria of XA.3, and nothing answers them.
    const before = (await overview()).remediation;
    expect(before?.round).toEqual({
      id: roundId,
      name: 'Đánh giá cải cách hành chính cấp xã năm 2025',
      year: 2025,
    });
    expect([before?.unitsWeak, before?.plansIssued, before?.unitsAnswering]).toEqual([1, 0, 0]);
    // In the weak-criteria page's order: most units, then most points lost.
    const ranking = (await leader.request('GET', `/api/rounds/${roundId}/weak-criteria`)).json;
    expect(before?.criteria.map((criterion) => criterion.code)).toEqual(
      ranking.criteria.map((criterion: { code: string }) => criterion.code),
    );
    expect(before?.criteria.map((criterion) => criterion.code).sort()).toEqual(weakCodes);
    expect(before?.criteria.find((criterion) => criterion.code === 'XA.3.1')).toEqual({
      code: 'XA.3.1',
      nameVi: 'Công khai thủ tục hành chính đầy đủ, đúng quy định',
      units: 1,
      ...none,
    });
    const national = before?.national;
    expect(national?.year).toBe(2024);
    expect(national?.dimensions.length).toBeGreaterThan(0);
    expect(national?.dimensions.every((dimension) => dimension.tasks === 0)).toBe(true);

    // A draft does not count, whatever its tasks.
    await savePlan({ 'XA.3.3': '2026-03-01' });
    const drafted = (await overview()).remediation;
    expect([drafted?.plansIssued, drafted?.unitsAnswering]).toEqual([0, 0]);
    expect(drafted?.criteria.find((criterion) => criterion.code === 'XA.3.3')).toMatchObject(none);

    // The ward's plan, issued: XA.3.1 due on 1 March (past), XA.3.2 at the year's end, one PAPI dimension.
    const papiCode = national?.dimensions[0]?.code as string;
    const plan = await savePlan({ 'XA.3.1': '2026-03-01', 'XA.3.2': '2026-11-30', [papiCode]: '2026-11-30' });
    const numbered = await coordinator.request('PATCH', `/api/plans/${plan.id}`, {
      number: '5/KH-UBND',
      issuedOn: '09/03/2026',
      version: plan.version,
    });
    expect(numbered.status).toBe(200);
    const head = await signInAs(t, 'unit_head', '11953');
    const issued = await head.request('POST', `/api/plans/${plan.id}/issue`, {
      version: numbered.json.version,
    });
    expect([issued.status, issued.json.status]).toEqual([200, 'active']);
    const taskOf = (code: string) => {
      const task = plan.items.find((item) => item.kind === 'task' && item.remedies === code);
      if (!task) throw new Error(`no task remedies ${code}`);
      return task;
    };
    const partly = await coordinator.request('PATCH', `/api/plans/${plan.id}/items/${taskOf('XA.3.1').id}`, {
      status: 'in_progress',
      progress: 40,
      version: taskOf('XA.3.1').version,
    });
    expect(partly.status).toBe(200);
    const issuedView = (await overview()).remediation;
    expect(issuedView?.criteria.find((criterion) => criterion.code === 'XA.3.2')).toMatchObject({
      unitsWithTask: 1,
      tasks: 1,
      done: 0,
      overdue: 0,
      meanProgress: 0,
    });

    // One reported done: the next answer knows at once.
    const done = await coordinator.request('PATCH', `/api/plans/${plan.id}/items/${taskOf('XA.3.2').id}`, {
      status: 'done',
      progress: 80,
      version: taskOf('XA.3.2').version,
    });
    expect(done.status).toBe(200);
    const after = (await overview()).remediation;
    expect([after?.unitsWeak, after?.plansIssued, after?.unitsAnswering]).toEqual([1, 1, 1]);
    const byCode = Object.fromEntries(
      (after?.criteria ?? []).map((criterion) => [criterion.code, criterion]),
    );
    expect(byCode).toEqual({
      'XA.3.1': {
        code: 'XA.3.1',
        nameVi: 'Công khai thủ tục hành chính đầy đủ, đúng quy định',
        units: 1,
        unitsWithTask: 1,
        tasks: 1,
        done: 0,
        overdue: 1,
        meanProgress: 40,
      },
      // Done counts 100, whatever figure was reported with it.
      'XA.3.2': expect.objectContaining({
        units: 1,
        unitsWithTask: 1,
        tasks: 1,
        done: 1,
        overdue: 0,
        meanProgress: 100,
      }),
      // The draft's XA.3.3 task still counts for nothing.
      'XA.3.3': expect.objectContaining({ units: 1, ...none }),
      'XA.3.4': expect.objectContaining({ units: 1, ...none }),
      'XA.3.5': expect.objectContaining({ units: 1, ...none }),
    });
    expect(after?.national?.dimensions.find((dimension) => dimension.code === papiCode)).toMatchObject({
      unitsWithTask: 1,
      tasks: 1,
      done: 0,
      overdue: 0,
      meanProgress: 0,
    });
    expect(
      after?.national?.dimensions
        .filter((dimension) => dimension.code !== papiCode)
        .every((d) => d.tasks === 0),
    ).toBe(true);

    // A report step announces it touched reports and plan items only: the remediation's progress is read
    // again, the round and its weak criteria are kept (the answer's Server-Timing names what was computed).
    await t.database.pool.query('update plan_items set progress = 70 where id = $1', [taskOf('XA.3.1').id]);
    bumpDataVersion(['reports', 'plans', 'notifications']);
    const reported = await leader.request('GET', '/api/overview/leader');
    const computed = String(reported.headers['server-timing'])
      .split(', ')
      .map((entry) => entry.split(';')[0]);
    expect(computed).toContain('remediation');
    expect(computed).not.toContain('weak');
    expect(computed).not.toContain('round');
    expect(
      (reported.json as LeaderOverview).remediation?.criteria.find(
        (criterion) => criterion.code === 'XA.3.1',
      ),
    ).toMatchObject({ meanProgress: 70, overdue: 1 });
  });
});
