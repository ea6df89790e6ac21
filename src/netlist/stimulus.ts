/**
 * Stimulus files: timed parameter changes (a switch thrown, a lamp lit) applied during a simulation.
 *
 * ```json
 * { "format": "perceptron-sim-stimulus", "version": 1,
 *   "events": [ { "time": 0.001, "set": "x1.position", "value": false } ] }
 * ```
 * Times are seconds of simulated time, rounded to whole ticks.
 */
import { ValidationError, type Problem } from '../errors.js';
import type { ParamValue } from '../sim/component.js';
import { didYouMean } from '../util/nearest.js';
import { readJsonFile } from '../util/json-file.js';
import { checkParam, describe, type BuiltCircuit, type ValidCircuit } from './load.js';
import { STIMULUS_FORMAT } from './types.js';

export interface StimulusEvent {
  /** Seconds of simulated time. */
  readonly time: number;
  readonly component: string;
  readonly param: string;
  readonly value: ParamValue;
}

export function loadStimulusFile(file: string, circuit: ValidCircuit): StimulusEvent[] {
  return validateStimulus(readJsonFile(file, 'stimulus file'), file, circuit);
}

export function validateStimulus(doc: unknown, file: string, circuit: ValidCircuit): StimulusEvent[] {
  const problems: Problem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ValidationError(file, [
      { path: '', message: `expected a JSON object with "events", got ${describe(doc)}` },
    ]);
  }
  const d = doc as Record<string, unknown>;
  if (d.format !== undefined && d.format !== STIMULUS_FORMAT)
    problem('format', `expected "${STIMULUS_FORMAT}", got ${describe(d.format)}`);
  if (d.version !== undefined && d.version !== 1)
    problem('version', `expected 1, got ${describe(d.version)}`);
  const events: StimulusEvent[] = [];
  if (!Array.isArray(d.events)) problem('events', `expected an array of events, got ${describe(d.events)}`);
  else {
    const ids = circuit.components.map((c) => c.id);
    d.events.forEach((raw: unknown, i: number) => {
      const at = `events[${i}]`;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        return problem(
          at,
          `expected { "time": seconds, "set": "id.param", "value": … }, got ${describe(raw)}`,
        );
      }
      const e = raw as Record<string, unknown>;
      if (typeof e.time !== 'number' || !Number.isFinite(e.time) || e.time < 0) {
        problem(`${at}.time`, `expected a time in seconds >= 0, got ${describe(e.time)}`);
      } else if (!Number.isSafeInteger(Math.round(e.time / circuit.tickSeconds))) {
        // Simulated time is a whole number of ticks; past 2^53 ticks it cannot be counted exactly.
        problem(
          `${at}.time`,
          `${e.time} s is ${e.time / circuit.tickSeconds} ticks of ${circuit.tickSeconds} s, more than the ${Number.MAX_SAFE_INTEGER} a run can count`,
        );
      }
      if (typeof e.set !== 'string' || !/^[^.]+\.[^.]+$/.test(e.set)) {
        return problem(`${at}.set`, `expected "componentId.param", got ${describe(e.set)}`);
      }
      const [id, param] = e.set.split('.');
      const vc = circuit.components.find((c) => c.id === id);
      if (!vc) return problem(`${at}.set`, `no component '${id}'${didYouMean(id, ids)}`);
      const settable = vc.spec.create(vc.id, vc.params).settableParams();
      if (!settable.includes(param)) {
        return problem(
          `${at}.set`,
          `parameter '${param}' of ${vc.spec.type} '${id}' cannot change during a run${didYouMean(param, settable)}; ` +
            `settable: ${settable.join(', ') || 'none'}`,
        );
      }
      const message = checkParam(vc.spec.params[param], e.value);
      if (message) return problem(`${at}.value`, message);
      if (
        typeof e.time === 'number' &&
        e.time >= 0 &&
        Number.isSafeInteger(Math.round(e.time / circuit.tickSeconds))
      ) {
        events.push({ time: e.time, component: id, param, value: e.value as ParamValue });
      }
    });
  }
  if (problems.length > 0) throw new ValidationError(file, problems);
  return events;
}

/** Schedule stimulus events on a built circuit (before it runs). */
export function applyStimulus(built: BuiltCircuit, events: readonly StimulusEvent[]): void {
  const { sim } = built;
  for (const e of events) {
    const component = built.components.get(e.component)!;
    sim.at(sim.ticks(e.time), () => {
      component.setParam(e.param, e.value);
      sim.touch(component);
    });
  }
}
