/**
 * Shared pieces of the deep-net experiments on the shipped MNIST digits (28×28, 784 inputs, as
 * Glorot & Bengio 2010 and Glorot, Bordes & Bengio 2011 used them): a seeded split into training
 * and held-out digits, SGD over a stream of shuffled examples with checkpoints, and per-layer
 * statistics of the hidden activations on a fixed set of examples.
 */
import { type Dataset, type Mlp, train } from '../../backprop/index.js';
import { MNIST_LEVELS, loadMnistBytes, splitIndices } from '../../data/mnist-retina.js';
import type { Rng } from '../../rng.js';
import { isSaturatedValue } from '../../backprop/diagnostics.js';

export const MNIST_INPUTS = 784;
export const MNIST_CLASSES = 10;

/** Held-out digits as one flat array (digit k at `x[k·784 …]`) with their labels. */
export interface HeldOut {
  readonly x: Float64Array;
  readonly labels: readonly number[];
  readonly count: number;
}

/** `train` training and `test` held-out digits drawn apart by `rng`; one-hot targets for softmax. */
export function mnistDeepSplit(train: number, test: number, rng: Rng): { train: Dataset; test: HeldOut } {
  const mnist = loadMnistBytes();
  const { labels, pixels } = mnist;
  const idx = splitIndices(mnist.count, train, test, rng);
  // The bytes become doubles here, once, straight into the model's flat input array.
  const flat = (ids: number[]) => {
    const x = new Float64Array(ids.length * MNIST_INPUTS);
    ids.forEach((i, k) => {
      for (let p = 0; p < MNIST_INPUTS; p++)
        x[k * MNIST_INPUTS + p] = MNIST_LEVELS[pixels[i * MNIST_INPUTS + p]];
    });
    return x;
  };
  const targets = new Float64Array(idx.train.length * MNIST_CLASSES);
  idx.train.forEach((i, k) => (targets[k * MNIST_CLASSES + labels[i]] = 1));
  return {
    train: {
      inputs: flat(idx.train),
      targets,
      count: idx.train.length,
      inputSize: MNIST_INPUTS,
      outputSize: MNIST_CLASSES,
    },
    test: { x: flat(idx.test), labels: idx.test.map((i) => labels[i]), count: idx.test.length },
  };
}

/** Statistics of one hidden layer's outputs over units and examples. */
export interface LayerStats {
  readonly mean: number;
  /** Standard deviation over units and examples together (Glorot & Bengio's vertical bars). */
  readonly std: number;
  /** Fraction of outputs exactly 0 (true zeros, Glorot, Bordes & Bengio 2011). */
  readonly zeros: number;
  /** Fraction of outputs within 1 % of the range from a bound (sigmoid/tanh only; 0 otherwise). */
  readonly saturated: number;
}

/** Per hidden layer (input side first): the statistics of its outputs on the first `count` examples of `set`. */
export function hiddenStats(net: Mlp, set: HeldOut, count = set.count): LayerStats[] {
  const hidden = net.layers.slice(0, -1);
  const sum = new Float64Array(hidden.length);
  const sq = new Float64Array(hidden.length);
  const zeros = new Float64Array(hidden.length);
  const sat = new Float64Array(hidden.length);
  for (let k = 0; k < count; k++) {
    net.forward(set.x, k * MNIST_INPUTS);
    hidden.forEach((L, l) => {
      const b = L.act.bounds;
      for (let u = 0; u < L.units; u++) {
        const a = L.a[u];
        sum[l] += a;
        sq[l] += a * a;
        if (a === 0) zeros[l]++;
        if (b !== null && isSaturatedValue(a, b[0], b[1])) sat[l]++;
      }
    });
  }
  return hidden.map((L, l) => {
    const n = count * L.units;
    const mean = sum[l] / n;
    return {
      mean,
      std: Math.sqrt(Math.max(0, sq[l] / n - mean * mean)),
      zeros: zeros[l] / n,
      saturated: sat[l] / n,
    };
  });
}

/** Fraction of held-out digits whose largest output is not their class. */
export function testError(net: Mlp, set: HeldOut): number {
  let wrong = 0;
  for (let k = 0; k < set.count; k++) {
    const o = net.forward(set.x, k * MNIST_INPUTS);
    let best = 0;
    for (let c = 1; c < o.length; c++) if (o[c] > o[best]) best = c;
    if (best !== set.labels[k]) wrong++;
  }
  return wrong / set.count;
}

/**
 * Plain SGD (θ ← θ − ε·g, g the mean gradient of a mini-batch, no momentum: Glorot & Bengio 2010
 * §2.3) over `examples` presentations of the training digits, reshuffled by `rng` every pass, cut
 * into chunks of `every` presentations; `checkpoint(seen)` runs before training and after each
 * chunk. Mini-batches never straddle a chunk (`every` is a multiple of the batch size).
 */
export function sgdStream(
  net: Mlp,
  data: Dataset,
  o: {
    examples: number;
    every: number;
    batchSize: number;
    learningRate: number;
    rng: Rng;
    checkpoint: (seen: number) => void;
  },
): void {
  const { inputSize: nIn, outputSize: nOut } = data;
  const chunk: Dataset = {
    inputs: new Float64Array(o.every * nIn),
    targets: new Float64Array(o.every * nOut),
    count: o.every,
    inputSize: nIn,
    outputSize: nOut,
  };
  let order = o.rng.permutation(data.count);
  let next = 0;
  o.checkpoint(0);
  for (let seen = 0; seen < o.examples;) {
    const n = Math.min(o.every, o.examples - seen);
    for (let s = 0; s < n; s++) {
      if (next === order.length) {
        order = o.rng.permutation(data.count);
        next = 0;
      }
      const k = order[next++];
      chunk.inputs.set(data.inputs.subarray(k * nIn, (k + 1) * nIn), s * nIn);
      chunk.targets.set(data.targets.subarray(k * nOut, (k + 1) * nOut), s * nOut);
    }
    const view: Dataset =
      n === o.every
        ? chunk
        : {
            ...chunk,
            inputs: chunk.inputs.subarray(0, n * nIn),
            targets: chunk.targets.subarray(0, n * nOut),
            count: n,
          };
    train(net, view, {
      learningRate: o.learningRate,
      batchSize: o.batchSize,
      maxEpochs: 1,
      diagnostics: false,
      evaluation: 'running',
    });
    seen += n;
    o.checkpoint(seen);
  }
}
