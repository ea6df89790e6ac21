/**
 * Commands that hold an output open through long synchronous work run in a worker thread: `run
 * --trace` and `compare --trace` (stopped cleanly between steps), and `simulate --vcd`, `run --vcd`
 * and `export` (stopped at once).
 *
 * Node runs signal handlers only when the main thread is idle: a Ctrl-C during a long synchronous
 * run could not be handled, and the default action kills the process with its temporary file left
 * behind. So the main thread starts this worker with the same command line and waits, free to take
 * SIGINT, SIGTERM and SIGHUP. In `graceful` mode the first signal is stored in shared memory, which
 * the worker's training loops poll between steps (trace-session.ts), closing the trace as
 * interrupted; a second one stops at once. In `abort` mode the first signal stops at once. Stopping
 * at once removes the worker's temporary files (it reports them as it creates them) and exits
 * 128 + the signal number. The worker's output is the command's output.
 */
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import { signalExitCode } from '../trace/interrupt.js';
import { registerTemp, releaseTemp, removeLiveTemps } from '../util/temp-files.js';
import { STOP_SIGNALS } from './trace-session.js';

/** Whether this code runs as the worker of `runTracedInWorker`. */
export function inTracedWorker(): boolean {
  return !isMainThread && (workerData as { stopFlag?: unknown } | null)?.stopFlag !== undefined;
}

/** A message from the worker: its exit code, or a temporary file it created or released. */
type WorkerMessage = { exitCode: number } | { temp: 'add' | 'remove'; path: string };

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Run the whole command line in a worker; resolves to its exit code. */
export function runTracedInWorker(
  argv: readonly string[],
  mode: 'graceful' | 'abort' = 'graceful',
): Promise<number> {
  const stopFlag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./traced-worker-entry.js', import.meta.url), {
    workerData: { argv, stopFlag },
    // The worker's process.argv as the user typed it: traces record it as the command that made them.
    argv: argv.slice(2),
  });
  let received: NodeJS.Signals | null = null;
  const stopNow = (signal: NodeJS.Signals) => {
    removeLiveTemps();
    process.exit(signalExitCode(signal));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (received || mode === 'abort') {
      if (mode === 'abort') process.stderr.write(`\n${signal}: stopped; no output file written\n`);
      stopNow(signal);
    }
    received = signal;
    process.stderr.write(`\n${signal}: stopping after the current step (again to abort)\n`);
    const code = Number(Object.entries(STOP_SIGNALS).find(([, s]) => s === signal)?.[0] ?? 1);
    Atomics.store(stopFlag, 0, code);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return new Promise<number>((resolve, reject) => {
    let code = 1;
    worker.on('message', (m: WorkerMessage) => {
      if ('exitCode' in m) code = m.exitCode;
      else if (m.temp === 'add') registerTemp(m.path);
      else releaseTemp(m.path);
    });
    worker.on('error', reject);
    worker.on('exit', () => {
      for (const s of SIGNALS) process.off(s, onSignal);
      resolve(code);
    });
  });
}
