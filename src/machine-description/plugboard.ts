/**
 * The Mark I plugboard: the fixed, random S→A wiring.
 *
 * The Mark I's association units were wired to the photocells through a plugboard "according to a
 * table of random numbers", to "eliminate any particular intentional bias" (Tappert; Bishop 2006,
 * secondary), and the wiring stayed fixed during an experiment. Each A-unit has `excitatory` (x) and
 * `inhibitory` (y) connections (Rosenblatt 1958 p.389); it fires when Σexc − Σinh ≥ θ. Each S-unit
 * feeds at most `maxFanOut` A-units (up to 40: Wikipedia, unverified). How many connections each
 * A-unit had is not recorded, so x and y are parameters (defaults in docs/machines.md, assumptions).
 *
 * Both engines use this one function, so for the same seed they wire the same machine.
 */
import { UserError } from '../errors.js';
import type { Rng } from '../rng.js';

export interface PlugboardParams {
  /** Number of S-units (photocells), e.g. 400 for the 20×20 retina. */
  readonly sUnits: number;
  /** Number of A-units, 512 on the Mark I. */
  readonly aUnits: number;
  /** Excitatory connections per A-unit (x). */
  readonly excitatory: number;
  /** Inhibitory connections per A-unit (y). */
  readonly inhibitory: number;
  /** At most this many A-units per S-unit. */
  readonly maxFanOut: number;
}

export interface Plugboard {
  /** For each A-unit, the S-units of its excitatory connections, ascending. */
  readonly excitatory: Int32Array[];
  /** For each A-unit, the S-units of its inhibitory connections, ascending. */
  readonly inhibitory: Int32Array[];
  /** Number of A-units each S-unit feeds. */
  readonly fanOut: Int32Array;
}

/**
 * Wire the plugboard at random. Each A-unit draws x + y distinct S-units among those with spare
 * fan-out, uniformly, the first x excitatory. Throws a UserError when the fan-out limit cannot hold
 * that many connections.
 */
export function wirePlugboard(p: PlugboardParams, rng: Rng): Plugboard {
  const perUnit = p.excitatory + p.inhibitory;
  if (perUnit > p.sUnits) {
    throw new UserError(
      `plugboard: each A-unit needs ${perUnit} distinct S-units (excitatory ${p.excitatory} + inhibitory ${p.inhibitory}) but there are only ${p.sUnits}`,
    );
  }
  if (perUnit * p.aUnits > p.maxFanOut * p.sUnits) {
    throw new UserError(
      `plugboard: ${p.aUnits} A-units × ${perUnit} connections = ${perUnit * p.aUnits} exceed what ${p.sUnits} S-units with fan-out ≤ ${p.maxFanOut} can feed (${p.maxFanOut * p.sUnits}); lower the connections per A-unit or raise maxFanOut (train --max-fan-out)`,
    );
  }
  const fanOut = new Int32Array(p.sUnits);
  // S-units with spare fan-out, kept as a swap-remove list so a draw is O(1).
  const open = Array.from({ length: p.sUnits }, (_, i) => i);
  const excitatory: Int32Array[] = [];
  const inhibitory: Int32Array[] = [];
  for (let a = 0; a < p.aUnits; a++) {
    if (open.length < perUnit) {
      throw new UserError(
        `plugboard: only ${open.length} S-units have spare fan-out for A-unit ${a}, which needs ${perUnit}; raise maxFanOut (train --max-fan-out) or lower the connections per A-unit`,
      );
    }
    // Partial Fisher–Yates over the open list: the first perUnit entries become this unit's inputs.
    const chosen: number[] = [];
    for (let k = 0; k < perUnit; k++) {
      const j = k + rng.int(open.length - k);
      const t = open[k];
      open[k] = open[j];
      open[j] = t;
      chosen.push(open[k]);
    }
    for (const s of chosen) fanOut[s]++;
    excitatory.push(Int32Array.from(chosen.slice(0, p.excitatory)).sort());
    inhibitory.push(Int32Array.from(chosen.slice(p.excitatory)).sort());
    // Retire S-units that reached their fan-out (iterate backwards: swap-remove moves later entries).
    for (let i = open.length - 1; i >= 0; i--) {
      if (fanOut[open[i]] >= p.maxFanOut) {
        open[i] = open[open.length - 1];
        open.pop();
      }
    }
  }
  return { excitatory, inhibitory, fanOut };
}

/**
 * The A-unit responses (0/1) to a retina pattern: unit a fires when Σexc − Σinh ≥ θ (a tie fires,
 * Rosenblatt 1958 p.389). Shared by both engines' reference checks.
 */
export function associationResponses(
  board: Plugboard,
  retina: ArrayLike<number>,
  theta: number,
  out?: Float64Array,
): Float64Array {
  const n = board.excitatory.length;
  const a = out ?? new Float64Array(n);
  for (let u = 0; u < n; u++) {
    let s = 0;
    const ex = board.excitatory[u];
    const inh = board.inhibitory[u];
    for (let i = 0; i < ex.length; i++) s += retina[ex[i]];
    for (let i = 0; i < inh.length; i++) s -= retina[inh[i]];
    a[u] = s >= theta ? 1 : 0;
  }
  return a;
}
