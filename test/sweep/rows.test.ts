// Reading sweep results back: every row checked against its plan, bytes not strings, bounded reads.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGrid, parseSeeds, planJobs, sweepId, type SweepSpec } from '../../src/sweep/plan.js';
import { checkRow, planView, readResultsFile, splitLines } from '../../src/sweep/rows.js';
import type { SweepLine } from '../../src/sweep/run-job.js';
import { describeWorkerDeath, mergeSweepFiles } from '../../src/sweep/sweep.js';
import { tempDir } from '../helpers/cli.js';

const SPEC: SweepSpec = {
  experiment: 'xor-perceptron',
  grid: parseGrid(['epochs=20,40']),
  seeds: [1, 2],
  full: false,
};

/** The row a sweep writes for job `index` of SPEC (results made up: merge does not rerun them). */
function row(index: number): SweepLine {
  const job = planJobs(SPEC)[index];
  return {
    sweep: sweepId(SPEC),
    index,
    of: 4,
    job: job.key,
    experiment: SPEC.experiment,
    seed: job.seed,
    set: job.set,
    results: [{ name: 'errors', measured: index, verdict: 'pass' }],
    hardwareSeconds: null,
  };
}

const text = (rows: unknown[]) =>
  rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r)) + '\n').join('');

/** Merge one file holding rows 0..3 with row 1 replaced by `bad`; the error message. */
function mergeWithRow1(bad: unknown): string {
  const file = join(tempDir(), 'r.jsonl');
  writeFileSync(file, text([row(0), bad, row(2), row(3)]));
  try {
    mergeSweepFiles([file]);
  } catch (err) {
    expect((err as Error).name).toBe('UserError'); // exit 2, not a crash (exit 1)
    return (err as Error).message;
  }
  throw new Error('merged a bad row');
}

