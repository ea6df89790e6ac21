/**
 * The epoch loop for the historical machines: present every pattern once per epoch, in file order
 * or in a fresh random order drawn from the project's Rng each epoch, and record what happened.
 *
 * It talks only to `MachineEngine`, so the event engine and the dense engine train through the same
 * loop (and `onStep` sees the same `LearningStep`s from both with ideal parts).
 *
 * Per epoch it records:
 * - `errors`: presentations whose response was wrong before the step (`LearningStep.mistake`).
 * - `loss`, by rule (every term taken before the step, averaged over presentations and output units):
 *   - fixed, absolute, value-gain-*: the perceptron criterion max(0, −d·s) (scikit-learn's
 *     `Perceptron` loss, Hinge with threshold 0);
 *   - alpha-lms, mu-lms: the mean squared linear error ε² = (d − s)² (WL90's MSE);
 *   - mri, mrii: the fraction of wrong outputs, (d − y)²/4 (WL90: the Hamming error is ¼ of the
 *     sum-square error with ±1 values).
 */
import { DivergedError } from '../errors.js';
import type { Rng } from '../rng.js';
import type { EpochOutcome, LearningStep, MachineEngine, RuleName } from './types.js';

export interface MachineData {
  /** One input row per pattern. Rows should stay the same objects between calls (the dense Mark I caches per row). */
  readonly x: readonly ArrayLike<number>[];
  /** One row of desired responses per pattern (one per output unit). */
  readonly d: readonly ArrayLike<number>[];
}

export interface TrainMachineOptions {
  readonly epochs: number;
  /** Present in a fresh random order each epoch (true) or in data order (false). */
  readonly shuffle: boolean;
  /** The generator for presentation order; required when `shuffle`. */
  readonly rng?: Rng;
  /** The rule the engine learns by, to choose the loss (see the module comment). */
  readonly rule: RuleName;
  /** Called with every step, in order (the trace writer's hook). */
  readonly onStep?: (step: LearningStep) => void;
  /** Polled before every step: true stops training there (an interrupted, traced run). */
  readonly shouldStop?: () => boolean;
}

export interface EpochRecord {
  readonly epoch: number;
  readonly errors: number;
  readonly loss: number;
}

export interface TrainMachineResult {
  /** One record per completed epoch. */
  readonly history: EpochRecord[];
  /** Presentations made. */
  readonly steps: number;
  /** Whether `shouldStop` ended training early. */
  readonly stopped: boolean;
}

export type MachineLossKind = 'perceptron-criterion' | 'squared-error' | 'hamming';

/** Hooks an observer attaches to a training loop it wants to watch. */
export interface LoopHooks {
  readonly onStep: (step: LearningStep) => void;
  readonly shouldStop?: () => boolean;
}

/**
 * Sees every training loop started while it is installed and may watch it (a trace of `run` or
 * `compare` records the experiment's first machine this way, without the experiment knowing).
 */
export type TrainingObserver = (engine: MachineEngine, rule: RuleName) => LoopHooks | undefined;

let trainingObserver: TrainingObserver | null = null;

/** Run `fn` with `observer` watching every `trainMachine` call it makes. */
export function observeTraining<T>(observer: TrainingObserver, fn: () => T): T {
  const previous = trainingObserver;
  trainingObserver = observer;
  try {
    return fn();
  } finally {
    trainingObserver = previous;
  }
}

/** Which loss `trainMachine` reports for a rule. */
export function lossKind(rule: RuleName): MachineLossKind {
  switch (rule) {
    case 'alpha-lms':
    case 'mu-lms':
      return 'squared-error';
    case 'mri':
    case 'mrii':
      return 'hamming';
    default:
      return 'perceptron-criterion';
  }
}

/** One output unit's loss term from its desired response, sum and error (see the module comment). */
function lossTerm(kind: MachineLossKind, desired: number, sum: number, error: number): number {
  if (kind === 'squared-error') return error * error;
  if (kind === 'hamming') return (error * error) / 4;
  return Math.max(0, -desired * sum);
}

/** The sum over output units of one step's loss terms (a trace's epoch loss uses the same). */
export function stepLoss(kind: MachineLossKind, s: LearningStep): number {
  let total = 0;
  const n = s.desired.length;
  for (let k = 0; k < n; k++) total += lossTerm(kind, s.desired[k], s.sums[k], s.errors[k]);
  return total;
}

/** The epoch's loss: the mean over presentations and output units. */
function meanLoss(total: number, presentations: number, outputs: number): number {
  const terms = presentations * outputs;
  return terms === 0 ? 0 : total / terms;
}

