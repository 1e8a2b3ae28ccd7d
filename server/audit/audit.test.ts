import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAuditEvent } from '../../core/audit/audit-words.ts';
import { buildReport, buildRound, COMMUNE_A, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { verifyAuditChain } from './audit-service.ts';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t, 'admin', null);
});
afterAll(() => t.close());

describe('audit trail', () => {
  it('records actor, address, time, before and after of a change', async () => {
    const id = await unitIdByCode(t.database, '33.STC');
    const unit = (await admin.request('GET', `/api/units/${id}`)).json;
    await admin.request('PATCH', `/api/units/${id}`, {
      name: unit.name,
      type: unit.type,
      code: unit.code,
      headPhone: '0221 111 222',
      version: unit.version,
    });
    const [event] = (await admin.request('GET', `/api/audit?entityType=unit&entityId=${id}`)).json.items;
    expect(event).toMatchObject({
      action: 'unit.updated',
      ip: '127.0.0.1',
      before: { headPhone: null },
      after: { headPhone: '0221 111 222' },
    });
    expect(event.actorName).toMatch(/^user/);
    expect(Date.now() - Date.parse(event.at)).toBeLessThan(60_000);
  });

  it('names what each event touched, so it reads as a sentence in either language', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const round = await buildRound(t, { coordinator, name: 'Đánh giá CCHC cấp xã 2026 (nhật ký)' });
    const unitId = await unitIdByCode(t.database, COMMUNE_A);
    const reporter = await signInAs(t, 'unit_reporter', COMMUNE_A);
    const scored = await reporter.request('PATCH', `/api/rounds/${round.id}/units/${unitId}/scores/XA.1.1`, {
      selfScore: 2,
      version: 0,
    });
    expect(scored.status).toBe(200);
    const me = (await reporter.request('GET', '/api/auth/me')).json.user;
    const [score] = (
      await admin.request('GET', `/api/audit?entityType=round_score&entityId=${round.id}/${unitId}/XA.1.1`)
    ).json.items;
    expect(score.names).toEqual({
      actor: me.fullName,
      entity: null,
      unit: 'Phường Phố Hiến',
      round: 'Đánh giá CCHC cấp xã 2026 (nhật ký)',
      criterion: 'XA.1.1 Ban hành kế hoạch CCHC năm đúng thời hạn, đủ nội dung',
      period: null,
    });
    expect(describeAuditEvent(score, 'vi')).toBe(
      `${me.fullName} đã tự chấm tiêu chí “XA.1.1 Ban hành kế hoạch CCHC năm đúng thời hạn, đủ nội dung” của Phường Phố Hiến trong đợt đánh giá “Đánh giá CCHC cấp xã 2026 (nhật ký)”`,
    );

    const [login] = (await admin.request('GET', `/api/audit?action=auth.login&actorId=${me.id}`)).json.items;
    expect(describeAuditEvent(login, 'en')).toBe(`${me.fullName} signed in`);

    const report = await buildReport(t, { unitCode: COMMUNE_A, periodCode: '2026Q2' });
    const [opened] = (await admin.request('GET', `/api/audit?entityType=report&entityId=${report.id}`)).json
      .items;
    expect(opened.names).toMatchObject({ unit: 'Phường Phố Hiến', period: '2026Q2' });
    // The sentence names the person, not the login the event recorded.
    expect(opened.names.actor).not.toBe(opened.actorName);
    expect(describeAuditEvent(opened, 'vi', (code) => (code === '2026Q2' ? 'Quý II/2026' : code))).toBe(
      `${opened.names.actor} đã lập báo cáo Quý II/2026 của Phường Phố Hiến`,
    );
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    await expect(t.database.pool.query(`update audit_events set action = 'x' where seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.pool.query('delete from audit_events where seq = 1')).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.pool.query('truncate audit_events')).rejects.toThrow(/append-only/);
  });

  it('is not readable by a non-admin', async () => {
    const leader = await signInAs(t, 'leader', '33');
    expect((await leader.request('GET', '/api/audit')).status).toBe(403);
  });

  it('verifies the chain, and names the first event a superuser tampered with', async () => {
    expect(await verifyAuditChain(t.database.db, 3)).toMatchObject({ ok: true });
    expect((await admin.request('GET', '/api/audit/verify')).json).toMatchObject({ ok: true });
    // Only someone who can disable triggers can edit history; the chain still tells.
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update`);
      await tx.execute(sql`update audit_events set actor_name = 'someone else' where seq = 2`);
      await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update`);
    });
    expect(await verifyAuditChain(t.database.db, 3)).toMatchObject({ ok: false, brokenAt: 2, checked: 1 });
    expect((await admin.request('GET', '/api/audit/verify')).json).toMatchObject({ ok: false, brokenAt: 2 });
  });
});
