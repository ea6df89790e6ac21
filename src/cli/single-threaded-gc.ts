/**
 * Sweeps run in a Node process with single-threaded garbage collection. With one busy worker per
 * core, V8's parallel GC helper threads find no free core and only contend with the workers:
 * measured on 2 cores, 40 runs of novikoff-bound, --jobs 2 against --jobs 1 was 1.6–1.75× with
 * them and 2.2× without (and --jobs 1 itself was faster). V8 reads the flag when the process
 * starts (set later with v8.setFlagsFromString, it crashes the main isolate's next GC), so the
 * command re-runs itself once with it; signals are passed on.
 *
 * This module imports nothing of the CLI: bin/perceptron-sim.js uses it to re-run a sweep before
 * loading the rest, so the first process costs a Node start-up only (~0.2 s less per sweep).
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export const SINGLE_THREADED_GC = '--single-threaded-gc';

/** The IPC message a sweep sends its launcher at the start and after each run. */
export const SWEEP_PROGRESS = 'sweep-progress';

interface SweepProgress {
  type: typeof SWEEP_PROGRESS;
  done: number;
  total: number;
  /** The keys of the jobs running (and so killed with the process). */
  running: string[];
  out?: string;
}

/**
 * Whether `argv` (as process.argv) is plainly `[--debug] sweep <experiment> …` (not `sweep merge`,
 * not a help request) in a process without the flag. Other spellings are left to the sweep command.
 */
export function isPlainSweep(argv: readonly string[], execArgv: readonly string[]): boolean {
  if (execArgv.includes(SINGLE_THREADED_GC)) return false;
  const args = argv.slice(2);
  while (args[0] === '--debug') args.shift();
  const [command, experiment] = args;
  return (
    command === 'sweep' &&
    experiment !== undefined &&
    experiment !== 'merge' &&
    !experiment.startsWith('-') &&
    !args.some((a) => a === '-h' || a === '--help')
  );
}

/** Run this command again in a child process with the flag; resolves to its exit code. */
export function rerunWithSingleThreadedGc(): Promise<number> {
  // The IPC channel tells the child when this process dies, even by SIGKILL (the sweep command
  // exits on 'disconnect').
  const child = spawn(process.execPath, [...process.execArgv, SINGLE_THREADED_GC, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  const forwarded = new Set<NodeJS.Signals>();
  const forward = (signal: NodeJS.Signals) => {
    forwarded.add(signal);
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  let progress: SweepProgress | undefined;
  child.on('message', (msg: SweepProgress) => {
    if (msg?.type === SWEEP_PROGRESS) progress = msg;
  });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      if (code !== null || signal === null) return resolve(code ?? 1);
      // Killed by a signal it could not handle (SIGKILL from the out-of-memory killer, say) or by
      // one of ours that arrived before its handlers: 128 + the signal's number, as a shell reports.
      if (!forwarded.has(signal)) process.stderr.write(killedMessage(child.pid, signal, progress));
      resolve(128 + (constants.signals[signal] ?? 0));
    });
  });
}

/** What the user needs when the sweep process was killed: which, how, what is done, how to go on. */
export function killedMessage(
  pid: number | undefined,
  signal: NodeJS.Signals,
  progress?: SweepProgress,
): string {
  const oom = signal === 'SIGKILL' ? ' (the out-of-memory killer sends it; see dmesg)' : '';
  let state = ' before it started any run';
  if (progress) {
    const jobs = progress.running ?? [];
    const killed = jobs.length
      ? ` while running ${jobs.slice(0, 3).join(', ')}${jobs.length > 3 ? ` and ${jobs.length - 3} more` : ''}`
      : '';
    state = `${killed} with ${progress.done} of ${progress.total} runs done`;
    state += progress.out
      ? `, kept in ${progress.out}; rerun the same command with --resume to run the rest`
      : ' (printed above); give --out FILE to keep results that --resume can continue';
  }
  return `perceptron-sim: error: the sweep process (pid ${pid}) was killed by ${signal}${oom}${state}\n`;
}
