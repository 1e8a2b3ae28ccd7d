import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDetail } from '../../core/plans/plan-views.ts';
import { answerWithPlan, buildPlan, COMMUNE_A, COMMUNE_B, signInAs, taskOf } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let sequence = 0;

/**
 * A province of its own (so counts are exact): communes A and B from 2020, merged on 01/03/2026 into C;
 * D from 2020 still in force; one department.
 */
async function buildMergedProvince(admin: Session) {
  sequence += 1;
  const create = async (name: string, type: string, parentId: number | null, validFrom: string) => {
    const created = await admin.request('POST', '/api/units', {
      code: `G${sequence}${name.replace(/\W/g, '').slice(-4)}`,
      name: `${name} ${sequence}`,
      type,
      parentId,
      validFrom,
    });
    if (created.status !== 201) throw new Error(`unit: ${created.status} ${created.body}`);
    return created.json as { id: number; name: string; version: number };
  };
  const province = await create('Tỉnh Thử', 'province', null, '01/01/2020');
  const a = await create('Xã An', 'commune', province.id, '01/01/2020');
  const b = await create('Xã Bình', 'commune', province.id, '01/01/2020');
  const d = await create('Xã Đông', 'commune', province.id, '01/01/2020');
  const department = await create('Sở Thử', 'department', province.id, '01/01/2020');
  const c = await create('Xã Chung', 'commune', province.id, '01/03/2026');
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
  return { province, a, b, c, d, department };
}

const names = (list: { name: string }[]) => list.map((unit) => unit.name);

describe('a group expands to the units in force on the day', () => {
  it('every commune: A, B and D before the merger; C and D after it', async () => {
    const admin = await signInAs(t, 'admin', null);
    const { province, a, b, c, d } = await buildMergedProvince(admin);
    const members = async (on: string) =>
      (await admin.request('GET', `/api/unit-groups/members?key=type:commune&unitId=${province.id}&on=${on}`))
        .json;
    expect(names(await members('15/02/2026'))).toEqual([a.name, b.name, d.name]);
    expect(names(await members('28/02/2026'))).toEqual([a.name, b.name, d.name]);
    expect(names(await members('01/03/2026'))).toEqual([c.name, d.name]);
    const choices = (
      await admin.request('GET', `/api/unit-groups/choices?unitId=${province.id}&on=15/03/2026`)
    ).json;
    expect(choices).toEqual([
      { key: 'type:commune', name: 'Tất cả xã, phường', memberCount: 2, kind: 'type' },
      { key: 'type:department', name: 'Tất cả sở, ban, ngành', memberCount: 1, kind: 'type' },
    ]);
  });

  it('a saved group’s merged member is carried on by the commune it merged into', async () => {
    const admin = await signInAs(t, 'admin', null);
    const { province, a, c, d } = await buildMergedProvince(admin);
    const saved = await admin.request('POST', '/api/unit-groups', {
      unitId: province.id,
      name: 'Các xã biên giới',
      memberIds: [a.id, d.id],
    });
    expect(saved.status).toBe(201);
    const key = saved.json.key as string;
    expect(key).toBe(`saved:${saved.json.id}`);
    const members = async (on: string) =>
      names(
        (await admin.request('GET', `/api/unit-groups/members?key=${key}&unitId=${province.id}&on=${on}`))
          .json,
      );
    expect(await members('01/02/2026')).toEqual([a.name, d.name]);
    expect(await members('02/03/2026')).toEqual([c.name, d.name]);
  });
});

