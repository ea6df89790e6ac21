/**
 * `compare <experiment>` as a library call: the experiment's task (from `COMPARE_TASKS`), built from
 * its parameters and the seed, run through `runComparison`. A module of its own because the tasks
 * import the experiments, which import `compare.ts`.
 */
import { Rng } from '../rng.js';
import {
  checkActivations,
  DEFAULT_COMPARE_EPOCHS,
  defaultMachine,
  runComparison,
  unknownCompareTask,
} from './compare.js';
import type { CompareMachine, CompareOptions, CompareReport, CompareTask } from './compare.js';
import { buildMark1 } from './lib/mark1-common.js';
import { COMPARE_TASKS } from './lib/tasks.js';
import { resolveParams } from './run.js';
import type { Experiment, LearnerView, ParamValues } from './types.js';

/** Everything `compare <experiment>` takes besides the experiment. */
export interface CompareExperimentOptions extends Omit<CompareOptions, 'progress' | 'rng' | 'epochs'> {
  /** `key=value` overrides of the experiment's parameters. */
  readonly set: readonly string[];
  /** Epoch cap for every learner; default `compareEpochCap(params)`. */
  readonly epochs?: number;
  readonly progress?: (fraction: number) => void;
}

/** The default epoch cap: the experiment's own `epochs` where it has one (so `run` and `compare`
 * train the machine equally long), else DEFAULT_COMPARE_EPOCHS. */
export function compareEpochCap(params: ParamValues): number {
  return typeof params.epochs === 'number' ? params.epochs : DEFAULT_COMPARE_EPOCHS;
}

/** `compare`: the experiment's task, built from its parameters and the seed, run through `runComparison`. */
export function compareExperiment(
  exp: Experiment,
  options: CompareExperimentOptions,
): { report: CompareReport; params: ParamValues; task: CompareTask; learner: LearnerView } {
  const entry = COMPARE_TASKS[exp.id];
  if (!entry) throw unknownCompareTask(exp.id, Object.keys(COMPARE_TASKS));
  checkActivations(options.activations);
  const params = resolveParams(exp, 'default', options.set);
  // The forks `task`, `machine` and `order` of the seed's generator, in the order the Mark I
  // experiments' own runs take them: with the experiment's machine, compare trains exactly what
  // `run` trains (mark1-letters, mark1-shapes, mnist-mark1-vs-mlp; test/cli/compare.test.ts).
  const rng = Rng.fromSeed(options.seed);
  const task = entry.task(params, rng.fork('task'));
  const machine = experimentMachine(entry.machine, params, task);
  const report = runComparison(exp.id, task, machine, {
    ...options,
    epochs: options.epochs ?? compareEpochCap(params),
    rng,
  });
  return { report, params, task, learner: compareLearnerView(task, machine, options.seed) };
}

/**
 * The compared machine (the learner `compare --trace` records) as the HTML report draws it: built
 * again from the same forks of the seed's generator as in compareExperiment and runComparison, for
 * its fixed wiring only (no training); the report checks it against the trace's circuit hash.
 */
export function compareLearnerView(task: CompareTask, machine: CompareMachine, seed: number): LearnerView {
  const rng = Rng.fromSeed(seed);
  rng.fork('task');
  const machineRng = rng.fork('machine');
  const inputs = task.train.x[0].length;
  const outputs = task.train.y[0].length;
  const { engine } = machine.build
    ? machine.build(machineRng)
    : defaultMachine(machine, { inputs, outputs, retina: task.retina }, machineRng);
  return {
    unitNames: outputs === task.classes.length ? task.classes : undefined,
    patterns: task.train.x,
    inputShape: task.retina,
    model: machine.model,
    fixed: engine.fixedConfig(),
  };
}

/** The experiment's own Mark I (its A-units, wiring and plugboard) where its parameters give one. */
function experimentMachine(machine: CompareMachine, params: ParamValues, task: CompareTask): CompareMachine {
  const retina = task.retina;
  if (machine.model !== 'mark1' || retina === undefined || typeof params.aUnits !== 'number') return machine;
  const outputs = task.train.y[0].length;
  return { ...machine, build: (rng) => buildMark1(params, outputs, retina, rng) };
}
