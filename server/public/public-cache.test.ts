import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpDataVersion } from '../db/read-cache.ts';
import { sendPetition } from '../feedback/feedback-fixtures.ts';
import { buildPlan, signInAs } from '../test/factories.ts';
import { createTestApp, type TestApp, unitIdByCode } from '../test/harness.ts';
import { allChangesHeard, expectCachedPage } from '../test/public-cache-check.ts';

/**
 * What each kind of public page is kept across. Rows are changed behind Chiso's back (SQL, no change
 * told): a page rendered again shows it, a page served from memory does not — no timing involved.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-12-04T03:00:00Z') });
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('the public cache', () => {
  it('keeps the site’s pages when a citizen sends a petition, and the feedback pages when a report is opened', async () => {
    const coordinator = await signInAs(t, 'coordinator', '33');
    const reporter = await signInAs(t, 'unit_reporter', '33.SNV');
    const plan = await buildPlan(t, { author: coordinator, title: 'Kế hoạch công khai trên trang' });
    const published = await coordinator.request('PUT', `/api/plans/${plan.id}/publication`, {
      published: true,
      version: plan.version,
    });
    expect(published.status).toBe(200);
    const planUrl = `/cong-khai/ke-hoach/${plan.id}-ke-hoach-cong-khai-tren-trang`;
    const item = await sendPetition(t);
    const itemUrl = `/phan-anh/${item.code}`;
    await allChangesHeard(t);
    const planPage = await expectCachedPage(t, planUrl);
    expect(planPage.body).toContain('Kế hoạch công khai trên trang');
    await expectCachedPage(t, itemUrl);

    const { pool } = t.database;
    await pool.query(`update plans set signer = 'Người ký đổi ngầm' where id = $1`, [plan.id]);
    await pool.query(`update feedback_items set text = 'Nội dung đổi ngầm' where id = $1`, [item.id]);
    // A citizen sends a petition: the feedback pages read it again, the plan's page is the same entry.
    const other = await sendPetition(t);
    await allChangesHeard(t);
    const planKept = await get(planUrl);
    expect([planKept.headers.etag, planKept.body]).toEqual([planPage.headers.etag, planPage.body]);
    expect((await get(itemUrl)).body).toContain('<p class="text">Nội dung đổi ngầm</p>');
    expect((await get('/phan-anh/danh-sach')).body).toContain(`class="code">${other.code}</a>`);

    // A report opened (reports, plans): the plan's page reads again, the feedback pages are kept.
    await pool.query(`update feedback_items set text = 'Nội dung đổi ngầm lần hai' where id = $1`, [item.id]);
    const opened = await reporter.request('POST', '/api/reports', {
      unitId: await unitIdByCode(t.database, '33.SNV'),
      periodCode: '2026Q4',
    });
    expect(opened.status).toBe(200);
    await allChangesHeard(t);
    expect((await get(planUrl)).body).toContain('<dd>Người ký đổi ngầm</dd>');
    expect((await get(itemUrl)).body).toContain('<p class="text">Nội dung đổi ngầm</p>');

    // Any change that does not say what it touched forgets every page.
    bumpDataVersion();
    expect((await get(itemUrl)).body).toContain('<p class="text">Nội dung đổi ngầm lần hai</p>');
  });
});
