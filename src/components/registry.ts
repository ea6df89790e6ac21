/**
 * Every component type the circuit-file loader knows, by type name.
 *
 * A new family adds its specs here.
 */
import { adapterSpec } from './adapter-spec.js';
import { AMPLIFIER_SPECS } from './amplifiers.js';
import { associationUnitSpec } from './association-unit.js';
import { LOGIC_SPECS } from './logic.js';
import { memistorSpec } from './memistor.js';
import { motorPotSpec } from './motor-pot.js';
import { SOURCE_SPECS } from './sources.js';
import type { ComponentSpec } from './spec.js';
import { THRESHOLD_SPECS } from './thresholds.js';
import { WEIGHT_SPECS } from './weights.js';

export const COMPONENT_SPECS: readonly ComponentSpec[] = [
  ...SOURCE_SPECS,
  ...WEIGHT_SPECS,
  motorPotSpec,
  memistorSpec,
  ...AMPLIFIER_SPECS,
  ...THRESHOLD_SPECS,
  associationUnitSpec,
  ...LOGIC_SPECS,
  adapterSpec,
];

const BY_TYPE = new Map(COMPONENT_SPECS.map((s) => [s.type, s]));

/** The spec of a component type, or undefined when there is no such type. */
export function componentSpec(type: string): ComponentSpec | undefined {
  return BY_TYPE.get(type);
}

/** Known type names, in registry order (for "did you mean" messages and `list`). */
export function componentTypes(): string[] {
  return COMPONENT_SPECS.map((s) => s.type);
}
