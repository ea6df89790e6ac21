/**
 * The one place where the front panels reach the simulator's training entry point.
 *
 * DESIGN.md's entry point, `trainFromConfig(config, ctx)`, is not on main yet; until it is, this
 * module sets a machine run up exactly as `perceptron-sim train --model <m> --engine event` does
 * (src/cli/train.ts, trainMachineCommand): the same CSV parser on the same text, the same RNG
 * forks of the seed ('machine' for the plugboard and initial weights, 'order' for the presentation
 * order), the same rule defaults, and the same epoch loop (`trainMachineAsync`). When the library
 * entry point lands, only this file changes. It has no Node-only import: the panels run it in a
 * Web Worker.
 */
import { parseCsv } from '../data/csv.js';
import type { CsvDataset } from '../data/csv.js';
import { createEventMachine } from '../machines/index.js';
import type { EventMachine, WeightTechnology } from '../machines/index.js';
import type { Mark1Structure } from '../machines/mark1-params.js';
import { DEFAULT_MU_FRACTION_OF_BOUND, MODEL_RULES, checkRuleFits } from '../machines/options.js';
import type { MachineOptions, MadalineParams } from '../machines/options.js';
import { trainMachine, trainMachineAsync } from '../machines/train.js';
import type { TrainMachineResult } from '../machines/train.js';
import type { LearningStep, MachineModel, RuleName, WeightsJson } from '../machines/types.js';
import { Rng } from '../rng.js';
import { muLmsBound } from '../rules/index.js';

/** A panel's run: what `train` would be given on its command line, with the deck as CSV text. */
export interface PanelRunConfig {
  readonly model: MachineModel;
  /** `--seed`. */
  readonly seed: number;
  /** The deck, as the CSV file `--data` would read (`file` names it in messages). */
  readonly csv: { readonly text: string; readonly file: string };
  readonly rule?: RuleName;
  /** `--lr`; undefined takes the rule's default, as the command does. */
  readonly lr?: number;
  readonly mark1?: Partial<Mark1Structure>;
  readonly madaline?: Partial<MadalineParams>;
  /** ADALINE/MADALINE weight technology (knob or memistor); the command uses the machine file's. */
  readonly technology?: WeightTechnology;
  /** `--init`: starting weights (the ADALINE's knobs set by hand). */
  readonly init?: WeightsJson;
}

export interface PanelRun {
  readonly engine: EventMachine;
  readonly data: CsvDataset;
  readonly x: Float64Array[];
  readonly d: number[][];
  readonly rule: RuleName;
  /** The presentation order's generator: a fresh run draws the same orders as the command. */
  readonly orderRng: Rng;
}

/** Build the machine and the data for `config`, as `train` does before its first epoch. */
export function prepareRun(config: PanelRunConfig): PanelRun {
  const model = config.model;
  const rule = config.rule ?? MODEL_RULES[model][0];
  checkRuleFits(model, rule);
  const data = parseCsv(config.csv.text, config.csv.file, {
    task: model === 'adaline' ? 'regression' : 'classification',
  });
  const x = data.features.map((r) => Float64Array.from(r));
  const outputs = data.task === 'regression' ? 1 : data.targets[0].length;
  const d = data.task === 'regression' ? data.targets.map((v) => [v]) : data.targets;
  let lr = config.lr;
  if (rule === 'mu-lms' && lr === undefined) lr = DEFAULT_MU_FRACTION_OF_BOUND * muLmsBound(x, true);
  const root = Rng.fromSeed(config.seed);
  const options: MachineOptions & { technology?: WeightTechnology } = {
    inputs: x[0].length,
    outputs,
    rule,
    lr,
    rng: root.fork('machine'),
    init: config.init,
    mark1: model === 'mark1' ? (config.mark1 ?? {}) : undefined,
    madaline: model === 'madaline' ? (config.madaline ?? {}) : undefined,
    ...(config.technology !== undefined ? { technology: config.technology } : {}),
  };
  const engine = createEventMachine(model, options);
  return { engine, data, x, d, rule, orderRng: root.fork('order') };
}

/** Train `run` for `epochs` epochs in a fresh random order each epoch, as `train` does by default. */
export function trainRun(
  run: PanelRun,
  epochs: number,
  hooks: {
    onStep: (s: LearningStep) => void;
    pause: () => Promise<void> | undefined;
    shouldStop: () => boolean;
  },
): Promise<TrainMachineResult> {
  return trainMachineAsync(
    run.engine,
    { x: run.x, d: run.d },
    { epochs, shuffle: true, rng: run.orderRng, rule: run.rule, ...hooks },
  );
}

/** The same, synchronously and unwatched (the playground's perceptron, one epoch per MLP epoch). */
export function trainRunEpochs(run: PanelRun, epochs: number): TrainMachineResult {
  return trainMachine(
    run.engine,
    { x: run.x, d: run.d },
    { epochs, shuffle: true, rng: run.orderRng, rule: run.rule },
  );
}
