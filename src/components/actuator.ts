/**
 * What a teacher needs from an adjustable weight: read the weight it realises now, and command a
 * new one. Motor-driven pots and memistors implement it; the adapter component uses it, so one
 * teacher drives either weight technology.
 */
import type { Simulator } from '../sim/simulator.js';

export interface WeightActuator {
  readonly id: string;
  /** The weight the part realises at the current simulated time (what its output multiplies by). */
  weightNow(sim: Simulator): number;
  /** Start moving toward weight `target`; the change begins in the next delta cycle of this instant. */
  command(sim: Simulator, target: number): void;
  /** Seconds a command to `target` would take from now (0 when it would do nothing). */
  travelSeconds(sim: Simulator, target: number): number;
  /** Whether a previous command is still being carried out. */
  readonly busy: boolean;
  /** Stop a command under way, leaving the weight where it is now. */
  halt?(sim: Simulator): void;
  /**
   * Keep `bank[index]` equal to `weightNow` from now on (written whenever the weight changes), so a
   * teacher can read many weights as one array. Offered only by parts whose weight changes in their
   * own methods alone (a motor-driven pot), not by parts whose weight moves with time by itself (a
   * drifting memistor).
   */
  mirrorTo?(bank: Float64Array, index: number): void;
}

/** Whether a component is an adjustable weight a teacher can drive. */
export function isWeightActuator(c: unknown): c is WeightActuator {
  const a = c as Partial<WeightActuator>;
  return typeof a?.weightNow === 'function' && typeof a.command === 'function';
}
