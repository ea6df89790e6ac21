/**
 * spiral: the cs231n case study (cs231n/cs231n.github.io, `neural-networks-case-study.md`).
 *
 * Three classes of 100 points on interleaved spiral arms (src/data/spiral.ts). A linear softmax
 * classifier (W = 0.01·randn, step 1.0, L2 reg 1e-3, 200 full-batch iterations) reaches a loss of
 * 0.786 and 49 % training accuracy; a two-layer net with 100 ReLU units, same settings, 10,000
 * iterations, reaches a loss of 0.245 and 98 %. Linear boundaries cannot follow the arms; one hidden
 * layer of ReLUs can.
 *
 * The training loop is a port of the notes' numpy code, step for step (full batch, mean data loss
 * plus ½·reg·ΣW² on weights only, softmax cross-entropy, ReLU gradient 0 at 0, plain gradient
 * descent), on Float64Arrays so that the full 10,000 iterations fit in the default time. It is the
 * same computation as the library's `train` with a softmax/cross-entropy `Mlp`, `reduction: 'mean'`,
 * `weightDecay: reg` and `batchSize: 'full'`; test/experiments/backprop-experiments.test.ts holds
 * the two to each other. The port also reports the loss as the notes do (data + regularisation),
 * which `train` does not.
 *
 * Our points differ from the notes' points: the noise is drawn from the project's seeded Rng, not
 * numpy's `randn`, so the accuracies differ by a few points from seed to seed.
 */
import { makeSpiral, type SpiralData } from '../data/spiral.js';
import type { Rng } from '../rng.js';
import type { Experiment, Picture } from './types.js';

/** Settings of the case study. */
export const SPIRAL_STEP_SIZE = 1.0;
export const SPIRAL_REG = 1e-3;
export const SPIRAL_INIT_SCALE = 0.01;
export const SPIRAL_HIDDEN = 100;
/** Extent of the decision-region pictures: the points lie within the unit disc. */
const VIEW = 1.1;

/**
 * A softmax classifier with optional one ReLU hidden layer. W1 is `[input][unit]` as in numpy; W2 is
 * stored transposed, `[class][hidden unit]`, so that the inner loops run over the 100 hidden units.
 */
export interface SpiralModel {
  /** Hidden units, 0 for the linear classifier. */
  hidden: number;
  W1: Float64Array;
  b1: Float64Array;
  W2: Float64Array;
  b2: Float64Array;
  inputs: number;
  classes: number;
}

export interface SpiralTrainResult {
  model: SpiralModel;
  /** Loss (data + regularisation, as printed by the notes) before each iteration and after the last. */
  loss: number[];
  /** Training accuracy at the same points. */
  accuracy: number[];
}

/** W = 0.01·randn(D, K), b = 0, as in the notes (the hidden layer first, then the output layer). */
export function initSpiralModel(rng: Rng, inputs: number, hidden: number, classes: number): SpiralModel {
  const draw = (n: number) => Float64Array.from({ length: n }, () => SPIRAL_INIT_SCALE * rng.normal());
  const firstOut = hidden > 0 ? hidden : classes;
  const W1 = draw(inputs * firstOut);
  const b1 = new Float64Array(firstOut);
  const W2 = hidden > 0 ? draw(hidden * classes) : new Float64Array(0);
  const b2 = new Float64Array(hidden > 0 ? classes : 0);
  return { hidden, W1, b1, W2, b2, inputs, classes };
}

/** Forward pass of every point: class scores (N×K), and the hidden activations (N×H) when there are any. */
function scores(m: SpiralModel, X: Float64Array, n: number, H: Float64Array | null, S: Float64Array): void {
  const D = m.inputs;
  const K = m.classes;
  const h = m.hidden;
  const first = h > 0 ? h : K;
  const out1 = h > 0 ? H! : S;
  const W1 = m.W1;
  const b1 = m.b1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < first; j++) {
      let s = b1[j];
      for (let d = 0; d < D; d++) s += X[i * D + d] * W1[d * first + j];
      out1[i * first + j] = h > 0 && s < 0 ? 0 : s;
    }
  }
  if (h > 0) {
    const Hh = H!;
    const W2 = m.W2;
    const b2 = m.b2;
    for (let i = 0; i < n; i++) {
      const hi = i * h;
      for (let k = 0; k < K; k++) {
        let s = b2[k];
        const wk = k * h;
        for (let j = 0; j < h; j++) s += Hh[hi + j] * W2[wk + j];
        S[i * K + k] = s;
      }
    }
  }
}

