/**
 * rbm-pretraining: does greedy layer-wise RBM pre-training help deep sigmoid nets, and more as they
 * get deeper?
 *
 * Hinton, Osindero & Teh 2006 trained a deep belief net one RBM at a time; Hinton & Salakhutdinov
 * 2006 unrolled such a stack into a deep network and fine-tuned it by backprop. Erhan, Bengio,
 * Courville, Manzagol, Vincent & Bengio 2010 (JMLR 11, "Why does unsupervised pre-training help deep
 * learning?", §6.1, Fig. 1; the same set-up in Erhan et al., AISTATS 2009) trained MNIST nets of 1 to
 * 5 hidden layers from 400 seeds each, with and without pre-training: without it the test error
 * grows with depth (their 5-layer nets did not converge at all), with it the error stays low, so the
 * gap widens with depth. Their figure is a set of box plots, not a table: we compare the trend, not
 * numbers read off a plot.
 *
 * Our set-up (smaller, to run in seconds): the shipped MNIST digits scaled to 14×14 (area average,
 * grey levels in [0, 1]), sigmoid hidden layers of equal width, softmax output with cross-entropy,
 * plain SGD in mini-batches. Without pre-training every layer starts from U[−1/√fan-in, 1/√fan-in]
 * (Erhan et al.'s initialisation); with it the hidden layers are a CD-1 RBM stack trained on the
 * same training digits (no labels) and unrolled (src/rbm/). The output layer starts from the same
 * weights in both, and fine-tuning is the same. Measured: held-out error at each depth, both ways.
 */
import { Mlp, makeDataset, train } from '../backprop/index.js';
import { MNIST_SIDE, loadMnistBytes, mnistImage, scaleImage, splitIndices } from '../data/mnist-retina.js';
import { packRows, trainStack, unrollIntoMlp } from '../rbm/index.js';
import type { Rng } from '../rng.js';
import { classFromOutputs } from './compare.js';
import { round } from './lib/mark1-common.js';
import type { Experiment } from './types.js';

const DEPTHS = [1, 2, 3, 4];

/** Held-out error (%) of `net` on `x`. */
function testError(net: Mlp, x: number[][], labels: number[]): number {
  let wrong = 0;
  x.forEach((row, i) => {
    if (classFromOutputs(net.predict(row), 10) !== labels[i]) wrong++;
  });
  return (100 * wrong) / x.length;
}

/** U[−1/√k, 1/√k] with k the layer's fan-in, every layer (Erhan et al. 2010 §5; biases 0). */
function fanInUniform(net: Mlp, rng: Rng): void {
  for (const L of net.layers) {
    const r = 1 / Math.sqrt(L.nIn);
    for (let k = 0; k < L.W.length; k++) L.W[k] = rng.uniform(-r, r);
    L.b.fill(0);
  }
}

