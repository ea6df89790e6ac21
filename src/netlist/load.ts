/**
 * Loading a circuit file: parse, validate everything, then build a simulator.
 *
 * Validation collects every problem (not only the first) with its JSON path, e.g.
 * `components[3].params.threshold: expected a number >= 0, got -1`, and throws one ValidationError
 * naming the file. Building happens only after validation passed, so components receive complete,
 * valid parameters.
 */
import { ValidationError, type Problem, UserError } from '../errors.js';
import { COMPONENT_SPECS, componentSpec } from '../components/registry.js';
import { checkValue } from '../components/params.js';
import type { ComponentSpec, Params, ParamSpec } from '../components/spec.js';
import type { Component, ParamValue } from '../sim/component.js';
import { DEFAULT_TICK_SECONDS, Simulator } from '../sim/simulator.js';
import { didYouMean } from '../util/nearest.js';
import { parseJson, readTextFile } from '../util/json-file.js';
import { describeJsonValue } from '../util/numbers.js';
import { CIRCUIT_FORMAT, CIRCUIT_FORMAT_VERSION, type CircuitFile } from './types.js';

/** A component after validation: its spec, complete parameters and pins. */
export interface ValidComponent {
  readonly id: string;
  readonly spec: ComponentSpec;
  readonly params: Params;
  readonly inputs: string[];
  readonly outputs: string[];
}

/** A circuit that passed validation. */
export interface ValidCircuit {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly tickSeconds: number;
  readonly components: ValidComponent[];
  /** Resolved connections: driving net → input pins. */
  readonly connections: Array<{ from: string; to: string[] }>;
  /** Named outputs: name → net. */
  readonly outputs: Record<string, string>;
}

/** A built circuit, ready to run. */
export interface BuiltCircuit {
  readonly circuit: ValidCircuit;
  readonly sim: Simulator;
  readonly components: Map<string, Component>;
}

/** A `--set id.param=value` override, applied before validation so the same checks hold. */
export interface ParamOverride {
  readonly component: string;
  readonly param: string;
  readonly value: ParamValue;
  /** Where it came from, for messages (e.g. `--set q.threshold=abc`). */
  readonly origin: string;
}

/**
 * Limits on a circuit's size (assumptions, far above the historical machines: Mark I is about a
 * thousand parts), so that a mistaken or hostile file is refused at once instead of building for
 * minutes. Each component's own counts are bounded by MAX_COMPONENT_PINS (components/params.ts).
 */
/** Shortest tick: one femtosecond, the finest time unit a VCD can state. */
export const MIN_TICK_SECONDS = 1e-15;
export const MAX_CIRCUIT_COMPONENTS = 100_000;
export const MAX_CIRCUIT_PINS = 2_000_000;

const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function loadCircuitFile(file: string, overrides: readonly ParamOverride[] = []): ValidCircuit {
  const text = readTextFile(file, 'circuit file');
  return validateCircuit(parseJson(text, file), file, overrides);
}

/**
 * circuits/mark1.json and its siblings describe a historical machine (its structure, timing and
 * sources), which the machine builders read; they are not netlists. Say which commands use them.
 */
function machineFileError(file: string, model: unknown): UserError {
  const uses: Record<string, string> = {
    mark1:
      'perceptron-sim run mark1-left-right --vcd out.vcd --probe r0.out --probe teacher.err0 (the event-driven Mark I), or train --model mark1 --engine event --data FILE.csv',
    adaline: 'perceptron-sim run adaline-tgf, or train --model adaline --engine event --data FILE.csv',
    madaline: 'perceptron-sim run madaline-xnor, or train --model madaline --engine event --data FILE.csv',
  };
  const how = typeof model === 'string' && Object.hasOwn(uses, model) ? uses[model] : 'perceptron-sim list';
  return new UserError(
    `${file}: this is a machine description (format perceptron-sim-machine, model ${String(model)}), not a circuit to simulate; ` +
      `the machine is built from it by: ${how}. simulate runs netlists such as circuits/examples/*.json (docs/circuit-format.md)`,
  );
}

