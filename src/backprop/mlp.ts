/**
 * A multi-layer perceptron trained by backprop (Rumelhart, Hinton & Williams 1986).
 *
 * Layout: layer l has `units` units, each with `pieces` linear pieces (1 except maxout), so
 * `rows = units·pieces` net inputs z = W·x + b. W is stored row-major `[row][input]` in one
 * Float64Array (row = unit·pieces + piece), the same `[unit][input]` order as the JSON shape.
 * Optional direct connections add D·x₀ (network input → output layer) to the output net inputs,
 * as in the 1986 XOR net with one hidden unit (PDP vol. 1 ch. 8 p.331).
 *
 * `forwardBatch` and `backwardBatch` take several samples at once through the dense kernels of
 * kernels.ts (each sum in a fixed order); `forward` and `backward` are a batch of one, so the two
 * give the same bits. The work buffers hold a batch and grow only when a larger batch comes;
 * otherwise nothing allocates.
 */
import { UserError } from '../errors.js';
import type { Rng } from '../rng.js';
import {
  type Activation,
  type ActivationConfig,
  activationFromConfig,
  parseActivation,
} from './activations.js';
import {
  type BiasInit,
  type InitConfig,
  DEFAULT_UNIFORM_RANGE,
  defaultBiasInit,
  fillBiases,
  fillWeights,
  initFromConfig,
  parseInit,
} from './initialisers.js';
import { backDeltas, denseForward, weightGradient } from './kernels.js';
import { kernelMatrix } from './simd-memory.js';
import { describeJsonValue } from '../util/numbers.js';

/**
 * `squared`: E = ½Σ(y − d)² per sample (RHW 1986; scikit-learn's regressor loss).
 * `cross-entropy`: −Σ[d ln y + (1−d) ln(1−y)] with logistic outputs (binary: one output unit, as
 * scikit-learn), −Σ d ln y with softmax. With either, the output delta is y − d.
 */
export type LossName = 'squared' | 'cross-entropy';
export const LOSS_NAMES: readonly LossName[] = ['squared', 'cross-entropy'];

/** Defaults of the network: the 1986 sigmoid net with squared error and U[±0.3] weights. */
export const DEFAULT_HIDDEN_ACTIVATION: ActivationConfig = { name: 'sigmoid' };
export const DEFAULT_OUTPUT_ACTIVATION: ActivationConfig = { name: 'sigmoid' };
export const DEFAULT_LOSS: LossName = 'squared';
export const DEFAULT_INIT: InitConfig = { name: 'uniform', range: DEFAULT_UNIFORM_RANGE };

type ActivationLike = Activation | ActivationConfig | string;

/** What a caller gives to build a network; everything but the sizes has a default. */
export interface MlpSpec {
  inputs: number;
  /** Units per hidden layer, from the input side; [] for a single-layer net. */
  hidden: readonly number[];
  outputs: number;
  /** One activation for all hidden layers, or one per hidden layer. */
  hiddenActivation?: ActivationLike | readonly ActivationLike[];
  outputActivation?: ActivationLike;
  loss?: LossName;
  /** Direct input→output connections (no bias of their own). */
  direct?: boolean;
  init?: InitConfig | string;
  /** `same` draws biases like the weights; a number sets them all. Default: `same` for uniform, else 0. */
  biasInit?: BiasInit;
}

/** The resolved network configuration: every default explicit, JSON-serialisable, printable. */
export interface MlpConfig {
  inputs: number;
  hidden: number[];
  outputs: number;
  hiddenActivations: ActivationConfig[];
  outputActivation: ActivationConfig;
  loss: LossName;
  direct: boolean;
  init: InitConfig;
  biasInit: BiasInit;
}

/** One layer's weights in the serialisable shape, `[unit][input]`. */
export interface LayerJson {
  weights: number[][];
  bias: number[];
  /** PReLU layers only: the learned negative slope of each unit. */
  slopes?: number[];
  /** Maxout layers only: pieces 2..k, each shaped like `weights`/`bias` (which hold piece 1). */
  extraPieces?: { weights: number[][]; bias: number[] }[];
}

/** The weights of a whole network, from the input side: `--init FILE.json` and `final` in train output. */
export interface WeightsJson {
  layers: LayerJson[];
  /** Direct input→output weights `[output unit][network input]`, when the network has them. */
  direct?: { weights: number[][] };
}

