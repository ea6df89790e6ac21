/**
 * Parameter handling shared by the component families.
 *
 * The netlist layer validates a circuit file against each `ComponentSpec` and reports problems with
 * their JSON paths. Components are also built directly (tests, machine builders), so `create` runs the
 * same checks again through `resolveParams`: it fills defaults and throws a `UserError` naming the
 * component, never building a part with a missing or out-of-range parameter. `checkValue` is also
 * what `setParam` uses, so a run-time change obeys the same ranges as the circuit file.
 */
import { UserError } from '../errors.js';
import { describeJsonValue } from '../util/numbers.js';
import type { Component, ParamValue } from '../sim/component.js';
import type { ComponentSpec, ParamSpec, Params, ParamsOf } from './spec.js';

/**
 * Largest count of a component's pins or units (amplifier and logic inputs, A-unit connections,
 * adapter size, units and outputs). An assumption, far above any historical machine (Mark I: 512
 * A-units on a 400-cell retina), so that a typo such as `"inputs": 100000000` is refused at once
 * instead of building for minutes.
 */
export const MAX_COMPONENT_PINS = 65_536;

/** Largest number of weights one adapter holds (size + 1 per unit, times units); same reasoning. */
export const MAX_ADAPTER_WEIGHTS = 1 << 24;

/** Problems with one value against its spec, as messages (empty when fine). */
export function checkValue(spec: ParamSpec, value: ParamValue): string[] {
  switch (spec.kind) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return [`expected a finite ${spec.kind}, got ${describeJsonValue(value)}`];
      }
      if (spec.kind === 'integer' && !Number.isInteger(value)) return [`expected an integer, got ${value}`];
      return checkRange(spec, value);
    }
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`expected true or false, got ${describeJsonValue(value)}`];
    case 'string':
      if (typeof value !== 'string') return [`expected a string, got ${describeJsonValue(value)}`];
      if (spec.oneOf && !spec.oneOf.includes(value)) {
        return [`expected one of ${spec.oneOf.map((s) => `'${s}'`).join(', ')}, got '${value}'`];
      }
      return [];
    case 'number[]': {
      if (!Array.isArray(value)) return [`expected an array of numbers, got ${describeJsonValue(value)}`];
      const problems: string[] = [];
      value.forEach((v, i) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          problems.push(`[${i}]: expected a finite number, got ${describeJsonValue(v)}`);
        } else {
          for (const p of checkRange(spec, v)) problems.push(`[${i}]: ${p}`);
        }
      });
      return problems;
    }
  }
}

function checkRange(spec: ParamSpec, v: number): string[] {
  const unit = spec.unit === '1' ? '' : ` ${spec.unit}`;
  if (spec.min !== undefined && v < spec.min) return [`must be ≥ ${spec.min}${unit}, got ${v}`];
  if (spec.max !== undefined && v > spec.max) return [`must be ≤ ${spec.max}${unit}, got ${v}`];
  if (spec.exclusiveMin !== undefined && !(v > spec.exclusiveMin)) {
    return [`must be > ${spec.exclusiveMin}${unit}, got ${v}`];
  }
  return [];
}

/**
 * Every problem with `params` for `spec`: unknown names, missing required values, kinds, ranges and
 * the spec's own cross-parameter `check` (run only when each value is fine on its own).
 */
export function paramProblems(spec: ComponentSpec, params: Params): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  for (const name of Object.keys(params)) {
    if (!Object.hasOwn(spec.params, name)) {
      problems.push([name, `unknown parameter (known: ${Object.keys(spec.params).join(', ')})`]);
    }
  }
  for (const [name, ps] of Object.entries(spec.params)) {
    const value = params[name];
    if (value === undefined) {
      if (ps.default === undefined) problems.push([name, 'is required']);
      continue;
    }
    for (const m of checkValue(ps, value)) problems.push([name, m]);
  }
  if (problems.length === 0 && spec.check) problems.push(...spec.check(withDefaults(spec, params)));
  return problems;
}

/** `params` with every omitted parameter set to its default (arrays copied). */
export function withDefaults(spec: ComponentSpec, params: Params): Params {
  const out: Params = {};
  for (const [name, ps] of Object.entries(spec.params)) {
    const v = params[name] ?? ps.default;
    if (v !== undefined) out[name] = Array.isArray(v) ? [...v] : v;
  }
  return out;
}

/** Defaults filled in and everything checked; throws a `UserError` listing every problem. */
export function resolveParams<P = Params>(spec: ComponentSpec<P>, id: string, params: Params): P {
  const problems = paramProblems(spec as ComponentSpec, params);
  if (problems.length > 0) {
    throw new UserError(
      `component '${id}' (${spec.type}): ` + problems.map(([name, m]) => `${name}: ${m}`).join('; '),
    );
  }
  // The one cast: every parameter has now been checked against its spec and defaulted, which is
  // what `ParamsOf` states.
  return withDefaults(spec as ComponentSpec, params) as P;
}

/** Check one run-time change against the spec; throws a `UserError` naming the component. */
export function checkSetting(spec: ComponentSpec, id: string, name: string, value: ParamValue): void {
  const ps = Object.hasOwn(spec.params, name) ? spec.params[name] : undefined;
  const problems = ps ? checkValue(ps, value) : ['unknown parameter'];
  if (problems.length > 0)
    throw new UserError(`component '${id}' (${spec.type}): ${name}: ${problems.join('; ')}`);
}

/** Input pin names `in0..in{n-1}`. */
export function numberedInputs(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `in${i}`);
}

/**
 * The `delay` parameter most parts share: seconds from a change of input or setting to the change of
 * output, ≥ 0. Its default is an assumption (the historical parts' timings are not recorded).
 */
export function delayParam(doc: string, defaultSeconds = 0): ParamSpec {
  return { kind: 'number', unit: 's', default: defaultSeconds, min: 0, doc, assumption: true };
}

/** A part with a `min`..`max` range (a pot): `max` must be above `min`. */
export function rangeProblems(p: Params): Array<[string, string]> {
  return (p.max as number) > (p.min as number)
    ? []
    : [['max', `must be greater than min (${p.min}), got ${p.max}`]];
}

/**
 * A family's spec with its parameters typed from their declarations: `pins`, `check` and `build`
 * receive `ParamsOf<T>` (validated and defaulted by `resolveParams` before `build` runs), so a part
 * reads `params.size` as a number without a cast.
 */
export function defineComponent<const T extends Readonly<Record<string, ParamSpec>>>(
  family: Omit<ComponentSpec<ParamsOf<T>>, 'create' | 'params'> & {
    readonly params: T;
    build(id: string, params: ParamsOf<T>): Component;
  },
): ComponentSpec<ParamsOf<T>> & { readonly params: T } {
  const { build, ...spec } = family;
  const typed: ComponentSpec<ParamsOf<T>> & { readonly params: T } = {
    ...spec,
    create: (id, params) => build(id, resolveParams(typed, id, params)),
  };
  return typed;
}

/** A family's parameter specs, with their literal types kept (`oneOf` values, kinds) for `ParamsOf`. */
export function paramSpecs<const T extends Readonly<Record<string, ParamSpec>>>(specs: T): T {
  return specs;
}
