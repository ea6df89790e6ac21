/**
 * Activation functions for the backprop MLP.
 *
 * Each activation is a named class with its defaults as named constants and a JSON config that
 * round-trips (`activationFromConfig(a.getConfig())` rebuilds `a`), in the style of tfjs-layers
 * `activations.ts`. Libraries disagree on defaults (REFERENCES.md §6, D8), so every parameter is
 * explicit in the config and recorded in every training result.
 *
 * The hot path works on whole layers: `forward` and `backward` take typed arrays, so the training
 * loop makes one call per layer per sample and never allocates.
 */
import { UserError } from '../errors.js';
import { didYouMean } from '../util/nearest.js';
import { describeJsonValue } from '../util/numbers.js';

/** Leaky-ReLU negative slope: Maas et al. 2013, PyTorch and cs231n use 0.01 (Keras/tfjs use 0.3). */
export const DEFAULT_LEAKY_RELU_SLOPE = 0.01;
/** PReLU initial slope: He et al. 2015 and PyTorch start at 0.25 (tfjs starts at 0). */
export const DEFAULT_PRELU_INITIAL_SLOPE = 0.25;
/** ELU α: Clevert et al. 2015 and PyTorch use 1.0. */
export const DEFAULT_ELU_ALPHA = 1.0;
/** Maxout pieces per unit: Goodfellow et al. 2013; ConvNetJS uses groups of 2. */
export const DEFAULT_MAXOUT_PIECES = 2;
/** Step output below the threshold: 0 (Heaviside, MATLAB `hardlim`); −1 gives `hardlims`. */
export const DEFAULT_STEP_LOW = 0;

export type ActivationName =
  | 'step'
  | 'identity'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'softplus'
  | 'leaky-relu'
  | 'prelu'
  | 'elu'
  | 'maxout'
  | 'softmax';

/** JSON form of an activation; parameters appear only where the activation has one. */
export type ActivationConfig =
  | { name: 'step'; low: number }
  | { name: 'identity' }
  | { name: 'sigmoid' }
  | { name: 'tanh' }
  | { name: 'relu' }
  | { name: 'softplus' }
  | { name: 'leaky-relu'; slope: number }
  | { name: 'prelu'; initialSlope: number }
  | { name: 'elu'; alpha: number }
  | { name: 'maxout'; pieces: number }
  | { name: 'softmax' };

/** Names accepted by `parseActivation`, in the order shown to users. */
export const ACTIVATION_NAMES: readonly ActivationName[] = [
  'step',
  'identity',
  'sigmoid',
  'tanh',
  'relu',
  'softplus',
  'leaky-relu',
  'prelu',
  'elu',
  'maxout',
  'softmax',
];

const ALIASES: Record<string, ActivationName> = {
  logistic: 'sigmoid',
  linear: 'identity',
  leaky: 'leaky-relu',
  leakyrelu: 'leaky-relu',
  leaky_relu: 'leaky-relu',
  heaviside: 'step',
};

export abstract class Activation {
  abstract readonly name: ActivationName;
  /** Linear pieces per unit: 1, except maxout. A layer of n units computes n·pieces net inputs. */
  readonly pieces: number = 1;
  /** False for step: it has no useful derivative and cannot be trained through. */
  readonly trainable: boolean = true;
  /** True for PReLU: the layer holds one learned slope per unit. */
  readonly learnsSlopes: boolean = false;
  /** ReLU family: a unit is counted as dead when it outputs exactly 0 on every training sample. */
  readonly reluFamily: boolean = false;
  /** Bounded squashing units ([lo, hi]) for the saturation diagnostic; null when unbounded. */
  readonly bounds: readonly [number, number] | null = null;
  /** Softmax couples the units of a layer; every other activation is element-wise. */
  readonly elementWise: boolean = true;

  /** The JSON config; `activationFromConfig(getConfig())` gives an equal activation. */
  abstract getConfig(): ActivationConfig;

  /** Scalar value f(x); `slope` is the learned PReLU slope (ignored by the others). */
  abstract apply(x: number, slope?: number): number;

  /** Scalar derivative f′(x) (y = f(x) is passed so implementations can reuse it). */
  abstract derivative(x: number, y: number, slope?: number): number;

