import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cascade, PlanDetail, PlanSummary } from '../../core/plans/plan-views.ts';
import { answerWithPlan, buildPlan, COMMUNE_A, COMMUNE_B, signInAs, taskOf } from '../test/factories.ts';
import { createTestApp, type TestApp, unitIdByCode } from '../test/harness.ts';

/** The day the app's services see; each test sets it before it acts. */
let now = new Date('2026-03-10T09:00:00+07:00');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(now) });
});
afterAll(() => t.close());

const DEPARTMENT = '33.SNV';

describe('a unit sees the plans that give it work', () => {
  it('lists the provincial plan giving the commune a task to its reporter, and not to another commune’s', async () => {
    const title = `Kế hoạch giao việc cho phường ${Date.now()}`;
    const plan = await buildPlan(t, { title, tasks: [{ ref: '1', leadCodes: [COMMUNE_A] }] });
    const reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
    const reporterB = await signInAs(t, 'unit_reporter', COMMUNE_B);
    const listA = await reporterA.request('GET', `/api/plans?q=${encodeURIComponent(title)}`);
    expect(listA.status).toBe(200);
    expect(listA.json.total).toBe(1);
    expect(listA.json.items.map((item: PlanSummary) => item.id)).toEqual([plan.id]);
    const listB = await reporterB.request('GET', `/api/plans?q=${encodeURIComponent(title)}`);
    expect(listB.json.total).toBe(0);
    // Read-only for the reporter: it reports the task it leads, changes nothing of the plan.
    const detail = (await reporterA.request('GET', `/api/plans/${plan.id}`)).json as PlanDetail;
    expect(detail.access).toEqual({
      write: false,
      issue: false,
      edit: false,
      reportItemIds: [taskOf(plan, '1').id],
    });
  });
});

