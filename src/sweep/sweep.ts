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
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.js';
import { InterruptedRunError } from '../trace/interrupt.js';
import { findExperiment } from '../experiments/registry.js';
import { resolveParams } from '../experiments/run.js';
import { AppendLog, checkOutputPath } from '../util/atomic-file.js';
import { acquireSweepLock } from '../util/lock-file.js';
import { planJobs, shardJobs, sweepId, type Job, type SweepSpec } from './plan.js';
import {
  checkRow,
  DEFAULT_MAX_RESULTS_BYTES,
  DuplicateCheck,
  planView,
  readResultsFile,
  splitLines,
  type PlanView,
} from './rows.js';
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
  /** Start more workers than the cores (`--jobs-max-override`); otherwise `jobs` is capped. */
  readonly jobsMaxOverride?: boolean;
  /** Stops the sweep; its reason names the signal (`'SIGINT'`, `'SIGTERM'`). */
  readonly signal?: AbortSignal;
  /** Lines for the user: a stale lock taken over, `--jobs` capped, a torn line dropped. */
  readonly note?: (text: string) => void;
  /**
   * This shard's runs done (with those already in the file) out of its total, and the keys of the
   * jobs running now: at the start and after each run.
   */
  readonly onRun?: (done: number, total: number, running: string[]) => void;
  /** The worker script (tests only). */
  readonly workerUrl?: URL;
}

export interface SweepSummary {
  readonly planned: number;
  readonly inShard: number;
  readonly skipped: number;
  readonly ran: number;
}

/** The core count: more workers than cores only share them, and each costs its own heap. */
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
    if (!options.resume) refuseNonEmpty(options.out);
  }
  if (options.jobs !== undefined && (!Number.isInteger(options.jobs) || options.jobs < 1)) {
    throw new UserError(`--jobs must be a whole number ≥ 1, got ${options.jobs}`);
  }
  return jobs;
}

function refuseNonEmpty(out: string): void {
  if (existsSync(out) && statSync(out).size > 0) {
    throw new UserError(
      `${out}: already holds results; add --resume to continue that sweep, or choose another file`,
    );
  }
}

/**
 * Read a results file for `--resume`: the indices already done. Every whole line is checked against
 * the plan first (a bad or duplicated row is exit 2 and the file is left as it was); then a last line
 * cut short by a kill is cut off at its byte offset so that appending continues cleanly.
 */
function resumeFrom(
  file: string,
  plan: PlanView,
  note: (text: string) => void,
  maxBytes: number,
): Set<number> {
  if (!existsSync(file)) return new Set();
  const bytes = readResultsFile(file, maxBytes);
  const { lines, complete, tail } = splitLines(file, bytes);
  const seen = new DuplicateCheck();
  for (const { line, text } of lines) {
    if (!text) continue;
    const where = `${file}:${line}`;
    const { row } = checkRow(text, where, plan);
    seen.add(row, where);
  }
  if (seen.duplicates.length) {
    throw new UserError(
      `${file}: holds jobs twice (were two sweeps writing it at once?): ${seen.describe()}; ` +
        'keep one line of each and resume again',
    );
  }
  if (tail !== null) {
    AppendLog.truncate(file, complete);
    note(
      `${file}:${tail.line}: dropped an unfinished last line (${bytes.length - complete} bytes) left by an interrupted sweep`,
    );
  }
  const done = new Set<number>();
  for (let i = 0; i < plan.of; i++) if (seen.has(i)) done.add(i);
  return done;
}

/** What is done and how to go on, for the messages of a sweep that stopped early. */
function progressNote(done: number, total: number, out: string | undefined): string {
  return out
    ? `${done} of ${total} runs done and kept in ${out}; rerun the same command with --resume to run the rest`
    : `${done} of ${total} runs done (printed above); give --out FILE to keep results that --resume can continue`;
}

/** How a worker died, from its 'error' event or its exit code. */
export function describeWorkerDeath(cause: { error?: unknown; exitCode?: number }): string {
  const code = (cause.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'its worker ran out of memory';
  if (cause.error !== undefined)
    return `its worker failed: ${(cause.error as Error).message ?? String(cause.error)}`;
  return `its worker exited with code ${cause.exitCode}`;
}

/** A job's worker died (out of memory, say): not bad input and not a bug in the run's results. */
export class SweepJobDiedError extends UserError {
  override readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'SweepJobDiedError';
  }
}