/** One layer's parameters, gradients, momentum buffers and work buffers. */
export class Layer {
  readonly rows: number;
  readonly pieces: number;
  readonly W: Float64Array;
  readonly b: Float64Array;
  readonly slopes: Float64Array | null;
  readonly gW: Float64Array;
  readonly gb: Float64Array;
  readonly gSlopes: Float64Array | null;
  /**
   * Work buffers for a batch, sample-major (slot s of Z at `s·rows`): net inputs Z (rows), outputs
   * A (units), dE/dZ (rows), dE/dA (units), maxout arg-max (units). Grown by `reserve`.
   */
  Z = new Float64Array(0);
  A = new Float64Array(0);
  DZ = new Float64Array(0);
  DA = new Float64Array(0);
  /** The same buffers cut per sample slot, for the activations' per-sample calls. */
  zs: Float64Array[] = [];
  as: Float64Array[] = [];
  dZs: Float64Array[] = [];
  dAs: Float64Array[] = [];
  argmaxes: (Int32Array | null)[] = [];

  constructor(
    readonly index: number,
    readonly nIn: number,
    readonly units: number,
    readonly act: Activation,
  ) {
    this.pieces = act.pieces;
    this.rows = units * this.pieces;
    // In WebAssembly memory when large: the SIMD kernels use them in place (simd-memory.ts).
    this.W = kernelMatrix(this.rows, nIn);
    this.b = new Float64Array(this.rows);
    this.gW = kernelMatrix(this.rows, nIn);
    this.gb = new Float64Array(this.rows);
    this.slopes = act.learnsSlopes ? new Float64Array(units) : null;
    this.gSlopes = act.learnsSlopes ? new Float64Array(units) : null;
    if (this.slopes !== null) this.slopes.fill((act.getConfig() as { initialSlope: number }).initialSlope);
    this.reserve(1);
  }

  /** Make room for `slots` samples (contents are lost when the buffers grow). */
  reserve(slots: number): void {
    if (this.zs.length >= slots) return;
    const { rows, units } = this;
    this.Z = new Float64Array(slots * rows);
    this.A = new Float64Array(slots * units);
    this.DZ = new Float64Array(slots * rows);
    this.DA = new Float64Array(slots * units);
    const argmax = this.pieces > 1 ? new Int32Array(slots * units) : null;
    const cut = <T extends Float64Array | Int32Array>(buf: T, n: number) =>
      Array.from({ length: slots }, (_, s) => buf.subarray(s * n, (s + 1) * n) as T);
    this.zs = cut(this.Z, rows);
    this.as = cut(this.A, units);
    this.dZs = cut(this.DZ, rows);
    this.dAs = cut(this.DA, units);
    this.argmaxes = argmax === null ? this.zs.map(() => null) : cut(argmax, units);
  }

  /** Slot 0: the buffers of the per-sample `forward` and `backward`. */
  get z(): Float64Array {
    return this.zs[0];
  }
  get a(): Float64Array {
    return this.as[0];
  }
  get dZ(): Float64Array {
    return this.dZs[0];
  }
  get dA(): Float64Array {
    return this.dAs[0];
  }
  get argmax(): Int32Array | null {
    return this.argmaxes[0];
  }
}

/** A named parameter array with its gradient, for optimisers and numerical gradient checks. */
export interface ParamRef {
  /** e.g. `layers[0].weights`, `layers[1].slopes`, `direct.weights`. */
  name: string;
  /** Index of the layer it belongs to (direct weights count as the output layer). */
  layer: number;
  kind: 'weights' | 'bias' | 'slopes' | 'direct';
  values: Float64Array;
  grads: Float64Array;
  /** Weight decay applies to weights and direct weights, never to biases or PReLU slopes. */
  decay: boolean;
}

function toActivation(a: ActivationLike): Activation {
  if (typeof a === 'string') return parseActivation(a);
  if ('getConfig' in a) return a;
  return activationFromConfig(a);
}

function checkSize(what: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new UserError(`network: ${what} must be an integer ≥ 1, got ${describeJsonValue(v)}`);
  }
  return v;
}

