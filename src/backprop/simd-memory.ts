/**
 * Weight and gradient matrices that live in WebAssembly memory (issue 19, decision 2), so the SIMD
 * kernels of simd.ts read and write them in place instead of copying them in and out on every call.
 *
 * `kernelMatrix` gives each large matrix a memory of its own (never grown, so the view stays valid),
 * with the module of simd.ts instantiated on it and scratch after the matrix for the operands of one
 * batch of up to `slots` samples (the inputs, interleaved four at a time, the sums, the deltas). A
 * call whose matrix lives there skips the copies of the matrix (the forward pass's weights, the
 * gradient in and out, the back-propagated deltas' weights); the arithmetic, and so every bit of
 * the results, is that of simd.ts (tested against the JavaScript kernels).
 *
 * Small matrices stay plain Float64Arrays: a WebAssembly memory reserves address space and a page,
 * and networks such as XOR's are made by the thousand in sweeps.
 */
import { PAGE, instantiate } from '../wasm/assembler.js';
import {
  MIN_WORK,
  type SimdExports,
  addSums,
  interleaveSamples,
  mlpModule,
  simdAllowed,
  up,
} from './simd.js';

/** Weights below which a matrix stays an ordinary Float64Array. */
const MIN_MATRIX = 8192;
/** Samples per call the scratch holds (larger batches take simd.ts's copying path). */
const SLOTS = 64;

interface Arena {
  k: SimdExports;
  F: Float64Array;
  I: Int32Array;
  rows: number;
  cols: number;
  /** Byte address of the scratch after the (row-padded) matrix. */
  scratch: number;
}

const arenas = new WeakMap<ArrayBuffer, Arena>();

/**
 * A zeroed rows × cols matrix for a network's weights or gradients: in WebAssembly memory of its own
 * when it has at least `minSize` entries (tests lower it) and the kernels can run, else a plain
 * Float64Array. Used as any Float64Array.
 */
export function kernelMatrix(rows: number, cols: number, minSize = MIN_MATRIX): Float64Array {
  if (rows * cols < minSize || rows * cols === 0 || !simdAllowed()) return new Float64Array(rows * cols);
  const rowsP = up(rows, 4);
  const matrix = up(rowsP * cols * 8, 16);
  const scratch = SLOTS * cols * 8 + SLOTS * rowsP * 8 + (rowsP + SLOTS) * 12 + 64;
  const made = instantiate<SimdExports>('mlp', mlpModule, Math.ceil((matrix + scratch) / PAGE));
  if (made === null) return new Float64Array(rows * cols);
  const buffer = made.memory.buffer;
  arenas.set(buffer, {
    k: made.exports,
    F: new Float64Array(buffer),
    I: new Int32Array(buffer),
    rows,
    cols,
    scratch: matrix,
  });
  return new Float64Array(buffer, 0, rows * cols);
}

/** The arena holding `m` as its whole matrix, when a call of this size may use it. */
function arenaOf(m: Float64Array, rows: number, cols: number, count: number): Arena | null {
  if (!simdAllowed() || rows * cols * count < MIN_WORK || count > SLOTS) return null;
  const a = arenas.get(m.buffer as ArrayBuffer);
  return a !== undefined && m.byteOffset === 0 && a.rows === rows && a.cols === cols ? a : null;
}

/** `denseForward` (kernels.ts) with W in place; false when W does not live in an arena. */
export function arenaDenseForward(
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
  const a = arenaOf(W, rows, n, count);
  if (a === null) return false;
  const { F } = a;
  // Rows padded with the arena's zero rows, samples with zeros, to whole 4 × 4 blocks.
  const rowsP = up(rows, 4);
  const countP = up(count, 4);
  const Xp = a.scratch;
  const Sp = Xp + countP * n * 8;
  if (countP !== count) F.fill(0, (Xp >> 3) + (count >> 2) * n * 4, Sp >> 3);
  interleaveSamples(F, Xp, x, off, count, n);
  a.k.sums(0, n, Xp, countP / 4, rowsP, Sp);
  addSums(F, Sp, rowsP, rows, count, out, stride, bias);
  return true;
}

/**
 * `weightGradient` (kernels.ts) with g in place; false when g does not live in an arena or its rows
 * are not a whole number of the kernel's 16-wide blocks.
 */
export function arenaWeightGradient(
  g: Float64Array,
  DZ: Float64Array,
  rows: number,
  src: Float64Array,
  off: Int32Array,
  n: number,
  count: number,
  add: boolean,
): boolean {
  if (n % 16 !== 0) return false;
  const a = arenaOf(g, rows, n, count);
  if (a === null) return false;
  const { F, I } = a;
  const Sp = a.scratch;
  const Cp = Sp + count * n * 8;
  const Mp = Cp + up(count, 2) * 8;
  for (let s = 0; s < count; s++) F.set(src.subarray(off[s], off[s] + n), (Sp >> 3) + s * n);
  for (let r = 0; r < rows; r++) {
    let terms = 0;
    for (let s = 0, o = r; s < count; s++, o += rows) {
      const v = DZ[o];
      // Zero deltas (inactive ReLUs) add nothing: skip them, as kernels.ts does.
      if (v !== 0) {
        F[(Cp >> 3) + terms] = v;
        I[(Mp >> 2) + terms++] = Sp + s * n * 8;
      }
    }
    a.k.rowSum(r * n * 8, n, Cp, Mp, terms, add ? 1 : 0);
  }
  return true;
}

/** `backDeltas` (kernels.ts) reading W in place; false when W does not live in an arena. */
export function arenaBackDeltas(
  dA: Float64Array,
  DZ: Float64Array,
  rows: number,
  W: Float64Array,
  n: number,
  count: number,
): boolean {
  if (n % 16 !== 0) return false;
  const a = arenaOf(W, rows, n, count);
  if (a === null) return false;
  const { F, I } = a;
  const Ap = a.scratch;
  const Cp = Ap + count * n * 8;
  const Mp = Cp + up(rows, 2) * 8;
  for (let s = 0; s < count; s++) {
    let terms = 0;
    for (let r = 0, o = s * rows; r < rows; r++, o++) {
      const v = DZ[o];
      if (v !== 0) {
        F[(Cp >> 3) + terms] = v;
        I[(Mp >> 2) + terms++] = r * n * 8;
      }
    }
    a.k.rowSum(Ap + s * n * 8, n, Cp, Mp, terms, 0);
  }
  dA.set(F.subarray(Ap >> 3, (Ap >> 3) + count * n));
  return true;
}
