import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cascade, PlanDetail } from '../../core/plans/plan-views.ts';
import { buildPlan, COMMUNE_A, COMMUNE_B, signInAs } from '../test/factories.ts';
import {
  buildUser,
  createTestApp,
  type Session,
  signIn,
  type TestApp,
  unitIdByCode,
} from '../test/harness.ts';

/** The day the app's services see; each test sets it before it signs in and acts. */
let now = new Date('2026-03-10T09:00:00+07:00');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(now) });
});
afterAll(() => t.close());

/** A provincial plan giving commune A (and B) a task, asking for their plans by 15/03/2026. */
async function askedForPlans() {
  const asker = await buildUser(t.database, [{ role: 'coordinator', unitCode: '33' }]);
  const coordinator = await signIn(t.app, asker.username);
  const plan = await buildPlan(t, {
    author: coordinator,
    tasks: [
      { ref: '1', leadCodes: [COMMUNE_A] },
      { ref: '2', leadCodes: [COMMUNE_B] },
    ],
  });
  const asked = await coordinator.request('PATCH', `/api/plans/${plan.id}`, {
    childPlansDue: '15/03/2026',
    version: plan.version,
  });
  expect(asked.status).toBe(200);
  const headA = await signInAs(t, 'unit_head', COMMUNE_A);
  const made = await headA.request('POST', `/api/plans/${plan.id}/children`, {
    unitId: await unitIdByCode(t.database, COMMUNE_A),
  });
  expect(made.status).toBe(201);
  return { coordinator, askerName: asker.username, plan, headA, draft: made.json as PlanDetail };
}

async function notificationsOf(session: Session, locale = 'vi') {
  const reply = await t.app.inject({
    method: 'GET',
    url: '/api/notifications',
    headers: { cookie: session.cookie, 'x-chiso-locale': locale },
  });
  return reply.json().items as { kind: string; title: string; body: string | null; link: string }[];
}

const countsOf = async (session: Session, planId: number) =>
  ((await session.request('GET', `/api/plans/${planId}/cascade`)).json as Cascade).counts;

