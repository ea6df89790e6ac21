/**
 * MLP training, 400-128-10 on 10,000 samples, mini-batch 32, 3 epochs, side by side with
 * TensorFlow.js's pure-JS CPU backend (`@tensorflow/tfjs-backend-cpu`, float32) and scikit-learn's
 * `MLPClassifier` (float64, BLAS held to one thread), on the same data in the same order.
 *
 * All three: ReLU hidden units, softmax outputs with cross-entropy, plain SGD (learning rate 0.01, no
 * momentum, no L2), Glorot-uniform weights, batch-mean gradients, no shuffling. Only training is
 * timed (tfjs: `model.fit` after the tensors are made; scikit-learn: `fit`; ours: `train` with
 * diagnostics off). None makes an extra evaluation pass: each records the epoch's loss from the
 * training pass (ours: `evaluation: 'running'`, which gives scikit-learn's `loss_curve_`).
 * The data: 10 classes, each a random prototype in [0, 1]^400 with noise, so every run learns.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Mlp, train } from '../src/backprop/index.js';
import type { Dataset } from '../src/backprop/index.js';
import { Rng } from '../src/rng.js';
import { type Timing, runPython, sklearnMissing, tempDir, time, timeAsync, writeFloat64 } from './common.js';

export interface MlpBenchSettings {
  samples: number;
  inputs: number;
  hidden: number;
  outputs: number;
  batch: number;
  epochs: number;
  learningRate: number;
}

export const MLP_BENCH: MlpBenchSettings = {
  samples: 10_000,
  inputs: 400,
  hidden: 128,
  outputs: 10,
  batch: 32,
  epochs: 3,
  learningRate: 0.01,
};

export interface MlpBenchResult {
  settings: MlpBenchSettings;
  ours: Timing & { samplesPerSecond: number; trainAccuracy: number };
  tfjs:
    | { skipped: string }
    | (Timing & { backend: string; version: string; trainAccuracy: number; ratio: number });
  sklearn: { skipped: string } | (Timing & { version: string; trainAccuracy: number; ratio: number });
}

export function mlpData(s: MlpBenchSettings): { x: Float64Array; labels: Int32Array; dataset: Dataset } {
  const rng = Rng.fromSeed('mlp-bench');
  const prototypes = Array.from({ length: s.outputs }, () =>
    Float64Array.from({ length: s.inputs }, () => rng.next()),
  );
  const x = new Float64Array(s.samples * s.inputs);
  const labels = new Int32Array(s.samples);
  const targets = new Float64Array(s.samples * s.outputs);
  for (let k = 0; k < s.samples; k++) {
    const c = rng.int(s.outputs);
    labels[k] = c;
    targets[k * s.outputs + c] = 1;
    for (let i = 0; i < s.inputs; i++) x[k * s.inputs + i] = prototypes[c][i] + rng.normal(0, 0.5);
  }
  return {
    x,
    labels,
    dataset: { inputs: x, targets, count: s.samples, inputSize: s.inputs, outputSize: s.outputs },
  };
}

function accuracy(net: Mlp, x: Float64Array, labels: Int32Array, inputs: number): number {
  let right = 0;
  for (let k = 0; k < labels.length; k++) {
    const y = net.forward(x, k * inputs);
    let best = 0;
    for (let u = 1; u < y.length; u++) if (y[u] > y[best]) best = u;
    if (best === labels[k]) right++;
  }
  return right / labels.length;
}

async function benchTfjs(
  s: MlpBenchSettings,
  x: Float64Array,
  labels: Int32Array,
): Promise<{ skipped: string } | (Timing & { backend: string; version: string; trainAccuracy: number })> {
  let tf: typeof import('@tensorflow/tfjs-core');
  let tfl: typeof import('@tensorflow/tfjs-layers');
  try {
    tf = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-backend-cpu');
    tfl = await import('@tensorflow/tfjs-layers');
  } catch {
    return { skipped: 'skipped: TensorFlow.js not installed (npm install)' };
  }
  await tf.setBackend('cpu');
  await tf.ready();
  const xs = tf.tensor2d(Float32Array.from(x), [s.samples, s.inputs]);
  const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), s.outputs);
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        inputShape: [s.inputs],
        units: s.hidden,
        activation: 'relu',
        kernelInitializer: 'glorotUniform',
      }),
      tfl.layers.dense({ units: s.outputs, activation: 'softmax', kernelInitializer: 'glorotUniform' }),
    ],
  });
  model.compile({
    optimizer: tf.train.sgd(s.learningRate),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  const fit = () => model.fit(xs, ys, { batchSize: s.batch, epochs: s.epochs, shuffle: false, verbose: 0 });
  // One batch first, so kernel set-up is not timed.
  await model.fit(tf.slice(xs, [0, 0], [s.batch, s.inputs]), tf.slice(ys, [0, 0], [s.batch, s.outputs]), {
    batchSize: s.batch,
    epochs: 1,
    verbose: 0,
  });
  let history: Awaited<ReturnType<typeof fit>> | undefined;
  const t = await timeAsync(async () => {
    history = await fit();
  });
  const acc = history?.history.acc ?? history?.history.accuracy ?? [NaN];
  const result = {
    ...t,
    backend: tf.getBackend(),
    version: tf.version_core,
    trainAccuracy: Number(acc[acc.length - 1]),
  };
  xs.dispose();
  ys.dispose();
  model.dispose();
  return result;
}

export async function benchMlp(s: MlpBenchSettings = MLP_BENCH, repetitions = 2): Promise<MlpBenchResult> {
  const { x, labels, dataset } = mlpData(s);
  const spec = {
    inputs: s.inputs,
    hidden: [s.hidden],
    outputs: s.outputs,
    hiddenActivation: 'relu',
    outputActivation: 'softmax',
    loss: 'cross-entropy' as const,
    init: 'glorot-uniform',
  };
  const options = {
    learningRate: s.learningRate,
    maxEpochs: s.epochs,
    batchSize: s.batch,
    reduction: 'mean' as const,
    diagnostics: false,
    evaluation: 'running' as const,
  };
  let net = Mlp.create(spec, Rng.fromSeed(1));
  const best = { wall: Infinity, cpu: Infinity };
  for (let r = 0; r < repetitions; r++) {
    net = Mlp.create(spec, Rng.fromSeed(1));
    const t = time(() => train(net, dataset, options));
    best.wall = Math.min(best.wall, t.wall);
    best.cpu = Math.min(best.cpu, t.cpu);
  }
  const ours = {
    ...best,
    samplesPerSecond: (s.samples * s.epochs) / best.cpu,
    trainAccuracy: accuracy(net, x, labels, s.inputs),
  };
  const tfjs = await benchTfjs(s, x, labels);
  const result: MlpBenchResult = {
    settings: s,
    ours,
    tfjs: 'skipped' in tfjs ? tfjs : { ...tfjs, ratio: ours.cpu / tfjs.cpu },
    sklearn: { skipped: '' },
  };
  const missing = sklearnMissing();
  if (missing) {
    result.sklearn = { skipped: missing };
    return result;
  }
  const tmp = tempDir('mlp');
  try {
    writeFloat64(join(tmp.dir, 'x.f64'), x);
    writeFloat64(join(tmp.dir, 'labels.f64'), Float64Array.from(labels));
    writeFileSync(join(tmp.dir, 'meta.json'), JSON.stringify({ ...s, features: s.inputs, repetitions }));
    const py = runPython<{ seconds: number; cpuSeconds: number; sklearn: string; trainAccuracy: number }>(
      'sklearn_mlp.py',
      tmp.dir,
    );
    result.sklearn = {
      wall: py.seconds,
      cpu: py.cpuSeconds,
      version: py.sklearn,
      trainAccuracy: py.trainAccuracy,
      ratio: ours.cpu / py.cpuSeconds,
    };
  } finally {
    tmp.remove();
  }
  return result;
}
