/**
 * The dense perceptron's epoch (fixed increment, raw inputs) as one WebAssembly SIMD call, on data
 * that already live in WebAssembly memory (`float64Matrix`, decision 2 of issue 19: no copy before
 * training).
 *
 * The call runs through the whole epoch for one unit: it sums four presentations against the
 * weights in one pass (two f64x2 accumulators, each lane one presentation's sum, so every sum adds
 * its terms in `linearSum`'s order, then the bias: the same bits), decides each in turn, and on a
 * mistake corrects the weights as `addScaledInPlace` does (a weight is written only when its value
 * changes, so −0 stays −0) and sums afresh from the next presentation. Its results (the weights and
 * each presentation's sum) are bitwise those of the JavaScript path (`linearSums4`), tested.
 *
 * Each data matrix gets a memory of its own, never grown (growing would detach the caller's view),
 * with scratch after the data for the weights, the presentation order, the targets and the sums.
 */
import {
  BLOCK,
  BR,
  BR_IF,
  END,
  F64,
  F64_ADD,
  F64_EQ,
  F64_GT,
  F64_LT,
  F64_MUL,
  F64_NE,
  I32,
  I32_ADD,
  I32_GE_U,
  I32_LT_U,
  I32_MUL,
  I32_SUB,
  IF,
  LOOP,
  PAGE,
  SELECT,
  V128,
  VOID,
  type WasmMemory,
  addTo,
  f64,
  f64Load,
  f64Store,
  f64x2Add,
  f64x2Eq,
  f64x2ExtractLane,
  f64x2Mul,
  f64x2Splat,
  forLoop,
  get,
  i32,
  i32Load,
  instantiate,
  load64Lane,
  load64Splat,
  load64Zero,
  moduleBytes,
  set,
  tee,
  v128Bitselect,
  v128Load,
  v128Store,
  v128Zero,
  wasmEnabled,
} from './assembler.js';

/** Presentations summed in one pass (two per f64x2 accumulator). */
export const AHEAD = 8;

// Parameters, then locals (indices in the function's local space).
const [W, N, BIAS, OFFS, D, COUNT, ETA, TIE, SUMS] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [Q, WP, I, END_Q, X, N2] = [9, 10, 11, 12, 13, 14];
/** Pointers into the presentations being summed: 15 .. 15 + AHEAD − 1. */
const PTR = (j: number) => 15 + j;
const [S, SCALE, DV, T] = [15 + AHEAD, 16 + AHEAD, 17 + AHEAD, 18 + AHEAD];
const [WV, AV] = [19 + AHEAD, 20 + AHEAD];
const ACC = (k: number) => 21 + AHEAD + k;
/** An i32 temporary for the address of offs[q] or sums[q]; X (the pattern to add) is free then. */
const T0 = X;

/** `a = a + b` for v128 locals, f64x2. */
const vAdd = (a: number, b: number[]) => [...get(a), ...b, ...f64x2Add, ...set(a)];
/** `local = base + index·size` (i32). */
const addr = (base: number, index: number, size: number) => [
  ...get(base),
  ...get(index),
  ...i32(size),
  I32_MUL,
  I32_ADD,
];

/**
 * epoch(w, n, bias, offs, d, count, eta, tie, sums): presentations q < count of the patterns at byte
 * addresses offs[q] (i32; offs[count..count+AHEAD−1] must be valid addresses too, they are summed and
 * ignored), targets d[q] (±1), sums[q] out (room for count + AHEAD − 1). `tie` is the output for a zero sum.
 */
