import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDetail } from '../../core/plans/plan-views.ts';
import { buildPlan, COMMUNE_A, COMMUNE_B, signInAs, taskOf } from '../test/factories.ts';
import { createTestApp, type TestApp, unitIdByCode } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF`);

describe('a task reporter reports, nothing else', () => {
  it('the lead commune’s reporter reports status, progress and a note, and is refused the weight, deadline and units', async () => {
    const plan = await buildPlan(t, { tasks: [{ ref: '1', leadCodes: [COMMUNE_A] }] });
    const reporter = await signInAs(t, 'unit_reporter', COMMUNE_A);
    const task = taskOf(plan, '1');
    const url = `/api/plans/${plan.id}/items/${task.id}`;
    for (const change of [
      { weight: 3 },
      { due: '31/12/2026' },
      { leadUnitIds: [await unitIdByCode(t.database, COMMUNE_B)] },
      { progress: 10, weight: 3 },
    ]) {
      const refused = await reporter.request('PATCH', url, { ...change, version: task.version });
      expect(refused.status, JSON.stringify(change)).toBe(403);
    }
    const reported = await reporter.request('PATCH', url, {
      status: 'in_progress',
      progress: 40,
      note: 'Đang triển khai.',
      version: task.version,
    });
    expect(reported.status).toBe(200);
    expect(reported.json).toMatchObject({
      status: 'in_progress',
      progress: 40,
      note: 'Đang triển khai.',
      weight: 1,
    });
  });
});

describe('evidence of a task', () => {
  it('is read by the plan’s readers and the task’s own units, not by a commune leading another task of the plan', async () => {
    const plan = await buildPlan(t, {
      tasks: [
        { ref: '1', leadCodes: [COMMUNE_A] },
        { ref: '2', leadCodes: [COMMUNE_B] },
      ],
    });
    const reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
    const reporterB = await signInAs(t, 'unit_reporter', COMMUNE_B);
    const coordinator = await signInAs(t, 'coordinator', '33');
    const taskB = taskOf(plan, '2');
    const url = `/api/plans/${plan.id}/items/${taskB.id}/evidence`;
    const added = await reporterB.upload(url, 'bien-ban-B.pdf', pdf('xã B'));
    expect(added.status).toBe(201);

    // Commune A sees the plan (it leads task 1) but not task 2's files.
    expect((await reporterA.request('GET', `/api/plans/${plan.id}`)).status).toBe(200);
    expect((await reporterA.request('GET', url)).status).toBe(404);
    expect((await reporterA.request('GET', `${url}/${added.json.id}`)).status).toBe(404);
    // Its own task's files it reads.
    const ownUrl = `/api/plans/${plan.id}/items/${taskOf(plan, '1').id}/evidence`;
    expect((await reporterA.request('GET', ownUrl)).json).toEqual([]);

    const listedB = await reporterB.request('GET', url);
    expect(listedB.json.map((file: { id: number }) => file.id)).toEqual([added.json.id]);
    const listedByCoordinator = await coordinator.request('GET', url);
    expect(listedByCoordinator.json.map((file: { id: number }) => file.id)).toEqual([added.json.id]);
    expect((await coordinator.request('GET', `${url}/${added.json.id}`)).status).toBe(200);
  });

  it('is counted in the plan’s detail only for the tasks whose files the reader may read', async () => {
    const plan = await buildPlan(t, {
      tasks: [
        { ref: '1', leadCodes: [COMMUNE_A] },
        { ref: '2', leadCodes: [COMMUNE_B] },
      ],
    });
    const reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
    const reporterB = await signInAs(t, 'unit_reporter', COMMUNE_B);
    const coordinator = await signInAs(t, 'coordinator', '33');
    const [taskA, taskB] = [taskOf(plan, '1'), taskOf(plan, '2')];
    const evidenceUrl = (id: number) => `/api/plans/${plan.id}/items/${id}/evidence`;
    expect((await reporterA.upload(evidenceUrl(taskA.id), 'a.pdf', pdf('xã A'))).status).toBe(201);
    expect((await reporterB.upload(evidenceUrl(taskB.id), 'b1.pdf', pdf('xã B 1'))).status).toBe(201);
    expect((await reporterB.upload(evidenceUrl(taskB.id), 'b2.pdf', pdf('xã B 2'))).status).toBe(201);
    const counts = async (reader: typeof reporterA) => {
      const detail = (await reader.request('GET', `/api/plans/${plan.id}`)).json as PlanDetail;
      return Object.fromEntries(detail.items.map((item) => [item.ref, item.evidenceCount]));
    };

    expect(await counts(reporterA)).toEqual({ '1': 1, '2': 0 });
    expect(await counts(reporterB)).toEqual({ '1': 0, '2': 2 });
    expect(await counts(coordinator)).toEqual({ '1': 1, '2': 2 });
  });

  it('is read by a unit supporting the task', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const plan = await buildPlan(t, { author: coordinator, tasks: [{ ref: '1', leadCodes: [COMMUNE_B] }] });
    const task = taskOf(plan, '1');
    const supported = await coordinator.request('PATCH', `/api/plans/${plan.id}/items/${task.id}`, {
      supportUnitIds: [await unitIdByCode(t.database, COMMUNE_A)],
      version: task.version,
    });
    expect(supported.status).toBe(200);
    const reporterB = await signInAs(t, 'unit_reporter', COMMUNE_B);
    const url = `/api/plans/${plan.id}/items/${task.id}/evidence`;
    const added = await reporterB.upload(url, 'b.pdf', pdf('hỗ trợ'));
    const reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
    const listed = await reporterA.request('GET', url);
    expect(listed.status).toBe(200);
    expect(listed.json.map((file: { id: number }) => file.id)).toEqual([added.json.id]);
  });
});

describe('a unit’s own plan', () => {
  it('assigns tasks only within the unit’s subtree, at creation and later', async () => {
    const head = await signInAs(t, 'unit_head', COMMUNE_A);
    const refused = await head.request('POST', '/api/plans', {
      ...(await planBody(COMMUNE_A, COMMUNE_B)),
    });
    expect(refused.status).toBe(403);
    const own = await buildPlan(t, {
      author: head,
      unitCode: COMMUNE_A,
      tasks: [{ ref: '1', leadCodes: [COMMUNE_A] }],
    });
    const task = taskOf(own, '1');
    const reassigned = await head.request('PATCH', `/api/plans/${own.id}/items/${task.id}`, {
      leadUnitIds: [await unitIdByCode(t.database, COMMUNE_B)],
      version: task.version,
    });
    expect(reassigned.status).toBe(403);
    const supported = await head.request('PATCH', `/api/plans/${own.id}/items/${task.id}`, {
      supportUnitIds: [await unitIdByCode(t.database, COMMUNE_B)],
      version: task.version,
    });
    expect(supported.status).toBe(403);
    const after = (await head.request('GET', `/api/plans/${own.id}`)).json as PlanDetail;
    expect(taskOf(after, '1').lead.map((unit) => unit.id)).toEqual([
      await unitIdByCode(t.database, COMMUNE_A),
    ]);
  });

  it('does not rewrite the installation-wide agency aliases the province’s next import resolves by', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const snv = await unitIdByCode(t.database, '33.SNV');
    const name = 'Phòng Văn hóa - Xã hội';
    await buildPlanWithAgency(coordinator, '33', name, snv);
    const head = await signInAs(t, 'unit_head', COMMUNE_A);
    const communeId = await unitIdByCode(t.database, COMMUNE_A);
    // The commune maps the same name to itself in its own plan.
    await buildPlanWithAgency(head, COMMUNE_A, name, communeId);
    const preview = await coordinator.request('POST', '/api/plans/preview', {
      text: `KẾ HOẠCH\nI. NHIỆM VỤ\n1. Tổ chức tuyên truyền. Cơ quan chủ trì: ${name}.`,
    });
    expect(preview.status).toBe(200);
    expect(preview.json.agencies).toEqual([
      {
        name,
        unit: expect.objectContaining({ id: snv }),
        group: null,
        source: 'alias',
        suggestion: null,
        note: null,
      },
    ]);
  });
});

const NO_PARTICULARS = { number: null, type: 'KH', issuedOn: null, place: null, issuer: null, signer: null };

async function planBody(ownerCode: string, leadCode: string) {
  const leadId = await unitIdByCode(t.database, leadCode);
  return {
    unitId: await unitIdByCode(t.database, ownerCode),
    ...NO_PARTICULARS,
    title: 'Kế hoạch của xã',
    year: 2026,
    indices: [],
    sections: [],
    tasks: [
      {
        ref: '1',
        text: 'Nhiệm vụ giao xã khác',
        index: null,
        dimension: null,
        leadNames: ['Xã bên cạnh'],
        supportNames: [],
        due: null,
        recurrence: null,
      },
    ],
    targets: [],
    agencies: [{ name: 'Xã bên cạnh', unitId: leadId }],
  };
}

async function buildPlanWithAgency(
  by: Awaited<ReturnType<typeof signInAs>>,
  ownerCode: string,
  name: string,
  unitId: number,
) {
  const reply = await by.request('POST', '/api/plans', {
    unitId: await unitIdByCode(t.database, ownerCode),
    ...NO_PARTICULARS,
    title: `Kế hoạch ${ownerCode}`,
    year: 2026,
    indices: [],
    sections: [],
    tasks: [
      {
        ref: '1',
        text: 'Tổ chức tuyên truyền',
        index: null,
        dimension: null,
        leadNames: [name],
        supportNames: [],
        due: null,
        recurrence: null,
      },
    ],
    targets: [],
    agencies: [{ name, unitId }],
  });
  expect(reply.status).toBe(201);
  return reply.json as PlanDetail;
}