/**
 * Train by full-batch gradient descent exactly as the case study: mean cross-entropy + ½·reg·ΣW²
 * (weights only), step `stepSize`, `iterations` updates.
 */
export function trainSpiralModel(
  m: SpiralModel,
  data: SpiralData,
  options: {
    iterations: number;
    stepSize?: number;
    reg?: number;
    record?: number;
    /** Called with the fraction of iterations done, at every recorded iteration (progress display). */
    onProgress?: (fraction: number) => void;
  },
): SpiralTrainResult {
  const step = options.stepSize ?? SPIRAL_STEP_SIZE;
  const reg = options.reg ?? SPIRAL_REG;
  const record = options.record ?? 1;
  const n = data.points.length;
  const D = m.inputs;
  const K = m.classes;
  const h = m.hidden;
  const X = Float64Array.from(data.points.flat());
  const y = Int32Array.from(data.labels);
  const S = new Float64Array(n * K);
  const H = h > 0 ? new Float64Array(n * h) : null;
  const dS = new Float64Array(n * K);
  const dH = h > 0 ? new Float64Array(n * h) : null;
  const first = h > 0 ? h : K;
  const gW1 = new Float64Array(m.W1.length);
  const gb1 = new Float64Array(m.b1.length);
  const gW2 = new Float64Array(m.W2.length);
  const gb2 = new Float64Array(m.b2.length);
  const loss: number[] = [];
  const accuracy: number[] = [];

  for (let it = 0; it <= options.iterations; it++) {
    scores(m, X, n, H, S);
    // Softmax probabilities into dS, data loss and accuracy.
    let dataLoss = 0;
    let correct = 0;
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      let arg = 0;
      for (let k = 0; k < K; k++) {
        if (S[i * K + k] > max) {
          max = S[i * K + k];
          arg = k;
        }
      }
      if (arg === y[i]) correct++;
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp(S[i * K + k] - max);
        dS[i * K + k] = e;
        sum += e;
      }
      for (let k = 0; k < K; k++) dS[i * K + k] /= sum;
      dataLoss -= Math.log(dS[i * K + y[i]]);
    }
    let w2 = 0;
    for (const v of m.W1) w2 += v * v;
    for (const v of m.W2) w2 += v * v;
    if (it % record === 0 || it === options.iterations) {
      loss.push(dataLoss / n + 0.5 * reg * w2);
      accuracy.push(correct / n);
      options.onProgress?.(it / options.iterations);
    }
    if (it === options.iterations) break;
    // dscores = (probs − onehot) / N
    for (let i = 0; i < n; i++) {
      dS[i * K + y[i]] -= 1;
      for (let k = 0; k < K; k++) dS[i * K + k] /= n;
    }
    if (h > 0) {
      // dW2 = hiddenᵀ·dscores, db2 = Σ dscores; dhidden = dscores·W2ᵀ, zeroed where hidden ≤ 0.
      const Hh = H!;
      const dHh = dH!;
      const W2 = m.W2;
      gW2.fill(0);
      gb2.fill(0);
      for (let i = 0; i < n; i++) {
        const hi = i * h;
        for (let j = 0; j < h; j++) dHh[hi + j] = 0;
        for (let k = 0; k < K; k++) {
          const g = dS[i * K + k];
          const wk = k * h;
          gb2[k] += g;
          for (let j = 0; j < h; j++) {
            const a = Hh[hi + j];
            if (a > 0) {
              gW2[wk + j] += a * g;
              dHh[hi + j] += g * W2[wk + j];
            }
          }
        }
      }
    }
    const g1 = h > 0 ? dH! : dS;
    gW1.fill(0);
    gb1.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < first; j++) {
        const g = g1[i * first + j];
        gb1[j] += g;
        for (let d = 0; d < D; d++) gW1[d * first + j] += X[i * D + d] * g;
      }
    }
    for (let i = 0; i < m.W1.length; i++) m.W1[i] -= step * (gW1[i] + reg * m.W1[i]);
    for (let i = 0; i < m.b1.length; i++) m.b1[i] -= step * gb1[i];
    for (let i = 0; i < m.W2.length; i++) m.W2[i] -= step * (gW2[i] + reg * m.W2[i]);
    for (let i = 0; i < m.b2.length; i++) m.b2[i] -= step * gb2[i];
  }
  return { model: m, loss, accuracy };
}

