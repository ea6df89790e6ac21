/**
 * Weight initialisers. All randomness comes from an `Rng` passed by the caller (src/rng.ts).
 *
 * | name             | weights                              | source                           |
 * |------------------|--------------------------------------|----------------------------------|
 * | `uniform:r`      | U[−r, r], r = 0.3 by default         | RHW 1986                         |
 * | `standard`       | U[±1/√fanIn]                         | Glorot & Bengio 2010, eq. 1      |
 * | `glorot-uniform` | U[±√(6/(fanIn+fanOut))]              | Glorot & Bengio 2010, eq. 16     |
 * | `he-normal`      | N(0, 2/fanIn)                        | He et al. 2015                   |
 * | `zeros`          | 0                                    | historical rules (WL90)          |
 *
 * `standard` is the "commonly used heuristic" Glorot & Bengio compare their normalised
 * initialisation against (Var = 1/(3·fanIn), so n·Var[W] = 1/3, their eq. 15); they set biases to 0.
 *
 * Biases are either drawn exactly like the weights (`same`, RHW and scikit-learn) or set to a
 * constant (`0`, or `0.01` as cs231n suggests for ReLU units).
 */
import { UserError } from '../errors.js';
import type { Rng } from '../rng.js';
import { describeJsonValue } from '../util/numbers.js';

/** Half-width of the RHW 1986 uniform initialisation U[−0.3, 0.3]. */
export const DEFAULT_UNIFORM_RANGE = 0.3;

export type InitName = 'uniform' | 'standard' | 'glorot-uniform' | 'he-normal' | 'zeros';
export const INIT_NAMES: readonly InitName[] = [
  'uniform',
  'standard',
  'glorot-uniform',
  'he-normal',
  'zeros',
];

export type InitConfig =
  | { name: 'uniform'; range: number }
  | { name: 'standard' }
  | { name: 'glorot-uniform' }
  | { name: 'he-normal' }
  | { name: 'zeros' };

/** How biases start: drawn like the weights, or a constant. */
export type BiasInit = 'same' | number;

/** The bias rule used when the caller does not give one: RHW's uniform draws biases too; the others start at 0. */
export function defaultBiasInit(init: InitConfig): BiasInit {
  return init.name === 'uniform' ? 'same' : 0;
}

/** Draw one weight for a layer with the given fan-in and fan-out. */
export function drawWeight(init: InitConfig, fanIn: number, fanOut: number, rng: Rng): number {
  switch (init.name) {
    case 'uniform':
      return rng.uniform(-init.range, init.range);
    case 'standard': {
      const r = 1 / Math.sqrt(fanIn);
      return rng.uniform(-r, r);
    }
    case 'glorot-uniform': {
      const r = Math.sqrt(6 / (fanIn + fanOut));
      return rng.uniform(-r, r);
    }
    case 'he-normal':
      return rng.normal(0, Math.sqrt(2 / fanIn));
    case 'zeros':
      return 0;
  }
}

/** Fill `out` with weights drawn for a layer of the given fans. */
export function fillWeights(
  out: Float64Array,
  init: InitConfig,
  fanIn: number,
  fanOut: number,
  rng: Rng,
): void {
  for (let i = 0; i < out.length; i++) out[i] = drawWeight(init, fanIn, fanOut, rng);
}

/** Fill `out` with biases by the bias rule. */
export function fillBiases(
  out: Float64Array,
  bias: BiasInit,
  init: InitConfig,
  fanIn: number,
  fanOut: number,
  rng: Rng,
): void {
  for (let i = 0; i < out.length; i++) out[i] = bias === 'same' ? drawWeight(init, fanIn, fanOut, rng) : bias;
}

/** Parse `uniform[:r]`, `standard`, `glorot-uniform`, `he-normal`, `zeros` (aliases: glorot, xavier, normalised, he, rhw). */
export function parseInit(text: string): InitConfig {
  const colon = text.indexOf(':');
  const raw = (colon < 0 ? text : text.slice(0, colon)).trim().toLowerCase();
  const paramText = colon < 0 ? undefined : text.slice(colon + 1).trim();
  const alias: Record<string, InitName> = {
    glorot: 'glorot-uniform',
    xavier: 'glorot-uniform',
    normalised: 'glorot-uniform',
    normalized: 'glorot-uniform',
    he: 'he-normal',
    rhw: 'uniform',
    zero: 'zeros',
  };
  const name = (INIT_NAMES as readonly string[]).includes(raw) ? (raw as InitName) : alias[raw];
  if (name === undefined) {
    throw new UserError(
      `unknown initialiser "${text}"; valid names: ${INIT_NAMES.join(', ')}`,
      'write NAME or NAME:PARAM, e.g. uniform:0.3, standard, glorot-uniform, he-normal, zeros',
    );
  }
  if (name !== 'uniform') {
    if (paramText !== undefined) throw new UserError(`initialiser "${text}": ${name} takes no parameter`);
    return { name };
  }
  if (paramText === undefined) return { name, range: DEFAULT_UNIFORM_RANGE };
  const r = Number(paramText);
  if (paramText === '' || !Number.isFinite(r) || r < 0) {
    throw new UserError(`initialiser "${text}": the uniform range must be a number ≥ 0, got "${paramText}"`);
  }
  return { name, range: r };
}

/** Parse a bias rule: `same` or a number such as `0.01`. */
export function parseBiasInit(text: string): BiasInit {
  const t = text.trim().toLowerCase();
  if (t === 'same') return 'same';
  const v = Number(t);
  if (t === '' || !Number.isFinite(v)) {
    throw new UserError(`bias initialiser "${text}": expected "same" or a number such as 0 or 0.01`);
  }
  return v;
}

/** Validate an InitConfig coming from JSON. */
export function initFromConfig(c: { name: string; range?: unknown }): InitConfig {
  if (c.name === 'uniform') {
    const r = c.range === undefined ? DEFAULT_UNIFORM_RANGE : c.range;
    if (typeof r !== 'number' || !Number.isFinite(r) || r < 0) {
      throw new UserError(`initialiser uniform: range must be a number ≥ 0, got ${describeJsonValue(r)}`);
    }
    return { name: 'uniform', range: r };
  }
  return parseInit(c.name);
}

/** `NAME[:param]` text for an initialiser config. */
export function formatInit(c: InitConfig): string {
  return c.name === 'uniform' ? `uniform:${c.range}` : c.name;
}
