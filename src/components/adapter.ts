/**
 * The adapter: the teacher and error meter of the historical machines, as one circuit part.
 *
 * On the rising edge of its `teach` input it reads the pattern on its inputs (`in0`…), the desired
 * responses (`d0`…) and the weights its adjustable parts realise now, applies ONE learning rule from
 * src/rules/ (the single definition of each rule: this part never re-implements one), shows the error
 * on its meter outputs (`err0`…) and commands each weight that the rule changed to its new value: Mark
 * I's teacher driving the motors of the pots of the active A-units (Rosenblatt's error correction),
 * ADALINE's operator turning the knobs (WH60) or its plating driver (memistors), MADALINE's MRI/MRII
 * logic (WL90).
 *
 * Timing: the corrections start `adjustTime` after the edge (the teacher's decision time). In
 * `parallel` mode every weight moves at once (motors, plating drivers); in `sequential` mode one at a
 * time, each `adjustTime` after the previous one stopped (an operator adjusting knobs by hand).
 *
 * Rules and what `lr` means: `fixed`/`absolute` (perceptron rule, η), `alpha-lms` (α), `mu-lms` (μ),
 * `value-gain-alpha`/`value-gain-gamma` (Rosenblatt 1958: each unit's active inputs gain δ = lr·d on
 * every presentation), `mri` (MADALINE I, fixed element; α of the slow correction), `mrii` (two
 * adaptive layers; α of both layers). Weights are attached by the machine builder (`attach`); a
 * stand-alone adapter in a circuit file has none and only moves its meter.
 */
import { Component, type ParamValue } from '../sim/component.js';
import type { Simulator } from '../sim/simulator.js';
import type { LogicElement, QuantizerTie } from '../rules/adaline.js';
import type { MriCorrection } from '../rules/mri.js';
import type { ZeroSumConvention } from '../rules/perceptron.js';
import { learningStep, RULE_NAMES, type StepLayout, type StepReport, type StepRule } from '../rules/step.js';
import type { WeightActuator } from './actuator.js';
import type { AdapterParams } from './adapter-spec.js';

/** The adapter's rules: every learning rule (listed once, in rules/step.ts). */
export const ADAPTER_RULES = RULE_NAMES;
export type AdapterRule = (typeof ADAPTER_RULES)[number];

/** What the adapter saw and decided at its last teach edge (before any weight moved). */
export interface AdapterReport {
  /** Output units' sums (MRI: every ADALINE's sum, the element has none). */
  readonly sums: number[];
  /** Output units' responses before the correction (perceptron rules: ±1, or 0 for an undecided zero sum). */
  readonly outputs: number[];
  readonly desired: number[];
  /** d − y for the perceptron, value-gain and MADALINE rules; d − s for LMS. */
  readonly errors: number[];
  readonly mistake: boolean;
  /**
   * Weights read at the edge, [layer][unit][input] (bias last). The adapter reuses these arrays at
   * its next edge: copy them to keep them longer.
   */
  readonly before: Float64Array[][];
  /** The rule's new weights, [layer][unit][input] (reused at the next edge, as `before`). */
  readonly after: Float64Array[][];
  /** [layer, unit] of the units the rule changed, in the order it changed them. */
  readonly order: Array<[number, number]>;
}

interface Command {
  readonly actuator: WeightActuator;
  readonly target: number;
}

export function adapterPins(p: { readonly size: number; readonly outputs: number }): {
  inputs: string[];
  outputs: string[];
} {
  const { size, outputs } = p;
  return {
    inputs: [
      ...Array.from({ length: size }, (_, i) => `in${i}`),
      ...Array.from({ length: outputs }, (_, i) => `d${i}`),
      'teach',
    ],
    outputs: Array.from({ length: outputs }, (_, i) => `err${i}`),
  };
}

