/**
 * The dense engine: the historical machines computed on typed arrays, with no events and no
 * simulated time, for sweeps and large data (DESIGN.md "dense/").
 *
 * It builds the machine from `resolveMachineOptions` (the same plugboard and initial weights as the
 * event engine for the same options) and learns by calling the rule functions of `src/rules/`, the
 * one definition of each rule, on views (`subarray`) of one Float64Array per layer. With ideal parts
 * it must give exactly the event engine's `LearningStep`s and weights (test/machines/engines-agree).
 *
 * Speed (the Mark I must run ≥ 100,000 presentations/s):
 * - A Mark I pattern's A-unit responses are fixed by the plugboard, so a trained pattern's are
 *   cached per pattern object; a hit is checked against a copy of the pattern (a caller that refills
 *   one buffer with different patterns still gets the right answer). A binary retina's responses are
 *   summed from its lit cells through the plugboard's fan-out, into scratch; `respond` does not cache.
 * - The R-units sum only the active A-units' weights (bitwise the full sum, see `activeSum`).
 * - A step's `changes` are kept as the rules reported them and turned into `StepWeightChange`s only
 *   when read (a memoised getter, own and enumerable, so JSON and deep equality see it).
 */
import { UserError } from '../errors.js';
import { associationResponses } from '../machines/plugboard.js';
import type { Plugboard } from '../machines/plugboard.js';
import { rUnitBlock } from '../machines/mark1-params.js';
import type { Mark1Structure } from '../machines/mark1-params.js';
import { nonIdealitiesOn, resolveMachineOptions, hasBias } from '../machines/options.js';
import type { MachineOptions, ResolvedMachineOptions } from '../machines/options.js';
import type {
  EpochOutcome,
  LearningStep,
  MachineEngine,
  MachineModel,
  StepWeightChange,
  WeightsJson,
} from '../machines/types.js';
import {
  addScaledInPlace,
  alphaLmsStep,
  checkBipolar,
  linearSum,
  linearSums4,
  mriForward,
  mriStep,
  mriiForward,
  mriiStep,
  muLmsStep,
  perceptronDecide,
  perceptronDecideFromSum,
  perceptronOutput,
  perceptronStep,
  quantize,
  valueGainStep,
} from '../rules/index.js';
import type { MriiNetwork, PerceptronOptions, WeightChange, ZeroSumConvention } from '../rules/index.js';
import { type EpochPlan, epochPlan } from '../wasm/perceptron.js';

/** One layer's weights: `units` rows of `stride` = inputs + 1 (bias slot last, used or not). */
class DenseLayer {
  readonly data: Float64Array;
  readonly stride: number;
  /** Per unit, the vector the rules see: inputs (+ bias when the unit has one). */
  readonly rows: Float64Array[];

  constructor(
    readonly units: number,
    readonly inputs: number,
    readonly bias: boolean,
    init: { weights: number[][]; bias: number[] },
  ) {
    this.stride = inputs + 1;
    this.data = new Float64Array(units * this.stride);
    this.rows = [];
    for (let u = 0; u < units; u++) {
      const o = u * this.stride;
      this.data.set(init.weights[u], o);
      this.data[o + inputs] = init.bias[u];
      this.rows.push(this.data.subarray(o, o + inputs + (bias ? 1 : 0)));
    }
  }

  toJson(): { weights: number[][]; bias: number[] } {
    const weights: number[][] = [];
    const bias: number[] = [];
    for (let u = 0; u < this.units; u++) {
      const o = u * this.stride;
      weights.push(Array.from(this.data.subarray(o, o + this.inputs)));
      bias.push(this.data[o + this.inputs]);
    }
    return { weights, bias };
  }
}