describe('a unit’s plan: draft → issued', () => {
  it('starts as a draft the head edits; a draft is not an answer; issued, it is, and the coordinator is told', async () => {
    now = new Date('2026-03-10T09:00:00+07:00');
    const { coordinator: asking, askerName, plan, headA, draft } = await askedForPlans();
    expect([draft.status, draft.issuedAt, draft.access]).toEqual([
      'draft',
      null,
      { write: true, issue: true, edit: true, reportItemIds: [draft.items[0]?.id] },
    ]);
    expect(await countsOf(asking, plan.id)).toEqual({ submitted: 0, late: 0, missing: 0, pending: 2 });
    const url = `/api/plans/${draft.id}`;

    const numbered = await headA.request('PATCH', url, {
      number: '12/KH-UBND',
      issuedOn: '12/03/2026',
      version: draft.version,
    });
    expect(numbered.status).toBe(200);
    // A stale version is a conflict; the one read issues it.
    expect((await headA.request('POST', `${url}/issue`, { version: draft.version })).status).toBe(409);
    // Two days on (sessions are judged by the same clock: everyone signs in again).
    now = new Date('2026-03-12T10:00:00+07:00');
    const head = await signInAs(t, 'unit_head', COMMUNE_A);
    const coordinator = await signIn(t.app, askerName);
    const issued = await head.request('POST', `${url}/issue`, { version: numbered.json.version });
    expect(issued.status).toBe(200);
    expect([issued.json.status, issued.json.issuedAt, issued.json.access.edit]).toEqual([
      'active',
      '2026-03-12T03:00:00.000Z',
      false,
    ]);
    const cascade = (await coordinator.request('GET', `/api/plans/${plan.id}/cascade`)).json as Cascade;
    expect(cascade.counts).toEqual({ submitted: 1, late: 0, missing: 0, pending: 1 });
    expect(cascade.units[0]?.plan).toMatchObject({ number: '12/KH-UBND', status: 'active' });

    // The coordinator who asked is told.
    const told = (await notificationsOf(coordinator)).filter((entry) => entry.kind === 'plan.issued');
    expect(told).toEqual([
      expect.objectContaining({
        title: 'Phường Phố Hiến đã ban hành Kế hoạch số 12/KH-UBND',
        body: `Thực hiện Kế hoạch số ${plan.number}: ${draft.title}`,
        link: `/plans/${draft.id}`,
      }),
    ]);
    const toldEn = (await notificationsOf(coordinator, 'en')).find((entry) => entry.kind === 'plan.issued');
    expect(toldEn?.title).toBe('Phường Phố Hiến issued plan No. 12/KH-UBND');
    // The head who issued hears nothing of its own step.
    expect((await notificationsOf(head)).some((entry) => entry.kind === 'plan.issued')).toBe(false);

    // Issued, its document is fixed: no edit, no second issue.
    expect((await head.request('PATCH', url, { number: '13/KH-UBND', version: 3 })).status).toBe(409);
    expect((await head.request('POST', `${url}/targets`, { text: 'Chỉ tiêu', value: 1 })).status).toBe(409);
    expect((await head.request('POST', `${url}/issue`, { version: 3 })).status).toBe(409);
    // Its tasks are still reported on, not redesigned.
    const task = issued.json.items.find((item: { kind: string }) => item.kind === 'task');
    const reworded = await head.request('PATCH', `${url}/items/${task.id}`, {
      text: 'Khác',
      version: task.version,
    });
    expect(reworded.status).toBe(409);
    const reported = await head.request('PATCH', `${url}/items/${task.id}`, {
      progress: 30,
      version: task.version,
    });
    expect([reported.status, reported.json.reportedProgress]).toEqual([200, 30]);
  });

  it('a draft’s progress counts towards the task it carries out only once issued', async () => {
    now = new Date('2026-03-10T09:00:00+07:00');
    const { coordinator, plan, headA, draft } = await askedForPlans();
    const task = draft.items.find((item) => item.kind === 'task');
    if (!task) throw new Error('the draft has no task');
    const parentTask = async () =>
      ((await coordinator.request('GET', `/api/plans/${plan.id}`)).json as PlanDetail).items.find(
        (item) => item.id === task.implementsItemId,
      );
    // The province counts its lead's own work at 40 % and the units' plans at 60 %.
    const version = ((await coordinator.request('GET', `/api/plans/${plan.id}`)).json as PlanDetail).version;
    expect(
      (await coordinator.request('PATCH', `/api/plans/${plan.id}`, { leadShare: 40, version })).status,
    ).toBe(200);
    const before = await parentTask();
    const reported = await headA.request('PATCH', `/api/plans/${draft.id}/items/${task.id}`, {
      progress: 60,
      version: task.version,
    });
    expect(reported.status).toBe(200);
    // The draft is not yet the commune's commitment: the provincial task still reads as before.
    expect((await parentTask())?.progress).toBe(before?.progress);
    expect(before?.progress).toBe(0);

    const numbered = await headA.request('PATCH', `/api/plans/${draft.id}`, {
      number: '14/KH-UBND',
      issuedOn: '10/03/2026',
      version: draft.version,
    });
    const issued = await headA.request('POST', `/api/plans/${draft.id}/issue`, {
      version: numbered.json.version,
    });
    expect(issued.status).toBe(200);
    // Issued: the commune's 60 % at 60 % weight beside the lead's own 0 %.
    expect((await parentTask())?.progress).toBe(36);
  });

  it('an answer issued after the deadline is late; withdrawn with a reason it no longer counts, audited and told', async () => {
    now = new Date('2026-03-10T09:00:00+07:00');
    const { askerName, plan, headA, draft } = await askedForPlans();
    const url = `/api/plans/${draft.id}`;
    const numbered = await headA.request('PATCH', url, {
      number: '20/KH-UBND',
      issuedOn: '18/03/2026',
      version: draft.version,
    });
    now = new Date('2026-03-18T09:00:00+07:00');
    const lateHead = await signInAs(t, 'unit_head', COMMUNE_A);
    const issued = await lateHead.request('POST', `${url}/issue`, { version: numbered.json.version });
    expect(issued.status).toBe(200);
    const later = await signIn(t.app, askerName);
    expect(await countsOf(later, plan.id)).toEqual({ submitted: 0, late: 1, missing: 1, pending: 0 });

    // Withdrawn only with a reason.
    const bare = await lateHead.request('POST', `${url}/withdraw`, { version: issued.json.version });
    expect(bare.status).toBe(400);
    const withdrawn = await lateHead.request('POST', `${url}/withdraw`, {
      version: issued.json.version,
      reason: 'Sai số liệu chỉ tiêu',
    });
    expect(withdrawn.status).toBe(200);
    expect([withdrawn.json.status, withdrawn.json.issuedAt, withdrawn.json.access.edit]).toEqual([
      'draft',
      null,
      true,
    ]);
    expect(await countsOf(later, plan.id)).toEqual({ submitted: 0, late: 0, missing: 2, pending: 0 });
    const audit = await t.database.pool.query(
      "select action, before, after from audit_events where entity_type = 'plan' and entity_id = $1 and action in ('plan.issue', 'plan.withdraw') order by seq",
      [String(draft.id)],
    );
    expect(
      audit.rows.map((row) => [row.action, row.before.status, row.after.status, row.after.reason]),
    ).toEqual([
      ['plan.issue', 'draft', 'active', undefined],
      ['plan.withdraw', 'active', 'draft', 'Sai số liệu chỉ tiêu'],
    ]);
    const told = (await notificationsOf(later)).find((entry) => entry.kind === 'plan.withdrawn');
    expect([told?.title, told?.body]).toEqual([
      'Phường Phố Hiến thu hồi Kế hoạch số 20/KH-UBND về dự thảo',
      'Lý do: Sai số liệu chỉ tiêu',
    ]);
    // A commune's to-do comes back while its plan is a draft again.
    const todos = (await lateHead.request('GET', '/api/todos')).json.items as { kind: string }[];
    expect(todos.find((entry) => entry.kind === 'plansToMake')).toEqual({
      kind: 'plansToMake',
      count: 1,
      link: `/plans/${plan.id}`,
      overdue: true,
    });
  });

  it('only a head (or a coordinator above) issues; a reporter may not; commune B’s head never sees A’s plan', async () => {
    now = new Date('2026-03-10T09:00:00+07:00');
    const { draft, headA } = await askedForPlans();
    const url = `/api/plans/${draft.id}`;
    const numbered = await headA.request('PATCH', url, {
      number: '3/KH-UBND',
      issuedOn: '10/03/2026',
      version: draft.version,
    });
    const reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
    const seen = (await reporterA.request('GET', url)).json as PlanDetail;
    expect([seen.access.write, seen.access.issue, seen.access.edit]).toEqual([false, false, false]);
    const version = numbered.json.version;
    expect((await reporterA.request('POST', `${url}/issue`, { version })).status).toBe(403);
    const headB = await signInAs(t, 'unit_head', COMMUNE_B);
    expect((await headB.request('POST', `${url}/issue`, { version })).status).toBe(404);
    expect((await headB.request('POST', `${url}/withdraw`, { version, reason: 'Thử' })).status).toBe(404);
    expect((await headB.request('PATCH', `${url}/targets/1`, { value: 1, version: 1 })).status).toBe(404);
    const unchanged = (await headA.request('GET', url)).json as PlanDetail;
    expect([unchanged.status, unchanged.version]).toEqual(['draft', version]);
    // The province's coordinator acts for any unit of it.
    const coordinator = await signInAs(t, 'coordinator', '33');
    expect((await coordinator.request('POST', `${url}/issue`, { version })).status).toBe(200);
  });

  it('a provincial plan is issued when saved and cannot be withdrawn to a draft', async () => {
    now = new Date('2026-03-10T09:00:00+07:00');
    const coordinator = await signInAs(t, 'coordinator', '33');
    const plan = await buildPlan(t, { author: coordinator });
    expect([plan.status, plan.issuedAt]).toEqual(['active', '2026-03-10T02:00:00.000Z']);
    const refused = await coordinator.request('POST', `/api/plans/${plan.id}/withdraw`, {
      version: plan.version,
      reason: 'Thử',
    });
    expect([refused.status, refused.json.error.code]).toEqual([409, 'CONFLICT']);
    // Nor issued a second time, nor made a draft by a change of status.
    expect(
      (await coordinator.request('POST', `/api/plans/${plan.id}/issue`, { version: plan.version })).status,
    ).toBe(409);
    const status = await coordinator.request('PATCH', `/api/plans/${plan.id}`, {
      status: 'draft',
      version: plan.version,
    });
    expect(status.status).toBe(400);
  });
});

