/**
 * Training by backprop with SGD: per-sample (batch 1), mini-batch or full-batch, momentum and
 * optional L2 weight decay.
 *
 * Update (RHW 1986; scikit-learn's `v = momentum·v − lr·g`):
 *   g = reduce_batch(∂E/∂w) + λ·w        (λ only on weights and direct weights)
 *   v ← μ·v − η·g ;  w ← w + v
 * `reduction: 'mean'` divides the batch gradient by the batch size (scikit-learn);
 * `reduction: 'sum'` uses the summed gradient of E = ½ΣΣ(y − d)² (RHW's full-batch sweeps).
 * scikit-learn's `alpha` equals λ·batchSize (its penalty gradient is alpha·W / batch size).
 *
 * After each epoch (and once before training, epoch 0) an evaluation pass with the current weights
 * computes the loss (mean per-sample loss), the misclassified count, the diagnostics and the outputs
 * the stop criterion sees; with `evaluation: 'running'` the same come from the training passes
 * instead (scikit-learn's `loss_curve_`), and there is no epoch 0. Samples go through the network
 * in chunks of up to `CHUNK` (the batched kernels); a chunk gives the same bits as its samples one
 * at a time. The inner loop allocates nothing.
 */
import { DivergedError, UserError } from '../errors.js';
import type { Rng } from '../rng.js';
import { type EpochDiagnostics, isSaturatedValue, rowSignAgreement } from './diagnostics.js';
import { type Mlp, type MlpConfig, type WeightsJson } from './mlp.js';
import { describeJsonValue } from '../util/numbers.js';

/** Defaults of training: plain per-sample SGD, as in the 1986 per-pattern experiments. */
export const DEFAULT_MOMENTUM = 0;
export const DEFAULT_WEIGHT_DECAY = 0;
export const DEFAULT_BATCH_SIZE = 1;
export const DEFAULT_REDUCTION: Reduction = 'mean';

export type Reduction = 'mean' | 'sum';

/**
 * `pass`: each epoch's record comes from an evaluation pass over the training set with the weights
 * at the end of the epoch, plus one before training (epoch 0). `running`: from the training passes
 * themselves, each sample as it was before its batch's update (scikit-learn's `loss_curve_`); no
 * extra pass and no epoch 0.
 */
export type Evaluation = 'pass' | 'running';
export const EVALUATIONS: readonly Evaluation[] = ['pass', 'running'];
export const DEFAULT_EVALUATION: Evaluation = 'pass';

/** Samples per batched forward/backward call: larger batches are split (same result, bounded memory). */
const CHUNK = 64;

/** Training samples as flat typed arrays: sample k's inputs at `inputs[k·inputSize …]`. */
export interface Dataset {
  inputs: Float64Array;
  targets: Float64Array;
  count: number;
  inputSize: number;
  outputSize: number;
}

/** Build a Dataset from rows; targets may be rows or scalars (one output). */
export function makeDataset(
  x: readonly (readonly number[])[],
  y: readonly (readonly number[] | number)[],
): Dataset {
  if (x.length !== y.length) {
    throw new UserError(`dataset: ${x.length} input rows but ${y.length} target rows`);
  }
  if (x.length === 0) throw new UserError('dataset: no samples');
  const inputSize = x[0].length;
  const rowsY = y.map((r) => (typeof r === 'number' ? [r] : r));
  const outputSize = rowsY[0].length;
  const inputs = new Float64Array(x.length * inputSize);
  const targets = new Float64Array(x.length * outputSize);
  x.forEach((row, k) => {
    if (row.length !== inputSize)
      throw new UserError(`dataset: row ${k} has ${row.length} inputs, expected ${inputSize}`);
    inputs.set(row, k * inputSize);
    const t = rowsY[k];
    if (t.length !== outputSize)
      throw new UserError(`dataset: row ${k} has ${t.length} targets, expected ${outputSize}`);
    targets.set(t, k * outputSize);
  });
  return { inputs, targets, count: x.length, inputSize, outputSize };
}

/** What the stop criterion sees after each epoch (with `running` evaluation: as the training pass saw it). */
export interface EpochState {
  epoch: number;
  loss: number;
  errors: number | null;
  /** Outputs of every sample with the current weights, flat: sample k at `outputs[k·outputSize …]`. */
  outputs: Float64Array;
  targets: Float64Array;
  count: number;
  outputSize: number;
}

