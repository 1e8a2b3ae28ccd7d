import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildCorpus, SEED_FILES } from '../core/plans/corpus/corpus.ts';
import { formatMeasurement, measureCorpus } from '../core/plans/corpus/measure.ts';

/**
 * `npm run measure:importer [-- --seed 18 --samples 3 --wrong 30]`: the plan importer on the corpus of degraded
 * seed plans (issue 18) — per failure class, tasks that keep their dimension, tasks lost or spurious,
 * and each particular of the document read right, left empty or read WRONG.
 */
const { values } = parseArgs({
  options: { seed: { type: 'string' }, samples: { type: 'string' }, wrong: { type: 'string' } },
});
const folder = new URL('../core/plans/fixtures/', import.meta.url);
const seeds = SEED_FILES.map((name) => ({ name, text: readFileSync(new URL(name, folder), 'utf8') }));
const corpus = buildCorpus(seeds, Number(values.seed ?? 18), Number(values.samples ?? 3));
console.log(formatMeasurement(measureCorpus(corpus), Number(values.wrong ?? 30)));
