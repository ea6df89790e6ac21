/**
 * Weights rebuilt from a trace: the header's initial weights with every recorded change applied.
 * Each change records the value after it, so the weights after step N are exact doubles, with no
 * re-simulation and no accumulated rounding.
 */
import { BIAS_INPUT, DIRECT_LAYER, SLOPE_INPUT, weightName } from './format.js';
import type { ChangeTuple, TraceWeights } from './format.js';

/** Where a change points, or the reason it points nowhere. */
type Slot = { arr: number[]; index: number } | string;

export class WeightsState {
  private readonly w: TraceWeights;

  constructor(initial: TraceWeights) {
    this.w = structuredClone(initial);
  }

  private slot(layer: number, unit: number, input: number, piece: number): Slot {
    const name = weightName(layer, unit, input, piece);
    if (![layer, unit, input, piece].every(Number.isInteger)) return `${name}: indices must be whole numbers`;
    let weights: number[][] | undefined;
    let bias: number[] | undefined;
    let slopes: number[] | undefined;
    if (layer === DIRECT_LAYER) {
      if (piece !== 0) return `${name}: direct weights have no pieces`;
      weights = this.w.direct?.weights;
      if (!weights) return `${name}: the network has no direct weights`;
    } else {
      const L = this.w.layers[layer];
      if (layer < 0 || !L) return `${name}: there are ${this.w.layers.length} layers`;
      if (piece === 0) {
        weights = L.weights;
        bias = L.bias;
        slopes = L.slopes;
      } else {
        const P = L.extraPieces?.[piece - 1];
        if (piece < 0 || !P) return `${name}: the layer has no piece ${piece}`;
        weights = P.weights;
        bias = P.bias;
      }
    }
    const n = weights.length;
    if (unit < 0 || unit >= n) return `${name}: the layer has ${n} units`;
    if (input === BIAS_INPUT) {
      if (!bias || unit >= bias.length) return `${name}: no such bias`;
      return { arr: bias, index: unit };
    }
    if (input === SLOPE_INPUT) {
      if (!slopes || unit >= slopes.length) return `${name}: the layer has no learned slopes`;
      return { arr: slopes, index: unit };
    }
    const row = weights[unit];
    if (input < 0 || !Array.isArray(row) || input >= row.length) {
      return `${name}: the unit has ${Array.isArray(row) ? row.length : 0} inputs`;
    }
    return { arr: row, index: input };
  }

  /** The current value of the weight a change addresses; a string explains why there is none. */
  get(c: ChangeTuple): number | string {
    const s = this.slot(c[0], c[1], c[2], c[4] ?? 0);
    return typeof s === 'string' ? s : s.arr[s.index];
  }

  /** Apply a change; returns the value before it, or a string saying why the change is impossible. */
  apply(c: ChangeTuple): number | string {
    const s = this.slot(c[0], c[1], c[2], c[4] ?? 0);
    if (typeof s === 'string') return s;
    const before = s.arr[s.index];
    s.arr[s.index] = c[3];
    return before;
  }

  /** A copy of the current weights, in the header's shape (`train --json`'s `final`). */
  snapshot(): TraceWeights {
    return structuredClone(this.w);
  }

  /** Read-only view of the current weights (do not keep it across `apply`). */
  view(): Readonly<TraceWeights> {
    return this.w;
  }
}

/** The first place two weight sets differ (`layers[0].bias[2]`), or null when identical (Object.is). */
export function firstWeightDifference(
  a: unknown,
  b: unknown,
  path = '',
): { path: string; a: unknown; b: unknown } | null {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) ? null : { path, a, b };
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return { path: `${path}.length`, a: a.length, b: b.length };
    for (let i = 0; i < a.length; i++) {
      const d = firstWeightDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) {
      const d = firstWeightDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        path ? `${path}.${k}` : k,
      );
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : { path, a, b };
}