/** A stop criterion: a description (recorded in the config) and a test. */
export interface StopCriterion {
  description: string;
  shouldStop(state: EpochState): boolean;
}

/** Stop when every output of every sample is within `tolerance` of its target (1986-style convergence). */
export function stopWhenWithin(tolerance: number): StopCriterion {
  return {
    description: `every output within ${tolerance} of its target`,
    shouldStop: (s) => {
      for (let i = 0; i < s.outputs.length; i++)
        if (!(Math.abs(s.outputs[i] - s.targets[i]) < tolerance)) return false;
      return true;
    },
  };
}

/** Stop when no sample is misclassified. */
export function stopWhenNoErrors(): StopCriterion {
  return { description: 'no misclassified samples', shouldStop: (s) => s.errors === 0 };
}

/** Stop when the mean per-sample loss is below `threshold`. */
export function stopWhenLossBelow(threshold: number): StopCriterion {
  return { description: `mean loss below ${threshold}`, shouldStop: (s) => s.loss < threshold };
}

export interface TrainOptions {
  learningRate: number;
  maxEpochs: number;
  momentum?: number;
  /** L2 coefficient λ (penalty ½λ‖w‖²) on weights, not on biases or PReLU slopes. */
  weightDecay?: number;
  /** Samples per update; 1 = per-sample, 'full' = the whole set. */
  batchSize?: number | 'full';
  reduction?: Reduction;
  /** Reshuffle the sample order every epoch (needs `rng`); default false (fixed order). */
  shuffle?: boolean;
  rng?: Rng;
  /** Record diagnostics per epoch (default true). */
  diagnostics?: boolean;
  /** Where each epoch's record comes from (default `pass`). */
  evaluation?: Evaluation;
  stop?: StopCriterion;
  /** 'classification' counts misclassified samples; default from the output activation. */
  task?: 'classification' | 'regression';
  /** Called after each epoch's record is made (progress display), with its diagnostics when they are on. */
  onEpoch?: (record: EpochRecord, diagnostics?: EpochDiagnostics) => void;
  /**
   * Called after every weight update with what it did (the trace writer's hook). Recording the
   * changes copies the parameters before each update, so it costs time only when given.
   */
  onUpdate?: (update: UpdateRecord) => void;
  /** Polled before every update: true stops training there (an interrupted, traced run). */
  shouldStop?: () => boolean;
}

/** Hooks an observer attaches to a training run it wants to watch. */
export interface UpdateHooks {
  readonly onUpdate: (update: UpdateRecord) => void;
  readonly shouldStop?: () => boolean;
}

/** Sees every `train` call made while it is installed and may watch it (traces of experiments). */
export type UpdateObserver = (net: Mlp) => UpdateHooks | undefined;

let updateObserver: UpdateObserver | null = null;

/** Run `fn` with `observer` watching every `train` call it makes. */
export function observeUpdates<T>(observer: UpdateObserver, fn: () => T): T {
  const previous = updateObserver;
  updateObserver = observer;
  try {
    return fn();
  } finally {
    updateObserver = previous;
  }
}

/** One parameter an update changed, in the `[layer, unit, input]` terms of the weights JSON. */
export interface ParamChange {
  /** Layer index from the input side; -1 for the direct input→output weights. */
  readonly layer: number;
  readonly unit: number;
  /** Input index; -1 the bias, -2 a PReLU slope. */
  readonly input: number;
  /** Maxout piece (0: the first). */
  readonly piece: number;
  readonly before: number;
  readonly after: number;
}

/** One update (one sample, mini-batch or full batch) as the trace records it. */
export interface UpdateRecord {
  /** 1-based count of updates since training began. */
  readonly step: number;
  readonly epoch: number;
  /** Sample indices of the update, in presentation order. */
  readonly patterns: number[];
  /** Mean per-sample loss of the batch, before the update. */
  readonly loss: number;
  /** Outputs and targets of the batch's last sample, before the update. */
  readonly outputs: number[];
  readonly desired: number[];
  readonly changes: ParamChange[];
}

/** The resolved training configuration: every default explicit, JSON-serialisable. */
export interface TrainConfig {
  learningRate: number;
  maxEpochs: number;
  momentum: number;
  weightDecay: number;
  batchSize: number;
  reduction: Reduction;
  shuffle: boolean;
  diagnostics: boolean;
  evaluation: Evaluation;
  task: 'classification' | 'regression';
  /** How classification errors are counted. */
  errorRule: string | null;
  stop: string | null;
}

