/**
 * Training an RBM by contrastive divergence (CD-k, Hinton 2002) or persistent CD (PCD, Tieleman
 * 2008; scikit-learn's "stochastic maximum likelihood"), in mini-batches, with momentum and L2
 * weight decay. Every random draw comes from the `Rng`s passed in. docs/rbm.md has the formulas.
 *
 * Where the negative particles come from:
 * - CD-k: from the batch itself: h⁰ ~ P(h | v_data), then k Gibbs steps v ~ P(v | h), h ~ P(h | v);
 *   the last step keeps P(h | v) (probabilities) for the statistics.
 * - PCD-k: from `batch` persistent chains whose hidden state survives between steps (scikit-learn's
 *   `h_samples_`, zeros at the start): k Gibbs steps from the stored h; after the update the chain
 *   keeps a sample of the last P(h | v).
 * As scikit-learn, the negative visible units are samples (not probabilities), and the positive
 * hidden units are probabilities.
 */
import type { Rng } from '../rng.js';
import { UserError } from '../errors.js';
import {
  RbmScratch,
  gradBuffers,
  meanHiddens,
  meanVisibles,
  pseudoLikelihood,
  rbmUpdate,
  reconstructionError,
  freeEnergy,
  sampleInPlace,
  zeroVelocity,
} from './rbm.js';
import type { RbmParams, RbmPhases, RbmStepOptions } from './rbm.js';

export const RBM_RULES = ['cd', 'pcd'] as const;
export type RbmRule = (typeof RBM_RULES)[number];

/** Defaults: scikit-learn's BernoulliRBM (learning_rate 0.1, batch_size 10, n_iter 10), CD-1. */
export const RBM_DEFAULTS = {
  rule: 'cd' as RbmRule,
  k: 1,
  learningRate: 0.1,
  epochs: 10,
  batchSize: 10,
  momentum: 0,
  weightDecay: 0,
};

export interface RbmTrainOptions {
  rule?: RbmRule;
  /** Gibbs steps per negative phase (the k of CD-k and PCD-k). */
  k?: number;
  learningRate?: number;
  epochs?: number;
  batchSize?: number;
  momentum?: number;
  weightDecay?: number;
  /** A fresh random order of the rows every epoch (default true); false keeps file order as scikit-learn. */
  shuffle?: boolean;
  /** Gibbs sampling. */
  rng: Rng;
  /** The batch order (default: a fork of `rng`). */
  orderRng?: Rng;
  /** The pseudo-likelihood's flipped units (default: a fork of `rng`). */
  scoreRng?: Rng;
  /**
   * Measure the epoch records (reconstruction error, pseudo-likelihood, free energy over the whole
   * set; default true). Off, `history` stays empty and an epoch costs only its updates.
   */
  measure?: boolean;
  /** Called after every update with the rows of the batch (indices into the data). */
  onStep?: (s: RbmStepInfo) => void;
  onEpoch?: (r: RbmEpochRecord) => void;
  shouldStop?: () => boolean;
  pause?: () => Promise<void> | undefined;
}

export interface RbmStepInfo {
  readonly step: number;
  readonly epoch: number;
  readonly patterns: readonly number[];
}

/** Per-epoch measures over the whole training set, with the weights at the end of the epoch. */
export interface RbmEpochRecord {
  epoch: number;
  /** Mean over rows of Σ_i (v_i − v̂_i)², v̂ the mean-field reconstruction. */
  reconstructionError: number;
  /** Mean of scikit-learn's `score_samples` (one flipped unit per row). */
  pseudoLikelihood: number;
  /** Mean free energy F(v) of the rows. */
  freeEnergy: number;
}

export interface RbmTrainConfig {
  rule: RbmRule;
  k: number;
  learningRate: number;
  epochs: number;
  batchSize: number;
  momentum: number;
  weightDecay: number;
  shuffle: boolean;
  learningRateScaling: 'divided by the batch size (scikit-learn)';
}

export interface RbmTrainResult {
  config: RbmTrainConfig;
  history: RbmEpochRecord[];
  steps: number;
}