export class Adapter extends Component {
  readonly type = 'adapter';
  readonly rule: AdapterRule;
  private readonly size: number;
  private readonly units: number;
  private readonly nOutputs: number;
  private readonly bias: boolean;
  private readonly lr: number;
  private readonly tie: ZeroSumConvention;
  private readonly element: LogicElement;
  private readonly correction: MriCorrection;
  private readonly margin: number;
  private readonly mode: 'parallel' | 'sequential';
  private readonly adjustTime: number;
  private readonly trialSize: 1 | 2;
  /** The rule with its parameters, and how this adapter's units see the pattern (`learningStep`). */
  private readonly stepRule: StepRule;
  private readonly layout: StepLayout;
  private layers: WeightActuator[][][] = [];
  private readonly xBuffer: Float64Array;
  /** With `partitioned`: per unit, its block [lo, hi) of inputs, its masked input and member list. */
  private readonly blocks?: Array<{ lo: number; hi: number; x: Float64Array; members: Int32Array }>;
  /**
   * Per [layer][unit], the unit's weights mirrored by its parts (`mirrorTo`), or null when one of
   * them cannot mirror (then the weights are read part by part).
   */
  private banks: Array<Array<Float64Array | null>> = [];
  /** The weights before and after an edge: one buffer each, with a view per unit (`attach`). */
  private snapshot: {
    beforeAll: Float64Array;
    afterAll: Float64Array;
    before: Float64Array[][];
    after: Float64Array[][];
  } = { beforeAll: new Float64Array(0), afterAll: new Float64Array(0), before: [], after: [] };
  private teachHigh = false;
  private queue: Command[] = [];
  private nextAt = -1;
  /** What happened at the last teach edge; undefined before the first. */
  lastReport: AdapterReport | undefined;
  /** Teach edges seen. */
  corrections = 0;

  constructor(id: string, params: AdapterParams) {
    const pins = adapterPins(params);
    super(id, pins.inputs, pins.outputs);
    this.rule = params.rule;
    this.size = params.size;
    this.units = params.units;
    this.nOutputs = params.outputs;
    this.bias = params.bias;
    this.lr = params.lr;
    this.tie = params.tie;
    this.element = params.element;
    this.correction = params.correction;
    this.margin = params.margin;
    this.mode = params.mode;
    this.adjustTime = params.adjustTime;
    this.trialSize = params.trialSize === 1 ? 1 : 2; // an integer in [1, 2] (validated)
    this.xBuffer = new Float64Array(this.size);
    if (this.rule === 'mri' && this.units % this.nOutputs !== 0)
      throw new RangeError(
        `${id}: MRI needs the same number of ADALINEs for each of the ${this.nOutputs} outputs`,
      );
    if (params.partitioned) {
      this.blocks = Array.from({ length: this.units }, (_, u) => {
        // The same blocks as rUnitBlock in machine-description/mark1-params.ts (components do not import machines).
        const lo = Math.floor((u * this.size) / this.units);
        const hi = Math.floor(((u + 1) * this.size) / this.units);
        return {
          lo,
          hi,
          x: new Float64Array(this.size),
          members: Int32Array.from({ length: hi - lo }, (_, i) => lo + i),
        };
      });
    }
    this.stepRule = this.makeStepRule();
    const blocks = this.blocks;
    this.layout = {
      bias: this.bias,
      unitInputs: this.size,
      inputOf: blocks ? (u, x) => this.inputOf(u, x as Float64Array) : undefined,
      membersOf: blocks ? (u) => blocks[u].members : undefined,
    };
  }