/** One rule call's change list, with how its indices map to the layer's inputs. */
interface LoggedChanges {
  readonly layer: number;
  readonly unit: number;
  /** The unit's input count: an index equal to it (or to `map.length`) is the bias. */
  readonly inputs: number;
  /**
   * The changes as the rule listed them; or, from `fixedPerceptronStep`, undefined with the rule
   * vector before and after the step in `before`/`after` (a weight changed iff after ≠ before,
   * exactly what `addScaled` lists), so a step makes two typed arrays instead of an object per weight.
   * With an all-ones input (the Mark I's active A-units) `after` is left out: each weight's value
   * after is `before + scale`, recomputed when read (the same operation, so the same number).
   */
  readonly list?: readonly WeightChange[];
  readonly before?: Float64Array;
  readonly after?: Float64Array;
  readonly scale?: number;
  /** For a rule applied to a sub-vector: the layer input of each sub-vector index. */
  readonly map?: Int32Array;
}

/** Doubles per snapshot buffer: 512 KiB, so a few thousand corrections of a 400-input unit each. */
const SNAPSHOT_BUFFER_DOUBLES = 1 << 16;

/**
 * Where the dense machines keep their step snapshots: views into one large buffer, handed out in
 * order and never reused (a new buffer replaces a full one), so a step kept by a caller keeps its
 * numbers. A view is a small object; a fresh Float64Array per correction costs an off-heap block,
 * zero filling and the garbage collector's bookkeeping of it.
 */
class SnapshotArena {
  private buffer = new Float64Array(SNAPSHOT_BUFFER_DOUBLES);
  private used = 0;

  take(n: number): Float64Array {
    if (this.used + n > this.buffer.length) {
      this.buffer = new Float64Array(Math.max(SNAPSHOT_BUFFER_DOUBLES, n));
      this.used = 0;
    }
    const view = this.buffer.subarray(this.used, this.used + n);
    this.used += n;
    return view;
  }
}

/** The change list of a logged entry (built from the snapshots when it has none). */
function changeList(e: LoggedChanges): readonly WeightChange[] {
  if (e.list) return e.list;
  const before = e.before as Float64Array;
  const out: WeightChange[] = [];
  for (let i = 0; i < before.length; i++) {
    const after = snapshotAfter(e, i);
    if (after !== before[i]) out.push({ index: i, before: before[i], after });
  }
  return out;
}

/** The value after the step of a snapshot entry's weight `i`. */
function snapshotAfter(e: LoggedChanges, i: number): number {
  return e.after ? e.after[i] : (e.before as Float64Array)[i] + (e.scale as number);
}

/** The rules' change lists of one step, kept raw until someone reads `changes`. */
class ChangeLog {
  private entries: LoggedChanges[] | undefined;

  add(layer: number, unit: number, inputs: number, list: readonly WeightChange[], map?: Int32Array): void {
    if (list.length === 0) return;
    (this.entries ??= []).push({ layer, unit, inputs, list, map });
  }

  /** Whether no rule call changed anything. */
  get empty(): boolean {
    return this.entries === undefined;
  }

  /** A fixed-increment correction, as the rule vector before and after it (see LoggedChanges). */
  addSnapshot(
    layer: number,
    unit: number,
    inputs: number,
    before: Float64Array,
    after: Float64Array | undefined,
    map?: Int32Array,
    scale?: number,
  ): void {
    (this.entries ??= []).push({ layer, unit, inputs, before, after, map, scale });
  }

