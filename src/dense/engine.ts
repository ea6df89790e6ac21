/**
 * The dense engine: the historical machines computed on typed arrays, with no events and no
 * simulated time, for sweeps and large data (DESIGN.md "dense/").
 *
 * It builds a machine from a resolved machine description (`ResolvedMachineOptions`, made by
 * `resolveMachineOptions`: the same plugboard and initial weights as the event engine for the same
 * options) and learns through the one learning step (`learningStep`, src/rules/step.ts), which the
 * event engine's adapter calls too, on views (`subarray`) of one Float64Array per layer. With ideal
 * parts it must give exactly the event engine's `LearningStep`s and weights
 * (test/machines/engines-agree). It imports nothing from src/machines (docs/architecture.md).
 *
 * Files: `machine.ts` (layers, base class), `change-log.ts` (a step's changes, materialised when
 * read), `association-cache.ts` (the Mark I's A-unit responses), one file per machine.
 *
 * Speed (the Mark I must run ≥ 100,000 presentations/s): see threshold-machine.ts and
 * association-cache.ts.
 */
import { UserError } from '../errors.js';
import { nonIdealitiesOn } from '../machine-description/resolved.js';
import type { ResolvedMachineOptions } from '../machine-description/resolved.js';
import type { MachineEngine } from '../machine-description/types.js';
import { AdalineMachine } from './adaline-machine.js';
import { MriMachine } from './mri-machine.js';
import { MriiMachine } from './mrii-machine.js';
import { ThresholdMachine } from './threshold-machine.js';

/** Build a machine in the dense engine from already-resolved options. */
export function denseMachineFromResolved(r: ResolvedMachineOptions): MachineEngine {
  const on = nonIdealitiesOn(r.nonIdeal);
  if (on.length > 0) {
    throw new UserError(
      `the dense engine models ideal parts only; ${on.join(', ')} need the event engine (--engine event)`,
    );
  }
  switch (r.model) {
    case 'perceptron':
    case 'mark1':
      return new ThresholdMachine(r);
    case 'adaline':
      return new AdalineMachine(r);
    case 'madaline':
      return r.rule.kind === 'mrii' ? new MriiMachine(r) : new MriMachine(r);
  }
}
