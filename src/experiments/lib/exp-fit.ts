/**
 * Least-squares fit of an exponential decay with a floor, y ≈ a·exp(−x/τ) + c, for learning-curve
 * time constants.
 *
 * For a fixed τ the model is linear in (a, c), so those are solved in closed form and only τ is
 * searched: a log-spaced scan brackets the best τ, then golden-section search refines it. No
 * starting guess is needed and the fit is deterministic.
 */

export interface ExponentialFit {
  /** Time constant, in units of x. */
  readonly tau: number;
  /** Amplitude at x = 0. */
  readonly a: number;
  /** Floor (the value the curve settles to). */
  readonly c: number;
  /** Root-mean-square residual. */
  readonly rmse: number;
}

export interface ExponentialFitOptions {
  /** Search range of τ (default: from 1e-3 to 100× the span of x). */
  readonly minTau?: number;
  readonly maxTau?: number;
  /** Fix the floor instead of fitting it (e.g. 0 for a noiseless, realisable task). */
  readonly floor?: number;
}

function solveFor(x: ArrayLike<number>, y: ArrayLike<number>, tau: number, floor: number | undefined) {
  const n = x.length;
  let se = 0;
  let see = 0;
  let sy = 0;
  let sey = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(-x[i] / tau);
    se += e;
    see += e * e;
    sy += y[i];
    sey += e * y[i];
  }
  let a: number;
  let c: number;
  if (floor !== undefined) {
    c = floor;
    a = see > 0 ? (sey - c * se) / see : 0;
  } else {
    const det = n * see - se * se;
    if (Math.abs(det) < 1e-300) {
      a = 0;
      c = sy / n;
    } else {
      a = (n * sey - se * sy) / det;
      c = (see * sy - se * sey) / det;
    }
  }
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i] - a * Math.exp(-x[i] / tau) - c) ** 2;
  return { a, c, sse };
}

/** Fit y ≈ a·exp(−x/τ) + c; see the module comment. Needs at least 3 points. */
export function fitExponential(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: ExponentialFitOptions = {},
): ExponentialFit {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`${n} x values but ${y.length} y values`);
  if (n < 3) throw new RangeError('an exponential fit needs at least 3 points');
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, x[i]);
    hi = Math.max(hi, x[i]);
  }
  const span = Math.max(hi - lo, 1e-12);
  const minTau = options.minTau ?? span * 1e-3;
  const maxTau = options.maxTau ?? span * 100;
  const cost = (logTau: number) => solveFor(x, y, Math.exp(logTau), options.floor).sse;
  const steps = 200;
  const l0 = Math.log(minTau);
  const l1 = Math.log(maxTau);
  let bestI = 0;
  let bestCost = Infinity;
  for (let i = 0; i <= steps; i++) {
    const c = cost(l0 + ((l1 - l0) * i) / steps);
    if (c < bestCost) {
      bestCost = c;
      bestI = i;
    }
  }
  let a = l0 + ((l1 - l0) * Math.max(0, bestI - 1)) / steps;
  let b = l0 + ((l1 - l0) * Math.min(steps, bestI + 1)) / steps;
  const g = (Math.sqrt(5) - 1) / 2;
  let p = b - g * (b - a);
  let q = a + g * (b - a);
  let fp = cost(p);
  let fq = cost(q);
  for (let it = 0; it < 100 && b - a > 1e-10; it++) {
    if (fp <= fq) {
      b = q;
      q = p;
      fq = fp;
      p = b - g * (b - a);
      fp = cost(p);
    } else {
      a = p;
      p = q;
      fp = fq;
      q = a + g * (b - a);
      fq = cost(q);
    }
  }
  const tau = Math.exp((a + b) / 2);
  const s = solveFor(x, y, tau, options.floor);
  return { tau, a: s.a, c: s.c, rmse: Math.sqrt(s.sse / n) };
}

/**
 * Fit y ≈ a·exp(−x/τ) with no floor by a straight line through (x, ln y): for a curve known to decay
 * to 0 (a realisable, noiseless task) this has far less spread than the fit with a free floor,
 * because every point weighs by its relative, not absolute, error. Every y must be > 0.
 */
export function fitLogLinear(x: ArrayLike<number>, y: ArrayLike<number>): ExponentialFit {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`${n} x values but ${y.length} y values`);
  if (n < 2) throw new RangeError('a log-linear fit needs at least 2 points');
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    if (!(y[i] > 0)) throw new RangeError(`log-linear fit: y[${i}] = ${y[i]} is not > 0`);
    const ly = Math.log(y[i]);
    sx += x[i];
    sy += ly;
    sxx += x[i] * x[i];
    sxy += x[i] * ly;
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const intercept = (sy - slope * sx) / n;
  const a = Math.exp(intercept);
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i] - a * Math.exp(slope * x[i])) ** 2;
  return { tau: -1 / slope, a, c: 0, rmse: Math.sqrt(sse / n) };
}
