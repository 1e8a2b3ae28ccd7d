import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierCsv, dossierRow, systemContext, tempFiles } from '../dossiers/dossier-fixtures.ts';
import { importDossiers } from '../dossiers/dossier-import-service.ts';
import { signInAs } from '../test/factories.ts';
import { createTestApp, type Session, type TestApp } from '../test/harness.ts';

/** The whole path: a one-stop export imported, the dashboard and the late list read from what it wrote. */
let t: TestApp;
let coordinator: Session;
const files = tempFiles();

const onTime = { dueAt: '2026-01-10T17:00:00+07:00', finishedAt: '2026-01-08T10:00:00+07:00' };
const late = { dueAt: '2026-01-10T17:00:00+07:00', finishedAt: '2026-01-13T10:00:00+07:00' };

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signInAs(t, 'coordinator', '33');
  const rows = [
    dossierRow({ code: 'A1', unitCode: '11953', ...onTime }),
    dossierRow({ code: 'A2', unitCode: '11953', ...late }),
    dossierRow({ code: 'A3', unitCode: '11983', ...onTime }),
    dossierRow({ code: 'A4', unitCode: '11983', ...late, apologyIssued: 'true' }),
    dossierRow({ code: 'A5', unitCode: '11983', ...onTime, channel: 'direct' }),
  ];
  const path = files.write('export.csv', dossierCsv(rows));
  const result = await importDossiers(systemContext(t.database), { path, format: 'csv', dryRun: false });
  expect(result.rejected).toEqual([]);
});

afterAll(async () => {
  files.cleanup();
  await t.close();
});

const kpi = (json: { kpis: { code: string }[] }, code: string) =>
  json.kpis.find((k) => k.code === code) as any;

/** Late dossiers with their letter sent, per unit and quarter, straight from the raw rows. */
async function apologisedFromRaw() {
  const { rows } = await t.database.pool.query<{ unit_id: number; n: number }>(
    `select unit_id, count(*)::int as n from dossiers where finished_at > due_at and apology_issued group by unit_id order by unit_id`,
  );
  return rows;
}

async function apologisedInRollups() {
  const result = await t.database.db.execute(
    sql`select unit_id, sum(late_apologised)::int as n from dossier_rollups group by unit_id having sum(late_apologised) > 0 order by unit_id`,
  );
  return result.rows;
}

describe('imported dossiers on the dashboard', () => {
  it("the province's on-time rate is 3 of 5, not the mean of its communes' 50% and 66.7%", async () => {
    const { json } = await coordinator.request('GET', '/api/dashboards/dossiers?period=2026Q1');
    expect(kpi(json, 'DOSSIER_ON_TIME')).toMatchObject({ numerator: 3, denominator: 5, rate: 60 });
    expect(kpi(json, 'DOSSIER_ONLINE_FULL')).toMatchObject({ numerator: 4, denominator: 5 });
    expect(kpi(json, 'DOSSIER_LATE_APOLOGY')).toMatchObject({ numerator: 1, denominator: 2 });
    const rates = json.children
      .map(
        (child: { values: { DOSSIER_ON_TIME: { rate: number | null } } }) =>
          child.values.DOSSIER_ON_TIME.rate,
      )
      .filter((rate: number | null) => rate !== null);
    expect(rates.sort()).toEqual([50, (2 / 3) * 100]);
  });

  it('an apology recorded on the dashboard keeps the roll-ups equal to a recount of the raw rows', async () => {
    const list = await coordinator.request('GET', '/api/dossiers/late?period=2026Q1&apology=missing');
    expect(list.json.items.map((item: { code: string }) => item.code)).toEqual(['A2']);
    expect((await coordinator.request('PUT', '/api/dossiers/A2/apology', { issued: true })).status).toBe(200);
    expect(await apologisedInRollups()).toEqual(await apologisedFromRaw());
    expect((await coordinator.request('PUT', '/api/dossiers/A4/apology', { issued: false })).status).toBe(
      200,
    );
    expect(await apologisedInRollups()).toEqual(await apologisedFromRaw());
    const { json } = await coordinator.request('GET', '/api/dashboards/dossiers?period=2026Q1');
    expect(kpi(json, 'DOSSIER_LATE_APOLOGY')).toMatchObject({ numerator: 1, denominator: 2 });
  });
});
