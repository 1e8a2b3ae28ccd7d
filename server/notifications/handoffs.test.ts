import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Todo } from '../../core/todos.ts';
import { createMailer } from '../reminders/mailer.ts';
import { startSmtpServer } from '../reminders/smtp-test-server.ts';
import { answerWithPlan, buildPlan, FUTURE_DEADLINES, signInAs, taskOf } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { sendHandoffMail } from './notification-mail.ts';

let t: TestApp;

// 2 April 2026: the first quarter's report is falling due.
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-04-02T03:00:00Z') });
});
afterAll(() => t.close());

type Report = { id: number; version: number; status: string };

const step = (session: Session, report: Report, action: string, reason?: string) =>
  session.request('POST', `/api/reports/${report.id}/transitions`, {
    action,
    reason,
    version: report.version,
  });

async function move(session: Session, report: Report, action: string, reason?: string): Promise<Report> {
  const moved = await step(session, report, action, reason);
  expect(moved.status).toBe(200);
  return moved.json;
}

async function notificationsOf(session: Session) {
  const listed = await session.request('GET', '/api/notifications');
  expect(listed.status).toBe(200);
  return listed.json as {
    items: { kind: string; title: string; body: string | null; link: string }[];
    total: number;
  };
}

async function todosOf(session: Session): Promise<Todo[]> {
  const listed = await session.request('GET', '/api/todos');
  expect(listed.status).toBe(200);
  return listed.json.items;
}

const todo = (todos: Todo[], kind: Todo['kind']) => todos.find((entry) => entry.kind === kind);

async function openReport(reporter: Session, unitCode: string): Promise<Report> {
  const unitId = await unitIdByCode(t.database, unitCode);
  const opened = await reporter.request('POST', '/api/reports', { unitId, periodCode: '2026Q1' });
  expect(opened.status).toBe(200);
  return opened.json;
}

