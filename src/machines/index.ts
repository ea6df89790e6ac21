/**
 * The event-driven engine's factory: `createEventMachine(model, options)` builds the machine as a
 * circuit on the simulation kernel and returns it behind the MachineEngine contract (types.ts).
 *
 * Options are `MachineOptions` (options.ts, shared with the dense engine and resolved by the same
 * `resolveMachineOptions`, so both engines build the same machine for the same seed) plus what only
 * circuits have: the weight technology, timing overrides and the non-idealities (parts.ts).
 */
import { UserError } from '../errors.js';
import { buildAdalineFamily } from './adaline.js';
import type { EventMachine } from './event-machine.js';
import { buildMark1 } from './mark1.js';
import { resolveMachineOptions } from './options.js';
import { WEIGHT_TECHNOLOGIES, type EventMachineOptions } from './parts.js';
import type { MachineModel } from './types.js';

export { EventMachine, CircuitBuilder } from './event-machine.js';
export type { EventMachineParts } from './event-machine.js';
export { WEIGHT_TECHNOLOGIES, checkNonIdealities } from './parts.js';
export type { EventMachineOptions, EventNonIdealities, WeightTechnology } from './parts.js';
export { readMachineFile, MACHINE_FILE_FORMAT } from './machine-file.js';

/** Sees every event-driven machine built while it is installed (`run --vcd` probes the first). */
export type EventMachineObserver = (machine: EventMachine) => void;

let machineObserver: EventMachineObserver | null = null;

/** Run `fn` with `observer` called for every event machine it builds. */
export function observeEventMachines<T>(observer: EventMachineObserver, fn: () => T): T {
  const previous = machineObserver;
  machineObserver = observer;
  try {
    return fn();
  } finally {
    machineObserver = previous;
  }
}

/** Build `model` as an event-driven circuit. Throws a UserError naming any bad option. */
export function createEventMachine(model: MachineModel, options: EventMachineOptions): EventMachine {
  const machine = buildEventMachine(model, options);
  machineObserver?.(machine);
  return machine;
}

function buildEventMachine(model: MachineModel, options: EventMachineOptions): EventMachine {
  const r = resolveMachineOptions(model, options);
  if (options.technology !== undefined) {
    if (!WEIGHT_TECHNOLOGIES.includes(options.technology))
      throw new UserError(
        `technology '${options.technology}' is unknown; expected one of ${WEIGHT_TECHNOLOGIES.join(', ')}`,
      );
    if (model === 'mark1' && options.technology !== 'motor-pot')
      throw new UserError(`technology: Mark I's weights are motor-driven pots; got '${options.technology}'`);
  }
  return model === 'mark1' ? buildMark1(r, options) : buildAdalineFamily(r, options);
}
