import { parseArgs } from 'node:util';
import { type Criterion, DEFAULT_BANDS, type Framework } from '../core/frameworks/framework.ts';
import { scoreRound } from '../core/frameworks/scoring.ts';

/**
 * `npm run bench:scoring [-- --json]`: a round of 3,321 communes × 120 criteria — totals, bands, ranks
 * and gap lists recomputed by the pure engine (median of 5 runs). The results API does not exist yet
 * (issue 3), so `apiP95Ms` is reported as null rather than guessed.
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
console.log('results API: not built yet (issue 3) — apiP95Ms null');
if (values.json)
  console.log(JSON.stringify({ units: UNITS, criteria: leafCodes.length, engineMs, apiP95Ms: null }));
