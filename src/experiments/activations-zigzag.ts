/**
 * activations-zigzag: why non-zero-centred activations make gradient descent zig-zag.
 *
 * cs231n ("Commonly used activation functions", on sigmoid): "if the data coming into a neuron is
 * always positive (e.g. x > 0 elementwise in f = wᵀx + b), then the gradient on the weights w will
 * during backpropagation become either all be positive, or all negative (depending on the gradient
 * of the whole expression f). This could introduce undesirable zig-zagging dynamics in the gradient
 * updates for the weights." Added up over a batch the signs can vary, so it is less severe there.
 *
 * Part 1 measures it: the library's sign-agreement diagnostic (|Σᵢ sign gᵢ| / #{gᵢ ≠ 0} over a
 * unit's incoming-weight gradients, 1 = all one sign) on the output layer of a 2-H-3 net trained on
 * the spiral, fed by sigmoid, tanh or ReLU hidden units. With per-sample updates gᵢ = δ·xᵢ, so
 * positive inputs (sigmoid, and also ReLU) give exactly 1; tanh's mixed signs give much less.
 *
 * Part 2 measures the effect on steps to converge, isolated from every other difference between
 * sigmoid and tanh: one linear unit learns the same linear target from inputs in [0, 1] (all
 * positive) or from the same inputs shifted to [−½, ½] (zero-centred), by full-batch gradient
 * descent; each gets its best learning rate from a grid, as in LeCun et al., "Efficient BackProp"
 * (1998, §4.3: shifting inputs to zero mean speeds convergence). Positive inputs add a large
 * eigenvalue along the mean input direction, which caps the stable learning rate.
 */
import { Mlp, makeDataset, stopWhenLossBelow, train } from '../backprop/index.js';
import { makeSpiral, oneHot } from '../data/spiral.js';
import { Rng } from '../rng.js';
import type { Experiment } from './types.js';

/** Mean over epochs of the output layer's sign agreement for one hidden activation. */
function signAgreement(
  activation: string,
  batchSize: number,
  options: { hidden: number; epochs: number; seed: number },
): { mean: number; perEpoch: number[] } {
  // The same points, initial weights and order for every activation.
  const stream = (what: string) => Rng.fromSeed(`${options.seed}:zigzag:${what}`);
  const d = makeSpiral(stream('data'));
  const data = makeDataset(d.points, oneHot(d.labels, 3));
  const net = Mlp.create(
    {
      inputs: 2,
      hidden: [options.hidden],
      outputs: 3,
      hiddenActivation: activation,
      outputActivation: 'softmax',
      loss: 'cross-entropy',
      init: 'glorot-uniform',
    },
    stream('weights'),
  );
  const r = train(net, data, {
    learningRate: 0.1,
    batchSize,
    maxEpochs: options.epochs,
    shuffle: true,
    rng: stream('order'),
  });
  const perEpoch = r.diagnostics.slice(1).map((g) => g.signAgreement?.[1] ?? NaN);
  return { mean: perEpoch.reduce((s, v) => s + v, 0) / perEpoch.length, perEpoch };
}

/** Fewest full-batch epochs, over a learning-rate grid, for a linear unit to reach the loss threshold. */
function bestEpochs(
  X: number[][],
  Y: number[][],
  rates: readonly number[],
  maxEpochs: number,
  threshold: number,
  rng: Rng,
): { epochs: number; rate: number; curve: number[] } {
  const data = makeDataset(X, Y);
  let best = { epochs: Infinity, rate: NaN, curve: [] as number[] };
  for (const rate of rates) {
    const net = Mlp.create(
      {
        inputs: X[0].length,
        hidden: [],
        outputs: 1,
        outputActivation: 'identity',
        init: 'zeros',
        biasInit: 0,
      },
      rng, // zeros: nothing is drawn
    );
    let r;
    try {
      r = train(net, data, {
        learningRate: rate,
        batchSize: 'full',
        maxEpochs,
        stop: stopWhenLossBelow(threshold),
        diagnostics: false,
      });
    } catch {
      continue; // diverged: this rate is above the stable limit
    }
    if (r.stopped && r.epochs < best.epochs)
      best = { epochs: r.epochs, rate, curve: r.history.map((h) => Math.log10(h.loss)) };
  }
  return best;
}

/** Learning rates 0.02·√2ᵏ, k = 0…14 (0.02 to 2.56). */
const RATE_GRID = Array.from({ length: 15 }, (_, k) => 0.02 * Math.SQRT2 ** k);