  /**
   * One entry per weight that changed over the step (before = at its start, after = at its end),
   * units in the order the rule first changed them, inputs ascending with the bias last: the form
   * the event engine reads back from its parts. Only MRII can change a unit twice in one step.
   */
  materialise(): StepWeightChange[] {
    const out: StepWeightChange[] = [];
    const entries = this.entries;
    if (!entries) return out;
    const byUnit = new Map<number, LoggedChanges[]>();
    let repeated = false;
    for (const e of entries) {
      const key = e.layer * 0x100000 + e.unit;
      const list = byUnit.get(key);
      if (list) {
        list.push(e);
        repeated = true;
      } else byUnit.set(key, [e]);
    }
    for (const group of byUnit.values()) {
      if (!repeated || group.length === 1) {
        const e = group[0];
        const { layer, unit, inputs, list, map } = e;
        const biasIndex = map ? map.length : inputs;
        if (!list) {
          const b = e.before as Float64Array;
          for (let i = 0; i < b.length; i++) {
            const a = snapshotAfter(e, i);
            if (a === b[i]) continue;
            const input = i === biasIndex ? -1 : map ? map[i] : i;
            out.push({ layer, unit, input, before: b[i], after: a });
          }
          continue;
        }
        for (const c of list) {
          const input = c.index === biasIndex ? -1 : map ? map[c.index] : c.index;
          out.push({ layer, unit, input, before: c.before, after: c.after });
        }
        continue;
      }
      const { layer, unit } = group[0];
      const net = new Map<number, { before: number; after: number }>();
      for (const e of group) {
        const { inputs, map } = e;
        const biasIndex = map ? map.length : inputs;
        for (const c of changeList(e)) {
          const input = c.index === biasIndex ? -1 : map ? map[c.index] : c.index;
          const seen = net.get(input);
          if (seen) seen.after = c.after;
          else net.set(input, { before: c.before, after: c.after });
        }
      }
      const inputs = [...net.keys()].sort((a, b) => (a === -1 ? 1 : b === -1 ? -1 : a - b));
      for (const input of inputs) {
        const { before, after } = net.get(input) as { before: number; after: number };
        if (after !== before) out.push({ layer, unit, input, before, after });
      }
    }
    return out;
  }
}

function makeStep(
  where: { step: number; epoch: number; pattern: number },
  sums: number[],
  outputs: number[],
  desired: number[],
  errors: number[],
  mistake: boolean,
  log: ChangeLog,
): LearningStep {
  // A step that changed nothing (most, once a machine has learned) is a plain object: a literal
  // with an accessor costs microseconds to make, more than the rest of a perceptron step.
  if (log.empty) {
    return {
      step: where.step,
      epoch: where.epoch,
      pattern: where.pattern,
      time: 0,
      sums,
      outputs,
      desired,
      errors,
      mistake,
      changes: [],
    };
  }
  let changes: StepWeightChange[] | undefined;
  return {
    step: where.step,
    epoch: where.epoch,
    pattern: where.pattern,
    time: 0,
    sums,
    outputs,
    desired,
    errors,
    mistake,
    get changes(): StepWeightChange[] {
      if (changes === undefined) changes = log.materialise();
      return changes;
    },
  };
}

function toArray(v: ArrayLike<number>): number[] {
  const out = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i];
  return out;
}

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
 * A pattern's A-unit responses: the ascending indices of the active (1) units. The 0/1 vector itself
 * is made only for the rules that read it (value-gain), by `responseVector`.
 */
interface Association {
  readonly active: Int32Array;
  /** The responses as a 0/1 vector, once asked for. */
  a?: Float64Array;
  /** Views on the machine's scratch of the right length for this pattern (made once: views cost). */
  views?: { readonly w: Float64Array; readonly x: Float64Array };
}

/** The 0/1 response vector of `assoc` over `units` A-units (made once per pattern). */
function responseVector(assoc: Association, units: number): Float64Array {
  if (!assoc.a) {
    const a = new Float64Array(units);
    for (let j = 0; j < assoc.active.length; j++) a[assoc.active[j]] = 1;
    assoc.a = a;
  }
  return assoc.a;
}

/**
 * linearSum(w, a, bias) for A-unit responses `a` whose active units are `active[0..count)`, bit for
 * bit: the active weights in ascending order, then the bias. A 0 response adds w·0 = ±0, which
 * leaves a sum that starts at +0 unchanged (it can never be −0), and w·1 is w; so only the active
 * units count.
 */
function activeSum(
  w: Float64Array,
  active: Int32Array,
  count: number,
  bias: boolean,
  biasIndex: number,
): number {
  let acc = 0;
  for (let j = 0; j < count; j++) acc += w[active[j]];
  return bias ? acc + w[biasIndex] : acc;
}

/**
 * The plugboard read from the other side: for each S-unit, the A-units it feeds (+1 excitatory,
 * −1 inhibitory), so that a binary retina's A-unit sums can be built from its lit cells alone.
 */
interface FanOut {
  /** S-unit s feeds `unit[k]` with sign `sign[k]` for start[s] ≤ k < start[s + 1]. */
  readonly start: Int32Array;
  readonly unit: Int32Array;
  readonly sign: Int8Array;
}

