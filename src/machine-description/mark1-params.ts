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
  /**
   * How the A-units reach the R-units through the motor-driven potentiometers.
   * - `partitioned` (default): one pot per A-unit, so 512 pots on the Mark I. The A-units are split
   *   into equal consecutive blocks, one block per R-unit (with one R-unit, all of them). Both
   *   readings in REFERENCES.md D1 give 512 adjustable weights ("512 adjustable weights", "512
   *   connections with adjustable weights"), which one pot per A-unit fits.
   * - `full`: every A-unit reaches every R-unit, A × R pots (4,096 on the Mark I): the upper bound
   *   the secondary "512 A × 8 R" reading allows, kept as an option.
   * The plugboard is random, so which consecutive A-units go to an R-unit does not matter.
   */
  readonly arWiring: ArWiring;
}

export type ArWiring = 'partitioned' | 'full';
export const AR_WIRINGS: readonly ArWiring[] = ['partitioned', 'full'];

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
  arWiring: 'partitioned',
};

/** Which defaults are assumptions rather than recorded facts (for docs and `--help`). */
export const MARK1_ASSUMPTIONS: ReadonlyArray<keyof Mark1Structure> = [
  'excitatory',
  'inhibitory',
  'theta',
  'rBias',
  'arWiring',
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
  if (!AR_WIRINGS.includes(m.arWiring))
    throw new UserError(
      `${origin}: arWiring must be one of ${AR_WIRINGS.join(', ')}, got '${String(m.arWiring)}'`,
    );
  if (m.arWiring === 'partitioned' && m.rUnits > m.aUnits)
    throw new UserError(
      `${origin}: with arWiring 'partitioned' each R-unit needs at least one A-unit of its own, but there are ${m.rUnits} R-units and ${m.aUnits} A-units (use more A-units or arWiring 'full')`,
    );
  if (!Number.isFinite(m.theta))
    throw new UserError(`${origin}: theta must be a finite number, got ${m.theta}`);
}

/**
 * The A-units wired to R-unit `unit` through a pot, as the half-open range [lo, hi). With `full`
 * wiring every A-unit; with `partitioned`, the unit's block of consecutive A-units (blocks differ in
 * size by at most one).
 */
export function rUnitBlock(
  m: Pick<Mark1Structure, 'aUnits' | 'rUnits' | 'arWiring'>,
  unit: number,
): [number, number] {
  if (m.arWiring === 'full') return [0, m.aUnits];
  const lo = Math.floor((unit * m.aUnits) / m.rUnits);
  const hi = Math.floor(((unit + 1) * m.aUnits) / m.rUnits);
  return [lo, hi];
}

/** How many A→R potentiometers the machine has (512 on the partitioned Mark I, 4,096 on the full). */
export function arPotCount(m: Pick<Mark1Structure, 'aUnits' | 'rUnits' | 'arWiring'>): number {
  return m.arWiring === 'full' ? m.aUnits * m.rUnits : m.aUnits;
}
