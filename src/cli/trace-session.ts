/**
 * `--trace FILE` for the commands that train (train, run, compare): open the trace writer, feed it
 * every step, stop cleanly on Ctrl-C or SIGTERM, and close it whole or not at all.
 *
 * The training loops poll `shouldStop` between steps and await `pause` (which yields to the event
 * loop every few milliseconds, where the signal handlers run). On a signal the trace is closed at
 * the last complete step, marked interrupted, and the command exits 130 (SIGINT) or 143 (SIGTERM).
 * On an error the temporary file is removed.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import type { ParamChange, UpdateObserver, UpdateRecord } from '../backprop/train.js';
import { stepLoss, lossKind } from '../machines/train.js';
import type { TrainingObserver } from '../machines/train.js';
import type { LearningStep, RuleName } from '../machines/types.js';
import { InterruptedRunError, installInterruptHandlers, yieldGate } from '../trace/interrupt.js';
import type { TraceWeights } from '../trace/format.js';
import { TraceWriter, hashDescription } from '../trace/writer.js';
import type { KeyObject } from 'node:crypto';
import { UserError } from '../errors.js';
import { loadSigningKey } from '../trace/sign.js';
import type { TraceHeaderInput, TraceStepInput } from '../trace/writer.js';

/** What a training loop needs from a trace (or from a verify re-run, which has the same shape). */
export interface StepHooks {
  onStep?: (step: TraceStepInput) => void;
  shouldStop?: () => boolean;
  pause: () => Promise<void> | undefined;
}

/**
 * When this code runs in the worker of `runTracedInWorker`, a reader of the signal the main thread
 * received (null while none has); undefined on the main thread.
 */
function sharedStopSignal(): (() => NodeJS.Signals | null) | undefined {
  if (isMainThread) return undefined;
  const flag = (workerData as { stopFlag?: Int32Array } | null)?.stopFlag;
  if (!flag) return undefined;
  return () => STOP_SIGNALS[Atomics.load(flag, 0)] ?? null;
}

/** Signals by the number the main thread stores in the shared flag. */
export const STOP_SIGNALS: Readonly<Record<number, NodeJS.Signals>> = {
  1: 'SIGINT',
  2: 'SIGTERM',
  3: 'SIGHUP',
};

/**
 * Thrown from `shouldStop` once a stop is requested: it unwinds the training loop and whatever
 * experiment code called it (which could not go on sensibly with a learner stopped mid-way) up to
 * `withTrace` or `rerunQuietly`, which close the run.
 */
class StopRun extends Error {
  constructor() {
    super('stop requested');
    this.name = 'StopRun';
  }
}

/** The hooks of a `replay --verify` re-run: its steps go to the comparison, which may end it early. */
export function rerunHooks(ctx: {
  onStep: (s: TraceStepInput) => void;
  shouldStop: () => boolean;
}): StepHooks {
  return {
    onStep: ctx.onStep,
    shouldStop: () => {
      if (ctx.shouldStop()) throw new StopRun();
      return false;
    },
    pause: () => undefined,
  };
}

/** Run a re-run; the comparison ending it early is not an error. */
export async function rerunQuietly(fn: () => unknown): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof StopRun)) throw err;
  }
}

/** Opens the trace once the run knows its header (and, for machines, its per-step loss). */
export type TraceOpener = (header: TraceHeaderInput, stepLoss?: (s: TraceStepInput) => number) => void;

/** Hooks that do nothing: an untraced run. */
export const NO_HOOKS: StepHooks = { pause: () => undefined };

/** The per-step loss the machines' epoch loop uses, so a trace's epoch lines match `history`. */
export function machineStepLoss(rule: RuleName): (s: TraceStepInput) => number {
  const kind = lossKind(rule);
  return (s) => stepLoss(kind, s as unknown as LearningStep);
}

/**
 * Run `body` with a trace written to `file` (or untraced when `file` is undefined). `header` is
 * called once the run knows its configuration and initial weights; `body` returns the final weights.
 */
export async function withTrace<T extends { final: TraceWeights }>(
  file: string | undefined,
  options: { stepLoss?: (s: TraceStepInput) => number; sign?: KeyObject },
  body: (hooks: StepHooks, open: TraceOpener) => Promise<T>,
): Promise<T> {
  if (file === undefined) return body(NO_HOOKS, () => {});
  let writer: TraceWriter | null = null;
  let handlers: ReturnType<typeof installInterruptHandlers> | null = null;
  const gate = yieldGate();
  const shared = sharedStopSignal();
  const hooks: StepHooks = {
    onStep: (s) => writer?.step(s),
    shouldStop: () => {
      const w = writer as TraceWriter | null;
      if (!w) return false;
      // In a worker (see traced-worker.ts) the signal arrives through shared memory.
      const signal = shared?.();
      if (signal && !w.stopRequested) w.requestStop(signal);
      if (w.stopRequested) throw new StopRun();
      return false;
    },
    pause: () => gate.pause(),
  };
  const open: TraceOpener = (header, stepLoss) => {
    writer = TraceWriter.create(file, header, { stepLoss: stepLoss ?? options.stepLoss, sign: options.sign });
    const w = writer;
    // Signal handlers only work on the main thread; a worker is told through shared memory.
    if (!shared) handlers = installInterruptHandlers(w, () => w.abort());
  };
  try {
    const result = await body(hooks, open);
    const w = writer as TraceWriter | null;
    // A signal that came after the traced learner's last step still ends the run as interrupted.
    const late = shared?.();
    if (w && late && !w.stopRequested) w.requestStop(late);
    if (w) {
      w.finish({ final: result.final });
      if (w.stopSignal) {
        throw new InterruptedRunError(
          w.stopSignal,
          `interrupted; the trace is closed at step ${w.steps}: ${file}`,
        );
      }
    }
    return result;
  } catch (err) {
    const w = writer as TraceWriter | null;
    if (err instanceof StopRun && w) {
      // Stopped between steps: everything recorded is whole; close the trace as interrupted.
      w.finish({});
      throw new InterruptedRunError(
        w.stopSignal ?? 'SIGINT',
        `interrupted; the trace is closed at step ${w.steps}: ${file}`,
      );
    }
    w?.abort();
    throw err;
  } finally {
    (handlers as ReturnType<typeof installInterruptHandlers> | null)?.uninstall();
  }
}

