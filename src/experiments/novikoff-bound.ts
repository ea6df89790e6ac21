/**
 * novikoff-bound: the perceptron's mistake bound (R/γ)² on random separable data.
 *
 * Novikoff 1962 (REFERENCES.md §1.4, §8 R1; secondary): if every input has ‖x‖ ≤ R and a unit vector
 * w* separates the data with margin γ (yᵢ·w*ᵀxᵢ ≥ γ), the perceptron rule started from w₀ = 0 makes at
 * most (R/γ)² mistakes, whatever the presentation order and the learning rate. The bias is a constant
 * input +1, so both R and γ are measured on the augmented vectors z = (x, 1) and w* is a unit vector
 * in d + 1 dimensions.
 *
 * Data: for each trial a random unit teacher w* (isotropic Gaussian, normalised), points x uniform in
 * [−1, 1]^d, labelled by sgn(w*ᵀz), keeping only points with |w*ᵀz| ≥ γ₀ (rejection sampling) so the
 * margin is at least γ₀. The bound is computed with w*'s own margin γ = minᵢ yᵢw*ᵀzᵢ (≥ γ₀), which is
 * valid for any separating unit vector (the max-margin vector would give a tighter bound). Training:
 * Rosenblatt's fixed-increment rule from 0, a zero sum counted as a mistake (the proof's yᵢwᵀzᵢ ≤ 0),
 * a fresh random order each epoch, until an epoch has no mistakes. This is a statement about the
 * rule, so it runs on the rule functions, not on a machine with a timing model.
 */
import { perceptronStep } from '../rules/perceptron.js';
import type { Rng } from '../rng.js';
import { mean, round } from './lib/stats.js';
import type { Experiment } from './types.js';

/** Minimum margins γ₀ enforced by rejection sampling; each is one point of the series. */
const MARGINS = [0.02, 0.05, 0.1, 0.2, 0.4];

interface Trial {
  readonly mistakes: number;
  readonly bound: number;
  readonly r: number;
  readonly gamma: number;
}

function runTrial(rng: Rng, inputs: number, points: number, minMargin: number, eta: number): Trial {
  const teacher = Array.from({ length: inputs + 1 }, () => rng.normal());
  const norm = Math.hypot(...teacher);
  for (let i = 0; i <= inputs; i++) teacher[i] /= norm;
  const xs: number[][] = [];
  const ys: number[] = [];
  let r2 = 0;
  let gamma = Infinity;
  while (xs.length < points) {
    const x = Array.from({ length: inputs }, () => rng.uniform(-1, 1));
    let s = teacher[inputs];
    for (let i = 0; i < inputs; i++) s += teacher[i] * x[i];
    if (Math.abs(s) < minMargin) continue;
    xs.push(x);
    ys.push(s > 0 ? 1 : -1);
    gamma = Math.min(gamma, Math.abs(s));
    r2 = Math.max(
      r2,
      x.reduce((q, v) => q + v * v, 1),
    ); // + 1: the bias input
  }
  const r = Math.sqrt(r2);
  const bound = (r / gamma) ** 2;
  const w = new Float64Array(inputs + 1);
  let mistakes = 0;
  // Convergence is guaranteed within `bound` mistakes, so within bound + 1 epochs; the cap only guards a bug.
  const maxEpochs = Math.ceil(bound) + 2;
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    let epochMistakes = 0;
    for (const i of rng.permutation(points)) {
      if (perceptronStep(w, xs[i], ys[i], { eta, tie: 'error' }).mistake) epochMistakes++;
    }
    mistakes += epochMistakes;
    if (epochMistakes === 0) break;
  }
  return { mistakes, bound, r, gamma };
}

