import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordObligation } from '../test/disclosure-register.ts';
import { COMMUNE_A, signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp, unitIdByCode } from '../test/harness.ts';

/**
 * "Nơi có hệ thống loa truyền thanh": a commune without loudspeakers says so in its register, and its
 * obligations stop being missing for want of a broadcast; saying it has them again asks for them again.
 */
let t: TestApp;
let reporterA: Session;
let leader: Session;
let coordinatorB: Session;
let unitA: number;
let poorList: number;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-03-20T09:00:00+07:00') });
  reporterA = await signInAs(t, 'unit_reporter', COMMUNE_A);
  leader = await signInAs(t, 'leader', '33');
  coordinatorB = await signInAs(t, 'coordinator', '11983');
  unitA = await unitIdByCode(t.database, COMMUNE_A);
  // Posted everywhere but on the loudspeakers, on time (due 09/02).
  poorList = await recordObligation(
    reporterA,
    unitA,
    { itemCode: 'HO_NGHEO', title: 'Danh sách hộ nghèo năm 2026', decisionDate: '02/02/2026' },
    (['office', 'village', 'website'] as const).map((place) => ({ place, from: '04/02/2026' })),
  );
}, 120_000);
afterAll(() => t.close());

const statusOf = async () => (await reporterA.request('GET', `/api/disclosures/${poorList}`)).json;

describe('a commune without a loudspeaker system', () => {
  it('is asked for broadcasts until it says it has none, and again once it says it has', async () => {
    expect(await statusOf()).toMatchObject({ status: 'missing' });
    const read = await reporterA.request('GET', `/api/disclosures/units/${unitA}/loudspeaker`);
    expect(read.json).toMatchObject({ unitId: unitA, hasLoudspeaker: true, canChange: true });

    const off = await reporterA.request('PUT', `/api/disclosures/units/${unitA}/loudspeaker`, {
      hasLoudspeaker: false,
      version: read.json.version,
    });
    expect(off.status).toBe(200);
    expect(off.json).toMatchObject({ hasLoudspeaker: false, version: read.json.version + 1 });
    const judged = await statusOf();
    expect(judged.status).toBe('on_time');
    expect(judged.places.map((place: { place: string }) => place.place)).toEqual([
      'office',
      'village',
      'website',
    ]);
    // The public page no longer lists a broadcast among what the commune must do.
    const page = await t.app.inject({ method: 'GET', url: `/cong-khai/thong-tin/${unitA}` });
    const poorItem = /<li data-required="HO_NGHEO">[\s\S]*?<\/li>/.exec(page.body)?.[0] ?? '';
    expect(poorItem).toContain('Trụ sở HĐND, UBND');
    expect(poorItem).not.toContain('loa truyền thanh');
    const audit = await t.database.pool.query(
      `select before, after from audit_events where action = 'unit.loudspeaker' and entity_id = $1`,
      [unitA],
    );
    expect(audit.rows).toEqual([{ before: { hasLoudspeaker: true }, after: { hasLoudspeaker: false } }]);

    // A stale version changes nothing.
    const stale = await reporterA.request('PUT', `/api/disclosures/units/${unitA}/loudspeaker`, {
      hasLoudspeaker: true,
      version: read.json.version,
    });
    expect(stale.status).toBe(409);
    expect((await statusOf()).status).toBe('on_time');

    const on = await reporterA.request('PUT', `/api/disclosures/units/${unitA}/loudspeaker`, {
      hasLoudspeaker: true,
      version: off.json.version,
    });
    expect(on.status).toBe(200);
    expect((await statusOf()).status).toBe('missing');
    const again = await t.app.inject({ method: 'GET', url: `/cong-khai/thong-tin/${unitA}` });
    expect(/<li data-required="HO_NGHEO">[\s\S]*?<\/li>/.exec(again.body)?.[0]).toContain(
      'Hệ thống loa truyền thanh',
    );
  });

  it('is said by the commune’s own people only: a reader sees it, another commune is not told it exists', async () => {
    const seen = await leader.request('GET', `/api/disclosures/units/${unitA}/loudspeaker`);
    expect(seen.status).toBe(200);
    expect(seen.json.canChange).toBe(false);
    const refused = await leader.request('PUT', `/api/disclosures/units/${unitA}/loudspeaker`, {
      hasLoudspeaker: false,
      version: seen.json.version,
    });
    expect(refused.status).toBe(403);
    const other = await coordinatorB.request('GET', `/api/disclosures/units/${unitA}/loudspeaker`);
    expect(other.status).toBe(404);
  });
});