export interface EpochRecord {
  epoch: number;
  /** Misclassified samples (classification); null for regression. */
  errors: number | null;
  /**
   * Mean per-sample loss over the training set with the weights at the end of the epoch (`running`
   * evaluation: each sample's loss before its batch's update, as scikit-learn's `loss_curve_`).
   */
  loss: number;
}

export interface TrainResult {
  config: { network: MlpConfig; training: TrainConfig };
  /** Epoch 0 (before training; not with `running` evaluation) then one record per epoch. */
  history: EpochRecord[];
  /** Aligned with history; empty when diagnostics are off. */
  diagnostics: EpochDiagnostics[];
  initial: WeightsJson;
  final: WeightsJson;
  /** Epochs (sweeps) trained. */
  epochs: number;
  /** True when the stop criterion was met (at `epochs`). */
  stopped: boolean;
  /** True when `shouldStop` ended training between updates (the last epoch is then incomplete). */
  interrupted: boolean;
}

function checkNumber(name: string, v: unknown, min: number, integer = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) {
    throw new UserError(
      `training: ${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got ${describeJsonValue(v)}`,
    );
  }
  return v;
}

/** Layer label for messages: `layer 1 (output, 1 sigmoid unit)`. */
function layerLabel(net: Mlp, l: number): string {
  const L = net.layers[l];
  const role = l === net.layers.length - 1 ? 'output' : 'hidden';
  return `layer ${l} (${role}, ${L.units} ${L.act.name} unit${L.units === 1 ? '' : 's'})`;
}

function firstNonFiniteLayer(net: Mlp): string {
  for (const L of net.layers) {
    const bad = (arr: Float64Array | null) => arr !== null && arr.some((v) => !Number.isFinite(v));
    if (bad(L.W) || bad(L.b) || bad(L.slopes)) return `${layerLabel(net, L.index)} weights`;
    if (bad(L.Z) || bad(L.A)) return `${layerLabel(net, L.index)} outputs`;
  }
  if (net.D !== null && net.D.some((v) => !Number.isFinite(v))) return 'direct weights';
  return `${layerLabel(net, net.layers.length - 1)} loss`;
}

function divergence(net: Mlp, epoch: number, loss: number, eta: number): UserError {
  return new DivergedError(epoch, loss, firstNonFiniteLayer(net), `lower the learning rate (now ${eta})`);
}

/** Train `net` in place on `data`. Throws a UserError on bad options or when the loss stops being finite. */
export function train(net: Mlp, data: Dataset, options: TrainOptions): TrainResult {
  const updates = trainingUpdates(net, data, options);
  for (;;) {
    const r = updates.next();
    if (r.done) return r.value;
  }
}

/**
 * The same training, yielding to the event loop every few milliseconds (`pause`), so that signal
 * handlers run during a long training and can ask it to stop through `shouldStop`.
 */
export async function trainAsync(
  net: Mlp,
  data: Dataset,
  options: TrainOptions & { readonly pause: () => Promise<void> | undefined },
): Promise<TrainResult> {
  const updates = trainingUpdates(net, data, options);
  for (;;) {
    const r = updates.next();
    if (r.done) return r.value;
    const p = options.pause();
    if (p) await p;
  }
}