export const activationsZigzag: Experiment = {
  id: 'activations-zigzag',
  title: 'Zig-zag: weight gradients of one sign after non-zero-centred units',
  year: 2016,
  citation:
    'cs231n course notes, "Neural Networks Part 1: Commonly used activation functions" (secondary); LeCun, Bottou, Orr & Müller, "Efficient BackProp", 1998, §4.3',
  question:
    'Do the weight gradients of a unit fed by sigmoid outputs all share one sign, unlike after tanh, and do all-positive inputs slow gradient descent down?',
  group: 'activations',
  params: {
    hidden: { kind: 'integer', default: 20, min: 1, doc: 'hidden units of the 2-H-3 spiral net' },
    epochs: {
      kind: 'integer',
      default: 10,
      fast: 3,
      min: 1,
      doc: 'epochs of per-sample SGD for the sign agreement',
    },
    inputs: { kind: 'integer', default: 10, min: 1, doc: 'inputs of the linear unit (part 2)' },
  },
  published: [
    {
      name: 'sigmoidSignAgreement',
      description: 'sign agreement of output-layer weight gradients after sigmoid units (per-sample updates)',
      value: 1,
      source: 'cs231n: "either all be positive, or all negative"',
      tolerance: { kind: 'absolute', value: 1e-12 },
      byConstruction:
        "with one update per sample each output weight's gradient is δ·xᵢ, and sigmoid outputs xᵢ are all positive, so every sign equals δ's: exactly 1 by the formula (the diagnostic's own definition says so)",
    },
    {
      name: 'tanhSignAgreement',
      description: 'the same after tanh units (zero-centred)',
      value: 'below 1: mixed signs',
      source: 'cs231n: tanh "is zero-centered"',
      tolerance: { kind: 'range', min: 0, max: 0.8 },
      toleranceNote:
        'the notes give no number; for random signs over H inputs the agreement would be about √(2/(πH)) ≈ 0.18 at H = 20, so anything below 0.8 shows mixed signs',
      byConstruction:
        'tanh is odd and zero-centred, so with weights drawn symmetrically around 0 its outputs take both signs and so do the gradients; the measured consequence is centredSpeedup',
    },
    {
      name: 'centredSpeedup',
      description:
        'epochs to converge with positive inputs / with zero-centred inputs (each at its best learning rate)',
      value: '> 1: centred faster',
      source: 'cs231n ("undesirable zig-zagging dynamics"); LeCun et al. 1998 §4.3',
      tolerance: { kind: 'range', min: 1.2, max: 1000 },
      toleranceNote:
        'qualitative in both sources; we require at least 1.2× so that a tie on the grid does not count',
      byConstruction:
        'no plausible change of the set-up (inputs, width, epochs) brings the speedup under 1.2: with all-positive inputs every weight of a unit moves in one direction per step, so the best rate is limited by the mean input direction; it follows from the geometry, as the sign-agreement rows do',
    },
  ],
  run({ params, seed, rng, progress }) {
    const hidden = params.hidden as number;
    const epochs = params.epochs as number;
    const runs = {
      sigmoid: signAgreement('sigmoid', 1, { hidden, epochs, seed }),
      tanh: signAgreement('tanh', 1, { hidden, epochs, seed }),
      relu: signAgreement('relu', 1, { hidden, epochs, seed }),
      sigmoidBatch10: signAgreement('sigmoid', 10, { hidden, epochs, seed }),
    };
    progress(0.6);
    const n = params.inputs as number;
    const lin = rng.fork('linear');
    const wStar = Array.from({ length: n }, () => lin.normal());
    const positive = Array.from({ length: 100 }, () => Array.from({ length: n }, () => lin.next()));
    const centred = positive.map((x) => x.map((v) => v - 0.5));
    // The same target for both: a linear function of the centred inputs (the bias absorbs the shift).
    const Y = centred.map((x) => [x.reduce((s, v, i) => s + v * wStar[i], 0)]);
    const threshold = 1e-3;
    const pos = bestEpochs(positive, Y, RATE_GRID, 20000, threshold, lin);
    const cen = bestEpochs(centred, Y, RATE_GRID, 20000, threshold, lin);
    progress(1);
    const ep = (xs: number[]) => xs.map((_, i) => i + 1);
    return {
      values: {
        sigmoidSignAgreement: runs.sigmoid.mean,
        tanhSignAgreement: runs.tanh.mean,
        centredSpeedup: pos.epochs / cen.epochs,
      },
      extra: {
        reluSignAgreement: runs.relu.mean,
        sigmoidBatch10SignAgreement: runs.sigmoidBatch10.mean,
        positiveEpochs: pos.epochs,
        positiveBestRate: pos.rate,
        centredEpochs: cen.epochs,
        centredBestRate: cen.rate,
      },
      descriptions: {
        reluSignAgreement: 'after ReLU units (outputs ≥ 0, so also all one sign)',
        sigmoidBatch10SignAgreement: 'after sigmoid units with batches of 10 (summing lets signs vary)',
        positiveEpochs: 'linear unit, inputs in [0, 1]: fewest epochs to mean loss < 1e-3',
        positiveBestRate: 'its best learning rate (larger ones diverge or are slower)',
        centredEpochs: 'linear unit, the same inputs shifted to [−½, ½]',
        centredBestRate: 'its best learning rate',
      },
      series: {
        sigmoid: {
          x: ep(runs.sigmoid.perEpoch),
          y: runs.sigmoid.perEpoch,
          xLabel: 'epoch',
          yLabel: 'sign agreement',
        },
        tanh: { x: ep(runs.tanh.perEpoch), y: runs.tanh.perEpoch, xLabel: 'epoch', yLabel: 'sign agreement' },
        sigmoidBatch10: {
          x: ep(runs.sigmoidBatch10.perEpoch),
          y: runs.sigmoidBatch10.perEpoch,
          xLabel: 'epoch',
          yLabel: 'sign agreement',
        },
        positiveInputs: {
          x: pos.curve.map((_, i) => i),
          y: pos.curve,
          xLabel: 'epoch',
          yLabel: 'log10 loss',
        },
        centredInputs: { x: cen.curve.map((_, i) => i), y: cen.curve, xLabel: 'epoch', yLabel: 'log10 loss' },
      },
      notes: [
        `part 1: 2-${hidden}-3 net on the spiral, softmax/cross-entropy, Glorot weights, η = 0.1, per-sample SGD in shuffled order, the same points, weights and order for each activation; agreement of the output layer's incoming-weight gradients, mean over updates and epochs`,
        `part 2: one linear unit, ${n} inputs, 100 samples, targets a fixed linear function of the centred inputs, full-batch gradient descent from zero weights, learning rates 0.02·√2ᵏ up to 2.56, each set at its best`,
      ],
    };
  },
};
