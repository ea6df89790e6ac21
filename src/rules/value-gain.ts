/**
 * Rosenblatt's 1958 value-gain reinforcement systems (α and γ).
 *
 * Source: Rosenblatt, "The perceptron: a probabilistic model for information storage and organization
 * in the brain", Psychological Review 65(6):386–408, 1958; REFERENCES.md §1.3 and D7.
 *
 * INTERPRETATION. REFERENCES §1.3 marks the definitions as secondary (a blog's summary of R58), so
 * what follows is this project's reading, not a quotation:
 *
 * - Each A-unit in the source set of an R-unit carries a "value" vᵢ (its weight onto that R-unit).
 *   A unit is active for a stimulus when its activity aᵢ > 0 (R58's A-units are all-or-nothing).
 * - Reinforcement applies to the source set of the R-unit whose response is reinforced; the caller
 *   passes that set's values (or the indices of its members within a larger vector).
 * - α-system ("uncompensated gain"): every active member gains the fixed increment δ and keeps it;
 *   inactive members are unchanged. Δvᵢ = δ·[aᵢ > 0].
 * - γ-system ("parasitic gain"): every active member gains δ, and the total k·δ gained by the k
 *   active members is taken in equal shares from the m inactive members of the same set, each losing
 *   k·δ/m, so Σvᵢ over the set is unchanged. If the set has no active or no inactive member, nothing
 *   can be transferred and nothing changes (our choice: the constant-total property wins over the gain).
 * - δ may be negative (negative reinforcement: active units lose value); R58 discusses both signs.
 * - The β-system ("constant feed") is not implemented.
 *
 * These rules never look at an error: they reinforce whatever response the trainer chose
 * (D7: error correction came in 1960).
 */
import type { MutableVec, Vec, WeightChange } from './vector.js';

export type ValueGainSystem = 'alpha' | 'gamma';
export const VALUE_GAIN_SYSTEMS: readonly ValueGainSystem[] = ['alpha', 'gamma'];

export interface ValueGainOptions {
  /** Which system. */
  readonly system: ValueGainSystem;
  /** The increment δ each active member gains (negative for negative reinforcement). */
  readonly increment: number;
  /**
   * Indices (into `values` and `activity`) of the source set's members. Default: every index, i.e.
   * `values` is exactly the source set.
   */
  readonly members?: ArrayLike<number>;
}

/**
 * Reinforce one response: update `values` in place by the chosen system and return the values that
 * changed. `activity[i] > 0` marks member i as active for the current stimulus.
 */
export function valueGainStep(values: MutableVec, activity: Vec, options: ValueGainOptions): WeightChange[] {
  if (activity.length !== values.length) {
    throw new RangeError(`activity has ${activity.length} entries, values ${values.length}`);
  }
  if (!Number.isFinite(options.increment)) {
    throw new RangeError(`value-gain increment must be finite, got ${options.increment}`);
  }
  const members = options.members ?? Array.from({ length: values.length }, (_, i) => i);
  const active: number[] = [];
  const inactive: number[] = [];
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    if (!(i >= 0 && i < values.length) || !Number.isInteger(i))
      throw new RangeError(`member index ${i} out of range`);
    (activity[i] > 0 ? active : inactive).push(i);
  }
  const delta = new Map<number, number>();
  if (options.system === 'alpha') {
    for (const i of active) delta.set(i, options.increment);
  } else {
    if (active.length === 0 || inactive.length === 0) return [];
    const loss = (options.increment * active.length) / inactive.length;
    for (const i of active) delta.set(i, options.increment);
    for (const i of inactive) delta.set(i, -loss);
  }
  const changed: WeightChange[] = [];
  for (const i of [...delta.keys()].sort((a, b) => a - b)) {
    const before = values[i];
    const after = before + (delta.get(i) ?? 0);
    if (after !== before) {
      values[i] = after;
      changed.push({ index: i, before, after });
    }
  }
  return changed;
}