export class Mlp {
  readonly config: MlpConfig;
  readonly layers: Layer[];
  readonly output: Layer;
  /** Direct input→output weights `[output][input]`, or null. */
  readonly D: Float64Array | null;
  readonly gD: Float64Array | null;
  private readonly softmaxCe: boolean;
  private readonly logisticCe: boolean;
  /** Batch slots the work buffers hold, and the kernels' scratch (sized by `reserve`). */
  private slots = 0;
  private coef = new Float64Array(0);
  private termOff = new Int32Array(0);
  private srcOff = new Int32Array(0);
  private readonly one = new Int32Array(1);
  private readonly oneD = new Int32Array(1);
  private readonly xCopy: Float64Array;

  private constructor(spec: MlpSpec) {
    const inputs = checkSize('inputs', spec.inputs);
    const outputs = checkSize('outputs', spec.outputs);
    const hidden = spec.hidden.map((h, i) => checkSize(`hidden[${i}]`, h));
    const ha = spec.hiddenActivation ?? DEFAULT_HIDDEN_ACTIVATION;
    const hiddenActs: Activation[] = Array.isArray(ha)
      ? (ha as readonly ActivationLike[]).map(toActivation)
      : hidden.map(() => toActivation(ha as ActivationLike));
    if (hiddenActs.length !== hidden.length) {
      throw new UserError(
        `network: ${hidden.length} hidden layers but ${hiddenActs.length} hidden activations; give one, or one per layer`,
      );
    }
    for (const h of hiddenActs) {
      if (h.name === 'softmax')
        throw new UserError('network: softmax is an output activation, not a hidden one');
    }
    const loss = spec.loss ?? DEFAULT_LOSS;
    if (!LOSS_NAMES.includes(loss)) {
      throw new UserError(`network: unknown loss "${String(loss)}"; valid: ${LOSS_NAMES.join(', ')}`);
    }
    const outAct = toActivation(spec.outputActivation ?? DEFAULT_OUTPUT_ACTIVATION);
    if (loss === 'cross-entropy' && outAct.name !== 'sigmoid' && outAct.name !== 'softmax') {
      throw new UserError(
        `network: cross-entropy needs a sigmoid (logistic) or softmax output, got ${outAct.name}`,
        'use --output sigmoid for binary tasks (one output unit) or softmax for several classes',
      );
    }
    if (outAct.name === 'maxout' || outAct.learnsSlopes) {
      throw new UserError(`network: ${outAct.name} is not supported as the output activation`);
    }
    const init =
      spec.init === undefined
        ? DEFAULT_INIT
        : typeof spec.init === 'string'
          ? parseInit(spec.init)
          : initFromConfig(spec.init);
    const direct = spec.direct ?? false;
    this.config = {
      inputs,
      hidden: [...hidden],
      outputs,
      hiddenActivations: hiddenActs.map((a) => a.getConfig()),
      outputActivation: outAct.getConfig(),
      loss,
      direct,
      init,
      biasInit: spec.biasInit ?? defaultBiasInit(init),
    };
    const sizes = [inputs, ...hidden, outputs];
    const acts = [...hiddenActs, outAct];
    this.layers = acts.map((act, l) => new Layer(l, sizes[l], sizes[l + 1], act));
    this.output = this.layers[this.layers.length - 1];
    this.D = direct ? kernelMatrix(outputs, inputs) : null;
    this.gD = direct ? kernelMatrix(outputs, inputs) : null;
    this.softmaxCe = loss === 'cross-entropy' && outAct.name === 'softmax';
    this.logisticCe = loss === 'cross-entropy' && outAct.name === 'sigmoid';
    this.xCopy = new Float64Array(inputs);
    this.reserve(1);
  }

  /** A network with weights drawn by its initialiser from `rng`. */
  static create(spec: MlpSpec, rng: Rng): Mlp {
    const net = new Mlp(spec);
    const { init, biasInit } = net.config;
    for (const L of net.layers) {
      fillWeights(L.W, init, L.nIn, L.units, rng);
      fillBiases(L.b, biasInit, init, L.nIn, L.units, rng);
    }
    if (net.D !== null) fillWeights(net.D, init, net.config.inputs, net.config.outputs, rng);
    return net;
  }

  /** A network with the given weights (checked against the shape; a UserError names any mismatch). */
  static fromWeights(spec: MlpSpec, weights: unknown, source = 'weights'): Mlp {
    const net = new Mlp(spec);
    net.importWeights(weights, source);
    return net;
  }

  /** An independent copy with equal weights. */
  clone(): Mlp {
    return Mlp.fromWeights(this.config, this.exportWeights());
  }

