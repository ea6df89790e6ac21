/**
 * One learning step of a historical machine: the one place where a presentation's sums, responses,
 * errors and mistake are worked out from a rule, the layers' weights, the input and the desired
 * responses, and the rule applied. Both engines call it: the event engine's adapter part
 * (components/adapter.ts) on the weights it read from its pots, the dense engine (src/dense/) on its
 * typed arrays. Before this function each engine judged a step itself (ADALINE's mistake test, value
 * gain's "judge, then reinforce", MRI's groups), and only tests kept the two equal.
 *
 * The function is pure apart from the weights it updates in place (as every rule in this folder) and
 * the changes it hands to the caller's `sink`. Engines differ only in how a unit sees the input
 * (`inputOf`: the adapter masks a partitioned Mark I unit's block, the dense engine hands the 0/1
 * A-unit responses) and, for the perceptron rules, may supply their own unit step (`perceptronUnit`)
 * built on the rule's decision (`perceptronDecide`/`perceptronDecideFromSum`): the dense engine's fast
 * paths, which record changes without an object per weight.
 */
import { quantize, type LogicElement, type QuantizerTie } from './adaline.js';
import { alphaLmsStep, muLmsStep } from './lms.js';
import { mriStep, type MriCorrection } from './mri.js';
import { mriiStep } from './mrii.js';
import {
  perceptronOutput,
  perceptronStep,
  type PerceptronCorrection,
  type PerceptronOptions,
  type ZeroSumConvention,
} from './perceptron.js';
import { valueGainStep, type ValueGainSystem } from './value-gain.js';
import { linearSum, type MutableVec, type Vec, type WeightChange } from './vector.js';

/** The learning rules by their command-line names: the one list (the CLI, options and adapter read it). */
export const RULE_NAMES = [
  'fixed',
  'absolute',
  'alpha-lms',
  'mu-lms',
  'mri',
  'mrii',
  'value-gain-alpha',
  'value-gain-gamma',
] as const;
export type RuleName = (typeof RULE_NAMES)[number];

/** A rule with every parameter concrete (`resolveMachineOptions` makes one from the options). */
export type StepRule =
  | {
      readonly kind: 'perceptron';
      readonly name: 'fixed' | 'absolute';
      readonly correction: PerceptronCorrection;
      readonly eta: number;
      readonly tie: ZeroSumConvention;
    }
  | {
      readonly kind: 'value-gain';
      readonly name: 'value-gain-alpha' | 'value-gain-gamma';
      readonly system: ValueGainSystem;
      readonly increment: number;
      /** The R-unit's response convention, for judging mistakes (the rule itself ignores errors). */
      readonly tie: ZeroSumConvention;
    }
  | {
      readonly kind: 'lms';
      readonly name: 'alpha-lms' | 'mu-lms';
      readonly variant: 'alpha' | 'mu';
      readonly step: number;
      readonly tie: QuantizerTie;
    }
  | {
      readonly kind: 'mri';
      readonly name: 'mri';
      readonly correction: MriCorrection;
      readonly margin: number;
      readonly alpha: number;
      readonly element: LogicElement;
      readonly tie: QuantizerTie;
    }
  | {
      readonly kind: 'mrii';
      readonly name: 'mrii';
      readonly alpha: number;
      readonly maxTrialSize: 1 | 2;
      readonly tie: QuantizerTie;
    };

/** The perceptron rule's options for a rule of kind 'perceptron'. */
export function perceptronOptionsOf(
  rule: Extract<StepRule, { kind: 'perceptron' }>,
  bias: boolean,
): PerceptronOptions {
  return { eta: rule.eta, tie: rule.tie, correction: rule.correction, bias };
}

/** What a perceptron unit step reports (the rest of the step is worked out from it). */
export interface UnitResponse {
  readonly sum: number;
  readonly output: number;
  readonly mistake: boolean;
}

/** How the machine around the rule is laid out, and the engine's own ways of seeing it. */
export interface StepLayout {
  /** Whether each unit's last weight is a bias on +1. */
  readonly bias: boolean;
  /** Inputs per first-layer unit (without the bias): the value-gain source set's size. */
  readonly unitInputs: number;
  /** The input first-layer unit u sees (default: `x` itself). */
  inputOf?(u: number, x: Vec): Vec;
  /** Value gain: unit u's source set (default: all its inputs). */
  membersOf?(u: number): Int32Array | undefined;
  /**
   * Perceptron rules: the engine's own step of unit u, which must decide by the rule's own
   * `perceptronDecide`/`perceptronDecideFromSum`, update the weights by its arithmetic and report
   * its changes itself. Default: `perceptronStep` on `inputOf(u, x)`, changes to the sink.
   */
  perceptronUnit?(u: number, x: Vec, d: number): UnitResponse;
}

/**
 * Where a step's weight changes go: one call per run of changes to one unit, in the order the rule
 * made them, indices into the unit's weight vector (bias last).
 */
export type ChangeSink = (layer: number, unit: number, changes: readonly WeightChange[]) => void;

/** A step's report: the machine's response before the correction, judged. */
export interface StepReport {
  /** Output units' sums (MRI: every ADALINE's sum, the element has none). */
  readonly sums: number[];
  /** Output units' responses before the correction. */
  readonly outputs: number[];
  /** d − y for the perceptron, value-gain and MADALINE rules; d − s for LMS. */
  readonly errors: number[];
  /** Whether the response was wrong (classification) before the step. */
  readonly mistake: boolean;
}

/**
 * Whether an ADALINE's quantized response is wrong: it differs from the desired response passed
 * through the same quantizer (so for ±1 targets, y ≠ d; for d = 0 under 'negative', s > 0).
 */
