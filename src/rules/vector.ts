/**
 * Shared arithmetic for the learning rules: a linear unit's sum, the squared length of its input,
 * and an in-place update that reports which weights changed.
 *
 * Bias convention (used by every rule in this folder): a unit with `bias: true` has one weight more
 * than it has inputs, and that weight, the LAST one (`w[x.length]`), multiplies a constant +1 input
 * (WL90's x₀ = +1, placed last so that `w[i]` always pairs with `x[i]`). Every length, dot product and
 * update below includes that +1 input, so |X|² = Σxᵢ² + 1 with a bias, as in WL90 eq. 10.
 */

/** A read-only vector of numbers: `number[]`, `Float64Array`, or any array-like. */
export type Vec = ArrayLike<number>;

/** A vector the rules may update in place: `number[]` or `Float64Array`. */
export interface MutableVec {
  [index: number]: number;
  readonly length: number;
}

/** One weight that a step actually changed (bitwise: `after !== before`). Traces record only these. */
export interface WeightChange {
  readonly index: number;
  readonly before: number;
  readonly after: number;
}

/** The value of the constant input that the bias weight multiplies. */
export const BIAS_INPUT = 1;

/** Throws a RangeError (a caller's bug, not user input) if `w` does not fit `x` under the bias convention. */
export function checkShape(w: Vec, x: Vec, bias: boolean): void {
  const expected = x.length + (bias ? 1 : 0);
  if (w.length !== expected) {
    throw new RangeError(
      `weight vector has ${w.length} entries, expected ${expected} (${x.length} inputs${bias ? ' + bias' : ''})`,
    );
  }
}

/** s = Σ wᵢxᵢ (+ w_bias·1), summed in index order, bias added last (as scikit-learn adds its intercept). */
export function linearSum(w: Vec, x: Vec, bias: boolean): number {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += w[i] * x[i];
  return bias ? s + w[n] * BIAS_INPUT : s;
}

/**
 * `linearSum` of one weight vector with four inputs at once: `out[j] = linearSum(w, xj, bias)`, each
 * summed in exactly linearSum's order (so bitwise equal), but as four independent chains of additions
 * in one pass over `w`. One chain waits on each addition's latency; four keep the adder busy.
 */
export function linearSums4(
  w: Vec,
  x0: Vec,
  x1: Vec,
  x2: Vec,
  x3: Vec,
  bias: boolean,
  out: { [index: number]: number },
): void {
  const n = x0.length;
  if (x1.length !== n || x2.length !== n || x3.length !== n) {
    throw new RangeError(
      `linearSums4 needs four inputs of one length, got ${[n, x1.length, x2.length, x3.length]}`,
    );
  }
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    s0 += wi * x0[i];
    s1 += wi * x1[i];
    s2 += wi * x2[i];
    s3 += wi * x3[i];
  }
  if (bias) {
    const b = w[n] * BIAS_INPUT;
    s0 += b;
    s1 += b;
    s2 += b;
    s3 += b;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}

/** |X|² including the bias input when there is one. */
export function inputNormSq(x: Vec, bias: boolean): number {
  let q = 0;
  for (let i = 0; i < x.length; i++) q += x[i] * x[i];
  return bias ? q + BIAS_INPUT * BIAS_INPUT : q;
}

/**
 * w ← w + scale·X in place, exactly as `addScaled` computes it, without listing the changes: for hot
 * loops that record changes in bulk (the dense engine).
 */
export function addScaledInPlace(w: MutableVec, x: Vec, bias: boolean, scale: number): void {
  if (scale === 0) return;
  const n = x.length;
  // Written only when the value changes, as addScaled does (so a −0 stays −0, bit for bit).
  for (let i = 0; i < n; i++) {
    const after = w[i] + x[i] * scale;
    if (after !== w[i]) w[i] = after;
  }
  if (bias) {
    const after = w[n] + BIAS_INPUT * scale;
    if (after !== w[n]) w[n] = after;
  }
}

/**
 * w ← w + scale·X in place (X including the bias input), returning the weights whose value changed.
 * A weight whose input is 0, or whose increment is lost to rounding, is not reported.
 */
export function addScaled(w: MutableVec, x: Vec, bias: boolean, scale: number): WeightChange[] {
  const changed: WeightChange[] = [];
  if (scale === 0) return changed;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const before = w[i];
    const after = before + x[i] * scale;
    if (after !== before) {
      w[i] = after;
      changed.push({ index: i, before, after });
    }
  }
  if (bias) {
    const before = w[n];
    const after = before + BIAS_INPUT * scale;
    if (after !== before) {
      w[n] = after;
      changed.push({ index: n, before, after });
    }
  }
  return changed;
}

/** Presentation order 0, 1, …, n−1 (cyclic presentation: call once per epoch). */
export function cyclicOrder(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * A random permutation of 0..n−1 drawn with `next()` uniform in [0, 1).
 * Same Fisher–Yates as `Rng.shuffle` in src/rng.ts, so `shuffledOrder(n, () => rng.next())` equals
 * `rng.permutation(n)` for the same generator state. Rules may not import the project, hence the callback.
 */
export function shuffledOrder(n: number, next: () => number): number[] {
  const order = cyclicOrder(n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** Throws a RangeError unless `d` is exactly +1 or −1. */
export function checkBipolar(d: number, what = 'target'): void {
  if (d !== 1 && d !== -1) throw new RangeError(`${what} must be +1 or -1, got ${d}`);
}