export const rbmPretraining: Experiment = {
  id: 'rbm-pretraining',
  title: 'RBM pre-training of deep sigmoid nets, 1 to 4 hidden layers',
  year: 2006,
  citation:
    'Hinton, Osindero & Teh 2006 (Neural Computation 18); Hinton & Salakhutdinov 2006 (Science 313); Erhan et al. 2010, "Why does unsupervised pre-training help deep learning?", JMLR 11, §6.1 Fig. 1',
  question:
    'Does greedy layer-wise RBM pre-training lower the test error of deep sigmoid nets on MNIST, and by more as the nets get deeper?',
  group: 'backprop',
  params: {
    train: {
      kind: 'integer',
      default: 1000,
      fast: 300,
      full: 8000,
      min: 100,
      max: 9000,
      doc: 'training digits',
    },
    test: {
      kind: 'integer',
      default: 1000,
      fast: 300,
      full: 2000,
      min: 100,
      max: 9000,
      doc: 'held-out digits',
    },
    side: {
      kind: 'integer',
      default: 14,
      full: 28,
      min: 4,
      max: 28,
      doc: 'digits scaled to side×side pixels',
    },
    width: { kind: 'integer', default: 64, fast: 32, full: 500, min: 2, doc: 'units per hidden layer' },
    epochs: {
      kind: 'integer',
      default: 10,
      fast: 8,
      full: 30,
      min: 1,
      doc: 'fine-tuning epochs (both ways)',
    },
    learningRate: { kind: 'number', default: 0.5, min: 0, doc: 'fine-tuning learning rate (SGD)' },
    batch: { kind: 'integer', default: 10, min: 1, doc: 'fine-tuning mini-batch' },
    pretrainEpochs: {
      kind: 'integer',
      default: 10,
      fast: 6,
      full: 20,
      min: 0,
      doc: 'RBM epochs per layer (0: the stack keeps its N(0, 0.01²) start)',
    },
    pretrainLearningRate: {
      kind: 'number',
      default: 1,
      min: 0,
      doc: 'RBM learning rate (CD-1, batch 10; divided by the batch as scikit-learn)',
    },
  },
  published: [
    {
      name: 'gainAtDepth4',
      description: 'test error without minus with pre-training, 4 hidden layers',
      value: 'pre-training lowers the error of deep nets',
      unit: 'points',
      source: 'Erhan et al. 2010 §6.1 Fig. 1 (MNIST, 400 seeds per box); Hinton & Salakhutdinov 2006',
      tolerance: { kind: 'range', min: 1, max: 100 },
      toleranceNote:
        'qualitative (box plots, no table): we require a gain of at least 1 point so that seed noise on 1,000 test digits (±1 point) does not count',
    },
    {
      name: 'gainGrowth',
      description: 'gain at 4 hidden layers minus gain at 1 hidden layer',
      value: 'the gain grows with depth',
      unit: 'points',
      source:
        'Erhan et al. 2010 §6.1 Fig. 1: without pre-training the error rises with depth, with it it does not',
      tolerance: { kind: 'range', min: 1, max: 100 },
      toleranceNote: 'qualitative; at least 1 point more at depth 4 than at depth 1',
    },
  ],
  run({ params, rng, progress }) {
    const side = params.side as number;
    const width = params.width as number;
    const mnist = loadMnistBytes();
    const { labels } = mnist;
    const idx = splitIndices(mnist.count, params.train as number, params.test as number, rng.fork('split'));
    const take = (ids: number[]) => ({
      x: ids.map((i) => scaleImage(mnistImage(mnist, i), MNIST_SIDE, MNIST_SIDE, side, side)),
      labels: ids.map((i) => labels[i]),
    });
    const tr = take(idx.train);
    const te = take(idx.test);
    const inputs = side * side;
    const oneHot = tr.labels.map((l) => Array.from({ length: 10 }, (_, k) => (k === l ? 1 : 0)));
    const dataset = makeDataset(tr.x, oneHot);
    // One stack of the deepest size: a shallower net uses its lower layers (greedy training makes
    // layer l independent of the layers above it).
    const stack = trainStack(
      packRows(tr.x, inputs),
      tr.x.length,
      inputs,
      DEPTHS.map(() => width),
      {
        rule: 'cd',
        k: 1,
        learningRate: params.pretrainLearningRate as number,
        epochs: params.pretrainEpochs as number,
        batchSize: 10,
        measure: false,
      },
      rng.fork('rbm'),
    );
    progress(0.2);
    const without: number[] = [];
    const withPre: number[] = [];
    DEPTHS.forEach((depth, d) => {
      for (const pre of [false, true]) {
        const net = Mlp.create(
          {
            inputs,
            hidden: Array.from({ length: depth }, () => width),
            outputs: 10,
            outputActivation: 'softmax',
            loss: 'cross-entropy',
          },
          rng.fork(`unused ${depth}`),
        );
        fanInUniform(net, rng.fork(`init ${depth}`));
        if (pre) unrollIntoMlp(net, stack.rbms.slice(0, depth));
        train(net, dataset, {
          learningRate: params.learningRate as number,
          maxEpochs: params.epochs as number,
          batchSize: params.batch as number,
          shuffle: true,
          rng: rng.fork(`order ${depth}`),
          diagnostics: false,
          evaluation: 'running',
        });
        (pre ? withPre : without).push(round(testError(net, te.x, te.labels), 2));
        progress(0.2 + (0.8 * (2 * d + (pre ? 2 : 1))) / (2 * DEPTHS.length));
      }
    });
    const gain = DEPTHS.map((_, d) => round(without[d] - withPre[d], 2));
    const extra: Record<string, number> = {};
    const descriptions: Record<string, string> = {};
    const units: Record<string, string> = { gainAtDepth4: 'points', gainGrowth: 'points' };
    DEPTHS.forEach((depth, d) => {
      extra[`errorWithout${depth}`] = without[d];
      extra[`errorWith${depth}`] = withPre[d];
      descriptions[`errorWithout${depth}`] = `test error, ${depth} hidden layer(s), random start`;
      descriptions[`errorWith${depth}`] = `test error, ${depth} hidden layer(s), RBM pre-trained`;
      units[`errorWithout${depth}`] = '%';
      units[`errorWith${depth}`] = '%';
    });
    return {
      values: { gainAtDepth4: gain[3], gainGrowth: round(gain[3] - gain[0], 2) },
      extra,
      units,
      descriptions,
      series: {
        without: {
          x: DEPTHS,
          y: without,
          xLabel: 'hidden layers',
          yLabel: 'test error % without pre-training',
        },
        with: {
          x: DEPTHS,
          y: withPre,
          xLabel: 'hidden layers',
          yLabel: 'test error % with RBM pre-training',
        },
      },
      notes: [
        `${params.train as number} training and ${params.test as number} held-out digits of the mnist package's 10,000, ${side}×${side} pixels; sigmoid hidden layers of ${width} units; softmax output, cross-entropy; SGD rate ${params.learningRate as number}, batch ${params.batch as number}, ${params.epochs as number} epochs, the same for both starts.`,
        `Pre-training: CD-1 RBMs, ${params.pretrainEpochs as number} epochs per layer, rate ${params.pretrainLearningRate as number}, batch 10, each layer trained on the hidden probabilities of the one below; the output layer is not pre-trained. Erhan et al. pre-trained and fine-tuned far longer, on 50,000 digits of 28×28 with 400 seeds (--full moves towards their scale).`,
        'Erhan et al. report box plots (their Fig. 1), not a table: the verdicts are on the trend, with a 1-point margin for seed noise.',
      ],
    };
  },
};
