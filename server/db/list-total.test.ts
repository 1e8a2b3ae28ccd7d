import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossiers, procedures } from '../db/schema/index.ts';
import { buildPlan, buildReport, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';
import { bumpDataVersion } from './read-cache.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Page 1 of one item, then a page far past the end: the same total, no items. */
async function expectTotalPastTheEnd(session: Session, url: string) {
  const join = url.includes('?') ? '&' : '?';
  const first = await session.request('GET', `${url}${join}perPage=1`);
  expect(first.status).toBe(200);
  expect(first.json.items).toHaveLength(1);
  const total = first.json.total as number;
  // More than one page, so the last page and the one past it are different pages.
  expect(total).toBeGreaterThan(1);
  const last = await session.request('GET', `${url}${join}perPage=1&page=${total}`);
  expect(last.json).toMatchObject({ page: total, perPage: 1, total });
  expect(last.json.items).toHaveLength(1);
  const past = await session.request('GET', `${url}${join}perPage=1&page=999`);
  expect(past.status).toBe(200);
  expect(past.json).toEqual(expect.objectContaining({ items: [], page: 999, perPage: 1, total }));
}

describe('every list’s total is right on every page, also past the last one', () => {
  it('GET /api/units', async () => {
    await expectTotalPastTheEnd(await signInAs(t, 'coordinator', '33'), '/api/units');
  });

  it('GET /api/users', async () => {
    await expectTotalPastTheEnd(await signInAs(t, 'admin', null), '/api/users');
  });

  it('GET /api/audit', async () => {
    const admin = await signInAs(t, 'admin', null);
    // Two audited changes, so the log has at least two events whatever the demo wrote.
    await buildPlan(t);
    await buildPlan(t);
    await expectTotalPastTheEnd(admin, '/api/audit');
  });

  it('GET /api/plans', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    await buildPlan(t, { author: coordinator });
    await buildPlan(t, { author: coordinator });
    await expectTotalPastTheEnd(coordinator, '/api/plans');
  });

  it('GET /api/plan-tasks', async () => {
    await buildPlan(t, { leadCode: '33.STP', tasks: 3 });
    await expectTotalPastTheEnd(await signInAs(t, 'unit_reporter', '33.STP'), '/api/plan-tasks');
  });

  it('GET /api/notifications', async () => {
    // Told of each report sent in their province.
    const coordinator = await signInAs(t, 'coordinator', '33');
    await buildReport(t, { unitCode: '33.SNV', periodCode: '2026Q1', submit: true });
    await buildReport(t, { unitCode: '33.STP', periodCode: '2026Q1', submit: true });
    await expectTotalPastTheEnd(coordinator, '/api/notifications');
  });

  it('GET /api/reports/queue', async () => {
    await buildReport(t, { unitCode: '33.SNV', periodCode: '2026Q2', submit: true });
    await buildReport(t, { unitCode: '33.STP', periodCode: '2026Q2', submit: true });
    await expectTotalPastTheEnd(await signInAs(t, 'coordinator', '33'), '/api/reports/queue');
  });

  it('GET /api/indicator-targets', async () => {
    // The demo's province-wide targets.
    await expectTotalPastTheEnd(await signInAs(t, 'leader', '33'), '/api/indicator-targets');
  });

  it('GET /api/dossiers/late', async () => {
    const phoHien = await unitIdByCode(t.database, '11953');
    await t.database.db
      .insert(procedures)
      .values({ code: 'LT-01', name: 'Thủ tục thử', field: 'Thử' })
      .onConflictDoNothing();
    await t.database.db.insert(dossiers).values(
      ['LT-A', 'LT-B', 'LT-C'].map((code) => ({
        code,
        unitId: phoHien,
        procedureCode: 'LT-01',
        field: 'Thử',
        channel: 'online_full',
        receivedAt: new Date('2026-02-01T02:00:00Z'),
        dueAt: new Date('2026-02-05T10:00:00Z'),
        finishedAt: new Date('2026-02-10T03:00:00Z'),
        apologyIssued: false,
      })),
    );
    bumpDataVersion();
    await expectTotalPastTheEnd(
      await signInAs(t, 'unit_reporter', '11953'),
      `/api/dossiers/late?unitId=${phoHien}&period=2026Q1&q=LT-`,
    );
  });
});
