import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeaderOverview } from '../../core/overview/leader-overview.ts';
import type { PlanDetail } from '../../core/plans/plan-views.ts';
import { bumpDataVersion } from '../db/read-cache.ts';
import { signInAs, taskOf } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp } from '../test/harness.ts';

/**
 * Everywhere a task given to a group is read — "my tasks", the report's task list, access to the plan
 * and to reporting on a task, the plan's counts, the leader's overdue tasks by unit, who is told of a
 * reassignment — a unit counts as given the task exactly when it is a member on the day: a unit closed
 * by a merger drops out the day after its last, the commune it merged into comes in that day.
 */

// The clock moves: the province is built on 15/03/2026 (after the merger), then read on both sides of
// it; sessions are signed in on the day they are used (one idle for a month has expired).
let now = new Date('2026-03-15T03:00:00Z');
const setDay = (iso: string) => {
  now = new Date(`${iso}T03:00:00Z`);
  bumpDataVersion();
};
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});
afterAll(() => t.close());

/**
 * A province of its own (so every count is exact): communes A and B from 2020, merged on 01/03/2026
 * into C; D still in force; department S. A saved group of A and D. One plan of the province:
 * 1 every commune (due 31/01), 2 the saved group (31/12), 3 every department (31/01),
 * 4 S leading with every commune in support (31/01), 5 every commune and D by name (10/03).
 */
async function buildWorld() {
  const admin = await signInAs(t, 'admin', null);
  const create = async (code: string, name: string, type: string, parentId: number | null, from: string) => {
    const created = await admin.request('POST', '/api/units', {
      code,
      name,
      type,
      parentId,
      validFrom: from,
    });
    if (created.status !== 201) throw new Error(`unit: ${created.status} ${created.body}`);
    return created.json as { id: number; name: string; version: number };
  };
  const province = await create('GA', 'Tỉnh Nhóm', 'province', null, '01/01/2020');
  const a = await create('GA.A', 'Xã An Nhóm', 'commune', province.id, '01/01/2020');
  const b = await create('GA.B', 'Xã Bình Nhóm', 'commune', province.id, '01/01/2020');
  const d = await create('GA.D', 'Xã Đông Nhóm', 'commune', province.id, '01/01/2020');
  const s = await create('GA.S', 'Sở Nhóm', 'department', province.id, '01/01/2020');
  const c = await create('GA.C', 'Xã Chung Nhóm', 'commune', province.id, '01/03/2026');
  for (const closed of [a, b]) {
    const done = await admin.request('POST', `/api/units/${closed.id}/close`, {
      validTo: '28/02/2026',
      successorIds: [c.id],
      kind: 'merge',
      reason: 'Sáp nhập',
      version: closed.version,
    });
    if (done.status !== 200) throw new Error(`close: ${done.status} ${done.body}`);
  }
  const coordinator = await signInAs(t, 'coordinator', 'GA');
  const saved = await coordinator.request('POST', '/api/unit-groups', {
    unitId: province.id,
    name: 'Các xã ven sông',
    memberIds: [a.id, d.id],
  });
  expect(saved.status).toBe(201);
  const task = (ref: string, due: string, leadNames: string[], supportNames: string[] = []) => ({
    ref,
    text: `Nhiệm vụ ${ref} giao theo nhóm`,
    index: null,
    dimension: null,
    leadNames,
    supportNames,
    due,
    recurrence: null,
  });
  const created = await coordinator.request('POST', '/api/plans', {
    unitId: province.id,
    number: '7/KH-UBND',
    type: 'KH',
    issuedOn: null,
    place: null,
    issuer: null,
    signer: null,
    title: 'Kế hoạch giao việc theo nhóm',
    year: 2026,
    indices: [],
    sections: [],
    tasks: [
      task('1', '2026-01-31', ['UBND cấp xã']),
      task('2', '2026-12-31', ['Các xã ven sông']),
      task('3', '2026-01-31', ['Các sở, ban, ngành']),
      task('4', '2026-01-31', ['Sở Nhóm'], ['UBND cấp xã']),
      task('5', '2026-03-10', ['UBND cấp xã', 'Xã Đông Nhóm']),
    ],
    targets: [],
    agencies: [
      { name: 'UBND cấp xã', unitId: null, groupKey: 'type:commune' },
      { name: 'Các xã ven sông', unitId: null, groupKey: saved.json.key },
      { name: 'Các sở, ban, ngành', unitId: null, groupKey: 'type:department' },
      { name: 'Sở Nhóm', unitId: s.id, groupKey: null },
      { name: 'Xã Đông Nhóm', unitId: d.id, groupKey: null },
    ],
  });
  expect(created.status).toBe(201);
  return { province, a, b, c, d, s, plan: created.json as PlanDetail };
}

