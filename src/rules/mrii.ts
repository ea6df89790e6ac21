/**
 * MRII, MADALINE Rule II, for a two-layer MADALINE: a first (hidden) layer of ADALINEs whose ±1
 * outputs feed an ADAPTIVE output layer of ADALINEs.
 *
 * Source: Winter & Widrow 1987, as described in Widrow & Lehr 1990 pp.1427 and 1437 (Fig. 16);
 * REFERENCES.md §3.
 *
 * One presentation of (X, D), D a vector of ±1 targets, one per output unit:
 * 1. Forward: hidden sums and outputs, output-unit sums and outputs. The Hamming error H is the number
 *    of output units whose output differs from its target (¼ of the sum-square error with ±1 values).
 *    If H = 0 nothing changes.
 * 2. Trial inversions in the hidden layer, singles first, then pairs (`maxTrialSize`, default 2):
 *    - Order the hidden units by increasing |s| (ties: lower index), using the sums at the start of
 *      that pass. Singles are taken in that order; pairs in lexicographic order of positions in it
 *      ((1st,2nd), (1st,3rd), …, (2nd,3rd), …).
 *    - Trial: invert the outputs of the units in the trial (WL90's "adding Δs to its sum" until it
 *      reverses) and recompute the output layer. If H falls, keep it: the trial is undone and each unit
 *      in it is adapted by ONE α-LMS step (α = `hiddenAlpha`) toward its reversed output −yⱼ; the net is
 *      recomputed and H updated. Otherwise the trial is undone and nothing changes.
 *    - Stop trying as soon as H = 0.
 * 3. Output layer: every output unit still wrong adapts by one α-LMS step (α = `outputAlpha`) toward
 *    its target, its input being the hidden outputs (plus the bias input).
 * With α = 1 (the defaults) each α-LMS step is a total error correction: the adapted unit's sum
 * becomes exactly its target, so an accepted trial flip really happens. Only two layers are
 * supported (WL90's "then the next layer" is the output layer, adapted by α-LMS).
 */
import { quantize } from './adaline.js';
import type { QuantizerTie } from './adaline.js';
import { alphaLmsStep } from './lms.js';
import type { UnitWeightChange } from './mri.js';
import { checkBipolar, checkShape, linearSum } from './vector.js';
import type { MutableVec, Vec } from './vector.js';

/** Default α for both layers: total error correction (WL90 eq. 14 with α = 1). */
export const DEFAULT_MRII_ALPHA = 1;

export interface MriiNetwork {
  /** One weight vector per hidden ADALINE: nInputs (+1 bias) entries. */
  readonly hidden: readonly MutableVec[];
  /** One weight vector per output ADALINE: nHidden (+1 bias) entries. */
  readonly output: readonly MutableVec[];
}

export interface MriiOptions {
  /** α of the α-LMS step adapting an accepted hidden unit. Default 1. */
  readonly hiddenAlpha?: number;
  /** α of the α-LMS step adapting a wrong output unit. Default 1. */
  readonly outputAlpha?: number;
  /** Largest group of hidden units trial-inverted together: 1 (singles) or 2 (then pairs). Default 2. */
  readonly maxTrialSize?: 1 | 2;
  /** Quantizer's response to a zero sum. Default `'negative'` (WH60). */
  readonly tie?: QuantizerTie;
  /** Whether every unit's last weight is a bias on +1. Default true. */
  readonly bias?: boolean;
}

export interface MriiForward {
  readonly hiddenSums: number[];
  readonly hiddenOutputs: (-1 | 1)[];
  readonly outputSums: number[];
  readonly outputs: (-1 | 1)[];
}

export interface MriiLayerChange extends UnitWeightChange {
  readonly layer: 'hidden' | 'output';
}

export interface MriiStep {
  /** The net's state before the step. */
  readonly before: MriiForward;
  /** Hamming error before and after the step. */
  readonly errorsBefore: number;
  readonly errorsAfter: number;
  /** Hidden-unit groups whose trial inversion was accepted, in the order accepted. */
  readonly accepted: number[][];
  /** Output units adapted by α-LMS. */
  readonly outputsAdapted: number[];
  /** Every weight that changed, in the order changed. */
  readonly changed: MriiLayerChange[];
}

