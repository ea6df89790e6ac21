/**
 * Sweeps: many runs of one experiment over a grid of settings and seeds, in parallel on worker
 * threads, streamed as JSON Lines.
 *
 * A sweep's output file is a log, not a document: each finished run is appended and flushed as one
 * line at once, so an interrupted sweep keeps every finished run and `--resume` skips them (a line
 * cut short by the interruption is dropped). Lines carry no wall times, so the same jobs give the
 * same lines whatever the number of workers, shards or interruptions; `mergeSweepFiles` sorts them
 * back into plan order and checks that none is missing or duplicated.
 */
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.js';
import { findExperiment } from '../experiments/registry.js';
import { resolveParams } from '../experiments/run.js';
import { checkOutputPath } from '../util/atomic-file.js';
import {
  describeSweep,
  planJobs,
  sameSweep,
  shardJobs,
  sweepId,
  type Job,
  type SweepId,
  type SweepSpec,
} from './plan.js';
import type { SweepLine, WorkerRequest } from './run-job.js';

export interface SweepOptions {
  readonly spec: SweepSpec;
  readonly jobs?: number;
  readonly shard?: { k: number; n: number };
  /** Output file; undefined streams to stdout. */
  readonly out?: string;
  readonly resume?: boolean;
  readonly progress?: (done: number, total: number) => void;
  /** Where lines go when there is no file (default stdout). */
  readonly write?: (line: string) => void;
}

export interface SweepSummary {
  readonly planned: number;
  readonly inShard: number;
  readonly skipped: number;
  readonly ran: number;
}

export const DEFAULT_JOBS = availableParallelism();

/** Check everything a sweep needs before any work: the experiment, every grid value, the output. */
export function validateSweep(options: SweepOptions): Job[] {
  const exp = findExperiment(options.spec.experiment);
  const jobs = planJobs(options.spec);
  // Resolve one job per grid value so a wrong key or value fails now, not in a worker.
  for (const { key, values } of options.spec.grid) {
    for (const v of values) resolveParams(exp, options.spec.full ? 'full' : 'default', [`${key}=${v}`]);
  }
  if (options.resume && !options.out)
    throw new UserError('--resume needs --out FILE (the results to continue)');
  if (options.out) {
    checkOutputPath(options.out, 'sweep results');
    if (!options.resume && existsSync(options.out) && statSync(options.out).size > 0) {
      throw new UserError(
        `${options.out}: already holds results; add --resume to continue that sweep, or choose another file`,
      );
    }
  }
  if (options.jobs !== undefined && (!Number.isInteger(options.jobs) || options.jobs < 1)) {
    throw new UserError(`--jobs must be a whole number ≥ 1, got ${options.jobs}`);
  }
  return jobs;
}

/** Read a results file for `--resume`: the indices already done; a trailing partial line is cut off. */
function resumeFrom(file: string, spec: SweepId): Set<number> {
  const done = new Set<number>();
  if (!existsSync(file)) return done;
  const text = readFileSync(file, 'utf8');
  const complete = text.lastIndexOf('\n') + 1;
  if (complete < text.length) {
    // The run was killed mid-write: drop the partial line so appending continues cleanly.
    const fd = openSync(file, 'r+');
    ftruncateSync(fd, Buffer.byteLength(text.slice(0, complete)));
    closeSync(fd);
  }
  text
    .slice(0, complete)
    .split('\n')
    .forEach((raw, i) => {
      if (!raw) return;
      let line: SweepLine;
      try {
        line = JSON.parse(raw) as SweepLine;
      } catch {
        throw new UserError(`${file}: line ${i + 1}: not JSON; cannot resume from a damaged results file`);
      }
      if (typeof line.sweep !== 'object' || line.sweep === null || !sameSweep(line.sweep, spec)) {
        throw new UserError(
          `${file}: line ${i + 1}: belongs to a different sweep (${line.sweep ? describeSweep(line.sweep) : 'none'}); ` +
            `resume with the same experiment, --grid, --seeds and --full`,
        );
      }
      done.add(line.index);
    });
  return done;
}

