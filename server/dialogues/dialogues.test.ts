import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, notifications, plans, units } from '../db/schema/index.ts';
import { COMMUNE_A, COMMUNE_B, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { expectCachedPage } from '../test/public-cache-check.ts';

/**
 * Dialogues end to end through the API and the public pages: a commitment becomes a task of the lead
 * unit (its task list, its people told, overdue like any task), the public page shows it done once its
 * task is, a draft is never public, another commune can neither read nor change a dialogue, and the
 * board lists the communes without a conference first with exact counts.
 */
let t: TestApp;
let now = '2026-12-03T09:00:00+07:00';
let reporterA: Session;
let reporterB: Session;
let headB: Session;
let coordinator: Session;
let departmentReporter: Session;
let unitA: number;
let unitB: number;
let department: number;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(now) });
  reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
  reporterB = await signInAs(t, 'unit_reporter', COMMUNE_B);
  headB = await signInAs(t, 'unit_head', COMMUNE_B);
  coordinator = await signInAs(t, 'coordinator', '33');
  departmentReporter = await signInAs(t, 'unit_reporter', '33.SXD');
  unitA = await unitIdByCode(t.database, COMMUNE_A);
  unitB = await unitIdByCode(t.database, COMMUNE_B);
  department = await unitIdByCode(t.database, '33.SXD');
});
afterAll(() => t.close());

const conference = (overrides: Record<string, unknown> = {}) => ({
  unitId: unitA,
  kind: 'annual_conference',
  heldOn: '15/11/2026',
  topic: 'Hội nghị đối thoại giữa Chủ tịch UBND phường với Nhân dân năm 2026',
  location: 'Hội trường UBND phường',
  chairedBy: 'Chủ tịch UBND phường',
  participants: 'Lãnh đạo UBND phường\nỦy ban MTTQ phường\nNhân dân các khu phố',
  participantCount: 150,
  ...overrides,
});

async function create(session: Session, overrides: Record<string, unknown> = {}) {
  const made = await session.request('POST', '/api/dialogues', conference(overrides));
  if (made.status !== 201) throw new Error(`create: ${made.status} ${made.body}`);
  return made.json;
}

async function withQuestionAndCommitment(session: Session = reporterA) {
  const dialogue = await create(session);
  const asked = await session.request('POST', `/api/dialogues/${dialogue.id}/questions`, {
    question: 'Đường vào khu phố 3 xuống cấp, khi nào được sửa?',
    askedBy: 'Ông Nguyễn Văn Bình, khu phố 3',
    answer: 'Sở Xây dựng sẽ đưa vào kế hoạch duy tu quý I năm 2027.',
    answeredBy: 'Chủ tịch UBND phường',
    version: dialogue.version,
  });
  expect(asked.status).toBe(201);
  const committed = await session.request('POST', `/api/dialogues/${dialogue.id}/commitments`, {
    text: 'Duy tu đường vào khu phố 3',
    leadUnitId: department,
    dueOn: '31/03/2027',
    questionId: asked.json.questions[0].id,
    version: asked.json.version,
  });
  expect(committed.status).toBe(201);
  return committed.json;
}

