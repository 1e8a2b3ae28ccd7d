import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupFedFiles, importFedDossiers } from '../test/federation-seed.ts';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from '../test/harness.ts';

/**
 * A province alone (neither publishing nor subscribed): its national view and DHIS2 export show its own
 * figures recomputed from its data, and a new import at once.
 */
let t: TestApp;
let leader: Session;

beforeAll(async () => {
  t = await createTestApp();
  const account = await buildUser(t.database, [{ role: 'leader', unitCode: null }]);
  leader = await signIn(t.app, account.username, account.password);
});
afterAll(async () => {
  cleanupFedFiles();
  await t?.close();
});

const receivedIn = async (period: string) =>
  Number(
    (
      await t.database.pool.query<{ n: string }>(
        `select coalesce(sum(received), 0) as n from dossier_rollups where period_code = $1`,
        [period],
      )
    ).rows[0]?.n,
  );

describe('a province alone', () => {
  it('shows its own figures in the national view, and an import at once', async () => {
    const first = await leader.request('GET', '/api/national/dashboard?period=2026Q1');
    expect(first.status).toBe(200);
    expect(first.json.provinces.map((p: { code: string; name: string }) => p.code)).toEqual(['33']);
    expect(first.json.instance).toBe('province');
    // Named as the state's unit list names the province, not its people's committee (the root unit).
    expect(first.json.provinces[0].name).toBe('Tỉnh Hưng Yên');
    const received = () =>
      leader
        .request('GET', '/api/national/dashboard?period=2026Q1')
        .then((reply) => reply.json.provinces[0].figures.DOSSIER_RECEIVED.numerator as number);
    const before = await receivedIn('2026Q1');
    expect(await received()).toBe(before);

    await importFedDossiers(t.database, [
      { unitCode: '11953' },
      { unitCode: '11953' },
      { unitCode: '33.SNV' },
    ]);
    expect(await receivedIn('2026Q1')).toBe(before + 3);
    // The sums were kept; the import is a change, so they are recomputed and shown.
    expect(await received()).toBe(before + 3);

    const dhis2 = await leader.request('GET', '/api/national/dhis2/data-value-sets?period=2026Q1');
    expect(dhis2.status).toBe(200);
    const value = dhis2.json.dataValues.find(
      (entry: { dataElement: string; orgUnit: string; categoryOptionCombo: string }) =>
        entry.dataElement === 'DOSSIER_RECEIVED' &&
        entry.orgUnit === '33' &&
        entry.categoryOptionCombo === 'NUMERATOR',
    );
    expect(value?.value).toBe(String(before + 3));
  });
});
