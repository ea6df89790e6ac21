/**
 * The data sets of the Mark I experiments, for `compare`: each entry builds exactly the patterns
 * its experiment trains and tests on (the same parameters and seed give the same patterns), and
 * names the historical machine `compare` runs on them.
 */
import type { Rng } from '../../rng.js';
import type { CompareMachine } from '../compare.js';
import { faultToleranceTask } from '../fault-tolerance.js';
import { mark1LeftRightTask } from '../mark1-left-right.js';
import { mark1LettersTask } from '../mark1-letters.js';
import { mark1ShapesTask } from '../mark1-shapes.js';
import { mnistMark1VsMlpTask } from '../mnist-mark1-vs-mlp.js';
import type { ParamValues } from '../types.js';
import type { CompareTask } from './mark1-common.js';

export interface CompareTaskEntry {
  /** Training and test patterns from the experiment's parameters and a generator. */
  readonly task: (params: Partial<ParamValues>, rng: Rng) => CompareTask;
  readonly machine: CompareMachine;
}

/** The Mark I learning by fixed-increment error correction, η = 1 (WL90 eqs. 17–18). */
const MARK1: CompareMachine = { model: 'mark1', rule: 'fixed', lr: 1 };

export const COMPARE_TASKS: Readonly<Record<string, CompareTaskEntry>> = {
  'mark1-letters': { task: (p, rng) => mark1LettersTask(p, rng), machine: MARK1 },
  'mark1-left-right': { task: mark1LeftRightTask, machine: MARK1 },
  'mark1-shapes': { task: mark1ShapesTask, machine: MARK1 },
  'fault-tolerance': { task: faultToleranceTask, machine: MARK1 },
  'mnist-mark1-vs-mlp': { task: mnistMark1VsMlpTask, machine: MARK1 },
};