let world: Awaited<ReturnType<typeof buildWorld>>;
beforeAll(async () => {
  world = await buildWorld();
});

const refsOf = (items: { ref: string }[]) => items.map((item) => item.ref).sort();

async function myTasks(session: Session, query = '') {
  const listed = await session.request('GET', `/api/plan-tasks?perPage=100${query}`);
  expect(listed.status).toBe(200);
  return { total: listed.json.total as number, refs: refsOf(listed.json.items) };
}

async function overdueByUnit(): Promise<LeaderOverview['overdueTasks']> {
  const leader = await signInAs(t, 'leader', 'GA');
  const overview = await leader.request('GET', '/api/overview/leader');
  expect(overview.status).toBe(200);
  return (overview.json as LeaderOverview).overdueTasks;
}

describe('before the merger (15/02/2026): A, B and D are the communes', () => {
  it('each unit’s tasks, overdue tasks and report list exactly what its groups give it', async () => {
    setDay('2026-02-15');
    const expected: [string, string[], string[]][] = [
      ['GA.A', ['1', '2', '5'], ['1']],
      ['GA.B', ['1', '5'], ['1']],
      // Named on 5 and a commune: 5 counts once.
      ['GA.D', ['1', '2', '5'], ['1']],
      // Founded on 01/03: not yet a commune.
      ['GA.C', [], []],
      ['GA.S', ['3', '4'], ['3', '4']],
    ];
    for (const [code, refs, overdue] of expected) {
      const reporter = await signInAs(t, 'unit_reporter', code);
      expect(await myTasks(reporter)).toEqual({ total: refs.length, refs });
      expect(await myTasks(reporter, '&overdue=true')).toEqual({ total: overdue.length, refs: overdue });
    }
    const reporterA = await signInAs(t, 'unit_reporter', 'GA.A');
    const report = await reporterA.request('POST', '/api/reports', {
      unitId: world.a.id,
      periodCode: '2026Q1',
    });
    expect(report.status).toBe(200);
    expect(refsOf(report.json.tasks)).toEqual(['1', '2', '5']);
  });

  it('the plan counts each group’s members, and only a member reads the plan and reports on the task', async () => {
    setDay('2026-02-15');
    const plan = (
      await (await signInAs(t, 'coordinator', 'GA')).request('GET', `/api/plans/${world.plan.id}`)
    ).json as PlanDetail;
    expect(
      ['1', '2', '3'].map((ref) => taskOf(plan, ref).leadGroups.map((group) => group.memberCount)),
    ).toEqual([[3], [2], [1]]);
    const task = taskOf(plan, '1');
    const reporterB = await signInAs(t, 'unit_reporter', 'GA.B');
    expect((await reporterB.request('GET', `/api/plans/${world.plan.id}`)).status).toBe(200);
    const reported = await reporterB.request('PATCH', `/api/plans/${world.plan.id}/items/${task.id}`, {
      progress: 20,
      version: task.version,
    });
    expect(reported.status).toBe(200);
    const reporterC = await signInAs(t, 'unit_reporter', 'GA.C');
    expect((await reporterC.request('GET', `/api/plans/${world.plan.id}`)).status).toBe(404);
  });

  it('the leader’s overdue tasks count each member once per task', async () => {
    setDay('2026-02-15');
    const overdue = await overdueByUnit();
    expect(overdue.total).toBe(3);
    expect(overdue.byUnit.map((entry) => [entry.unit.name, entry.count])).toEqual([
      ['Sở Nhóm', 2],
      ['Xã An Nhóm', 1],
      ['Xã Bình Nhóm', 1],
      ['Xã Đông Nhóm', 1],
    ]);
  });
});

