import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Report = { id: number; version: number };
const move = async (session: Session, report: Report, action: string, reason?: string): Promise<Report> => {
  const moved = await session.request('POST', `/api/reports/${report.id}/transitions`, {
    action,
    reason,
    version: report.version,
  });
  expect(moved.status).toBe(200);
  return moved.json;
};
const list = async (session: Session, query = '') => {
  const listed = await session.request('GET', `/api/notifications${query}`);
  expect(listed.status).toBe(200);
  return listed.json as {
    items: {
      id: number;
      kind: string;
      title: string;
      body: string | null;
      link: string;
      readAt: string | null;
    }[];
    total: number;
    unreadCount: number;
  };
};

describe('notifications of a report’s steps', () => {
  it('refuses anyone not signed in', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/notifications/read-all' })).statusCode).toBe(401);
  });

  it('a report’s story (sent, returned, read, accepted) tells the right people at each step', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const reporter = await signInAs(t, 'unit_reporter', '33.SNV');
    const head = await signInAs(t, 'unit_head', '33.SNV');
    const otherReporter = await signInAs(t, 'unit_reporter', '33.STP');
    const snvId = await unitIdByCode(t.database, '33.SNV');
    let report: Report = (
      await reporter.request('POST', '/api/reports', { unitId: snvId, periodCode: '2026Q1' })
    ).json;

    // A sent report tells the coordinator, not the head who sent it.
    report = await move(head, report, 'submit');
    const coordinators = await list(coordinator);
    expect(coordinators.items[0]).toMatchObject({
      kind: 'report.submit',
      title: 'Sở Nội vụ đã gửi báo cáo quý I/2026',
      link: `/reports/${report.id}`,
      readAt: null,
    });
    expect((await list(head)).total).toBe(0);

    // A returned report tells the unit’s reporter and head with the reason, and only them.
    report = await move(coordinator, report, 'return', 'Thiếu số liệu hồ sơ trực tuyến');
    for (const session of [reporter, head]) {
      const mine = await list(session);
      expect(mine.unreadCount).toBe(1);
      expect(mine.items[0]).toMatchObject({
        kind: 'report.return',
        title: 'Báo cáo quý I/2026 của Sở Nội vụ bị trả lại: Thiếu số liệu hồ sơ trực tuyến',
        body: 'Thiếu số liệu hồ sơ trực tuyến',
        link: `/reports/${report.id}`,
      });
    }
    expect((await list(otherReporter)).total).toBe(0);
    expect((await list(coordinator)).total).toBe(1);

    // Marks one read (only one’s own) and filters unread ones.
    const [returned] = (await list(reporter)).items;
    if (!returned) throw new Error('no notification');
    expect((await otherReporter.request('POST', `/api/notifications/${returned.id}/read`)).status).toBe(404);
    expect((await list(reporter)).unreadCount).toBe(1);
    const read = await reporter.request('POST', `/api/notifications/${returned.id}/read`);
    expect(read.status).toBe(200);
    expect(read.json.readAt).not.toBeNull();
    const after = await list(reporter, '?unread=true');
    expect(after).toMatchObject({ total: 0, unreadCount: 0, items: [] });
    expect((await list(reporter)).total).toBe(1);
    expect((await reporter.request('GET', '/api/notifications?unread=yes')).status).toBe(400);

    // An accepted report tells the unit; read-all clears the count; pages follow the list contract.
    report = await move(head, report, 'submit');
    report = await move(coordinator, report, 'accept');
    const reporters = await list(reporter);
    expect(reporters.items[0]?.title).toBe('Báo cáo quý I/2026 của Sở Nội vụ đã được tiếp nhận');
    expect(reporters.unreadCount).toBe(1);
    const paged = await list(head, '?page=2&perPage=1');
    expect(paged).toMatchObject({ page: 2, perPage: 1, total: 2, unreadCount: 2 });
    expect(paged.items[0]?.kind).toBe('report.return');
    const cleared = await head.request('POST', '/api/notifications/read-all');
    expect(cleared.json).toEqual({ marked: 2 });
    expect((await list(head)).unreadCount).toBe(0);
    expect((await list(reporter)).unreadCount).toBe(1);
    const actions = await t.database.pool.query(
      "select action from audit_events where entity_type = 'notification' order by seq",
    );
    expect(actions.rows.map((row) => row.action)).toEqual(['notification.read', 'notification.read_all']);
  });
});