  /** Number of trainable numbers (weights, biases, slopes, direct weights). */
  get parameterCount(): number {
    return this.parameters().reduce((s, p) => s + p.values.length, 0);
  }

  /** Every parameter array with its gradient buffer, in a fixed order. */
  parameters(): ParamRef[] {
    const out: ParamRef[] = [];
    for (const L of this.layers) {
      const l = L.index;
      out.push({
        name: `layers[${l}].weights`,
        layer: l,
        kind: 'weights',
        values: L.W,
        grads: L.gW,
        decay: true,
      });
      out.push({ name: `layers[${l}].bias`, layer: l, kind: 'bias', values: L.b, grads: L.gb, decay: false });
      if (L.slopes !== null && L.gSlopes !== null) {
        out.push({
          name: `layers[${l}].slopes`,
          layer: l,
          kind: 'slopes',
          values: L.slopes,
          grads: L.gSlopes,
          decay: false,
        });
      }
    }
    if (this.D !== null && this.gD !== null) {
      out.push({
        name: 'direct.weights',
        layer: this.output.index,
        kind: 'direct',
        values: this.D,
        grads: this.gD,
        decay: true,
      });
    }
    return out;
  }

  /** Make room for batches of `slots` samples in `forwardBatch` (which grows it by itself too). */
  reserve(slots: number): void {
    if (slots <= this.slots) return;
    for (const L of this.layers) L.reserve(slots);
    const terms = Math.max(slots, ...this.layers.map((L) => L.rows));
    this.coef = new Float64Array(terms);
    this.termOff = new Int32Array(terms);
    this.srcOff = new Int32Array(slots);
    this.slots = slots;
  }

  /** A Float64Array view of an input sample: `x` itself when it is one, else a copy. */
  private asFloat64(x: ArrayLike<number>, off: number): Float64Array {
    if (x instanceof Float64Array) return x;
    const n = this.config.inputs;
    for (let i = 0; i < n; i++) this.xCopy[i] = x[off + i];
    return this.xCopy;
  }

  /**
   * Forward pass of the sample at `x[off .. off+inputs)`. Returns the output layer's activation
   * buffer (overwritten by the next call; copy it to keep it). Every layer's z and a are left set
   * for `backward`. A batch of one: the same arithmetic as each sample of `forwardBatch`.
   */
  forward(x: ArrayLike<number>, off = 0): Float64Array {
    const xf = this.asFloat64(x, off);
    this.one[0] = xf === x ? off : 0;
    this.forwardBatch(xf, this.one, 1);
    return this.output.a;
  }

  /**
   * Forward pass of `count` samples, sample s at `x[off[s] ..]`, into the layers' slots 0..count-1
   * (`outputAt(s)`; every layer's Z and A are left set for `backwardBatch`).
   */
  forwardBatch(x: Float64Array, off: Int32Array, count: number): void {
    this.reserve(count);
    const layers = this.layers;
    let src = x;
    let srcOff = off;
    for (let l = 0; l < layers.length; l++) {
      const L = layers[l];
      denseForward(L.W, L.nIn, L.rows, src, srcOff, count, L.Z, L.rows, L.b);
      if (L === this.output && this.D !== null) {
        denseForward(this.D, this.config.inputs, L.rows, x, off, count, L.Z, L.rows, null);
      }
      for (let s = 0; s < count; s++) L.act.forward(L.zs[s], L.as[s], L.units, L.slopes, L.argmaxes[s]);
      src = L.A;
      srcOff = this.srcOff;
      for (let s = 0; s < count; s++) srcOff[s] = s * L.units;
    }
  }

  /** The outputs of batch slot `slot` after `forwardBatch` (overwritten by the next pass). */
  outputAt(slot: number): Float64Array {
    return this.output.as[slot];
  }

  /** Outputs for one input vector, as a fresh array (convenience; allocates). */
  predict(x: ArrayLike<number>): number[] {
    if (x.length !== this.config.inputs) {
      throw new UserError(`network: expected ${this.config.inputs} inputs, got ${x.length}`);
    }
    return Array.from(this.forward(x, 0));
  }