  /**
   * a[u] = f(z[u]) for u < n. For maxout, z holds n·pieces net inputs (unit-major: z[u·k + p]) and
   * `argmax[u]` receives the winning piece. `slopes` is the PReLU slope array.
   */
  forward(
    z: Float64Array,
    a: Float64Array,
    n: number,
    slopes: Float64Array | null,
    argmax: Int32Array | null,
  ): void {
    void argmax;
    for (let u = 0; u < n; u++) a[u] = this.apply(z[u], slopes === null ? 0 : slopes[u]);
  }

  /**
   * dZ = dE/dz from dA = dE/da (the chain rule through this activation). For maxout, dZ has
   * n·pieces entries and only the arg-max piece of each unit receives the gradient.
   */
  backward(
    z: Float64Array,
    a: Float64Array,
    dA: Float64Array,
    dZ: Float64Array,
    n: number,
    slopes: Float64Array | null,
    argmax: Int32Array | null,
  ): void {
    void argmax;
    for (let u = 0; u < n; u++) dZ[u] = dA[u] * this.derivative(z[u], a[u], slopes === null ? 0 : slopes[u]);
  }

  toString(): string {
    return formatActivation(this.getConfig());
  }
}

/** Heaviside step (the historical threshold unit): `high` if x ≥ 0 else `low`; ties go high as in MATLAB `hardlim`. Forward only. */
export class Step extends Activation {
  readonly name = 'step' as const;
  override readonly trainable = false;
  constructor(readonly low: number = DEFAULT_STEP_LOW) {
    super();
  }
  getConfig(): ActivationConfig {
    return { name: 'step', low: this.low };
  }
  apply(x: number): number {
    return x >= 0 ? 1 : this.low;
  }
  derivative(): number {
    throw new UserError(
      'the step activation has no useful derivative, so a network with step units cannot be trained by backprop',
      'use sigmoid or tanh for trainable units; step is for forward evaluation of historical threshold units',
    );
  }
  override backward(): void {
    this.derivative();
  }
}

/** f(x) = x. */
export class Identity extends Activation {
  readonly name = 'identity' as const;
  getConfig(): ActivationConfig {
    return { name: 'identity' };
  }
  apply(x: number): number {
    return x;
  }
  derivative(): number {
    return 1;
  }
  override forward(z: Float64Array, a: Float64Array, n: number): void {
    for (let u = 0; u < n; u++) a[u] = z[u];
  }
  override backward(_z: Float64Array, _a: Float64Array, dA: Float64Array, dZ: Float64Array, n: number): void {
    for (let u = 0; u < n; u++) dZ[u] = dA[u];
  }
}

/** Logistic σ(x) = 1/(1+e^−x); σ′ = σ(1−σ) (RHW 1986). */
export class Sigmoid extends Activation {
  readonly name = 'sigmoid' as const;
  override readonly bounds = [0, 1] as const;
  getConfig(): ActivationConfig {
    return { name: 'sigmoid' };
  }
  apply(x: number): number {
    return 1 / (1 + Math.exp(-x));
  }
  derivative(_x: number, y: number): number {
    return y * (1 - y);
  }
  override forward(z: Float64Array, a: Float64Array, n: number): void {
    for (let u = 0; u < n; u++) a[u] = 1 / (1 + Math.exp(-z[u]));
  }
  override backward(_z: Float64Array, a: Float64Array, dA: Float64Array, dZ: Float64Array, n: number): void {
    for (let u = 0; u < n; u++) {
      const y = a[u];
      dZ[u] = dA[u] * y * (1 - y);
    }
  }
}

/** tanh x = 2σ(2x) − 1; derivative 1 − y². */
export class Tanh extends Activation {
  readonly name = 'tanh' as const;
  override readonly bounds = [-1, 1] as const;
  getConfig(): ActivationConfig {
    return { name: 'tanh' };
  }
  apply(x: number): number {
    return Math.tanh(x);
  }
  derivative(_x: number, y: number): number {
    return 1 - y * y;
  }
  override forward(z: Float64Array, a: Float64Array, n: number): void {
    for (let u = 0; u < n; u++) a[u] = Math.tanh(z[u]);
  }
  override backward(_z: Float64Array, a: Float64Array, dA: Float64Array, dZ: Float64Array, n: number): void {
    for (let u = 0; u < n; u++) {
      const y = a[u];
      dZ[u] = dA[u] * (1 - y * y);
    }
  }
}

