/**
 * RBM training speed: CD-1, 784 visible × 256 hidden units, mini-batch 10 (scikit-learn's default),
 * learning rate 0.1, on the first `samples` of the shipped MNIST digits (issue 14), side by side with
 * scikit-learn's `BernoulliRBM` (PCD-1: the same products and samples per step) on the same rows in
 * the same order, BLAS held to one thread. Only training is timed; neither side measures
 * per-epoch figures while training (ours: `measure: false`; scikit-learn: `verbose=0`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMnistBytes, mnistImage } from '../src/data/mnist-retina.js';
import { createRbm, measureRbm, trainRbm } from '../src/rbm/index.js';
import { Rng } from '../src/rng.js';
import { type Timing, runPython, sklearnMissing, tempDir, time, writeFloat64 } from './common.js';

export const RBM_BENCH = {
  samples: 3000,
  visible: 784,
  hidden: 256,
  batch: 10,
  epochs: 1,
  learningRate: 0.1,
};

export interface RbmBenchResult {
  settings: typeof RBM_BENCH;
  ours: Timing & { samplesPerSecond: number; pseudoLikelihood: number };
  sklearn:
    | { skipped: string }
    | (Timing & { version: string; samplesPerSecond: number; pseudoLikelihood: number; ratio: number });
}

export function benchRbm(s = RBM_BENCH, repetitions = 2): RbmBenchResult {
  const mnist = loadMnistBytes();
  // Every 10,000/samples-th digit, so that all classes are in (the package lists them class by class).
  const stride = Math.floor(mnist.count / s.samples);
  const x = new Float64Array(s.samples * s.visible);
  for (let k = 0; k < s.samples; k++) x.set(mnistImage(mnist, k * stride), k * s.visible);
  const options = {
    rule: 'cd' as const,
    k: 1,
    learningRate: s.learningRate,
    batchSize: s.batch,
    epochs: s.epochs,
    shuffle: false,
    measure: false,
  };
  let rbm = createRbm(s.visible, s.hidden, Rng.fromSeed(1));
  // A short warm-up so that compilation is not timed.
  trainRbm(rbm, x.subarray(0, 200 * s.visible), 200, { ...options, rng: Rng.fromSeed(2) });
  const best = { wall: Infinity, cpu: Infinity };
  for (let r = 0; r < repetitions; r++) {
    rbm = createRbm(s.visible, s.hidden, Rng.fromSeed(1));
    const t = time(() => trainRbm(rbm, x, s.samples, { ...options, rng: Rng.fromSeed(2) }));
    best.wall = Math.min(best.wall, t.wall);
    best.cpu = Math.min(best.cpu, t.cpu);
  }
  const perSecond = (cpu: number) => (s.samples * s.epochs) / cpu;
  const ours = {
    ...best,
    samplesPerSecond: perSecond(best.cpu),
    pseudoLikelihood: measureRbm(rbm, x, s.samples, 1, Rng.fromSeed(3)).pseudoLikelihood,
  };
  const missing = sklearnMissing();
  if (missing) return { settings: s, ours, sklearn: { skipped: missing } };
  const tmp = tempDir('rbm');
  try {
    writeFloat64(join(tmp.dir, 'x.f64'), x);
    writeFileSync(join(tmp.dir, 'meta.json'), JSON.stringify({ ...s, repetitions }));
    const py = runPython<{ seconds: number; cpuSeconds: number; sklearn: string; pseudoLikelihood: number }>(
      'sklearn_rbm.py',
      tmp.dir,
    );
    return {
      settings: s,
      ours,
      sklearn: {
        wall: py.seconds,
        cpu: py.cpuSeconds,
        version: py.sklearn,
        samplesPerSecond: perSecond(py.cpuSeconds),
        pseudoLikelihood: py.pseudoLikelihood,
        ratio: ours.cpu / py.cpuSeconds,
      },
    };
  } finally {
    tmp.remove();
  }
}

// `npx tsx bench/rbm.ts` runs this benchmark alone.
if (process.argv[1]?.endsWith('rbm.ts')) console.log(JSON.stringify(benchRbm(), null, 2));
