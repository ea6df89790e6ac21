/**
 * Rosenblatt's error-correction rule for one threshold unit (the perceptron rule).
 *
 * Source: Rosenblatt, CAL Report VG-1796-G-4 (1960) and *Principles of Neurodynamics* (1962), in the
 * form of Widrow & Lehr 1990 eqs. 17–18 (p.1425); REFERENCES.md §1.4 and §7.1.
 *
 *   y = sgn(s), s = WᵀX, ε̃ = d − y ∈ {−2, 0, +2}, W ← W + η·(ε̃/2)·X
 *
 * i.e. on a mistake add η·X (d = +1) or subtract it (d = −1); otherwise change nothing. Targets are ±1.
 * X includes the bias input +1 when `bias` is true (see vector.ts for the layout).
 *
 * Zero sum (`tie`), a convention that differs between sources, so a parameter:
 * - `'error'`: a sum of exactly 0 is a mistake whatever d is (scikit-learn's training: `y·p <= 0`).
 *   The step is then η·d·X, as scikit-learn's (ε̃/2 is taken as d: the unit is treated as wrong).
 * - `'negative'`: 0 gives y = −1 (WH60's quantizer, scikit-learn's `predict`).
 * - `'positive'`: 0 gives y = +1 (R58's A-unit "equal to or greater than the threshold"; MATLAB `hardlim`).
 *
 * Correction (`correction`):
 * - `'fixed'` (fixed increment, Rosenblatt's "quantized"): Δw = η·d·X on a mistake.
 * - `'absolute'` (Nilsson's absolute correction, Rosenblatt's "nonquantized"): Δw = c·η·d·X with c the
 *   smallest positive integer for which the unit's response to this X is correct after the step under
 *   the same `tie` convention (REFERENCES §1.4: "α = smallest integer that fixes the output in one step";
 *   here that integer multiplies the increment η, so η = 1 gives the textbook rule). Analytically
 *   c = ⌊−d·s/(η|X|²)⌋ + 1 when a zero sum would still be wrong, c = max(1, ⌈−d·s/(η|X|²)⌉) when a zero
 *   sum counts as d; c is then checked against the sum actually recomputed after the step and raised
 *   if rounding left the response wrong.
 */
import { addScaled, checkBipolar, checkShape, inputNormSq, linearSum } from './vector.js';
import type { MutableVec, Vec, WeightChange } from './vector.js';

/** How a sum of exactly zero is treated; see the module comment. */
export type ZeroSumConvention = 'error' | 'negative' | 'positive';
export const ZERO_SUM_CONVENTIONS: readonly ZeroSumConvention[] = ['error', 'negative', 'positive'];

/** Fixed increment or absolute correction; see the module comment. */
export type PerceptronCorrection = 'fixed' | 'absolute';
export const PERCEPTRON_CORRECTIONS: readonly PerceptronCorrection[] = ['fixed', 'absolute'];

/** Rosenblatt "normally set α to one" (WL90 p.1425); scikit-learn's `eta0` default is also 1. */
export const DEFAULT_PERCEPTRON_ETA = 1;

export interface PerceptronOptions {
  /** Increment η > 0 (WL90's α in eq. 18). Default 1. */
  readonly eta?: number;
  /** Zero-sum convention. Default `'error'` (scikit-learn's training). */
  readonly tie?: ZeroSumConvention;
  /** Default `'fixed'`. */
  readonly correction?: PerceptronCorrection;
  /** Whether the last weight is a bias on a constant +1 input. Default true. */
  readonly bias?: boolean;
}

export interface PerceptronStep {
  /** The sum s = WᵀX before the step. */
  readonly sum: number;
  /** The response before the step: ±1, or 0 for a zero sum under `tie: 'error'` (undecided). */
  readonly output: -1 | 0 | 1;
  /** Whether the response was wrong (so the weights were corrected). */
  readonly mistake: boolean;
  /** The integer multiple c of η·d·X that was added: 0 without a mistake, 1 for fixed increment. */
  readonly multiple: number;
  /** The weights that changed, in index order. */
  readonly changed: WeightChange[];
}

/** The unit's response to a sum: ±1, or 0 (undecided, always a mistake) for s = 0 under `'error'`. */
export function perceptronOutput(s: number, tie: ZeroSumConvention = 'error'): -1 | 0 | 1 {
  if (s > 0) return 1;
  if (s < 0) return -1;
  if (tie === 'error') return 0;
  return tie === 'positive' ? 1 : -1;
}

/** Whether sum `s` is a mistake for target d = ±1 under the zero-sum convention. */
export function isPerceptronMistake(s: number, d: number, tie: ZeroSumConvention = 'error'): boolean {
  return perceptronOutput(s, tie) !== d;
}

function checkEta(eta: number): void {
  if (!(eta > 0) || !Number.isFinite(eta)) throw new RangeError(`perceptron eta must be > 0, got ${eta}`);
}

