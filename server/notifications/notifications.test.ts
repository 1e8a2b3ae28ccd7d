import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

let t: TestApp;
let coordinator: Session;
let reporter: Session;
let head: Session;
let otherReporter: Session;
let report: { id: number; version: number };

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signInAs(t, 'coordinator', '33');
  reporter = await signInAs(t, 'unit_reporter', '33.SNV');
  head = await signInAs(t, 'unit_head', '33.SNV');
  otherReporter = await signInAs(t, 'unit_reporter', '33.STP');
  const snvId = await unitIdByCode(t.database, '33.SNV');
  report = (await reporter.request('POST', '/api/reports', { unitId: snvId, periodCode: '2026Q1' })).json;
});
afterAll(() => t.close());

const move = async (session: Session, action: string, reason?: string) => {
  const moved = await session.request('POST', `/api/reports/${report.id}/transitions`, {
    action,
    reason,
    version: report.version,
  });
  expect(moved.status).toBe(200);
  report = moved.json;
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

  it('a sent report tells the coordinator, not the head who sent it', async () => {
    await move(head, 'submit');
    const mine = await list(coordinator);
    expect(mine.items[0]).toMatchObject({
      kind: 'report.submit',
      title: 'Sở Nội vụ đã gửi báo cáo kỳ 2026Q1',
      link: `/reports/${report.id}`,
      readAt: null,
    });
    expect((await list(head)).total).toBe(0);
  });

  it('a returned report tells the unit’s reporter and head with the reason, and only them', async () => {
    await move(coordinator, 'return', 'Thiếu số liệu hồ sơ trực tuyến');
    for (const session of [reporter, head]) {
      const mine = await list(session);
      expect(mine.unreadCount).toBe(1);
      expect(mine.items[0]).toMatchObject({
        kind: 'report.return',
        title: 'Báo cáo kỳ 2026Q1 của Sở Nội vụ bị trả lại: Thiếu số liệu hồ sơ trực tuyến',
        body: 'Thiếu số liệu hồ sơ trực tuyến',
        link: `/reports/${report.id}`,
      });
    }
    expect((await list(otherReporter)).total).toBe(0);
    expect((await list(coordinator)).total).toBe(1);
  });

  it('marks one read (only one’s own) and filters unread ones', async () => {
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
  });

  it('an accepted report tells the unit; read-all clears the count; pages follow the list contract', async () => {
    await move(head, 'submit');
    await move(coordinator, 'accept');
    const mine = await list(reporter);
    expect(mine.items[0]?.title).toBe('Báo cáo kỳ 2026Q1 của Sở Nội vụ đã được tiếp nhận');
    expect(mine.unreadCount).toBe(1);
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