/** Resolve and check the options; a UserError names the first bad one. */
export function resolveRbmOptions(o: Omit<RbmTrainOptions, 'rng'>): RbmTrainConfig {
  const c: RbmTrainConfig = {
    rule: o.rule ?? RBM_DEFAULTS.rule,
    k: o.k ?? RBM_DEFAULTS.k,
    learningRate: o.learningRate ?? RBM_DEFAULTS.learningRate,
    epochs: o.epochs ?? RBM_DEFAULTS.epochs,
    batchSize: o.batchSize ?? RBM_DEFAULTS.batchSize,
    momentum: o.momentum ?? RBM_DEFAULTS.momentum,
    weightDecay: o.weightDecay ?? RBM_DEFAULTS.weightDecay,
    shuffle: o.shuffle ?? true,
    learningRateScaling: 'divided by the batch size (scikit-learn)',
  };
  if (!(RBM_RULES as readonly string[]).includes(c.rule)) {
    throw new UserError(`rbm: unknown rule '${String(c.rule)}'; expected one of ${RBM_RULES.join(', ')}`);
  }
  if (!Number.isSafeInteger(c.k) || c.k < 1)
    throw new UserError(`rbm: k (Gibbs steps) must be a whole number ≥ 1, got ${c.k}`);
  if (!(c.learningRate > 0) || !Number.isFinite(c.learningRate)) {
    throw new UserError(`rbm: the learning rate must be a finite number > 0, got ${c.learningRate}`);
  }
  if (!Number.isSafeInteger(c.epochs) || c.epochs < 0)
    throw new UserError(`rbm: epochs must be a whole number ≥ 0, got ${c.epochs}`);
  if (!Number.isSafeInteger(c.batchSize) || c.batchSize < 1) {
    throw new UserError(`rbm: the batch size must be a whole number ≥ 1, got ${c.batchSize}`);
  }
  if (!(c.momentum >= 0 && c.momentum < 1))
    throw new UserError(`rbm: momentum must be in [0, 1), got ${c.momentum}`);
  if (!(c.weightDecay >= 0) || !Number.isFinite(c.weightDecay)) {
    throw new UserError(`rbm: weight decay must be a finite number ≥ 0, got ${c.weightDecay}`);
  }
  return c;
}

/** Buffers of the negative phase for up to `rows` particles. */
export class GibbsBuffers {
  readonly h: Float64Array;
  readonly v: Float64Array;
  readonly hp: Float64Array;
  constructor(p: RbmParams, rows: number) {
    this.h = new Float64Array(rows * p.hidden);
    this.v = new Float64Array(rows * p.visible);
    this.hp = new Float64Array(rows * p.hidden);
  }
}

/**
 * k Gibbs steps from the binary hidden state in `g.h` (`count` rows): afterwards `g.v` holds the
 * visible samples and `g.hp` P(h | v) of the last step. Uniforms are drawn row-major, visible
 * units first in each step, then (except in the last step) hidden units.
 */
export function gibbsFromHidden(
  p: RbmParams,
  g: GibbsBuffers,
  count: number,
  k: number,
  uniform: () => number,
  s: RbmScratch,
): void {
  for (let t = 0; t < k; t++) {
    meanVisibles(p, g.h, count, g.v, s);
    sampleInPlace(g.v, count * p.visible, uniform);
    meanHiddens(p, g.v, count, g.hp, s);
    if (t < k - 1) {
      g.h.set(g.hp.subarray(0, count * p.hidden));
      sampleInPlace(g.h, count * p.hidden, uniform);
    }
  }
}

/** Data as one row-major Float64Array, checked to lie in [0, 1]. */
export function packRows(rows: readonly ArrayLike<number>[], width: number): Float64Array {
  const out = new Float64Array(rows.length * width);
  rows.forEach((r, q) => {
    if (r.length !== width)
      throw new UserError(`rbm: row ${q + 1} has ${r.length} values, expected ${width}`);
    for (let i = 0; i < width; i++) {
      const x = r[i];
      if (!(x >= 0 && x <= 1))
        throw new UserError(`rbm: row ${q + 1}, column ${i + 1}: ${x} is outside [0, 1]`);
      out[q * width + i] = x;
    }
  });
  return out;
}

/** The per-epoch measures of `p` on `data` (`count` rows). */
export function measureRbm(
  p: RbmParams,
  data: Float64Array,
  count: number,
  epoch: number,
  scoreRng: Rng,
): RbmEpochRecord {
  const s = new RbmScratch(p);
  const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / count;
  return {
    epoch,
    reconstructionError: mean(reconstructionError(p, data, count, s)),
    pseudoLikelihood: mean(pseudoLikelihood(p, data, count, (n) => scoreRng.int(n), s)),
    freeEnergy: mean(freeEnergy(p, data, count, s)),
  };
}

