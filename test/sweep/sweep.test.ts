import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGrid, parseSeeds, parseShard, planJobs, shardJobs } from '../../src/sweep/plan.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

describe('sweep plan', () => {
  it('parses grids, seeds and shards', () => {
    expect(parseGrid(['epochs=10,20', 'shuffle=false'])).toEqual([
      { key: 'epochs', values: ['10', '20'] },
      { key: 'shuffle', values: ['false'] },
    ]);
    expect(parseSeeds('3..6')).toEqual([3, 4, 5, 6]);
    expect(parseSeeds('1,5,9')).toEqual([1, 5, 9]);
    expect(parseShard('2/8')).toEqual({ k: 2, n: 8 });
    expect(() => parseGrid(['epochs'])).toThrow(/expected key=v1,v2/);
    expect(() => parseGrid(['a=1,1'])).toThrow(/listed twice/);
    expect(() => parseSeeds('5..1')).toThrow(/empty/);
    expect(() => parseSeeds('x')).toThrow(/expected a range/);
    expect(() => parseShard('0/3')).toThrow(/1 ≤ K ≤ N/);
    expect(() => parseShard('4/3')).toThrow(/1 ≤ K ≤ N/);
  });

  it('enumerates every combination once, seeds slowest', () => {
    const jobs = planJobs({
      experiment: 'x',
      grid: parseGrid(['a=1,2', 'b=x,y,z']),
      seeds: [7, 8],
      full: false,
    });
    expect(jobs).toHaveLength(12);
    expect(jobs[0]).toEqual({ index: 0, key: 'seed=7 a=1 b=x', seed: 7, set: ['a=1', 'b=x'] });
    expect(jobs[11].key).toBe('seed=8 a=2 b=z');
    expect(new Set(jobs.map((j) => j.key)).size).toBe(12);
  });

  it('shards partition the jobs exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 9 }), (seeds, n) => {
        const jobs = planJobs({
          experiment: 'x',
          grid: [],
          seeds: Array.from({ length: seeds }, (_, i) => i),
          full: false,
        });
        const all = Array.from({ length: n }, (_, k) =>
          shardJobs(jobs, { k: k + 1, n }).map((j) => j.index),
        ).flat();
        expect(all.sort((a, b) => a - b)).toEqual(jobs.map((j) => j.index));
      }),
    );
  });
});

const SWEEP = ['sweep', 'xor-perceptron', '--grid', 'epochs=20,40', '--seeds', '1..10'];

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').trim().split('\n');
}

describe('sweep command', () => {
  it('--jobs 2 gives the same results as --jobs 1, and shards merge to the same file', () => {
    const dir = tempDir();
    const one = join(dir, 'one.jsonl');
    const two = join(dir, 'two.jsonl');
    expect(runCli([...SWEEP, '--jobs', '1', '--out', one]).status).toBe(0);
    expect(runCli([...SWEEP, '--jobs', '2', '--out', two]).status).toBe(0);
    expect(lines(one)).toHaveLength(20);
    const merged = (f: string[]) => {
      const r = runCli(['sweep', 'merge', ...f]);
      expect(r.status).toBe(0);
      return r.stdout;
    };
    expect(merged([two])).toBe(merged([one]));
    const shards = [1, 2, 3].map((k) => join(dir, `shard${k}.jsonl`));
    shards.forEach((f, k) => expect(runCli([...SWEEP, '--shard', `${k + 1}/3`, '--out', f]).status).toBe(0));
    expect(lines(shards[0])).toHaveLength(7);
    expect(merged(shards)).toBe(merged([one]));
    // Missing and duplicated shards are refused.
    const missing = runCli(['sweep', 'merge', shards[0], shards[1]]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/6 of 20 jobs missing/);
    const dup = runCli(['sweep', 'merge', ...shards, shards[2]]);
    expect(dup.status).toBe(2);
    expect(dup.stderr).toMatch(/duplicated jobs/);
  });

  it('a sweep killed in the middle and resumed gives the same merged result', async () => {
    const dir = tempDir();
    const full = join(dir, 'full.jsonl');
    const part = join(dir, 'part.jsonl');
    const slow = ['sweep', 'xor-perceptron', '--grid', 'epochs=3000,6000', '--seeds', '1..12', '--jobs', '1'];
    expect(runCli([...slow, '--out', full]).status).toBe(0);
    const child = spawn(process.execPath, [join(ROOT, 'bin/perceptron-sim.js'), ...slow, '--out', part], {
      stdio: 'ignore',
    });
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (existsSync(part) && readFileSync(part, 'utf8').split('\n').length > 4) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
    });
    await new Promise((r) => child.on('exit', r));
    // The sweep runs in a child process of its own (single-threaded GC); it notices the kill through
    // its IPC channel and stops at once. Wait until the file has stopped changing.
    for (let last = -1; ;) {
      await new Promise((r) => setTimeout(r, 300));
      const size = readFileSync(part).length;
      if (size === last) break;
      last = size;
    }
    const kept = lines(part).length;
    expect(kept).toBeGreaterThanOrEqual(4);
    expect(kept).toBeLessThan(24);
    // A line cut short by the kill is dropped on resume.
    appendFileSync(part, '{"sweep":{"experiment":"xor-perc');
    const resumed = runCli([...slow, '--out', part, '--resume']);
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`${24 - kept} run\\(s\\) done, ${kept} already in`));
    expect(runCli(['sweep', 'merge', part]).stdout).toBe(runCli(['sweep', 'merge', full]).stdout);
  });

  it('refuses bad input before any work', () => {
    const dir = tempDir();
    const out = join(dir, 'x.jsonl');
    const o = ['--out', out];
    const cases: Array<[string[], RegExp]> = [
      [
        ['sweep', 'xor-perceptorn', ...o],
        /unknown experiment 'xor-perceptorn' \(did you mean 'xor-perceptron'\?\)/,
      ],
      [
        ['sweep', 'xor-perceptron', '--grid', 'epoch=1,2', ...o],
        /no parameter 'epoch' \(did you mean 'epochs'\?\)/,
      ],
      [['sweep', 'xor-perceptron', '--grid', 'epochs=1,x', ...o], /--set epochs=x: expected a number/],
      [['sweep', 'xor-perceptron', '--seeds', '9..1', ...o], /range is empty/],
      [['sweep', 'xor-perceptron', '--resume'], /--resume needs --out/],
      [['sweep', 'xor-perceptron', '--out', '/no/such/dir/x.jsonl'], /folder \/no\/such\/dir does not exist/],
      [['sweep', 'merge', ...o], /give the result files/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });
});
