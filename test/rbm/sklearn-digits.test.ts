/**
 * End to end against scikit-learn: RBM features for digit classification (scikit-learn's example
 * "Restricted Boltzmann Machine features for digit classification", without its data nudging).
 *
 * Fixtures, from /usr/bin/python3 scripts/fixtures/rbm_step.py:
 * - test/fixtures/rbm/digits.csv: load_digits() pixels / 16, label last;
 * - test/fixtures/rbm/sklearn-digits.json: BernoulliRBM(n_components=100, learning_rate=0.06,
 *   n_iter=10, batch_size=10, random_state=0) fitted on the first 1200 rows, its weights, and
 *   LogisticRegression(C=6000)'s test accuracy on its features.
 *
 * Our RBM is trained the same way (PCD-1, the same rate, batch and epochs, rows in file order as
 * scikit-learn's `fit`). Both RBMs' features then feed the same logistic regression (our MLP with
 * no hidden layer, softmax and cross-entropy, same seed), so the only difference is the RBM.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Mlp } from '../../src/backprop/mlp.js';
import { makeDataset, train } from '../../src/backprop/train.js';
import { parseCsv } from '../../src/data/csv.js';
import { createRbm, packRows, rbmTransform, trainRbm } from '../../src/rbm/index.js';
import type { RbmParams } from '../../src/rbm/index.js';
import { Rng } from '../../src/rng.js';

const fx = JSON.parse(
  readFileSync(new URL('../fixtures/rbm/sklearn-digits.json', import.meta.url), 'utf8'),
) as {
  trainRows: number;
  weights: number[][];
  hiddenBias: number[];
  visibleBias: number[];
  logisticOnRbmFeatures: { testAccuracy: number };
};
const csvPath = new URL('../fixtures/rbm/digits.csv', import.meta.url).pathname;
const table = parseCsv(readFileSync(csvPath, 'utf8'), csvPath);

/** Our features must classify at least this well relative to scikit-learn's (accuracy points). */
const TOLERANCE = 0.03;

function logisticAccuracy(features: Float64Array, hidden: number): number {
  const n = table.features.length;
  const rows = Array.from({ length: n }, (_, r) =>
    Array.from(features.subarray(r * hidden, (r + 1) * hidden)),
  );
  const labels = (table as { labels: number[] }).labels;
  const oneHot = labels.map((l) => Array.from({ length: 10 }, (_, k) => (k === l ? 1 : 0)));
  const trainN = fx.trainRows;
  const net = Mlp.create(
    {
      inputs: hidden,
      hidden: [],
      outputs: 10,
      outputActivation: 'softmax',
      loss: 'cross-entropy',
      init: 'zeros',
    },
    Rng.fromSeed(1),
  );
  train(net, makeDataset(rows.slice(0, trainN), oneHot.slice(0, trainN)), {
    learningRate: 0.5,
    maxEpochs: 30,
    batchSize: 10,
    shuffle: true,
    rng: Rng.fromSeed(2),
    diagnostics: false,
    evaluation: 'running',
  });
  let right = 0;
  for (let r = trainN; r < n; r++) {
    const y = net.predict(rows[r]);
    if (y.indexOf(Math.max(...y)) === labels[r]) right++;
  }
  return right / (n - trainN);
}

describe('RBM features classify digits as well as scikit-learn’s', () => {
  it(`within ${TOLERANCE} of scikit-learn's RBM, with the same logistic regression on both`, () => {
    const n = table.features.length;
    const data = packRows(table.features, 64);
    const ours = createRbm(64, 100, Rng.fromSeed(0));
    trainRbm(ours, data.subarray(0, fx.trainRows * 64), fx.trainRows, {
      rule: 'pcd',
      learningRate: 0.06,
      epochs: 10,
      batchSize: 10,
      shuffle: false,
      measure: false,
      rng: Rng.fromSeed(1),
    });
    const theirs: RbmParams = {
      visible: 64,
      hidden: 100,
      W: Float64Array.from(fx.weights.flat()),
      b: Float64Array.from(fx.visibleBias),
      c: Float64Array.from(fx.hiddenBias),
    };
    const accOurs = logisticAccuracy(rbmTransform(ours, data, n), 100);
    const accTheirs = logisticAccuracy(rbmTransform(theirs, data, n), 100);
    // The comparison is meaningful only if the features carry the digits at all.
    expect(accTheirs).toBeGreaterThan(0.75);
    // scikit-learn's own LogisticRegression on its features, for the record (docs/rbm.md).
    expect(fx.logisticOnRbmFeatures.testAccuracy).toBeGreaterThan(0.8);
    expect(accOurs).toBeGreaterThanOrEqual(accTheirs - TOLERANCE);
  });
});
