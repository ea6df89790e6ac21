/** Every named experiment, in the order `list` shows them. */
import { UserError } from '../errors.js';
import { didYouMean } from '../util/nearest.js';
import type { Experiment } from './types.js';
import { xorPerceptron } from './xor-perceptron.js';
import { xorBackprop } from './xor-backprop.js';
import { parity4Backprop } from './parity4-backprop.js';
import { symmetryBackprop } from './symmetry-backprop.js';
import { xorWidth } from './xor-width.js';
import { familyTrees } from './family-trees.js';
import { minskyPapertParity } from './minsky-papert-parity.js';
import { minskyPapertConnectedness } from './minsky-papert-connectedness.js';
import { spiral } from './spiral.js';
import { activationsSaturation } from './activations-saturation.js';
import { activationsZigzag } from './activations-zigzag.js';
import { activationsCost } from './activations-cost.js';
import { activationsDeadRelu } from './activations-dead-relu.js';
import { reluVsTanh } from './relu-vs-tanh.js';
import { glorotBengioSaturation } from './glorot-bengio-saturation.js';
import { rectifierSparsity } from './rectifier-sparsity.js';
import { mark1Letters } from './mark1-letters.js';
import { faultTolerance } from './fault-tolerance.js';
import { mnistMark1VsMlp } from './mnist-mark1-vs-mlp.js';
import { mark1LeftRight } from './mark1-left-right.js';
import { mark1Shapes } from './mark1-shapes.js';
import { rosenblattPaExperiment } from './rosenblatt-pa.js';
import { valueGainRules } from './value-gain-rules.js';
import { novikoffBound } from './novikoff-bound.js';
import { coverCapacity } from './cover-capacity.js';
import { boolean16 } from './boolean-16.js';
import { adalineTimeConstant } from './adaline-time-constant.js';
import { adalineTgf } from './adaline-tgf.js';
import { madalineXnor } from './madaline-xnor.js';
import { madalineMriOrder } from './madaline-mri-order.js';
import { rbmPretraining } from './rbm-pretraining.js';

/** The catalogue in reading order: the machines first (Mark I, then ADALINE/MADALINE), then theory, backprop, activations, and MNIST. */
export const EXPERIMENTS: readonly Experiment[] = [
  // Mark I
  mark1LeftRight,
  mark1Letters,
  mark1Shapes,
  rosenblattPaExperiment,
  valueGainRules,
  faultTolerance,
  // ADALINE and MADALINE
  adalineTgf,
  adalineTimeConstant,
  boolean16,
  madalineXnor,
  madalineMriOrder,
  // Theory
  novikoffBound,
  coverCapacity,
  xorPerceptron,
  minskyPapertParity,
  minskyPapertConnectedness,
  // Backprop
  xorBackprop,
  parity4Backprop,
  symmetryBackprop,
  xorWidth,
  familyTrees,
  spiral,
  rbmPretraining,
  // Activations
  activationsSaturation,
  activationsZigzag,
  activationsCost,
  activationsDeadRelu,
  reluVsTanh,
  // Deep nets, 2010-2011
  glorotBengioSaturation,
  rectifierSparsity,
  // Mark I against backprop on MNIST
  mnistMark1VsMlp,
];

export function findExperiment(id: string): Experiment {
  const exp = EXPERIMENTS.find((e) => e.id === id);
  if (!exp) {
    const ids = EXPERIMENTS.map((e) => e.id);
    throw new UserError(
      `unknown experiment '${id}'${didYouMean(id, ids)}; run 'perceptron-sim list' to see all ${ids.length}`,
    );
  }
  return exp;
}
