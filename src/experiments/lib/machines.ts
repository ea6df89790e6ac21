/**
 * Building a historical machine for an experiment in either engine, behind the MachineEngine contract.
 *
 * The event engine (the circuit, with a timing model, so hardware time is reported) is the default
 * where it is affordable; the dense engine computes the same weights and decisions with ideal parts
 * (test/machines/engines-agree) and is used for sweeps and fast mode.
 */
import { createDenseMachine } from '../../machines/create-dense.js';
import { createEventMachine } from '../../machines/index.js';
import type { EventMachineOptions } from '../../machines/index.js';
import type { MachineEngine, MachineModel } from '../../machines/types.js';
import type { ExperimentParam } from '../types.js';

export type EngineChoice = 'event' | 'dense';

/** The `engine` parameter of an experiment, with its default and fast-mode values. */
export function engineParam(
  defaultEngine: EngineChoice,
  fastEngine: EngineChoice = defaultEngine,
): ExperimentParam {
  return {
    kind: 'string',
    default: defaultEngine,
    fast: fastEngine,
    oneOf: ['event', 'dense'],
    doc: 'event: the circuit, with hardware time; dense: typed arrays, same numbers, no timing',
  };
}

export function buildMachine(
  engine: EngineChoice,
  model: MachineModel,
  options: EventMachineOptions,
): MachineEngine {
  if (engine === 'event') return createEventMachine(model, options);
  // The dense engine takes the shared MachineOptions; the event-only fields are not used.
  const { technology: _technology, timing: _timing, ...shared } = options;
  return createDenseMachine(model, shared);
}
