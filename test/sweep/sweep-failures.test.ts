// Sweeps under concurrency, kills and damaged files, run as a user would (real processes).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SweepSpec } from '../../src/sweep/plan.js';
import { mergeSweepFiles, runSweep } from '../../src/sweep/sweep.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

/** Six runs of about 0.2 s on one worker: long enough for two sweeps started together to overlap. */
const SLOW = ['sweep', 'xor-perceptron', '--grid', 'epochs=3000,6000', '--seeds', '1..3', '--jobs', '1'];

interface Ended {
  status: number | null;
  stderr: string;
}

function start(args: string[]): { pid: number; ended: Promise<Ended> } {
  const child = spawn(process.execPath, [join(ROOT, 'bin/perceptron-sim.js'), ...args], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return { pid: child.pid!, ended: new Promise((r) => child.on('close', (status) => r({ status, stderr }))) };
}

const lineCount = (file: string) =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

/** The file merges: every job once, none missing, every row valid. */
function expectComplete(file: string, runs: number): void {
  expect(mergeSweepFiles([file])).toHaveLength(runs);
  expect(lineCount(file)).toBe(runs);
}

describe('sweeps on one file at once', () => {
  it('of two sweeps (and of two --resumes) started together one writes and no job is written twice', async () => {
    const out = join(tempDir(), 'r.jsonl');
    const both = await Promise.all([
      start([...SLOW, '--out', out]).ended,
      start([...SLOW, '--out', out]).ended,
    ]);
    expect(both.map((e) => e.status).sort()).toEqual([0, 2]);
    const refused = both.find((e) => e.status === 2)!.stderr;
    // The loser may find the lock before its holder has written its PID into it: also a refusal.
    expect(refused).toMatch(
      /another sweep is writing these results \(lock .*r\.jsonl\.lock: pid \d+ on |already holds|locked by another sweep \(.*r\.jsonl\.lock holds no PID yet\)/,
    );
    expectComplete(out, 6);
    expect(existsSync(`${out}.lock`)).toBe(false);
    // Two resumes of a file with two runs in it: whichever order they take the lock in, no duplicates.
    writeFileSync(out, readFileSync(out, 'utf8').split('\n').slice(0, 2).join('\n') + '\n');
    const resumes = await Promise.all([1, 2].map(() => start([...SLOW, '--out', out, '--resume']).ended));
    for (const e of resumes) {
      if (e.status !== 0)
        expect(e.stderr).toMatch(/another sweep is writing these results|locked by another sweep/);
    }
    expect(resumes.some((e) => e.status === 0)).toBe(true);
    expectComplete(out, 6);
  });
});

describe('sweeps stopped early', () => {
  it('a sweep process killed by SIGKILL is named with what is done; resume takes over its stale lock', async () => {
    const out = join(tempDir(), 'r.jsonl');
    const sweep = start([...SLOW, '--out', out]);
    await until(() => existsSync(`${out}.lock`) && lineCount(out) >= 1);
    // The lock names the process that does the work (the launcher's child).
    const pid = JSON.parse(readFileSync(`${out}.lock`, 'utf8')).pid as number;
    process.kill(pid, 'SIGKILL');
    const { status, stderr } = await sweep.ended;
    expect(status).toBe(137);
    const m = new RegExp(
      `the sweep process \\(pid ${pid}\\) was killed by SIGKILL .* while running seed=\\d epochs=\\d+ with (\\d) of 6 runs done, kept in .*r\\.jsonl; rerun the same command with --resume`,
    ).exec(stderr);
    expect(m, stderr).not.toBeNull();
    expect(Number(m![1])).toBeLessThanOrEqual(lineCount(out));
    const resumed = runCli([...SLOW, '--out', out, '--resume']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(
      new RegExp(`took over a stale lock of pid ${pid} on .*, which no longer runs`),
    );
    expectComplete(out, 6);
  });

  it('Ctrl-C says how many runs are done and how to resume, exit 130, and leaves no lock', async () => {
    const out = join(tempDir(), 'r.jsonl');
    const sweep = start([...SLOW, '--out', out]);
    await until(() => lineCount(out) >= 1);
    process.kill(sweep.pid, 'SIGINT');
    const { status, stderr } = await sweep.ended;
    expect(status).toBe(130);
    const m =
      /sweep interrupted \(SIGINT\): (\d) of 6 runs done and kept in .*r\.jsonl; rerun the same command with --resume/.exec(
        stderr,
      );
    expect(m, stderr).not.toBeNull();
    expect(Number(m![1])).toBe(lineCount(out));
    expect(existsSync(`${out}.lock`)).toBe(false);
  });

  it('a worker that dies names its job and how, keeps the finished runs, and releases the lock', async () => {
    const out = join(tempDir(), 'r.jsonl');
    const run = runSweep({ spec: spec([11, 12, 13, 14]), jobs: 1, out, workerUrl: FAKE });
    await expect(run).rejects.toThrow(
      /^sweep job seed=13 \(index 2\) died: its worker exited with code 7; 2 of 4 runs done and kept in .*r\.jsonl; rerun the same command with --resume/,
    );
    await expect(run).rejects.toMatchObject({ exitCode: 1 });
    expect(lineCount(out)).toBe(2);
    expect(existsSync(`${out}.lock`)).toBe(false);
  });
});

/** A sweep of `seeds` whose jobs the fake worker answers at once (seed 13 kills it). */
const spec = (seeds: number[]): SweepSpec => ({ experiment: 'xor-perceptron', grid: [], seeds, full: false });
const FAKE = new URL('../fixtures/sweep/fake-worker.mjs', import.meta.url);

describe('resuming a damaged file', () => {
  it('refuses bad rows with file:line (exit 2) and leaves the file as it was; cuts a torn line at its byte', async () => {
    const out = join(tempDir(), 'r.jsonl');
    const resume = (note?: (t: string) => void) =>
      runSweep({ spec: spec([1, 2, 3]), jobs: 1, out, resume: true, workerUrl: FAKE, note });
    await runSweep({ spec: spec([1, 2, 3]), jobs: 1, out, workerUrl: FAKE });
    const [first, second] = readFileSync(out, 'utf8').split('\n');
    const cases: Array<[Buffer, RegExp]> = [
      // An invalid byte inside a string of line 2, then a torn line: once, this cut line 3 two bytes late.
      [
        Buffer.concat([
          Buffer.from(`${first}\n`),
          Buffer.from(second.replace('made up', 'made\u0001up')).map((b) => (b === 1 ? 0xff : b)),
          Buffer.from('\n{"sweep":{"exp'),
        ]),
        /r\.jsonl:2: not valid UTF-8/,
      ],
      [Buffer.from('{"sweep":{},"index":0,"of":1}\n'), /r\.jsonl:1: sweep: expected the sweep's identity/],
      [
        Buffer.from(`${first}\n${first}\n`),
        /holds jobs twice .*job 0 \(seed=1\) in .*r\.jsonl:1 and .*r\.jsonl:2/,
      ],
    ];
    for (const [bytes, message] of cases) {
      writeFileSync(out, bytes);
      const r = resume();
      await expect(r).rejects.toThrow(message);
      await expect(r).rejects.toMatchObject({ name: 'UserError', exitCode: 2 });
      expect(readFileSync(out).equals(bytes)).toBe(true);
      expect(existsSync(`${out}.lock`)).toBe(false);
    }
    // A torn last line holding a cut multi-byte character and an invalid byte is cut at the newline.
    writeFileSync(out, Buffer.concat([Buffer.from(`${first}\n`), Buffer.from([0x7b, 0xe2, 0x82, 0xff])]));
    const notes: string[] = [];
    expect(await resume((t) => notes.push(t))).toMatchObject({ skipped: 1, ran: 2 });
    expect(notes).toEqual([expect.stringMatching(/r\.jsonl:2: dropped an unfinished last line \(4 bytes\)/)]);
    expectComplete(out, 3);
  });
});

describe('sweep limits', () => {
  it('caps --jobs at the cores unless --jobs-max-override', async () => {
    const notes: string[] = [];
    const jobs = 64 * availableParallelism();
    const run = (jobsMaxOverride: boolean) =>
      runSweep({
        spec: spec([1]),
        jobs,
        jobsMaxOverride,
        workerUrl: FAKE,
        write: () => {},
        note: (t) => notes.push(t),
      });
    await run(true);
    expect(notes).toEqual([]);
    await run(false);
    expect(notes).toEqual([
      `--jobs ${jobs}: this machine has ${availableParallelism()} cores; using ${availableParallelism()} (--jobs-max-override starts more)`,
    ]);
    // The command line: the note reaches stderr; the override is an option the command knows.
    const capped = runCli(['sweep', 'xor-perceptron', '--jobs', `${jobs}`]);
    expect(capped.status).toBe(0);
    expect(capped.stderr).toMatch(/this machine has \d+ cores; using/);
    const seeds = runCli([
      'sweep',
      'xor-perceptron',
      '--jobs-max-override',
      '--seeds',
      '9007199254740993..9007199254740995',
    ]);
    expect(seeds.status).toBe(2);
    expect(seeds.stderr).toMatch(/--seeds .*: 9007199254740993 is beyond ±9007199254740991/);
  });
});

describe('the worker pool (issue 19 decision 4)', () => {
  it('starts each worker once per sweep: 2 workers take all 12 jobs from the queue', async () => {
    const lines: string[] = [];
    const seeds = Array.from({ length: 12 }, (_, i) => i + 1);
    await runSweep({
      spec: spec(seeds),
      jobs: 2,
      jobsMaxOverride: true,
      workerUrl: new URL('../fixtures/sweep/thread-worker.mjs', import.meta.url),
      write: (t) => lines.push(t),
    });
    const threads = lines.map(
      (l) => (JSON.parse(l) as { results: Array<{ measured: number }> }).results[0].measured,
    );
    expect(threads).toHaveLength(12);
    // A worker per job would give 12 thread ids.
    expect(new Set(threads).size).toBe(2);
  });
});