  /**
   * The loss of the last forwarded sample (batch slot `slot`) against targets `d[off .. off+outputs)`.
   * Cross-entropy is computed from the net inputs (log-sum-exp / softplus), so it stays finite when
   * outputs round to exactly 0 or 1.
   */
  sampleLoss(d: ArrayLike<number>, off = 0, slot = 0): number {
    const L = this.output;
    const n = L.units;
    const a = L.as[slot];
    const z = L.zs[slot];
    let e = 0;
    if (this.logisticCe) {
      for (let u = 0; u < n; u++) {
        const x = z[u];
        // softplus(x) − d·x = −[d ln σ(x) + (1−d) ln(1−σ(x))]
        e += (x > 0 ? x : 0) + Math.log1p(Math.exp(-Math.abs(x))) - d[off + u] * x;
      }
    } else if (this.softmaxCe) {
      let m = -Infinity;
      for (let u = 0; u < n; u++) if (z[u] > m) m = z[u];
      let s = 0;
      for (let u = 0; u < n; u++) s += Math.exp(z[u] - m);
      const lse = m + Math.log(s);
      for (let u = 0; u < n; u++) e += d[off + u] * (lse - z[u]);
    } else {
      for (let u = 0; u < n; u++) {
        const r = a[u] - d[off + u];
        e += r * r;
      }
      e *= 0.5;
    }
    return e;
  }

  /**
   * Backward pass for the last forwarded sample (input `x` at `xOff`, targets `d` at `dOff`):
   * writes (first = true) or adds (first = false) this sample's gradient into the gradient
   * buffers. Scaling (batch mean vs sum), decay and the update belong to the optimiser.
   */
  backward(x: ArrayLike<number>, xOff: number, d: ArrayLike<number>, dOff: number, first: boolean): void {
    const xf = this.asFloat64(x, xOff);
    this.one[0] = xf === x ? xOff : 0;
    this.oneD[0] = dOff;
    this.backwardBatch(xf, this.one, d, this.oneD, 1, first);
  }

  /**
   * Backward pass for the last `forwardBatch` (the same `x`, `xOff` and `count`; targets of slot s at
   * `d[dOff[s] ..]`): writes (first = true) or adds the batch's summed gradient into the gradient
   * buffers, sample by sample in slot order, so a batch adds exactly what `backward` sample by
   * sample would.
   */
  backwardBatch(
    x: Float64Array,
    xOff: Int32Array,
    d: ArrayLike<number>,
    dOff: Int32Array,
    count: number,
    first: boolean,
  ): void {
    if (count > this.slots)
      throw new Error(`backwardBatch: ${count} samples, forwardBatch had room for ${this.slots}`);
    const layers = this.layers;
    const out = this.output;
    const n = out.units;
    const { coef, termOff } = this;
    for (let s = 0; s < count; s++) {
      const dZ = out.dZs[s];
      const a = out.as[s];
      const o = dOff[s];
      if (this.logisticCe || this.softmaxCe) {
        let sumD = 1;
        if (this.softmaxCe) {
          sumD = 0;
          for (let u = 0; u < n; u++) sumD += d[o + u];
        }
        for (let u = 0; u < n; u++) dZ[u] = a[u] * sumD - d[o + u];
      } else {
        const dA = out.dAs[s];
        for (let u = 0; u < n; u++) dA[u] = a[u] - d[o + u];
        out.act.backward(out.zs[s], a, dA, dZ, n, out.slopes, out.argmaxes[s]);
      }
    }
    if (this.D !== null && this.gD !== null) {
      weightGradient(this.gD, out.DZ, n, x, xOff, this.config.inputs, count, !first, coef, termOff);
    }
    for (let l = layers.length - 1; l >= 0; l--) {
      const L = layers[l];
      const rows = L.rows;
      const nIn = L.nIn;
      if (l !== layers.length - 1) {
        for (let s = 0; s < count; s++) {
          L.act.backward(L.zs[s], L.as[s], L.dAs[s], L.dZs[s], L.units, L.slopes, L.argmaxes[s]);
        }
      }
      if (L.gSlopes !== null) {
        const gS = L.gSlopes;
        for (let s = 0; s < count; s++) {
          const z = L.zs[s];
          const dA = L.dAs[s];
          for (let u = 0; u < L.units; u++) {
            const zu = z[u];
            const g = zu > 0 ? 0 : dA[u] * zu;
            if (first && s === 0) gS[u] = g;
            else gS[u] += g;
          }
        }
      }
      const gb = L.gb;
      const DZ = L.DZ;
      for (let r = 0; r < rows; r++) {
        let acc = first ? 0 : gb[r];
        for (let s = 0, o = r; s < count; s++, o += rows) acc += DZ[o];
        gb[r] = acc;
      }
      let src = x;
      let srcOff = xOff;
      if (l > 0) {
        src = layers[l - 1].A;
        srcOff = this.srcOff;
        for (let s = 0; s < count; s++) srcOff[s] = s * nIn;
      }
      weightGradient(L.gW, DZ, rows, src, srcOff, nIn, count, !first, coef, termOff);
      if (l > 0) backDeltas(layers[l - 1].DA, DZ, rows, L.W, nIn, count, coef, termOff);
    }
  }