  /** This adapter's rule, its parameters concrete (the quantizer rules read tie `error` as negative). */
  private makeStepRule(): StepRule {
    const lr = this.lr;
    switch (this.rule) {
      case 'fixed':
      case 'absolute':
        return { kind: 'perceptron', name: this.rule, correction: this.rule, eta: lr, tie: this.tie };
      case 'alpha-lms':
        return { kind: 'lms', name: this.rule, variant: 'alpha', step: lr, tie: this.quantizerTie };
      case 'mu-lms':
        return { kind: 'lms', name: this.rule, variant: 'mu', step: lr, tie: this.quantizerTie };
      case 'value-gain-alpha':
      case 'value-gain-gamma':
        return {
          kind: 'value-gain',
          name: this.rule,
          system: this.rule === 'value-gain-alpha' ? 'alpha' : 'gamma',
          increment: lr,
          tie: this.tie,
        };
      case 'mri':
        return {
          kind: 'mri',
          name: 'mri',
          correction: this.correction,
          margin: this.margin,
          alpha: lr,
          element: this.element,
          tie: this.quantizerTie,
        };
      case 'mrii':
        return {
          kind: 'mrii',
          name: 'mrii',
          alpha: lr,
          maxTrialSize: this.trialSize,
          tie: this.quantizerTie,
        };
    }
  }

  /** Unit u's view of the pattern: all of it, or (partitioned) its own block with the rest at 0. */
  private inputOf(u: number, x: Float64Array): Float64Array {
    const b = this.blocks?.[u];
    if (!b) return x;
    b.x.set(x.subarray(b.lo, b.hi), b.lo);
    return b.x;
  }

  /** The ADALINE quantizer's zero-sum response implied by `tie` (`error` reads as negative). */
  get quantizerTie(): QuantizerTie {
    return this.tie === 'positive' ? 'positive' : 'negative';
  }

  /** The weights this adapter adjusts: [layer][unit][input], each unit's bias weight last. */
  attach(layers: WeightActuator[][][]): void {
    const expected = this.shape();
    if (layers.length !== expected.length)
      throw new RangeError(
        `${this.id}: rule ${this.rule} needs ${expected.length} layer(s), got ${layers.length}`,
      );
    layers.forEach((layer, l) => {
      const [units, inputs] = expected[l];
      if (layer.length !== units || layer.some((u) => u.length !== inputs))
        throw new RangeError(`${this.id}: layer ${l} must be ${units} units × ${inputs} weights`);
    });
    this.layers = layers;
    this.banks = layers.map((layer) =>
      layer.map((unit) => {
        if (!unit.every((a) => a.mirrorTo)) return null;
        const bank = new Float64Array(unit.length);
        for (let i = 0; i < unit.length; i++) unit[i].mirrorTo!(bank, i);
        return bank;
      }),
    );
    let total = 0;
    for (const layer of layers) for (const unit of layer) total += unit.length;
    const beforeAll = new Float64Array(total);
    const afterAll = new Float64Array(total);
    let o = 0;
    const views = layers.map((layer) =>
      layer.map((unit) => {
        const v = {
          before: beforeAll.subarray(o, o + unit.length),
          after: afterAll.subarray(o, o + unit.length),
        };
        o += unit.length;
        return v;
      }),
    );
    this.snapshot = {
      beforeAll,
      afterAll,
      before: views.map((layer) => layer.map((v) => v.before)),
      after: views.map((layer) => layer.map((v) => v.after)),
    };
  }

  /**
   * The weights unit `u` of layer `l` realises now, bias last. For mirrored parts this is the live
   * mirror (read it before anything moves again; do not write it); otherwise a fresh array.
   */
  weightsNow(sim: Simulator, l: number, u: number): Float64Array {
    const bank = this.banks[l][u];
    if (bank) return bank;
    const unit = this.layers[l][u];
    const w = new Float64Array(unit.length);
    for (let i = 0; i < unit.length; i++) w[i] = unit[i].weightNow(sim);
    return w;
  }

  /** [units, weights per unit] per layer for this rule. */
  shape(): Array<[number, number]> {
    const b = this.bias ? 1 : 0;
    if (this.rule === 'mrii')
      return [
        [this.units, this.size + b],
        [this.nOutputs, this.units + b],
      ];
    return [[this.units, this.size + b]];
  }

  /** Whether corrections are still being issued (sequential operator or decision time pending). */
  get busy(): boolean {
    return this.queue.length > 0;
  }

