/** Activations: values, defaults, config round-trip, the NAME[:param] parser; initialisers. */
import { describe, expect, it } from 'vitest';
import {
  ACTIVATION_NAMES,
  DEFAULT_ELU_ALPHA,
  DEFAULT_LEAKY_RELU_SLOPE,
  DEFAULT_MAXOUT_PIECES,
  DEFAULT_PRELU_INITIAL_SLOPE,
  activationFromConfig,
  formatActivation,
  parseActivation,
} from '../../src/backprop/activations.js';
import {
  DEFAULT_UNIFORM_RANGE,
  drawWeight,
  parseBiasInit,
  parseInit,
} from '../../src/backprop/initialisers.js';
import { Mlp } from '../../src/backprop/mlp.js';
import { UserError } from '../../src/errors.js';
import { Rng } from '../../src/rng.js';

const f = (name: string, x: number) => parseActivation(name).apply(x);

describe('activation values', () => {
  it('computes the documented formulas', () => {
    expect(f('sigmoid', 0)).toBe(0.5);
    expect(f('sigmoid', 2)).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
    expect(f('tanh', 0.5)).toBeCloseTo(2 / (1 + Math.exp(-1)) - 1, 15);
    expect(f('relu', -2)).toBe(0);
    expect(f('relu', 3)).toBe(3);
    expect(f('leaky-relu', -2)).toBeCloseTo(-0.02, 15);
    expect(f('leaky-relu:0.3', -2)).toBeCloseTo(-0.6, 15);
    expect(f('prelu', -4)).toBe(-1);
    expect(f('elu', -1)).toBeCloseTo(Math.exp(-1) - 1, 15);
    expect(f('elu:0.5', -1)).toBeCloseTo(0.5 * (Math.exp(-1) - 1), 15);
    expect(f('identity', -7)).toBe(-7);
    expect(f('step', 0)).toBe(1);
    expect(f('step', -0.1)).toBe(0);
    expect(f('step:-1', -0.1)).toBe(-1);
  });

  // Identities of the formulas (they used to be "reproduced" rows of activations-saturation, where
  // they could not fail): σ′ = σ(1 − σ) peaks at ¼, tanh′ = 1 − tanh² at 1, both even and tiny at ±10.
  it('sigmoid and tanh local gradients: maxima at 0, saturated values at ±10', () => {
    const d = (name: string, x: number) => {
      const act = parseActivation(name);
      return act.derivative(x, act.apply(x));
    };
    expect(d('sigmoid', 0)).toBe(0.25);
    expect(d('tanh', 0)).toBe(1);
    // e⁻¹⁰/(1 + e⁻¹⁰)² and sech²(10), computed in double precision; the library derives them from
    // the output y, which costs about 5 (sigmoid) and 8 (tanh) of the 16 digits.
    const sigmoid10 = Math.exp(-10) / (1 + Math.exp(-10)) ** 2;
    const tanh10 = 1 / Math.cosh(10) ** 2;
    for (const x of [10, -10]) {
      expect(Math.abs(d('sigmoid', x) - sigmoid10)).toBeLessThan(1e-13);
      expect(Math.abs(d('tanh', x) - tanh10)).toBeLessThan(1e-14);
    }
    for (let x = -10; x <= 10; x += 0.25) {
      expect(d('sigmoid', x)).toBeLessThanOrEqual(0.25);
      expect(d('tanh', x)).toBeLessThanOrEqual(1);
    }
  });

  it('ReLU derivative is 0 at 0 (scikit-learn), leaky ReLU gives its slope there', () => {
    expect(parseActivation('relu').derivative(0, 0)).toBe(0);
    expect(parseActivation('relu').derivative(1e-9, 1e-9)).toBe(1);
    expect(parseActivation('leaky-relu').derivative(0, 0)).toBe(0.01);
  });

  it('maxout picks the largest piece, ties go to the first, and the gradient goes to the arg-max', () => {
    const m = parseActivation('maxout:3');
    const z = Float64Array.from([1, 5, 5, -1, -3, -2]);
    const a = new Float64Array(2);
    const arg = new Int32Array(2);
    m.forward(z, a, 2, null, arg);
    expect(Array.from(a)).toEqual([5, -1]);
    expect(Array.from(arg)).toEqual([1, 0]);
    const dZ = new Float64Array(6).fill(9);
    m.backward(z, a, Float64Array.from([2, 3]), dZ, 2, null, arg);
    expect(Array.from(dZ)).toEqual([0, 2, 0, 3, 0, 0]);
  });

  it('softmax sums to 1 and is stable for large inputs', () => {
    const s = parseActivation('softmax');
    const a = new Float64Array(3);
    s.forward(Float64Array.from([1000, 1001, 1002]), a, 3, null, null);
    expect(a[0] + a[1] + a[2]).toBeCloseTo(1, 15);
    expect(a[2] / a[1]).toBeCloseTo(Math.E, 12);
  });

  it('step refuses the derivative, and a network with step units refuses training', () => {
    expect(() => parseActivation('step').derivative(0, 1)).toThrow(UserError);
    expect(parseActivation('step').trainable).toBe(false);
  });
});