/**
 * The training loop as a generator that yields after every update, so that a synchronous and an
 * asynchronous driver share it (the async one awaits `pause` between steps).
 */
function* rbmSteps(
  p: RbmParams,
  data: Float64Array,
  count: number,
  o: RbmTrainOptions,
  c: RbmTrainConfig,
  out: RbmTrainResult,
): Generator<void> {
  if (data.length !== count * p.visible)
    throw new UserError(
      `rbm: the data has ${data.length / count} columns, the RBM ${p.visible} visible units`,
    );
  const orderRng = o.orderRng ?? o.rng.fork('order');
  const scoreRng = o.scoreRng ?? o.rng.fork('score');
  const uniform = () => o.rng.next();
  const step: RbmStepOptions = {
    learningRate: c.learningRate,
    momentum: c.momentum,
    weightDecay: c.weightDecay,
  };
  const s = new RbmScratch(p);
  const vel = zeroVelocity(p);
  const grads = gradBuffers(p);
  const B = c.batchSize;
  const vPos = new Float64Array(B * p.visible);
  const hPos = new Float64Array(B * p.hidden);
  const gibbs = new GibbsBuffers(p, B);
  // PCD's persistent hidden states, one chain per batch slot, starting at 0 as scikit-learn's.
  const chain = new Float64Array(B * p.hidden);
  const order = Array.from({ length: count }, (_, q) => q);
  for (let epoch = 1; epoch <= c.epochs; epoch++) {
    if (c.shuffle) orderRng.shuffle(order);
    for (let start = 0; start < count; start += B) {
      if (o.shouldStop?.()) return;
      const rows = order.slice(start, Math.min(count, start + B));
      const n = rows.length;
      rows.forEach((r, q) => vPos.set(data.subarray(r * p.visible, (r + 1) * p.visible), q * p.visible));
      meanHiddens(p, vPos, n, hPos, s);
      let nNeg: number;
      if (c.rule === 'cd') {
        gibbs.h.set(hPos.subarray(0, n * p.hidden));
        sampleInPlace(gibbs.h, n * p.hidden, uniform);
        nNeg = n;
      } else {
        gibbs.h.set(chain);
        nNeg = B;
      }
      gibbsFromHidden(p, gibbs, nNeg, c.k, uniform, s);
      const phases: RbmPhases = { vPos, hPos, nPos: n, vNeg: gibbs.v, hNeg: gibbs.hp, nNeg };
      rbmUpdate(p, vel, phases, step, grads, s);
      if (c.rule === 'pcd') {
        chain.set(gibbs.hp);
        sampleInPlace(chain, B * p.hidden, uniform);
      }
      out.steps++;
      o.onStep?.({ step: out.steps, epoch, patterns: rows });
      yield;
    }
    if (o.measure === false) continue;
    const record = measureRbm(p, data, count, epoch, scoreRng);
    out.history.push(record);
    o.onEpoch?.(record);
  }
}

/** Train `p` in place on `count` rows of `data` (row-major, values in [0, 1]). */
export function trainRbm(
  p: RbmParams,
  data: Float64Array,
  count: number,
  o: RbmTrainOptions,
): RbmTrainResult {
  const config = resolveRbmOptions(o);
  const out: RbmTrainResult = { config, history: [], steps: 0 };
  for (const _ of rbmSteps(p, data, count, o, config, out));
  return out;
}

/** As `trainRbm`, awaiting `pause` between steps (for `--trace` and signals). */
export async function trainRbmAsync(
  p: RbmParams,
  data: Float64Array,
  count: number,
  o: RbmTrainOptions,
): Promise<RbmTrainResult> {
  const config = resolveRbmOptions(o);
  const out: RbmTrainResult = { config, history: [], steps: 0 };
  for (const _ of rbmSteps(p, data, count, o, config, out)) {
    const w = o.pause?.();
    if (w) await w;
  }
  return out;
}

/** P(h = 1 | v) of every row: the learned features (scikit-learn's `transform`). */
export function rbmTransform(p: RbmParams, data: Float64Array, count: number): Float64Array {
  const out = new Float64Array(count * p.hidden);
  meanHiddens(p, data, count, out, new RbmScratch(p));
  return out;
}