/** Forward pass of a two-layer MADALINE. */
export function mriiForward(
  net: MriiNetwork,
  x: Vec,
  tie: QuantizerTie = 'negative',
  bias = true,
): MriiForward {
  const hiddenSums = net.hidden.map((w) => {
    checkShape(w, x, bias);
    return linearSum(w, x, bias);
  });
  const hiddenOutputs = hiddenSums.map((s) => quantize(s, tie));
  const outputSums = net.output.map((w) => {
    checkShape(w, hiddenOutputs, bias);
    return linearSum(w, hiddenOutputs, bias);
  });
  return { hiddenSums, hiddenOutputs, outputSums, outputs: outputSums.map((s) => quantize(s, tie)) };
}

function hamming(ys: ArrayLike<number>, ds: Vec): number {
  let h = 0;
  for (let k = 0; k < ys.length; k++) if (ys[k] !== ds[k]) h++;
  return h;
}

function outputErrors(
  net: MriiNetwork,
  hiddenOutputs: Vec,
  ds: Vec,
  tie: QuantizerTie,
  bias: boolean,
): number {
  let h = 0;
  for (let k = 0; k < net.output.length; k++) {
    if (quantize(linearSum(net.output[k], hiddenOutputs, bias), tie) !== ds[k]) h++;
  }
  return h;
}

/** One MRII presentation; adapts `net` in place. */
export function mriiStep(net: MriiNetwork, x: Vec, ds: Vec, options: MriiOptions = {}): MriiStep {
  const hiddenAlpha = options.hiddenAlpha ?? DEFAULT_MRII_ALPHA;
  const outputAlpha = options.outputAlpha ?? DEFAULT_MRII_ALPHA;
  const maxTrialSize = options.maxTrialSize ?? 2;
  const tie = options.tie ?? 'negative';
  const bias = options.bias ?? true;
  if (ds.length !== net.output.length) {
    throw new RangeError(`${ds.length} targets for ${net.output.length} output units`);
  }
  for (let k = 0; k < ds.length; k++) checkBipolar(ds[k], `target ${k}`);
  const before = mriiForward(net, x, tie, bias);
  const errorsBefore = hamming(before.outputs, ds);
  const accepted: number[][] = [];
  const outputsAdapted: number[] = [];
  const changed: MriiLayerChange[] = [];
  if (errorsBefore === 0) {
    return { before, errorsBefore, errorsAfter: 0, accepted, outputsAdapted, changed };
  }

  let state = before;
  let errors = errorsBefore;
  const nh = net.hidden.length;
  for (let size = 1; size <= maxTrialSize && errors > 0; size++) {
    const sums = state.hiddenSums;
    const order = Array.from({ length: nh }, (_, j) => j).sort(
      (a, b) => Math.abs(sums[a]) - Math.abs(sums[b]) || a - b,
    );
    const groups: number[][] =
      size === 1 ? order.map((j) => [j]) : order.flatMap((a, p) => order.slice(p + 1).map((b) => [a, b]));
    for (const group of groups) {
      if (errors === 0) break;
      const trial = state.hiddenOutputs.slice();
      for (const j of group) trial[j] = -trial[j] as -1 | 1;
      if (outputErrors(net, trial, ds, tie, bias) >= errors) continue;
      for (const j of group) {
        const step = alphaLmsStep(net.hidden[j], x, -state.hiddenOutputs[j], hiddenAlpha, { bias });
        for (const c of step.changed) changed.push({ layer: 'hidden', unit: j, ...c });
      }
      accepted.push(group);
      state = mriiForward(net, x, tie, bias);
      errors = hamming(state.outputs, ds);
    }
  }

  for (let k = 0; k < net.output.length; k++) {
    if (state.outputs[k] === ds[k]) continue;
    const step = alphaLmsStep(net.output[k], state.hiddenOutputs, ds[k], outputAlpha, { bias });
    for (const c of step.changed) changed.push({ layer: 'output', unit: k, ...c });
    outputsAdapted.push(k);
  }
  const after = mriiForward(net, x, tie, bias);
  return { before, errorsBefore, errorsAfter: hamming(after.outputs, ds), accepted, outputsAdapted, changed };
}

/**
 * One MRII epoch in `order` (default 0..n−1); returns the number of presentations whose output
 * was wrong (Hamming error > 0) before adapting.
 */
export function mriiEpoch(
  net: MriiNetwork,
  xs: readonly Vec[],
  ds: readonly Vec[],
  options: MriiOptions = {},
  order?: ArrayLike<number>,
): number {
  let wrong = 0;
  const n = order ? order.length : xs.length;
  for (let k = 0; k < n; k++) {
    const i = order ? order[k] : k;
    if (mriiStep(net, xs[i], ds[i], options).errorsBefore > 0) wrong++;
  }
  return wrong;
}
