/**
 * The machine files `circuits/mark1.json`, `circuits/adaline.json` and `circuits/madaline.json`:
 * each historical machine's parameters (structure, timing, weight technology), with their sources
 * and the values that are assumptions. The event-engine builders (mark1.ts, adaline.ts,
 * madaline.ts) read their defaults from here, so the file is the one place to change a machine.
 *
 * The machines are generated from these parameters rather than listed part by part: the full Mark I
 * has 400 photocells, 512 A-units and 512 pots (one per A-unit; 4,096 with arWiring full), wired by
 * a seeded random plugboard.
 *
 * The text comes from machine-file-source.ts, the one Node-only part (it reads the file); the panels'
 * bundle swaps that module for one that holds the three files' text (scripts/build-panel.js).
 */
import { machineFileText } from './machine-file-source.js';
import { UserError } from '../errors.js';

export const MACHINE_FILE_FORMAT = 'perceptron-sim-machine';

export interface Mark1Timing {
  /** Time to put a pattern before the retina (s). */
  readonly setupTime: number;
  readonly photocellResponse: number;
  readonly aUnitDelay: number;
  readonly rUnitPullIn: number;
  readonly rUnitDropOut: number;
  readonly teacherDecisionTime: number;
  /** Motor speed, weight units per second. */
  readonly motorSlew: number;
  readonly motorUpdateInterval: number;
}

export interface Mark1File {
  readonly tick: number;
  readonly structure: Record<string, number | boolean | string>;
  readonly timing: Mark1Timing;
  readonly weights: { readonly technology: 'motor-pot'; readonly min: number; readonly max: number };
}

export interface AdalineFile {
  readonly tick: number;
  readonly structure: { readonly inputs: number; readonly outputs: number };
  readonly timing: {
    readonly setupTime: number;
    readonly summerDelay: number;
    readonly meterReadTime: number;
  };
  readonly knob: {
    readonly operatorSecondsPerKnob: number;
    readonly handSlew: number;
    readonly min: number;
    readonly max: number;
  };
  readonly memistor: {
    readonly gMin: number;
    readonly gMax: number;
    readonly reference: number;
    readonly scale: number;
    readonly platingCurrent: number;
    readonly sensitivity: number;
  };
}

export interface MadalineFile {
  readonly tick: number;
  readonly structure: { readonly adalines: number; readonly element: string; readonly initScale: number };
  readonly timing: {
    readonly setupTime: number;
    readonly summerDelay: number;
    readonly elementDelay: number;
    readonly decisionTime: number;
  };
  readonly technology: 'memistor' | 'knob';
}

const cache = new Map<string, unknown>();

/** Read `circuits/<name>.json` (shipped with the package), checking its format line. */
export function readMachineFile<T>(name: 'mark1' | 'adaline' | 'madaline'): T {
  const hit = cache.get(name);
  if (hit) return hit as T;
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(machineFileText(name)) as Record<string, unknown>;
  } catch (e) {
    throw new UserError(`circuits/${name}.json: cannot read the machine file: ${(e as Error).message}`);
  }
  if (doc.format !== MACHINE_FILE_FORMAT || doc.model !== name) {
    throw new UserError(
      `circuits/${name}.json: expected format '${MACHINE_FILE_FORMAT}' and model '${name}', got '${String(doc.format)}' / '${String(doc.model)}'`,
    );
  }
  checkNumbers(doc, `circuits/${name}.json`);
  cache.set(name, doc);
  return doc as T;
}

/** Every number in a machine file must be finite and, except signed ranges, not negative. */
function checkNumbers(v: unknown, path: string): void {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new UserError(`${path}: expected a finite number, got ${v}`);
    if (v < 0 && !/\.(min|theta)$/.test(path)) throw new UserError(`${path}: must be ≥ 0, got ${v}`);
    return;
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) checkNumbers(x, `${path}.${k}`);
  }
}
