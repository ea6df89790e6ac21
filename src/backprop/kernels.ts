/**
 * The two dense kernels of the MLP, for a batch of samples at once.
 *
 * Every sum runs over its terms in order in one accumulator, so a value does not depend on how the
 * kernels block samples and rows: a batch of one gives the same bits as the same sample in a batch
 * of 32. The blocks keep 8 independent sums in flight (the add latency, not the arithmetic, bounds
 * a single chain) and let them share their loads. Large calls go to the WebAssembly SIMD versions
 * of simd.ts, which give the same bits.
 */
import { simdBackDeltas, simdDenseForward, simdWeightGradient } from './simd.js';
import { arenaBackDeltas, arenaDenseForward, arenaWeightGradient } from './simd-memory.js';

/**
 * `out[s·stride + r] = base + Σ_i W[r·n + i]·x[off[s] + i]` for samples s < count and rows r < rows,
 * where base is `bias[r]`, or the old `out` value when `bias` is null (the direct links add).
 */
export function denseForward(
  W: Float64Array,
  n: number,
  rows: number,
  x: Float64Array,
  off: Int32Array,
  count: number,
  out: Float64Array,
  stride: number,
  bias: Float64Array | null,
): void {
  if (arenaDenseForward(W, n, rows, x, off, count, out, stride, bias)) return;
  if (simdDenseForward(W, n, rows, x, off, count, out, stride, bias)) return;
  let s = 0;
  // 4 samples × 2 rows: 6 loads for 8 products.
  for (; s + 3 < count; s += 4) {
    const x0 = off[s];
    const x1 = off[s + 1];
    const x2 = off[s + 2];
    const x3 = off[s + 3];
    const o0 = s * stride;
    const o1 = o0 + stride;
    const o2 = o1 + stride;
    const o3 = o2 + stride;
    let r = 0;
    for (; r + 1 < rows; r += 2) {
      const w0 = r * n;
      const w1 = w0 + n;
      let a00 = 0;
      let a01 = 0;
      let a02 = 0;
      let a03 = 0;
      let a10 = 0;
      let a11 = 0;
      let a12 = 0;
      let a13 = 0;
      for (let i = 0; i < n; i++) {
        const p = W[w0 + i];
        const q = W[w1 + i];
        const u0 = x[x0 + i];
        const u1 = x[x1 + i];
        const u2 = x[x2 + i];
        const u3 = x[x3 + i];
        a00 += p * u0;
        a01 += p * u1;
        a02 += p * u2;
        a03 += p * u3;
        a10 += q * u0;
        a11 += q * u1;
        a12 += q * u2;
        a13 += q * u3;
      }
      put(out, o0 + r, a00, bias, r);
      put(out, o1 + r, a01, bias, r);
      put(out, o2 + r, a02, bias, r);
      put(out, o3 + r, a03, bias, r);
      put(out, o0 + r + 1, a10, bias, r + 1);
      put(out, o1 + r + 1, a11, bias, r + 1);
      put(out, o2 + r + 1, a12, bias, r + 1);
      put(out, o3 + r + 1, a13, bias, r + 1);
    }
    if (r < rows) {
      const w0 = r * n;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let i = 0; i < n; i++) {
        const p = W[w0 + i];
        a0 += p * x[x0 + i];
        a1 += p * x[x1 + i];
        a2 += p * x[x2 + i];
        a3 += p * x[x3 + i];
      }
      put(out, o0 + r, a0, bias, r);
      put(out, o1 + r, a1, bias, r);
      put(out, o2 + r, a2, bias, r);
      put(out, o3 + r, a3, bias, r);
    }
  }
  // The remaining samples one at a time, 4 rows together.
  for (; s < count; s++) {
    const x0 = off[s];
    const o0 = s * stride;
    let r = 0;
    for (; r + 3 < rows; r += 4) {
      const w0 = r * n;
      const w1 = w0 + n;
      const w2 = w1 + n;
      const w3 = w2 + n;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let i = 0; i < n; i++) {
        const u = x[x0 + i];
        a0 += W[w0 + i] * u;
        a1 += W[w1 + i] * u;
        a2 += W[w2 + i] * u;
        a3 += W[w3 + i] * u;
      }
      put(out, o0 + r, a0, bias, r);
      put(out, o0 + r + 1, a1, bias, r + 1);
      put(out, o0 + r + 2, a2, bias, r + 2);
      put(out, o0 + r + 3, a3, bias, r + 3);
    }
    for (; r < rows; r++) {
      const w0 = r * n;
      let a0 = 0;
      for (let i = 0; i < n; i++) a0 += W[w0 + i] * x[x0 + i];
      put(out, o0 + r, a0, bias, r);
    }
  }
}

