/**
 * A Bernoulli–Bernoulli restricted Boltzmann machine (Smolensky 1986; Hinton 2002; Hinton, Osindero
 * & Teh 2006), laid out like scikit-learn's `BernoulliRBM` so that the two can be compared step by
 * step (docs/rbm.md).
 *
 * Energy E(v, h) = −bᵀv − cᵀh − hᵀWv with W `[hidden][visible]` row-major (scikit-learn's
 * `components_`), b the visible bias (`intercept_visible_`), c the hidden bias (`intercept_hidden_`).
 * P(h_j = 1 | v) = σ(c_j + W_j·v), P(v_i = 1 | h) = σ(b_i + Σ_j h_j W_ji), and the free energy is
 * F(v) = −bᵀv − Σ_j log(1 + exp(c_j + W_j·v)).
 *
 * The products go through the MLP's dense kernels (src/backprop/kernels.ts): the same fixed-order
 * sums, and the WebAssembly SIMD versions where available.
 */
import { backDeltas, denseForward, weightGradient } from '../backprop/kernels.js';
import { UserError } from '../errors.js';
import type { Rng } from '../rng.js';

/** scikit-learn's initial weights: N(0, 0.01²) (Hinton 2010, "A practical guide", §8). Biases start at 0. */
export const DEFAULT_RBM_WEIGHT_SD = 0.01;

/** The parameters of an RBM. Arrays are owned by the RBM and updated in place by `rbmUpdate`. */
export interface RbmParams {
  readonly visible: number;
  readonly hidden: number;
  /** `[hidden][visible]` row-major. */
  readonly W: Float64Array;
  /** Visible bias b. */
  readonly b: Float64Array;
  /** Hidden bias c. */
  readonly c: Float64Array;
}

/** The `--save` shape (issue 14): one layer `[hidden][visible]` with the hidden bias, and the visible bias. */
export interface RbmJson {
  layers: { weights: number[][]; bias: number[] }[];
  visibleBias: number[];
}

/** A fresh RBM: weights N(0, sd²) drawn row by row from `rng`, biases 0 (scikit-learn's `fit`). */
export function createRbm(visible: number, hidden: number, rng: Rng, sd = DEFAULT_RBM_WEIGHT_SD): RbmParams {
  checkSize('visible', visible);
  checkSize('hidden', hidden);
  const W = new Float64Array(hidden * visible);
  for (let k = 0; k < W.length; k++) W[k] = rng.normal(0, sd);
  return { visible, hidden, W, b: new Float64Array(visible), c: new Float64Array(hidden) };
}

function checkSize(what: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UserError(`rbm: ${what} units must be a whole number ≥ 1, got ${n}`);
}

export function cloneRbm(p: RbmParams): RbmParams {
  return { visible: p.visible, hidden: p.hidden, W: p.W.slice(), b: p.b.slice(), c: p.c.slice() };
}

export function rbmToJson(p: RbmParams): RbmJson {
  const weights: number[][] = [];
  for (let j = 0; j < p.hidden; j++)
    weights.push(Array.from(p.W.subarray(j * p.visible, (j + 1) * p.visible)));
  return { layers: [{ weights, bias: Array.from(p.c) }], visibleBias: Array.from(p.b) };
}

/** An RBM from the `--save` shape; a UserError names the first thing out of shape. */
export function rbmFromJson(json: unknown, source = 'rbm'): RbmParams {
  const j = json as Partial<RbmJson> | null;
  const layer = j?.layers?.[0];
  if (!j || !Array.isArray(j.layers) || j.layers.length !== 1 || !layer || !Array.isArray(layer.weights)) {
    throw new UserError(
      `${source}: expected { "layers": [{ "weights": [[...]], "bias": [...] }], "visibleBias": [...] }`,
    );
  }
  const hidden = layer.weights.length;
  const visible = Array.isArray(j.visibleBias) ? j.visibleBias.length : 0;
  const p: RbmParams = {
    visible,
    hidden,
    W: new Float64Array(hidden * visible),
    b: new Float64Array(visible),
    c: new Float64Array(hidden),
  };
  const num = (v: unknown, where: string) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new UserError(`${source}: ${where} is not a finite number`);
    return v;
  };
  if (visible < 1 || hidden < 1)
    throw new UserError(`${source}: the RBM needs at least one visible and one hidden unit`);
  if (!Array.isArray(layer.bias) || layer.bias.length !== hidden) {
    throw new UserError(`${source}: layers[0].bias must hold ${hidden} numbers (one per hidden unit)`);
  }
  layer.weights.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== visible) {
      throw new UserError(
        `${source}: layers[0].weights[${r}] must hold ${visible} numbers (one per visible unit)`,
      );
    }
    row.forEach((v, i) => (p.W[r * visible + i] = num(v, `layers[0].weights[${r}][${i}]`)));
  });
  layer.bias.forEach((v, r) => (p.c[r] = num(v, `layers[0].bias[${r}]`)));
  j.visibleBias!.forEach((v, i) => (p.b[i] = num(v, `visibleBias[${i}]`)));
  return p;
}

