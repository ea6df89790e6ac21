/**
 * xor-perceptron: the single threshold unit that cannot learn XOR.
 *
 * Minsky and Papert (1969) showed that a perceptron of order 1 cannot compute parity; XOR is parity of
 * two inputs. One threshold unit would need w₁ ≥ θ, w₂ ≥ θ, θ > 0 and w₁ + w₂ < θ at once, which is
 * impossible (REFERENCES.md §4). The perceptron rule "goes on forever" on such data (WL90 p.1425):
 * we train a unit with ±1 inputs and a bias for many epochs and count the mistakes in its best epoch,
 * which never reaches 0, while the same unit learns AND and OR in a few epochs.
 */
import { perceptronEpoch } from '../rules/perceptron.js';
import type { Experiment } from './types.js';

const PATTERNS = [
  [-1, -1],
  [-1, 1],
  [1, -1],
  [1, 1],
];

function bestEpochErrors(
  targets: number[],
  epochs: number,
  order: () => number[],
): { best: number; curve: number[] } {
  const w = new Float64Array(3);
  const curve: number[] = [];
  let best = Infinity;
  for (let e = 0; e < epochs; e++) {
    const mistakes = perceptronEpoch(w, PATTERNS, targets, { eta: 1, tie: 'error' }, order());
    curve.push(mistakes);
    best = Math.min(best, mistakes);
  }
  return { best, curve };
}

export const xorPerceptron: Experiment = {
  id: 'xor-perceptron',
  title: 'The single threshold unit that cannot learn XOR',
  year: 1969,
  citation: 'Minsky & Papert, Perceptrons, MIT Press, 1969 (Thm 3.1.1, parity); Widrow & Lehr 1990 p.1425',
  question: 'Can one threshold unit trained by the perceptron rule learn XOR, as it learns AND and OR?',
  group: 'theory',
  params: {
    epochs: {
      kind: 'integer',
      default: 1000,
      fast: 200,
      min: 1,
      doc: 'epochs of training (4 presentations each)',
    },
    shuffle: {
      kind: 'boolean',
      default: true,
      doc: 'present the 4 patterns in a fresh random order each epoch',
    },
  },
  published: [
    {
      name: 'xorBestEpochErrors',
      description: 'fewest mistakes in any epoch on XOR (never 0: not learnable)',
      value: 1,
      unit: 'mistakes',
      source: 'Minsky & Papert 1969; WL90 p.1425',
      tolerance: { kind: 'atLeast' },
      byConstruction:
        "no line separates XOR's four points, so no linear threshold unit can make fewer than 1 mistake per epoch whatever its rule does (a broken rule cannot fail this row either)",
    },
    {
      name: 'andBestEpochErrors',
      description: 'fewest mistakes in any epoch on AND (0: learnt)',
      value: 0,
      unit: 'mistakes',
      source: 'WL90 p.1418 (14 of 16 functions are linearly separable)',
      tolerance: { kind: 'equal' },
    },
  ],
  run({ params, rng, progress }) {
    const epochs = params.epochs as number;
    const order = () => (params.shuffle ? rng.permutation(4) : [0, 1, 2, 3]);
    const xor = bestEpochErrors([-1, 1, 1, -1], epochs, order);
    progress(0.5);
    const and = bestEpochErrors([-1, -1, -1, 1], epochs, order);
    const or = bestEpochErrors([-1, 1, 1, 1], epochs, order);
    progress(1);
    const x = Array.from({ length: epochs }, (_, i) => i + 1);
    return {
      values: { xorBestEpochErrors: xor.best, andBestEpochErrors: and.best },
      extra: { orBestEpochErrors: or.best, xorLastEpochErrors: xor.curve[epochs - 1] },
      units: { orBestEpochErrors: 'mistakes', xorLastEpochErrors: 'mistakes' },
      descriptions: {
        orBestEpochErrors: 'fewest mistakes in any epoch on OR',
        xorLastEpochErrors: 'mistakes in the last epoch on XOR',
      },
      series: {
        xor: { x, y: xor.curve, xLabel: 'epoch', yLabel: 'mistakes per epoch' },
        and: { x, y: and.curve, xLabel: 'epoch', yLabel: 'mistakes per epoch' },
      },
    };
  },
};
