/**
 * Shared pieces of the event-engine builders: the options the event engine adds to `MachineOptions`,
 * the weight technologies, and the non-idealities it implements (recorded in `fixedConfig()`).
 */
import { UserError } from '../errors.js';
import type { WeightActuator } from '../components/actuator.js';
import type { Memistor } from '../components/memistor.js';
import type { MotorPot } from '../components/motor-pot.js';
import type { Component } from '../sim/component.js';
import type { CircuitBuilder } from './event-machine.js';
import type { AdalineFile } from './machine-file.js';
import { nonIdealitiesOn } from './options.js';
import type { MachineOptions, NonIdealities } from './options.js';

/**
 * How a weight is realised: a motor-driven pot (Mark I; the perceptron model), a knob the operator
 * turns (the knobby ADALINE), or a memistor (the memistor ADALINE and MADALINE).
 */
export type WeightTechnology = 'motor-pot' | 'knob' | 'memistor';
export const WEIGHT_TECHNOLOGIES: readonly WeightTechnology[] = ['motor-pot', 'knob', 'memistor'];

/** Non-idealities the event engine understands beyond the shared ones. */
export interface EventNonIdealities extends NonIdealities {
  /**
   * Slew-rate limit as the machine felt it: the teacher drives the motors (or plating) for at most
   * this many seconds per correction; whatever is still moving then stops where it is.
   */
  readonly correctionWindow?: number;
}

/** `MachineOptions` plus what only the circuits have. */
export interface EventMachineOptions extends MachineOptions {
  /** Weight technology (adaline: `knob` default; madaline: the machine file's; perceptron: `motor-pot`). */
  readonly technology?: WeightTechnology;
  /** Overrides of the machine file's `timing` values, by name (seconds, or units/s for slews). */
  readonly timing?: Readonly<Record<string, number>>;
  readonly nonIdeal?: EventNonIdealities;
}

const KNOWN_NON_IDEALITIES = [
  'weightResolution',
  'endStop',
  'motorDeadBand',
  'memistorNonlinearity',
  'memistorDrift',
  'photocellNoise',
  'deadUnits',
  'stuckWeights',
  'stuckRelays',
  'correctionWindow',
];

/** Check the non-idealities' values; returns the names of those switched on. */
export function checkNonIdealities(n: EventNonIdealities, model: string): string[] {
  for (const k of Object.keys(n)) {
    if (!KNOWN_NON_IDEALITIES.includes(k))
      throw new UserError(`nonIdeal.${k}: unknown non-ideality; known: ${KNOWN_NON_IDEALITIES.join(', ')}`);
  }
  const nonNegative = (k: keyof EventNonIdealities, v: unknown) => {
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && Number.isFinite(v)))
      throw new UserError(`nonIdeal.${String(k)} must be a finite number ≥ 0, got ${String(v)}`);
  };
  nonNegative('weightResolution', n.weightResolution);
  nonNegative('motorDeadBand', n.motorDeadBand);
  nonNegative('memistorDrift', n.memistorDrift);
  nonNegative('photocellNoise', n.photocellNoise);
  if (n.endStop !== undefined && !(n.endStop > 0 && Number.isFinite(n.endStop)))
    throw new UserError(
      `nonIdeal.endStop must be a number > 0 (weights clamp to ±endStop), got ${n.endStop}`,
    );
  if (n.memistorNonlinearity !== undefined && !(n.memistorNonlinearity >= 0 && n.memistorNonlinearity <= 1))
    throw new UserError(`nonIdeal.memistorNonlinearity must be in [0, 1], got ${n.memistorNonlinearity}`);
  if (n.correctionWindow !== undefined && !(n.correctionWindow > 0))
    throw new UserError(`nonIdeal.correctionWindow must be > 0 seconds, got ${n.correctionWindow}`);
  if (model !== 'mark1') {
    if ((n.deadUnits?.length ?? 0) > 0 || (n.stuckRelays?.length ?? 0) > 0)
      throw new UserError(
        `nonIdeal.deadUnits and stuckRelays are faults of Mark I's A-units; ${model} has none`,
      );
    if ((n.photocellNoise ?? 0) > 0)
      throw new UserError(`nonIdeal.photocellNoise: ${model} has no photocells`);
  }
  return nonIdealitiesOn(n);
}