/** A machine's learning step as a trace step (it already has the shape). */
export function machineTraceStep(s: LearningStep): TraceStepInput {
  return s;
}

/** A backprop update as a trace step: the batch's patterns, its mean loss, the changed parameters. */
export function mlpTraceStep(u: UpdateRecord): TraceStepInput {
  return {
    step: u.step,
    epoch: u.epoch,
    time: 0,
    pattern: u.patterns.length === 1 ? u.patterns[0] : u.patterns,
    sums: [],
    outputs: u.outputs,
    desired: u.desired,
    errors: u.desired.map((d, k) => d - u.outputs[k]),
    loss: u.loss,
    changes: u.changes.map((c: ParamChange) => ({
      layer: c.layer,
      unit: c.unit,
      input: c.input,
      after: c.after,
      piece: c.piece,
    })),
  };
}

/**
 * A trace of an experiment (`run`, `compare`): the first machine or MLP the experiment trains is
 * recorded, across all its training calls (experiments often train epoch by epoch), with steps and
 * epochs numbered as one run. The trace is opened at the first step of that learner.
 */
export function experimentTracer(
  header: Pick<TraceHeaderInput, 'command' | 'kind' | 'config' | 'seed'>,
  hooks: StepHooks,
  open: TraceOpener,
  which: 'any' | 'machine' = 'any',
): { machines: TrainingObserver; mlps: UpdateObserver; traced: () => boolean; final: () => TraceWeights } {
  let target: unknown = null;
  let finalWeights: () => TraceWeights = () => ({ layers: [] });
  let step = 0;
  let lastEpoch = 0;
  const watch = <S extends { step: number; epoch: number }>(
    learner: unknown,
    first: () => TraceHeaderInput,
    toTrace: (s: S) => TraceStepInput,
    stepLoss?: (s: TraceStepInput) => number,
  ) => {
    if (target === null) {
      target = learner;
      open(first(), stepLoss);
    }
    // Other learners are not recorded, but stop too when the run is asked to stop.
    if (target !== learner) return { onStep: () => {}, shouldStop: hooks.shouldStop, recorded: false };
    const epochBase = lastEpoch;
    return {
      onStep: (s: S) => {
        const t = { ...toTrace(s), step: ++step, epoch: epochBase + s.epoch };
        lastEpoch = t.epoch;
        hooks.onStep?.(t);
      },
      shouldStop: hooks.shouldStop,
      recorded: true,
    };
  };
  const machines: TrainingObserver = (engine, rule) => {
    const hooked = watch<LearningStep>(
      engine,
      () => {
        const structure = (
          engine.fixedConfig() as { structure?: { retinaWidth: number; retinaHeight: number } }
        ).structure;
        return {
          ...header,
          model: engine.model,
          rule,
          circuitHash: hashDescription({ model: engine.model, fixed: engine.fixedConfig() }),
          initial: engine.weights(),
          inputShape: structure ? { width: structure.retinaWidth, height: structure.retinaHeight } : null,
          patterns: null,
        };
      },
      machineTraceStep,
      machineStepLoss(rule),
    );
    if (hooked?.recorded) finalWeights = () => engine.weights();
    return hooked && { onStep: hooked.onStep, shouldStop: hooked.shouldStop };
  };
  const mlps: UpdateObserver = (net) => {
    if (which === 'machine') return undefined;
    const hooked = watch<UpdateRecord>(
      net,
      () => ({
        ...header,
        model: 'mlp',
        rule: 'backprop',
        circuitHash: null,
        initial: net.exportWeights(),
        inputShape: null,
        patterns: null,
      }),
      mlpTraceStep,
    );
    if (hooked?.recorded) finalWeights = () => net.exportWeights();
    return hooked && { onUpdate: hooked.onStep, shouldStop: hooked.shouldStop };
  };
  return { machines, mlps, traced: () => target !== null, final: () => finalWeights() };
}

/** `--sign KEY`: the loaded key, checked before any work; only with `--trace`. */
export function signOption(sign: string | undefined, trace: string | undefined): KeyObject | undefined {
  if (sign === undefined) return undefined;
  if (trace === undefined) throw new UserError('--sign goes with --trace (it signs the trace)');
  return loadSigningKey(sign);
}