/** Names of the pictures' values: class index + 1, 0 where no training point falls. */
const SPIRAL_NAMES = ['no point', 'class 0', 'class 1', 'class 2'];

/**
 * The predicted class + 1 on a `size`×`size` grid over [−1.1, 1.1]², row 0 at the top (largest y):
 * the same shades as the points picture, where 0 is an empty cell.
 */
export function decisionRegion(m: SpiralModel, size: number, title: string): Picture {
  const n = size * size;
  const X = new Float64Array(n * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      X[(r * size + c) * 2] = -VIEW + (2 * VIEW * (c + 0.5)) / size;
      X[(r * size + c) * 2 + 1] = VIEW - (2 * VIEW * (r + 0.5)) / size;
    }
  }
  const S = new Float64Array(n * m.classes);
  scores(m, X, n, m.hidden > 0 ? new Float64Array(n * m.hidden) : null, S);
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    let arg = 0;
    for (let k = 1; k < m.classes; k++) if (S[i * m.classes + k] > S[i * m.classes + arg]) arg = k;
    values.push(arg + 1);
  }
  return {
    title,
    width: size,
    height: size,
    values,
    scale: 'unsigned',
    kind: 'regions',
    classNames: SPIRAL_NAMES,
  };
}

/** The training points on the same grid: class index + 1 where a point falls, 0 elsewhere. */
function pointsPicture(data: SpiralData, size: number): Picture {
  const values = new Array<number>(size * size).fill(0);
  data.points.forEach(([x, y], i) => {
    const c = Math.min(size - 1, Math.max(0, Math.floor(((x + VIEW) / (2 * VIEW)) * size)));
    const r = Math.min(size - 1, Math.max(0, Math.floor(((VIEW - y) / (2 * VIEW)) * size)));
    values[r * size + c] = data.labels[i] + 1;
  });
  return {
    title: 'training points (class + 1; 0 = empty)',
    width: size,
    height: size,
    values,
    scale: 'unsigned',
    kind: 'regions',
    classNames: SPIRAL_NAMES,
  };
}

