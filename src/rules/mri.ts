/**
 * MRI, MADALINE Rule I: several ADALINEs feed a FIXED logic element (AND, OR or majority).
 *
 * Source: Widrow & Hoff, early 1960s, analysed by Ridgway 1962; as described in Widrow & Lehr 1990
 * pp.1420–1421 and 1426–1427 (Figs. 8, 10, 15); REFERENCES.md §3.
 *
 * On each presentation (minimal disturbance, WL90 p.1423):
 * 1. Every ADALINE j forms sⱼ = WⱼᵀX and yⱼ = quantize(sⱼ); the element forms its output from the yⱼ.
 * 2. If the output equals d, nothing changes.
 * 3. Otherwise find k, the fewest ADALINEs that must reverse (from −d to d) to make the element
 *    output d (`unitsToFlip`): AND with d = +1, every unit at −1; AND with d = −1, one unit; MAJ, enough
 *    to pass half; OR (WL90's special case) with d = +1 one unit, with d = −1 every unit at +1.
 * 4. Adapt the k units that now output −d with the smallest |sⱼ| (ties: lower index first), all
 *    toward d, each along its own X:
 *    - `'fast'`: a full correction, the α-LMS step with α = 1 toward the target sum d·m
 *      (m = `margin` > 0, a small margin past zero): Wⱼ ← Wⱼ + (d·m − sⱼ)·X/|X|², after which
 *      sⱼ = d·m (up to rounding) and the unit's output has reversed. This is our precise reading of
 *      WL90's "adapted … until its output reverses"; the margin size is our choice (default 0.1).
 *    - `'slow'`: one α-LMS step toward d: Wⱼ ← Wⱼ + α(d − sⱼ)·X/|X|², which may or may not reverse
 *      the unit on this presentation.
 * Presentation order is the caller's: WL90 recommends random order (cyclic order can make the
 * weights cycle, R19); use `shuffledOrder` from vector.ts with the project's Rng, or `cyclicOrder`.
 * Initial weights should be small and random (WL90), also the caller's.
 */
import { logicOutput, quantize, unitsToFlip } from './adaline.js';
import type { LogicElement, QuantizerTie } from './adaline.js';
import { addScaled, checkBipolar, checkShape, inputNormSq, linearSum } from './vector.js';
import type { MutableVec, Vec, WeightChange } from './vector.js';

export type MriCorrection = 'fast' | 'slow';
export const MRI_CORRECTIONS: readonly MriCorrection[] = ['fast', 'slow'];

/** Target |sum| after a fast correction: a small margin past zero (our choice; WL90 gives no value). */
export const DEFAULT_MRI_FAST_MARGIN = 0.1;
/** α for the slow (α-LMS) correction; inside WL90's practical range 0.1 < α < 1. */
export const DEFAULT_MRI_SLOW_ALPHA = 0.5;

export interface MriOptions {
  readonly element: LogicElement;
  /** Default `'fast'`. */
  readonly correction?: MriCorrection;
  /** Fast correction's target margin m > 0. Default 0.1. */
  readonly margin?: number;
  /** Slow correction's α (0 < α < 2). Default 0.5. */
  readonly alpha?: number;
  /** ADALINE quantizer's response to a zero sum. Default `'negative'` (WH60). */
  readonly tie?: QuantizerTie;
  /** Whether each ADALINE's last weight is a bias on +1. Default true. */
  readonly bias?: boolean;
}

/** A weight change in one unit of a layer. */
export interface UnitWeightChange extends WeightChange {
  readonly unit: number;
}

export interface MriStep {
  /** Each ADALINE's sum before the step. */
  readonly sums: number[];
  /** Each ADALINE's quantized output before the step. */
  readonly outputs: (-1 | 1)[];
  /** The element's output before the step. */
  readonly output: -1 | 1;
  readonly mistake: boolean;
  /** Indices of the ADALINEs adapted, in the order chosen (smallest |s| first). */
  readonly adapted: number[];
  /** Every weight that changed, by unit then index. */
  readonly changed: UnitWeightChange[];
}

/** The sums, ADALINE outputs and element output of a MADALINE I for input `x`. */
export function mriForward(
  units: readonly Vec[],
  x: Vec,
  element: LogicElement,
  tie: QuantizerTie = 'negative',
  bias = true,
): { sums: number[]; outputs: (-1 | 1)[]; output: -1 | 1 } {
  const sums = units.map((w) => {
    checkShape(w, x, bias);
    return linearSum(w, x, bias);
  });
  const outputs = sums.map((s) => quantize(s, tie));
  return { sums, outputs, output: logicOutput(element, outputs) };
}

/** One MRI presentation; adapts `units` (one weight vector per ADALINE) in place. */
export function mriStep(units: readonly MutableVec[], x: Vec, d: number, options: MriOptions): MriStep {
  const correction = options.correction ?? 'fast';
  const margin = options.margin ?? DEFAULT_MRI_FAST_MARGIN;
  const alpha = options.alpha ?? DEFAULT_MRI_SLOW_ALPHA;
  const tie = options.tie ?? 'negative';
  const bias = options.bias ?? true;
  checkBipolar(d);
  if (units.length === 0) throw new RangeError('MRI needs at least one ADALINE');
  if (correction === 'fast' && !(margin > 0 && Number.isFinite(margin))) {
    throw new RangeError(`MRI fast margin must be > 0, got ${margin}`);
  }
  if (correction === 'slow' && !Number.isFinite(alpha))
    throw new RangeError(`MRI alpha must be finite, got ${alpha}`);
  const { sums, outputs, output } = mriForward(units, x, options.element, tie, bias);
  if (output === d) return { sums, outputs, output, mistake: false, adapted: [], changed: [] };

  const positives = outputs.filter((y) => y === 1).length;
  const k = unitsToFlip(options.element, units.length, positives, d as 1 | -1);
  const candidates = outputs
    .map((y, j) => j)
    .filter((j) => outputs[j] !== d)
    .sort((a, b) => Math.abs(sums[a]) - Math.abs(sums[b]) || a - b);
  const adapted = candidates.slice(0, k);
  const normSq = inputNormSq(x, bias);
  const changed: UnitWeightChange[] = [];
  if (normSq > 0) {
    for (const j of adapted) {
      const scale =
        correction === 'fast' ? (d * margin - sums[j]) / normSq : (alpha * (d - sums[j])) / normSq;
      for (const c of addScaled(units[j], x, bias, scale)) changed.push({ unit: j, ...c });
    }
  }
  return { sums, outputs, output, mistake: true, adapted, changed };
}

/** One MRI epoch in `order` (default 0..n−1); returns the number of wrong outputs seen (before adapting). */
export function mriEpoch(
  units: readonly MutableVec[],
  xs: readonly Vec[],
  ds: Vec,
  options: MriOptions,
  order?: ArrayLike<number>,
): number {
  let mistakes = 0;
  const n = order ? order.length : xs.length;
  for (let k = 0; k < n; k++) {
    const i = order ? order[k] : k;
    if (mriStep(units, xs[i], ds[i], options).mistake) mistakes++;
  }
  return mistakes;
}