function fanOutOf(board: Plugboard, sUnits: number): FanOut {
  const start = new Int32Array(sUnits + 1);
  const links = (list: Int32Array[]) => list.forEach((inputs) => inputs.forEach((s) => start[s + 1]++));
  links(board.excitatory);
  links(board.inhibitory);
  for (let s = 0; s < sUnits; s++) start[s + 1] += start[s];
  const unit = new Int32Array(start[sUnits]);
  const sign = new Int8Array(start[sUnits]);
  const fill = start.slice(0, sUnits);
  const place = (list: Int32Array[], v: number) =>
    list.forEach((inputs, a) =>
      inputs.forEach((s) => {
        unit[fill[s]] = a;
        sign[fill[s]++] = v;
      }),
    );
  place(board.excitatory, 1);
  place(board.inhibitory, -1);
  return { start, unit, sign };
}

/** A Mark I's A-unit responses, cached per pattern object and checked against a copy on each hit. */
class AssociationCache {
  private readonly cache = new WeakMap<object, CacheEntry>();
  private readonly fan: FanOut;
  /** Scratch: each A-unit's Σexc − Σinh for the pattern being associated. */
  private readonly sums: Int32Array;
  /** Scratch: the active units found by `associate`. */
  private readonly active: Int32Array;
  /** Scratch for the plugboard's own loop (non-binary retinas). */
  private readonly vector: Float64Array;

  constructor(
    private readonly board: Plugboard,
    private readonly theta: number,
    sUnits: number,
  ) {
    this.fan = fanOutOf(board, sUnits);
    this.sums = new Int32Array(board.excitatory.length);
    this.active = new Int32Array(board.excitatory.length);
    this.vector = new Float64Array(board.excitatory.length);
  }

  /**
   * `associationResponses`, as its active units: writes them to `this.active` and returns how many.
   * A retina of 0s and 1s (every Mark I retina so far) is summed from its lit cells through the
   * fan-out table: a tenth of the work on a sparse card, and the same numbers, since sums of ±1 are
   * exact in any order. Any other value (grey levels, NaN) takes the plugboard's own loop. Nothing is
   * allocated: most of a response's cost was its two fresh typed arrays.
   */
  private associate(x: ArrayLike<number>): number {
    const { start, unit, sign } = this.fan;
    const sums = this.sums;
    const active = this.active;
    let count = 0;
    sums.fill(0);
    const n = start.length - 1;
    for (let s = 0; s < n; s++) {
      const v = x[s];
      if (v === 0) continue;
      if (v !== 1) {
        const a = associationResponses(this.board, x, this.theta, this.vector);
        for (let u = 0; u < a.length; u++) if (a[u] !== 0) active[count++] = u;
        return count;
      }
      for (let k = start[s]; k < start[s + 1]; k++) sums[unit[k]] += sign[k];
    }
    const theta = this.theta;
    for (let u = 0; u < sums.length; u++) if (sums[u] >= theta) active[count++] = u;
    return count;
  }

  /**
   * The active units for `x` without remembering them: `{ active, count }`, where `active` may be
   * scratch that the next call overwrites (read it at once).
   */
  peek(x: ArrayLike<number>): { active: Int32Array; count: number } {
    const hit = this.lookup(x);
    if (hit) return { active: hit.active, count: hit.active.length };
    return { active: this.active, count: this.associate(x) };
  }

  private lookup(x: ArrayLike<number>): Association | undefined {
    if (typeof x !== 'object' || x === null) return undefined;
    const hit = this.cache.get(x as object);
    return hit && unchanged(hit, x) ? hit.assoc : undefined;
  }

  /** The responses to `x`, from the cache when `x` was seen before (and cached for next time). */
  responses(x: ArrayLike<number>): Association {
    const hit = this.lookup(x);
    if (hit) return hit;
    const assoc: Association = { active: this.active.slice(0, this.associate(x)) };
    if (typeof x !== 'object' || x === null) return assoc;
    const key = x as object;
    const copy = Float64Array.from(x);
    this.cache.set(key, {
      copy,
      copyBytes: Buffer.from(copy.buffer),
      xBytes: x instanceof Float64Array ? Buffer.from(x.buffer, x.byteOffset, x.byteLength) : undefined,
      assoc,
    });
    return assoc;
  }
}

