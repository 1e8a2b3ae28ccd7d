import { readFileSync } from 'node:fs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../core/open-data/table-schema.ts';
import { auditEvents, disclosureObligations, disclosureRecords } from '../db/schema/index.ts';
import { buildRegister, TODAY } from '../test/disclosure-register.ts';
import { COMMUNE_A, COMMUNE_B, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

/**
 * The public register's switch on 20/03/2026: an obligation recorded, posted since 02/02, is public
 * nowhere until its recorder switches it on; then the unit's disclosures page, the register's home
 * list, the unit's own page, the open data and its public file all show it, and taken off (with a
 * reason) none does. The preview is the same markup for staff only; the refusals (a reader, a stale
 * version, twice, no reason) and the audit; the migration's backfill of what was public before.
 */
let t: TestApp;
let reporterA: Session;
let reporterB: Session;
let leader: Session;
let register: Awaited<ReturnType<typeof buildRegister>>;
let publicFile: number;

const TITLE = 'Dự toán ngân sách phường năm 2026';
const pdf = Buffer.from('%PDF-1.4\ndự toán\n%%EOF');

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(TODAY) });
  reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
  reporterB = await signInAs(t, 'unit_reporter', COMMUNE_B);
  leader = await signInAs(t, 'leader', '33');
  register = await buildRegister(
    reporterA,
    await unitIdByCode(t.database, COMMUNE_A),
    reporterB,
    await unitIdByCode(t.database, COMMUNE_B),
  );
  const shown = await reporterA.upload(
    `/api/disclosures/${register.onTime}/files?public=true`,
    'du-toan-2026.pdf',
    pdf,
  );
  publicFile = shown.json.publicFileId;
}, 120_000);
afterAll(() => t.close());

const get = (url: string, cookie?: string) =>
  t.app.inject({ method: 'GET', url, ...(cookie && { headers: { cookie } }) });

/** Every public place an obligation can be read, each as the text a reader gets. */
async function everywherePublic() {
  const csv = await get('/du-lieu-mo/thong-tin-cong-khai.csv');
  const json = await get('/du-lieu-mo/thong-tin-cong-khai.json');
  return {
    unitPage: (await get('/cong-khai/thong-tin/phuong-pho-hien')).body,
    home: (await get('/cong-khai/thong-tin')).body,
    ownPage: (await get('/cong-khai/don-vi/phuong-pho-hien')).body,
    csv: parseCsv(csv.body),
    json: json.json() as Record<string, unknown>[],
    file: (await get(`/cong-khai/thong-tin/tep/${publicFile}`)).statusCode,
  };
}

/** The item's own markup on a page: `<li id="noi-dung-…">…</li>`. */
const itemOf = (markup: string, id: number) =>
  new RegExp(`<li id="noi-dung-${id}"[\\s\\S]*?</li>`).exec(markup)?.[0] ?? null;

const publication = (session: Session, id: number) =>
  session.request('GET', `/api/disclosures/${id}/publication`);
const switchTo = (session: Session, id: number, body: unknown) =>
  session.request('PUT', `/api/disclosures/${id}/publication`, body);