describe('sweep rows', () => {
  it('the plan computed from a sweep identity is planJobs’ plan, index by index', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }),
        fc.integer({ min: 1, max: 4 }),
        (sizes, seeds) => {
          const spec: SweepSpec = {
            experiment: 'x',
            grid: sizes.map((n, k) => ({
              key: `k${k}`,
              values: Array.from({ length: n }, (_, v) => `${v}`),
            })),
            seeds: parseSeeds(`5..${4 + seeds}`),
            full: false,
          };
          const plan = planView(sweepId(spec));
          const jobs = planJobs(spec);
          expect(plan.of).toBe(jobs.length);
          for (const j of jobs) {
            expect([plan.seedAt(j.index), plan.keyAt(j.index), plan.setAt(j.index)]).toEqual([
              j.seed,
              j.key,
              j.set,
            ]);
          }
        },
      ),
    );
  });

  it('merge names the line and what was expected for every kind of bad row', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ ...row(1), index: 999 }, /r\.jsonl:2: index: expected a whole number from 0 to 3, got 999/],
      [{ ...row(1), index: -1 }, /:2: index: expected .* got -1/],
      [{ ...row(1), index: 1.5 }, /:2: index: expected .* got 1\.5/],
      [{ ...row(1), results: 'fine' }, /:2: results: expected a list .* got "fine"/],
      [{ ...row(1), seed: 7 }, /:2: seed: expected 1, job 1's seed in the plan, got 7/],
      [{ ...row(1), of: 5 }, /:2: of: expected 4, the sweep's job count, got 5/],
      [{ ...row(1), job: 'seed=1 epochs=20' }, /:2: job: expected "seed=1 epochs=40"/],
      [{ ...row(1), results: [{ name: 'e', measured: 'x', verdict: 'pass' }] }, /:2: results\[0\]\.measured/],
      [{ ...row(1), sweep: { ...sweepId(SPEC), seeds: '1..3' } }, /:2: belongs to a different sweep/],
      [{ sweep: {}, index: 0, of: 1 }, /:2: sweep: expected the sweep's identity/],
      // JSON.parse reads 1e400 as Infinity, which JSON.stringify would show as null.
      [JSON.stringify(row(1)).replace('"index":1', '"index":1e400'), /:2: index: expected .* got 1e400$/],
      [
        JSON.stringify(row(1)).replace('"measured":1', '"measured":-1e400'),
        /measured: expected a finite .* got -1e400$/,
      ],
    ];
    for (const [bad, message] of cases) expect(mergeWithRow1(bad)).toMatch(message);
    // The first row sets the plan; an identity that cannot be planned is named too.
    const file = join(tempDir(), 'first.jsonl');
    writeFileSync(file, text([{ ...row(0), sweep: { ...sweepId(SPEC), seeds: '1..x' } }]));
    expect(() => mergeSweepFiles([file])).toThrow(/first\.jsonl:1: sweep\.seeds: --seeds 1\.\.x/);
  });

  it('merge reports duplicates and missing jobs without walking a huge plan', () => {
    const dir = tempDir();
    const a = join(dir, 'a.jsonl');
    writeFileSync(a, text([row(0), row(1), row(2), row(1)]));
    expect(() => mergeSweepFiles([a])).toThrow(
      /duplicated jobs .*job 1 \(seed=1 epochs=40\) in .*a\.jsonl:2 and .*a\.jsonl:4/,
    );
    // An identity that claims 10^9 jobs: the message counts them without listing every index.
    const huge = {
      ...sweepId(SPEC),
      grid: parseGrid(['a=' + Array.from({ length: 1000 }, (_, i) => i).join(',')]),
    };
    const many = {
      ...sweepId(SPEC),
      seeds: '1..1000',
      grid: [huge.grid[0], { key: 'b', values: huge.grid[0].values }],
    };
    const b = join(dir, 'b.jsonl');
    const plan = planView(many);
    writeFileSync(b, text([{ ...row(0), sweep: many, of: plan.of, job: plan.keyAt(0), set: plan.setAt(0) }]));
    expect(() => mergeSweepFiles([b])).toThrow(
      /999999999 of 1000000000 jobs missing .*: job indices 1, 2, .*10, …/,
    );
    // With --shards, the shards to re-run are counted from the rows too.
    expect(() => mergeSweepFiles([b], { shards: 3 })).toThrow(
      /999999999 of 1000000000 jobs missing \(job indices 1, 2, .*10, …\): shards 1, 2, 3 of 3 did not finish/,
    );
  });

  it('whole lines are split on bytes: an invalid UTF-8 byte is named, never shifts the cut', () => {
    const good = Buffer.from(text([row(0)]));
    const bad = Buffer.concat([Buffer.from('{"a":"\u00e9'), Buffer.from([0xff]), Buffer.from('"}\n')]);
    expect(() => splitLines('f', Buffer.concat([good, bad]))).toThrow(/^f:2: not valid UTF-8/);
    // A torn tail with a cut multi-byte character and an invalid byte: the cut is at the last newline byte.
    const torn = Buffer.concat([good, Buffer.from([0xe2, 0x82, 0xff, 0x7b])]);
    const split = splitLines('f', torn);
    expect(split.complete).toBe(good.length);
    expect(split.lines.map((l) => l.line)).toEqual([1]);
    expect(split.tail?.line).toBe(2);
  });

  it('reads are bounded and say what the path is', () => {
    const dir = tempDir();
    expect(() => readResultsFile(dir)).toThrow(/is a folder; give the result files in it/);
    expect(() => readResultsFile(join(dir, 'none.jsonl'))).toThrow(
      /none\.jsonl: cannot read sweep results: no such file/,
    );
    // A device that never ends stops at the limit instead of filling memory.
    expect(() => readResultsFile('/dev/zero', 1000)).toThrow(/\/dev\/zero: larger than 1000 bytes/);
    const f = join(dir, 'f.jsonl');
    writeFileSync(f, 'x'.repeat(1001));
    expect(() => readResultsFile(f, 1000)).toThrow(/larger than 1000 bytes/);
    expect(readResultsFile(f, 1001)).toHaveLength(1001);
    // Merge counts every file against one budget.
    mkdirSync(join(dir, 'm'));
    const files = [0, 1].map((k) => join(dir, 'm', `${k}.jsonl`));
    files.forEach((file, k) => writeFileSync(file, text([row(2 * k), row(2 * k + 1)])));
    expect(mergeSweepFiles(files).map((r) => r.index)).toEqual([0, 1, 2, 3]);
    const size = text([row(0), row(1)]).length;
    expect(() => mergeSweepFiles(files, { maxBytes: 2 * size - 1 })).toThrow(/1\.jsonl: larger than/);
  });

  it('checkRow returns the row and the plan a first row implies', () => {
    const { row: r, plan } = checkRow(JSON.stringify(row(3)), 'f:1', undefined);
    expect(r).toEqual(row(3));
    expect(plan.of).toBe(4);
  });

  it('a worker that dies is described by how', () => {
    expect(
      describeWorkerDeath({ error: Object.assign(new Error('x'), { code: 'ERR_WORKER_OUT_OF_MEMORY' }) }),
    ).toBe('its worker ran out of memory');
    expect(describeWorkerDeath({ exitCode: 7 })).toBe('its worker exited with code 7');
    expect(describeWorkerDeath({ error: new Error('boom') })).toBe('its worker failed: boom');
  });
});