interface CacheEntry {
  readonly copy: Float64Array;
  readonly copyBytes: Buffer;
  /** A byte view of the pattern itself when it is a Float64Array (compared natively). */
  readonly xBytes?: Buffer;
  readonly assoc: Association;
}

/** Whether `x` still holds the values cached. */
function unchanged(hit: CacheEntry, x: ArrayLike<number>): boolean {
  if (hit.copy.length !== x.length) return false;
  if (hit.xBytes && hit.xBytes.length === hit.copyBytes.length) return hit.xBytes.equals(hit.copyBytes);
  for (let i = 0; i < x.length; i++) if (hit.copy[i] !== x[i]) return false;
  return true;
}

function checkPattern(x: ArrayLike<number>, d: ArrayLike<number>, inputs: number, outputs: number): void {
  if (x.length !== inputs) throw new RangeError(`pattern has ${x.length} inputs, the machine ${inputs}`);
  if (d.length !== outputs) throw new RangeError(`${d.length} desired responses for ${outputs} outputs`);
}

abstract class DenseMachine implements MachineEngine {
  readonly engine = 'dense' as const;
  readonly model: MachineModel;
  readonly inputs: number;
  readonly outputs: number;

  constructor(protected readonly r: ResolvedMachineOptions) {
    this.model = r.model;
    this.inputs = r.inputs;
    this.outputs = r.outputs;
  }

  abstract present(
    x: ArrayLike<number>,
    d: ArrayLike<number>,
    where: { step: number; epoch: number; pattern: number },
  ): LearningStep;
  abstract respond(x: ArrayLike<number>): { sums: number[]; outputs: number[] };
  abstract weights(): WeightsJson;

  hardwareSeconds(): number {
    return 0;
  }

  fixedConfig(): Record<string, unknown> {
    return {};
  }
}

/**
 * perceptron and mark1: independent threshold units (R-units) trained by a perceptron or value-gain
 * rule. The Mark I's units see the A-unit responses. Because those are 0/1, the perceptron rules
 * are applied to the sub-vector of the active A-units (plus the bias): a zero input adds nothing to
 * the sum (bitwise, summed in the same ascending order), to |X|², or to the update, so the rule's
 * result is identical and costs a quarter of the work. Only active units' potentiometers move.
 */
class ThresholdMachine extends DenseMachine {
  private readonly layer: DenseLayer;
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

