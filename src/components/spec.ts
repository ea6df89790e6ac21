/**
 * How a component family describes itself to the circuit-file loader and the docs.
 *
 * Each family file exports one `ComponentSpec` per component type. The netlist layer validates a
 * circuit's parameters against `params` (type, range, unit) and reports every problem with its JSON
 * path, so a component's constructor receives only valid, defaulted values.
 */
import type { Component, ParamValue } from '../sim/component.js';

export type ParamKind = 'number' | 'integer' | 'boolean' | 'string' | 'number[]';

export interface ParamSpec {
  readonly kind: ParamKind;
  /** Unit in which the circuit file states it (`s`, `V`, `Ω`, `lux`, `1` for dimensionless). */
  readonly unit: string;
  /** Default used when the circuit file omits it; `undefined` means required. */
  readonly default?: ParamValue;
  /** Inclusive bounds for numbers. */
  readonly min?: number;
  readonly max?: number;
  /** Strictly-greater-than bound (for "must be positive"). */
  readonly exclusiveMin?: number;
  /** Allowed values for strings. */
  readonly oneOf?: readonly string[];
  /** One line: what it is. */
  readonly doc: string;
  /** Set when the default is not a historical fact but our assumption (see docs/components.md). */
  readonly assumption?: boolean;
}

/** Parameters after validation and defaulting. */
export type Params = Record<string, ParamValue>;

/** The value type a parameter's spec declares (a string with `oneOf`: one of those strings). */
export type ValueOf<S extends ParamSpec> = S extends { readonly kind: 'boolean' }
  ? boolean
  : S extends { readonly kind: 'number[]' }
    ? number[]
    : S extends { readonly kind: 'string'; readonly oneOf: readonly (infer O)[] }
      ? O
      : S extends { readonly kind: 'string' }
        ? string
        : number;

/** A family's validated parameters, typed from its parameter specs (no casts where they are read). */
export type ParamsOf<T extends Readonly<Record<string, ParamSpec>>> = {
  readonly [K in keyof T]: ValueOf<T[K]>;
};

/**
 * A component family. `P` is the type of its validated parameters (`ParamsOf<typeof spec.params>`,
 * see `defineComponent` in params.ts); the loader and the registry see every family as `ComponentSpec`.
 */
export interface ComponentSpec<P = Params> {
  /** Type name used in circuit files. */
  readonly type: string;
  /** One-paragraph description: what the part is and what it models. */
  readonly doc: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** Pin names for the given parameters (e.g. a summer's `in0..in{n-1}`). */
  pins(params: P): { inputs: string[]; outputs: string[] };
  /**
   * Cross-parameter checks beyond each parameter's own spec (e.g. `min < max`); returns problems as
   * `[paramName, message]` pairs, empty when fine.
   */
  check?(params: P): Array<[string, string]>;
  /** Build the component from a circuit file's parameters (it validates them: `resolveParams`). */
  create(id: string, params: Params): Component;
}