describe('a commitment is a task of the lead unit', () => {
  it('makes one plan of the dialogue and a task led by the lead unit, in its list, and tells its people', async () => {
    const dialogue = await withQuestionAndCommitment();
    expect(dialogue.commitments).toHaveLength(1);
    const [commitment] = dialogue.commitments;
    expect(commitment).toMatchObject({
      text: 'Duy tu đường vào khu phố 3',
      leadUnitId: department,
      leadUnitName: 'Sở Xây dựng',
      dueOn: '2027-03-31',
      taskStatus: 'not_started',
      state: 'not_started',
      doneOn: null,
      questionId: dialogue.questions[0].id,
    });
    const [plan] = await t.database.db.select().from(plans).where(eq(plans.id, dialogue.planId));
    expect(plan).toMatchObject({
      unitId: unitA,
      status: 'active',
      year: 2026,
      title: 'Thực hiện các cam kết tại Hội nghị đối thoại ngày 15/11/2026',
    });

    // A second commitment joins the same plan.
    const second = await reporterA.request('POST', `/api/dialogues/${dialogue.id}/commitments`, {
      text: 'Lắp đèn chiếu sáng khu phố 3',
      leadUnitId: unitA,
      dueOn: '28/02/2027',
      version: dialogue.version,
    });
    expect(second.status).toBe(201);
    expect(second.json.planId).toBe(dialogue.planId);
    expect(second.json.commitments.map((c: { planId: number }) => c.planId)).toEqual([
      dialogue.planId,
      dialogue.planId,
    ]);

    // The department's task list holds its commitment (not the commune's own one).
    const tasks = await departmentReporter.request('GET', `/api/plan-tasks?unitId=${department}&perPage=100`);
    const mine = tasks.json.items.filter(
      (task: { plan: { id: number } }) => task.plan.id === dialogue.planId,
    );
    expect(mine.map((task: { text: string; due: string }) => [task.text, task.due])).toEqual([
      ['Duy tu đường vào khu phố 3', '2027-03-31'],
    ]);
    // The commune's own list holds its own.
    const own = await reporterA.request('GET', `/api/plan-tasks?unitId=${unitA}&perPage=100`);
    expect(
      own.json.items
        .filter((task: { plan: { id: number } }) => task.plan.id === dialogue.planId)
        .map((task: { text: string }) => task.text),
    ).toEqual(['Lắp đèn chiếu sáng khu phố 3']);

    // The department's people were told, as of any task given to them; the commune's were not.
    const told = await t.database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.kind, 'plan.assigned'), eq(notifications.link, `/plans/${dialogue.planId}`)),
      );
    expect(told.map((row) => row.title)).toEqual([
      'Kế hoạch “Thực hiện các cam kết tại Hội nghị đối thoại ngày 15/11/2026” giao đơn vị chủ trì 1 nhiệm vụ',
    ]);
    const departmentPeople = await t.database.db.execute(
      sql`select distinct user_id from role_grants where unit_id = ${department}
        and role in ('unit_reporter', 'unit_head') order by user_id`,
    );
    const expected = (departmentPeople.rows as { user_id: number }[]).map((row) => Number(row.user_id));
    expect(expected).toContain(
      Number((await departmentReporter.request('GET', '/api/auth/me')).json.user.id),
    );
    expect(told.map((row) => row.userId).sort((a, b) => a - b)).toEqual(expected);
    // The task is removed with its commitment, on the dialogue's page, not from the plan.
    const head = await signInAs(t, 'unit_head', COMMUNE_A);
    const planRead = await head.request('GET', `/api/plans/${dialogue.planId}`);
    const carried = planRead.json.items.find((item: { id: number }) => item.id === commitment.planItemId);
    const removed = await head.request(
      'DELETE',
      `/api/plans/${dialogue.planId}/items/${carried.id}?version=${carried.version}`,
    );
    expect(removed.status).toBe(409);
    expect(removed.json.error.message).toBe(
      'Nhiệm vụ này là một cam kết tại buổi đối thoại; muốn xóa, hãy xóa cam kết trên trang buổi đối thoại.',
    );

    // Overdue like any task: after its deadline it is on the department's overdue list.
    now = '2027-04-05T09:00:00+07:00';
    try {
      // Sessions end when idle: signed in again on the later day.
      const later = await signInAs(t, 'unit_reporter', '33.SXD');
      const overdue = await later.request(
        'GET',
        `/api/plan-tasks?unitId=${department}&overdue=true&perPage=100`,
      );
      expect(
        overdue.json.items.some((task: { plan: { id: number } }) => task.plan.id === dialogue.planId),
      ).toBe(true);
      const read = await (await signInAs(t, 'unit_reporter', COMMUNE_A)).request(
        'GET',
        `/api/dialogues/${dialogue.id}`,
      );
      expect(read.json.commitments[0].state).toBe('overdue');
    } finally {
      now = '2026-12-03T09:00:00+07:00';
    }
  });

  it('offers the unit, its own units and the provincial bodies as lead units, refuses another commune and a stale version', async () => {
    const dialogue = await create(reporterA);
    const choices = await reporterA.request('GET', `/api/dialogues/${dialogue.id}/lead-units?perPage=100`);
    expect(choices.json.items[0]).toMatchObject({ id: unitA, type: 'commune' });
    expect(choices.json.items.filter((unit: { type: string }) => unit.type === 'commune')).toHaveLength(1);
    expect(choices.json.items.some((unit: { id: number }) => unit.id === department)).toBe(true);
    const found = await reporterA.request('GET', `/api/dialogues/${dialogue.id}/lead-units?q=xay dung`);
    expect(found.json.items.map((unit: { name: string }) => unit.name)).toEqual(['Sở Xây dựng']);
    const other = await reporterA.request('POST', `/api/dialogues/${dialogue.id}/commitments`, {
      text: 'Việc của xã khác',
      leadUnitId: unitB,
      dueOn: '31/03/2027',
      version: dialogue.version,
    });
    expect(other.status).toBe(400);
    expect(other.json.error.message).toBe(
      'Đơn vị chủ trì phải là chính đơn vị, đơn vị trực thuộc hoặc cơ quan cấp tỉnh; không giao cho xã, phường khác.',
    );
    const stale = await reporterA.request('PUT', `/api/dialogues/${dialogue.id}`, {
      ...conference(),
      topic: 'Sửa chủ đề',
      version: dialogue.version + 5,
    });
    expect(stale.status).toBe(409);
    const edited = await reporterA.request('PUT', `/api/dialogues/${dialogue.id}`, {
      ...conference(),
      topic: 'Sửa chủ đề',
      version: dialogue.version,
    });
    expect(edited.json).toMatchObject({ topic: 'Sửa chủ đề', version: dialogue.version + 1 });
  });
});

