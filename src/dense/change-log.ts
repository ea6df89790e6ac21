/**
 * A dense step's weight changes, kept as the rules reported them (or as snapshots of a unit's vector
 * before and after a fixed-increment correction) and turned into `StepWeightChange`s only when read:
 * most steps' changes are never read while training runs, and building them cost most of the dense
 * Mark I's time.
 */
import type { LearningStep, StepWeightChange } from '../machine-description/types.js';
import type { WeightChange } from '../rules/index.js';

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
export class SnapshotArena {
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
export class ChangeLog {
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

export function makeStep(
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

export function toArray(v: ArrayLike<number>): number[] {
  const out = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i];
  return out;
}
