/**
 * `compare`: the historical machine and a backprop MLP per activation, on the same data and seed.
 *
 * The task (training and test patterns, classes) comes from the experiment's `COMPARE_TASKS` entry;
 * the machine learns by its historical rule in the dense engine (identical to the circuit with ideal
 * parts), the MLPs by mini-batch SGD. Each stops at the first epoch with no training errors (the
 * criterion) or at the epoch cap, and is scored on the held-out patterns.
 */
import { arPotCount } from '../machines/mark1-params.js';
import type { Mark1Structure } from '../machines/mark1-params.js';
import { parseActivation } from '../backprop/activations.js';
import { Mlp } from '../backprop/mlp.js';
import { makeDataset, stopWhenNoErrors, train } from '../backprop/train.js';
import { createDenseMachine } from '../machines/create-dense.js';
import { UserError } from '../errors.js';
import type { RuleName, MachineModel } from '../machines/types.js';
import { trainMachine } from '../machines/train.js';
import { Rng } from '../rng.js';
import { didYouMean } from '../util/nearest.js';
import { mark1HardwareTime } from './lib/mark1-hardware.js';
import type { Mark1Build } from './lib/mark1-common.js';
import type { Series } from './types.js';

/** Patterns of one split: inputs, ±1 desired responses per output unit, class index per pattern. */
export interface TaskSplit {
  readonly x: number[][];
  readonly y: number[][];
  readonly labels: number[];
}

export interface CompareTask {
  readonly train: TaskSplit;
  readonly test: TaskSplit;
  readonly classes: string[];
  readonly retina?: { width: number; height: number };
}

/** The historical machine a task is compared on. */
export interface CompareMachine {
  readonly model: MachineModel;
  readonly rule: RuleName;
  readonly lr?: number;
  /**
   * Builds the experiment's own machine (its A-units, wiring and plugboard) from the generator fork
   * `machine`; without it the library's defaults for the model are used. With it, and with the
   * experiment's generator in `CompareOptions.rng`, compare trains the very machine `run` trains.
   */
  readonly build?: (rng: Rng) => Pick<Mark1Build, 'engine' | 'options' | 'rngState'>;
}

export interface CompareOptions {
  readonly seed: number;
  /** Activation specs, `NAME[:param]`. */
  readonly activations: readonly string[];
  /** Hidden units of the MLPs (one hidden layer). */
  readonly hidden: number;
  /** Epoch cap for every learner. */
  readonly epochs: number;
  readonly learningRate: number;
  readonly batch: number;
  readonly momentum: number;
  /**
   * The generator the task was forked from (`fork('task')`), when the caller has one: the machine
   * and its presentation order are its next forks, `machine` and `order`, as in the Mark I
   * experiments' own runs. Default: a fresh generator from `seed`.
   */
  readonly rng?: Rng;
  readonly progress?: (fraction: number) => void;
}

export const DEFAULT_COMPARE_ACTIVATIONS = ['relu', 'tanh', 'sigmoid'];
export const DEFAULT_COMPARE_HIDDEN = 64;
export const DEFAULT_COMPARE_EPOCHS = 50;
export const DEFAULT_COMPARE_LEARNING_RATE = 0.05;
export const DEFAULT_COMPARE_BATCH = 16;
export const DEFAULT_COMPARE_MOMENTUM = 0.9;

export interface CompareRow {
  readonly name: string;
  readonly kind: 'machine' | 'mlp';
  /** Rule or optimiser, in words. */
  readonly training: string;
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  /** Presentations until the first error-free epoch, or null if the cap came first. */
  readonly presentationsToCriterion: number | null;
  readonly epochs: number;
  /** Adaptive parameters. */
  readonly parameters: number;
  /** Simulated seconds the historical hardware would have needed; null for the MLPs. */
  readonly hardwareSeconds: number | null;
  readonly wallSeconds: number;
}

export interface CompareReport {
  readonly experiment: string;
  readonly seed: number;
  readonly config: Record<string, unknown>;
  readonly rows: CompareRow[];
  /** Training errors per epoch, per learner. */
  readonly series: Record<string, Series>;
}