  /**
   * Gradient of the loss over samples `[start, start+count)` of flat arrays `x` (inputs) and `d`
   * (targets), left in the gradient buffers; returns the summed loss. With `reduction = 'mean'`
   * the gradient (not the returned loss) is divided by `count`. No weight decay is included.
   */
  gradient(
    x: ArrayLike<number>,
    d: ArrayLike<number>,
    start: number,
    count: number,
    reduction: 'sum' | 'mean' = 'sum',
  ): number {
    const nIn = this.config.inputs;
    const nOut = this.config.outputs;
    let loss = 0;
    for (let s = 0; s < count; s++) {
      const k = start + s;
      this.forward(x, k * nIn);
      loss += this.sampleLoss(d, k * nOut);
      this.backward(x, k * nIn, d, k * nOut, s === 0);
    }
    if (reduction === 'mean' && count > 0) {
      for (const p of this.parameters()) for (let i = 0; i < p.grads.length; i++) p.grads[i] /= count;
    }
    return loss;
  }

  /** The weights in the serialisable shape `{ layers: [{ weights, bias, … }], direct? }`. */
  exportWeights(): WeightsJson {
    const layers = this.layers.map((L): LayerJson => {
      const k = L.pieces;
      const piece = (p: number) => ({
        weights: Array.from({ length: L.units }, (_, u) =>
          Array.from(L.W.subarray((u * k + p) * L.nIn, (u * k + p + 1) * L.nIn)),
        ),
        bias: Array.from({ length: L.units }, (_, u) => L.b[u * k + p]),
      });
      const j: LayerJson = piece(0);
      if (L.slopes !== null) j.slopes = Array.from(L.slopes);
      if (k > 1) j.extraPieces = Array.from({ length: k - 1 }, (_, p) => piece(p + 1));
      return j;
    });
    const json: WeightsJson = { layers };
    if (this.D !== null) {
      const n0 = this.config.inputs;
      json.direct = {
        weights: Array.from({ length: this.config.outputs }, (_, r) =>
          Array.from(this.D!.subarray(r * n0, (r + 1) * n0)),
        ),
      };
    }
    return json;
  }

