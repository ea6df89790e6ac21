/**
 * Ctrl-C, SIGTERM and SIGHUP during a traced run: stop after the current step, close the trace as
 * `interrupted`, exit 130 (SIGINT), 143 (SIGTERM) or 129 (SIGHUP).
 *
 * Node runs signal handlers on the event loop, so a training loop that never yields would only see
 * the signal after it has finished. A loop that wants to be interruptible awaits `pause()` of a
 * `yieldGate()` between steps: it returns to the event loop every few milliseconds (a resolved
 * check otherwise), which lets the handler set the flag that `shouldStop` then reports.
 */
import { UserError } from '../errors.js';

/** Anything that can be asked to stop: a `TraceWriter`, or a plain flag. */
export interface Stoppable {
  requestStop(signal?: NodeJS.Signals): void;
}

/** Exit code of a run stopped by a signal: 128 + the signal number. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? 143 : signal === 'SIGINT' ? 130 : signal === 'SIGHUP' ? 129 : 1;
}

/** Thrown (after the trace is closed) so that the CLI's one handler exits 130 or 143. */
export class InterruptedRunError extends UserError {
  override readonly exitCode: number;
  constructor(
    readonly signal: NodeJS.Signals,
    message: string,
  ) {
    super(message);
    this.name = 'InterruptedRunError';
    this.exitCode = signalExitCode(signal);
  }
}

export interface InterruptHandlers {
  /** The first signal received, if any. */
  readonly signal: NodeJS.Signals | null;
  /** Remove the handlers (call in `finally`). */
  uninstall(): void;
}

/**
 * Install SIGINT/SIGTERM handlers for the duration of a run. The first signal calls
 * `target.requestStop(signal)`; a second one runs `onForce` (default: the process exits at once
 * with the signal's code; pass the writer's `abort` so no temporary file is left).
 */
export function installInterruptHandlers(
  target: Stoppable,
  onForce: (signal: NodeJS.Signals) => void = (signal) => process.exit(signalExitCode(signal)),
): InterruptHandlers {
  let first: NodeJS.Signals | null = null;
  const handler = (signal: NodeJS.Signals) => {
    if (first === null) {
      first = signal;
      process.stderr.write(`\n${signal}: stopping after the current step (again to abort)\n`);
      target.requestStop(signal);
    } else {
      onForce(signal);
      process.exit(signalExitCode(signal));
    }
  };
  // SIGHUP (the terminal closed) ends the run the same way: the trace is closed, nothing left behind.
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  process.on('SIGHUP', handler);
  return {
    get signal() {
      return first;
    },
    uninstall() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      process.off('SIGHUP', handler);
    },
  };
}

/**
 * A gate a loop awaits between steps: it yields to the event loop (where signal handlers run) once
 * `intervalMs` of wall time has passed since the last yield, and costs one clock read otherwise.
 * Wall time never enters a trace; it only paces the yields.
 */
export function yieldGate(intervalMs = 20): { pause(): Promise<void> | undefined } {
  let last = performance.now();
  return {
    pause() {
      const now = performance.now();
      if (now - last < intervalMs) return undefined;
      last = now;
      return new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}
