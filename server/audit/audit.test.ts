import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../test/factories.ts';
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
