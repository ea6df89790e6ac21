/**
 * The Mark I Perceptron's structural parameters and their defaults.
 *
 * Facts (REFERENCES.md §1.1): a 20×20 retina of 400 photocells, 512 A-units, 8 R-units, a random
 * plugboard with excitatory and inhibitory connections. Not recorded anywhere we could find
 * (REFERENCES.md §0.2), so parameters with defaults marked as assumptions: the A-unit threshold θ,
 * the connections per A-unit (x excitatory, y inhibitory), and whether the R-units had an adjustable
 * bias. The fan-out limit of 40 is from Wikipedia (unverified). See docs/machines.md.
 *
 * Both engines build the Mark I from these (the event engine adds its timing parameters).
 */
import { UserError } from '../errors.js';
import type { PlugboardParams } from './plugboard.js';

export interface Mark1Structure {
  /** Retina width and height in photocells (20×20 on the Mark I). */
  readonly retinaWidth: number;
  readonly retinaHeight: number;
  /** A-units (512 on the Mark I). */
  readonly aUnits: number;
  /** R-units (8 on the Mark I). `train` uses one per class (one for two classes). */
  readonly rUnits: number;
  /** Excitatory S→A connections per A-unit (x in Rosenblatt 1958). Assumption. */
  readonly excitatory: number;
  /** Inhibitory S→A connections per A-unit (y). Assumption. */
  readonly inhibitory: number;
  /** At most this many A-units per S-unit (40: Wikipedia, unverified). */
  readonly maxFanOut: number;
  /** A-unit threshold θ: fires when Σexc − Σinh ≥ θ (Rosenblatt 1958 p.389). Assumption. */
  readonly theta: number;
  /**
   * Whether each R-unit has an adjustable bias (a potentiometer on a constant input). WL90 Fig. 13
   * draws the α-perceptron's adaptive element with no bias weight, so the default is false.
   */
  readonly rBias: boolean;
}

export const MARK1_DEFAULTS: Mark1Structure = {
  retinaWidth: 20,
  retinaHeight: 20,
  aUnits: 512,
  rUnits: 8,
  excitatory: 6,
  inhibitory: 4,
  maxFanOut: 40,
  theta: 2,
  rBias: false,
};

/** Which defaults are assumptions rather than recorded facts (for docs and `--help`). */
export const MARK1_ASSUMPTIONS: ReadonlyArray<keyof Mark1Structure> = [
  'excitatory',
  'inhibitory',
  'theta',
  'rBias',
];

export function plugboardParams(m: Mark1Structure): PlugboardParams {
  return {
    sUnits: m.retinaWidth * m.retinaHeight,
    aUnits: m.aUnits,
    excitatory: m.excitatory,
    inhibitory: m.inhibitory,
    maxFanOut: m.maxFanOut,
  };
}

/** Check a structure; throws a UserError naming the parameter. */
export function checkMark1Structure(m: Mark1Structure, origin = 'mark1'): void {
  const positive: Array<keyof Mark1Structure> = [
    'retinaWidth',
    'retinaHeight',
    'aUnits',
    'rUnits',
    'maxFanOut',
  ];
  for (const k of positive) {
    const v = m[k] as number;
    if (!Number.isInteger(v) || v < 1)
      throw new UserError(`${origin}: ${k} must be a whole number ≥ 1, got ${v}`);
  }
  for (const k of ['excitatory', 'inhibitory'] as const) {
    if (!Number.isInteger(m[k]) || m[k] < 0)
      throw new UserError(`${origin}: ${k} must be a whole number ≥ 0, got ${m[k]}`);
  }
  if (m.excitatory + m.inhibitory < 1)
    throw new UserError(`${origin}: an A-unit needs at least one connection`);
  if (!Number.isFinite(m.theta))
    throw new UserError(`${origin}: theta must be a finite number, got ${m.theta}`);
}