/** max(0, x); the derivative at 0 is 0, as in scikit-learn, TF Playground and cs231n. */
export class Relu extends Activation {
  readonly name = 'relu' as const;
  override readonly reluFamily = true;
  getConfig(): ActivationConfig {
    return { name: 'relu' };
  }
  apply(x: number): number {
    return x > 0 ? x : 0;
  }
  derivative(x: number): number {
    return x > 0 ? 1 : 0;
  }
  override forward(z: Float64Array, a: Float64Array, n: number): void {
    for (let u = 0; u < n; u++) {
      const x = z[u];
      a[u] = x > 0 ? x : 0;
    }
  }
  override backward(z: Float64Array, _a: Float64Array, dA: Float64Array, dZ: Float64Array, n: number): void {
    for (let u = 0; u < n; u++) dZ[u] = z[u] > 0 ? dA[u] : 0;
  }
}

/**
 * Softplus ln(1 + eˣ), the smooth rectifier (Dugas et al. 2001) that Glorot, Bordes & Bengio 2011
 * compare with max(0, x); derivative σ(x). Written as max(x, 0) + ln(1 + e^−|x|) so that large |x|
 * neither overflows nor loses the small tail. Its output is never exactly 0 (except by underflow far
 * below x ≈ −745), which is the point of the comparison: no true zeros.
 */
