/**
 * `sweep --jobs 2` against `--jobs 1` on a sweep of 40 runs (issue 8: at least 1.8× on this 2-core
 * machine, with identical results). The experiment is mark1-left-right (about a third of a second per run),
 * so worker start-up does not dominate. Wall time of the whole command, start-up included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { tempDir } from './common.js';
import { cliMissing, runCli } from './cli.js';

export const SWEEP_EXPERIMENT = 'mark1-left-right';
export const SWEEP_SEEDS = '1..40';

export type SweepBenchResult =
  | { skipped: string }
  | {
      command: string;
      runs: number;
      cores: number;
      jobs1: number;
      jobs2: number;
      /** jobs1 ÷ jobs2 wall time (target ≥ 1.8). */
      speedup: number;
      identical: boolean;
    };

/** The built CLI failed (a broken or stale build): reported as skipped, not a crash of the bench. */
class SweepFailed extends Error {}

function sortedLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .sort();
}

export function benchSweep(experiment = SWEEP_EXPERIMENT, seeds = SWEEP_SEEDS): SweepBenchResult {
  const missing = cliMissing();
  if (missing) return { skipped: missing };
  const tmp = tempDir('sweep');
  try {
    const run = (jobs: number) => {
      const out = join(tmp.dir, `jobs${jobs}.jsonl`);
      const r = runCli(['sweep', experiment, '--seeds', seeds, '--jobs', String(jobs), '--out', out]);
      if (r.status !== 0) {
        const why = r.stderr.split('\n').find((l) => l.startsWith('perceptron-sim:')) ?? `exit ${r.status}`;
        throw new SweepFailed(`skipped: sweep --jobs ${jobs} failed (${why.trim()})`);
      }
      return { wall: r.wall, lines: sortedLines(out) };
    };
    let one: { wall: number; lines: string[] };
    let two: { wall: number; lines: string[] };
    try {
      one = run(1);
      two = run(2);
    } catch (err) {
      if (err instanceof SweepFailed) return { skipped: err.message };
      throw err;
    }
    return {
      command: `perceptron-sim sweep ${experiment} --seeds ${seeds} --jobs N --out FILE`,
      runs: one.lines.length,
      cores: cpus().length,
      jobs1: one.wall,
      jobs2: two.wall,
      speedup: one.wall / two.wall,
      identical: JSON.stringify(one.lines) === JSON.stringify(two.lines),
    };
  } finally {
    tmp.remove();
  }
}