  evaluate(sim: Simulator): void {
    const teach = this.read(sim, this.size + this.nOutputs) > 0.5;
    if (teach && !this.teachHigh) this.learn(sim);
    this.teachHigh = teach;
    if (this.queue.length > 0 && sim.now >= this.nextAt) this.issue(sim);
  }

  private learn(sim: Simulator): void {
    this.corrections++;
    // The pattern goes to the rule only (nothing keeps it), so one buffer serves every edge.
    const x = this.xBuffer;
    for (let i = 0; i < this.size; i++) x[i] = this.read(sim, i);
    const d = new Float64Array(this.nOutputs);
    for (let k = 0; k < this.nOutputs; k++) d[k] = this.read(sim, this.size + k);
    // Plain loops, and the weights copied as arrays into the two buffers (reused from edge to
    // edge: this runs on every presentation, and a large typed array is an allocation outside
    // the heap).
    const layers = this.layers;
    // Fresh outer arrays around the reused unit views: the report's arrays are the caller's to keep,
    // and a rule that replaced a unit's array would not break the next edge.
    const before = this.snapshot.before.map((layer) => layer.slice());
    const after = this.snapshot.after.map((layer) => layer.slice());
    for (let l = 0; l < layers.length; l++)
      for (let u = 0; u < layers[l].length; u++)
        before[l][u].set(this.banks[l][u] ?? this.weightsNow(sim, l, u));
    this.snapshot.afterAll.set(this.snapshot.beforeAll);
    const report = this.applyRule(x, d, after);
    this.lastReport = { ...report, desired: Array.from(d), before, after };
    const errors = report.errors;
    for (let k = 0; k < errors.length && k < this.nOutputs; k++) this.drive(sim, k, errors[k], 0);
    // Only the units the rule changed (`order`) have new weights; in layer, unit, input order.
    const commands: Command[] = [];
    if (report.order.length > 0) {
      for (let l = 0; l < layers.length; l++) {
        for (let u = 0; u < layers[l].length; u++) {
          const unit = layers[l][u];
          const b = before[l][u];
          const a = after[l][u];
          for (let i = 0; i < unit.length; i++)
            if (a[i] !== b[i]) commands.push({ actuator: unit[i], target: a[i] });
        }
      }
    }
    if (commands.length === 0) return;
    this.queue = commands;
    const delay = sim.ticks(this.adjustTime);
    this.nextAt = sim.now + delay;
    if (delay === 0) this.issue(sim);
    else sim.wake(this, delay);
  }

  private issue(sim: Simulator): void {
    if (this.mode === 'parallel') {
      for (const c of this.queue) c.actuator.command(sim, c.target);
      this.queue = [];
      return;
    }
    const c = this.queue.shift()!;
    const travel = c.actuator.travelSeconds(sim, c.target);
    c.actuator.command(sim, c.target);
    if (this.queue.length === 0) return;
    const delay = Math.max(1, sim.ticks(travel) + sim.ticks(this.adjustTime));
    this.nextAt = sim.now + delay;
    sim.wake(this, delay);
  }

  /** The one learning step (rules/step.ts) on the weights read at the edge, updated in place. */
  private applyRule(
    x: Float64Array,
    d: Float64Array,
    w: Float64Array[][],
  ): StepReport & { order: Array<[number, number]> } {
    const order: Array<[number, number]> = [];
    const report = learningStep(this.stepRule, w, x, d, this.layout, (layer, unit) => {
      const last = order[order.length - 1];
      if (!last || last[0] !== layer || last[1] !== unit) order.push([layer, unit]);
    });
    return { ...report, order };
  }

  params(): Record<string, ParamValue> {
    return {
      rule: this.rule,
      size: this.size,
      units: this.units,
      outputs: this.nOutputs,
      bias: this.bias,
      partitioned: this.blocks !== undefined,
      lr: this.lr,
      tie: this.tie,
      element: this.element,
      correction: this.correction,
      margin: this.margin,
      mode: this.mode,
      adjustTime: this.adjustTime,
      trialSize: this.trialSize,
    };
  }
}