export const novikoffBound: Experiment = {
  id: 'novikoff-bound',
  title: "Novikoff's perceptron mistake bound (R/γ)²",
  year: 1962,
  citation:
    'Novikoff, "On convergence proofs on perceptrons", 1962 (via REFERENCES.md §1.4, secondary); Block, Rev. Mod. Phys. 34:123–135, 1962',
  question:
    'Does the perceptron rule from w₀ = 0 always stop within (R/γ)² mistakes on separable data, whatever the order and the rate?',
  group: 'theory',
  params: {
    inputs: {
      kind: 'integer',
      default: 10,
      fast: 5,
      min: 1,
      max: 200,
      doc: 'input dimension d (plus a bias input)',
    },
    points: { kind: 'integer', default: 100, fast: 40, min: 1, doc: 'training points per trial' },
    trials: { kind: 'integer', default: 200, fast: 20, full: 1000, min: 1, doc: 'trials per margin γ₀' },
    eta: {
      kind: 'number',
      default: 1,
      min: 1e-6,
      doc: 'perceptron increment η (the bound does not depend on it from w₀ = 0)',
    },
  },
  published: [
    {
      name: 'maxMistakeRatio',
      description: 'largest mistakes / (R/γ)² over all trials (≤ 1: the bound holds)',
      value: 1,
      source: 'Novikoff 1962 (REFERENCES.md §1.4, §8 R1; secondary)',
      tolerance: { kind: 'atMost' },
      toleranceNote:
        "a theorem, so no slack: every trial must stay within the bound. R and γ count the bias input (z = (x, 1)); γ is the random teacher's margin, so the bound used is valid but not the tightest.",
    },
  ],
  run({ params, rng, progress }) {
    const inputs = params.inputs as number;
    const points = params.points as number;
    const trials = params.trials as number;
    const eta = params.eta as number;
    const data = rng.fork('novikoff');
    const meanMistakes: number[] = [];
    const meanBound: number[] = [];
    const meanRatio: number[] = [];
    let maxRatio = 0;
    let maxMistakes = 0;
    const rs: number[] = [];
    const gammas: number[] = [];
    MARGINS.forEach((minMargin, level) => {
      const mistakes: number[] = [];
      const bounds: number[] = [];
      const ratios: number[] = [];
      for (let t = 0; t < trials; t++) {
        const trial = runTrial(data, inputs, points, minMargin, eta);
        mistakes.push(trial.mistakes);
        bounds.push(trial.bound);
        ratios.push(trial.mistakes / trial.bound);
        rs.push(trial.r);
        gammas.push(trial.gamma);
        maxRatio = Math.max(maxRatio, trial.mistakes / trial.bound);
        maxMistakes = Math.max(maxMistakes, trial.mistakes);
      }
      meanMistakes.push(mean(mistakes));
      meanBound.push(mean(bounds));
      meanRatio.push(mean(ratios));
      progress((level + 1) / MARGINS.length);
    });
    const log10 = (v: number) => round(Math.log10(v), 4);
    return {
      values: { maxMistakeRatio: round(maxRatio, 6) },
      extra: {
        meanMistakeRatio: round(mean(meanRatio), 6),
        maxMistakes,
        meanR: round(mean(rs), 4),
        minGamma: round(Math.min(...gammas), 6),
        trialsRun: trials * MARGINS.length,
      },
      units: { maxMistakes: 'mistakes' },
      descriptions: {
        meanMistakeRatio: 'mean mistakes / (R/γ)² (how loose the bound is)',
        maxMistakes: 'most mistakes in any trial',
        meanR: 'mean R = max ‖(x, 1)‖ per trial',
        minGamma: 'smallest teacher margin γ in any trial',
        trialsRun: 'trials (all margins)',
      },
      series: {
        'mean mistakes': {
          x: MARGINS,
          y: meanMistakes.map(log10),
          xLabel: 'enforced margin γ₀',
          yLabel: 'log10 mistakes',
        },
        'mean bound (R/γ)²': {
          x: MARGINS,
          y: meanBound.map(log10),
          xLabel: 'enforced margin γ₀',
          yLabel: 'log10 mistakes',
        },
      },
      notes: [
        `Random separable sets: ${points} points uniform in [−1, 1]^${inputs}, labelled by a random unit teacher in ${inputs + 1} dimensions (bias counted), margin ≥ γ₀ for γ₀ in ${MARGINS.join(', ')}; ${trials} trials each, fresh random order every epoch, η = ${eta}.`,
        `Mean mistakes per γ₀: ${meanMistakes.map((m) => round(m, 1)).join(', ')}; mean bounds: ${meanBound.map((b) => round(b, 0)).join(', ')}. The bound holds with room to spare: it is a worst case over orders and data.`,
      ],
    };
  },
};
