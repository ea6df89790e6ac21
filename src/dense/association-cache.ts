/**
 * A Mark I pattern's A-unit responses, fixed by the plugboard: worked out from the lit retina cells
 * through the plugboard's fan-out, cached per pattern object for training (a hit is checked against
 * a copy of the pattern, so a caller that refills one buffer still gets the right answer), and the
 * R-units' sums over the active A-units only (bitwise the full sum, see `activeSum`).
 */
import { associationResponses } from '../machine-description/plugboard.js';
import type { Plugboard } from '../machine-description/plugboard.js';

/**
 * A pattern's A-unit responses: the ascending indices of the active (1) units. The 0/1 vector itself
 * is made only for the rules that read it (value-gain), by `responseVector`.
 */
export interface Association {
  readonly active: Int32Array;
  /** The responses as a 0/1 vector, once asked for. */
  a?: Float64Array;
  /** Views on the machine's scratch of the right length for this pattern (made once: views cost). */
  views?: { readonly w: Float64Array; readonly x: Float64Array };
}

/** The 0/1 response vector of `assoc` over `units` A-units (made once per pattern). */
export function responseVector(assoc: Association, units: number): Float64Array {
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
export function activeSum(
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
export class AssociationCache {
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
