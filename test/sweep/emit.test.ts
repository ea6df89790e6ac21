// `sweep --emit slurm|parallel` and `sweep merge --shards`: the scripts users submit and the message
// that names the shard to re-run. (test/sweep/cluster.test.ts runs the scripts on real engines.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitScript, sweepArgs } from '../../src/sweep/emit.js';
import { sweepId } from '../../src/sweep/plan.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

describe('sweep --emit', () => {
  it('the recipes in docs/recipes are exactly what --emit prints for the docs’ example sweep', () => {
    const example = ['sweep', 'cover-capacity', '--seeds', '1..1000', '--jobs', '8'];
    for (const [engine, shards, file] of [
      ['slurm', '10', 'sweep.sbatch'],
      ['parallel', '4', 'sweep-parallel.sh'],
    ]) {
      const r = runCli([...example, '--emit', engine, '--shards', shards]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe(readFileSync(join(ROOT, 'docs/recipes', file), 'utf8'));
    }
  });

  it("bakes in this sweep's experiment, grid, seeds, shards and threads", () => {
    const sweep = sweepId({
      experiment: 'xor-perceptron',
      grid: [{ key: 'epochs', values: ['10', '20'] }],
      seeds: [1, 2, 3],
      full: true,
    });
    const script = emitScript({ engine: 'slurm', sweep, shards: 7, cpusPerShard: 4, command: 'x' });
    expect(script).toContain(': "${SWEEP_EXPERIMENT:=xor-perceptron}"');
    expect(script).toContain(': "${SWEEP_ARGS:=--grid epochs=10,20 --seeds 1..3 --full}"');
    expect(script).toContain(': "${SWEEP_SHARDS:=7}"');
    expect(script).toContain(': "${SWEEP_CPUS:=4}"');
    expect(script).toContain('--shard "$SLURM_ARRAY_TASK_ID/$SWEEP_SHARDS"');
    expect(script).toContain('--kill-on-invalid-dep=yes');
  });

  it('refuses values a shell would interpret, wrong engines and options the script chooses itself', () => {
    const hostile = sweepId({
      experiment: 'xor-perceptron',
      grid: [{ key: 'epochs', values: ['10;rm', '$(id)'] }],
      seeds: [1],
      full: false,
    });
    expect(() => sweepArgs(hostile)).toThrow(/character a shell would interpret/);
    const cases: Array<[string[], RegExp]> = [
      [['--emit', 'pbs'], /--emit pbs: expected one of slurm, parallel/],
      [['--emit', 'slurm', '--out', 'x.jsonl'], /leave them out/],
      [['--emit', 'slurm', '--shards', '0'], /--shards/],
      [['--shards', '3'], /--shards goes with --emit or with merge/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(['sweep', 'xor-perceptron', ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('sweep merge --shards', () => {
  it('names the shard (array index) to re-run when its jobs are missing', () => {
    const dir = tempDir();
    const sweep = ['sweep', 'xor-perceptron', '--seeds', '1..6', '--jobs', '1'];
    const files = [1, 3].map((k) => join(dir, `shard-${k}.jsonl`));
    files.forEach((f, i) =>
      expect(runCli([...sweep, '--shard', `${[1, 3][i]}/3`, '--out', f]).status).toBe(0),
    );
    const named = runCli(['sweep', 'merge', '--shards', '3', ...files]);
    expect(named.status).toBe(2);
    expect(named.stderr).toMatch(/2 of 6 jobs missing \(job indices 1, 4\): shard 2 of 3 did not finish/);
    const unnamed = runCli(['sweep', 'merge', ...files]);
    expect(unnamed.status).toBe(2);
    expect(unnamed.stderr).toMatch(/give --shards N to name the shards to re-run/);
  });
});