function epochBody(): { locals: number[]; code: number[] } {
  // Sum presentations q .. q + AHEAD − 1 against w.
  const sumLoop = forLoop(I, N, i32(1), [
    ...get(WP),
    ...load64Splat(0),
    ...set(WV),
    ...Array.from({ length: AHEAD / 2 }, (_, k) =>
      vAdd(ACC(k), [
        ...get(WV),
        ...get(PTR(2 * k + 1)),
        ...get(PTR(2 * k)),
        ...load64Zero(0),
        ...load64Lane(0, 1),
        ...f64x2Mul,
      ]),
    ).flat(),
    ...addTo(WP, i32(8)),
    ...Array.from({ length: AHEAD }, (_, j) => addTo(PTR(j), i32(8))).flat(),
  ]);
  // w ← w + x·scale, written only where the value changes (bitselect keeps the old bits).
  const update = [
    ...get(W),
    ...set(WP),
    ...i32(0),
    ...set(I),
    ...forLoop(I, N2, i32(2), [
      ...get(WP),
      ...get(WP),
      ...v128Load(0),
      ...tee(WV),
      ...get(X),
      ...v128Load(0),
      ...get(SCALE),
      ...f64x2Splat,
      ...f64x2Mul,
      ...f64x2Add,
      ...set(AV),
      ...get(WV),
      ...get(AV),
      ...get(AV),
      ...get(WV),
      ...f64x2Eq,
      // bitselect(a, b, c) = a where c, b elsewhere: the new value where it differs.
      ...v128Bitselect,
      ...v128Store(0),
      ...addTo(WP, i32(16)),
      ...addTo(X, i32(16)),
    ]),
    // An odd last input, then the bias, as scalars.
    ...get(N2),
    ...get(N),
    I32_LT_U,
    IF,
    VOID,
    ...scalarUpdate([...get(X), ...f64Load(0), ...get(SCALE), F64_MUL]),
    END,
    ...get(BIAS),
    IF,
    VOID,
    ...addr(W, N, 8),
    ...set(WP),
    ...scalarUpdate([...get(SCALE)]),
    END,
  ];
  const decide = [
    // S = sums[q]; DV = d[q]; output = s > 0 ? 1 : s < 0 ? −1 : tie
    ...addr(SUMS, Q, 8),
    ...f64Load(0),
    ...set(S),
    ...addr(D, Q, 8),
    ...f64Load(0),
    ...set(DV),
    ...f64(1),
    ...f64(-1),
    ...get(TIE),
    ...get(S),
    ...f64(0),
    F64_LT,
    SELECT,
    ...get(S),
    ...f64(0),
    F64_GT,
    SELECT,
    ...get(DV),
    F64_NE,
    IF,
    VOID,
    // scale = (1·η)·d as perceptronDecideFromSum computes it (1·η is η).
    ...get(ETA),
    ...get(DV),
    F64_MUL,
    ...set(SCALE),
    ...addr(OFFS, Q, 4),
    ...i32Load(0),
    ...set(X),
    ...update,
    ...addTo(Q, i32(1)),
    BR,
    3, // the sums ahead were of the old weights: sum afresh (continue the outer loop)
    END,
    ...addTo(Q, i32(1)),
  ];
  const code = [
    // N2 = n rounded down to even.
    ...get(N),
    ...get(N),
    ...i32(1),
    0x71, // i32.and
    I32_SUB,
    ...set(N2),
    ...i32(0),
    ...set(Q),
    BLOCK,
    VOID,
    LOOP,
    VOID,
    ...get(Q),
    ...get(COUNT),
    I32_GE_U,
    BR_IF,
    1,
    ...addr(OFFS, Q, 4),
    ...set(T0),
    ...Array.from({ length: AHEAD }, (_, j) => [...get(T0), ...i32Load(4 * j), ...set(PTR(j))]).flat(),
    ...Array.from({ length: AHEAD / 2 }, (_, k) => [...v128Zero, ...set(ACC(k))]).flat(),
    ...get(W),
    ...set(WP),
    ...i32(0),
    ...set(I),
    ...sumLoop,
    // The bias, added last as linearSum adds it (lane by lane, the same as two scalar adds).
    ...get(BIAS),
    IF,
    VOID,
    ...addr(W, N, 8),
    ...load64Splat(0),
    ...set(WV),
    ...Array.from({ length: AHEAD / 2 }, (_, k) => vAdd(ACC(k), get(WV))).flat(),
    END,
    ...addr(SUMS, Q, 8),
    ...set(T0),
    ...Array.from({ length: AHEAD }, (_, j) => storeLane(ACC(j >> 1), j & 1, 8 * j)).flat(),
    // END_Q = min(q + AHEAD, count)
    ...get(Q),
    ...i32(AHEAD),
    I32_ADD,
    ...get(COUNT),
    ...get(Q),
    ...i32(AHEAD),
    I32_ADD,
    ...get(COUNT),
    I32_LT_U,
    SELECT,
    ...set(END_Q),
    BLOCK,
    VOID,
    LOOP,
    VOID,
    ...get(Q),
    ...get(END_Q),
    I32_GE_U,
    BR_IF,
    1,
    ...decide,
    BR,
    0,
    END,
    END,
    BR,
    0,
    END,
    END,
  ];
  return { locals: [6 + AHEAD, I32, 4, F64, 2 + AHEAD / 2, V128], code };
}

function storeLane(acc: number, lane: number, offset: number): number[] {
  return [...get(T0), ...get(acc), ...f64x2ExtractLane(lane), ...f64Store(offset)];
}