describe('the reporter → head → coordinator chain', () => {
  it('the reporter presents, the head is told and returns it, the reporter is told, the head sends, the coordinator is told', async () => {
    const reporter = await signInAs(t, 'unit_reporter', '33.SNV');
    const head = await signInAs(t, 'unit_head', '33.SNV');
    const coordinator = await signInAs(t, 'coordinator', '33');
    const otherHead = await signInAs(t, 'unit_head', '33.STP');
    const written = todo(await todosOf(reporter), 'reportsToWrite');
    expect(written?.count).toBeGreaterThan(0);
    const toWrite = written?.count ?? 0;
    // A head reads "reports awaiting the head", never "reports to write".
    const headBefore = await todosOf(head);
    expect(todo(headBefore, 'reportsAwaitingHead')).toEqual({
      kind: 'reportsAwaitingHead',
      count: 0,
      link: '/reports',
      overdue: false,
    });
    expect(todo(headBefore, 'reportsToWrite')).toBeUndefined();
    expect(todo(headBefore, 'reportsNotSent')?.count).toBe(toWrite);
    const queued = todo(await todosOf(coordinator), 'reportsToReview')?.count ?? -1;

    let report = await openReport(reporter, '33.SNV');
    report = await move(reporter, report, 'present');
    expect(report.status).toBe('presented');
    const told = await notificationsOf(head);
    expect(told.items).toEqual([
      expect.objectContaining({
        kind: 'report.present',
        title: 'Báo cáo quý I/2026 của Sở Nội vụ chờ thủ trưởng duyệt',
        link: `/reports/${report.id}`,
      }),
    ]);
    expect((await notificationsOf(otherHead)).total).toBe(0);
    expect((await notificationsOf(reporter)).total).toBe(0);
    expect((await notificationsOf(coordinator)).total).toBe(0);
    // The quarter's deadline has passed (2 April): presented is not sent, so it is overdue.
    const { period } = (await head.request('GET', `/api/reports/${report.id}`)).json;
    expect(period.deadline < '2026-04-02').toBe(true);
    expect(todo(await todosOf(head), 'reportsAwaitingHead')).toEqual({
      kind: 'reportsAwaitingHead',
      count: 1,
      link: `/reports/${report.id}`,
      overdue: true,
    });
    expect(todo(await todosOf(reporter), 'reportsToWrite')?.count).toBe(toWrite - 1);

    // Presented is not sent: the board still chases the unit, and the text is the head's to judge.
    const board = await coordinator.request('GET', '/api/reports?period=2026Q1');
    const entry = board.json.units.find((row: { unit: { name: string } }) => row.unit.name === 'Sở Nội vụ');
    expect(entry).toMatchObject({ report: { status: 'presented', submittedOn: null }, toChase: true });
    const saved = await reporter.request('PUT', `/api/reports/${report.id}`, {
      narrative: {},
      tasks: [],
      version: report.version,
    });
    expect(saved.status).toBe(409);
    expect((await step(reporter, report, 'sendBack', 'Sửa lại')).status).toBe(403);
    expect((await step(reporter, report, 'submit')).status).toBe(403);
    expect((await step(head, report, 'sendBack')).status).toBe(400);

    report = await move(head, report, 'sendBack', 'Bổ sung số liệu hồ sơ trực tuyến');
    expect(report.status).toBe('returned');
    expect((await notificationsOf(reporter)).items[0]).toEqual(
      expect.objectContaining({
        kind: 'report.sendBack',
        title: 'Báo cáo quý I/2026 của Sở Nội vụ được thủ trưởng trả lại: Bổ sung số liệu hồ sơ trực tuyến',
        body: 'Bổ sung số liệu hồ sơ trực tuyến',
      }),
    );
    expect(todo(await todosOf(head), 'reportsAwaitingHead')?.count).toBe(0);

    report = await move(reporter, report, 'present');
    report = await move(head, report, 'submit');
    expect(report.status).toBe('submitted');
    expect((await notificationsOf(coordinator)).items[0]).toEqual(
      expect.objectContaining({ kind: 'report.submit', title: 'Sở Nội vụ đã gửi báo cáo quý I/2026' }),
    );
    expect(todo(await todosOf(coordinator), 'reportsToReview')?.count).toBe(queued + 1);
    const queue = await coordinator.request('GET', '/api/reports/queue?perPage=100');
    expect(queue.json.items.map((item: { id: number }) => item.id)).toContain(report.id);

    // The coordinator returns it: the reporter and the head are told, and it is the unit's to write again.
    await move(coordinator, report, 'return', 'Thiếu phụ lục');
    for (const session of [reporter, head])
      expect((await notificationsOf(session)).items[0]?.kind).toBe('report.return');
    const history = (await reporter.request('GET', `/api/reports/${report.id}`)).json.history;
    expect(history.map((event: { action: string }) => event.action)).toEqual([
      'report.open',
      'report.present',
      'report.sendBack',
      'report.present',
      'report.submit',
      'report.return',
    ]);
  });

  it('a head of a small commune sends a draft directly, never told of their own step', async () => {
    const head = await signInAs(t, 'unit_head', '12619');
    let report = await openReport(head, '12619');
    report = await move(head, report, 'submit');
    expect(report.status).toBe('submitted');
    expect((await notificationsOf(head)).total).toBe(0);
    expect((await step(head, report, 'present')).status).toBe(409);
  });
});

