/**
 * `createDenseMachine`: the user's machine options resolved (machines/options.ts) and built in the
 * dense engine. It lives here, not in src/dense/, so that the dense engine imports nothing from
 * src/machines: it builds only from the engine-neutral description (src/machine-description/).
 */
import { denseMachineFromResolved } from '../dense/index.js';
import type { MachineEngine, MachineModel } from '../machine-description/types.js';
import { resolveMachineOptions } from './options.js';
import type { MachineOptions } from './options.js';

/** A machine in the dense engine: `MachineEngine` on typed arrays, engine 'dense'. */
export function createDenseMachine(model: MachineModel, options: MachineOptions): MachineEngine {
  return denseMachineFromResolved(resolveMachineOptions(model, options));
}