/** Logistic σ(z), written so that neither tail overflows. */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** log(1 + eᶻ) without overflow (numpy's `logaddexp(0, z)`). */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** log σ(z) without overflow (scikit-learn's `log_logistic`). */
export function logSigmoid(z: number): number {
  return z > 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
}

/** Offsets 0, n, 2n, … of `count` consecutive rows (what the kernels take). */
export function rowOffsets(count: number, n: number): Int32Array<ArrayBuffer> {
  const off = new Int32Array(count);
  for (let s = 0; s < count; s++) off[s] = s * n;
  return off;
}

/**
 * Work buffers for batches of up to `rows` samples. Reused across steps so that a training loop
 * does not allocate; grown by `ensure`.
 */
export class RbmScratch {
  rows = 0;
  off = new Int32Array(0);
  coef = new Float64Array(0);
  termOff = new Int32Array(0);
  constructor(readonly p: Pick<RbmParams, 'visible' | 'hidden'>) {}
  ensure(rows: number): void {
    if (rows <= this.rows) return;
    this.rows = rows;
    this.off = rowOffsets(rows, this.p.visible);
    const m = Math.max(rows, this.p.hidden);
    this.coef = new Float64Array(m);
    this.termOff = new Int32Array(m);
  }
}

/** P(h = 1 | v) for `count` rows of v (row-major, `visible` wide) into `out` (`hidden` wide). */
export function meanHiddens(
  p: RbmParams,
  v: Float64Array,
  count: number,
  out: Float64Array,
  s: RbmScratch,
): void {
  s.ensure(count);
  denseForward(p.W, p.visible, p.hidden, v, s.off, count, out, p.hidden, p.c);
  for (let k = 0; k < count * p.hidden; k++) out[k] = sigmoid(out[k]);
}

/** P(v = 1 | h) for `count` rows of h into `out` (`visible` wide). Zero h terms are skipped. */
export function meanVisibles(
  p: RbmParams,
  h: Float64Array,
  count: number,
  out: Float64Array,
  s: RbmScratch,
): void {
  s.ensure(count);
  backDeltas(out, h, p.hidden, p.W, p.visible, count, s.coef, s.termOff);
  for (let s2 = 0; s2 < count; s2++) {
    const o = s2 * p.visible;
    for (let i = 0; i < p.visible; i++) out[o + i] = sigmoid(out[o + i] + p.b[i]);
  }
}

/**
 * Bernoulli samples in place: x ← 1 if u < x else 0, one uniform per value in row-major order
 * (scikit-learn's `rng.uniform(size=p.shape) < p`). `uniform` is `() => rng.next()` in training; the
 * oracle test feeds scikit-learn's own uniforms.
 */
export function sampleInPlace(x: Float64Array, length: number, uniform: () => number): void {
  for (let k = 0; k < length; k++) x[k] = uniform() < x[k] ? 1 : 0;
}

/** F(v) = −bᵀv − Σ_j softplus(c_j + W_j·v) for each of `count` rows; scikit-learn's `_free_energy`. */
export function freeEnergy(p: RbmParams, v: Float64Array, count: number, s: RbmScratch): Float64Array {
  const z = new Float64Array(count * p.hidden);
  s.ensure(count);
  denseForward(p.W, p.visible, p.hidden, v, s.off, count, z, p.hidden, p.c);
  const out = new Float64Array(count);
  for (let r = 0; r < count; r++) {
    let vb = 0;
    for (let i = 0; i < p.visible; i++) vb += v[r * p.visible + i] * p.b[i];
    let sp = 0;
    for (let j = 0; j < p.hidden; j++) sp += softplus(z[r * p.hidden + j]);
    out[r] = -vb - sp;
  }
  return out;
}

/**
 * scikit-learn's `score_samples`: for each row pick ONE visible unit i uniformly at random
 * (`pick(visible)`: `rng.int(visible)` in training, one draw per row in order; the oracle test feeds
 * scikit-learn's `randint` draws), flip it (v_i ← 1 − v_i), and return
 * `visible · log σ(F(ṽ) − F(v))`, a one-sample stochastic estimate of the log pseudo-likelihood
 * Σ_i log P(v_i | v_−i). The mean over the rows is the figure reported per epoch.
 */
export function pseudoLikelihood(
  p: RbmParams,
  v: Float64Array,
  count: number,
  pick: (visible: number) => number,
  s: RbmScratch,
): Float64Array {
  const flipped = v.slice(0, count * p.visible);
  for (let r = 0; r < count; r++) {
    const k = r * p.visible + pick(p.visible);
    flipped[k] = 1 - flipped[k];
  }
  const fe = freeEnergy(p, v, count, s);
  const fe2 = freeEnergy(p, flipped, count, s);
  const out = new Float64Array(count);
  for (let r = 0; r < count; r++) out[r] = p.visible * logSigmoid(fe2[r] - fe[r]);
  return out;
}

