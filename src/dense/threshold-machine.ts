/**
 * The perceptron and the Mark I in the dense engine: independent threshold units (R-units) trained by
 * a perceptron or value-gain rule, through the one learning step (`learningStep`, src/rules/step.ts).
 * Its perceptron unit step is this engine's own (`perceptronUnit`), built on the rule's decision:
 * - raw inputs, fixed increment: `fixedPerceptronStep`, which records a correction as the vector
 *   before and after it instead of an object per weight;
 * - the Mark I: the rule on the sub-vector of the active A-units (`compactPerceptronStep`).
 * `presentEpoch` is the whole-epoch fast path for raw inputs and fixed increment.
 *
 * This file holds the kernel that h19a's WebAssembly version is to replace: `fixedPerceptronStep`
 * and the inner loop of `presentEpoch` (the sums, `linearSums4`, and the update, `addScaledInPlace`).
 */
import type { Plugboard } from '../machine-description/plugboard.js';
import { rUnitBlock } from '../machine-description/mark1-params.js';
import type { Mark1Structure } from '../machine-description/mark1-params.js';
import { hasBias } from '../machine-description/resolved.js';
import type { ResolvedMachineOptions } from '../machine-description/resolved.js';
import type { EpochOutcome, LearningStep, WeightsJson } from '../machine-description/types.js';
import {
  addScaledInPlace,
  learningStep,
  linearSum,
  linearSums4,
  perceptronDecide,
  perceptronDecideFromSum,
  perceptronOptionsOf,
  perceptronOutput,
  perceptronStep,
} from '../rules/index.js';
import type {
  ChangeSink,
  PerceptronOptions,
  StepLayout,
  UnitResponse,
  Vec,
  ZeroSumConvention,
} from '../rules/index.js';
import { activeSum, AssociationCache, responseVector, type Association } from './association-cache.js';
import { ChangeLog, makeStep, SnapshotArena, toArray } from './change-log.js';
import { checkPattern, DenseLayer, DenseMachine } from './machine.js';
import { type EpochPlan, epochPlan } from '../wasm/perceptron.js';

/**
 * `perceptronStep` with fixed-increment correction, for the hot loop: the rule's own decision
 * (`perceptronDecide`) applied by the rule's own arithmetic (`addScaledInPlace`, the same operations
 * as `addScaled`), so the weights are bitwise those of the rule. What differs is the record: on a
 * correction the changes go to `record` as the vector before and after the step, not as one object
 * per weight (the rule's list cost most of the dense Mark I's time, in allocation and GC).
 * Returns the sum before the step.
 */
function fixedPerceptronStep(
  w: Float64Array,
  x: ArrayLike<number>,
  d: number,
  eta: number,
  tie: ZeroSumConvention,
  bias: boolean,
  arena: SnapshotArena,
  record: (before: Float64Array, after: Float64Array) => void,
): number {
  const decision = perceptronDecide(w, x, d, { eta, tie, correction: 'fixed', bias });
  if (decision.scale === 0) return decision.sum;
  const before = arena.take(w.length);
  before.set(w);
  addScaledInPlace(w, x, bias, decision.scale);
  const after = arena.take(w.length);
  after.set(w);
  record(before, after);
  return decision.sum;
}

/**
 * perceptron and mark1: independent threshold units (R-units) trained by a perceptron or value-gain
 * rule. The Mark I's units see the A-unit responses. Because those are 0/1, the perceptron rules
 * are applied to the sub-vector of the active A-units (plus the bias): a zero input adds nothing to
 * the sum (bitwise, summed in the same ascending order), to |X|², or to the update, so the rule's
 * result is identical and costs a quarter of the work. Only active units' potentiometers move.
 */