/** Validate a parsed circuit document; throws a ValidationError listing every problem. */
export function validateCircuit(
  doc: unknown,
  file: string,
  overrides: readonly ParamOverride[] = [],
): ValidCircuit {
  const problems: Problem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });

  if (!isObject(doc))
    throw new ValidationError(file, [{ path: '', message: `expected a JSON object, got ${describe(doc)}` }]);
  const c = doc as Partial<CircuitFile> & Record<string, unknown>;
  if (c.format === 'perceptron-sim-machine') throw machineFileError(file, c.model);
  const known = [
    '$schema',
    'format',
    'version',
    'name',
    'description',
    'tick',
    'components',
    'connections',
    'outputs',
  ];
  for (const key of Object.keys(c)) {
    if (!known.includes(key))
      problem(key, `unknown top-level field${didYouMean(key, known)}; expected one of ${known.join(', ')}`);
  }
  if (c.format !== undefined && c.format !== CIRCUIT_FORMAT)
    problem('format', `expected "${CIRCUIT_FORMAT}", got ${describe(c.format)}`);
  if (c.version !== undefined && c.version !== CIRCUIT_FORMAT_VERSION) {
    problem(
      'version',
      `expected ${CIRCUIT_FORMAT_VERSION} (the only version this program reads), got ${describe(c.version)}`,
    );
  }
  if (c.name !== undefined && typeof c.name !== 'string')
    problem('name', `expected a string, got ${describe(c.name)}`);
  if (c.description !== undefined && typeof c.description !== 'string') {
    problem('description', `expected a string, got ${describe(c.description)}`);
  }
  let tickSeconds = DEFAULT_TICK_SECONDS;
  if (c.tick !== undefined) {
    if (typeof c.tick !== 'number' || !Number.isFinite(c.tick) || c.tick < MIN_TICK_SECONDS) {
      problem(
        'tick',
        `expected a number of seconds ≥ ${MIN_TICK_SECONDS} (1 fs, the finest VCD unit), got ${describe(c.tick)}`,
      );
    } else tickSeconds = c.tick;
  }

  // Components.
  const components: ValidComponent[] = [];
  const byId = new Map<string, ValidComponent>();
  // Every declared id with its index, valid or not: a connection to a component whose own declaration
  // has a problem is not reported again.
  const declared = new Map<string, number>();
  let totalPins = 0;
  if (!Array.isArray(c.components)) {
    problem('components', `expected an array of components, got ${describe(c.components)}`);
  } else if (c.components.length > MAX_CIRCUIT_COMPONENTS) {
    throw new ValidationError(file, [
      {
        path: 'components',
        message: `${c.components.length} components; the limit is ${MAX_CIRCUIT_COMPONENTS}`,
      },
    ]);
  } else {
    c.components.forEach((raw: unknown, i: number) => {
      const at = `components[${i}]`;
      if (!isObject(raw))
        return problem(at, `expected an object with id, type and params, got ${describe(raw)}`);
      const decl = raw as Record<string, unknown>;
      for (const key of Object.keys(decl)) {
        if (!['id', 'type', 'params', 'note'].includes(key))
          problem(`${at}.${key}`, 'unknown field; expected id, type, params or note');
      }
      const id = decl.id;
      let idOk = false;
      if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
        problem(
          `${at}.id`,
          `expected an identifier (letters, digits, _ or -, not starting with a digit), got ${describe(id)}`,
        );
      } else if (declared.has(id)) {
        problem(`${at}.id`, `duplicate id '${id}' (already used by components[${declared.get(id)}])`);
      } else {
        declared.set(id, i);
        idOk = true;
      }
      const type = decl.type;
      const names = COMPONENT_SPECS.map((s) => s.type);
      const spec = typeof type === 'string' ? componentSpec(type) : undefined;
      if (!spec) {
        problem(
          `${at}.type`,
          typeof type === 'string'
            ? `unknown component type '${type}'${didYouMean(type, names)}; known types: ${names.join(', ')}`
            : `expected a component type (one of ${names.join(', ')}), got ${describe(type)}`,
        );
        return;
      }
      // Null-prototype maps: a parameter named `__proto__` or `constructor` is a key like any other
      // (and so an unknown parameter), never the prototype or one of Object.prototype's members.
      const rawParams: Record<string, unknown> = Object.create(null);
      if (decl.params !== undefined) {
        if (!isObject(decl.params))
          problem(`${at}.params`, `expected an object, got ${describe(decl.params)}`);
        else Object.assign(rawParams, decl.params);
      }
      const paramOrigin: Record<string, string> = Object.create(null);
      for (const o of overrides) {
        if (o.component === id) {
          rawParams[o.param] = o.value;
          paramOrigin[o.param] = o.origin;
        }
      }
      const params = validateParams(
        spec,
        rawParams,
        (name) => paramOrigin[name] ?? `${at}.params.${name}`,
        problem,
      );
      if (!params || !idOk) return;
      const pins = spec.pins(params);
      const vc: ValidComponent = {
        id: id as string,
        spec,
        params,
        inputs: pins.inputs,
        outputs: pins.outputs,
      };
      components.push(vc);
      byId.set(vc.id, vc);
      totalPins += vc.inputs.length + vc.outputs.length;
    });
    if (totalPins > MAX_CIRCUIT_PINS) {
      throw new ValidationError(file, [
        { path: 'components', message: `${totalPins} pins in all; the limit is ${MAX_CIRCUIT_PINS}` },
      ]);
    }
    for (const o of overrides) {
      if (!c.components.some((d: unknown) => isObject(d) && (d as { id?: unknown }).id === o.component)) {
        problem(
          o.origin,
          `no component '${o.component}' in this circuit${didYouMean(o.component, [...byId.keys()])}`,
        );
      }
    }
  }

  // Connections: every `from` is an existing output pin, every `to` an existing, not yet driven input pin.
  const connections: Array<{ from: string; to: string[] }> = [];
  const driven = new Map<string, string>();
  if (c.connections !== undefined && !Array.isArray(c.connections)) {
    problem('connections', `expected an array of connections, got ${describe(c.connections)}`);
  } else {
    (c.connections ?? []).forEach((raw: unknown, i: number) => {
      const at = `connections[${i}]`;
      if (!isObject(raw))
        return problem(
          at,
          `expected an object { "from": "id.pin", "to": "id.pin" | [...] }, got ${describe(raw)}`,
        );
      const decl = raw as Record<string, unknown>;
      const fromOk = checkPin(decl.from, 'output', `${at}.from`, byId, declared, problem);
      const targets = typeof decl.to === 'string' ? [decl.to] : decl.to;
      if (!Array.isArray(targets) || targets.length === 0) {
        return problem(
          `${at}.to`,
          `expected an input pin "id.pin" or a non-empty array of them, got ${describe(decl.to)}`,
        );
      }
      const to: string[] = [];
      targets.forEach((t: unknown, j: number) => {
        const path = typeof decl.to === 'string' ? `${at}.to` : `${at}.to[${j}]`;
        if (!checkPin(t, 'input', path, byId, declared, problem)) return;
        const pin = t as string;
        const previous = driven.get(pin);
        if (previous)
          problem(path, `input '${pin}' is already driven by ${previous}; an input pin takes one net`);
        else {
          driven.set(pin, `${at}`);
          to.push(pin);
        }
      });
      if (fromOk) connections.push({ from: decl.from as string, to });
    });
  }

  // Named outputs.
  // Null prototype: an output named `__proto__` is kept as a name like any other.
  const outputs: Record<string, string> = Object.create(null);
  if (c.outputs !== undefined) {
    if (!isObject(c.outputs))
      problem('outputs', `expected an object mapping names to nets ("id.pin"), got ${describe(c.outputs)}`);
    else {
      for (const [name, net] of Object.entries(c.outputs as Record<string, unknown>)) {
        if (checkPin(net, 'output', `outputs.${name}`, byId, declared, problem))
          outputs[name] = net as string;
      }
    }
  } else {
    for (const vc of components) for (const p of vc.outputs) outputs[`${vc.id}.${p}`] = `${vc.id}.${p}`;
  }

  if (problems.length > 0) throw new ValidationError(file, problems);
  return {
    file,
    name: typeof c.name === 'string' ? c.name : file,
    description: typeof c.description === 'string' ? c.description : '',
    tickSeconds,
    components,
    connections,
    outputs,
  };
}

