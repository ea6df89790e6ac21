/**
 * symmetry-backprop: detecting mirror symmetry of 6-bit vectors with two hidden units (Rumelhart,
 * Hinton & Williams, Nature 323:533–536, 1986, Fig. 1): 1,425 sweeps through all 64 vectors, one
 * update per sweep, ε = 0.1, α = 0.9, initial weights U[−0.3, 0.3].
 *
 * RHW's figure shows the solution: each hidden unit has equal and opposite weights on mirror-image
 * inputs (so every symmetric vector gives it a net input of 0), and the magnitudes of the three
 * mirror pairs stand in the ratio 1:2:4, so that no asymmetric vector can cancel to 0. We measure
 * both in every converged run: the antisymmetry |w_k + w_(5−k)| / (|w_k| + |w_(5−k)|) (0 = equal and
 * opposite) and the ratio of the largest to the smallest pair magnitude (4 for 1:2:4).
 *
 * Finding: backprop also finds a second exact solution RHW do not mention, magnitudes 2:3:4
 * (largest/smallest 2): 2a + 3b + 4c = 0 has no solution with a, b, c ∈ {−1, 0, 1} other than 0, so
 * it separates as well. We count the runs in each family.
 */
import { symmetry6Task } from '../backprop/index.js';
import type { Experiment } from './types.js';
import {
  classicMeasurement,
  classicParams,
  classicSweepsFigure,
  runClassicExperiment,
} from './xor-backprop.js';
import { quantile } from './lib/stats.js';

const task = symmetry6Task();
/** Ratios within this relative distance of 4 (1:2:4) or of 2 (2:3:4) are counted in that family. */
const FAMILY_TOLERANCE = 0.1;

/** Mirror-pair analysis of one hidden unit's 6 input weights. */
export function mirrorPairs(w: readonly number[]): { antisymmetry: number; ratio: number; middle: number } {
  const n = w.length;
  const pairs = Math.floor(n / 2);
  let anti = 0;
  const mags: number[] = [];
  for (let k = 0; k < pairs; k++) {
    const a = w[k];
    const b = w[n - 1 - k];
    const s = Math.abs(a) + Math.abs(b);
    anti = Math.max(anti, s === 0 ? 0 : Math.abs(a + b) / s);
    mags.push(s / 2);
  }
  mags.sort((x, y) => x - y);
  return { antisymmetry: anti, ratio: mags[pairs - 1] / mags[0], middle: mags[1] / mags[0] };
}

export const symmetryBackprop: Experiment = {
  id: 'symmetry-backprop',
  title: 'Mirror symmetry by backprop, 6-2-1',
  year: 1986,
  citation:
    'Rumelhart, Hinton & Williams, "Learning representations by back-propagating errors", Nature 323:533-536 (1986), Fig. 1',
  question:
    'How many sweeps does a 6-2-1 net need to detect mirror symmetry, and does it find the equal-and-opposite 1:2:4 weights of the paper?',
  group: 'backprop',
  params: classicParams({ default: 40, fast: 10, full: 100 }, 6000),
  published: [
    classicSweepsFigure(
      task,
      'medianSweeps',
      'median sweeps to converge over all runs, the unconverged counted beyond maxSweeps (every output within 0.1 of its target)',
      'RHW 1986, Fig. 1 (REFERENCES.md §5, R9)',
      'one run: RHW report the 1,425 sweeps of the run whose weights Fig. 1 shows; the set-up is theirs except the convergence criterion (ours: within 0.1). Single runs range from under 700 to beyond the cap, so the verdict asks whether a run of ours could have given that figure: reproduced when it lies between the 5th and 95th percentiles of our runs (over 100 runs, 26-36 % of ours were as fast). Our median counts every run (about 30% never converge) and lies above the published run: 2,602, 3,815 and beyond the 6,000 cap at seeds 1-3',
      'single run',
    ),
    {
      name: 'mirrorAntisymmetry',
      description:
        'largest |w_k + w_(5−k)| / (|w_k| + |w_(5−k)|) over hidden units, median over converged runs',
      value: 0,
      source: 'RHW 1986, Fig. 1 ("equal and opposite" mirror weights)',
      tolerance: { kind: 'absolute', value: 0.05 },
      toleranceNote:
        'equal and opposite within 5%: training stops at the 0.1 criterion, not at an exact solution',
    },
    {
      name: 'pairRatio',
      description: 'largest / smallest mirror-pair weight magnitude (1:2:4 → 4), median over converged runs',
      value: 4,
      source: 'RHW 1986, Fig. 1 (weights in the ratio 1:2:4)',
      tolerance: { kind: 'relative', value: FAMILY_TOLERANCE },
      toleranceNote:
        'within 10% of 4; runs in the 2:3:4 family (ratio 2) pull the median down only if they are the majority, which they were not for seeds 1-40',
    },
  ],
  run({ params, seed, progress }) {
    const t = symmetry6Task(params.maxSweeps as number);
    const r = runClassicExperiment(t, seed, params.seeds as number, progress);
    const anti: number[] = [];
    const ratios: number[] = [];
    let binary = 0;
    let twoThreeFour = 0;
    for (const run of r.converged) {
      const units = run.result.final.layers[0].weights.map((w) => mirrorPairs(w));
      anti.push(Math.max(...units.map((u) => u.antisymmetry)));
      // Both hidden units of a run share one family; take the first unit's ratio for the run.
      const q = units[0].ratio;
      ratios.push(q);
      if (Math.abs(q - 4) <= FAMILY_TOLERANCE * 4) binary++;
      else if (Math.abs(q - 2) <= FAMILY_TOLERANCE * 2) twoThreeFour++;
    }
    anti.sort((a, b) => a - b);
    ratios.sort((a, b) => a - b);
    const m = classicMeasurement('medianSweeps', r, t.published.value);
    const typical = r.typical?.result.final.layers[0].weights ?? [];
    return {
      ...m,
      values: { ...m.values, mirrorAntisymmetry: quantile(anti, 0.5), pairRatio: quantile(ratios, 0.5) },
      extra: {
        ...m.extra,
        runs124: binary,
        runs234: twoThreeFour,
        runsOtherRatio: r.converged.length - binary - twoThreeFour,
      },
      descriptions: {
        ...m.descriptions,
        runs124: 'converged runs with pair magnitudes 1:2:4 (largest/smallest within 10% of 4)',
        runs234: 'converged runs with pair magnitudes 2:3:4 (largest/smallest within 10% of 2)',
        runsOtherRatio: 'converged runs with other ratios',
      },
      pictures:
        typical.length > 0
          ? [
              {
                title: `input→hidden weights of the typical run (rows: hidden units; columns: inputs 1-6)`,
                width: 6,
                height: typical.length,
                values: typical.flat(),
                scale: 'signed' as const,
              },
            ]
          : [],
      notes: [
        'network 6-2-1, sigmoid units, E = ½Σ(y−d)², ε = 0.1, α = 0.9, one update per sweep of all 64 vectors, U[−0.3, 0.3] (RHW); the 0.1 criterion is ours',
        'the median of sweeps counts every run: runs that did not converge within maxSweeps count as longer than every converged run (notConverged, convergedFraction); the weight analysis is over converged runs',
        `typical run's input→hidden weights: ${typical.map((w) => w.map((v) => v.toFixed(1)).join(' ')).join(' | ')}`,
        'besides 1:2:4, backprop finds 2:3:4 (largest/smallest 2), which separates the 64 vectors as well; RHW show only 1:2:4',
      ],
    };
  },
};
