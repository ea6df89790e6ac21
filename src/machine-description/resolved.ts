/**
 * The engine-neutral description of a resolved machine: what both engines build from (the rule with
 * its parameters, the structure, the initial weights, the non-idealities). `resolveMachineOptions`
 * (machines/options.ts) makes one from the user's options; the event engine (src/machines/) and the
 * dense engine (src/dense/) each build their machine from it, and import nothing of each other.
 */
import type { LogicElement, MriCorrection, StepRule } from '../rules/index.js';
import type { Mark1Structure } from './mark1-params.js';
import type { Plugboard } from './plugboard.js';
import type { MachineModel, WeightsJson } from './types.js';

/**
 * Component non-idealities (DESIGN.md "The hardware model"). All off (undefined, 0 or empty) by
 * default. The dense engine models ideal parts only and refuses a machine with any of them on; the
 * event engine implements them. Further engine-specific settings may be added by the event engine.
 */
export interface NonIdealities {
  /** Smallest weight step a potentiometer or memistor can hold (0 or undefined: continuous). */
  readonly weightResolution?: number;
  /** Weights clamp to ±this (undefined: no end-stops). */
  readonly endStop?: number;
  /** Motor dead-band: corrections smaller than this do not move the pot. */
  readonly motorDeadBand?: number;
  /** Memistor conductance nonlinearity (0: linear). */
  readonly memistorNonlinearity?: number;
  /** Memistor drift per simulated second (0: none). */
  readonly memistorDrift?: number;
  /** Standard deviation of photocell noise (0: none). */
  readonly photocellNoise?: number;
  /** Fault lists: units or weights that are dead or stuck. */
  readonly deadUnits?: readonly number[];
  readonly stuckWeights?: readonly { layer: number; unit: number; input: number }[];
  readonly stuckRelays?: readonly number[];
  readonly [other: string]: unknown;
}

/** Names of the non-idealities that are switched on (empty for ideal parts). */
export function nonIdealitiesOn(n: NonIdealities | undefined): string[] {
  if (!n) return [];
  return Object.entries(n)
    .filter(([, v]) => {
      if (v === undefined || v === null || v === false || v === 0) return false;
      if (Array.isArray(v)) return v.length > 0;
      return true;
    })
    .map(([k]) => k)
    .sort();
}

/** MADALINE structure and MRI/MRII settings. */
export interface MadalineParams {
  /** ADALINEs per output (MRI) or hidden ADALINEs (MRII). */
  readonly adalines: number;
  /** MRI's fixed output element. Unused by MRII. */
  readonly element: LogicElement;
  /** MRI: full ('fast') or one α-LMS step ('slow'). */
  readonly correction: MriCorrection;
  /** MRI fast correction's target margin m. */
  readonly margin: number;
  /** MRII: largest group of hidden units trial-inverted together. */
  readonly maxTrialSize: 1 | 2;
}

/** The rule's parameters, concrete (the learning step's `StepRule`). */
export type ResolvedRule = StepRule;

export interface ResolvedMachineOptions {
  readonly model: MachineModel;
  readonly inputs: number;
  readonly outputs: number;
  readonly rule: ResolvedRule;
  /** The effective `lr` (η, α, μ or δ), for output. */
  readonly lr: number;
  /** Mark I only: the full structure (rUnits = outputs) and the wired plugboard. */
  readonly mark1?: Mark1Structure;
  readonly board?: Plugboard;
  /** MADALINE only. */
  readonly madaline?: MadalineParams;
  /** Initial weights, shapes checked. */
  readonly initial: WeightsJson;
  /** Whether `initial` came from the caller. */
  readonly initGiven: boolean;
  readonly initRange: number;
  readonly nonIdeal: NonIdealities;
}

/**
 * Whether the machine's units carry an adaptive bias weight (the last entry of each rule vector):
 * always, except the Mark I's R-units without `rBias`.
 */
export function hasBias(r: ResolvedMachineOptions): boolean {
  return r.model === 'mark1' ? (r.mark1 as Mark1Structure).rBias : true;
}