describe('a unit answers the request for its own plan', () => {
  it('a head makes its commune’s plan from its tasks, named after the parent; it may not answer for another commune', async () => {
    now = new Date('2026-03-10T09:00:00+07:00');
    const plan = await buildPlan(t, {
      tasks: [
        { ref: '1', leadCodes: [COMMUNE_A] },
        { ref: '2', leadCodes: [COMMUNE_B] },
        { ref: '3', leadCodes: [COMMUNE_A] },
      ],
    });
    const headA = await signInAs(t, 'unit_head', COMMUNE_A);
    const unitA = await unitIdByCode(t.database, COMMUNE_A);
    const unitB = await unitIdByCode(t.database, COMMUNE_B);

    // The head sees its own commune alone, with the one button its grants allow.
    const cascade = (await headA.request('GET', `/api/plans/${plan.id}/cascade`)).json as Cascade;
    expect(cascade.units.map((entry) => [entry.unit.id, entry.state, entry.canAnswer, entry.isOwn])).toEqual([
      [unitA, 'pending', true, true],
    ]);
    expect(cascade.untakenTasks.map((task) => task.ref)).toEqual(['1', '3']);

    const refused = await headA.request('POST', `/api/plans/${plan.id}/children`, { unitId: unitB });
    expect(refused.status).toBe(403);
    const made = await headA.request('POST', `/api/plans/${plan.id}/children`, { unitId: unitA });
    expect(made.status).toBe(201);
    const child = made.json as PlanDetail;
    expect(child.parentPlan).toEqual({ id: plan.id, number: plan.number, type: 'KH', title: plan.title });
    expect(child.issuer).toBe('Ủy ban nhân dân phường Phố Hiến');
    expect(child.place).toBe('Phố Hiến');
    expect(child.title).toBe(
      `Thực hiện Kế hoạch số ${plan.number} của Ủy ban nhân dân tỉnh Hưng Yên về ${plan.title.replace('Kế hoạch ', '').toLowerCase()}`,
    );
    expect(child.access.write).toBe(true);
    expect(
      child.items.map((item) => [item.ref, item.implementsItemId, item.lead.map((unit) => unit.id)]),
    ).toEqual([
      ['1', taskOf(plan, '1').id, [unitA]],
      ['3', taskOf(plan, '3').id, [unitA]],
    ]);
    // Once: a second answer names the first by its title (it has no number yet), never by an id.
    const again = await headA.request('POST', `/api/plans/${plan.id}/children`, { unitId: unitA });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toBe(
      `Phường Phố Hiến đã có kế hoạch thực hiện kế hoạch này: ${child.title}.`,
    );
  });

  it('a head adds its own task and target, numbers and signs the plan, edits and removes its own task', async () => {
    now = new Date('2026-03-10T09:00:00+07:00');
    const plan = await buildPlan(t, { tasks: [{ ref: '1', leadCodes: [COMMUNE_A] }] });
    const headA = await signInAs(t, 'unit_head', COMMUNE_A);
    const unitA = await unitIdByCode(t.database, COMMUNE_A);
    const unitB = await unitIdByCode(t.database, COMMUNE_B);
    const child = (await headA.request('POST', `/api/plans/${plan.id}/children`, { unitId: unitA }))
      .json as PlanDetail;
    const url = `/api/plans/${child.id}`;

    // Lead and support only within the commune itself.
    const outside = await headA.request('POST', `${url}/items`, {
      text: 'Giao cho xã khác',
      leadUnitIds: [unitB],
    });
    expect(outside.status).toBe(403);
    const added = await headA.request('POST', `${url}/items`, {
      text: 'Niêm yết công khai thủ tục hành chính tại bộ phận một cửa',
      leadUnitIds: [unitA],
      due: '30/06/2026',
      recurrence: 'monthly',
      dimension: 'PAPI.5',
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({
      ref: '2',
      kind: 'task',
      text: 'Niêm yết công khai thủ tục hành chính tại bộ phận một cửa',
      due: '2026-06-30',
      recurrence: 'monthly',
      dimension: 'PAPI.5',
      lead: [{ id: unitA, name: 'Phường Phố Hiến' }],
      implementsItemId: null,
      version: 1,
    });
    const target = await headA.request('POST', `${url}/targets`, {
      text: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
      op: '>=',
      value: 98,
      unit: '%',
    });
    expect(target.status).toBe(201);

    const numbered = await headA.request('PATCH', url, {
      number: '12/KH-UBND',
      issuedOn: '15/03/2026',
      signer: 'Nguyễn Văn An',
      version: child.version,
    });
    expect(numbered.status).toBe(200);
    expect(numbered.json).toMatchObject({
      number: '12/KH-UBND',
      issuedOn: '2026-03-15',
      signer: 'Nguyễn Văn An',
      title: child.title,
      version: child.version + 1,
    });
    expect(
      numbered.json.targets.map((entry: { text: string; value: number }) => [entry.text, entry.value]),
    ).toEqual([['Tỷ lệ hồ sơ giải quyết đúng hạn', 98]]);
    // Found by its number.
    const found = await headA.request('GET', `/api/plans?q=${encodeURIComponent('12/KH-UBND')}`);
    expect(found.json.items.map((item: PlanSummary) => item.id)).toContain(child.id);

    // Its own task: reworded at the version read; a stale version is a conflict.
    const itemUrl = `${url}/items/${added.json.id}`;
    const reworded = await headA.request('PATCH', itemUrl, { text: 'Niêm yết công khai TTHC', version: 1 });
    expect(reworded.status).toBe(200);
    expect(reworded.json.text).toBe('Niêm yết công khai TTHC');
    expect((await headA.request('PATCH', itemUrl, { text: 'Cũ', version: 1 })).status).toBe(409);

    // The task the province gave stays; the unit's own goes, at the version read.
    const given = taskOf(child, '1');
    const keep = await headA.request('DELETE', `${url}/items/${given.id}?version=${given.version}`);
    expect(keep.status).toBe(409);
    expect((await headA.request('DELETE', `${itemUrl}?version=1`)).status).toBe(409);
    expect((await headA.request('DELETE', `${itemUrl}?version=2`)).status).toBe(204);
    const after = (await headA.request('GET', url)).json as PlanDetail;
    expect(after.items.map((item) => item.ref)).toEqual(['1']);

    const removedTarget = await headA.request('DELETE', `${url}/targets/${target.json.id}`);
    expect(removedTarget.status).toBe(204);
    expect((await headA.request('GET', url)).json.targets).toEqual([]);
  });

  it('a head of commune A changes nothing of commune B’s plan, and sees no button for it', async () => {
    now = new Date('2026-03-10T09:00:00+07:00');
    const plan = await buildPlan(t, {
      tasks: [
        { ref: '1', leadCodes: [COMMUNE_A] },
        { ref: '2', leadCodes: [COMMUNE_B] },
      ],
    });
    const headA = await signInAs(t, 'unit_head', COMMUNE_A);
    const headB = await signInAs(t, 'unit_head', COMMUNE_B);
    const unitB = await unitIdByCode(t.database, COMMUNE_B);
    const childB = (await headB.request('POST', `/api/plans/${plan.id}/children`, { unitId: unitB }))
      .json as PlanDetail;
    const url = `/api/plans/${childB.id}`;
    const task = taskOf(childB, '2');
    const calls: ['GET' | 'PATCH' | 'POST' | 'DELETE', string, unknown][] = [
      ['GET', url, undefined],
      ['PATCH', url, { number: '99/KH-UBND', version: childB.version }],
      ['POST', `${url}/items`, { text: 'Xen vào', leadUnitIds: [unitB] }],
      ['PATCH', `${url}/items/${task.id}`, { text: 'Sửa hộ', version: task.version }],
      ['DELETE', `${url}/items/${task.id}?version=${task.version}`, undefined],
      ['POST', `${url}/targets`, { text: 'Chỉ tiêu', value: 1 }],
    ];
    for (const [method, path, body] of calls)
      expect((await headA.request(method, path, body)).status, `${method} ${path}`).toBe(404);
    const unchanged = (await headB.request('GET', url)).json as PlanDetail;
    expect([unchanged.number, unchanged.version, unchanged.items.length]).toEqual([null, childB.version, 1]);
    // On the provincial plan, A's head is offered A alone.
    const cascade = (await headA.request('GET', `/api/plans/${plan.id}/cascade`)).json as Cascade;
    expect(cascade.units.map((entry) => entry.unit.name)).toEqual(['Phường Phố Hiến']);
    // The province's coordinator sees both, and may answer for either; B's draft is no answer yet.
    const coordinator = await signInAs(t, 'coordinator', '33');
    const full = (await coordinator.request('GET', `/api/plans/${plan.id}/cascade`)).json as Cascade;
    expect(
      full.units.map((entry) => [
        entry.unit.name,
        entry.state,
        entry.plan?.status,
        entry.canAnswer,
        entry.isOwn,
      ]),
    ).toEqual([
      ['Phường Phố Hiến', 'pending', undefined, true, false],
      ['Xã Tân Hưng', 'pending', 'draft', true, false],
    ]);
  });
});

describe('a unit’s plan as a document', () => {
  it('exports in the form of Nghị định 30/2020 with the commune’s People’s Committee as issuer', async () => {
    now = new Date('2026-03-10T09:00:00+07:00');
    const plan = await buildPlan(t, { tasks: [{ ref: '1', leadCodes: [COMMUNE_A] }] });
    const headA = await signInAs(t, 'unit_head', COMMUNE_A);
    const unitA = await unitIdByCode(t.database, COMMUNE_A);
    const child = (await headA.request('POST', `/api/plans/${plan.id}/children`, { unitId: unitA }))
      .json as PlanDetail;
    await headA.request('POST', `/api/plans/${child.id}/items`, {
      text: 'Niêm yết công khai thủ tục hành chính',
      leadUnitIds: [unitA],
      due: '30/06/2026',
    });
    await headA.request('PATCH', `/api/plans/${child.id}`, {
      number: '12/KH-UBND',
      issuedOn: '15/03/2026',
      signer: 'Nguyễn Văn An',
      version: child.version,
    });
    const reply = await t.app.inject({
      method: 'GET',
      url: `/api/plans/${child.id}/export.docx`,
      headers: { cookie: headA.cookie },
    });
    expect(reply.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(reply.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const lines = xml
      .split('</w:p>')
      .map((paragraph) =>
        [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
      )
      .filter((line) => line.trim() !== '');
    expect(lines.slice(0, 4)).toEqual([
      'ỦY BAN NHÂN DÂN',
      'PHƯỜNG PHỐ HIẾN',
      expect.stringMatching(/^─+$/),
      'Số: 12/KH-UBND',
    ]);
    expect(lines).toContain('Phố Hiến, ngày 15 tháng 3 năm 2026');
    expect(lines).toContain(
      '- Niêm yết công khai thủ tục hành chính (Chủ trì: Phường Phố Hiến; thời hạn: 30/06/2026)',
    );
    expect(lines.slice(-3)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Văn An']);
  });
});

describe('the cascade counts who answered', () => {
  it('on time, late, not yet before the deadline, and missing after it', async () => {
    now = new Date('2026-03-10T09:00:00+07:00');
    const coordinator = await signInAs(t, 'coordinator', '33');
    const plan = await buildPlan(t, {
      author: coordinator,
      tasks: [
        { ref: '1', leadCodes: [COMMUNE_A] },
        { ref: '2', leadCodes: [COMMUNE_B] },
        { ref: '3', leadCodes: [DEPARTMENT] },
        { ref: '4', leadCodes: [COMMUNE_A] },
      ],
    });
    const set = await coordinator.request('PATCH', `/api/plans/${plan.id}`, {
      childPlansDue: '15/03/2026',
      version: plan.version,
    });
    expect(set.status).toBe(200);
    const cascadeUrl = `/api/plans/${plan.id}/cascade`;
    const headA = await signInAs(t, 'unit_head', COMMUNE_A);
    await answerWithPlan(headA, plan.id, await unitIdByCode(t.database, COMMUNE_A));
    const before = (await coordinator.request('GET', cascadeUrl)).json as Cascade;
    expect(before.counts).toEqual({ submitted: 1, late: 0, missing: 0, pending: 2 });

    // Ten days on (sessions are judged by the same clock: everyone signs in again).
    now = new Date('2026-03-20T09:00:00+07:00');
    const headB = await signInAs(t, 'unit_head', COMMUNE_B);
    await answerWithPlan(headB, plan.id, await unitIdByCode(t.database, COMMUNE_B));
    const coordinatorLater = await signInAs(t, 'coordinator', '33');
    const after = (await coordinatorLater.request('GET', cascadeUrl)).json as Cascade;
    expect(after.counts).toEqual({ submitted: 1, late: 1, missing: 1, pending: 0 });
    expect(after.units.map((entry) => [entry.unit.name, entry.state, entry.assignedTasks])).toEqual([
      ['Phường Phố Hiến', 'submitted', 2],
      ['Sở Nội vụ', 'missing', 1],
      ['Xã Tân Hưng', 'late', 1],
    ]);
    expect(after.units[0]?.plan?.createdAt).toBe('2026-03-10T02:00:00.000Z');
    expect(after.untakenTasks.map((task) => task.ref)).toEqual(['3']);
  });
});
