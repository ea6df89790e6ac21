/**
 * Exact linear separability of a labelled point set, by a small dense simplex (Phase I, Bland's rule).
 *
 * Why not a perceptron with an epoch cap: near capacity (N ≈ 2d) separable sets with a tiny margin
 * need very many epochs (Novikoff's bound grows as 1/γ²), so a capped perceptron calls some of them
 * non-separable and under-counts Cover's fraction. The simplex decides exactly (up to floating point,
 * and every answer is checked against a certificate before it is returned).
 *
 * Formulation (Gordan's theorem of the alternative). Let zᵢ be the points (with a constant +1 input
 * appended when `bias`) and aᵢ = yᵢzᵢ. Exactly one of these holds:
 *   (S) there is w with wᵀaᵢ > 0 for every i (strictly separable, threshold at 0 on the bias input);
 *   (C) there is λ ≥ 0, Σλᵢ = 1, with Σλᵢaᵢ = 0 (the origin is in the convex hull of the aᵢ).
 * We run Phase I of the simplex on (C): D + 1 equality rows (D = dimension of z), N + D + 1 columns
 * (the λᵢ and one artificial per row). If Phase I reaches 0, λ certifies non-separability. Otherwise
 * its optimal dual π satisfies π_wᵀaᵢ + π_last ≤ 0 for all i with π_last equal to the positive optimum,
 * so w = −π_w gives wᵀaᵢ ≥ π_last > 0: a separating weight vector, checked before it is returned.
 * The tableau has D + 1 rows whatever N is, so a test at capacity (N = 2d) is small and fast.
 *
 * Bland's rule (lowest index enters; among tied ratios, the lowest basic index leaves) rules out
 * cycling, which matters here: the right-hand side is 0 in all rows but one, so the problem is
 * highly degenerate.
 */

/** The answer, with its certificate. */
export type SeparabilityResult =
  | {
      readonly separable: true;
      /** w (length D, bias weight last when `bias`) with yᵢ·wᵀzᵢ > 0 for every point. */
      readonly weights: Float64Array;
      /** Simplex pivots made. */
      readonly pivots: number;
    }
  | {
      readonly separable: false;
      /** λ ≥ 0 with Σλ = 1 and Σλᵢyᵢzᵢ = 0 (within floating point): the proof that no w exists. */
      readonly combination: Float64Array;
      readonly pivots: number;
    };

export interface SeparabilityOptions {
  /** Append a constant +1 input (a bias weight), as the rules do. Default true. */
  readonly bias?: boolean;
}

/** Pivot and reduced-cost tolerance. The experiments' points are O(1). */
const EPS = 1e-9;
/** Phase I optimum at or below this counts as 0 (feasible: not separable). */
const FEASIBLE_EPS = 1e-9;
/** Certificates are checked with this slack, relative to the largest |zᵢ| entry. */
const CHECK_EPS = 1e-7;

