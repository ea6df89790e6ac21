/**
 * Mark I structure that fits the input size (issue 18).
 *
 * The Mark I defaults (MARK1_DEFAULTS: 512 A-units, 6 + 4 connections each, fan-out ≤ 40) describe a
 * 400-photocell retina. On a small input (iris: 4 features; 8×8 digits: 64) they cannot be wired:
 * an A-unit needs 10 distinct S-units, and 512 × 10 connections need more fan-out than 64 S-units
 * with 40 each give. Rather than make the newcomer search by trial, `train` derives values that fit
 * for the parameters the user did not give, and says which (a note on stderr). These derived values
 * are assumptions, not history (docs/train.md); for 400 inputs nothing changes.
 *
 * Where the user gave the parameter that does not fit, we fail with values that would work.
 */
import { UserError } from '../errors.js';
import { MARK1_DEFAULTS } from './mark1-params.js';
import type { Mark1Structure } from './mark1-params.js';

type Given = Partial<Pick<Mark1Structure, 'aUnits' | 'excitatory' | 'inhibitory' | 'maxFanOut'>>;

/**
 * The smallest fan-out limit with which the plugboard's greedy random wiring can never run out of
 * S-units: when A-unit a is wired, the spare capacity left is S·F − a·c and each S-unit holds at
 * most F of it, so at least (S·F − a·c)/F S-units are open; F ≥ (A−1)·c/(S−c) keeps that ≥ c for
 * every a. F = A (every S-unit may feed every A-unit) always works.
 */
export function safeFanOut(sUnits: number, aUnits: number, perUnit: number): number {
  if (sUnits <= perUnit) return aUnits;
  return Math.min(aUnits, Math.max(1, Math.ceil(((aUnits - 1) * perUnit) / (sUnits - perUnit))));
}

/**
 * Values to add to the user's Mark I settings so that `inputs` S-units can be wired, and notes
 * saying what was chosen and why. Returns no values and no notes when the defaults fit (the
 * historical 20×20 retina).
 */
export function fitMark1(inputs: number, given: Given): { values: Partial<Mark1Structure>; notes: string[] } {
  const values: { -readonly [K in keyof Mark1Structure]?: Mark1Structure[K] } = {};
  const notes: string[] = [];
  const aUnits = given.aUnits ?? MARK1_DEFAULTS.aUnits;
  let exc = given.excitatory ?? MARK1_DEFAULTS.excitatory;
  let inh = given.inhibitory ?? MARK1_DEFAULTS.inhibitory;
  if (exc + inh > inputs) {
    if (given.excitatory !== undefined || given.inhibitory !== undefined) {
      const e = Math.max(1, Math.round((inputs * 6) / 10));
      throw new UserError(
        `mark1: each A-unit needs ${exc + inh} distinct S-units (--excitatory ${exc} + --inhibitory ${inh}) but the data have ${inputs} inputs; try --excitatory ${e} --inhibitory ${inputs - e}`,
      );
    }
    // Keep the default's 6 : 4 ratio of excitatory to inhibitory, using every input.
    exc = Math.max(1, Math.round((inputs * MARK1_DEFAULTS.excitatory) / 10));
    inh = inputs - exc;
    values.excitatory = exc;
    values.inhibitory = inh;
    notes.push(
      `mark1: ${inputs} inputs cannot give each A-unit the default 6 excitatory + 4 inhibitory distinct connections; using --excitatory ${exc} --inhibitory ${inh} (an assumption, keeping the 6:4 ratio)`,
    );
  }
  const perUnit = exc + inh;
  const needed = safeFanOut(inputs, aUnits, perUnit);
  if (given.maxFanOut !== undefined) {
    if (aUnits * perUnit > given.maxFanOut * inputs) {
      // The most A-units the greedy wiring always fits with this fan-out (see safeFanOut).
      const a =
        inputs > perUnit ? Math.floor((given.maxFanOut * (inputs - perUnit)) / perUnit) + 1 : given.maxFanOut;
      throw new UserError(
        `mark1: ${aUnits} A-units × ${perUnit} connections = ${aUnits * perUnit} exceed what ${inputs} inputs with --max-fan-out ${given.maxFanOut} can feed (${given.maxFanOut * inputs}); try --max-fan-out ${needed}` +
          (a >= 1 ? ` or --a-units ${a}` : ''),
      );
    }
  } else if (needed > MARK1_DEFAULTS.maxFanOut) {
    values.maxFanOut = needed;
    notes.push(
      `mark1: ${aUnits} A-units × ${perUnit} connections do not fit ${inputs} inputs with the Mark I's fan-out limit of ${MARK1_DEFAULTS.maxFanOut}; using --max-fan-out ${needed}, the least with which the random plugboard always wires (an assumption)`,
    );
  }
  return { values, notes };
}
