import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Todo } from '../../core/todos.ts';
import { buildPlan, COMMUNE_A, COMMUNE_B, signInAs, taskOf } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-04-02T03:00:00Z') });
});
afterAll(() => t.close());

async function notificationsOf(session: Session) {
  const listed = await session.request('GET', '/api/notifications?perPage=100');
  expect(listed.status).toBe(200);
  return listed.json as { items: { kind: string; title: string; link: string }[]; total: number };
}

async function plansToMake(session: Session): Promise<Todo | undefined> {
  const listed = await session.request('GET', '/api/todos');
  expect(listed.status).toBe(200);
  return (listed.json.items as Todo[]).find((entry) => entry.kind === 'plansToMake');
}

let sequence = 0;

describe('tasks given to a group of units', () => {
  it('tell the reporters and head of each member unit once, with the tasks counted per unit; no one above them', async () => {
    const author = await signInAs(t, 'coordinator', '33');
    const headA = await signInAs(t, 'unit_head', COMMUNE_A);
    const reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
    const reporterB = await signInAs(t, 'unit_reporter', COMMUNE_B);
    const provinceHead = await signInAs(t, 'unit_head', '33');
    const [a, b] = [await unitIdByCode(t.database, COMMUNE_A), await unitIdByCode(t.database, COMMUNE_B)];
    const group = await author.request('POST', '/api/unit-groups', {
      unitId: await unitIdByCode(t.database, '33'),
      name: `Hai xã thử bàn giao ${++sequence}`,
      memberIds: [a, b],
    });
    expect(group.status).toBe(201);
    // Task 1 to the group and, by name, to commune A as well; task 2 to the group: A leads two tasks, B two.
    const plan = await buildPlan(t, {
      author,
      tasks: [
        { ref: '1', leadCodes: [COMMUNE_A] },
        { ref: '2', leadCodes: ['33.SNV'] },
      ],
    });
    for (const session of [headA, reporterA])
      expect((await notificationsOf(session)).items.map((entry) => entry.title)).toEqual([
        `Kế hoạch số ${plan.number} giao đơn vị chủ trì 1 nhiệm vụ`,
      ]);
    for (const ref of ['1', '2']) {
      const task = taskOf(plan, ref);
      const given = await author.request('PATCH', `/api/plans/${plan.id}/items/${task.id}`, {
        leadGroupKeys: [group.json.key],
        version: task.version,
      });
      expect(given.status).toBe(200);
    }
    // A already led task 1: only task 2 is new to it; B is told of each task as it comes.
    expect((await notificationsOf(reporterA)).items.map((entry) => entry.title)).toEqual([
      `Kế hoạch số ${plan.number} giao đơn vị chủ trì 1 nhiệm vụ`,
      `Kế hoạch số ${plan.number} giao đơn vị chủ trì 1 nhiệm vụ`,
    ]);
    expect(await notificationsOf(reporterB)).toEqual(
      expect.objectContaining({
        total: 2,
        items: [
          expect.objectContaining({ kind: 'plan.assigned', link: `/plans/${plan.id}` }),
          expect.objectContaining({ kind: 'plan.assigned', link: `/plans/${plan.id}` }),
        ],
      }),
    );
    expect((await notificationsOf(provinceHead)).total).toBe(0);
    expect((await notificationsOf(author)).total).toBe(0);
  });

  it('a plan saved with a task given to "every commune" tells each commune once, and its to-do counts the request for unit plans', async () => {
    const author = await signInAs(t, 'coordinator', '33');
    const headA = await signInAs(t, 'unit_head', COMMUNE_A);
    const reporterB = await signInAs(t, 'unit_reporter', COMMUNE_B);
    const coordinatorA = await signInAs(t, 'coordinator', COMMUNE_A);
    sequence += 1;
    const everyCommune = `UBND các xã, phường (${sequence})`;
    const saved = await author.request('POST', '/api/plans', {
      unitId: await unitIdByCode(t.database, '33'),
      number: `${sequence}/KH-NHOM`,
      type: 'KH',
      issuedOn: null,
      place: null,
      issuer: null,
      signer: null,
      title: `Kế hoạch giao nhóm ${sequence}`,
      year: 2026,
      indices: [],
      sections: [],
      tasks: ['1', '2'].map((ref) => ({
        ref,
        text: `Nhiệm vụ ${ref}`,
        index: null,
        dimension: null,
        leadNames: [everyCommune],
        supportNames: [],
        due: '2026-12-31',
        recurrence: null,
      })),
      targets: [],
      agencies: [{ name: everyCommune, unitId: null, groupKey: 'type:commune' }],
    });
    expect(saved.status).toBe(201);
    const plan = saved.json as { id: number; version: number; number: string };
    for (const session of [headA, reporterB])
      expect((await notificationsOf(session)).items).toEqual([
        expect.objectContaining({
          kind: 'plan.assigned',
          title: `Kế hoạch số ${plan.number} giao đơn vị chủ trì 2 nhiệm vụ`,
        }),
      ]);
    // A coordinator of the commune writes no report for it: not one of the people told.
    expect((await notificationsOf(coordinatorA)).total).toBe(0);
    const told = await t.database.pool.query(
      `select count(*)::int as n, count(distinct user_id)::int as people from notifications
        where kind = 'plan.assigned' and link = $1`,
      [`/plans/${plan.id}`],
    );
    expect(told.rows[0].n).toBe(told.rows[0].people);
    expect(await plansToMake(headA)).toBeUndefined();

    const asked = await author.request('PATCH', `/api/plans/${plan.id}`, {
      childPlansDue: '30/06/2026',
      version: plan.version,
    });
    expect(asked.status).toBe(200);
    expect((await notificationsOf(headA)).items[0]).toEqual(
      expect.objectContaining({
        kind: 'plan.child',
        title: `Kế hoạch số ${plan.number} đề nghị đơn vị lập kế hoạch thực hiện trước 30/06/2026`,
      }),
    );
    expect(await plansToMake(headA)).toEqual({
      kind: 'plansToMake',
      count: 1,
      link: `/plans/${plan.id}`,
      overdue: false,
    });
    // A draft is no answer: the to-do stays until the plan is issued.
    const unitA = await unitIdByCode(t.database, COMMUNE_A);
    const draft = await headA.request('POST', `/api/plans/${plan.id}/children`, {
      unitId: unitA,
      title: null,
    });
    expect(draft.status).toBe(201);
    expect((await plansToMake(headA))?.count).toBe(1);
    const numbered = await headA.request('PATCH', `/api/plans/${draft.json.id}`, {
      number: '7/KH-UBND',
      issuedOn: '20/06/2026',
      version: draft.json.version,
    });
    const issued = await headA.request('POST', `/api/plans/${draft.json.id}/issue`, {
      version: numbered.json.version,
    });
    expect(issued.status).toBe(200);
    expect(await plansToMake(headA)).toBeUndefined();
    expect((await plansToMake(reporterB))?.count).toBe(1);
  });
});