export class ThresholdMachine extends DenseMachine {
  private readonly layer: DenseLayer;
  private readonly layers: readonly Float64Array[][];
  private readonly assoc?: AssociationCache;
  private readonly unitInputs: number;
  private readonly perceptronOptions?: PerceptronOptions;
  /** Scratch for the active sub-vector (weights, then the bias) and its all-ones input. */
  private readonly compact: Float64Array;
  private readonly ones: Float64Array;
  private readonly arena = new SnapshotArena();
  /** Sums of the next four presentations, for `presentEpoch`. */
  private readonly sumsAhead = new Float64Array(4);
  /**
   * Mark I with partitioned A→R wiring: each R-unit's block [lo, hi) of A-units (its pots), and the
   * block's indices as a member list for the value-gain rules. Undefined when every A-unit reaches
   * every R-unit (nothing to restrict).
   */
  private readonly blocks?: ReadonlyArray<readonly [number, number]>;
  private readonly blockMembers?: Int32Array[];
  /** The learning step's view of this machine and where its changes go (made once, see `present`). */
  private readonly layout: StepLayout;
  private readonly sink: ChangeSink;
  /** The step being presented: its change log and (Mark I) its A-unit responses. */
  private log = new ChangeLog();
  private current?: Association;

  constructor(r: ResolvedMachineOptions) {
    super(r);
    this.unitInputs = r.model === 'mark1' ? (r.mark1?.aUnits as number) : r.inputs;
    const bias = hasBias(r);
    this.layer = new DenseLayer(r.outputs, this.unitInputs, bias, r.initial.layers[0]);
    this.layers = [this.layer.rows];
    if (r.model === 'mark1')
      this.assoc = new AssociationCache(r.board as Plugboard, r.mark1?.theta as number, r.inputs);
    const rule = r.rule;
    if (rule.kind === 'perceptron') this.perceptronOptions = perceptronOptionsOf(rule, bias);
    this.compact = new Float64Array(this.unitInputs + 1);
    this.ones = new Float64Array(this.unitInputs).fill(1);
    const m = r.mark1 as Mark1Structure | undefined;
    if (r.model === 'mark1' && m && m.arWiring === 'partitioned') {
      this.blocks = Array.from({ length: r.outputs }, (_, k) => rUnitBlock(m, k));
      this.blockMembers = this.blocks.map(([lo, hi]) =>
        Int32Array.from({ length: hi - lo }, (_, i) => lo + i),
      );
    }
    const members = this.blockMembers;
    this.layout = {
      bias,
      unitInputs: this.unitInputs,
      // A Mark I unit sees the A-units' 0/1 responses (made only for value gain, which reads them).
      inputOf: this.assoc ? () => responseVector(this.current as Association, this.unitInputs) : undefined,
      // The value-gain source set is the R-unit's own pots (its block with partitioned wiring).
      membersOf: members ? (u) => members[u] : undefined,
      perceptronUnit: rule.kind === 'perceptron' ? (u, x, d) => this.perceptronUnit(u, x, d) : undefined,
    };
    this.sink = (layer, unit, changes) => this.log.add(layer, unit, this.unitInputs, changes);
  }

  /**
   * The active A-units that reach R-unit k through a pot: all of `active` with full wiring, else the
   * slice inside k's block (`active` is ascending, so the slice is contiguous and keeps the order in
   * which the sums add up).
   */
  private activeOf(k: number, active: Int32Array, count: number): Int32Array {
    if (!this.blocks) return count === active.length ? active : active.subarray(0, count);
    const [lo, hi] = this.blocks[k];
    let a = 0;
    while (a < count && active[a] < lo) a++;
    let b = a;
    while (b < count && active[b] < hi) b++;
    return active.subarray(a, b);
  }

  present(
    x: ArrayLike<number>,
    d: ArrayLike<number>,
    where: { step: number; epoch: number; pattern: number },
  ): LearningStep {
    checkPattern(x, d, this.inputs, this.outputs);
    const rule = this.r.rule;
    if (rule.kind !== 'perceptron' && rule.kind !== 'value-gain')
      throw new Error(`rule ${rule.name} on a threshold machine`);
    const log = (this.log = new ChangeLog());
    this.current = this.assoc?.responses(x);
    const s = learningStep(rule, this.layers, x, d, this.layout, this.sink);
    return makeStep(where, s.sums, s.outputs, toArray(d), s.errors, s.mistake, log);
  }

