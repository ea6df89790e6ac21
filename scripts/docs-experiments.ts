/**
 * Generates docs/experiments.md from what `perceptron-sim run <id> --json` prints, for every
 * experiment in the catalogue (defaults, seed 1): `npm run docs:experiments`. Never edit the
 * generated file by hand. Needs a build (`npm run build`), since it runs the real command.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { EXPERIMENTS } from '../src/experiments/registry.js';
import { renderExperimentsDoc, type RunJson } from '../src/experiments/docs.js';

const bin = new URL('../bin/perceptron-sim.js', import.meta.url).pathname;
const runs: RunJson[] = [];
for (const exp of EXPERIMENTS) {
  process.stderr.write(`running ${exp.id}...\n`);
  const out = execFileSync(process.execPath, [bin, 'run', exp.id, '--json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  runs.push(JSON.parse(out) as RunJson);
}
writeFileSync(new URL('../docs/experiments.md', import.meta.url), renderExperimentsDoc(EXPERIMENTS, runs));
process.stderr.write(`wrote docs/experiments.md (${runs.length} experiments)\n`);