describe('defaults and configs', () => {
  it('names its defaults as constants with the documented values', () => {
    expect(DEFAULT_LEAKY_RELU_SLOPE).toBe(0.01);
    expect(DEFAULT_PRELU_INITIAL_SLOPE).toBe(0.25);
    expect(DEFAULT_ELU_ALPHA).toBe(1);
    expect(DEFAULT_MAXOUT_PIECES).toBe(2);
    expect(parseActivation('leaky-relu').getConfig()).toEqual({ name: 'leaky-relu', slope: 0.01 });
    expect(parseActivation('prelu').getConfig()).toEqual({ name: 'prelu', initialSlope: 0.25 });
    expect(parseActivation('elu').getConfig()).toEqual({ name: 'elu', alpha: 1 });
    expect(parseActivation('maxout').getConfig()).toEqual({ name: 'maxout', pieces: 2 });
  });

  it('every config round-trips through JSON and the NAME:param text', () => {
    for (const text of [...ACTIVATION_NAMES, 'leaky-relu:0.1', 'maxout:3', 'elu:0.5', 'prelu:0', 'step:-1']) {
      const a = parseActivation(text);
      const json = JSON.parse(JSON.stringify(a.getConfig()));
      expect(activationFromConfig(json).getConfig()).toEqual(a.getConfig());
      expect(parseActivation(formatActivation(a.getConfig())).getConfig()).toEqual(a.getConfig());
    }
    expect(formatActivation({ name: 'maxout', pieces: 3 })).toBe('maxout:3');
  });

  it('accepts the aliases logistic and linear', () => {
    expect(parseActivation('logistic').name).toBe('sigmoid');
    expect(parseActivation('Linear').name).toBe('identity');
  });

  it('rejects unknown names with a UserError listing the valid ones', () => {
    expect(() => parseActivation('swish')).toThrow(UserError);
    expect(() => parseActivation('swish')).toThrow(
      /valid names: step, identity, sigmoid, tanh, relu, softplus, leaky-relu, prelu, elu, maxout, softmax/,
    );
    expect(() => parseActivation('relu:2')).toThrow(/takes no parameter/);
    expect(() => parseActivation('leaky-relu:abc')).toThrow(/slope must be a number/);
    expect(() => parseActivation('maxout:1.5')).toThrow(/integer/);
    expect(() => parseActivation('elu:-1')).toThrow(/alpha must be > 0/);
  });
});