export const spiral: Experiment = {
  id: 'spiral',
  title: 'Spiral: a linear classifier against a two-layer ReLU net',
  year: 2016,
  citation:
    'Karpathy, cs231n course notes, "Putting it together: Minimal Neural Network Case Study" (cs231n.github.io)',
  question:
    'On three interleaved spirals, how far does a linear softmax classifier get, and does one hidden layer of 100 ReLUs separate them?',
  group: 'backprop',
  params: {
    linearIterations: {
      kind: 'integer',
      default: 200,
      min: 1,
      doc: 'full-batch iterations of the linear softmax classifier (notes: 200)',
    },
    netIterations: {
      kind: 'integer',
      default: 10000,
      fast: 1500,
      min: 1,
      doc: 'full-batch iterations of the two-layer net (notes: 10,000)',
    },
    hidden: {
      kind: 'integer',
      default: SPIRAL_HIDDEN,
      min: 1,
      doc: 'ReLU units of the hidden layer (notes: 100)',
    },
    pointsPerClass: { kind: 'integer', default: 100, min: 2, doc: 'points per spiral arm (notes: 100)' },
    grid: {
      kind: 'integer',
      default: 30,
      min: 4,
      max: 200,
      doc: 'cells per side of the decision-region pictures',
    },
  },
  published: [
    {
      name: 'linearAccuracy',
      description: 'training accuracy of the linear softmax classifier',
      value: 0.49,
      source: 'cs231n neural-networks-case-study (REFERENCES.md §8)',
      tolerance: { kind: 'absolute', value: 0.07 },
      toleranceNote:
        'our spiral points are drawn with the project Rng, not numpy randn; over seeds 1-5 the linear classifier reached 0.52-0.55 on our points, so ±7 points',
      byConstruction:
        'any linear boundary gets about half of three interleaved spiral arms right: one iteration from random weights already gives 52%, and no plausible change of the set-up moves it out of the tolerance (linearLoss, which training must bring down, is the row that can fail)',
    },
    {
      name: 'linearLoss',
      description: 'loss of the linear classifier after training (data + ½·reg·ΣW²)',
      value: 0.786,
      source: 'cs231n neural-networks-case-study',
      tolerance: { kind: 'relative', value: 0.1 },
      toleranceNote: 'different points, different loss: ±10%',
    },
    {
      name: 'netAccuracy',
      description: 'training accuracy of the two-layer ReLU net',
      value: 0.98,
      source: 'cs231n neural-networks-case-study (REFERENCES.md §8)',
      tolerance: { kind: 'absolute', value: 0.05 },
      toleranceNote:
        'different points; the fast mode (`run --fast`, the test suite and docs/experiments.md) stops at 1,500 of the 10,000 iterations, where the net is at about 0.93-0.96, still ≥ 0.93',
    },
  ],
  run({ params, rng, progress }) {
    const data = makeSpiral(rng.fork('spiral-data'), { pointsPerClass: params.pointsPerClass as number });
    const grid = params.grid as number;
    const linear = trainSpiralModel(initSpiralModel(rng.fork('linear-init'), 2, 0, 3), data, {
      iterations: params.linearIterations as number,
    });
    progress(0.1);
    const iterations = params.netIterations as number;
    const record = Math.max(1, Math.ceil(iterations / 200));
    const net = trainSpiralModel(initSpiralModel(rng.fork('net-init'), 2, params.hidden as number, 3), data, {
      iterations,
      record,
      // The net's 10,000 full-batch iterations are nearly all of the run's time.
      onProgress: (f) => progress(0.1 + 0.9 * f),
    });
    progress(1);
    const netX = net.loss.map((_, i) => Math.min(i * record, iterations));
    return {
      values: {
        linearAccuracy: linear.accuracy.at(-1)!,
        linearLoss: linear.loss.at(-1)!,
        netAccuracy: net.accuracy.at(-1)!,
      },
      extra: { netLoss: net.loss.at(-1)! },
      descriptions: {
        netLoss: 'loss of the two-layer net after training (data + ½·reg·ΣW²; notes: 0.245)',
      },
      series: {
        linearLoss: {
          x: linear.loss.map((_, i) => i),
          y: linear.loss,
          xLabel: 'iteration',
          yLabel: 'loss',
        },
        netLoss: { x: netX, y: net.loss, xLabel: 'iteration', yLabel: 'loss' },
        linearAccuracy: {
          x: linear.accuracy.map((_, i) => i),
          y: linear.accuracy,
          xLabel: 'iteration',
          yLabel: 'training accuracy',
        },
        netAccuracy: { x: netX, y: net.accuracy, xLabel: 'iteration', yLabel: 'training accuracy' },
      },
      pictures: [
        pointsPicture(data, grid),
        decisionRegion(linear.model, grid, 'linear softmax: predicted class + 1'),
        decisionRegion(
          net.model,
          grid,
          `two-layer net (${params.hidden as number} ReLU): predicted class + 1`,
        ),
      ],
      notes: [
        "the points come from the project's seeded Rng, not numpy's randn, so they differ from the notes' points; the shape and noise (0.2 rad) are the same",
        'the net loss of the notes (0.245) is shown as an extra: it depends on how far training has run, and the fast mode stops early',
      ],
    };
  },
};