describe('a task given to every commune', () => {
  async function planForAllCommunes(coordinator: Session): Promise<PlanDetail> {
    const created = await coordinator.request('POST', '/api/plans', {
      unitId: await unitIdByCode(t.database, '33'),
      number: `G${++sequence}/KH-UBND`,
      type: 'KH',
      issuedOn: null,
      place: null,
      issuer: null,
      signer: null,
      title: 'Kế hoạch giao cho mọi xã',
      year: 2026,
      indices: [],
      sections: [],
      tasks: [
        {
          ref: '1',
          text: 'Niêm yết công khai thủ tục hành chính tại trụ sở',
          index: null,
          dimension: null,
          leadNames: ['UBND cấp xã'],
          supportNames: [],
          due: '2026-12-31',
          recurrence: null,
        },
      ],
      targets: [],
      agencies: [{ name: 'UBND cấp xã', unitId: null, groupKey: 'type:commune' }],
    });
    expect(created.status).toBe(201);
    return created.json as PlanDetail;
  }

  it('is one assignment on the plan and on each commune’s list of tasks and report', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const plan = await planForAllCommunes(coordinator);
    const task = taskOf(plan, '1');
    const communes = (
      await coordinator.request(
        'GET',
        `/api/unit-groups/members?key=type:commune&unitId=${await unitIdByCode(t.database, '33')}`,
      )
    ).json as unknown[];
    expect(communes.length).toBeGreaterThan(50);
    expect(task.lead).toEqual([]);
    expect(task.leadNames).toEqual(['UBND cấp xã']);
    expect(task.leadGroups).toEqual([
      { key: 'type:commune', name: 'Tất cả xã, phường', memberCount: communes.length },
    ]);

    for (const code of [COMMUNE_A, COMMUNE_B]) {
      const reporter = await signInAs(t, 'unit_reporter', code);
      const mine = await reporter.request('GET', '/api/plan-tasks?perPage=100');
      expect(mine.status).toBe(200);
      expect(mine.json.items.map((item: { id: number }) => item.id)).toContain(task.id);
      // The commune reads the plan that gives it the task and reports on it as a lead unit.
      expect((await reporter.request('GET', `/api/plans/${plan.id}`)).status).toBe(200);
      const report = await reporter.request('POST', '/api/reports', {
        unitId: await unitIdByCode(t.database, code),
        periodCode: '2026Q1',
      });
      expect(report.json.tasks.map((entry: { itemId: number }) => entry.itemId)).toContain(task.id);
    }
    const reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
    const reported = await reporterA.request('PATCH', `/api/plans/${plan.id}/items/${task.id}`, {
      progress: 30,
      version: task.version,
    });
    expect(reported.status).toBe(200);
    // A department is not a commune: the task is not on its list and the plan is not its to read.
    const department = await signInAs(t, 'unit_reporter', '33.STP');
    const its = await department.request('GET', '/api/plan-tasks?perPage=100');
    expect(its.json.items.map((item: { id: number }) => item.id)).not.toContain(task.id);
    expect((await department.request('GET', `/api/plans/${plan.id}`)).status).toBe(404);
  });

  it('the board shows the group as one row counting its communes, who each have the task', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const plan = await planForAllCommunes(coordinator);
    const communeA = await unitIdByCode(t.database, COMMUNE_A);
    const headA = await signInAs(t, 'unit_head', COMMUNE_A);
    const child = await answerWithPlan(headA, plan.id, communeA);
    expect(child.items.filter((item: { kind: string }) => item.kind === 'task')).toHaveLength(1);
    const cascade = (await coordinator.request('GET', `/api/plans/${plan.id}/cascade`)).json;
    const total = taskOf(plan, '1').leadGroups[0]?.memberCount ?? 0;
    expect(cascade.groups).toHaveLength(1);
    expect(cascade.groups[0]).toMatchObject({
      group: { key: 'type:commune', name: 'Tất cả xã, phường', memberCount: total },
      assignedTasks: 1,
      counts: { submitted: 1, late: 0, missing: 0, pending: total - 1 },
    });
    expect(cascade.groups[0].unitIds).toHaveLength(total);
    expect(cascade.units.find((row: { unit: { id: number } }) => row.unit.id === communeA)).toMatchObject({
      state: 'submitted',
      assignedTasks: 1,
      named: false,
    });
  });

  it('reaches a commune founded after the plan was written', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const plan = await planForAllCommunes(coordinator);
    const admin = await signInAs(t, 'admin', null);
    const founded = await admin.request('POST', '/api/units', {
      code: `NEW${++sequence}`,
      name: `Xã Mới Lập ${sequence}`,
      type: 'commune',
      parentId: await unitIdByCode(t.database, '33'),
    });
    expect(founded.status).toBe(201);
    const reporter = await signInAs(t, 'unit_reporter', `NEW${sequence}`);
    const mine = await reporter.request('GET', '/api/plan-tasks?perPage=100');
    expect(mine.json.items.map((item: { id: number }) => item.id)).toContain(taskOf(plan, '1').id);
  });
});

describe('the importer reads groups', () => {
  it('"UBND các xã, phường", "các sở, ngành" and "Sở, ban, ngành tỉnh" become groups, named units stay units', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const text = [
      'ỦY BAN NHÂN DÂN',
      'TỈNH HƯNG YÊN',
      'Số: 12/KH-UBND',
      'KẾ HOẠCH',
      'Cải thiện Chỉ số PAPI năm 2026',
      'II. NHIỆM VỤ, GIẢI PHÁP',
      '1. UBND các xã, phường niêm yết công khai đầy đủ thủ tục hành chính tại trụ sở.',
      '2. Các sở, ngành rà soát, đơn giản hóa quy trình nội bộ giải quyết thủ tục hành chính.',
      '3. Sở, ban, ngành tỉnh tổ chức đối thoại với doanh nghiệp.',
      '4. Sở Nội vụ chủ trì, phối hợp với UBND cấp xã kiểm tra công vụ.',
    ].join('\n');
    const preview = await coordinator.request('POST', '/api/plans/preview', { text });
    expect(preview.status).toBe(200);
    const tasks = preview.json.plan.tasks as { lead: string[]; support: string[] }[];
    expect(tasks.map((task) => [task.lead, task.support])).toEqual([
      [['UBND cấp xã'], []],
      [['Các sở, ban, ngành'], []],
      [['Các sở, ban, ngành'], []],
      [['Sở Nội vụ'], ['UBND cấp xã']],
    ]);
    const province = await unitIdByCode(t.database, '33');
    const count = async (key: string) =>
      (await coordinator.request('GET', `/api/unit-groups/members?key=${key}&unitId=${province}`)).json
        .length;
    const byName = Object.fromEntries(
      (preview.json.agencies as { name: string }[]).map((agency) => [agency.name, agency]),
    );
    expect(byName['UBND cấp xã']).toEqual({
      name: 'UBND cấp xã',
      unit: null,
      group: { key: 'type:commune', name: 'Tất cả xã, phường', memberCount: await count('type:commune') },
      source: 'group',
      suggestion: null,
      note: null,
    });
    expect(byName['Các sở, ban, ngành']).toMatchObject({
      unit: null,
      group: { key: 'type:department', memberCount: await count('type:department') },
      source: 'group',
    });
    expect(byName['Sở Nội vụ']).toMatchObject({ unit: { name: 'Sở Nội vụ' }, group: null, source: 'name' });
  });
});