export async function runSweep(options: SweepOptions): Promise<SweepSummary> {
  const all = validateSweep(options);
  const spec = sweepId(options.spec);
  const inShard = shardJobs(all, options.shard);
  const done = options.out && options.resume ? resumeFrom(options.out, spec) : new Set<number>();
  const todo = inShard.filter((j) => !done.has(j.index));
  const fd = options.out ? openSync(options.out, 'a') : null;
  const emit = (line: SweepLine) => {
    const text = JSON.stringify(line) + '\n';
    if (fd !== null) writeSync(fd, text);
    else (options.write ?? ((t: string) => process.stdout.write(t)))(text);
  };
  const workers = Math.max(1, Math.min(options.jobs ?? DEFAULT_JOBS, todo.length));
  let finished = 0;
  options.progress?.(0, todo.length);
  try {
    await new Promise<void>((resolve, reject) => {
      if (todo.length === 0) return resolve();
      let next = 0;
      let live = 0;
      let failed = false;
      const pool: Worker[] = [];
      const stopAll = () => pool.forEach((w) => void w.terminate());
      const feed = (w: Worker) => {
        if (failed) return;
        if (next >= todo.length) {
          w.postMessage({ type: 'exit' } satisfies WorkerRequest);
          return;
        }
        const job = todo[next++];
        w.postMessage({
          type: 'job',
          experiment: options.spec.experiment,
          job,
          full: options.spec.full,
          spec,
          of: all.length,
        } satisfies WorkerRequest);
      };
      for (let i = 0; i < workers; i++) {
        const w = new Worker(new URL('./worker.js', import.meta.url));
        pool.push(w);
        live++;
        w.on(
          'message',
          (
            msg:
              | { type: 'result'; line: SweepLine }
              | { type: 'error'; index: number; message: string; user: boolean },
          ) => {
            if (msg.type === 'error') {
              failed = true;
              stopAll();
              const job = todo.find((j) => j.index === msg.index);
              reject(
                msg.user
                  ? new UserError(`sweep job ${job?.key ?? msg.index}: ${msg.message}`)
                  : new Error(`sweep job ${job?.key}: ${msg.message}`),
              );
              return;
            }
            emit(msg.line);
            finished++;
            options.progress?.(finished, todo.length);
            feed(w);
          },
        );
        w.on('error', (err) => {
          failed = true;
          stopAll();
          reject(err);
        });
        w.on('exit', () => {
          if (--live === 0 && !failed) resolve();
        });
        feed(w);
      }
    });
  } finally {
    if (fd !== null) closeSync(fd);
  }
  return {
    planned: all.length,
    inShard: inShard.length,
    skipped: inShard.length - todo.length,
    ran: finished,
  };
}

/**
 * Combine shard outputs: every line of one sweep, each job exactly once, in plan order. Given the
 * number of shards the sweep was split into, a missing job is reported as the shard (the array index)
 * to re-run, since that is what a user of a cluster engine re-submits.
 */
export function mergeSweepFiles(files: readonly string[], options: { shards?: number } = {}): SweepLine[] {
  const byIndex = new Map<number, { line: SweepLine; where: string }>();
  let spec: SweepId | undefined;
  let of: number | undefined;
  const duplicates: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new UserError(`${file}: cannot read sweep results: no such file`);
    }
    const rows = text.split('\n');
    rows.forEach((raw, i) => {
      if (!raw.trim()) return;
      const where = `${file}:${i + 1}`;
      let line: SweepLine;
      try {
        line = JSON.parse(raw) as SweepLine;
      } catch {
        // A last line without its newline is a run killed mid-write; anything else is damage.
        const why =
          i === rows.length - 1
            ? 'an unfinished last line (the sweep was interrupted; --resume it first)'
            : 'not JSON';
        throw new UserError(`${where}: ${why}`);
      }
      if (
        typeof line.index !== 'number' ||
        typeof line.sweep !== 'object' ||
        line.sweep === null ||
        typeof line.of !== 'number'
      ) {
        throw new UserError(`${where}: not a sweep result line (expected sweep, index, of, job, results)`);
      }
      if (spec === undefined) {
        spec = line.sweep;
        of = line.of;
      } else if (!sameSweep(line.sweep, spec)) {
        throw new UserError(
          `${where}: belongs to a different sweep (${describeSweep(line.sweep)}; expected ${describeSweep(spec)})`,
        );
      }
      const previous = byIndex.get(line.index);
      if (previous) duplicates.push(`job ${line.index} (${line.job}) in ${previous.where} and ${where}`);
      else byIndex.set(line.index, { line, where });
    });
  }
  if (spec === undefined || of === undefined)
    throw new UserError(`${files.join(', ')}: no sweep results found`);
  if (duplicates.length) {
    throw new UserError(
      `duplicated jobs (a shard run twice?): ${duplicates.slice(0, 5).join('; ')}${duplicates.length > 5 ? `; and ${duplicates.length - 5} more` : ''}`,
    );
  }
  const missing: number[] = [];
  for (let i = 0; i < of; i++) if (!byIndex.has(i)) missing.push(i);
  if (missing.length) {
    const indices = `job indices ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`;
    if (options.shards !== undefined) {
      const n = options.shards;
      // Shard K of N runs the jobs whose index is K-1 modulo N (see shardJobs).
      const shards = [...new Set(missing.map((i) => (i % n) + 1))].sort((a, b) => a - b);
      throw new UserError(
        `${missing.length} of ${of} jobs missing (${indices}): shard${shards.length > 1 ? 's' : ''} ${shards.join(', ')} of ${n} did not finish; ` +
          `re-run ${shards.length > 1 ? 'them' : 'it'} (the array index${shards.length > 1 ? 'es' : ''} ${shards.join(',')}; --resume continues a shard) and merge again`,
      );
    }
    throw new UserError(
      `${missing.length} of ${of} jobs missing (a shard not run or not finished?): ${indices}; give --shards N to name the shards to re-run`,
    );
  }
  return [...byIndex.values()].sort((a, b) => a.line.index - b.line.index).map((v) => v.line);
}
