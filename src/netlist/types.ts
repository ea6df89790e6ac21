/**
 * The circuit file format (JSON). See docs/circuit-format.md and schema/circuit.schema.json.
 *
 * ```json
 * { "format": "perceptron-sim-circuit", "version": 1, "name": "majority",
 *   "tick": 1e-6,
 *   "components": [ { "id": "a", "type": "switch", "params": { "position": true } }, … ],
 *   "connections": [ { "from": "a.out", "to": ["maj.in0"] }, … ],
 *   "outputs": { "y": "maj.out" } }
 * ```
 */
import type { ParamValue } from '../sim/component.js';

export const CIRCUIT_FORMAT = 'perceptron-sim-circuit';
export const CIRCUIT_FORMAT_VERSION = 1;

export interface ComponentDecl {
  id: string;
  type: string;
  params?: Record<string, ParamValue>;
  /** Free text; ignored by the simulator. */
  note?: string;
}

export interface ConnectionDecl {
  /** Driving output pin, `componentId.pin`. */
  from: string;
  /** One or more input pins, `componentId.pin`. */
  to: string | string[];
}

export interface CircuitFile {
  format?: string;
  version?: number;
  name?: string;
  description?: string;
  /** Length of one simulation tick in seconds (default 1e-6). */
  tick?: number;
  components: ComponentDecl[];
  connections?: ConnectionDecl[];
  /** Named outputs to report: name → net (`componentId.pin`). Default: every component output. */
  outputs?: Record<string, string>;
}

/** A stimulus file: timed parameter changes applied during a simulation. */
export interface StimulusFile {
  format?: string;
  version?: number;
  events: Array<{
    /** When, in seconds of simulated time. */
    time: number;
    /** `componentId.param` to change. */
    set: string;
    value: ParamValue;
  }>;
}

export const STIMULUS_FORMAT = 'perceptron-sim-stimulus';