  constructor(r: ResolvedMachineOptions) {
    super(r);
    this.unitInputs = r.model === 'mark1' ? (r.mark1?.aUnits as number) : r.inputs;
    this.layer = new DenseLayer(r.outputs, this.unitInputs, hasBias(r), r.initial.layers[0]);
    if (r.model === 'mark1')
      this.assoc = new AssociationCache(r.board as Plugboard, r.mark1?.theta as number, r.inputs);
    const rule = r.rule;
    if (rule.kind === 'perceptron') {
      this.perceptronOptions = {
        eta: rule.eta,
        tie: rule.tie,
        correction: rule.correction,
        bias: hasBias(r),
      };
    }
    this.compact = new Float64Array(this.unitInputs + 1);
    this.ones = new Float64Array(this.unitInputs).fill(1);
    const m = r.mark1 as Mark1Structure | undefined;
    if (r.model === 'mark1' && m && m.arWiring === 'partitioned') {
      this.blocks = Array.from({ length: r.outputs }, (_, k) => rUnitBlock(m, k));
      this.blockMembers = this.blocks.map(([lo, hi]) =>
        Int32Array.from({ length: hi - lo }, (_, i) => lo + i),
      );
    }
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
    const n = this.outputs;
    const sums = new Array<number>(n);
    const outputs = new Array<number>(n);
    const errors = new Array<number>(n);
    const log = new ChangeLog();
    let mistake = false;
    if (rule.kind === 'perceptron') {
      const options = this.perceptronOptions as PerceptronOptions;
      if (this.assoc) {
        const assoc = this.assoc.responses(x);
        for (let k = 0; k < n; k++) {
          const s = this.compactPerceptronStep(k, assoc, d[k], options, log);
          sums[k] = s.sum;
          outputs[k] = s.output;
          errors[k] = d[k] - s.output;
          if (s.mistake) mistake = true;
        }
      } else {
        for (let k = 0; k < n; k++) {
          if (options.correction === 'fixed') {
            const sum = fixedPerceptronStep(
              this.layer.rows[k],
              x,
              d[k],
              options.eta as number,
              options.tie as ZeroSumConvention,
              this.layer.bias,
              this.arena,
              (before, after) => log.addSnapshot(0, k, this.unitInputs, before, after),
            );
            const output = perceptronOutput(sum, options.tie);
            sums[k] = sum;
            outputs[k] = output;
            errors[k] = d[k] - output;
            if (output !== d[k]) mistake = true;
            continue;
          }
          const s = perceptronStep(this.layer.rows[k], x, d[k], options);
          sums[k] = s.sum;
          outputs[k] = s.output;
          errors[k] = d[k] - s.output;
          if (s.mistake) mistake = true;
          log.add(0, k, this.unitInputs, s.changed);
        }
      }
    } else if (rule.kind === 'value-gain') {
      const input = this.assoc ? responseVector(this.assoc.responses(x), this.unitInputs) : x;
      const bias = this.layer.bias;
      for (let k = 0; k < n; k++) {
        const w = this.layer.rows[k];
        const dk = d[k];
        // Forced training (R58): the desired response is reinforced on every presentation,
        // positively for d = +1 and negatively for d = −1, whether or not the unit was wrong.
        const sum = linearSum(w, input, bias);
        const output = perceptronOutput(sum, rule.tie);
        sums[k] = sum;
        outputs[k] = output;
        errors[k] = dk - output;
        if (output !== dk) mistake = true;
        const values = bias ? w.subarray(0, this.unitInputs) : w;
        // The source set is the R-unit's own pots (its block with partitioned wiring).
        log.add(
          0,
          k,
          this.unitInputs,
          valueGainStep(values, input, {
            system: rule.system,
            increment: rule.increment * dk,
            members: this.blockMembers?.[k],
          }),
        );
      }
    } else {
      throw new Error(`rule ${rule.name} on a threshold machine`);
    }
    return makeStep(where, sums, outputs, toArray(d), errors, mistake, log);
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
  ): { sum: number; output: number; mistake: boolean } {
    const w = this.layer.rows[k];
    const active = this.activeOf(k, assoc.active, assoc.active.length);
    const m = active.length;
    const bias = this.layer.bias;
    if (options.correction === 'fixed') {
      // fixedPerceptronStep on the sub-vector, with its all-ones input folded in: w·1 is w, so the
      // sum adds the active weights in ascending order (then the bias) as linearSum does, |X|² is
      // m (+1), and each changed weight becomes w + 1·η·d. Nothing is gathered unless it changes.
      checkBipolar(d);
      const sum = activeSum(w, active, m, bias, this.unitInputs);
      const output = perceptronOutput(sum, options.tie);
      if (output === d || (m === 0 && !bias)) return { sum, output, mistake: output !== d };
      const eta = options.eta as number;
      if (!(eta > 0) || !Number.isFinite(eta)) throw new RangeError(`perceptron eta must be > 0, got ${eta}`);
      const scale = 1 * eta * d;
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
      return { sum, output, mistake: true };
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

/**
 * Whether an ADALINE's quantized response is wrong: it differs from the desired response passed
 * through the same quantizer (so for ±1 targets, y ≠ d; for d = 0 under 'negative', s > 0).
 */
function adalineMistake(sum: number, d: number, tie: 'negative' | 'positive'): boolean {
  return quantize(sum, tie) !== quantize(d, tie);
}

/** adaline: independent ADALINEs trained by α-LMS or μ-LMS on the linear error. */
class AdalineMachine extends DenseMachine {
  private readonly layer: DenseLayer;

  constructor(r: ResolvedMachineOptions) {
    super(r);
    this.layer = new DenseLayer(r.outputs, r.inputs, true, r.initial.layers[0]);
  }

  present(
    x: ArrayLike<number>,
    d: ArrayLike<number>,
    where: { step: number; epoch: number; pattern: number },
  ): LearningStep {
    checkPattern(x, d, this.inputs, this.outputs);
    const rule = this.r.rule;
    if (rule.kind !== 'lms') throw new Error(`rule ${rule.name} on an ADALINE`);
    const n = this.outputs;
    const sums = new Array<number>(n);
    const outputs = new Array<number>(n);
    const errors = new Array<number>(n);
    const log = new ChangeLog();
    let mistake = false;
    for (let k = 0; k < n; k++) {
      const s =
        rule.variant === 'alpha'
          ? alphaLmsStep(this.layer.rows[k], x, d[k], rule.step, { bias: true })
          : muLmsStep(this.layer.rows[k], x, d[k], rule.step, { bias: true });
      sums[k] = s.sum;
      outputs[k] = quantize(s.sum, rule.tie);
      errors[k] = s.error;
      if (adalineMistake(s.sum, d[k], rule.tie)) mistake = true;
      log.add(0, k, this.inputs, s.changed);
    }
    return makeStep(where, sums, outputs, toArray(d), errors, mistake, log);
  }

  respond(x: ArrayLike<number>): { sums: number[]; outputs: number[] } {
    const tie = this.r.rule.tie as 'negative' | 'positive';
    const sums = this.layer.rows.map((w) => linearSum(w, x, true));
    return { sums, outputs: sums.map((s) => quantize(s, tie)) };
  }

  weights(): WeightsJson {
    return { layers: [this.layer.toJson()] };
  }
}

/**
 * madaline with MRI: one group of ADALINEs per output, each group feeding a fixed AND/OR/MAJ
 * element. `sums` of a step are the ADALINEs' sums (group by group), `outputs` the elements'.
 */
class MriMachine extends DenseMachine {
  private readonly layer: DenseLayer;
  private readonly groups: Float64Array[][];

  constructor(r: ResolvedMachineOptions) {
    super(r);
    this.layer = new DenseLayer(r.initial.layers[0].weights.length, r.inputs, true, r.initial.layers[0]);
    const a = r.madaline?.adalines as number;
    this.groups = [];
    for (let g = 0; g < r.outputs; g++) this.groups.push(this.layer.rows.slice(g * a, (g + 1) * a));
  }

  present(
    x: ArrayLike<number>,
    d: ArrayLike<number>,
    where: { step: number; epoch: number; pattern: number },
  ): LearningStep {
    checkPattern(x, d, this.inputs, this.outputs);
    const rule = this.r.rule;
    if (rule.kind !== 'mri') throw new Error(`rule ${rule.name} on an MRI MADALINE`);
    const a = this.groups[0].length;
    const n = this.outputs;
    const sums = new Array<number>(n * a);
    const outputs = new Array<number>(n);
    const errors = new Array<number>(n);
    const log = new ChangeLog();
    let mistake = false;
    for (let g = 0; g < n; g++) {
      const s = mriStep(this.groups[g], x, d[g], {
        element: rule.element,
        correction: rule.correction,
        margin: rule.margin,
        alpha: rule.alpha,
        tie: rule.tie,
        bias: true,
      });
      for (let j = 0; j < a; j++) sums[g * a + j] = s.sums[j];
      outputs[g] = s.output;
      errors[g] = d[g] - s.output;
      if (s.mistake) mistake = true;
      // mriStep lists changes unit by unit in adaptation order; keep that order.
      let start = 0;
      while (start < s.changed.length) {
        const unit = s.changed[start].unit;
        let end = start;
        while (end < s.changed.length && s.changed[end].unit === unit) end++;
        log.add(0, g * a + unit, this.inputs, s.changed.slice(start, end));
        start = end;
      }
    }
    return makeStep(where, sums, outputs, toArray(d), errors, mistake, log);
  }

  respond(x: ArrayLike<number>): { sums: number[]; outputs: number[] } {
    const rule = this.r.rule;
    if (rule.kind !== 'mri') throw new Error('not MRI');
    const sums: number[] = [];
    const outputs: number[] = [];
    for (const group of this.groups) {
      const f = mriForward(group, x, rule.element, rule.tie, true);
      sums.push(...f.sums);
      outputs.push(f.output);
    }
    return { sums, outputs };
  }

  weights(): WeightsJson {
    return { layers: [this.layer.toJson()] };
  }

  override fixedConfig(): Record<string, unknown> {
    return { madaline: { ...this.r.madaline } };
  }
}

/** madaline with MRII: hidden ADALINEs into an adaptive output layer of ADALINEs. */
class MriiMachine extends DenseMachine {
  private readonly hidden: DenseLayer;
  private readonly output: DenseLayer;
  private readonly net: MriiNetwork;

  constructor(r: ResolvedMachineOptions) {
    super(r);
    const a = r.madaline?.adalines as number;
    this.hidden = new DenseLayer(a, r.inputs, true, r.initial.layers[0]);
    this.output = new DenseLayer(r.outputs, a, true, r.initial.layers[1]);
    this.net = { hidden: this.hidden.rows, output: this.output.rows };
  }

  present(
    x: ArrayLike<number>,
    d: ArrayLike<number>,
    where: { step: number; epoch: number; pattern: number },
  ): LearningStep {
    checkPattern(x, d, this.inputs, this.outputs);
    const rule = this.r.rule;
    if (rule.kind !== 'mrii') throw new Error(`rule ${rule.name} on an MRII MADALINE`);
    const s = mriiStep(this.net, x, d, {
      hiddenAlpha: rule.alpha,
      outputAlpha: rule.alpha,
      maxTrialSize: rule.maxTrialSize,
      tie: rule.tie,
      bias: true,
    });
    const n = this.outputs;
    const errors = new Array<number>(n);
    for (let k = 0; k < n; k++) errors[k] = d[k] - s.before.outputs[k];
    const log = new ChangeLog();
    // mriiStep lists changes in the order made; keep it, one run per (layer, unit).
    let start = 0;
    while (start < s.changed.length) {
      const { layer, unit } = s.changed[start];
      let end = start;
      while (end < s.changed.length && s.changed[end].layer === layer && s.changed[end].unit === unit) end++;
      const l = layer === 'hidden' ? 0 : 1;
      log.add(l, unit, l === 0 ? this.inputs : this.hidden.units, s.changed.slice(start, end));
      start = end;
    }
    return makeStep(
      where,
      s.before.outputSums.slice(),
      s.before.outputs.slice(),
      toArray(d),
      errors,
      s.errorsBefore > 0,
      log,
    );
  }

  respond(x: ArrayLike<number>): { sums: number[]; outputs: number[] } {
    const rule = this.r.rule;
    const f = mriiForward(this.net, x, rule.tie as 'negative' | 'positive', true);
    return { sums: f.outputSums, outputs: f.outputs };
  }

  weights(): WeightsJson {
    return { layers: [this.hidden.toJson(), this.output.toJson()] };
  }

  override fixedConfig(): Record<string, unknown> {
    return { madaline: { ...this.r.madaline } };
  }
}

/** Build a machine in the dense engine from already-resolved options. */
export function denseMachineFromResolved(r: ResolvedMachineOptions): MachineEngine {
  const on = nonIdealitiesOn(r.nonIdeal);
  if (on.length > 0) {
    throw new UserError(
      `the dense engine models ideal parts only; ${on.join(', ')} need the event engine (--engine event)`,
    );
  }
  switch (r.model) {
    case 'perceptron':
    case 'mark1':
      return new ThresholdMachine(r);
    case 'adaline':
      return new AdalineMachine(r);
    case 'madaline':
      return r.rule.kind === 'mrii' ? new MriiMachine(r) : new MriMachine(r);
  }
}

/** A machine in the dense engine: `MachineEngine` on typed arrays, engine 'dense'. */
export function createDenseMachine(model: MachineModel, options: MachineOptions): MachineEngine {
  return denseMachineFromResolved(resolveMachineOptions(model, options));
}
