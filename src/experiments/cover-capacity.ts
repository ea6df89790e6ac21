/**
 * cover-capacity: the fraction of random dichotomies a single threshold unit can realise, against
 * Cover's counting formula.
 *
 * Cover 1965 (REFERENCES.md §3, §8 R2; WL90 p.1421 and Fig. 5): N points in general position in d
 * dimensions have T(N, d) = 2Σ_{k<d} C(N−1, k) linearly separable dichotomies, so a random ±1 labelling
 * is separable with probability P = 2^(1−N) Σ_{k<d} C(N−1, k): 1 up to N = d (deterministic capacity
 * C_d = N_w), exactly ½ at N = 2d (statistical capacity C_s ≈ 2N_w), falling to 0 beyond.
 *
 * Setting: d = N_w counts the bias weight, as in WL90. Each trial draws N points with d − 1 Gaussian
 * inputs (general position with probability 1, so the augmented vectors (x, 1) are in general
 * position in d dimensions) and fair random labels, and decides separability EXACTLY with a small
 * simplex (lib/linear-separability.ts). A perceptron with an epoch cap would under-count near
 * capacity, where separable sets have tiny margins; we show that too, at N = 2d. Note: ±1 inputs
 * would not be in general position, and the formula would not apply.
 */
import { perceptronEpoch } from '../rules/perceptron.js';
import type { Rng } from '../rng.js';
import { coverProbability } from './lib/cover.js';
import { linearSeparability } from './lib/linear-separability.js';
import { binomialStandardError, round } from './lib/stats.js';
import type { Experiment } from './types.js';

/** The tolerances below are 3.2 and 4 binomial standard errors of this many trials at p = ½. */
const MIN_TRIALS = 1000;
const WORST_SE = binomialStandardError(0.5, MIN_TRIALS); // 0.0158

function randomDichotomy(rng: Rng, points: number, inputs: number): { xs: number[][]; ys: number[] } {
  const xs = Array.from({ length: points }, () => Array.from({ length: inputs }, () => rng.normal()));
  const ys = Array.from({ length: points }, () => (rng.next() < 0.5 ? -1 : 1));
  return { xs, ys };
}

/** Whether a fixed-increment perceptron reaches an epoch without mistakes within `epochs` epochs. */
function perceptronSeparates(xs: number[][], ys: number[], epochs: number, rng: Rng): boolean {
  const w = new Float64Array(xs[0].length + 1);
  for (let e = 0; e < epochs; e++) {
    if (perceptronEpoch(w, xs, ys, { eta: 1, tie: 'error' }, rng.permutation(xs.length)) === 0) return true;
  }
  return false;
}

