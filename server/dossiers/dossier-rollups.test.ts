import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierQuarter, finishedCounts } from '../../core/dossiers/dossier-values.ts';
import type { Database } from '../db/engine.ts';
import { openTestDatabase } from '../test/harness.ts';
import { type DossierCells, dossierCsv, systemContext, tempFiles } from './dossier-fixtures.ts';
import { importDossiers } from './dossier-import-service.ts';
import { quarterOf } from './dossier-staging.ts';

let database: Database;
const files = tempFiles();

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
  files.cleanup();
});

const HOUR = 3600_000;
// Around quarter boundaries on purpose: 14/03 and 15/03 (Vietnam time) fall in different quarters.
const BASE = Date.parse('2026-03-13T00:00:00+07:00');

const dossierArbitrary = fc.record({
  code: fc.integer({ min: 1, max: 15 }).map((n) => `P-${n}`),
  unitCode: fc.constantFrom('33.SNV', '11953', '33'),
  field: fc.constantFrom('Hộ tịch', 'Đất đai', 'Y tế'),
  channel: fc.constantFrom('direct', 'online_partial', 'online_full', 'postal'),
  receivedHours: fc.integer({ min: 0, max: 24 * 120 }),
  dueAfterHours: fc.option(fc.integer({ min: 0, max: 24 * 10 })),
  finishedAfterHours: fc.option(fc.integer({ min: 0, max: 24 * 20 })),
  digitised: fc.boolean(),
  apologyIssued: fc.boolean(),
});
type Generated = typeof dossierArbitrary extends fc.Arbitrary<infer T> ? T : never;

const iso = (ms: number) => new Date(ms).toISOString();
function cells(dossier: Generated): DossierCells {
  const received = BASE + dossier.receivedHours * HOUR;
  return {
    code: dossier.code,
    unitCode: dossier.unitCode,
    procedureCode: 'PROP.1',
    procedureName: 'Thủ tục thử',
    field: dossier.field,
    channel: dossier.channel,
    receivedAt: iso(received),
    dueAt: dossier.dueAfterHours === null ? '' : iso(received + dossier.dueAfterHours * HOUR),
    finishedAt: dossier.finishedAfterHours === null ? '' : iso(received + dossier.finishedAfterHours * HOUR),
    digitised: String(dossier.digitised),
    apologyIssued: String(dossier.apologyIssued),
  };
}

/** The roll-ups recomputed from the dossiers with the core's rules, in the table's shape. */
async function recomputed() {
  const { rows } = await database.pool.query(
    'select unit_id, field, channel, received_at, due_at, finished_at, digitised, apology_issued from dossiers',
  );
  const cellsByKey = new Map<string, number[]>();
  const add = (unit: number, field: string, period: string, index: number, value: boolean) => {
    const key = `${unit}|${field}|${period}`;
    const counts = cellsByKey.get(key) ?? Array(9).fill(0);
    counts[index] += value ? 1 : 0;
    cellsByKey.set(key, counts);
  };
  for (const row of rows) {
    const received = dossierQuarter(row.received_at.getTime());
    add(row.unit_id, row.field, received, 0, true);
    add(
      row.unit_id,
      row.field,
      received,
      1,
      row.channel === 'online_partial' || row.channel === 'online_full',
    );
    add(row.unit_id, row.field, received, 2, row.channel === 'online_full');
    add(row.unit_id, row.field, received, 3, row.digitised);
    if (row.finished_at) {
      const period = dossierQuarter(row.finished_at.getTime());
      const counts = finishedCounts(row.finished_at.getTime(), row.due_at ? row.due_at.getTime() : null);
      add(row.unit_id, row.field, period, 4, true);
      add(row.unit_id, row.field, period, 5, counts.isOnTime);
      add(row.unit_id, row.field, period, 6, counts.isEarly);
      add(row.unit_id, row.field, period, 7, counts.isLate);
      add(row.unit_id, row.field, period, 8, counts.isLate && row.apology_issued);
    }
  }
  return [...cellsByKey].map(([key, counts]) => `${key}|${counts.join(',')}`).sort();
}

async function stored() {
  const { rows } = await database.pool.query(
    `select unit_id, field, period_code, received, received_online, received_online_full, received_digitised,
       finished, finished_on_time, finished_early, finished_late, late_apologised from dossier_rollups`,
  );
  return rows
    .map(
      ({ unit_id, field, period_code, ...counts }) =>
        `${unit_id}|${field}|${period_code}|${Object.values(counts).join(',')}`,
    )
    .sort();
}

describe('dossier roll-ups', () => {
  it('the SQL quarter of a time is the core quarter of it', async () => {
    const times = Array.from(
      { length: 200 },
      (_, i) => Date.parse('2025-12-10T00:00:00Z') + i * 13 * HOUR + i * 7919,
    );
    const { rows } = await database.db.execute<{ q: string }>(
      sql`select ${quarterOf('t')} as q from unnest(${sql.param(times.map(iso))}::timestamptz[]) with ordinality as u(t, n) order by n`,
    );
    expect(rows.map((row) => row.q)).toEqual(times.map(dossierQuarter));
  });

  it('equal a recomputation from the dossiers after random imports with updates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uniqueArray(dossierArbitrary, { selector: (d) => d.code, minLength: 1, maxLength: 8 }), {
          minLength: 1,
          maxLength: 4,
        }),
        async (imports) => {
          for (const batch of imports) {
            const path = files.write(
              `p${Math.random().toString(36).slice(2)}.csv`,
              dossierCsv(batch.map(cells)),
            );
            const result = await importDossiers(systemContext(database), {
              path,
              format: 'csv',
              dryRun: false,
            });
            expect(result.rejected).toEqual([]);
          }
          expect(await stored()).toEqual(await recomputed());
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
