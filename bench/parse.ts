import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parsePlan } from '../core/plans/parse-plan.ts';

/**
 * `npm run bench:parse [-- --json]`: the plan importer on each seed plan — the first (cold) parse and
 * the median of 9 warm ones. The budget is 100 ms for a 40 KB document. With --json the last line is
 * `{"bytes":…,"ms":…}` for the largest seed (median).
 */
const { values } = parseArgs({ options: { json: { type: 'boolean' } } });
const RUNS = 9;
const folder = new URL('../core/plans/fixtures/', import.meta.url);

const results = readdirSync(folder)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => {
    const text = readFileSync(new URL(name, folder), 'utf8');
    let started = performance.now();
    const plan = parsePlan(text);
    const firstMs = performance.now() - started;
    const times: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      started = performance.now();
      parsePlan(text);
      times.push(performance.now() - started);
    }
    const ms = [...times].sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? 0;
    return { name, bytes: Buffer.byteLength(text), firstMs, ms, tasks: plan.tasks.length };
  });

for (const result of results) {
  console.log(
    `${result.name.padEnd(32)} ${String(result.bytes).padStart(6)} bytes  ${String(result.tasks).padStart(3)} tasks  ` +
      `first ${result.firstMs.toFixed(1)} ms, median of ${RUNS} ${result.ms.toFixed(1)} ms`,
  );
}
const largest = results.reduce((a, b) => (b.bytes > a.bytes ? b : a));
if (values.json) console.log(JSON.stringify({ bytes: largest.bytes, ms: Number(largest.ms.toFixed(2)) }));
