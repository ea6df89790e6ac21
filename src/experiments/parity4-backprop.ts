/**
 * parity4-backprop: 4-bit parity learnt by a 4-4-1 sigmoid net (Rumelhart, Hinton & Williams,
 * PDP vol. 1 ch. 8, p.335: 2,825 presentations of the training set at η = 0.5).
 *
 * The set-up is the library's `parity4Task()`: one update per pattern (the source counts
 * "presentations"), momentum 0.9, U[−0.3, 0.3], converged when every output is within 0.1 of its
 * target; the source states none of these but η. Parity is the hard case: some runs stall on a
 * plateau and are counted as not converged rather than put in the median.
 */
import { parity4Task } from '../backprop/index.js';
import type { Experiment } from './types.js';
import {
  classicMeasurement,
  classicParams,
  classicSweepsFigure,
  runClassicExperiment,
} from './xor-backprop.js';

const task = parity4Task();

export const parity4Backprop: Experiment = {
  id: 'parity4-backprop',
  title: '4-bit parity by backprop, 4-4-1',
  year: 1986,
  citation:
    'Rumelhart, Hinton & Williams, "Learning internal representations by error propagation", PDP vol. 1 ch. 8, p.335',
  question: 'How many presentations of the 16 patterns does a 4-4-1 sigmoid net need to learn 4-bit parity?',
  group: 'backprop',
  params: classicParams({ default: 32, fast: 8, full: 100 }, 12000),
  published: [
    classicSweepsFigure(
      task,
      'medianSweeps',
      'median presentations of the set to converge over all runs, the unconverged counted beyond maxSweeps (every output within 0.1 of its target)',
      'PDP vol. 1 ch. 8 p.335 (REFERENCES.md §5, R13)',
      'one run: the source reports one figure, 2,825 presentations, for the run it describes, and leaves momentum, schedule, initial range and criterion unstated. Single runs spread over a factor of ten, so the verdict asks whether a run of ours could have given that figure: reproduced when it lies between the 5th and 95th percentiles of our runs (over 100 runs it fell at the 8th-11th percentile at seeds 1-3: our set-up is slower than theirs). Our median counts every run (the quarter to half that stall count beyond the cap) and sits about 2x above the published run (5,746, 5,446 and 8,630 at seeds 1-3); the median over the converged runs only flattered it',
      'single run',
    ),
  ],
  run({ params, seed, progress }) {
    const t = parity4Task(params.maxSweeps as number);
    const r = runClassicExperiment(t, seed, params.seeds as number, progress);
    return {
      ...classicMeasurement('medianSweeps', r, t.published.value),
      notes: [
        'network 4-4-1, sigmoid units, E = ½Σ(y−d)², η = 0.5, momentum 0.9, one update per pattern in a fixed order, U[−0.3, 0.3]; all but η are our choices',
        'the median counts every run: runs stuck on a plateau for maxSweeps count as longer than every converged run (notConverged, convergedFraction); full-batch training mostly stalled (docs/backprop.md)',
      ],
    };
  },
};