export const coverCapacity: Experiment = {
  id: 'cover-capacity',
  title: "Cover's capacity: the fraction of random dichotomies that are linearly separable",
  year: 1965,
  citation:
    'Cover, "Geometrical and statistical properties of systems of linear inequalities…", IEEE Trans. Electronic Computers EC-14, 1965; Widrow & Lehr 1990 p.1421, Fig. 5',
  question:
    'What fraction of random dichotomies of N points in general position can one threshold unit with d weights realise, and is it exactly ½ at N = 2d?',
  group: 'theory',
  params: {
    weights: {
      kind: 'integer',
      default: 10,
      fast: 4,
      min: 1,
      max: 60,
      doc: 'd = N_w, weights of the unit counting the bias (d − 1 Gaussian inputs)',
    },
    trials: {
      kind: 'integer',
      default: 1000,
      full: 4000,
      min: MIN_TRIALS,
      doc: `random dichotomies per N (≥ ${MIN_TRIALS}: the tolerances are binomial errors of that many)`,
    },
    maxRatio: { kind: 'number', default: 4, fast: 3, min: 2, max: 8, doc: 'largest N/d on the curve' },
    perceptronEpochs: {
      kind: 'integer',
      default: 100,
      fast: 30,
      min: 1,
      doc: 'epoch cap of the perceptron shown for comparison at N = 2d',
    },
  },
  published: [
    {
      name: 'fractionAtCapacity',
      description: 'fraction of random dichotomies separable at N = 2d',
      value: 0.5,
      source: 'Cover 1965 (REFERENCES.md §3, secondary); WL90 Fig. 5',
      tolerance: { kind: 'absolute', value: 0.05 },
      toleranceNote: `binomial: with ${MIN_TRIALS} trials the standard error at p = ½ is ${round(WORST_SE, 4)}; ±0.05 is 3.2 of them (more trials only tighten it).`,
    },
    {
      name: 'maxDeviationFromFormula',
      description: 'largest |measured − Cover’s P| over the whole curve N = 1…maxRatio·d',
      value: 0,
      source: 'Cover 1965: P = 2^(1−N) Σ_{k<d} C(N−1, k)',
      tolerance: { kind: 'absolute', value: 0.065 },
      toleranceNote: `4.1 binomial standard errors at p = ½ for ${MIN_TRIALS} trials (the worst point; the error is smaller away from ½). Each point exceeds 4.1σ by chance with probability about 4·10⁻⁵, so even the largest curve (8 × 60 points) fails by chance about 2 times in 100, the default (40 points) less than 2 in 1000.`,
    },
  ],
  run({ params, rng, progress }) {
    const d = params.weights as number;
    const trials = params.trials as number;
    const maxN = Math.max(2 * d, Math.round((params.maxRatio as number) * d));
    const inputs = d - 1;
    const dataRng = rng.fork('dichotomies');
    const orderRng = rng.fork('perceptron-order');
    const ratio: number[] = [];
    const measured: number[] = [];
    const formula: number[] = [];
    let maxDeviation = 0;
    let atCapacity = NaN;
    let perceptronAtCapacity = NaN;
    let pivots = 0;
    let lps = 0;
    for (let n = 1; n <= maxN; n++) {
      let separable = 0;
      let perceptronSeparable = 0;
      for (let t = 0; t < trials; t++) {
        const { xs, ys } = randomDichotomy(dataRng, n, inputs);
        const result = linearSeparability(xs, ys);
        pivots += result.pivots;
        lps++;
        if (result.separable) separable++;
        if (n === 2 * d && perceptronSeparates(xs, ys, params.perceptronEpochs as number, orderRng)) {
          perceptronSeparable++;
        }
      }
      const p = separable / trials;
      const exact = coverProbability(n, d);
      ratio.push(round(n / d, 4));
      measured.push(p);
      formula.push(round(exact, 6));
      maxDeviation = Math.max(maxDeviation, Math.abs(p - exact));
      if (n === 2 * d) {
        atCapacity = p;
        perceptronAtCapacity = perceptronSeparable / trials;
      }
      progress(n / maxN);
    }
    return {
      values: { fractionAtCapacity: atCapacity, maxDeviationFromFormula: round(maxDeviation, 6) },
      extra: {
        formulaAtCapacity: coverProbability(2 * d, d),
        perceptronFractionAtCapacity: perceptronAtCapacity,
        standardErrorAtCapacity: round(binomialStandardError(0.5, trials), 5),
        meanPivots: round(pivots / lps, 2),
      },
      descriptions: {
        formulaAtCapacity: "Cover's P at N = 2d (exactly ½)",
        perceptronFractionAtCapacity: `fraction at N = 2d that a perceptron separates within ${params.perceptronEpochs} epochs (under-counts)`,
        standardErrorAtCapacity: 'binomial standard error of the fraction at N = 2d',
        meanPivots: 'mean simplex pivots per separability test',
      },
      series: {
        measured: { x: ratio, y: measured, xLabel: 'N / d', yLabel: 'fraction separable' },
        "Cover's formula": { x: ratio, y: formula, xLabel: 'N / d', yLabel: 'fraction separable' },
      },
      notes: [
        `d = ${d} weights (${inputs} Gaussian inputs + bias), N = 1…${maxN}, ${trials} random dichotomies per N, separability decided exactly by a Phase I simplex with Bland's rule (Gordan's alternative), every answer checked against its certificate.`,
        `A perceptron capped at ${params.perceptronEpochs} epochs finds only ${perceptronAtCapacity} of the dichotomies at N = 2d separable, against ${atCapacity} exactly: near capacity the margins are tiny and (R/γ)² is large.`,
      ],
    };
  },
};