export class Softplus extends Activation {
  readonly name = 'softplus' as const;
  getConfig(): ActivationConfig {
    return { name: 'softplus' };
  }
  apply(x: number): number {
    return (x > 0 ? x : 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }
  derivative(x: number): number {
    return 1 / (1 + Math.exp(-x));
  }
}

/** Leaky ReLU (Maas et al. 2013): x if x > 0 else slope·x; the derivative at 0 is the slope. */
export class LeakyRelu extends Activation {
  readonly name = 'leaky-relu' as const;
  override readonly reluFamily = true;
  constructor(readonly slope: number = DEFAULT_LEAKY_RELU_SLOPE) {
    super();
  }
  getConfig(): ActivationConfig {
    return { name: 'leaky-relu', slope: this.slope };
  }
  apply(x: number): number {
    return x > 0 ? x : this.slope * x;
  }
  derivative(x: number): number {
    return x > 0 ? 1 : this.slope;
  }
  override forward(z: Float64Array, a: Float64Array, n: number): void {
    const s = this.slope;
    for (let u = 0; u < n; u++) {
      const x = z[u];
      a[u] = x > 0 ? x : s * x;
    }
  }
  override backward(z: Float64Array, _a: Float64Array, dA: Float64Array, dZ: Float64Array, n: number): void {
    const s = this.slope;
    for (let u = 0; u < n; u++) dZ[u] = z[u] > 0 ? dA[u] : s * dA[u];
  }
}

/**
 * PReLU (He et al. 2015): max(0, x) + a·min(0, x) with a learned slope a per unit, starting at
 * `initialSlope`. The slopes are trained with momentum and no weight decay (He 2015 §2.1).
 */
export class Prelu extends Activation {
  readonly name = 'prelu' as const;
  override readonly reluFamily = true;
  override readonly learnsSlopes = true;
  constructor(readonly initialSlope: number = DEFAULT_PRELU_INITIAL_SLOPE) {
    super();
  }
  getConfig(): ActivationConfig {
    return { name: 'prelu', initialSlope: this.initialSlope };
  }
  apply(x: number, slope: number = this.initialSlope): number {
    return x > 0 ? x : slope * x;
  }
  derivative(x: number, _y: number, slope: number = this.initialSlope): number {
    return x > 0 ? 1 : slope;
  }
  override forward(z: Float64Array, a: Float64Array, n: number, slopes: Float64Array | null): void {
    for (let u = 0; u < n; u++) {
      const x = z[u];
      a[u] = x > 0 ? x : (slopes === null ? this.initialSlope : slopes[u]) * x;
    }
  }
  override backward(
    z: Float64Array,
    _a: Float64Array,
    dA: Float64Array,
    dZ: Float64Array,
    n: number,
    slopes: Float64Array | null,
  ): void {
    for (let u = 0; u < n; u++)
      dZ[u] = z[u] > 0 ? dA[u] : (slopes === null ? this.initialSlope : slopes[u]) * dA[u];
  }
}

/** ELU (Clevert et al. 2015): x if x > 0 else α(eˣ − 1); derivative 1 or y + α. */
export class Elu extends Activation {
  readonly name = 'elu' as const;
  override readonly reluFamily = true;
  constructor(readonly alpha: number = DEFAULT_ELU_ALPHA) {
    super();
  }
  getConfig(): ActivationConfig {
    return { name: 'elu', alpha: this.alpha };
  }
  apply(x: number): number {
    return x > 0 ? x : this.alpha * Math.expm1(x);
  }
  derivative(x: number, y: number): number {
    return x > 0 ? 1 : y + this.alpha;
  }
  override forward(z: Float64Array, a: Float64Array, n: number): void {
    const al = this.alpha;
    for (let u = 0; u < n; u++) {
      const x = z[u];
      a[u] = x > 0 ? x : al * Math.expm1(x);
    }
  }
  override backward(z: Float64Array, a: Float64Array, dA: Float64Array, dZ: Float64Array, n: number): void {
    const al = this.alpha;
    for (let u = 0; u < n; u++) dZ[u] = z[u] > 0 ? dA[u] : dA[u] * (a[u] + al);
  }
}

/**
 * Maxout (Goodfellow et al. 2013): h_u = max_p z[u·k + p] over k pieces, each piece its own linear
 * unit. Ties go to the first piece (strict `>`, as ConvNetJS); the gradient flows to the arg-max only.
 */
export class Maxout extends Activation {
  readonly name = 'maxout' as const;
  override readonly pieces: number;
  constructor(pieces: number = DEFAULT_MAXOUT_PIECES) {
    super();
    if (!Number.isInteger(pieces) || pieces < 1) {
      throw new UserError(`maxout: pieces must be an integer ≥ 1, got ${pieces}`);
    }
    this.pieces = pieces;
  }
  getConfig(): ActivationConfig {
    return { name: 'maxout', pieces: this.pieces };
  }
  /** As a scalar function of one piece's net input, maxout is the identity. */
  apply(x: number): number {
    return x;
  }
  derivative(): number {
    return 1;
  }
  override forward(
    z: Float64Array,
    a: Float64Array,
    n: number,
    _s: Float64Array | null,
    argmax: Int32Array | null,
  ): void {
    const k = this.pieces;
    for (let u = 0; u < n; u++) {
      const base = u * k;
      let best = z[base];
      let bi = 0;
      for (let p = 1; p < k; p++) {
        const v = z[base + p];
        if (v > best) {
          best = v;
          bi = p;
        }
      }
      a[u] = best;
      if (argmax !== null) argmax[u] = bi;
    }
  }
  override backward(
    _z: Float64Array,
    _a: Float64Array,
    dA: Float64Array,
    dZ: Float64Array,
    n: number,
    _s: Float64Array | null,
    argmax: Int32Array | null,
  ): void {
    if (argmax === null) throw new Error('maxout backward needs the arg-max of the forward pass');
    const k = this.pieces;
    for (let u = 0; u < n; u++) {
      const base = u * k;
      for (let p = 0; p < k; p++) dZ[base + p] = 0;
      dZ[base + argmax[u]] = dA[u];
    }
  }
}

/**
 * Softmax over the layer: y_i = e^(z_i) / Σ_j e^(z_j) (shifted by max z for stability). Output
 * layer only. With cross-entropy the output delta is y − d; with squared error the full Jacobian
 * is applied: dz_i = y_i (g_i − Σ_j g_j y_j).
 */
export class Softmax extends Activation {
  readonly name = 'softmax' as const;
  override readonly elementWise = false;
  override readonly bounds = [0, 1] as const;
  getConfig(): ActivationConfig {
    return { name: 'softmax' };
  }
  /** Not meaningful for a single value; returns 1 (the softmax of a one-element vector). */
  apply(): number {
    return 1;
  }
  derivative(): number {
    return 0;
  }
  override forward(z: Float64Array, a: Float64Array, n: number): void {
    let m = -Infinity;
    for (let u = 0; u < n; u++) if (z[u] > m) m = z[u];
    let s = 0;
    for (let u = 0; u < n; u++) {
      const e = Math.exp(z[u] - m);
      a[u] = e;
      s += e;
    }
    for (let u = 0; u < n; u++) a[u] /= s;
  }
  override backward(_z: Float64Array, a: Float64Array, dA: Float64Array, dZ: Float64Array, n: number): void {
    let dot = 0;
    for (let u = 0; u < n; u++) dot += dA[u] * a[u];
    for (let u = 0; u < n; u++) dZ[u] = a[u] * (dA[u] - dot);
  }
}

function checkFinite(name: string, param: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new UserError(`activation ${name}: ${param} must be a finite number, got ${describeJsonValue(v)}`);
  }
  return v;
}