describe('initialisers', () => {
  it('parses NAME[:param] with defaults and rejects unknown names', () => {
    expect(parseInit('uniform')).toEqual({ name: 'uniform', range: DEFAULT_UNIFORM_RANGE });
    expect(DEFAULT_UNIFORM_RANGE).toBe(0.3);
    expect(parseInit('uniform:0.5')).toEqual({ name: 'uniform', range: 0.5 });
    expect(parseInit('glorot-uniform')).toEqual({ name: 'glorot-uniform' });
    expect(parseInit('normalised')).toEqual({ name: 'glorot-uniform' });
    expect(parseInit('standard')).toEqual({ name: 'standard' });
    expect(parseInit('he-normal')).toEqual({ name: 'he-normal' });
    expect(parseInit('zeros')).toEqual({ name: 'zeros' });
    expect(() => parseInit('lecun')).toThrow(
      /valid names: uniform, standard, glorot-uniform, he-normal, zeros/,
    );
    expect(() => parseInit('uniform:-1')).toThrow(UserError);
    expect(parseBiasInit('same')).toBe('same');
    expect(parseBiasInit('0.01')).toBe(0.01);
    expect(() => parseBiasInit('x')).toThrow(UserError);
  });

  it('draws within the documented ranges and with the documented spread', () => {
    const rng = Rng.fromSeed(1);
    const N = 20000;
    const draw = (text: string, fanIn: number, fanOut: number) =>
      Array.from({ length: N }, () => drawWeight(parseInit(text), fanIn, fanOut, rng));
    const u = draw('uniform:0.3', 10, 10);
    expect(Math.max(...u.map(Math.abs))).toBeLessThanOrEqual(0.3);
    expect(Math.max(...u.map(Math.abs))).toBeGreaterThan(0.29);
    const g = draw('glorot-uniform', 100, 50);
    const bound = Math.sqrt(6 / 150);
    expect(Math.max(...g.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...g.map(Math.abs))).toBeGreaterThan(0.97 * bound);
    // Glorot & Bengio's "standard" heuristic: U[±1/√fanIn], so fanIn·Var[W] = 1/3 (their eq. 15).
    const st = draw('standard', 64, 7);
    expect(Math.max(...st.map(Math.abs))).toBeLessThanOrEqual(1 / 8);
    expect(Math.max(...st.map(Math.abs))).toBeGreaterThan(0.97 / 8);
    const stVar = st.reduce((s, v) => s + v * v, 0) / N;
    expect(64 * stVar).toBeGreaterThan(0.95 / 3);
    expect(64 * stVar).toBeLessThan(1.05 / 3);
    const h = draw('he-normal', 50, 10);
    const variance = h.reduce((s, v) => s + v * v, 0) / N;
    expect(variance).toBeGreaterThan(0.95 * (2 / 50));
    expect(variance).toBeLessThan(1.05 * (2 / 50));
    expect(draw('zeros', 3, 3).every((v) => v === 0)).toBe(true);
  });

  it('biases: drawn like the weights for uniform, constant for the others or when given', () => {
    const a = Mlp.create({ inputs: 3, hidden: [4], outputs: 1 }, Rng.fromSeed(1));
    expect(a.config.biasInit).toBe('same');
    expect(new Set(a.layers[0].b).size).toBe(4);
    const b = Mlp.create(
      { inputs: 3, hidden: [4], outputs: 1, init: 'he-normal', hiddenActivation: 'relu', biasInit: 0.01 },
      Rng.fromSeed(1),
    );
    expect(Array.from(b.layers[0].b)).toEqual([0.01, 0.01, 0.01, 0.01]);
    const c = Mlp.create({ inputs: 3, hidden: [4], outputs: 1, init: 'glorot-uniform' }, Rng.fromSeed(1));
    expect(c.config.biasInit).toBe(0);
    expect(Array.from(c.layers[1].b)).toEqual([0]);
  });

  it('the same seed gives the same weights, another seed different ones', () => {
    const spec = { inputs: 3, hidden: [4], outputs: 2 };
    expect(Mlp.create(spec, Rng.fromSeed(5)).exportWeights()).toEqual(
      Mlp.create(spec, Rng.fromSeed(5)).exportWeights(),
    );
    expect(Mlp.create(spec, Rng.fromSeed(5)).exportWeights()).not.toEqual(
      Mlp.create(spec, Rng.fromSeed(6)).exportWeights(),
    );
  });
});