describe('a commitment recorded by mistake', () => {
  it('is removed with its task while not worked on; kept once the lead unit reported on it', async () => {
    const dialogue = await withQuestionAndCommitment();
    const second = (
      await reporterA.request('POST', `/api/dialogues/${dialogue.id}/commitments`, {
        text: 'Cam kết ghi nhầm',
        leadUnitId: unitA,
        dueOn: '28/02/2027',
        version: dialogue.version,
      })
    ).json;
    const mistaken = second.commitments[1];
    const removed = await reporterA.request(
      'DELETE',
      `/api/dialogues/${dialogue.id}/commitments/${mistaken.id}?version=${second.version}`,
    );
    expect(removed.status).toBe(200);
    expect(removed.json.commitments.map((c: { text: string }) => c.text)).toEqual([
      'Duy tu đường vào khu phố 3',
    ]);
    const plan = await coordinator.request('GET', `/api/plans/${dialogue.planId}`);
    expect(plan.json.items.map((item: { text: string }) => item.text)).toEqual([
      'Duy tu đường vào khu phố 3',
    ]);

    // The department starts on its task: the commitment stays.
    const task = plan.json.items[0];
    const started = await departmentReporter.request(
      'PATCH',
      `/api/plans/${dialogue.planId}/items/${task.id}`,
      {
        status: 'in_progress',
        progress: 30,
        version: task.version,
      },
    );
    expect(started.status).toBe(200);
    const kept = await reporterA.request(
      'DELETE',
      `/api/dialogues/${dialogue.id}/commitments/${dialogue.commitments[0].id}?version=${removed.json.version}`,
    );
    expect(kept.status).toBe(409);
    const read = await reporterA.request('GET', `/api/dialogues/${dialogue.id}`);
    expect(read.json.commitments[0]).toMatchObject({
      state: 'in_progress',
      progress: 30,
      taskStatus: 'in_progress',
    });
  });
});

describe('questions in order', () => {
  it('adds, edits, moves and removes questions while not published', async () => {
    let dialogue = await create(reporterA);
    for (const question of ['Câu một', 'Câu hai', 'Câu ba']) {
      dialogue = (
        await reporterA.request('POST', `/api/dialogues/${dialogue.id}/questions`, {
          question,
          version: dialogue.version,
        })
      ).json;
    }
    const [first, second, third] = dialogue.questions;
    dialogue = (
      await reporterA.request('POST', `/api/dialogues/${dialogue.id}/questions/${third.id}/move`, {
        direction: 'up',
        version: dialogue.version,
      })
    ).json;
    expect(dialogue.questions.map((q: { question: string }) => q.question)).toEqual([
      'Câu một',
      'Câu ba',
      'Câu hai',
    ]);
    dialogue = (
      await reporterA.request('PUT', `/api/dialogues/${dialogue.id}/questions/${first.id}`, {
        question: 'Câu một',
        answer: 'Trả lời câu một',
        answeredBy: 'Phó Chủ tịch UBND phường',
        version: dialogue.version,
      })
    ).json;
    dialogue = (
      await reporterA.request(
        'DELETE',
        `/api/dialogues/${dialogue.id}/questions/${second.id}?version=${dialogue.version}`,
      )
    ).json;
    expect(
      dialogue.questions.map((q: { question: string; answer: string | null }) => [q.question, q.answer]),
    ).toEqual([
      ['Câu một', 'Trả lời câu một'],
      ['Câu ba', null],
    ]);
  });
});

