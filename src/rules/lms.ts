/**
 * The Widrow–Hoff LMS rules for one ADALINE (adaptive linear element).
 *
 * Source: Widrow & Hoff 1960 ("Adaptive Switching Circuits"); Widrow & Lehr 1990 eqs. 10–16 (α-LMS)
 * and 29–34 (μ-LMS); REFERENCES.md §2.2, §7.2, §8 R4 and R6.
 *
 * Both use the LINEAR error ε = d − WᵀX (WL90 eq. 11), taken before the quantizer, and X includes the
 * bias input +1 when `bias` is true (see vector.ts).
 *
 * - α-LMS (WL90 eq. 10): W ← W + α·ε·X/|X|². The error on the presented pattern becomes (1 − α)·ε
 *   (eq. 14). Stable for 0 < α < 2 (eq. 15), practical 0.1 < α < 1 (eq. 16); α = 1 is "total error
 *   correction". With ±1 inputs and a bias, |X|² = n + 1 (17 for the 4×4 ADALINE, so ±ε/17 per gain).
 * - μ-LMS (WL90 eq. 33): W ← W + 2μ·ε·X. The mean converges for 0 < μ < 1/trace R, R = E[XXᵀ]
 *   (eq. 34; a sufficient bound since trace R ≥ λ_max). A library step η equals 2μ (scikit-learn's
 *   `SGDRegressor(learning_rate="constant", eta0=2μ)`).
 */
import { addScaled, checkShape, inputNormSq, linearSum } from './vector.js';
import type { MutableVec, Vec, WeightChange } from './vector.js';

/** An open interval (lo, hi) of a step-size parameter, exported so the CLI can refuse a value with it. */
export interface OpenRange {
  readonly min: number;
  readonly max: number;
  readonly minInclusive: false;
  readonly maxInclusive: false;
}

/** α-LMS converges for 0 < α < 2 (WL90 eq. 15). */
export const ALPHA_LMS_STABLE_RANGE: OpenRange = { min: 0, max: 2, minInclusive: false, maxInclusive: false };
/** WL90 eq. 16's practical range 0.1 < α < 1. */
export const ALPHA_LMS_PRACTICAL_RANGE: OpenRange = {
  min: 0.1,
  max: 1,
  minInclusive: false,
  maxInclusive: false,
};

/** Whether α lies in the stable range 0 < α < 2. */
export function isAlphaLmsStable(alpha: number): boolean {
  return alpha > ALPHA_LMS_STABLE_RANGE.min && alpha < ALPHA_LMS_STABLE_RANGE.max;
}

export interface LmsStep {
  /** The sum s = WᵀX before the step. */
  readonly sum: number;
  /** The linear error ε = d − s before the step. */
  readonly error: number;
  /** The weights that changed, in index order. */
  readonly changed: WeightChange[];
}

export interface LmsOptions {
  /** Whether the last weight is a bias on a constant +1 input. Default true. */
  readonly bias?: boolean;
}

/**
 * One α-LMS step on `w` in place: W ← W + α·ε·X/|X|². Any finite α is applied (a caller may
 * explore instability on purpose); refuse values outside `ALPHA_LMS_STABLE_RANGE` at the boundary.
 * With X = 0 (no bias, all inputs 0) nothing can change and no weight does.
 */
export function alphaLmsStep(
  w: MutableVec,
  x: Vec,
  d: number,
  alpha: number,
  options: LmsOptions = {},
): LmsStep {
  const bias = options.bias ?? true;
  checkShape(w, x, bias);
  if (!Number.isFinite(alpha)) throw new RangeError(`alpha must be finite, got ${alpha}`);
  const sum = linearSum(w, x, bias);
  const error = d - sum;
  const normSq = inputNormSq(x, bias);
  const changed = normSq === 0 ? [] : addScaled(w, x, bias, (alpha * error) / normSq);
  return { sum, error, changed };
}

/**
 * One μ-LMS step on `w` in place: W ← W + 2μ·ε·X. The product is formed as (2μ)·ε and each weight
 * gets xᵢ·(2μ·ε), the same operations as scikit-learn's SGDRegressor, so results agree to the bit
 * when sums are taken in the same order.
 */
export function muLmsStep(w: MutableVec, x: Vec, d: number, mu: number, options: LmsOptions = {}): LmsStep {
  const bias = options.bias ?? true;
  checkShape(w, x, bias);
  if (!Number.isFinite(mu)) throw new RangeError(`mu must be finite, got ${mu}`);
  const sum = linearSum(w, x, bias);
  const error = d - sum;
  const changed = addScaled(w, x, bias, 2 * mu * error);
  return { sum, error, changed };
}

/**
 * trace R for a data set, R = E[XXᵀ] estimated by the mean over the patterns (each X including the
 * bias input when `bias`): trace R = mean |X|².
 */
export function inputCorrelationTrace(xs: readonly Vec[], bias = true): number {
  if (xs.length === 0) throw new RangeError('trace R of an empty data set is undefined');
  let total = 0;
  for (const x of xs) total += inputNormSq(x, bias);
  return total / xs.length;
}

/**
 * The sufficient μ-LMS stability bound 1/trace R for a data set (WL90 eq. 34): the mean weight
 * converges for 0 < μ < this value. Infinity when every X is 0.
 */
export function muLmsBound(xs: readonly Vec[], bias = true): number {
  return 1 / inputCorrelationTrace(xs, bias);
}

/** Which LMS variant an epoch helper applies, with its step size. */
export type LmsRule =
  { readonly kind: 'alpha'; readonly alpha: number } | { readonly kind: 'mu'; readonly mu: number };

/**
 * One epoch of LMS in `order` (default 0..n−1). Returns the sum of squared linear errors seen
 * (each taken before its step), divided by the number of presentations: the epoch's mean ε².
 */
export function lmsEpoch(
  w: MutableVec,
  xs: readonly Vec[],
  ds: Vec,
  rule: LmsRule,
  options: LmsOptions = {},
  order?: ArrayLike<number>,
): number {
  const n = order ? order.length : xs.length;
  let sse = 0;
  for (let k = 0; k < n; k++) {
    const i = order ? order[k] : k;
    const step =
      rule.kind === 'alpha'
        ? alphaLmsStep(w, xs[i], ds[i], rule.alpha, options)
        : muLmsStep(w, xs[i], ds[i], rule.mu, options);
    sse += step.error * step.error;
  }
  return n === 0 ? 0 : sse / n;
}
