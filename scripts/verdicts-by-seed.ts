/**
 * Runs every experiment of the catalogue in its default mode at seeds 1, 2 and 3 and lists every
 * verdict on a published figure that is not the same at all three (issue 13: a verdict that flips
 * with the seed is no evidence). Prints one line per experiment and a total; exits 1 on a flip.
 *
 *   npx tsx scripts/verdicts-by-seed.ts [experiment …]
 *
 * Takes about 10 minutes for the whole catalogue on the 2-core development machine.
 */
import { EXPERIMENTS, findExperiment } from '../src/experiments/registry.js';
import { runExperiment } from '../src/experiments/run.js';

const seeds = [1, 2, 3];
const chosen = process.argv.length > 2 ? process.argv.slice(2).map(findExperiment) : EXPERIMENTS;
let flips = 0;
const totals: Record<string, number> = {};
for (const exp of chosen) {
  const reports = seeds.map((seed) => runExperiment(exp, { seed }));
  const rows = reports[0].results.filter((r) => r.verdict !== 'no published figure');
  const parts: string[] = [];
  for (const row of rows) {
    const verdicts = reports.map((rep) => rep.results.find((r) => r.name === row.name)!.verdict);
    const same = verdicts.every((v) => v === verdicts[0]);
    if (!same) flips++;
    totals[verdicts[0]] = (totals[verdicts[0]] ?? 0) + 1;
    parts.push(`${same ? '' : 'FLIPS '}${row.name}: ${same ? verdicts[0] : verdicts.join('/')}`);
  }
  const seconds = reports.map((r) => r.timing.wallSeconds.toFixed(1)).join('/');
  console.log(`${exp.id} (${seconds} s): ${parts.join('; ') || 'no published figure'}`);
}
console.log(`verdicts at seed 1: ${JSON.stringify(totals)}; ${flips} flip with the seed`);
process.exitCode = flips === 0 ? 0 : 1;