describe('the public record', () => {
  it('never shows a draft; once published shows questions, answers and commitments, done when the task is', async () => {
    const dialogue = await withQuestionAndCommitment();
    const draftPage = await t.app.inject({ method: 'GET', url: `/doi-thoai/${dialogue.id}` });
    expect(draftPage.statusCode).toBe(404);
    const draftList = await t.app.inject({ method: 'GET', url: `/doi-thoai?unitId=${unitA}` });
    expect(draftList.body).not.toContain(`/doi-thoai/${dialogue.id}"`);

    const refused = await reporterA.request('POST', `/api/dialogues/${dialogue.id}/publish`, {
      version: dialogue.version,
    });
    expect(refused.status).toBe(400);
    const published = await reporterA.request('POST', `/api/dialogues/${dialogue.id}/publish`, {
      version: dialogue.version,
      confirm: true,
    });
    expect(published.status).toBe(200);
    expect(published.json.publishedAt).toBe('2026-12-03T02:00:00.000Z');

    // Published data only: served from the cache, which the publication (or any change) forgets.
    const page = await expectCachedPage(t, `/doi-thoai/${dialogue.id}`);
    expect(page.body).toContain('Hội nghị đối thoại giữa Chủ tịch UBND phường với Nhân dân năm 2026');
    expect(page.body).toContain('Đường vào khu phố 3 xuống cấp, khi nào được sửa?');
    expect(page.body).toContain('Sở Xây dựng sẽ đưa vào kế hoạch duy tu quý I năm 2027.');
    expect(page.body).toContain('<dt>Đơn vị chủ trì</dt><dd>Sở Xây dựng</dd>');
    expect(page.body).toContain('<dt>Thời hạn</dt><dd>31/03/2027</dd>');
    expect(page.body).toContain('<span class="badge">Chưa thực hiện</span>');
    // Who asked is a resident: not published; nor the list of participants.
    expect(page.body).not.toContain('Nguyễn Văn Bình');
    expect(page.body).not.toContain('Nhân dân các khu phố');
    const list = await expectCachedPage(t, `/doi-thoai?unitId=${unitA}&year=2026`);
    expect(list.body).toContain(`href="/doi-thoai/${dialogue.id}"`);

    // The lead unit marks its task done: the public page says so, with the day.
    const taskId = dialogue.commitments[0].planItemId;
    const plan = await departmentReporter.request('GET', `/api/plans/${dialogue.planId}`);
    const task = plan.json.items.find((item: { id: number }) => item.id === taskId);
    now = '2026-12-20T10:00:00+07:00';
    try {
      const later = await signInAs(t, 'unit_reporter', '33.SXD');
      const done = await later.request('PATCH', `/api/plans/${dialogue.planId}/items/${taskId}`, {
        status: 'done',
        version: task.version,
      });
      expect(done.status).toBe(200);
    } finally {
      now = '2026-12-03T09:00:00+07:00';
    }
    const after = await expectCachedPage(t, `/doi-thoai/${dialogue.id}`);
    expect(after.headers.etag).not.toBe(page.headers.etag);
    expect(after.body).toContain('<span class="badge">Đã thực hiện</span> ngày 20/12/2026');
    const english = await t.app.inject({ method: 'GET', url: `/doi-thoai/${dialogue.id}?lang=en` });
    expect(english.body).toContain('<span class="badge">Done</span> on 20/12/2026');

    // Published, the record is changed only after it is taken down, with a reason (audited).
    const edit = await reporterA.request('PUT', `/api/dialogues/${dialogue.id}`, {
      ...conference(),
      version: published.json.version,
    });
    expect(edit.status).toBe(409);
    const down = await reporterA.request('POST', `/api/dialogues/${dialogue.id}/unpublish`, {
      version: published.json.version,
      reason: 'Ghi nhầm ngày tổ chức',
    });
    expect(down.status).toBe(200);
    expect(down.json.publishedAt).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: `/doi-thoai/${dialogue.id}` })).statusCode).toBe(404);
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'dialogue.unpublish'), eq(auditEvents.entityId, String(dialogue.id))),
      );
    expect(event?.after).toEqual({ reason: 'Ghi nhầm ngày tổ chức' });
  });
});