function accuracy(predict: (x: number[]) => number, split: TaskSplit): number {
  if (split.x.length === 0) return NaN;
  let right = 0;
  for (let i = 0; i < split.x.length; i++) if (predict(split.x[i]) === split.labels[i]) right++;
  return right / split.x.length;
}

/**
 * Class from output-unit values: for two classes, whether the one unit is above `threshold` (0 for a
 * machine's sum, 0.5 for a logistic output); else the largest unit (one-vs-rest, or softmax).
 */
export function classFromOutputs(values: ArrayLike<number>, classes: number, threshold = 0): number {
  if (classes === 2 && values.length === 1) return values[0] > threshold ? 1 : 0;
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k] > values[best]) best = k;
  return best;
}

/** The model's library defaults, on the task's input and output sizes. */
export function defaultMachine(
  machine: CompareMachine,
  size: { inputs: number; outputs: number; retina?: { width: number; height: number } },
  rng: Rng,
): Pick<Mark1Build, 'engine' | 'options' | 'rngState'> {
  const rngState = rng.state();
  const options = {
    inputs: size.inputs,
    outputs: size.outputs,
    rule: machine.rule,
    lr: machine.lr,
    mark1: size.retina ? { retinaWidth: size.retina.width, retinaHeight: size.retina.height } : undefined,
  };
  return { engine: createDenseMachine(machine.model, { ...options, rng }), options, rngState };
}

