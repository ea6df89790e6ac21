/**
 * WebAssembly SIMD versions of the two dense kernels of kernels.ts, for large batches.
 *
 * Plain JavaScript does one multiply-add per instruction pair with a bounds check per load; the
 * 128-bit lanes of WebAssembly SIMD do two, unchecked: 4–6× per kernel on the 400-128-10 bench.
 * Each lane keeps the sum of one output element in the order of kernels.ts, and wasm float
 * arithmetic is IEEE without fused multiply-adds, so the results are the same bits (tested).
 *
 * The module is written here as bytes (no build step), with the small assembler of src/wasm/assembler.ts. Its memory
 * is scratch: each call copies its operands in and its results out, so the network's arrays stay
 * ordinary Float64Arrays.
 */

import {
  ELSE,
  END,
  I32,
  I32_ADD,
  I32_MUL,
  IF,
  V128,
  VOID,
  type WasmMemory,
  addTo,
  f64x2Add,
  f64x2Mul,
  forLoop,
  get,
  i32,
  i32Load,
  instantiate,
  load64Splat,
  moduleBytes,
  set,
  simd,
  v128Load,
  v128Store,
  v128Zero,
  wasmEnabled,
} from '../wasm/assembler.js';

/**
 * sums(W, n, X, quads, rows, S): S[s][r] = Σ_i W[r][i]·x_s[i] for rows r < rows (a multiple of 4)
 * and samples s < 4·quads. Pointers are byte addresses; W is [rows][n]; X holds the samples four
 * at a time interleaved, `X[((s>>2)·n + i)·4 + (s&3)]`; S is [4·quads][rows].
 * Blocks of 4 rows × 4 samples: per input, two sample-pair loads and four weight splats feed
 * eight two-lane sums.
 */
function sumsBody(): { locals: number[]; code: number[] } {
  // Params 0..5; i32 locals 6..16; v128 locals 17..27.
  const [W, n, X, quads, rows, S] = [0, 1, 2, 3, 4, 5];
  const [b, r, i, xb, xi, s0, nb] = [6, 7, 8, 9, 10, 11, 12];
  const wi = (j: number) => 13 + j; // row pointers 13..16
  const acc = (k: number) => 17 + k; // 17..24
  const [xa, xc, p] = [25, 26, 27];
  const inner: number[] = [
    // xa, xc: samples (4b, 4b+1) and (4b+2, 4b+3) at input i.
    ...get(xi),
    ...v128Load(0),
    ...set(xa),
    ...get(xi),
    ...v128Load(16),
    ...set(xc),
  ];
  for (let j = 0; j < 4; j++) {
    inner.push(...get(wi(j)), ...load64Splat(0), ...set(p));
    inner.push(...get(acc(2 * j)), ...get(p), ...get(xa), ...f64x2Mul, ...f64x2Add, ...set(acc(2 * j)));
    inner.push(
      ...get(acc(2 * j + 1)),
      ...get(p),
      ...get(xc),
      ...f64x2Mul,
      ...f64x2Add,
      ...set(acc(2 * j + 1)),
    );
  }
  inner.push(...addTo(xi, i32(32)));
  for (let j = 0; j < 4; j++) inner.push(...addTo(wi(j), i32(8)));
  const stores: number[] = [];
  for (let j = 0; j < 4; j++) {
    for (let k = 0; k < 4; k++) {
      // Sample 4b+k, row r+j: S + ((s0 + k)·rows + r + j)·8; lane k&1 of accumulator 2j + (k>>1).
      stores.push(
        ...get(S),
        ...get(s0),
        ...i32(k),
        I32_ADD,
        ...get(rows),
        I32_MUL,
        ...get(r),
        I32_ADD,
        ...i32(j),
        I32_ADD,
        ...i32(8),
        I32_MUL,
        I32_ADD,
        ...get(acc(2 * j + (k >> 1))),
        ...simd(0x21), // f64x2.extract_lane
        k & 1,
        0x39, // f64.store
        3,
        0,
      );
    }
  }
  const rowBlock: number[] = [];
  for (let k = 0; k < 8; k++) rowBlock.push(...v128Zero, ...set(acc(k)));
  // Row pointers: W + (r + j)·n·8.
  for (let j = 0; j < 4; j++) {
    rowBlock.push(...get(W), ...get(r), ...i32(j), I32_ADD, ...get(nb), I32_MUL, I32_ADD, ...set(wi(j)));
  }
  rowBlock.push(...get(xb), ...set(xi), ...i32(0), ...set(i), ...forLoop(i, n, i32(1), inner), ...stores);
  const sampleBlock: number[] = [
    // xb = X + b·n·32, s0 = 4b, r = 0
    ...get(X),
    ...get(b),
    ...get(nb),
    I32_MUL,
    ...i32(4),
    I32_MUL,
    I32_ADD,
    ...set(xb),
    ...get(b),
    ...i32(4),
    I32_MUL,
    ...set(s0),
    ...i32(0),
    ...set(r),
    ...forLoop(r, rows, i32(4), rowBlock),
  ];
  const code = [
    // nb = n·8 (bytes per row)
    ...get(n),
    ...i32(8),
    I32_MUL,
    ...set(nb),
    ...i32(0),
    ...set(b),
    ...forLoop(b, quads, i32(1), sampleBlock),
  ];
  return { locals: [11, I32, 11, V128], code };
}

