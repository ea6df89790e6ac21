/**
 * `compare <experiment>` as a library call: the experiment's task (from `COMPARE_TASKS`), built from
 * its parameters and the seed, run through `runComparison`. A module of its own because the tasks
 * import the experiments, which import `compare.ts`.
 */
import { Rng } from '../rng.js';
import { checkActivations, runComparison, unknownCompareTask } from './compare.js';
import type { CompareOptions, CompareReport, CompareTask } from './compare.js';
import { COMPARE_TASKS } from './lib/tasks.js';
import { resolveParams } from './run.js';
import type { Experiment, ParamValues } from './types.js';

/** Everything `compare <experiment>` takes besides the experiment. */
export interface CompareExperimentOptions extends Omit<CompareOptions, 'progress'> {
  /** `key=value` overrides of the experiment's parameters. */
  readonly set: readonly string[];
  readonly progress?: (fraction: number) => void;
}

/** `compare`: the experiment's task, built from its parameters and the seed, run through `runComparison`. */
export function compareExperiment(
  exp: Experiment,
  options: CompareExperimentOptions,
): { report: CompareReport; params: ParamValues; task: CompareTask } {
  const entry = COMPARE_TASKS[exp.id];
  if (!entry) throw unknownCompareTask(exp.id, Object.keys(COMPARE_TASKS));
  checkActivations(options.activations);
  const params = resolveParams(exp, 'default', options.set);
  const task = entry.task(params, Rng.fromSeed(options.seed).fork('task'));
  const report = runComparison(exp.id, task, entry.machine, options);
  return { report, params, task };
}