describe('the public register’s switch', () => {
  it('keeps an item posted since 02/02 off every public page until its recorder publishes it', async () => {
    const seen = await everywherePublic();
    expect(seen.unitPage).not.toContain(TITLE);
    expect(seen.home).not.toContain(TITLE);
    expect(seen.ownPage).not.toContain(TITLE);
    expect(seen.csv).toEqual([seen.csv[0]]);
    expect(seen.json).toEqual([]);
    expect(seen.file).toBe(404);
    // Still judged on the staff's side: posted everywhere on time.
    const detail = await reporterA.request('GET', `/api/disclosures/${register.onTime}`);
    expect(detail.json).toMatchObject({ status: 'on_time', records: 5, publishedAt: null });
  });

  it('publishes an item with a preview of exactly its public markup, and takes it off with a reason', async () => {
    const id = register.onTime;
    const before = await publication(reporterA, id);
    expect(before.status).toBe(200);
    expect(before.json).toEqual({
      publishedAt: null,
      publishedByName: null,
      title: TITLE,
      unitName: 'Phường Phố Hiến',
      itemName: {
        vi: expect.stringMatching(/^Dự toán ngân sách/),
        en: expect.stringMatching(/budget estimate/i),
      },
      decisionNumber: '01/QĐ-UBND',
      decisionDate: '2026-01-10',
      documentUrl: 'https://phohien.hungyen.gov.vn/van-ban/1',
      publicFileName: 'du-toan-2026.pdf',
      placesStarted: 5,
      previewPath: `/cong-khai/thong-tin/xem-truoc/${id}`,
      publicPath: `/cong-khai/thong-tin/phuong-pho-hien#noi-dung-${id}`,
      // Every place stood its 30 days by 04/03/2026.
      periodRuns: false,
      periodRunsUntil: null,
      version: 1,
    });

    // The preview: for whoever reads the item, never cached; a 404 page for another commune.
    expect((await get(before.json.previewPath)).statusCode).toBe(401);
    const elsewhere = await get(before.json.previewPath, reporterB.cookie);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(elsewhere.body).toContain('<h1>Không tìm thấy</h1>');
    expect(elsewhere.body).not.toContain(TITLE);
    expect((await get('/cong-khai/thong-tin/xem-truoc/99999999', reporterA.cookie)).statusCode).toBe(404);
    const preview = await get(before.json.previewPath, reporterA.cookie);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['cache-control']).toBe('no-store');
    expect(preview.body).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(preview.body).toContain(
      'Xem trước: đây đúng là nội dung người dân sẽ thấy trên trang công khai của đơn vị. Nội dung này chưa công khai.',
    );
    expect(preview.body).toContain('<h1>Thông tin công khai: Phường Phố Hiến</h1>');
    const previewed = itemOf(preview.body, id);
    expect(previewed).toContain(`<h3>${TITLE}</h3>`);
    expect(previewed).toContain('Trụ sở HĐND, UBND: từ 02/02/2026 (đang niêm yết)');
    expect(previewed).toContain(`href="/cong-khai/thong-tin/tep/${publicFile}"`);

    // A reader may not publish; a stale version is refused; then the recorder publishes it.
    expect((await switchTo(leader, id, { published: true, version: 1 })).status).toBe(403);
    expect((await switchTo(reporterB, id, { published: true, version: 1 })).status).toBe(404);
    const stale = await switchTo(reporterA, id, { published: true, version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('VERSION_CONFLICT');
    const published = await switchTo(reporterA, id, { published: true, version: 1 });
    expect(published.status).toBe(200);
    const me = await reporterA.request('GET', '/api/auth/me');
    expect(published.json).toMatchObject({
      publishedAt: '2026-03-20T02:00:00.000Z',
      publishedByName: me.json.user.fullName,
      version: 2,
    });
    const twice = await switchTo(reporterA, id, { published: true, version: 2 });
    expect(twice.status).toBe(409);
    expect(twice.json.error).toEqual({
      code: 'CONFLICT',
      message: 'Nội dung này đã được công khai trên trang công khai.',
    });
    const listed = await reporterA.request('GET', '/api/disclosures?q=du toan');
    expect(listed.json.items.map((item: { publishedAt: string | null }) => item.publishedAt)).toEqual([
      '2026-03-20T02:00:00.000Z',
    ]);

    // Public everywhere, the unit's page drawing exactly the preview's markup.
    const seen = await everywherePublic();
    expect(itemOf(seen.unitPage, id)).toBe(previewed);
    expect(seen.home).toContain(`<h3>${TITLE}</h3>`);
    expect(seen.ownPage).toContain(`<strong>${TITLE}</strong>`);
    expect(seen.ownPage).toContain('· 02/02/2026</p>');
    expect(seen.csv.slice(1).map((row) => [row[3], row[7], row[9], row[11]])).toEqual(
      ['office', 'village', 'website', 'loudspeaker', 'written'].map((place) => [
        TITLE,
        place,
        '2026-02-02',
        '2026-03-20',
      ]),
    );
    expect(seen.json.map((row) => row.title)).toEqual([TITLE, TITLE, TITLE, TITLE, TITLE]);
    expect(seen.file).toBe(200);
    const shownPreview = await get(before.json.previewPath, reporterA.cookie);
    expect(shownPreview.body).toContain(
      'Xem trước: nội dung này đang được công khai; người dân thấy đúng như dưới đây.',
    );

    // Taken off: a reason is required (blank is none), then it is gone everywhere at once.
    const bare = await switchTo(reporterA, id, { published: false, version: 2 });
    expect(bare.status).toBe(400);
    expect(bare.json.error.details.fields).toEqual([
      { path: 'reason', message: 'Hãy nêu lý do thôi công khai.' },
    ]);
    expect((await switchTo(reporterA, id, { published: false, version: 2, reason: '   ' })).status).toBe(400);
    const off = await switchTo(reporterA, id, {
      published: false,
      version: 2,
      reason: 'Văn bản đăng nhầm bản dự thảo',
    });
    expect(off.status).toBe(200);
    expect(off.json).toMatchObject({ publishedAt: null, publishedByName: null, version: 3 });
    const gone = await everywherePublic();
    expect(gone.unitPage).not.toContain(TITLE);
    expect(gone.home).not.toContain(TITLE);
    expect(gone.ownPage).not.toContain(TITLE);
    expect(gone.json).toEqual([]);
    expect(gone.file).toBe(404);
    const again = await switchTo(reporterA, id, { published: false, version: 3, reason: 'Lần nữa' });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toBe('Nội dung này chưa được công khai trên trang công khai.');

    const events = await t.database.db
      .select({ action: auditEvents.action, before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityType, 'disclosure'),
          eq(auditEvents.entityId, String(id)),
          inArray(auditEvents.action, ['disclosure.publish', 'disclosure.unpublish']),
        ),
      )
      .orderBy(auditEvents.seq);
    expect(events).toEqual([
      {
        action: 'disclosure.publish',
        before: { publishedAt: null },
        after: { publishedAt: '2026-03-20T02:00:00.000Z' },
      },
      {
        action: 'disclosure.unpublish',
        before: { publishedAt: '2026-03-20T02:00:00.000Z' },
        after: { publishedAt: null, reason: 'Văn bản đăng nhầm bản dự thảo' },
      },
    ]);
  });

  it('tells whoever takes an item off that its legal posting period still runs, and to when', async () => {
    // The contributions posted from 03/03 at the office and on the website must stand 30 days: to 02/04.
    const running = await publication(reporterA, register.takenDown);
    expect(running.json).toMatchObject({ periodRuns: true, periodRunsUntil: '2026-04-02' });
    // The democracy rules stand permanently: the period runs with no end.
    const rules = await reporterA.request('POST', '/api/disclosures', {
      unitId: await unitIdByCode(t.database, COMMUNE_A),
      itemCode: 'QUY_CHE_DAN_CHU',
      title: 'Quy chế thực hiện dân chủ ở phường',
      decisionDate: '02/03/2026',
    });
    await reporterA.request('POST', `/api/disclosures/${rules.json.id}/records`, {
      place: 'office',
      from: '04/03/2026',
    });
    expect((await publication(reporterA, rules.json.id)).json).toMatchObject({
      periodRuns: true,
      periodRunsUntil: null,
      placesStarted: 1,
    });
  });

  it('shows an item published before any posting began with the day it went on the page', async () => {
    const id = register.notDue;
    const state = await publication(reporterA, id);
    expect(state.json).toMatchObject({ placesStarted: 0, periodRuns: false });
    const published = await switchTo(reporterA, id, { published: true, version: state.json.version });
    expect(published.status).toBe(200);
    const seen = await everywherePublic();
    const [now = ''] = seen.unitPage.split('<h2>Đã công khai trước đây</h2>');
    const item = itemOf(now, id);
    expect(item).toContain('<h3>Kế hoạch phát triển kinh tế - xã hội năm 2026</h3>');
    expect(item).toContain('<p class="place">Đăng trên trang này từ 20/03/2026</p>');
    expect(seen.ownPage).toContain('· 20/03/2026</p>');
    expect(seen.csv.slice(1)).toEqual([
      [
        'Phường Phố Hiến',
        'KE_HOACH_KT_XH',
        expect.any(String),
        'Kế hoạch phát triển kinh tế - xã hội năm 2026',
        '01/QĐ-UBND',
        '2026-03-18',
        'https://phohien.hungyen.gov.vn/van-ban/1',
        '',
        '',
        '',
        '',
        '2026-03-20',
      ],
    ]);
    const english = await get('/cong-khai/thong-tin/phuong-pho-hien?lang=en');
    expect(itemOf(english.body, id)).toContain('<p class="place">On this page since 20/03/2026</p>');
  });

  it('the upgrade keeps public what was public before: items with a posting begun, since they were recorded', async () => {
    const unitId = await unitIdByCode(t.database, COMMUNE_B);
    const db = t.database.db;
    const made = await db
      .insert(disclosureObligations)
      .values(
        ['Đã niêm yết', 'Sẽ niêm yết', 'Chưa niêm yết'].map((title, index) => ({
          unitId,
          itemCode: 'NS_DU_TOAN',
          title,
          decisionDate: '2020-01-01',
          search: title,
          createdAt: new Date(`2020-01-0${index + 2}T03:00:00Z`),
        })),
      )
      .returning({ id: disclosureObligations.id });
    const [posted, coming, none] = made.map((row) => row.id) as [number, number, number];
    await db.insert(disclosureRecords).values([
      { obligationId: posted, place: 'office', fromDate: '2020-01-05' },
      { obligationId: coming, place: 'office', fromDate: '2999-01-05' },
    ]);
    const migration = readFileSync(
      new URL('../../db/migrations/0039_disclosure_publication.sql', import.meta.url),
      'utf8',
    );
    const backfill = migration.split('--> statement-breakpoint').at(-1) ?? '';
    expect(backfill).toContain('UPDATE "disclosure_obligations"');
    await db.execute(sql.raw(backfill));
    const rows = await db
      .select({ id: disclosureObligations.id, publishedAt: disclosureObligations.publishedAt })
      .from(disclosureObligations)
      .where(inArray(disclosureObligations.id, [posted, coming, none]))
      .orderBy(disclosureObligations.id);
    expect(rows).toEqual([
      { id: posted, publishedAt: new Date('2020-01-02T03:00:00Z') },
      { id: coming, publishedAt: null },
      { id: none, publishedAt: null },
    ]);
  });
});