export async function runSweep(options: SweepOptions): Promise<SweepSummary> {
  const all = validateSweep(options);
  const spec = sweepId(options.spec);
  const inShard = shardJobs(all, options.shard);
  const note = options.note ?? (() => {});
  const { out } = options;
  // One writer per file: take the lock before reading what is done, and hold it to the last line.
  // A FIFO or a device (`--out /dev/stdout`) is a stream, not a log another sweep could append to.
  const stream = out !== undefined && existsSync(out) && !statSync(out).isFile();
  const lock = out && !stream ? acquireSweepLock(out, note) : null;
  let log: AppendLog | null = null;
  let finished = 0;
  try {
    // Checked again under the lock: another sweep may have filled the file since validateSweep.
    if (out && !options.resume) refuseNonEmpty(out);
    const done =
      out && options.resume
        ? resumeFrom(out, planView(spec), note, DEFAULT_MAX_RESULTS_BYTES)
        : new Set<number>();
    const todo = inShard.filter((j) => !done.has(j.index));
    const skipped = inShard.length - todo.length;
    log = out ? new AppendLog(out, 'sweep results') : null;
    const emit = (line: SweepLine) => {
      const text = JSON.stringify(line) + '\n';
      // Every byte counted: a full disk is an error naming the file, never a silently cut line.
      if (log !== null) log.append(text);
      else (options.write ?? ((t: string) => process.stdout.write(t)))(text);
    };
    const cores = availableParallelism();
    let wanted = options.jobs ?? DEFAULT_JOBS;
    if (wanted > cores && !options.jobsMaxOverride) {
      note(
        `--jobs ${wanted}: this machine has ${cores} cores; using ${cores} (--jobs-max-override starts more)`,
      );
      wanted = cores;
    }
    const workers = Math.max(1, Math.min(wanted, todo.length));
    const stopped = () =>
      progressNote(skipped + finished, inShard.length, out) + (options.shard ? ' (of this shard)' : '');
    options.progress?.(0, todo.length);
    options.onRun?.(skipped, inShard.length, []);
    await new Promise<void>((resolve, reject) => {
      if (todo.length === 0) return resolve();
      if (options.signal?.aborted) return reject(interrupted(options.signal, stopped()));
      let next = 0;
      let live = 0;
      let failed = false;
      const pool: Worker[] = [];
      /** The job each worker is running, so that a worker that dies names it. */
      const running = new Map<Worker, Job | null>();
      const report = () => {
        const keys = [...running.values()].flatMap((j) => (j ? [j.key] : []));
        options.onRun?.(skipped + finished, inShard.length, keys);
      };
      const fail = (err: Error) => {
        if (failed) return;
        failed = true;
        pool.forEach((w) => void w.terminate());
        options.signal?.removeEventListener('abort', onAbort);
        reject(err);
      };
      const onAbort = () => fail(interrupted(options.signal!, stopped()));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const died = (w: Worker, cause: { error?: unknown; exitCode?: number }) => {
        const job = running.get(w);
        if (!job && cause.error === undefined) return; // a worker that finished its last job
        const which = job ? `sweep job ${job.key} (index ${job.index})` : 'a sweep worker';
        fail(new SweepJobDiedError(`${which} died: ${describeWorkerDeath(cause)}; ${stopped()}`));
      };
      const feed = (w: Worker) => {
        if (failed) return;
        if (next >= todo.length) {
          running.set(w, null);
          w.postMessage({ type: 'exit' } satisfies WorkerRequest);
          return;
        }
        const job = todo[next++];
        running.set(w, job);
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
        const w = new Worker(options.workerUrl ?? new URL('./worker.js', import.meta.url));
        pool.push(w);
        live++;
        w.on(
          'message',
          (
            msg:
              | { type: 'result'; line: SweepLine }
              | { type: 'error'; index: number; message: string; user: boolean },
          ) => {
            if (failed) return;
            if (msg.type === 'error') {
              const job = todo.find((j) => j.index === msg.index);
              fail(
                msg.user
                  ? new UserError(`sweep job ${job?.key ?? msg.index}: ${msg.message}`)
                  : new Error(`sweep job ${job?.key}: ${msg.message}`),
              );
              return;
            }
            try {
              emit(msg.line);
            } catch (err) {
              // A write that failed (full disk) ends the sweep through the one error handler.
              fail(err as Error);
              return;
            }
            finished++;
            options.progress?.(finished, todo.length);
            feed(w);
            report();
          },
        );
        w.on('error', (error) => died(w, { error }));
        w.on('exit', (exitCode) => {
          if (!failed) died(w, { exitCode });
          if (--live === 0 && !failed) {
            options.signal?.removeEventListener('abort', onAbort);
            resolve();
          }
        });
        feed(w);
      }
      report();
    });
    return { planned: all.length, inShard: inShard.length, skipped, ran: finished };
  } finally {
    log?.close();
    lock?.release();
  }
}