/** Build a simulator from a validated circuit. */
export function buildCircuit(circuit: ValidCircuit): BuiltCircuit {
  const sim = new Simulator({ tickSeconds: circuit.tickSeconds });
  const components = new Map<string, Component>();
  for (const vc of circuit.components) components.set(vc.id, sim.add(vc.spec.create(vc.id, vc.params)));
  for (const conn of circuit.connections) {
    for (const target of conn.to) {
      const [id, pin] = splitPin(target);
      sim.connect(conn.from, components.get(id)!, pin);
    }
  }
  return { circuit, sim, components };
}

/**
 * Parse a `--set id.param=value` option. The value is read as JSON when it parses (numbers,
 * true/false, arrays), otherwise as a plain string.
 */
export function parseSetOption(option: string): ParamOverride {
  const origin = `--set ${option}`;
  const m = /^([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(option);
  if (!m) throw new UserError(`${origin}: expected id.param=value (for example --set q.threshold=0.5)`);
  return { component: m[1], param: m[2], value: parseParamValue(m[3]), origin };
}

export function parseParamValue(text: string): ParamValue {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
    if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v as number[];
  } catch {
    // not JSON: a plain string
  }
  return text;
}

function validateParams(
  spec: ComponentSpec,
  raw: Record<string, unknown>,
  pathOf: (name: string) => string,
  problem: (path: string, message: string) => void,
): Params | undefined {
  const params: Params = Object.create(null);
  let ok = true;
  const names = Object.keys(spec.params);
  for (const name of Object.keys(raw)) {
    if (!Object.hasOwn(spec.params, name)) {
      problem(
        pathOf(name),
        `unknown parameter of ${spec.type}${didYouMean(name, names)}; parameters: ${names.join(', ') || 'none'}`,
      );
      ok = false;
    }
  }
  for (const [name, ps] of Object.entries(spec.params)) {
    const value = raw[name];
    if (value === undefined) {
      if (ps.default === undefined) {
        problem(pathOf(name), `required parameter missing: ${describeParam(ps)}`);
        ok = false;
      } else params[name] = ps.default;
      continue;
    }
    const message = checkParam(ps, value);
    if (message) {
      problem(pathOf(name), message);
      ok = false;
    } else params[name] = value as ParamValue;
  }
  if (!ok) return undefined;
  for (const [name, message] of spec.check?.(params) ?? []) {
    problem(pathOf(name), message);
    ok = false;
  }
  return ok ? params : undefined;
}

/** What is wrong with `value` for this parameter, or undefined when it is fine. */
export function checkParam(ps: ParamSpec, value: unknown): string | undefined {
  const problems = checkValue(ps, value as ParamValue);
  if (problems.length === 0) return undefined;
  const hint =
    ps.kind === 'string' && ps.oneOf && typeof value === 'string' ? didYouMean(value, ps.oneOf) : '';
  return problems.join('; ') + hint;
}

export function describeParam(ps: ParamSpec): string {
  const unit = ps.unit && ps.unit !== '1' ? ` (${ps.unit})` : '';
  switch (ps.kind) {
    case 'boolean':
      return 'true or false';
    case 'string':
      return ps.oneOf ? `one of ${ps.oneOf.map((s) => `"${s}"`).join(', ')}` : 'a string';
    case 'number[]':
      return `an array of numbers${unit}`;
    default: {
      const bounds: string[] = [];
      if (ps.exclusiveMin !== undefined) bounds.push(`> ${ps.exclusiveMin}`);
      if (ps.min !== undefined) bounds.push(`>= ${ps.min}`);
      if (ps.max !== undefined) bounds.push(`<= ${ps.max}`);
      return `${ps.kind === 'integer' ? 'an integer' : 'a finite number'}${bounds.length ? ' ' + bounds.join(' and ') : ''}${unit}`;
    }
  }
}

function checkPin(
  value: unknown,
  direction: 'input' | 'output',
  path: string,
  byId: Map<string, ValidComponent>,
  declared: Map<string, number>,
  problem: (path: string, message: string) => void,
): boolean {
  if (typeof value !== 'string' || !value.includes('.')) {
    problem(path, `expected an ${direction} pin written "componentId.pin", got ${describe(value)}`);
    return false;
  }
  const [id, pin] = splitPin(value);
  const vc = byId.get(id);
  if (!vc) {
    // A declared component with problems of its own has been reported already.
    if (!declared.has(id)) problem(path, `no component '${id}'${didYouMean(id, [...declared.keys()])}`);
    return false;
  }
  const pins = direction === 'input' ? vc.inputs : vc.outputs;
  if (!pins.includes(pin)) {
    problem(
      path,
      `component '${id}' (${vc.spec.type}) has no ${direction} pin '${pin}'${didYouMean(pin, pins)}; its ${direction} pins: ${pins.join(', ') || 'none'}`,
    );
    return false;
  }
  return true;
}

function splitPin(ref: string): [string, string] {
  const dot = ref.indexOf('.');
  return [ref.slice(0, dot), ref.slice(dot + 1)];
}

function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A short description of a JSON value for "got …" in messages. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 37) + '...' : v);
  return describeJsonValue(v);
}