/**
 * rowSum(out, n, c, m, terms, add): out[i] = (add ? out[i] : 0) + Σ_t c[t]·row_t[i] for i < n (a
 * multiple of 16), t in order. Pointers are byte addresses; m[t] is the address of row_t.
 * Sixteen outputs (eight two-lane sums) per pass over the terms.
 */
function rowSumBody(): { locals: number[]; code: number[] } {
  const [out, n, c, m, terms, add] = [0, 1, 2, 3, 4, 5];
  const [i, t, o, base, ct, mt] = [6, 7, 8, 9, 10, 11];
  const acc = (k: number) => 12 + k; // v128 12..19
  const g = 20;
  const inner: number[] = [
    ...get(ct),
    ...load64Splat(0),
    ...set(g),
    // base = m[t] + i·8
    ...get(mt),
    ...i32Load(),
    ...get(i),
    ...i32(8),
    I32_MUL,
    I32_ADD,
    ...set(base),
  ];
  for (let k = 0; k < 8; k++) {
    inner.push(
      ...get(acc(k)),
      ...get(g),
      ...get(base),
      ...v128Load(16 * k),
      ...f64x2Mul,
      ...f64x2Add,
      ...set(acc(k)),
    );
  }
  inner.push(...addTo(ct, i32(8)), ...addTo(mt, i32(4)));
  const block: number[] = [
    // o = out + i·8
    ...get(out),
    ...get(i),
    ...i32(8),
    I32_MUL,
    I32_ADD,
    ...set(o),
    ...get(add),
    IF,
    VOID,
  ];
  for (let k = 0; k < 8; k++) block.push(...get(o), ...v128Load(16 * k), ...set(acc(k)));
  block.push(ELSE);
  for (let k = 0; k < 8; k++) block.push(...v128Zero, ...set(acc(k)));
  block.push(END, ...get(c), ...set(ct), ...get(m), ...set(mt), ...i32(0), ...set(t));
  block.push(...forLoop(t, terms, i32(1), inner));
  for (let k = 0; k < 8; k++) block.push(...get(o), ...get(acc(k)), ...v128Store(16 * k));
  const code = [...i32(0), ...set(i), ...forLoop(i, n, i32(16), block)];
  return { locals: [6, I32, 9, V128], code };
}

const P6 = [I32, I32, I32, I32, I32, I32];
export const mlpModule = () =>
  moduleBytes([
    { name: 'sums', params: P6, ...sumsBody() },
    { name: 'rowSum', params: P6, ...rowSumBody() },
  ]);

export interface SimdExports {
  sums(W: number, n: number, X: number, quads: number, rows: number, S: number): void;
  rowSum(out: number, n: number, c: number, m: number, terms: number, add: number): void;
}

/** Multiply-adds below which a call stays in JavaScript (copying in and out would cost more). */
export const MIN_WORK = 4096;

let enabled = true;
/** Whether `useSimd` allows the kernels (src/backprop/simd-memory.ts asks too). */
export const simdAllowed = () => enabled && wasmEnabled();
let kernels: SimdExports | null | undefined;
let memory: WasmMemory | null = null;
let F = new Float64Array(0);
let I = new Int32Array(0);

/** Use the SIMD kernels where they apply (default), or only the plain ones (tests compare the two). */
export function useSimd(on: boolean): void {
  enabled = on;
}

/** True when the SIMD kernels run here (WebAssembly SIMD available and not switched off). */
export function simdAvailable(): boolean {
  return instance(MIN_WORK) !== null;
}

/** The instantiated module, or null where WebAssembly SIMD is not available or switched off. */
function instance(work: number): SimdExports | null {
  if (!enabled || work < MIN_WORK || !wasmEnabled()) return null;
  if (kernels === undefined) {
    const made = instantiate<SimdExports>('mlp', mlpModule, 1);
    memory = made?.memory ?? null;
    kernels = made?.exports ?? null;
  }
  return kernels;
}

/** Make the scratch memory at least `bytes` long; F and I view it. */
function scratch(bytes: number): void {
  const m = memory!;
  if (m.buffer.byteLength < bytes) m.grow(Math.ceil((bytes - m.buffer.byteLength) / 65536));
  if (F.buffer !== m.buffer) {
    F = new Float64Array(m.buffer);
    I = new Int32Array(m.buffer);
  }
}

/** `v` rounded up to a multiple of `k` (the kernels' block sizes). */
export const up = (v: number, k: number) => Math.ceil(v / k) * k;

/**
 * The layout the `sums` kernel reads: samples interleaved four at a time (sample s's input i at
 * `Xp/8 + (s >> 2)·n·4 + i·4 + (s & 3)`), so one f64x2 load takes two samples' same input.
 */
