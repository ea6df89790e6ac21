/** Small statistics for the experiments: means, spreads and binomial standard errors. */

export function mean(xs: ArrayLike<number>): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Sample standard deviation (n − 1 in the denominator); NaN for fewer than 2 values. */
export function standardDeviation(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < n; i++) s += (xs[i] - m) ** 2;
  return Math.sqrt(s / (n - 1));
}

/** Standard error of a mean: sd/√n. */
export function standardError(xs: ArrayLike<number>): number {
  return standardDeviation(xs) / Math.sqrt(xs.length);
}

/** Standard error of a fraction estimated from `trials` Bernoulli draws of probability p: √(p(1−p)/n). */
export function binomialStandardError(p: number, trials: number): number {
  return Math.sqrt((p * (1 - p)) / trials);
}

/** Round to `digits` decimals (for display values that must also be reproducible in JSON). */
export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Linear-interpolated quantile of sorted numbers; NaN for none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Quantile of run lengths (sweeps, trials) when some runs never finished: they are right-censored
 * at the cap, so they count as longer than every finished run rather than being left out (leaving
 * them out makes a hard task look easy: the median of the runs that converged is the median of the
 * lucky ones). `finished` holds the lengths of the runs that finished, ascending; `runs` counts all.
 * Returns Infinity when the quantile falls among the unfinished runs (it is then only known to lie
 * beyond the cap), and NaN for no runs.
 */
export function censoredQuantile(finished: readonly number[], runs: number, q: number): number {
  if (runs === 0) return NaN;
  const pos = (runs - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  if (hi >= finished.length) return Infinity;
  return finished[lo] + (finished[hi] - finished[lo]) * (pos - lo);
}

/** A median over runs that counts the unfinished ones, with the fraction that finished beside it. */
export interface CensoredMedian {
  /** Median over all runs, the unfinished counted beyond the cap (Infinity when most never finished). */
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
  /** Runs that finished / all runs. */
  readonly finishedFraction: number;
}

export function censoredMedian(finished: readonly number[], runs: number): CensoredMedian {
  return {
    median: censoredQuantile(finished, runs, 0.5),
    q1: censoredQuantile(finished, runs, 0.25),
    q3: censoredQuantile(finished, runs, 0.75),
    finishedFraction: runs === 0 ? NaN : finished.length / runs,
  };
}