/** What the rule decides for one presentation, before any weight moves. */
export interface PerceptronDecision {
  readonly sum: number;
  readonly output: -1 | 0 | 1;
  readonly mistake: boolean;
  readonly multiple: number;
  /** The factor of X to add: multiple·η·d, or 0 when nothing changes. */
  readonly scale: number;
}

/**
 * The rule's decision for one presentation: the response to `x` and, on a mistake, how much of X
 * to add. `perceptronStep` applies it with `addScaled`; a hot loop that records changes its own way
 * applies it with `addScaledInPlace` (the same arithmetic), so there is one definition of the rule.
 */
export function perceptronDecide(
  w: Vec,
  x: Vec,
  d: number,
  options: PerceptronOptions = {},
): PerceptronDecision {
  checkShape(w, x, options.bias ?? true);
  return perceptronDecideFromSum(w, x, d, linearSum(w, x, options.bias ?? true), options);
}

/**
 * `perceptronDecide` for a sum already computed as `linearSum(w, x, bias)` computes it (a hot loop
 * that sums several patterns at once with `linearSums4`). The caller guarantees the shape.
 * `knownNormSq`, when given, is |X|² (bias input included), for a caller whose input is implicit
 * (the dense Mark I's all-ones vector of active A-units); with it, fixed increment reads neither w
 * nor x.
 */
export function perceptronDecideFromSum(
  w: Vec,
  x: Vec,
  d: number,
  sum: number,
  options: PerceptronOptions = {},
  knownNormSq?: number,
): PerceptronDecision {
  const eta = options.eta ?? DEFAULT_PERCEPTRON_ETA;
  const tie = options.tie ?? 'error';
  const correction = options.correction ?? 'fixed';
  const bias = options.bias ?? true;
  checkBipolar(d);
  checkEta(eta);
  const output = perceptronOutput(sum, tie);
  if (output === d) return { sum, output, mistake: false, multiple: 0, scale: 0 };
  // |X|² ≥ 1 with a bias (its +1 input), so the fixed increment needs |X|² only without one.
  const normSq = knownNormSq ?? (bias && correction === 'fixed' ? 1 : inputNormSq(x, bias));
  if (normSq === 0) {
    // X = 0 (no bias, all inputs off): no correction can change the sum.
    return { sum, output, mistake: true, multiple: 0, scale: 0 };
  }
  let multiple = 1;
  if (correction === 'absolute') multiple = absoluteMultiple(w, x, d, sum, eta, normSq, tie, bias);
  return { sum, output, mistake: true, multiple, scale: multiple * eta * d };
}

/**
 * One presentation: compute the response to `x`, and on a mistake correct `w` in place.
 * Returns what happened, including the weights that changed.
 */
export function perceptronStep(
  w: MutableVec,
  x: Vec,
  d: number,
  options: PerceptronOptions = {},
): PerceptronStep {
  const { sum, output, mistake, multiple, scale } = perceptronDecide(w, x, d, options);
  const changed = scale === 0 ? [] : addScaled(w, x, options.bias ?? true, scale);
  return { sum, output, mistake, multiple, changed };
}

function absoluteMultiple(
  w: Vec,
  x: Vec,
  d: number,
  sum: number,
  eta: number,
  normSq: number,
  tie: ZeroSumConvention,
  bias: boolean,
): number {
  const zeroIsRight = perceptronOutput(0, tie) === d;
  const ratio = (-d * sum) / (eta * normSq);
  let c = zeroIsRight ? Math.max(1, Math.ceil(ratio)) : Math.floor(ratio) + 1;
  if (!Number.isFinite(c)) throw new RangeError(`absolute correction overflowed (sum ${sum})`);
  // Guard against rounding: the sum recomputed after the update (as the caller will) must be right.
  const trial = Float64Array.from(w as ArrayLike<number>);
  for (let guard = 0; guard < 64; guard++) {
    trial.set(w as ArrayLike<number>);
    addScaled(trial, x, bias, c * eta * d);
    if (!isPerceptronMistake(linearSum(trial, x, bias), d, tie)) return c;
    c += 1;
  }
  throw new RangeError(`absolute correction did not converge (sum ${sum}, |X|² ${normSq})`);
}

/**
 * One epoch: present patterns in `order` (default 0..n−1; pass a shuffled order for random
 * presentation) and return the number of mistakes made during it.
 */
export function perceptronEpoch(
  w: MutableVec,
  xs: readonly Vec[],
  ds: Vec,
  options: PerceptronOptions = {},
  order?: ArrayLike<number>,
): number {
  let mistakes = 0;
  const n = order ? order.length : xs.length;
  for (let k = 0; k < n; k++) {
    const i = order ? order[k] : k;
    if (perceptronStep(w, xs[i], ds[i], options).mistake) mistakes++;
  }
  return mistakes;
}