  /** The perceptron rule on unit k, the fastest way this machine has (see the file comment). */
  private perceptronUnit(k: number, x: Vec, d: number): UnitResponse {
    const options = this.perceptronOptions as PerceptronOptions;
    if (this.current) return this.compactPerceptronStep(k, this.current, d, options, this.log);
    if (options.correction === 'fixed') {
      const sum = fixedPerceptronStep(
        this.layer.rows[k],
        x,
        d,
        options.eta as number,
        options.tie as ZeroSumConvention,
        this.layer.bias,
        this.arena,
        (before, after) => this.log.addSnapshot(0, k, this.unitInputs, before, after),
      );
      const output = perceptronOutput(sum, options.tie);
      return { sum, output, mistake: output !== d };
    }
    const s = perceptronStep(this.layer.rows[k], x, d, options);
    this.log.add(0, k, this.unitInputs, s.changed);
    return s;
  }

  /**
   * A whole epoch of fixed-increment steps on raw inputs (the perceptron model), unit by unit: the
   * units learn independently, so each can run through the epoch on its own. Four presentations'
   * sums are computed in one pass (`linearSums4`, bitwise linearSum); they hold until a presentation
   * corrects the weights, after which the next four are summed afresh. That is the same sequence of
   * rule decisions and updates as `present`, without a `LearningStep` per presentation.
   */
  presentEpoch(
    xs: readonly ArrayLike<number>[],
    ds: readonly ArrayLike<number>[],
    order: readonly number[],
  ): EpochOutcome | null {
    const options = this.perceptronOptions;
    if (this.assoc || options?.correction !== 'fixed') return null;
    for (const p of order) checkPattern(xs[p], ds[p], this.inputs, this.outputs);
    const n = order.length;
    const units = this.outputs;
    const bias = this.layer.bias;
    const mistakes = new Uint8Array(n);
    const sums = new Float64Array(n * units);
    const errors = new Float64Array(n * units);
    const ahead = this.sumsAhead;
    const plan = this.wasmPlan(xs, ds, order);
    const unitD = plan === null ? null : new Float64Array(n);
    const unitSums = plan === null ? null : new Float64Array(n);
    for (let k = 0; k < units; k++) {
      const w = this.layer.rows[k];
      if (plan !== null && unitD !== null && unitSums !== null) {
        // The whole epoch in one WebAssembly call (src/wasm/perceptron.ts), the same bits.
        for (let q = 0; q < n; q++) unitD[q] = ds[order[q]][k];
        const tie = options.tie ?? 'error';
        plan.run(w, unitD, bias, options.eta as number, perceptronOutput(0, tie), unitSums);
        for (let q = 0; q < n; q++) {
          const sum = unitSums[q];
          const output = perceptronOutput(sum, tie);
          sums[q * units + k] = sum;
          errors[q * units + k] = unitD[q] - output;
          if (output !== unitD[q]) mistakes[q] = 1;
        }
        continue;
      }
      let q = 0;
      while (q < n) {
        // Four sums ahead while four patterns remain, then one at a time.
        const summed = n - q >= 4 ? 4 : 1;
        if (summed === 4) {
          linearSums4(w, xs[order[q]], xs[order[q + 1]], xs[order[q + 2]], xs[order[q + 3]], bias, ahead);
        } else {
          ahead[0] = linearSum(w, xs[order[q]], bias);
        }
        const end = q + summed;
        for (let j = 0; q < end; j++) {
          const x = xs[order[q]];
          const dk = ds[order[q]][k];
          const decision = perceptronDecideFromSum(w, x, dk, ahead[j], options);
          sums[q * units + k] = decision.sum;
          errors[q * units + k] = dk - decision.output;
          if (decision.mistake) mistakes[q] = 1;
          q++;
          if (decision.scale !== 0) {
            addScaledInPlace(w, x, bias, decision.scale);
            break; // the sums summed ahead were of the old weights
          }
        }
      }
    }
    return { mistakes, sums, errors };
  }

  /**
   * The WebAssembly plan for this epoch, or null to run it in JavaScript: when the patterns do not
   * live in WebAssembly memory (`float64Matrix`), or when the JavaScript path would throw (a target
   * that is not ±1, a bad η) or decide otherwise (the rule's bias differing from the layer's).
   */
  private wasmPlan(
    xs: readonly ArrayLike<number>[],
    ds: readonly ArrayLike<number>[],
    order: readonly number[],
  ): EpochPlan | null {
    const options = this.perceptronOptions as PerceptronOptions;
    const eta = options.eta;
    if (eta === undefined || !(eta > 0) || !Number.isFinite(eta)) return null;
    if ((options.bias ?? true) !== this.layer.bias) return null;
    for (const p of order)
      for (let k = 0; k < this.outputs; k++) if (ds[p][k] !== 1 && ds[p][k] !== -1) return null;
    return epochPlan(xs, order, this.inputs);
  }