describe('a unit’s plan in its register of outgoing documents', () => {
  const registerOf = async (session: Session, year: number) =>
    (await session.request('GET', `/api/documents/register?year=${year}&type=KH&sort=number`)).json.items as {
      number: string;
      status: string;
      voidReason: string | null;
      sourceKind: string;
      sourceId: string | null;
      title: string;
      issuedOn: string;
    }[];

  it('issued without a number, it takes the next KH number and today’s date; withdrawn, the number is voided and never given again', async () => {
    now = new Date('2026-03-10T09:00:00+07:00');
    const { draft } = await askedForPlans();
    const clerk = await signInAs(t, 'clerk', COMMUNE_A);
    const unitId = await unitIdByCode(t.database, COMMUNE_A);
    // The clerk has numbered two other plans of 2041 first.
    for (const day of ['05/01/2041', '06/01/2041'])
      await clerk.request('POST', '/api/documents/register', {
        unitId,
        type: 'KH',
        title: 'Khác',
        issuedOn: day,
      });
    now = new Date('2041-02-03T09:00:00+07:00');
    const head = await signInAs(t, 'unit_head', COMMUNE_A);
    const url = `/api/plans/${draft.id}`;
    const issued = await head.request('POST', `${url}/issue`, { version: draft.version });
    expect(issued.status).toBe(200);
    expect([issued.json.number, issued.json.issuedOn, issued.json.status]).toEqual([
      '03/KH-UBND',
      '2041-02-03',
      'active',
    ]);
    const clerkNow = await signInAs(t, 'clerk', COMMUNE_A);
    expect(await registerOf(clerkNow, 2041)).toEqual([
      expect.objectContaining({ number: '01/KH-UBND', sourceKind: 'other' }),
      expect.objectContaining({ number: '02/KH-UBND', sourceKind: 'other' }),
      expect.objectContaining({
        number: '03/KH-UBND',
        status: 'numbered',
        sourceKind: 'plan',
        sourceId: String(draft.id),
        title: draft.title,
        issuedOn: '2041-02-03',
      }),
    ]);
    // Found by its number in the plans' search.
    const found = await head.request('GET', `/api/plans?q=${encodeURIComponent('03/KH-UBND')}`);
    expect(found.json.items.map((plan: { id: number }) => plan.id)).toEqual([draft.id]);

    const withdrawn = await head.request('POST', `${url}/withdraw`, {
      version: issued.json.version,
      reason: 'Sai chỉ tiêu',
    });
    expect([withdrawn.status, withdrawn.json.status, withdrawn.json.number]).toEqual([200, 'draft', null]);
    expect((await registerOf(clerkNow, 2041))[2]).toMatchObject({
      number: '03/KH-UBND',
      status: 'void',
      voidReason: 'Thu hồi để sửa',
    });
    const audit = await t.database.pool.query(
      "select after from audit_events where action = 'plan.withdraw' and entity_id = $1",
      [String(draft.id)],
    );
    expect(audit.rows.map((row) => row.after.voidedNumber)).toEqual(['03/KH-UBND']);
    // Issued again, it takes a new number: 03 is never given twice.
    const again = await head.request('POST', `${url}/issue`, { version: withdrawn.json.version });
    expect([again.status, again.json.number]).toEqual([200, '04/KH-UBND']);
  });

  it('a plan with its own number records it in the register as taken; a number already taken is refused', async () => {
    now = new Date('2026-03-10T09:00:00+07:00');
    const first = await askedForPlans();
    const second = await askedForPlans();
    const own = await first.headA.request('PATCH', `/api/plans/${first.draft.id}`, {
      number: '17/KH-UBND',
      issuedOn: '09/03/2042',
      version: first.draft.version,
    });
    const issued = await first.headA.request('POST', `/api/plans/${first.draft.id}/issue`, {
      version: own.json.version,
    });
    expect([issued.status, issued.json.number, issued.json.issuedOn]).toEqual([
      200,
      '17/KH-UBND',
      '2042-03-09',
    ]);
    const clerk = await signInAs(t, 'clerk', COMMUNE_A);
    expect(await registerOf(clerk, 2042)).toEqual([
      expect.objectContaining({ number: '17/KH-UBND', status: 'numbered', sourceId: String(first.draft.id) }),
    ]);
    // The same number for another plan of the same year: refused, the plan stays a draft.
    const same = await second.headA.request('PATCH', `/api/plans/${second.draft.id}`, {
      number: '17/KH-UBND',
      issuedOn: '10/03/2042',
      version: second.draft.version,
    });
    const clash = await second.headA.request('POST', `/api/plans/${second.draft.id}/issue`, {
      version: same.json.version,
    });
    expect([clash.status, clash.json.error.details.fields]).toEqual([
      400,
      [
        {
          path: 'number',
          message: `Số 17/KH-UBND năm 2042 đã được cấp trong sổ văn bản đi cho “${first.draft.title}” (ngày 09/03/2042): để trống số để lấy số mới.`,
        },
      ],
    ]);
    expect((await second.headA.request('GET', `/api/plans/${second.draft.id}`)).json.status).toBe('draft');
    // The next number taken in the register comes after it.
    const next = await clerk.request('POST', '/api/documents/register', {
      unitId: await unitIdByCode(t.database, COMMUNE_A),
      type: 'KH',
      title: 'Kế hoạch sau',
      issuedOn: '11/03/2042',
    });
    expect(next.json.number).toBe('18/KH-UBND');
  });
});