/** An epoch's error count and summed loss from `presentEpoch`'s outcome, added up as `stepLoss` does. */
function epochTotals(
  kind: MachineLossKind,
  outcome: EpochOutcome,
  d: readonly ArrayLike<number>[],
  order: readonly number[],
): { errors: number; loss: number } {
  const units = outcome.sums.length / order.length;
  let errors = 0;
  let loss = 0;
  for (let q = 0; q < order.length; q++) {
    if (outcome.mistakes[q]) errors++;
    const desired = d[order[q]];
    let total = 0;
    for (let k = 0; k < units; k++) {
      total += lossTerm(kind, desired[k], outcome.sums[q * units + k], outcome.errors[q * units + k]);
    }
    loss += total;
  }
  return { errors, loss };
}

export function trainMachine(
  engine: MachineEngine,
  data: MachineData,
  options: TrainMachineOptions,
): TrainMachineResult {
  const steps = trainingLoop(engine, data, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The same loop, yielding to the event loop every few milliseconds (`pause`), so that signal
 * handlers run during a long synchronous training and can ask it to stop (see src/trace/interrupt.ts).
 */
export async function trainMachineAsync(
  engine: MachineEngine,
  data: MachineData,
  options: TrainMachineOptions & { readonly pause: () => Promise<void> | undefined },
): Promise<TrainMachineResult> {
  const steps = trainingLoop(engine, data, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    const p = options.pause();
    if (p) await p;
  }
}

/** The epoch loop as a generator that yields after every step: one loop for both callers above. */
function* trainingLoop(
  engine: MachineEngine,
  data: MachineData,
  options: TrainMachineOptions,
): Generator<void, TrainMachineResult> {
  const n = data.x.length;
  if (data.d.length !== n) throw new RangeError(`${n} input rows but ${data.d.length} target rows`);
  if (!Number.isInteger(options.epochs) || options.epochs < 0) {
    throw new RangeError(`epochs must be a whole number ≥ 0, got ${options.epochs}`);
  }
  if (options.shuffle && !options.rng) throw new RangeError('shuffled presentation needs an rng');
  const kind = lossKind(options.rule);
  const history: EpochRecord[] = [];
  const fileOrder = Array.from({ length: n }, (_, i) => i);
  const watch = trainingObserver?.(engine, options.rule);
  // Nobody watches the steps: the engine may present a whole epoch at once (same weights, same history).
  const unwatched = !options.onStep && !options.shouldStop && !watch;
  let step = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const order = options.shuffle ? (options.rng as Rng).permutation(n) : fileOrder;
    const outcome = unwatched && n > 0 ? engine.presentEpoch?.(data.x, data.d, order) : null;
    if (outcome) {
      step += n;
      const { errors, loss } = epochTotals(kind, outcome, data.d, order);
      history.push({ epoch, errors, loss: meanLoss(loss, n, engine.outputs) });
      checkFinite(engine, epoch, history[history.length - 1].loss);
      yield;
      continue;
    }
    let errors = 0;
    let loss = 0;
    for (let k = 0; k < n; k++) {
      if (options.shouldStop?.() || watch?.shouldStop?.()) return { history, steps: step, stopped: true };
      const pattern = order[k];
      step++;
      const s = engine.present(data.x[pattern], data.d[pattern], { step, epoch, pattern });
      if (s.mistake) errors++;
      loss += stepLoss(kind, s);
      options.onStep?.(s);
      watch?.onStep(s);
      yield;
    }
    history.push({ epoch, errors, loss: meanLoss(loss, n, engine.outputs) });
    checkFinite(engine, epoch, history[history.length - 1].loss);
  }
  return { history, steps: step, stopped: false };
}

/**
 * Stop, as the MLP does, at the end of the first epoch whose loss or weights are not finite: a rule
 * that diverged (μ-LMS above 1/trace R, inputs near 1e308) would otherwise go on to save `null`
 * weights and print tables of NaN. One pass over the weights per epoch, small beside the epoch.
 */
function checkFinite(engine: MachineEngine, epoch: number, loss: number): void {
  let where: string | null = null;
  const w = engine.weights();
  for (let l = 0; l < w.layers.length && where === null; l++) {
    const L = w.layers[l];
    if (
      L.weights.some((row) => row.some((v) => !Number.isFinite(v))) ||
      L.bias.some((v) => !Number.isFinite(v))
    )
      where = `layer ${l} weights`;
  }
  if (where === null && Number.isFinite(loss)) return;
  throw new DivergedError(
    epoch,
    loss,
    where ?? 'the loss',
    'lower the learning rate (--lr) or scale the inputs down',
  );
}