/** Training as a generator that yields after every update: one loop for both callers above. */
function* trainingUpdates(net: Mlp, data: Dataset, options: TrainOptions): Generator<void, TrainResult> {
  const cfg = net.config;
  if (data.inputSize !== cfg.inputs || data.outputSize !== cfg.outputs) {
    throw new UserError(
      `training: the data has ${data.inputSize} inputs and ${data.outputSize} targets per sample, the network ${cfg.inputs} and ${cfg.outputs}`,
    );
  }
  for (const L of net.layers) {
    if (!L.act.trainable) {
      throw new UserError(
        `training: ${layerLabel(net, L.index)} uses ${L.act.name}, which has no derivative and cannot be trained`,
        'use sigmoid or tanh',
      );
    }
  }
  const eta = checkNumber('learningRate', options.learningRate, 0);
  const maxEpochs = checkNumber('maxEpochs', options.maxEpochs, 0, true);
  const mu = checkNumber('momentum', options.momentum ?? DEFAULT_MOMENTUM, 0);
  const lambda = checkNumber('weightDecay', options.weightDecay ?? DEFAULT_WEIGHT_DECAY, 0);
  const bsOpt = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const batchSize =
    bsOpt === 'full' ? data.count : Math.min(checkNumber('batchSize', bsOpt, 1, true), data.count);
  const reduction = options.reduction ?? DEFAULT_REDUCTION;
  if (reduction !== 'mean' && reduction !== 'sum')
    throw new UserError(`training: reduction must be mean or sum, got ${String(reduction)}`);
  const shuffle = options.shuffle ?? false;
  if (shuffle && options.rng === undefined) throw new UserError('training: shuffle needs an rng');
  const diag = options.diagnostics ?? true;
  const evaluation = options.evaluation ?? DEFAULT_EVALUATION;
  if (!EVALUATIONS.includes(evaluation)) {
    throw new UserError(
      `training: evaluation must be ${EVALUATIONS.join(' or ')}, got ${String(evaluation)}`,
    );
  }
  const running = evaluation === 'running';
  const out = net.output;
  const outName = out.act.name;
  const task =
    options.task ??
    (['sigmoid', 'softmax', 'tanh', 'step'].includes(outName) ? 'classification' : 'regression');
  const argmaxRule = out.units > 1 && outName === 'softmax';
  const bounds = out.act.bounds;
  const threshold = bounds !== null ? (bounds[0] + bounds[1]) / 2 : 0.5;
  const errorRule =
    task === 'regression'
      ? null
      : argmaxRule
        ? 'arg-max of outputs ≠ arg-max of targets'
        : `some output on the other side of ${threshold} from its target`;
  const training: TrainConfig = {
    learningRate: eta,
    maxEpochs,
    momentum: mu,
    weightDecay: lambda,
    batchSize,
    reduction,
    shuffle,
    diagnostics: diag,
    evaluation,
    task,
    errorRule,
    stop: options.stop?.description ?? null,
  };

  const params = net.parameters();
  const velocity = params.map((p) => new Float64Array(p.values.length));
  const nL = net.layers.length;
  const nIn = data.inputSize;
  const nOut = data.outputSize;
  const X = data.inputs;
  const Y = data.targets;
  const order = new Int32Array(data.count);
  for (let i = 0; i < order.length; i++) order[i] = i;
  net.reserve(CHUNK);
  const xOff = new Int32Array(CHUNK);
  const dOff = new Int32Array(CHUNK);
  /** Offsets of samples `order[from ..]` (or `from ..` without order), up to a chunk; returns the count. */
  const offsets = (from: number, to: number, useOrder: boolean): number => {
    const n = Math.min(CHUNK, to - from);
    for (let s = 0; s < n; s++) {
      const k = useOrder ? order[from + s] : from + s;
      xOff[s] = k * nIn;
      dOff[s] = k * nOut;
    }
    return n;
  };
  const outputs = new Float64Array(data.count * nOut);
  // Diagnostics accumulators.
  const gradNormSum = new Float64Array(nL);
  const signSum = new Float64Array(nL);
  const signCount = new Float64Array(nL);
  const gradSq = new Float64Array(nL);
  let updates = 0;
  const alive = net.layers.map((L) => new Uint8Array(L.units));
  const unsat = net.layers.map((L) => new Uint8Array(L.units));
  const actSum = new Float64Array(nL);

  const history: EpochRecord[] = [];
  const diagnostics: EpochDiagnostics[] = [];
  const initial = net.exportWeights();

  // Per-epoch accumulators of what the samples did (evaluation pass or training pass).
  let loss = 0;
  let errors = 0;
  let seen = 0;
  const resetEpoch = (): void => {
    loss = 0;
    errors = 0;
    seen = 0;
    if (diag) {
      for (let l = 0; l < nL; l++) {
        alive[l].fill(0);
        unsat[l].fill(0);
      }
      actSum.fill(0);
    }
  };
  /** Record sample k, forwarded in batch slot `slot`, with loss e. */
  const observe = (k: number, slot: number, e: number): void => {
    const y = net.outputAt(slot);
    loss += e;
    seen++;
    outputs.set(y, k * nOut);
    if (task === 'classification') {
      let wrong = false;
      if (argmaxRule) {
        let by = 0;
        let bd = 0;
        for (let u = 1; u < nOut; u++) {
          if (y[u] > y[by]) by = u;
          if (Y[k * nOut + u] > Y[k * nOut + bd]) bd = u;
        }
        wrong = by !== bd;
      } else {
        for (let u = 0; u < nOut; u++) if (y[u] >= threshold !== Y[k * nOut + u] >= threshold) wrong = true;
      }
      if (wrong) errors++;
    }
    if (diag) {
      for (let l = 0; l < nL; l++) {
        const L = net.layers[l];
        const a = L.as[slot];
        const al = alive[l];
        const us = unsat[l];
        const b = L.act.elementWise ? L.act.bounds : null;
        let s = 0;
        for (let u = 0; u < L.units; u++) {
          const v = a[u];
          s += v;
          if (v !== 0) al[u] = 1;
          if (b !== null && !isSaturatedValue(v, b[0], b[1])) us[u] = 1;
        }
        actSum[l] += s;
      }
    }
  };

  /** The evaluation pass: every sample with the current weights, then the epoch's record. */
  const evaluate = (epoch: number): EpochState => {
    resetEpoch();
    for (let k = 0, n = 0; k < data.count; k += n) {
      n = offsets(k, data.count, false);
      net.forwardBatch(X, xOff, n);
      for (let s = 0; s < n; s++) observe(k + s, s, net.sampleLoss(Y, dOff[s], s));
    }
    return finishEpoch(epoch);
  };

  const finishEpoch = (epoch: number): EpochState => {
    if (!Number.isFinite(loss)) throw divergence(net, epoch, loss, eta);
    const meanLoss = loss / seen;
    const record: EpochRecord = { epoch, errors: task === 'classification' ? errors : null, loss: meanLoss };
    history.push(record);
    if (diag) {
      const deadPerLayer: (number | null)[] = [];
      const satPerLayer: (number | null)[] = [];
      let dead = 0;
      let reluUnits = 0;
      let sat = 0;
      let boundedUnits = 0;
      net.layers.forEach((L, l) => {
        const hidden = l < nL - 1;
        if (L.act.reluFamily) {
          const d = alive[l].reduce((s, v) => s + (v === 0 ? 1 : 0), 0);
          deadPerLayer.push(d / L.units);
          if (hidden) {
            dead += d;
            reluUnits += L.units;
          }
        } else deadPerLayer.push(null);
        if (L.act.bounds !== null && L.act.elementWise) {
          const s = unsat[l].reduce((acc, v) => acc + (v === 0 ? 1 : 0), 0);
          satPerLayer.push(s / L.units);
          if (hidden) {
            sat += s;
            boundedUnits += L.units;
          }
        } else satPerLayer.push(null);
      });
      diagnostics.push({
        epoch,
        deadFraction: reluUnits === 0 ? null : dead / reluUnits,
        deadPerLayer,
        saturatedFraction: boundedUnits === 0 ? null : sat / boundedUnits,
        saturatedPerLayer: satPerLayer,
        gradientNorm: epoch === 0 ? null : Array.from(gradNormSum, (v) => (updates === 0 ? 0 : v / updates)),
        signAgreement:
          epoch === 0 ? null : Array.from(signSum, (v, l) => (signCount[l] === 0 ? null : v / signCount[l])),
        meanActivation: net.layers.map((L, l) => actSum[l] / (seen * L.units)),
      });
    }
    options.onEpoch?.(record, diag ? diagnostics[diagnostics.length - 1] : undefined);
    return {
      epoch,
      loss: meanLoss,
      errors: record.errors,
      outputs,
      targets: Y,
      count: data.count,
      outputSize: nOut,
    };
  };

  const applyUpdate = (count: number): void => {
    const scale = reduction === 'mean' ? 1 / count : 1;
    if (diag) {
      gradSq.fill(0);
      for (let l = 0; l < nL; l++) {
        const L = net.layers[l];
        const gW = L.gW;
        let s = 0;
        let rows = 0;
        for (let r = 0, o = 0; r < L.rows; r++, o += L.nIn) {
          const a = rowSignAgreement(gW, o, L.nIn);
          if (a === a) {
            s += a;
            rows++;
          }
        }
        if (rows > 0) {
          signSum[l] += s / rows;
          signCount[l]++;
        }
      }
    }
    for (let p = 0; p < params.length; p++) {
      const P = params[p];
      const w = P.values;
      const g = P.grads;
      const v = velocity[p];
      const decay = P.decay ? lambda : 0;
      if (diag) {
        let sq = 0;
        for (let i = 0; i < g.length; i++) sq += g[i] * g[i];
        gradSq[P.layer] += sq * scale * scale;
      }
      if (mu === 0) {
        if (decay === 0) {
          for (let i = 0; i < w.length; i++) w[i] -= eta * scale * g[i];
        } else {
          for (let i = 0; i < w.length; i++) w[i] -= eta * (scale * g[i] + decay * w[i]);
        }
      } else {
        for (let i = 0; i < w.length; i++) {
          const vi = mu * v[i] - eta * (scale * g[i] + decay * w[i]);
          v[i] = vi;
          w[i] += vi;
        }
      }
    }
    if (diag) {
      for (let l = 0; l < nL; l++) gradNormSum[l] += Math.sqrt(gradSq[l]);
    }
    updates++;
  };

  // Update recording (only with onUpdate): parameters before each update, and how to name a change.
  const watch = updateObserver?.(net);
  const onUpdate =
    options.onUpdate && watch
      ? (u: UpdateRecord) => {
          options.onUpdate!(u);
          watch.onUpdate(u);
        }
      : (options.onUpdate ?? watch?.onUpdate);
  const beforeUpdate = onUpdate ? params.map((P) => new Float64Array(P.values.length)) : [];
  const changesOf = (): ParamChange[] => {
    const changes: ParamChange[] = [];
    params.forEach((P, p) => {
      const before = beforeUpdate[p];
      const after = P.values;
      const L = P.kind === 'direct' ? null : net.layers[P.layer];
      const nIn = P.kind === 'direct' ? cfg.inputs : (L?.nIn ?? 0);
      const pieces = L?.pieces ?? 1;
      for (let i = 0; i < after.length; i++) {
        if (Object.is(after[i], before[i])) continue;
        let layer = P.layer;
        let unit: number;
        let input: number;
        let piece = 0;
        if (P.kind === 'weights') {
          const row = Math.floor(i / nIn);
          unit = Math.floor(row / pieces);
          piece = row % pieces;
          input = i % nIn;
        } else if (P.kind === 'bias') {
          unit = Math.floor(i / pieces);
          piece = i % pieces;
          input = -1;
        } else if (P.kind === 'slopes') {
          unit = i;
          input = -2;
        } else {
          layer = -1;
          unit = Math.floor(i / nIn);
          input = i % nIn;
        }
        changes.push({ layer, unit, input, piece, before: before[i], after: after[i] });
      }
    });
    return changes;
  };
  let step = 0;
  let interrupted = false;

  const before = running ? null : evaluate(0);
  let stopped = before !== null && (options.stop?.shouldStop(before) ?? false);
  let epoch = 0;
  while (!stopped && !interrupted && epoch < maxEpochs) {
    epoch++;
    gradNormSum.fill(0);
    signSum.fill(0);
    signCount.fill(0);
    updates = 0;
    if (running) resetEpoch();
    if (shuffle) {
      const rng = options.rng!;
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    for (let start = 0; start < data.count; start += batchSize) {
      if (options.shouldStop?.() || watch?.shouldStop?.()) {
        interrupted = true;
        break;
      }
      const end = Math.min(start + batchSize, data.count);
      let batchLoss = 0;
      let n = 0;
      for (let i = start; i < end; i += n) {
        n = offsets(i, end, true);
        net.forwardBatch(X, xOff, n);
        for (let s = 0; s < n; s++) {
          const e = net.sampleLoss(Y, dOff[s], s);
          if (!Number.isFinite(e)) throw divergence(net, epoch, e, eta);
          batchLoss += e;
          if (running) observe(order[i + s], s, e);
        }
        net.backwardBatch(X, xOff, Y, dOff, n, i === start);
      }
      if (onUpdate) {
        const last = order[end - 1];
        const outputs = Array.from(net.outputAt(n - 1));
        params.forEach((P, p) => beforeUpdate[p].set(P.values));
        applyUpdate(end - start);
        onUpdate({
          step: ++step,
          epoch,
          patterns: Array.from(order.subarray(start, end)),
          loss: batchLoss / (end - start),
          outputs,
          desired: Array.from(Y.subarray(last * nOut, last * nOut + nOut)),
          changes: changesOf(),
        });
      } else applyUpdate(end - start);
      yield;
    }
    if (interrupted) break;
    const state = running ? finishEpoch(epoch) : evaluate(epoch);
    stopped = options.stop?.shouldStop(state) ?? false;
  }
  return {
    config: { network: structuredClone(cfg), training },
    history,
    diagnostics,
    initial,
    final: net.exportWeights(),
    epochs: epoch,
    stopped,
    interrupted,
  };
}