/** memory[WP] ← w + inc where that differs from w (w = memory[WP]); `inc` pushes one f64. */
function scalarUpdate(inc: number[]): number[] {
  return [
    ...get(WP),
    ...get(WP),
    ...f64Load(0),
    ...tee(S),
    ...get(S),
    ...inc,
    F64_ADD,
    ...tee(T),
    ...get(T),
    ...get(S),
    F64_EQ,
    SELECT,
    ...f64Store(0),
  ];
}

const P = [I32, I32, I32, I32, I32, I32, F64, F64, I32];
const perceptronModule = () => moduleBytes([{ name: 'epoch', params: P, ...epochBody() }]);

interface PerceptronExports {
  epoch(
    w: number,
    n: number,
    bias: number,
    offs: number,
    d: number,
    count: number,
    eta: number,
    tie: number,
    sums: number,
  ): void;
}

interface Arena {
  memory: WasmMemory;
  kernels: PerceptronExports;
  rows: number;
  cols: number;
  /** Byte address of the scratch after the data. */
  scratch: number;
}

const arenas = new WeakMap<ArrayBuffer, Arena>();

const up16 = (b: number) => Math.ceil(b / 16) * 16;

/** Scratch bytes for an epoch of `count` presentations of `cols` inputs. */
function scratchBytes(cols: number, count: number): number {
  return up16((cols + 1) * 8) + up16((count + AHEAD) * 4) + up16(count * 8) + up16((count + AHEAD) * 8);
}

/**
 * A zeroed rows × cols matrix (row-major) for training data: a view of a WebAssembly memory of its
 * own when the kernels can run (the dense perceptron then trains on it in place), else a plain
 * Float64Array. Either way the caller uses it as any Float64Array.
 */
export function float64Matrix(rows: number, cols: number): Float64Array {
  if (!wasmEnabled() || rows * cols === 0) return new Float64Array(rows * cols);
  const data = up16(rows * cols * 8);
  const made = instantiate<PerceptronExports>(
    'perceptron',
    perceptronModule,
    Math.ceil((data + scratchBytes(cols, rows)) / PAGE),
  );
  if (made === null) return new Float64Array(rows * cols);
  arenas.set(made.memory.buffer, { memory: made.memory, kernels: made.exports, rows, cols, scratch: data });
  return new Float64Array(made.memory.buffer, 0, rows * cols);
}

/** One epoch's presentations, laid out in an arena for `perceptronEpoch`. */
export interface EpochPlan {
  readonly count: number;
  /**
   * Runs the epoch for one unit: `w` (inputs, then the bias when `bias`) is corrected in place,
   * `sums[q]` receives presentation q's sum. `d[q]` must be ±1 and eta > 0 and finite.
   */
  run(w: Float64Array, d: Float64Array, bias: boolean, eta: number, tie: number, sums: Float64Array): void;
}

/**
 * The plan for presenting `xs[order[q]]` (each `inputs` long) in order, or null when the kernels
 * cannot take it: WebAssembly off or missing, or the patterns not all in one arena made by
 * `float64Matrix` (then the JavaScript path runs, with the same results).
 */
export function epochPlan(
  xs: readonly ArrayLike<number>[],
  order: readonly number[],
  inputs: number,
): EpochPlan | null {
  const count = order.length;
  if (count === 0 || inputs === 0 || !wasmEnabled()) return null;
  const first = xs[order[0]];
  if (!(first instanceof Float64Array)) return null;
  const arena = arenas.get(first.buffer as ArrayBuffer);
  if (arena === undefined || arena.cols < inputs) return null;
  if (arena.scratch + scratchBytes(inputs, count) > arena.memory.buffer.byteLength) return null;
  const wAt = arena.scratch;
  const offsAt = wAt + up16((inputs + 1) * 8);
  const dAt = offsAt + up16((count + AHEAD) * 4);
  const sumsAt = dAt + up16(count * 8);
  const buffer = arena.memory.buffer;
  const offs = new Int32Array(buffer, offsAt, count + AHEAD);
  for (let q = 0; q < count; q++) {
    const x = xs[order[q]];
    if (!(x instanceof Float64Array) || x.buffer !== buffer || x.length !== inputs) return null;
    offs[q] = x.byteOffset;
  }
  offs.fill(offs[0], count);
  const F = new Float64Array(buffer);
  return {
    count,
    run(w, d, bias, eta, tie, sums) {
      const size = bias ? inputs + 1 : inputs;
      F.set(w.subarray(0, size), wAt / 8);
      F.set(d.subarray(0, count), dAt / 8);
      arena.kernels.epoch(wAt, inputs, bias ? 1 : 0, offsAt, dAt, count, eta, tie, sumsAt);
      w.set(F.subarray(wAt / 8, wAt / 8 + size));
      sums.set(F.subarray(sumsAt / 8, sumsAt / 8 + count));
    },
  };
}
