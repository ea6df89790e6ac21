/**
 * `run --trace` and `compare --trace` run their experiment in a worker thread.
 *
 * Experiments are synchronous code, and Node runs signal handlers only when the main thread is idle:
 * a Ctrl-C during a long synchronous run could not stop it cleanly. So the main thread starts this
 * worker with the same command line and waits; its signal handlers store the signal in shared
 * memory, which the worker's training loops poll between steps (trace-session.ts), closing the
 * trace as interrupted. The worker's output is the command's output.
 */
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import { signalExitCode } from '../trace/interrupt.js';
import { STOP_SIGNALS } from './trace-session.js';

/** Whether this code runs as the worker of `runTracedInWorker`. */
export function inTracedWorker(): boolean {
  return !isMainThread && (workerData as { stopFlag?: unknown } | null)?.stopFlag !== undefined;
}

/** Run the whole command line in a worker; resolves to its exit code. */
export function runTracedInWorker(argv: readonly string[]): Promise<number> {
  const stopFlag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./traced-worker-entry.js', import.meta.url), {
    workerData: { argv, stopFlag },
    // The worker's process.argv as the user typed it: traces record it as the command that made them.
    argv: argv.slice(2),
  });
  let received: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      // A second signal: stop now. The worker's temporary file is removed by its abort on exit.
      process.exit(signalExitCode(signal));
    }
    received = signal;
    process.stderr.write(`\n${signal}: stopping after the current step (again to abort)\n`);
    const code = Number(Object.entries(STOP_SIGNALS).find(([, s]) => s === signal)?.[0] ?? 1);
    Atomics.store(stopFlag, 0, code);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return new Promise<number>((resolve, reject) => {
    let code = 1;
    worker.on('message', (m: { exitCode: number }) => (code = m.exitCode));
    worker.on('error', reject);
    worker.on('exit', () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(code);
    });
  });
}