function put(out: Float64Array, o: number, sum: number, bias: Float64Array | null, r: number): void {
  out[o] = (bias === null ? out[o] : bias[r]) + sum;
}

/**
 * `out[o + i] = base + Σ_t c[t]·src[m[t] + i]` for i < n, the terms t < terms in order; base is the
 * old `out` value when `add`, else 0. Gradients (c: one row's deltas over the samples, src: the
 * inputs) and back-propagated deltas (c: one sample's deltas over the rows, src: the weights).
 */
export function weightedRowSum(
  out: Float64Array,
  o: number,
  n: number,
  src: Float64Array,
  c: Float64Array,
  m: Int32Array,
  terms: number,
  add: boolean,
): void {
  let i = 0;
  for (; i + 7 < n; i += 8) {
    const p = o + i;
    let a0 = add ? out[p] : 0;
    let a1 = add ? out[p + 1] : 0;
    let a2 = add ? out[p + 2] : 0;
    let a3 = add ? out[p + 3] : 0;
    let a4 = add ? out[p + 4] : 0;
    let a5 = add ? out[p + 5] : 0;
    let a6 = add ? out[p + 6] : 0;
    let a7 = add ? out[p + 7] : 0;
    for (let t = 0; t < terms; t++) {
      const g = c[t];
      const q = m[t] + i;
      a0 += g * src[q];
      a1 += g * src[q + 1];
      a2 += g * src[q + 2];
      a3 += g * src[q + 3];
      a4 += g * src[q + 4];
      a5 += g * src[q + 5];
      a6 += g * src[q + 6];
      a7 += g * src[q + 7];
    }
    out[p] = a0;
    out[p + 1] = a1;
    out[p + 2] = a2;
    out[p + 3] = a3;
    out[p + 4] = a4;
    out[p + 5] = a5;
    out[p + 6] = a6;
    out[p + 7] = a7;
  }
  for (; i < n; i++) {
    let a0 = add ? out[o + i] : 0;
    for (let t = 0; t < terms; t++) a0 += c[t] * src[m[t] + i];
    out[o + i] = a0;
  }
}

/**
 * Weight gradient of a batch: `g[r·n + i] = base + Σ_s DZ[s·rows + r]·src[off[s] + i]`, samples in
 * order, base the old value when `add`, else 0. `coef` and `termOff` are scratch (≥ count long).
 */
export function weightGradient(
  g: Float64Array,
  DZ: Float64Array,
  rows: number,
  src: Float64Array,
  off: Int32Array,
  n: number,
  count: number,
  add: boolean,
  coef: Float64Array,
  termOff: Int32Array,
): void {
  if (arenaWeightGradient(g, DZ, rows, src, off, n, count, add)) return;
  if (simdWeightGradient(g, DZ, rows, src, off, n, count, add)) return;
  for (let r = 0; r < rows; r++) {
    let terms = 0;
    for (let s = 0, o = r; s < count; s++, o += rows) {
      const v = DZ[o];
      // Zero deltas (inactive ReLUs) add nothing: skip them.
      if (v !== 0) {
        coef[terms] = v;
        termOff[terms++] = off[s];
      }
    }
    weightedRowSum(g, r * n, n, src, coef, termOff, terms, add);
  }
}

/**
 * dE/dA of the layer below: `dA[s·n + i] = Σ_r DZ[s·rows + r]·W[r·n + i]`, rows in order.
 * `coef` and `termOff` are scratch (≥ rows long).
 */
export function backDeltas(
  dA: Float64Array,
  DZ: Float64Array,
  rows: number,
  W: Float64Array,
  n: number,
  count: number,
  coef: Float64Array,
  termOff: Int32Array,
): void {
  if (arenaBackDeltas(dA, DZ, rows, W, n, count)) return;
  if (simdBackDeltas(dA, DZ, rows, W, n, count)) return;
  for (let s = 0; s < count; s++) {
    let terms = 0;
    for (let r = 0, o = s * rows; r < rows; r++, o++) {
      const v = DZ[o];
      if (v !== 0) {
        coef[terms] = v;
        termOff[terms++] = r * n;
      }
    }
    weightedRowSum(dA, s * n, n, W, coef, termOff, terms, false);
  }
}