/** Set of "layer:unit:input" keys of stuck weights (input −1 = bias). */
export function stuckSet(n: NonIdealities, shapes: Array<{ units: number; inputs: number }>): Set<string> {
  const set = new Set<string>();
  for (const s of n.stuckWeights ?? []) {
    const shape = shapes[s.layer];
    if (!shape || !(s.unit >= 0 && s.unit < shape.units) || !(s.input >= -1 && s.input < shape.inputs))
      throw new UserError(
        `nonIdeal.stuckWeights: no weight at layer ${s.layer}, unit ${s.unit}, input ${s.input} (input −1 is the bias)`,
      );
    set.add(`${s.layer}:${s.unit}:${s.input}`);
  }
  return set;
}

/** Parameters of a motor-driven pot or knob. */
export interface PotSettings {
  readonly slew: number;
  readonly updateInterval: number;
  /** Report a moving wiper on arrival only unless probed (MotorPot's `moveOnce`); default false. */
  readonly moveOnce?: boolean;
  readonly min: number;
  readonly max: number;
}

/**
 * Add one adjustable weight of the given technology with initial value `w`, non-idealities applied.
 */
export function addWeight(
  b: CircuitBuilder,
  tech: WeightTechnology,
  id: string,
  w: number,
  n: EventNonIdealities,
  stuck: boolean,
  pot: PotSettings,
  mem: AdalineFile['memistor'],
): Component & WeightActuator {
  if (tech === 'memistor') {
    return b.add<Memistor>('memistor', id, {
      value: w,
      ...mem,
      nonlinearity: n.memistorNonlinearity ?? 0,
      // nonIdeal.memistorDrift is a relative rate per second: τ = 1/rate.
      driftTimeConstant: n.memistorDrift ? 1 / n.memistorDrift : 0,
    });
  }
  const endStop = n.endStop;
  return b.add<MotorPot>('motor-pot', id, {
    value: w,
    endStops: endStop !== undefined,
    min: endStop !== undefined ? -endStop : pot.min,
    max: endStop !== undefined ? endStop : pot.max,
    resolution: n.weightResolution ?? 0,
    slew: pot.slew,
    deadBand: n.motorDeadBand ?? 0,
    stuck,
    updateInterval: pot.updateInterval,
    moveOnce: pot.moveOnce ?? false,
  });
}

/** A weight whose drive has failed: it reads as the part does but ignores every command. */
export function stuckActuator(a: WeightActuator): WeightActuator {
  const stuck: WeightActuator = {
    id: a.id,
    weightNow: (sim) => a.weightNow(sim),
    command: () => undefined,
    travelSeconds: () => 0,
    busy: false,
  };
  if (a.mirrorTo) stuck.mirrorTo = (bank, index) => a.mirrorTo!(bank, index);
  return stuck;
}

/** Merge timing overrides into a machine file's timing block, refusing unknown names. */
export function mergeTiming<T extends object>(
  base: T,
  over: Readonly<Record<string, number>> | undefined,
  model: string,
): T {
  if (!over) return base;
  const out: Record<string, number> = { ...(base as Record<string, number>) };
  for (const [k, v] of Object.entries(over)) {
    if (!Object.hasOwn(out, k))
      throw new UserError(
        `timing.${k}: ${model} has no such timing parameter; known: ${Object.keys(out).join(', ')}`,
      );
    if (!(typeof v === 'number' && v >= 0 && Number.isFinite(v)))
      throw new UserError(`timing.${k} must be a finite number ≥ 0, got ${v}`);
    out[k] = v;
  }
  return out as T;
}