/** Decide whether points with labels ±1 are strictly linearly separable; see the module comment. */
export function linearSeparability(
  points: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
  options: SeparabilityOptions = {},
): SeparabilityResult {
  const bias = options.bias ?? true;
  const n = points.length;
  if (labels.length !== n) throw new RangeError(`${n} points but ${labels.length} labels`);
  const inputs = n > 0 ? points[0].length : 0;
  const dim = inputs + (bias ? 1 : 0);
  // a[j] = y_j · z_j
  const a: Float64Array[] = [];
  let scale = 1;
  for (let j = 0; j < n; j++) {
    const p = points[j];
    if (p.length !== inputs) throw new RangeError(`point ${j} has ${p.length} inputs, expected ${inputs}`);
    const y = labels[j];
    if (y !== 1 && y !== -1) throw new RangeError(`label ${j} must be +1 or -1, got ${y}`);
    const row = new Float64Array(dim);
    for (let i = 0; i < inputs; i++) {
      if (!Number.isFinite(p[i])) throw new RangeError(`point ${j} input ${i} is not finite`);
      row[i] = y * p[i];
      scale = Math.max(scale, Math.abs(p[i]));
    }
    if (bias) row[inputs] = y;
    a.push(row);
  }
  if (n === 0) return { separable: true, weights: new Float64Array(dim), pivots: 0 };
  if (dim === 0)
    return { separable: false, combination: Float64Array.from({ length: n }, () => 1 / n), pivots: 0 };

  const m = dim + 1; // rows: Σλa = 0 (dim rows), Σλ = 1
  const cols = n + m; // λ then artificials
  const width = cols + 1; // + right-hand side
  const t = new Float64Array(m * width);
  for (let j = 0; j < n; j++) {
    for (let r = 0; r < dim; r++) t[r * width + j] = a[j][r];
    t[dim * width + j] = 1;
  }
  for (let r = 0; r < m; r++) t[r * width + n + r] = 1;
  t[dim * width + cols] = 1;
  const basis = Int32Array.from({ length: m }, (_, r) => n + r);
  // Reduced costs of Phase I (cost 1 on artificials); the last entry is −(objective value).
  const obj = new Float64Array(width);
  for (let c = 0; c < width; c++) {
    if (c >= n && c < cols) continue;
    let s = 0;
    for (let r = 0; r < m; r++) s += t[r * width + c];
    obj[c] = -s;
  }

  let pivots = 0;
  const maxPivots = 50 * (m + cols) + 1000;
  for (;;) {
    let enter = -1;
    for (let c = 0; c < cols; c++) {
      if (obj[c] < -EPS) {
        enter = c;
        break;
      }
    }
    if (enter < 0) break;
    let leave = -1;
    let best = Infinity;
    for (let r = 0; r < m; r++) {
      const v = t[r * width + enter];
      if (v <= EPS) continue;
      const ratio = t[r * width + cols] / v;
      if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && basis[r] < basis[leave])) {
        best = Math.min(best, ratio);
        leave = r;
      }
    }
    // Phase I is bounded below by 0, so some row always limits the step.
    if (leave < 0) throw new Error('linear separability: unbounded Phase I (a bug)');
    pivot(t, obj, m, width, leave, enter);
    basis[leave] = enter;
    if (++pivots > maxPivots) throw new Error(`linear separability: no optimum after ${maxPivots} pivots`);
  }

  const objective = -obj[cols];
  if (objective <= FEASIBLE_EPS) {
    const combination = new Float64Array(n);
    for (let r = 0; r < m; r++) if (basis[r] < n) combination[basis[r]] = Math.max(0, t[r * width + cols]);
    checkCombination(a, combination, dim, scale);
    return { separable: false, combination, pivots };
  }
  // Duals of the rows: π_r = c_art − reduced cost of artificial r = 1 − obj[n + r].
  const weights = new Float64Array(dim);
  for (let r = 0; r < dim; r++) weights[r] = -(1 - obj[n + r]);
  checkWeights(a, weights, dim);
  return { separable: true, weights, pivots };
}

/** Whether labelled points are strictly linearly separable (see `linearSeparability`). */
export function isLinearlySeparable(
  points: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
  options: SeparabilityOptions = {},
): boolean {
  return linearSeparability(points, labels, options).separable;
}

function pivot(t: Float64Array, obj: Float64Array, m: number, width: number, row: number, col: number): void {
  const o = row * width;
  const p = t[o + col];
  for (let c = 0; c < width; c++) t[o + c] /= p;
  t[o + col] = 1;
  for (let r = 0; r < m; r++) {
    if (r === row) continue;
    const f = t[r * width + col];
    if (f === 0) continue;
    const q = r * width;
    for (let c = 0; c < width; c++) t[q + c] -= f * t[o + c];
    t[q + col] = 0;
  }
  const f = obj[col];
  if (f !== 0) {
    for (let c = 0; c < width; c++) obj[c] -= f * t[o + c];
    obj[col] = 0;
  }
}

function checkWeights(a: readonly Float64Array[], w: Float64Array, dim: number): void {
  for (let j = 0; j < a.length; j++) {
    let s = 0;
    for (let r = 0; r < dim; r++) s += w[r] * a[j][r];
    if (!(s > 0))
      throw new Error(`linear separability: separating certificate fails on point ${j} (y·wᵀz = ${s})`);
  }
}

function checkCombination(
  a: readonly Float64Array[],
  lambda: Float64Array,
  dim: number,
  scale: number,
): void {
  let total = 0;
  for (const l of lambda) total += l;
  if (Math.abs(total - 1) > CHECK_EPS)
    throw new Error(`linear separability: certificate sums to ${total}, not 1`);
  for (let r = 0; r < dim; r++) {
    let s = 0;
    for (let j = 0; j < a.length; j++) s += lambda[j] * a[j][r];
    if (Math.abs(s) > CHECK_EPS * scale) {
      throw new Error(`linear separability: non-separability certificate is off by ${s} in coordinate ${r}`);
    }
  }
}
