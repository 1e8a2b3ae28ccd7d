import { parseArgs } from 'node:util';
import { type Criterion, DEFAULT_BANDS, type Framework } from '../core/frameworks/framework.ts';
import { scoreRound } from '../core/frameworks/scoring.ts';
import { type Database, migrateDatabase, openDatabase } from '../server/db/engine.ts';
import { initialise } from '../server/setup/initialise.ts';
import { benchDatabase } from './bench-database.ts';
import { createBenchUser, p95, withBenchServer } from './bench-server.ts';

/**
 * `npm run bench:scoring [-- --json]`: a round of 3,321 communes × 120 criteria — totals, bands, ranks
 * and gap lists recomputed by the pure engine (median of 5 runs); then the same round in the database
 * (PGlite, or PostgreSQL with DATABASE_URL) behind the real server, and `GET /api/rounds/:id/results`
 * over HTTP: the first (computed) answer, the p95 of 30 answers as installed (read cache on), and the
 * p95 of 10 with the cache off.
 */
const { values } = parseArgs({
  options: { json: { type: 'boolean' }, units: { type: 'string', default: '3321' } },
});
const UNITS = Number(values.units);
const GROUPS = 10;
const PER_GROUP = 12;

const criteria: Criterion[] = Array.from({ length: GROUPS }, (_, g) => ({
  code: `XA.${g + 1}`,
  nameVi: `Lĩnh vực ${g + 1}`,
  maxPoints: PER_GROUP * 2,
  method: 'manual',
  children: Array.from({ length: PER_GROUP }, (_, i) => ({
    code: `XA.${g + 1}.${i + 1}`,
    nameVi: `Tiêu chí ${g + 1}.${i + 1}`,
    maxPoints: 2,
    method: 'manual',
  })),
}));
const framework: Framework = {
  code: 'XA_BENCH',
  nameVi: 'Chỉ số CCHC cấp xã (thử tải)',
  nameEn: 'Commune PAR index (benchmark)',
  fromYear: 2026,
  toYear: 2026,
  status: 'confirmed',
  source: 'bench',
  unit: 'points',
  grouping: 'bands',
  bands: DEFAULT_BANDS,
  criteria,
};
const leafCodes = criteria.flatMap((group) => group.children?.map((leaf) => leaf.code) ?? []);

// A fixed pseudo-random sequence, so every run scores the same round.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const units = Array.from({ length: UNITS }, (_, unitId) => ({
  unitId,
  leaves: Object.fromEntries(leafCodes.map((code) => [code, Math.round(random() * 8) / 4])),
  adjustments: { bonus: random() * 3, penalty: random() * 2 },
}));

const times: number[] = [];
let gapCount = 0;
for (let run = 0; run < 5; run += 1) {
  const started = performance.now();
  const results = scoreRound(framework, units, { bonusCap: 5, penaltyCap: 10 });
  times.push(performance.now() - started);
  gapCount = results.reduce((sum, result) => sum + result.gaps.length, 0);
}
const engineMs = Math.round([...times].sort((a, b) => a - b)[2] ?? 0);
console.log(
  `${UNITS} units × ${leafCodes.length} criteria: engine ${engineMs} ms (median of 5), ${gapCount} gaps listed`,
);

const target = await benchDatabase();
const database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
try {
  await migrateDatabase(database);
  await initialise(database.db, { loadDemo: false });
  const seeded = performance.now();
  const roundId = await seedRound(database);
  console.log(
    `${target.kind}: round of ${UNITS} units × ${leafCodes.length} criteria stored in ${Math.round(performance.now() - seeded)} ms`,
  );
  const cached = await measureResults(database, roundId, 30_000, 30);
  const uncached = await measureResults(database, roundId, 0, 10);
  console.log(
    `results API: first answer ${cached.firstMs} ms; p95 ${cached.p95Ms} ms over 30 (read cache on); p95 ${uncached.p95Ms} ms over 10 (cache off)`,
  );
  if (values.json)
    console.log(
      JSON.stringify({
        units: UNITS,
        criteria: leafCodes.length,
        engineMs,
        apiP95Ms: cached.p95Ms,
        apiFirstMs: cached.firstMs,
        apiUncachedP95Ms: uncached.p95Ms,
        database: target.kind,
      }),
    );
} finally {
  await database.close();
  await target.cleanup();
}

/** The round in the database: a province, its communes, the framework, every leaf scored. */
async function seedRound(database: Database): Promise<number> {
  const { pool } = database;
  const province = await pool.query<{ id: number }>(
    `insert into units (code, name, name_search, type, path, valid_from)
     values ('BENCH', 'Tỉnh thử tải', 'tinh thu tai', 'province', '/', '2025-07-01') returning id`,
  );
  const provinceId = province.rows[0]?.id;
  await pool.query(`update units set path = '/' || id || '/' where id = $1`, [provinceId]);
  await pool.query(
    `insert into units (code, name, name_search, type, parent_id, path, valid_from)
     select 'BENCH.' || g, 'Xã thử tải ' || g, 'xa thu tai ' || g, 'commune', $1, '/', '2025-07-01'
     from generate_series(1, $2::int) g`,
    [provinceId, UNITS],
  );
  await pool.query(`update units set path = '/' || $1::int || '/' || id || '/' where parent_id = $1`, [
    provinceId,
  ]);
  const inserted = await pool.query<{ id: number }>(
    `insert into frameworks (code, from_year, to_year, name_vi, status, definition)
     values ($1, $2, $3, $4, 'confirmed', $5) returning id`,
    [framework.code, framework.fromYear, framework.toYear, framework.nameVi, JSON.stringify(framework)],
  );
  const round = await pool.query<{ id: number }>(
    `insert into assessment_rounds (framework_id, owner_unit_id, name, year, stage, deadlines, bonus_cap, penalty_cap)
     values ($1, $2, 'Thử tải', 2026, 'published', '{}', 5, 10) returning id`,
    [inserted.rows[0]?.id, provinceId],
  );
  const roundId = round.rows[0]?.id ?? 0;
  await pool.query(
    `insert into round_units (round_id, unit_id, bonus, penalty)
     select $1, id, (id % 4)::float, (id % 3)::float from units where parent_id = $2`,
    [roundId, provinceId],
  );
  await pool.query(
    `insert into round_scores (round_id, unit_id, criterion_code, self_score)
     select $1, u.id, c, ((u.id * 7 + length(c) * 13 + ascii(right(c, 1))) % 9) / 4.0
     from units u cross join unnest($3::text[]) c where u.parent_id = $2`,
    [roundId, provinceId, leafCodes],
  );
  await createBenchUser(database, provinceId ?? 0);
  return roundId;
}

/** The server as installed (or with the read cache off), timed answering the results request. */
async function measureResults(database: Database, roundId: number, cacheSeconds: number, requests: number) {
  return withBenchServer(database, cacheSeconds / 1000, async (fetchAs) => {
    const times: number[] = [];
    for (let i = 0; i < requests; i++) {
      const started = performance.now();
      const response = await fetchAs(`/api/rounds/${roundId}/results`);
      const body = (await response.json()) as { units: unknown[] };
      times.push(performance.now() - started);
      if (!response.ok || body.units.length !== UNITS) throw new Error(`results: ${response.status}`);
    }
    return { firstMs: Math.round(times[0] ?? 0), p95Ms: p95(times) };
  });
}