export function runComparison(
  experiment: string,
  task: CompareTask,
  machine: CompareMachine,
  options: CompareOptions,
): CompareReport {
  const activations = options.activations.map((a) => ({ spec: a, activation: parseActivation(a) }));
  const classes = task.classes.length;
  const outputs = task.train.y[0].length;
  const inputs = task.train.x[0].length;
  const n = task.train.x.length;
  const rows: CompareRow[] = [];
  const series: Record<string, Series> = {};
  const total = 1 + activations.length;
  const rng = options.rng ?? Rng.fromSeed(options.seed);

  // The historical machine, epoch by epoch until an error-free epoch.
  {
    const t0 = performance.now();
    const machineRng = rng.fork('machine');
    const {
      engine,
      options: machineOptions,
      rngState,
    } = machine.build
      ? machine.build(machineRng)
      : defaultMachine(machine, { inputs, outputs, retina: task.retina }, machineRng);
    const order = rng.fork('order');
    const errors: number[] = [];
    let toCriterion: number | null = null;
    for (let e = 1; e <= options.epochs; e++) {
      const r = trainMachine(
        engine,
        { x: task.train.x, d: task.train.y },
        { epochs: 1, shuffle: true, rng: order, rule: machine.rule },
      );
      errors.push(r.history[0].errors);
      options.progress?.(e / options.epochs / total);
      if (r.history[0].errors === 0) {
        toCriterion = e * n;
        break;
      }
    }
    const predict = (x: number[]) => classFromOutputs(engine.respond(x).sums, classes);
    const w = engine.weights();
    const wallSeconds = (performance.now() - t0) / 1000;
    // The dense engine keeps no time; the Mark I's comes from timing a few presentations on its circuit.
    const hardwareSeconds =
      machine.model === 'mark1'
        ? mark1HardwareTime({ engine, options: machineOptions, rngState }, task, {
            presentations: errors.length * n,
            corrections: errors.reduce((a, b) => a + b, 0),
          }).seconds
        : engine.hardwareSeconds();
    rows.push({
      name: machine.model,
      kind: 'machine',
      training: `${machine.rule} rule`,
      trainAccuracy: accuracy(predict, task.train),
      testAccuracy: accuracy(predict, task.test),
      presentationsToCriterion: toCriterion,
      epochs: errors.length,
      // The Mark I counts its pots (one per A-unit unless wired in full), plus an R-unit bias only
      // if asked for (WL90 Fig. 13 draws none).
      parameters:
        machine.model === 'mark1'
          ? mark1Parameters(engine.fixedConfig().structure as Mark1Structure)
          : w.layers.reduce((s, l) => s + l.weights.length * (l.weights[0]?.length ?? 0) + l.bias.length, 0),
      hardwareSeconds,
      wallSeconds,
    });
    series[machine.model] = {
      x: errors.map((_, i) => i + 1),
      y: errors,
      xLabel: 'epoch',
      yLabel: 'training errors',
    };
  }

  // One MLP per activation: same data, same seed (each its own fork of it).
  activations.forEach(({ spec, activation }, i) => {
    const t0 = performance.now();
    const net = Mlp.create(
      {
        inputs,
        hidden: [options.hidden],
        outputs: classes === 2 ? 1 : classes,
        hiddenActivation: activation,
        outputActivation: classes === 2 ? 'sigmoid' : 'softmax',
        loss: 'cross-entropy',
        init: /relu|elu|maxout/.test(spec) ? 'he-normal' : 'glorot-uniform',
      },
      rng.fork(`mlp-${spec}`),
    );
    // Cross-entropy targets are 0/1 (one-hot), not the machine's ±1.
    const targets = task.train.labels.map((c) =>
      classes === 2 ? [c] : Array.from({ length: classes }, (_, k) => (k === c ? 1 : 0)),
    );
    const result = train(net, makeDataset(task.train.x, targets), {
      learningRate: options.learningRate,
      maxEpochs: options.epochs,
      momentum: options.momentum,
      batchSize: options.batch,
      shuffle: true,
      rng: rng.fork(`mlp-order-${spec}`),
      diagnostics: false,
      stop: stopWhenNoErrors(),
      onEpoch: (rec) => options.progress?.((1 + i + rec.epoch / options.epochs) / total),
    });
    const predict = (x: number[]) => classFromOutputs(net.predict(Float64Array.from(x)), classes, 0.5);
    // The history starts with epoch 0 (the untrained net); count and draw the trained epochs only,
    // as the machine's are, so that both columns mean the same.
    const trained = result.history.filter((h) => h.epoch >= 1);
    const errors = trained.map((h) => h.errors ?? NaN);
    const criterion = result.history.find((h) => h.errors === 0);
    rows.push({
      name: `mlp-${spec}`,
      kind: 'mlp',
      training: `SGD batch ${options.batch}, η ${options.learningRate}, momentum ${options.momentum}`,
      trainAccuracy: accuracy(predict, task.train),
      testAccuracy: accuracy(predict, task.test),
      presentationsToCriterion: criterion === undefined ? null : criterion.epoch * n,
      epochs: trained.length,
      parameters: net.parameterCount,
      hardwareSeconds: null,
      wallSeconds: (performance.now() - t0) / 1000,
    });
    series[`mlp-${spec}`] = {
      x: trained.map((h) => h.epoch),
      y: errors,
      xLabel: 'epoch',
      yLabel: 'training errors',
    };
  });

  return {
    experiment,
    seed: options.seed,
    config: {
      machine,
      activations: options.activations,
      hidden: options.hidden,
      epochs: options.epochs,
      learningRate: options.learningRate,
      batch: options.batch,
      momentum: options.momentum,
      trainPatterns: n,
      testPatterns: task.test.x.length,
      classes: task.classes,
    },
    rows,
    series,
  };
}

export function checkActivations(list: readonly string[]): void {
  for (const a of list) parseActivation(a);
  if (list.length === 0) throw new UserError('--activations: give at least one activation');
}

export function unknownCompareTask(id: string, ids: readonly string[]): UserError {
  return new UserError(
    `experiment '${id}' has no comparison task${didYouMean(id, ids)}; compare works with: ${ids.join(', ')}`,
  );
}

/** Adjustable weights of a Mark I: its A→R pots and, with rBias, one bias pot per R-unit. */
function mark1Parameters(m: Mark1Structure): number {
  return arPotCount(m) + (m.rBias ? m.rUnits : 0);
}