function interrupted(signal: AbortSignal, what: string): InterruptedRunError {
  const name = (signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT') as NodeJS.Signals;
  return new InterruptedRunError(name, `sweep interrupted (${name}): ${what}`);
}

/**
 * Combine shard outputs: every line of one sweep, each job exactly once, in plan order. Every row is
 * checked against the plan its sweep identity describes (see rows.ts); files together may hold at
 * most `maxBytes`. Given the number of shards the sweep was split into, a missing job is reported as
 * the shard (the array index) to re-run, since that is what a user of a cluster engine re-submits.
 */
export function mergeSweepFiles(
  files: readonly string[],
  options: { shards?: number; maxBytes?: number } = {},
): SweepLine[] {
  const rows: SweepLine[] = [];
  const seen = new DuplicateCheck();
  let plan: PlanView | undefined;
  let budget = options.maxBytes ?? DEFAULT_MAX_RESULTS_BYTES;
  for (const file of files) {
    const bytes = readResultsFile(file, budget);
    budget -= bytes.length;
    const { lines, tail } = splitLines(file, bytes);
    for (const { line, text } of tail ? [...lines, tail] : lines) {
      if (!text.trim()) continue;
      const where = `${file}:${line}`;
      let checked;
      try {
        checked = checkRow(text, where, plan);
      } catch (err) {
        // A last line without its newline that does not parse is a run killed mid-write.
        if (line === tail?.line && /not JSON/.test((err as Error).message)) {
          throw new UserError(
            `${where}: an unfinished last line (the sweep was interrupted; --resume it first)`,
          );
        }
        throw err;
      }
      plan = checked.plan;
      if (seen.add(checked.row, where)) rows.push(checked.row);
    }
  }
  if (plan === undefined) throw new UserError(`${files.join(', ')}: no sweep results found`);
  if (seen.duplicates.length) {
    throw new UserError(`duplicated jobs (a shard run twice?): ${seen.describe()}`);
  }
  const { of } = plan;
  if (seen.size < of) {
    // Name the first few without walking all `of` indices (an identity may describe a huge plan).
    const missing: number[] = [];
    for (let i = 0; missing.length < 10 && i < of; i++) if (!seen.has(i)) missing.push(i);
    const count = of - seen.size;
    const indices = `job indices ${missing.join(', ')}${count > 10 ? ', …' : ''}`;
    if (options.shards !== undefined) {
      const n = options.shards;
      // Shard K of N runs the jobs whose index is K-1 modulo N (see shardJobs); it did not finish if
      // it holds fewer rows than that. Counted from the rows, so a huge plan costs nothing.
      const held = new Map<number, number>();
      for (const r of rows) held.set(r.index % n, (held.get(r.index % n) ?? 0) + 1);
      const shards: number[] = [];
      for (let k = 0; k < Math.min(n, of) && shards.length <= 100; k++) {
        if ((held.get(k) ?? 0) < Math.ceil((of - k) / n)) shards.push(k + 1);
      }
      const list = shards.length > 100 ? `${shards.slice(0, 100).join(', ')}, …` : shards.join(', ');
      throw new UserError(
        `${count} of ${of} jobs missing (${indices}): shard${shards.length > 1 ? 's' : ''} ${list} of ${n} did not finish; ` +
          `re-run ${shards.length > 1 ? 'them' : 'it'} (the array index${shards.length > 1 ? 'es' : ''} ${shards.slice(0, 100).join(',')}; --resume continues a shard) and merge again`,
      );
    }
    throw new UserError(
      `${count} of ${of} jobs missing (a shard not run or not finished?): ${indices}; give --shards N to name the shards to re-run`,
    );
  }
  return rows.sort((a, b) => a.index - b.index);
}