export function adalineMistake(sum: number, d: number, tie: QuantizerTie): boolean {
  return quantize(sum, tie) !== quantize(d, tie);
}

/**
 * One presentation: the response of the machine whose adaptive weights are `layers` ([layer][unit],
 * each unit's vector with its bias last) to `x`, judged against `d`, and the rule's correction
 * applied to the weights in place, its changes handed to `sink`.
 */
export function learningStep(
  rule: StepRule,
  layers: readonly (readonly MutableVec[])[],
  x: Vec,
  d: ArrayLike<number>,
  layout: StepLayout,
  sink: ChangeSink,
): StepReport {
  const bias = layout.bias;
  const sums: number[] = [];
  const outputs: number[] = [];
  const errors: number[] = [];
  let mistake = false;
  const inputOf = (u: number): Vec => (layout.inputOf ? layout.inputOf(u, x) : x);
  switch (rule.kind) {
    case 'perceptron': {
      const units = layers[0];
      const options = perceptronOptionsOf(rule, bias);
      for (let u = 0; u < units.length; u++) {
        let r: UnitResponse;
        if (layout.perceptronUnit) r = layout.perceptronUnit(u, x, d[u]);
        else {
          const s = perceptronStep(units[u], inputOf(u), d[u], options);
          if (s.changed.length > 0) sink(0, u, s.changed);
          r = s;
        }
        sums.push(r.sum);
        outputs.push(r.output);
        errors.push(d[u] - r.output);
        if (r.mistake) mistake = true;
      }
      break;
    }
    case 'lms': {
      const units = layers[0];
      for (let u = 0; u < units.length; u++) {
        const r =
          rule.variant === 'alpha'
            ? alphaLmsStep(units[u], x, d[u], rule.step, { bias })
            : muLmsStep(units[u], x, d[u], rule.step, { bias });
        sums.push(r.sum);
        outputs.push(quantize(r.sum, rule.tie));
        errors.push(r.error);
        if (adalineMistake(r.sum, d[u], rule.tie)) mistake = true;
        if (r.changed.length > 0) sink(0, u, r.changed);
      }
      break;
    }
    case 'value-gain': {
      const units = layers[0];
      for (let u = 0; u < units.length; u++) {
        const w = units[u];
        const xu = inputOf(u);
        // Forced training (R58): the response is judged, then the desired response reinforced on
        // every presentation, positively for d = +1 and negatively for d = −1, right or wrong.
        const s = linearSum(w, xu, bias);
        const y = perceptronOutput(s, rule.tie);
        sums.push(s);
        outputs.push(y);
        errors.push(d[u] - y);
        if (y !== d[u]) mistake = true;
        // The source set is the A-units; a bias weight (if any) is not an A-unit and gains nothing.
        const values = bias ? biasless(w, layout.unitInputs) : w;
        const changed = valueGainStep(values, xu, {
          system: rule.system,
          increment: rule.increment * d[u],
          members: layout.membersOf?.(u),
        });
        if (changed.length > 0) sink(0, u, changed);
      }
      break;
    }
    case 'mri': {
      // One MADALINE I per output: units g·a … (g+1)·a − 1 feed output g's fixed element.
      const a = layers[0].length / d.length;
      for (let g = 0; g < d.length; g++) {
        const r = mriStep(layers[0].slice(g * a, (g + 1) * a), x, d[g], {
          element: rule.element,
          correction: rule.correction,
          margin: rule.margin,
          alpha: rule.alpha,
          tie: rule.tie,
          bias,
        });
        for (const s of r.sums) sums.push(s);
        outputs.push(r.output);
        errors.push(d[g] - r.output);
        if (r.mistake) mistake = true;
        // mriStep lists changes unit by unit in adaptation order; one sink call per unit.
        runs(
          r.changed,
          (c) => c.unit,
          (start, end) => sink(0, g * a + r.changed[start].unit, r.changed.slice(start, end)),
        );
      }
      break;
    }
    case 'mrii': {
      const r = mriiStep({ hidden: layers[0], output: layers[1] }, x, d, {
        hiddenAlpha: rule.alpha,
        outputAlpha: rule.alpha,
        maxTrialSize: rule.maxTrialSize,
        tie: rule.tie,
        bias,
      });
      // mriiStep lists changes in the order made; one sink call per run on one (layer, unit).
      const key = (c: { layer: string; unit: number }) => (c.layer === 'hidden' ? -1 - c.unit : c.unit);
      runs(r.changed, key, (start, end) => {
        const c = r.changed[start];
        sink(c.layer === 'hidden' ? 0 : 1, c.unit, r.changed.slice(start, end));
      });
      for (let k = 0; k < r.before.outputs.length; k++) {
        sums.push(r.before.outputSums[k]);
        outputs.push(r.before.outputs[k]);
        errors.push(d[k] - r.before.outputs[k]);
      }
      mistake = r.errorsBefore > 0;
      break;
    }
  }
  return { sums, outputs, errors, mistake };
}

/** The first `n` weights of `w` (without its bias), as a view where `w` is a typed array. */
function biasless(w: MutableVec, n: number): MutableVec {
  if (w instanceof Float64Array) return w.subarray(0, n);
  // A plain array has no views: a proxy-free copy would lose the update, so reject it loudly.
  throw new TypeError('value gain with a bias needs Float64Array weights');
}

/** Calls `each(start, end)` for every maximal run of equal `key` in `list`. */
function runs<T>(
  list: readonly T[],
  key: (t: T) => number,
  each: (start: number, end: number) => void,
): void {
  let start = 0;
  while (start < list.length) {
    const k = key(list[start]);
    let end = start + 1;
    while (end < list.length && key(list[end]) === k) end++;
    each(start, end);
    start = end;
  }
}