/**
 * Reconstruction error per row: Σ_i (v_i − P(v_i = 1 | h = P(h | v)))², a deterministic mean-field
 * up-down pass (no sampling), so that the figure depends only on the weights.
 */
export function reconstructionError(
  p: RbmParams,
  v: Float64Array,
  count: number,
  s: RbmScratch,
): Float64Array {
  const h = new Float64Array(count * p.hidden);
  const r = new Float64Array(count * p.visible);
  meanHiddens(p, v, count, h, s);
  meanVisibles(p, h, count, r, s);
  const out = new Float64Array(count);
  for (let q = 0; q < count; q++) {
    let e = 0;
    for (let i = 0; i < p.visible; i++) e += (v[q * p.visible + i] - r[q * p.visible + i]) ** 2;
    out[q] = e;
  }
  return out;
}

/** Momentum buffers of the update, shaped like the parameters (zero at the start). */
export interface RbmVelocity {
  readonly W: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
}

export function zeroVelocity(p: RbmParams): RbmVelocity {
  return { W: new Float64Array(p.W.length), b: new Float64Array(p.visible), c: new Float64Array(p.hidden) };
}

/** The statistics of one step: the data (positive) phase and the model (negative) phase. */
export interface RbmPhases {
  /** Data rows, `visible` wide, and their P(h | v). */
  readonly vPos: Float64Array;
  readonly hPos: Float64Array;
  readonly nPos: number;
  /** Negative particles (the chain's visible samples) and their P(h | v). */
  readonly vNeg: Float64Array;
  readonly hNeg: Float64Array;
  readonly nNeg: number;
}

export interface RbmStepOptions {
  readonly learningRate: number;
  readonly momentum: number;
  /** L2 weight decay λ on W only (biases are not decayed; Hinton 2010 §10). */
  readonly weightDecay: number;
}

/** Gradient buffers for `rbmUpdate` (allocated once per training run). */
export interface RbmGradBuffers {
  readonly pos: Float64Array;
  readonly neg: Float64Array;
}

export function gradBuffers(p: RbmParams): RbmGradBuffers {
  return { pos: new Float64Array(p.W.length), neg: new Float64Array(p.W.length) };
}

/**
 * THE learning step of the RBM (one definition; CD-k and PCD differ only in where `vNeg` comes
 * from). With ε = learningRate / nPos (scikit-learn divides by the positive batch size, also for its
 * PCD particles):
 *
 *   ΔW ← momentum·ΔW + ε·(Σ_pos h vᵀ − Σ_neg h vᵀ) − learningRate·λ·W,   W ← W + ΔW
 *   Δc ← momentum·Δc + ε·(Σ_pos h − Σ_neg h),                          c ← c + Δc
 *   Δb ← momentum·Δb + ε·(Σ_pos v − Σ_neg v),                          b ← b + Δb
 *
 * With momentum 0 and λ 0 this is scikit-learn's `BernoulliRBM._fit` update, term for term.
 * Writes only `p` and `vel` (and the gradient scratch); everything else is read.
 */
export function rbmUpdate(
  p: RbmParams,
  vel: RbmVelocity,
  ph: RbmPhases,
  o: RbmStepOptions,
  g: RbmGradBuffers,
  s: RbmScratch,
): void {
  const { visible: nv, hidden: nh } = p;
  s.ensure(Math.max(ph.nPos, ph.nNeg));
  weightGradient(g.pos, ph.hPos, nh, ph.vPos, s.off, nv, ph.nPos, false, s.coef, s.termOff);
  weightGradient(g.neg, ph.hNeg, nh, ph.vNeg, s.off, nv, ph.nNeg, false, s.coef, s.termOff);
  const eps = o.learningRate / ph.nPos;
  const decay = o.learningRate * o.weightDecay;
  const mu = o.momentum;
  const W = p.W;
  const vW = vel.W;
  const gp = g.pos;
  const gn = g.neg;
  for (let k = 0; k < W.length; k++) {
    const d = mu * vW[k] + eps * (gp[k] - gn[k]) - decay * W[k];
    vW[k] = d;
    W[k] += d;
  }
  for (let j = 0; j < nh; j++) {
    let sp = 0;
    let sn = 0;
    for (let r = 0; r < ph.nPos; r++) sp += ph.hPos[r * nh + j];
    for (let r = 0; r < ph.nNeg; r++) sn += ph.hNeg[r * nh + j];
    const d = mu * vel.c[j] + eps * (sp - sn);
    vel.c[j] = d;
    p.c[j] += d;
  }
  for (let i = 0; i < nv; i++) {
    let sp = 0;
    let sn = 0;
    for (let r = 0; r < ph.nPos; r++) sp += ph.vPos[r * nv + i];
    for (let r = 0; r < ph.nNeg; r++) sn += ph.vNeg[r * nv + i];
    const d = mu * vel.b[i] + eps * (sp - sn);
    vel.b[i] = d;
    p.b[i] += d;
  }
}