describe('hand-off e-mails', () => {
  it('go out after the change committed, to people with an address; a refused mail is retried, the change kept', async () => {
    const smtp = await startSmtpServer();
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Chiso <chiso@example.vn>' });
    const send = () =>
      sendHandoffMail({ db: t.database.db, mailer, config: { publicUrl: 'https://chiso.example.vn' } });
    try {
      // Anything pending from other steps first, so this test counts its own.
      while ((await send()).sent > 0);
      const reporter = await signInAs(t, 'unit_reporter', '33.SCT');
      const head = await signInAs(t, 'unit_head', '33.SCT');
      const [headId, reporterId] = await Promise.all(
        [head, reporter].map(async (session) => (await session.request('GET', '/api/auth/me')).json.user.id),
      );
      await t.database.pool.query(`update users set email = 'thutruong@sct.example.vn' where id = $1`, [
        headId,
      ]);
      await t.database.pool.query(`update users set email = 'canbo@sct.example.vn' where id = $1`, [
        reporterId,
      ]);

      let report = await openReport(reporter, '33.SCT');
      report = await move(reporter, report, 'present');
      expect(smtp.received).toHaveLength(0);
      expect(await send()).toEqual({ sent: 1, failed: 0, noAddress: 0 });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]).toMatchObject({
        to: ['thutruong@sct.example.vn'],
        subject: '[Chiso] Báo cáo quý I/2026 của Sở Công Thương chờ thủ trưởng duyệt',
      });
      expect(smtp.received[0]?.text).toContain(
        `Xem và xử lý tại: https://chiso.example.vn/reports/${report.id}`,
      );
      expect(await send()).toEqual({ sent: 0, failed: 0, noAddress: 0 });

      smtp.state.refusing = true;
      report = await move(head, report, 'sendBack', 'Thiếu số liệu');
      expect(await send()).toEqual({ sent: 0, failed: 1, noAddress: 0 });
      // The step stands; the mail waits for the next pass.
      expect((await reporter.request('GET', `/api/reports/${report.id}`)).json.status).toBe('returned');
      smtp.state.refusing = false;
      expect(await send()).toEqual({ sent: 1, failed: 0, noAddress: 0 });
      expect(smtp.received[1]).toMatchObject({
        to: ['canbo@sct.example.vn'],
        subject: '[Chiso] Báo cáo quý I/2026 của Sở Công Thương được thủ trưởng trả lại: Thiếu số liệu',
      });
      const states = await t.database.pool.query(
        'select mail_state from notifications where user_id = any($1) order by id',
        [[headId, reporterId]],
      );
      expect(states.rows.map((row) => row.mail_state)).toEqual(['sent', 'sent']);
      // Without SMTP nothing is sent and nothing is marked.
      await move(reporter, report, 'present');
      expect(
        await sendHandoffMail({ db: t.database.db, mailer: null, config: { publicUrl: 'https://x' } }),
      ).toEqual({ sent: 0, failed: 0, noAddress: 0 });
      const pending = await t.database.pool.query(
        `select count(*)::int as n from notifications where user_id = $1 and mail_state = 'pending'`,
        [headId],
      );
      expect(pending.rows[0].n).toBe(1);
    } finally {
      mailer?.close();
      await smtp.close();
    }
  });
});

describe('assessment hand-offs', () => {
  it('a round opened asks its communes, an appraisal stage the appraisers (home count), the explanation stage the returned unit', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const reporterA = await signInAs(t, 'unit_reporter', '11953');
    const headB = await signInAs(t, 'unit_head', '11977');
    const appraiserA = await signInAs(t, 'appraiser', '11953');
    const appraiser = await signInAs(t, 'appraiser', '33');
    const [a, b] = [await unitIdByCode(t.database, '11953'), await unitIdByCode(t.database, '11977')];
    const frameworks = (await coordinator.request('GET', '/api/frameworks')).json as {
      id: number;
      code: string;
    }[];
    const created = await coordinator.request('POST', '/api/rounds', {
      frameworkId: frameworks.find((entry) => entry.code === 'HY_CCHC_XA')?.id,
      ownerUnitId: await unitIdByCode(t.database, '33'),
      name: 'Đợt thử bàn giao',
      year: 2026,
      unitIds: [a, b],
      deadlines: FUTURE_DEADLINES,
    });
    expect(created.status).toBe(201);
    let round = created.json as { id: number; version: number; stage: string };
    expect((await notificationsOf(reporterA)).items).toEqual([
      expect.objectContaining({
        kind: 'round.self',
        title: 'Đợt đánh giá “Đợt thử bàn giao” đã mở: mời đơn vị tự đánh giá (hạn 30/06/2099)',
        link: `/assessment/rounds/${round.id}/units/${a}`,
      }),
    ]);
    expect((await notificationsOf(headB)).items[0]?.link).toBe(`/assessment/rounds/${round.id}/units/${b}`);
    expect((await notificationsOf(coordinator)).total).toBe(0);
    expect(todo(await todosOf(reporterA), 'sheetsToFill')).toEqual({
      kind: 'sheetsToFill',
      count: 1,
      link: `/assessment/rounds/${round.id}/units/${a}`,
      overdue: false,
    });

    // A sends its self-assessment (stored as sent); the round moves on before its deadline, with a reason.
    await t.database.pool.query(
      `insert into round_scores (round_id, unit_id, criterion_code, self_score) values ($1, $2, 'XA.1.1', 3)`,
      [round.id, a],
    );
    await t.database.pool.query(
      'update round_units set self_submitted_at = now() where round_id = $1 and unit_id = $2',
      [round.id, a],
    );
    expect(todo(await todosOf(reporterA), 'sheetsToFill')).toBeUndefined();
    const advance = async (reason: string) => {
      const moved = await coordinator.request('POST', `/api/rounds/${round.id}/advance`, {
        version: round.version,
        reason,
      });
      expect(moved.status).toBe(200);
      round = moved.json;
    };
    await advance('Theo chỉ đạo của UBND tỉnh');
    expect(round.stage).toBe('appraisal1');
    for (const session of [appraiserA, appraiser])
      expect((await notificationsOf(session)).items[0]).toEqual(
        expect.objectContaining({
          kind: 'round.appraise',
          title: 'Đợt đánh giá “Đợt thử bàn giao”: phiếu chờ thẩm định (hạn 31/07/2099)',
          link: `/assessment/rounds/${round.id}`,
        }),
      );
    // Only A sent its sheet; the appraiser of A sees it, one sheet.
    expect(todo(await todosOf(appraiserA), 'sheetsToAppraise')).toEqual({
      kind: 'sheetsToAppraise',
      count: 1,
      link: `/assessment/rounds/${round.id}/units/${a}`,
      overdue: false,
    });
    const returned = await appraiser.request('PATCH', `/api/rounds/${round.id}/units/${a}/scores/XA.1.1`, {
      returnedReason: 'Thiếu văn bản kiểm chứng',
      version: 1,
    });
    expect(returned.status).toBe(200);
    expect(todo(await todosOf(appraiserA), 'sheetsToAppraise')?.count).toBe(0);

    await advance('Theo chỉ đạo của UBND tỉnh');
    expect(round.stage).toBe('explanation');
    expect((await notificationsOf(reporterA)).items[0]).toEqual(
      expect.objectContaining({
        kind: 'round.explain',
        title: 'Đợt đánh giá “Đợt thử bàn giao”: hội đồng đề nghị giải trình (hạn 15/08/2099)',
        link: `/assessment/rounds/${round.id}/units/${a}`,
      }),
    );
    expect((await notificationsOf(headB)).total).toBe(1);
    expect(todo(await todosOf(reporterA), 'explanationsToGive')?.count).toBe(1);
    expect(todo(await todosOf(headB), 'explanationsToGive')).toBeUndefined();
  });
});