describe('another commune', () => {
  it('can neither read nor change a dialogue of commune A; the province reads it', async () => {
    const dialogue = await create(reporterA);
    for (const session of [reporterB, headB]) {
      expect((await session.request('GET', `/api/dialogues/${dialogue.id}`)).status).toBe(404);
      const edit = await session.request('PUT', `/api/dialogues/${dialogue.id}`, {
        ...conference(),
        version: dialogue.version,
      });
      expect(edit.status).toBe(404);
      const publish = await session.request('POST', `/api/dialogues/${dialogue.id}/publish`, {
        version: dialogue.version,
        confirm: true,
      });
      expect(publish.status).toBe(404);
      const list = await session.request('GET', '/api/dialogues?perPage=100');
      expect(list.json.items.some((item: { id: number }) => item.id === dialogue.id)).toBe(false);
    }
    const made = await reporterB.request('POST', '/api/dialogues', conference());
    expect(made.status).toBe(403);
    const read = await coordinator.request('GET', `/api/dialogues/${dialogue.id}`);
    expect(read.status).toBe(200);
    expect(read.json.canRecord).toBe(true);
  });
});

describe('the board', () => {
  it('lists every commune in force, those without a conference first, with exact counts', async () => {
    // A dialogue is recorded once held: not ahead of the day.
    const ahead = await reporterA.request('POST', '/api/dialogues', conference({ heldOn: '04/12/2026' }));
    expect(ahead.status).toBe(400);
    expect(ahead.json.error.message).toBe(
      'Ngày tổ chức không được sau hôm nay: chỉ ghi nhận buổi đối thoại đã diễn ra.',
    );
    now = '2027-12-15T09:00:00+07:00';
    // Sessions end when idle: everyone signs in again on the later day.
    reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
    reporterB = await signInAs(t, 'unit_reporter', COMMUNE_B);
    coordinator = await signInAs(t, 'coordinator', '33');
    await create(reporterA, { heldOn: '10/01/2027' });
    await create(reporterA, { heldOn: '20/06/2027' });
    await create(reporterB, { unitId: unitB, heldOn: '05/05/2027', kind: 'businesses' });
    const communes = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(units)
      .where(and(eq(units.type, 'commune'), isNull(units.validTo)));
    const count = Number(communes[0]?.n);
    expect(count).toBeGreaterThan(2);

    const board = await coordinator.request('GET', '/api/dialogues/board?year=2027&perPage=100');
    expect(board.status, board.body).toBe(200);
    expect(board.json.total).toBe(count);
    expect(board.json.duty).toEqual({
      kind: 'annual_conference',
      perYear: 1,
      basis: 'Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 32',
    });
    const all = [];
    for (let page = 1; (page - 1) * 100 < count; page += 1)
      all.push(
        ...(await coordinator.request('GET', `/api/dialogues/board?year=2027&perPage=100&page=${page}`)).json
          .items,
      );
    expect(all).toHaveLength(count);
    // Without a conference first: A is last, B (a dialogue with businesses only) is among those without.
    expect(all.at(-1)).toMatchObject({
      unitId: unitA,
      conferences: 2,
      dialogues: 2,
      dutyMet: true,
      lastHeldOn: '2027-06-20',
    });
    expect(all.find((row) => row.unitId === unitB)).toMatchObject({
      conferences: 0,
      dialogues: 1,
      dutyMet: false,
    });
    expect(all.filter((row) => !row.dutyMet)).toHaveLength(count - 1);

    // Past the last page the total is still told (counted apart).
    const past = await coordinator.request('GET', '/api/dialogues/board?year=2027&missing=true&page=999');
    expect([past.json.items.length, past.json.total]).toEqual([0, count - 1]);
    const missing = await coordinator.request('GET', '/api/dialogues/board?year=2027&missing=true&perPage=5');
    expect(missing.json.total).toBe(count - 1);
    expect(missing.json.items).toHaveLength(5);
    const named = await coordinator.request('GET', '/api/dialogues/board?year=2027&q=pho hien');
    expect(named.json.items.map((row: { unitId: number }) => row.unitId)).toEqual([unitA]);

    // A commune's own people see their commune alone.
    const own = await reporterB.request('GET', '/api/dialogues/board?year=2027');
    expect(
      own.json.items.map((row: { unitId: number; conferences: number }) => [row.unitId, row.conferences]),
    ).toEqual([[unitB, 0]]);
    now = '2026-12-03T09:00:00+07:00';
  });
});