export function interleaveSamples(
  F: Float64Array,
  Xp: number,
  x: Float64Array,
  off: Int32Array,
  count: number,
  n: number,
): void {
  for (let s = 0; s < count; s++) {
    const xo = off[s];
    let q = (Xp >> 3) + (s >> 2) * n * 4 + (s & 3);
    for (let i = 0; i < n; i++, q += 4) F[q] = x[xo + i];
  }
}

/** `out[s·stride + r] = base + sums` from the `sums` kernel's output (rowsP sums per sample at Sp). */
export function addSums(
  F: Float64Array,
  Sp: number,
  rowsP: number,
  rows: number,
  count: number,
  out: Float64Array,
  stride: number,
  bias: Float64Array | null,
): void {
  for (let s = 0; s < count; s++) {
    const o = s * stride;
    const q = (Sp >> 3) + s * rowsP;
    for (let r = 0; r < rows; r++) out[o + r] = (bias === null ? out[o + r] : bias[r]) + F[q + r];
  }
}

/** `denseForward` of kernels.ts (same arguments, same bits); false when it leaves the work to it. */
export function simdDenseForward(
  W: Float64Array,
  n: number,
  rows: number,
  x: Float64Array,
  off: Int32Array,
  count: number,
  out: Float64Array,
  stride: number,
  bias: Float64Array | null,
): boolean {
  const k = instance(rows * n * count);
  if (k === null) return false;
  // Rows and samples padded with zeros to whole 4 × 4 blocks.
  const rowsP = up(rows, 4);
  const countP = up(count, 4);
  const Wp = 0;
  const Xp = Wp + rowsP * n * 8;
  const Sp = Xp + countP * n * 8;
  scratch(Sp + countP * rowsP * 8);
  F.set(W.subarray(0, rows * n), Wp / 8);
  F.fill(0, (Wp >> 3) + rows * n, Xp >> 3);
  F.fill(0, Xp >> 3, Sp >> 3);
  interleaveSamples(F, Xp, x, off, count, n);
  k.sums(Wp, n, Xp, countP / 4, rowsP, Sp);
  addSums(F, Sp, rowsP, rows, count, out, stride, bias);
  return true;
}

/** `weightGradient` of kernels.ts (same arguments, same bits); false when it leaves the work to it. */
export function simdWeightGradient(
  g: Float64Array,
  DZ: Float64Array,
  rows: number,
  src: Float64Array,
  off: Int32Array,
  n: number,
  count: number,
  add: boolean,
): boolean {
  const k = instance(rows * n * count);
  if (k === null) return false;
  const nP = up(n, 16);
  const Sp = 0;
  const Gp = Sp + count * nP * 8;
  const Cp = Gp + rows * nP * 8;
  const Mp = Cp + up(count, 2) * 8;
  scratch(Mp + count * 4);
  for (let s = 0; s < count; s++) {
    const q = (Sp >> 3) + s * nP;
    F.set(src.subarray(off[s], off[s] + n), q);
    F.fill(0, q + n, q + nP);
  }
  if (add) for (let r = 0; r < rows; r++) F.set(g.subarray(r * n, r * n + n), (Gp >> 3) + r * nP);
  for (let r = 0; r < rows; r++) {
    let terms = 0;
    for (let s = 0, o = r; s < count; s++, o += rows) {
      const v = DZ[o];
      // Zero deltas (inactive ReLUs) add nothing: skip them.
      if (v !== 0) {
        F[(Cp >> 3) + terms] = v;
        I[(Mp >> 2) + terms++] = Sp + s * nP * 8;
      }
    }
    k.rowSum(Gp + r * nP * 8, nP, Cp, Mp, terms, add ? 1 : 0);
  }
  for (let r = 0; r < rows; r++) g.set(F.subarray((Gp >> 3) + r * nP, (Gp >> 3) + r * nP + n), r * n);
  return true;
}

/** `backDeltas` of kernels.ts (same arguments, same bits); false when it leaves the work to it. */
export function simdBackDeltas(
  dA: Float64Array,
  DZ: Float64Array,
  rows: number,
  W: Float64Array,
  n: number,
  count: number,
): boolean {
  const k = instance(rows * n * count);
  if (k === null) return false;
  const nP = up(n, 16);
  const Wp = 0;
  const Ap = Wp + rows * nP * 8;
  const Cp = Ap + count * nP * 8;
  const Mp = Cp + up(rows, 2) * 8;
  scratch(Mp + rows * 4);
  for (let r = 0; r < rows; r++) {
    const q = (Wp >> 3) + r * nP;
    F.set(W.subarray(r * n, r * n + n), q);
    F.fill(0, q + n, q + nP);
  }
  for (let s = 0; s < count; s++) {
    let terms = 0;
    for (let r = 0, o = s * rows; r < rows; r++, o++) {
      const v = DZ[o];
      if (v !== 0) {
        F[(Cp >> 3) + terms] = v;
        I[(Mp >> 2) + terms++] = Wp + r * nP * 8;
      }
    }
    k.rowSum(Ap + s * nP * 8, nP, Cp, Mp, terms, 0);
  }
  for (let s = 0; s < count; s++) dA.set(F.subarray((Ap >> 3) + s * nP, (Ap >> 3) + s * nP + n), s * n);
  return true;
}