describe('plan hand-offs', () => {
  it('tasks assigned tell the lead unit; a request for unit plans tells it and waits on its home until answered', async () => {
    const author = await signInAs(t, 'coordinator', '33');
    const head = await signInAs(t, 'unit_head', '33.SXD');
    const reporter = await signInAs(t, 'unit_reporter', '33.SXD');
    const other = await signInAs(t, 'unit_reporter', '33.SNV');
    const plan = await buildPlan(t, { author, tasks: 2, leadCode: '33.SXD' });
    for (const session of [head, reporter])
      expect((await notificationsOf(session)).items).toEqual([
        expect.objectContaining({
          kind: 'plan.assigned',
          title: `Kế hoạch số ${plan.number} giao đơn vị chủ trì 2 nhiệm vụ`,
          link: `/plans/${plan.id}`,
        }),
      ]);
    expect((await notificationsOf(author)).total).toBe(0);
    expect(todo(await todosOf(head), 'plansToMake')).toBeUndefined();

    const asked = await author.request('PATCH', `/api/plans/${plan.id}`, {
      childPlansDue: '30/06/2026',
      version: plan.version,
    });
    expect(asked.status).toBe(200);
    expect((await notificationsOf(head)).items[0]).toEqual(
      expect.objectContaining({
        kind: 'plan.child',
        title: `Kế hoạch số ${plan.number} đề nghị đơn vị lập kế hoạch thực hiện trước 30/06/2026`,
      }),
    );
    expect(todo(await todosOf(head), 'plansToMake')).toEqual({
      kind: 'plansToMake',
      count: 1,
      link: `/plans/${plan.id}`,
      overdue: false,
    });

    // A task moved to another unit tells that unit only.
    const task = taskOf(plan, '2');
    const snv = await unitIdByCode(t.database, '33.SNV');
    const moved = await author.request('PATCH', `/api/plans/${plan.id}/items/${task.id}`, {
      leadUnitIds: [snv],
      version: task.version,
    });
    expect(moved.status).toBe(200);
    expect((await notificationsOf(other)).items[0]?.title).toBe(
      `Kế hoạch số ${plan.number} giao đơn vị chủ trì 1 nhiệm vụ`,
    );
    expect((await notificationsOf(head)).total).toBe(2);

    // The unit answers with its own plan, issued: nothing waits any more.
    await answerWithPlan(head, plan.id, await unitIdByCode(t.database, '33.SXD'));
    expect(todo(await todosOf(head), 'plansToMake')).toBeUndefined();
  });
});