  /** perceptronStep on R-unit k's weights of the active A-units (+ bias), written back in place. */
  private compactPerceptronStep(
    k: number,
    assoc: Association,
    d: number,
    options: PerceptronOptions,
    log: ChangeLog,
  ): UnitResponse {
    const w = this.layer.rows[k];
    const active = this.activeOf(k, assoc.active, assoc.active.length);
    const m = active.length;
    const bias = this.layer.bias;
    if (options.correction === 'fixed') {
      // The rule's decision on the sub-vector, with its all-ones input folded in: w·1 is w, so the
      // sum adds the active weights in ascending order (then the bias) as linearSum does, |X|² is
      // m (+1), and each changed weight becomes w + 1·η·d. Nothing is gathered unless it changes.
      const sum = activeSum(w, active, m, bias, this.unitInputs);
      // With |X|² given, fixed increment reads neither w nor x (see perceptronDecideFromSum).
      const decision = perceptronDecideFromSum(w, this.ones, d, sum, options, bias ? m + 1 : m);
      const { output, mistake, scale } = decision;
      if (scale === 0) return { sum, output, mistake };
      const size = bias ? m + 1 : m;
      const before = this.arena.take(size);
      for (let j = 0; j < m; j++) {
        const i = active[j];
        const b = w[i];
        const a = b + scale;
        before[j] = b;
        if (a !== b) w[i] = a;
      }
      if (bias) {
        const i = this.unitInputs;
        const b = w[i];
        const a = b + scale;
        before[m] = b;
        if (a !== b) w[i] = a;
      }
      log.addSnapshot(0, k, this.unitInputs, before, undefined, active, scale);
      return { sum, output, mistake };
    }
    // The views fit the pattern's active count; with partitioned wiring each R-unit sees its own
    // count, so they are made per step.
    const views = this.blocks
      ? { w: this.compact.subarray(0, bias ? m + 1 : m), x: this.ones.subarray(0, m) }
      : (assoc.views ??= { w: this.compact.subarray(0, bias ? m + 1 : m), x: this.ones.subarray(0, m) });
    const c = views.w;
    for (let j = 0; j < m; j++) c[j] = w[active[j]];
    if (bias) c[m] = w[this.unitInputs];
    const s = perceptronStep(c, views.x, d, options);
    if (s.changed.length > 0) {
      for (const ch of s.changed) w[ch.index === m ? this.unitInputs : active[ch.index]] = ch.after;
      log.add(0, k, this.unitInputs, s.changed, active);
    }
    return s;
  }

  respond(x: ArrayLike<number>): { sums: number[]; outputs: number[] } {
    if (x.length !== this.inputs)
      throw new RangeError(`pattern has ${x.length} inputs, the machine ${this.inputs}`);
    // Responding is not learning: a Mark I pattern's A-units are looked up but not remembered
    // (held-out cards are often seen once; the lit-cell sums make recomputing them cheap).
    const assoc = this.assoc?.peek(x);
    const tie = this.r.rule.tie as 'error' | 'negative' | 'positive';
    const sums: number[] = [];
    const outputs: number[] = [];
    for (let k = 0; k < this.layer.rows.length; k++) {
      const w = this.layer.rows[k];
      let s: number;
      if (assoc) {
        const active = this.activeOf(k, assoc.active, assoc.count);
        s = activeSum(w, active, active.length, this.layer.bias, this.unitInputs);
      } else s = linearSum(w, x, this.layer.bias);
      sums.push(s);
      outputs.push(perceptronOutput(s, tie));
    }
    return { sums, outputs };
  }

  weights(): WeightsJson {
    return { layers: [this.layer.toJson()] };
  }

  override fixedConfig(): Record<string, unknown> {
    if (this.r.model !== 'mark1') return {};
    const board = this.r.board as Plugboard;
    return {
      structure: { ...this.r.mark1 },
      plugboard: {
        excitatory: board.excitatory.map((a) => Array.from(a)),
        inhibitory: board.inhibitory.map((a) => Array.from(a)),
      },
    };
  }
}