describe('a unit’s own targets on its draft', () => {
  it('sets a catalogue indicator, a value and a period, edits them at the version read', async () => {
    now = new Date('2026-03-10T09:00:00+07:00');
    const { headA, draft } = await askedForPlans();
    const url = `/api/plans/${draft.id}/targets`;
    const unknown = await headA.request('POST', url, {
      text: 'Chỉ tiêu',
      value: 90,
      indicatorCode: 'KHONG_CO',
    });
    expect([unknown.status, unknown.json.error.details.fields[0].path]).toEqual([400, 'indicatorCode']);
    const badPeriod = await headA.request('POST', url, { text: 'Chỉ tiêu', value: 90, periodCode: '2026Q5' });
    expect(badPeriod.status).toBe(400);
    const added = await headA.request('POST', url, {
      text: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
      value: 95,
      indicatorCode: 'DOSSIER_ON_TIME',
      periodCode: '2026Q4',
    });
    expect(added.status).toBe(201);
    expect(added.json).toEqual({
      id: added.json.id,
      ref: '1',
      text: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
      op: '>=',
      value: 95,
      unit: '%',
      level: null,
      indicatorCode: 'DOSSIER_ON_TIME',
      periodCode: '2026Q4',
      version: 1,
    });
    const edited = await headA.request('PATCH', `${url}/${added.json.id}`, {
      value: 98.5,
      periodCode: '2026',
      version: 1,
    });
    expect(edited.status).toBe(200);
    expect([
      edited.json.value,
      edited.json.periodCode,
      edited.json.indicatorCode,
      edited.json.version,
    ]).toEqual([98.5, '2026', 'DOSSIER_ON_TIME', 2]);
    const stale = await headA.request('PATCH', `${url}/${added.json.id}`, { value: 50, version: 1 });
    expect(stale.status).toBe(409);
    const audit = await t.database.pool.query(
      "select before, after from audit_events where action = 'plan.target.update' and entity_id = $1",
      [String(added.json.id)],
    );
    expect(audit.rows.map((row) => [row.before.value, row.after.value, row.after.periodCode])).toEqual([
      [95, 98.5, '2026'],
    ]);
    const plan = (await headA.request('GET', `/api/plans/${draft.id}`)).json as PlanDetail;
    expect(plan.targets.map((target) => [target.value, target.periodCode])).toEqual([[98.5, '2026']]);
  });
});