describe('after the merger (15/03/2026): C and D are the communes', () => {
  it('the closed communes have nothing; C has the communes’ tasks and, for A, the saved group’s', async () => {
    setDay('2026-03-15');
    const expected: [string, string[], string[]][] = [
      ['GA.A', [], []],
      ['GA.B', [], []],
      ['GA.C', ['1', '2', '5'], ['1', '5']],
      ['GA.D', ['1', '2', '5'], ['1', '5']],
      ['GA.S', ['3', '4'], ['3', '4']],
    ];
    for (const [code, refs, overdue] of expected) {
      const reporter = await signInAs(t, 'unit_reporter', code);
      expect(await myTasks(reporter)).toEqual({ total: refs.length, refs });
      expect(await myTasks(reporter, '&overdue=true')).toEqual({ total: overdue.length, refs: overdue });
    }
    const reporterC = await signInAs(t, 'unit_reporter', 'GA.C');
    const report = await reporterC.request('POST', '/api/reports', {
      unitId: world.c.id,
      periodCode: '2026Q1',
    });
    expect(report.status).toBe(200);
    expect(refsOf(report.json.tasks)).toEqual(['1', '2', '5']);
    const plan = (
      await (await signInAs(t, 'coordinator', 'GA')).request('GET', `/api/plans/${world.plan.id}`)
    ).json as PlanDetail;
    expect(
      ['1', '2', '3'].map((ref) => taskOf(plan, ref).leadGroups.map((group) => group.memberCount)),
    ).toEqual([[2], [2], [1]]);
    const reporterA = await signInAs(t, 'unit_reporter', 'GA.A');
    expect((await reporterA.request('GET', `/api/plans/${world.plan.id}`)).status).toBe(404);
  });

  it('the leader’s overdue tasks by unit', async () => {
    setDay('2026-03-15');
    const overdue = await overdueByUnit();
    expect(overdue.total).toBe(4);
    expect(overdue.byUnit.map((entry) => [entry.unit.name, entry.count])).toEqual([
      ['Sở Nhóm', 2],
      ['Xã Chung Nhóm', 2],
      ['Xã Đông Nhóm', 2],
    ]);
  });

  it('a task reassigned to every commune tells C and D, not the closed communes', async () => {
    setDay('2026-03-15');
    const readers = Object.fromEntries(
      await Promise.all(
        ['GA.A', 'GA.C', 'GA.D', 'GA.S'].map(
          async (code) => [code, await signInAs(t, 'unit_reporter', code)] as const,
        ),
      ),
    );
    const plan = (
      await (await signInAs(t, 'coordinator', 'GA')).request('GET', `/api/plans/${world.plan.id}`)
    ).json as PlanDetail;
    const task = taskOf(plan, '3');
    const given = await (await signInAs(t, 'coordinator', 'GA')).request(
      'PATCH',
      `/api/plans/${world.plan.id}/items/${task.id}`,
      {
        leadGroupKeys: ['type:commune'],
        version: task.version,
      },
    );
    expect(given.status).toBe(200);
    expect(given.json.leadGroups).toEqual([
      { key: 'type:commune', name: 'Tất cả xã, phường', memberCount: 2 },
    ]);
    const told = async (code: string) => {
      const reader = readers[code];
      if (!reader) throw new Error(`no reader of ${code}`);
      const listed = await reader.request('GET', '/api/notifications?perPage=100');
      return (listed.json.items as { kind: string }[]).filter((entry) => entry.kind === 'plan.assigned')
        .length;
    };
    expect([await told('GA.A'), await told('GA.C'), await told('GA.D'), await told('GA.S')]).toEqual([
      0, 1, 1, 0,
    ]);
  });
});