describe('saved groups: who may keep them', () => {
  it('a coordinator saves, renames and deletes a group, each step audited; a commune’s users cannot', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const province = await unitIdByCode(t.database, '33');
    const memberIds = [await unitIdByCode(t.database, COMMUNE_A), await unitIdByCode(t.database, COMMUNE_B)];
    const body = { unitId: province, name: `Các xã biên giới ${++sequence}`, memberIds };
    for (const role of ['unit_reporter', 'unit_head'] as const) {
      const commune = await signInAs(t, role, COMMUNE_A);
      expect((await commune.request('POST', '/api/unit-groups', body)).status).toBe(403);
    }
    const communeCoordinator = await signInAs(t, 'coordinator', COMMUNE_A);
    expect((await communeCoordinator.request('POST', '/api/unit-groups', body)).status).toBe(404);

    const saved = await coordinator.request('POST', '/api/unit-groups', body);
    expect(saved.status).toBe(201);
    expect(saved.json).toMatchObject({ name: body.name, memberCount: 2, canEdit: true, version: 1 });
    expect((await coordinator.request('POST', '/api/unit-groups', body)).status).toBe(400);
    const list = await coordinator.request('GET', `/api/unit-groups?q=${encodeURIComponent('bien gioi')}`);
    expect(list.json.items.map((group: { id: number }) => group.id)).toContain(saved.json.id);
    const renamed = await coordinator.request('PATCH', `/api/unit-groups/${saved.json.id}`, {
      name: `${body.name} (sửa)`,
      memberIds: memberIds.slice(0, 1),
      version: 1,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ memberCount: 1, version: 2 });
    const stale = await coordinator.request('PATCH', `/api/unit-groups/${saved.json.id}`, {
      name: body.name,
      memberIds,
      version: 1,
    });
    expect(stale.status).toBe(409);
    const reporter = await signInAs(t, 'unit_reporter', COMMUNE_A);
    expect((await reporter.request('DELETE', `/api/unit-groups/${saved.json.id}`)).status).toBe(403);
    expect((await coordinator.request('DELETE', `/api/unit-groups/${saved.json.id}`)).status).toBe(204);
    expect((await coordinator.request('GET', `/api/unit-groups/${saved.json.id}`)).status).toBe(404);
    const admin = await signInAs(t, 'admin', null);
    const audit = await admin.request('GET', `/api/audit?entityType=unit_group&entityId=${saved.json.id}`);
    expect(audit.json.items.map((event: { action: string }) => event.action).sort()).toEqual([
      'unit_group.create',
      'unit_group.delete',
      'unit_group.update',
    ]);
  });

  it('a group given a task cannot be deleted', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const province = await unitIdByCode(t.database, '33');
    const saved = await coordinator.request('POST', '/api/unit-groups', {
      unitId: province,
      name: `Nhóm đang dùng ${++sequence}`,
      memberIds: [await unitIdByCode(t.database, COMMUNE_A)],
    });
    const plan = await buildPlan(t, { author: coordinator });
    const task = taskOf(plan, '1');
    const given = await coordinator.request('PATCH', `/api/plans/${plan.id}/items/${task.id}`, {
      leadGroupKeys: [saved.json.key],
      version: task.version,
    });
    expect(given.status).toBe(200);
    expect(given.json.leadGroups).toEqual([{ key: saved.json.key, name: saved.json.name, memberCount: 1 }]);
    expect((await coordinator.request('DELETE', `/api/unit-groups/${saved.json.id}`)).status).toBe(409);
    const reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
    const mine = await reporterA.request('GET', '/api/plan-tasks?perPage=100');
    expect(mine.json.items.map((item: { id: number }) => item.id)).toContain(task.id);
  });
});