/** Rebuild an activation from its JSON config (missing parameters take the documented defaults). */
export function activationFromConfig(
  config: ActivationConfig | { name: string; [k: string]: unknown },
): Activation {
  const c = config as Record<string, unknown> & { name: string };
  const name = normaliseName(c.name);
  switch (name) {
    case 'step':
      return new Step(c.low === undefined ? DEFAULT_STEP_LOW : checkFinite(name, 'low', c.low));
    case 'identity':
      return new Identity();
    case 'sigmoid':
      return new Sigmoid();
    case 'tanh':
      return new Tanh();
    case 'relu':
      return new Relu();
    case 'softplus':
      return new Softplus();
    case 'leaky-relu':
      return new LeakyRelu(
        c.slope === undefined ? DEFAULT_LEAKY_RELU_SLOPE : checkFinite(name, 'slope', c.slope),
      );
    case 'prelu':
      return new Prelu(
        c.initialSlope === undefined
          ? DEFAULT_PRELU_INITIAL_SLOPE
          : checkFinite(name, 'initialSlope', c.initialSlope),
      );
    case 'elu': {
      const alpha = c.alpha === undefined ? DEFAULT_ELU_ALPHA : checkFinite(name, 'alpha', c.alpha);
      if (alpha <= 0) throw new UserError(`activation elu: alpha must be > 0, got ${alpha}`);
      return new Elu(alpha);
    }
    case 'maxout':
      return new Maxout(
        c.pieces === undefined ? DEFAULT_MAXOUT_PIECES : checkFinite(name, 'pieces', c.pieces),
      );
    case 'softmax':
      return new Softmax();
  }
}

function normaliseName(raw: string): ActivationName {
  const key = String(raw).trim().toLowerCase();
  if ((ACTIVATION_NAMES as readonly string[]).includes(key)) return key as ActivationName;
  if (Object.hasOwn(ALIASES, key)) return ALIASES[key];
  throw new UserError(
    `unknown activation "${raw}"${didYouMean(key, [...ACTIVATION_NAMES, ...Object.keys(ALIASES)])}; valid names: ${ACTIVATION_NAMES.join(', ')} (aliases: logistic, linear)`,
    'write NAME or NAME:PARAM, e.g. leaky-relu:0.1, prelu:0.25, elu:0.5, maxout:3, step:-1',
  );
}

/** The parameter each parameterised activation takes in `NAME:PARAM` syntax. */
const PARAM_OF: Partial<Record<ActivationName, string>> = {
  step: 'low',
  'leaky-relu': 'slope',
  prelu: 'initialSlope',
  elu: 'alpha',
  maxout: 'pieces',
};

/**
 * Parse the CLI syntax `NAME[:param]`: `relu`, `leaky-relu:0.1` (slope), `prelu:0.25` (initial
 * slope), `elu:0.5` (α), `maxout:3` (pieces), `step:-1` (low output). Unknown names and bad
 * parameters throw a UserError naming the valid choices.
 */
export function parseActivation(text: string): Activation {
  const colon = text.indexOf(':');
  const rawName = colon < 0 ? text : text.slice(0, colon);
  const name = normaliseName(rawName);
  if (colon < 0) return activationFromConfig({ name });
  const paramText = text.slice(colon + 1).trim();
  const param = PARAM_OF[name];
  if (param === undefined) {
    throw new UserError(`activation "${text}": ${name} takes no parameter`);
  }
  const value = Number(paramText);
  if (paramText === '' || !Number.isFinite(value)) {
    throw new UserError(`activation "${text}": ${param} must be a number, got "${paramText}"`);
  }
  if (name === 'maxout' && (!Number.isInteger(value) || value < 1)) {
    throw new UserError(`activation "${text}": maxout pieces must be an integer ≥ 1, got "${paramText}"`);
  }
  return activationFromConfig({ name, [param]: value });
}

/** `NAME[:param]` text for a config, the inverse of `parseActivation`. */
export function formatActivation(config: ActivationConfig): string {
  const param = PARAM_OF[config.name];
  if (param === undefined) return config.name;
  return `${config.name}:${(config as unknown as Record<string, number>)[param]}`;
}
