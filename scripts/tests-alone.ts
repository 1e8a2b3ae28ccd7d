import { createVitest } from 'vitest/node';

/**
 * Runs every integration test on its own, one `it` at a time, to find tests that pass only after
 * another has run (`node scripts/tests-alone.ts [file filters…]`). The template database is built
 * once; each test still gets a fresh copy of it, as in a normal run. Slow: minutes per file.
 */
const filters = process.argv.slice(2);
const vitest = await createVitest({ watch: false, reporters: [{}], maxWorkers: 1 }, {});
await vitest.standalone();
const specifications = (await vitest.globTestSpecifications(filters)).filter((spec) =>
  spec.moduleId.includes('/server/'),
);
const modules = await vitest.parseSpecifications(specifications);
const failedAlone: string[] = [];
let ran = 0;
for (const module of modules) {
  const file = module.moduleId.slice(module.moduleId.indexOf('/server/') + 1);
  for (const test of module.children.allTests()) {
    const specification = module.project.createSpecification(module.moduleId, { testNames: [test.fullName] });
    const result = await vitest.runTestSpecifications([specification]);
    const outcomes = result.testModules.flatMap((run) =>
      [...run.children.allTests()].map((entry) => entry.result().state),
    );
    const passed = outcomes.filter((state) => state === 'passed').length;
    const failed = outcomes.filter((state) => state === 'failed').length;
    const moduleFailed = result.testModules.some((run) => run.state() === 'failed') && failed === 0;
    ran += 1;
    const verdict = failed > 0 || moduleFailed ? 'FAILS ALONE' : passed === 1 ? 'ok' : `ran ${passed}`;
    if (verdict !== 'ok') failedAlone.push(`${file} > ${test.fullName}: ${verdict}`);
    console.log(`${verdict.padEnd(12)} ${file} > ${test.fullName}`);
    if (verdict !== 'ok')
      for (const run of result.testModules) {
        for (const entry of run.children.allTests())
          if (entry.result().state !== 'skipped')
            console.log(
              `    ${entry.result().state}: ${entry.fullName} ${(entry.result().errors ?? []).map((error) => error.message.split('\n')[0]).join(' | ')}`,
            );
        for (const error of run.errors()) console.log(`    module: ${error.message.split('\n')[0]}`);
      }
  }
}
await vitest.close();
console.log(`\n${ran} tests run alone; ${failedAlone.length} not passing alone:`);
for (const line of failedAlone) console.log(`  ${line}`);
process.exit(failedAlone.length > 0 ? 1 : 0);
