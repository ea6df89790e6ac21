/**
 * The dense perceptron rule against scikit-learn's `Perceptron`, side by side on the same data:
 * 20,000 samples × 400 features, 10 epochs in data order, fixed increment η = 1 with a bias, a zero
 * sum counted as a mistake (scikit-learn's training convention, `tie: 'error'`).
 *
 * The data (features uniform in [−1, 1), labels from a random linear teacher with 5 % of them
 * flipped, so mistakes go on to the last epoch) is written once as raw doubles; the Python side
 * (bench/sklearn_perceptron.py) reads the same bytes. Both sides time training only, best of
 * `repetitions` on fresh models. The weights of both are compared, as a check that the work is the same.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDenseMachine } from '../src/machines/create-dense.js';
import { trainMachine } from '../src/machines/train.js';
import { Rng } from '../src/rng.js';
import { float64Matrix } from '../src/wasm/perceptron.js';
import {
  type Timing,
  bestOf,
  maxAbsDiff,
  runPython,
  sklearnMissing,
  tempDir,
  writeFloat64,
} from './common.js';

export interface PerceptronBenchResult {
  samples: number;
  features: number;
  epochs: number;
  /** Best seconds of training in the dense engine (wall and CPU). */
  dense: Timing;
  sklearn:
    | { skipped: string }
    | {
        seconds: Timing;
        version: string;
        /** dense ÷ scikit-learn CPU time (below 1: the dense engine is faster). */
        ratio: number;
        /** Largest |w_dense − w_sklearn| over weights and bias, relative to the largest |w|. */
        weightDifference: number;
      };
}

export function perceptronData(samples: number, features: number): { x: Float64Array; y: Float64Array } {
  const rng = Rng.fromSeed('perceptron-bench');
  const teacher = Float64Array.from({ length: features }, () => rng.normal());
  // In WebAssembly memory, as a loader would put it (issue 19, decision 2): trained in place.
  const x = float64Matrix(samples, features);
  const y = new Float64Array(samples);
  for (let k = 0; k < samples; k++) {
    let s = 0;
    for (let i = 0; i < features; i++) {
      const v = rng.uniform(-1, 1);
      x[k * features + i] = v;
      s += v * teacher[i];
    }
    y[k] = (s >= 0 ? 1 : -1) * (rng.next() < 0.05 ? -1 : 1);
  }
  return { x, y };
}

export function benchPerceptron(
  samples = 20_000,
  features = 400,
  epochs = 10,
  repetitions = 3,
): PerceptronBenchResult {
  const { x, y } = perceptronData(samples, features);
  const rows = Array.from({ length: samples }, (_, k) => x.subarray(k * features, (k + 1) * features));
  const targets = Array.from({ length: samples }, (_, k) => Float64Array.of(y[k]));
  const build = () =>
    createDenseMachine('perceptron', {
      inputs: features,
      outputs: 1,
      rule: 'fixed',
      lr: 1,
      tie: 'error',
      rng: Rng.fromSeed(1),
    });
  const train = { epochs, shuffle: false, rule: 'fixed' as const };
  let machine = build();
  const dense = bestOf(
    repetitions,
    () => (machine = build()),
    (m) => trainMachine(m, { x: rows, d: targets }, train),
  );
  const result: PerceptronBenchResult = { samples, features, epochs, dense, sklearn: { skipped: '' } };
  const missing = sklearnMissing();
  if (missing) {
    result.sklearn = { skipped: missing };
    return result;
  }
  const tmp = tempDir('perceptron');
  try {
    writeFloat64(join(tmp.dir, 'x.f64'), x);
    writeFloat64(join(tmp.dir, 'y.f64'), y);
    writeFileSync(join(tmp.dir, 'meta.json'), JSON.stringify({ samples, features, epochs, repetitions }));
    const py = runPython<{
      seconds: number;
      cpuSeconds: number;
      sklearn: string;
      coef: number[];
      intercept: number;
    }>('sklearn_perceptron.py', tmp.dir);
    const w = machine.weights().layers[0];
    const ours = [...w.weights[0], w.bias[0]];
    const theirs = [...py.coef, py.intercept];
    const scale = Math.max(...theirs.map(Math.abs));
    result.sklearn = {
      seconds: { wall: py.seconds, cpu: py.cpuSeconds },
      version: py.sklearn,
      ratio: dense.cpu / py.cpuSeconds,
      weightDifference: maxAbsDiff(ours, theirs) / scale,
    };
  } finally {
    tmp.remove();
  }
  return result;
}