  /**
   * Load weights in the serialisable shape. Every mismatch is a UserError naming the layer and the
   * expected versus the given shape; on error the network is left unchanged.
   */
  importWeights(json: unknown, source = 'weights'): void {
    const fail = (path: string, msg: string): never => {
      throw new UserError(`${source}: ${path}: ${msg}`, `the network is ${describeShape(this.config)}`);
    };
    const isObj = (v: unknown): v is Record<string, unknown> =>
      typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!isObj(json)) fail('(top)', 'expected an object { layers: [...] }');
    const root = json as Record<string, unknown>;
    const layers = root.layers;
    if (!Array.isArray(layers)) fail('layers', 'expected an array of layers');
    const ls = layers as unknown[];
    if (ls.length !== this.layers.length) {
      fail(
        'layers',
        `expected ${this.layers.length} layers (${this.layers.map((L) => `${L.units}×${L.nIn}`).join(', ')}), got ${ls.length}`,
      );
    }
    const matrix = (path: string, v: unknown, rows: number, cols: number): number[][] => {
      const got = Array.isArray(v)
        ? `${v.length}×${Array.isArray(v[0]) ? (v[0] as unknown[]).length : '?'}`
        : typeof v;
      if (!Array.isArray(v) || v.length !== rows) {
        fail(path, `expected ${rows}×${cols} ([unit][input]: ${rows} units, ${cols} inputs), got ${got}`);
      }
      (v as unknown[]).forEach((row, r) => {
        if (!Array.isArray(row) || row.length !== cols) {
          fail(
            `${path}[${r}]`,
            `expected ${rows}×${cols} ([unit][input]), row ${r} has ${Array.isArray(row) ? row.length : typeof row} entries`,
          );
        }
        (row as unknown[]).forEach((x, i) => {
          if (typeof x !== 'number' || !Number.isFinite(x))
            fail(`${path}[${r}][${i}]`, `expected a finite number, got ${describeJsonValue(x)}`);
        });
      });
      return v as number[][];
    };
    const vector = (path: string, v: unknown, n: number): number[] => {
      if (!Array.isArray(v) || v.length !== n) {
        fail(path, `expected ${n} values, got ${Array.isArray(v) ? v.length : typeof v}`);
      }
      (v as unknown[]).forEach((x, i) => {
        if (typeof x !== 'number' || !Number.isFinite(x))
          fail(`${path}[${i}]`, `expected a finite number, got ${describeJsonValue(x)}`);
      });
      return v as number[];
    };
    // Validate everything before writing anything.
    const staged: { W: Float64Array; b: Float64Array; slopes: Float64Array | null }[] = [];
    this.layers.forEach((L, l) => {
      const p = `layers[${l}]`;
      const lj = ls[l];
      if (!isObj(lj)) fail(p, 'expected an object { weights, bias }');
      const o = lj as Record<string, unknown>;
      const W = new Float64Array(L.W.length);
      const b = new Float64Array(L.b.length);
      const k = L.pieces;
      const pieces: { weights: unknown; bias: unknown }[] = [{ weights: o.weights, bias: o.bias }];
      if (k > 1) {
        if (!Array.isArray(o.extraPieces) || o.extraPieces.length !== k - 1) {
          fail(
            `${p}.extraPieces`,
            `maxout with ${k} pieces needs ${k - 1} extra pieces, got ${Array.isArray(o.extraPieces) ? o.extraPieces.length : 'none'}`,
          );
        }
        for (const e of o.extraPieces as unknown[]) {
          const eo = isObj(e) ? e : {};
          pieces.push({ weights: eo.weights, bias: eo.bias });
        }
      } else if (o.extraPieces !== undefined) {
        fail(`${p}.extraPieces`, `only maxout layers have extra pieces; this layer is ${L.act.name}`);
      }
      pieces.forEach((pc, pi) => {
        const pp = pi === 0 ? p : `${p}.extraPieces[${pi - 1}]`;
        const m = matrix(`${pp}.weights`, pc.weights, L.units, L.nIn);
        const bv = vector(`${pp}.bias`, pc.bias, L.units);
        for (let u = 0; u < L.units; u++) {
          const row = u * k + pi;
          W.set(m[u], row * L.nIn);
          b[row] = bv[u];
        }
      });
      let slopes: Float64Array | null = null;
      if (L.slopes !== null) {
        slopes = new Float64Array(L.units);
        if (o.slopes === undefined) slopes.fill((L.act.getConfig() as { initialSlope: number }).initialSlope);
        else slopes.set(vector(`${p}.slopes`, o.slopes, L.units));
      } else if (o.slopes !== undefined) {
        fail(`${p}.slopes`, `only PReLU layers have slopes; this layer is ${L.act.name}`);
      }
      staged.push({ W, b, slopes });
    });
    let D: number[][] | null = null;
    if (this.D !== null) {
      const dj = root.direct;
      if (!isObj(dj))
        fail(
          'direct',
          `the network has direct input→output connections: expected { weights: ${this.config.outputs}×${this.config.inputs} }`,
        );
      D = matrix(
        'direct.weights',
        (dj as Record<string, unknown>).weights,
        this.config.outputs,
        this.config.inputs,
      );
    } else if (root.direct !== undefined) {
      fail('direct', 'the network has no direct connections (build it with direct: true to load them)');
    }
    staged.forEach((s, l) => {
      const L = this.layers[l];
      L.W.set(s.W);
      L.b.set(s.b);
      if (s.slopes !== null && L.slopes !== null) L.slopes.set(s.slopes);
    });
    if (D !== null && this.D !== null) D.forEach((row, r) => this.D!.set(row, r * this.config.inputs));
  }
}

/** e.g. `2-1-1 (+direct), layers [unit][input]: 1×2, 1×1`. */
export function describeShape(c: MlpConfig): string {
  const sizes = [c.inputs, ...c.hidden, c.outputs];
  const shapes = sizes.slice(1).map((u, l) => `${u}×${sizes[l]}`);
  return `${sizes.join('-')}${c.direct ? ' (+direct)' : ''}, layers [unit][input]: ${shapes.join(', ')}`;
}
