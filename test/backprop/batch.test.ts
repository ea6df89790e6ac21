/**
 * The batched kernels, forward and backward against plain loops and against the per-sample path,
 * and the `running` evaluation of `train`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { backDeltas, denseForward, weightGradient, weightedRowSum } from '../../src/backprop/kernels.js';
import { Mlp, type MlpSpec } from '../../src/backprop/mlp.js';
import { simdAvailable, useSimd } from '../../src/backprop/simd.js';
import { type Dataset, makeDataset, stopWhenNoErrors, train } from '../../src/backprop/train.js';
import { UserError } from '../../src/errors.js';
import { Rng } from '../../src/rng.js';

function randomArray(rng: Rng, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => rng.uniform(-1, 1));
}

describe('dense kernels', () => {
  it('denseForward equals a plain in-order sum for every block shape, with a bias or adding (exact)', () => {
    const rng = Rng.fromSeed('dense-forward');
    let checked = 0;
    for (const rows of [1, 2, 3, 5, 8]) {
      for (const n of [1, 3, 8, 13]) {
        for (const count of [1, 2, 3, 4, 5, 7, 9]) {
          for (const withBias of [true, false]) {
            const W = randomArray(rng, rows * n);
            const x = randomArray(rng, (count + 3) * n);
            // Samples at scattered offsets, as a shuffled order gives them.
            const off = Int32Array.from({ length: count }, (_, s) => ((s * 5 + 2) % (count + 3)) * n);
            const bias = withBias ? randomArray(rng, rows) : null;
            const stride = rows + 2;
            const out = randomArray(rng, count * stride);
            const want = Float64Array.from(out);
            for (let s = 0; s < count; s++) {
              for (let r = 0; r < rows; r++) {
                let sum = 0;
                for (let i = 0; i < n; i++) sum += W[r * n + i] * x[off[s] + i];
                want[s * stride + r] = (bias === null ? want[s * stride + r] : bias[r]) + sum;
              }
            }
            denseForward(W, n, rows, x, off, count, out, stride, bias);
            expect(Array.from(out)).toEqual(Array.from(want));
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(280);
  });

  it('weightedRowSum equals a plain in-order sum, writing or adding (exact)', () => {
    const rng = Rng.fromSeed('weighted-rows');
    for (const n of [1, 7, 8, 9, 16, 21]) {
      for (const terms of [0, 1, 2, 5]) {
        for (const add of [false, true]) {
          const src = randomArray(rng, 6 * n);
          const c = randomArray(rng, terms + 1);
          const m = Int32Array.from({ length: terms + 1 }, (_, t) => ((t * 4 + 1) % 6) * n);
          const out = randomArray(rng, n + 3);
          const want = Float64Array.from(out);
          for (let i = 0; i < n; i++) {
            let sum = add ? want[2 + i] : 0;
            for (let t = 0; t < terms; t++) sum += c[t] * src[m[t] + i];
            want[2 + i] = sum;
          }
          weightedRowSum(out, 2, n, src, c, m, terms, add);
          expect(Array.from(out)).toEqual(Array.from(want));
        }
      }
    }
  });
});

describe('WebAssembly SIMD kernels give the same bits as the plain ones', () => {
  afterEach(() => useSimd(true));
  /** Run `fn` with the SIMD kernels switched on and off; both results. */
  const both = <T>(fn: () => T): [T, T] => {
    useSimd(true);
    const simd = fn();
    useSimd(false);
    return [simd, fn()];
  };

  it('denseForward, weightGradient and backDeltas on shapes that are not whole blocks', () => {
    // Node 20 has WebAssembly SIMD: the comparison below is not of the plain kernels with themselves.
    expect(simdAvailable()).toBe(true);
    const rng = Rng.fromSeed('simd-kernels');
    let checked = 0;
    for (const rows of [5, 8, 13]) {
      for (const n of [64, 300, 275]) {
        for (const count of [1, 3, 4, 6, 9]) {
          const W = randomArray(rng, rows * n);
          const x = randomArray(rng, (count + 2) * n);
          const off = Int32Array.from({ length: count }, (_, s) => ((s * 3 + 1) % (count + 2)) * n);
          const bias = randomArray(rng, rows);
          const stride = rows + 1;
          const start = randomArray(rng, count * stride);
          // Deltas with zeros, as inactive ReLUs give.
          const DZ = Float64Array.from({ length: count * rows }, () =>
            rng.next() < 0.4 ? 0 : rng.uniform(-1, 1),
          );
          const g0 = randomArray(rng, rows * n);
          const [a, b] = both(() => {
            const out = Float64Array.from(start);
            denseForward(W, n, rows, x, off, count, out, stride, bias);
            const added = Float64Array.from(start);
            denseForward(W, n, rows, x, off, count, added, stride, null);
            const g = Float64Array.from(g0);
            const scratch = [new Float64Array(count + rows), new Int32Array(count + rows)] as const;
            weightGradient(g, DZ, rows, x, off, n, count, true, ...scratch);
            const gNew = new Float64Array(rows * n);
            weightGradient(gNew, DZ, rows, x, off, n, count, false, ...scratch);
            const dA = new Float64Array(count * n);
            backDeltas(dA, DZ, rows, W, n, count, ...scratch);
            return [out, added, g, gNew, dA].map((v) => Array.from(v));
          });
          expect(a).toEqual(b);
          checked++;
        }
      }
    }
    expect(checked).toBe(45);
  });

  it('a whole training run (ReLU, direct links, softmax; maxout and PReLU) is byte-identical', () => {
    const specs: MlpSpec[] = [
      {
        inputs: 50,
        hidden: [30],
        outputs: 5,
        hiddenActivation: 'relu',
        outputActivation: 'softmax',
        loss: 'cross-entropy',
        direct: true,
        init: 'glorot-uniform',
      },
      {
        inputs: 40,
        hidden: [24, 20],
        outputs: 3,
        hiddenActivation: ['maxout:2', 'prelu'],
        outputActivation: 'identity',
        init: 'he-normal',
      },
    ];
    for (const spec of specs) {
      const data = randomData(Rng.fromSeed('simd-data'), 203, spec, 'onehot');
      const [a, b] = both(() =>
        JSON.stringify(
          train(Mlp.create(spec, Rng.fromSeed(5)), data, {
            learningRate: 0.02,
            maxEpochs: 3,
            batchSize: 16,
            momentum: 0.5,
            weightDecay: 1e-3,
            shuffle: true,
            rng: Rng.fromSeed(6),
          }),
        ),
      );
      expect(a).toBe(b);
    }
  });
});

const SPECS: { name: string; spec: MlpSpec; targets: 'real' | 'binary' | 'onehot' }[] = [
  {
    name: '3-5-2 sigmoid, squared',
    spec: { inputs: 3, hidden: [5], outputs: 2, loss: 'squared' },
    targets: 'real',
  },
  {
    name: '4-6-3-3 tanh, relu, softmax cross-entropy',
    spec: {
      inputs: 4,
      hidden: [6, 3],
      outputs: 3,
      hiddenActivation: ['tanh', 'relu'],
      outputActivation: 'softmax',
      loss: 'cross-entropy',
    },
    targets: 'onehot',
  },
  {
    name: '5-7-1 leaky ReLU, logistic cross-entropy, direct links',
    spec: {
      inputs: 5,
      hidden: [7],
      outputs: 1,
      hiddenActivation: 'leaky-relu:0.1',
      loss: 'cross-entropy',
      direct: true,
    },
    targets: 'binary',
  },
  {
    name: '3-4-2 PReLU, identity output, direct links',
    spec: {
      inputs: 3,
      hidden: [4],
      outputs: 2,
      hiddenActivation: 'prelu',
      outputActivation: 'identity',
      direct: true,
    },
    targets: 'real',
  },
  {
    name: '6-5-2 maxout:3, softmax cross-entropy',
    spec: {
      inputs: 6,
      hidden: [5],
      outputs: 2,
      hiddenActivation: 'maxout:3',
      outputActivation: 'softmax',
      loss: 'cross-entropy',
    },
    targets: 'onehot',
  },
  {
    name: '4-3-2-1 ELU, identity output',
    spec: { inputs: 4, hidden: [3, 2], outputs: 1, hiddenActivation: 'elu', outputActivation: 'identity' },
    targets: 'real',
  },
  {
    name: '9 inputs, no hidden layer, tanh output, direct links',
    spec: { inputs: 9, hidden: [], outputs: 3, outputActivation: 'tanh', direct: true },
    targets: 'real',
  },
];

function randomData(rng: Rng, n: number, spec: MlpSpec, kind: 'real' | 'binary' | 'onehot'): Dataset {
  const x = Array.from({ length: n }, () =>
    Array.from({ length: spec.inputs }, () => rng.uniform(-1.5, 1.5)),
  );
  const y = Array.from({ length: n }, () => {
    if (kind === 'real') return Array.from({ length: spec.outputs }, () => rng.uniform(-1, 1));
    if (kind === 'binary') return Array.from({ length: spec.outputs }, () => (rng.next() < 0.5 ? 0 : 1));
    const c = rng.int(spec.outputs);
    return Array.from({ length: spec.outputs }, (_, i) => (i === c ? 1 : 0));
  });
  return makeDataset(x, y);
}

const grads = (net: Mlp) => net.parameters().map((p) => Array.from(p.grads));

describe('batched forward and backward equal the per-sample path (exact)', () => {
  for (const { name, spec, targets } of SPECS) {
    it(name, () => {
      const rng = Rng.fromSeed(name);
      const net = Mlp.create({ init: { name: 'uniform', range: 0.8 }, ...spec }, rng);
      const data = randomData(rng, 13, spec, targets);
      const nIn = spec.inputs;
      const nOut = spec.outputs;
      for (const count of [1, 2, 4, 5, 7, 9, 13]) {
        // A scattered order, as shuffling gives.
        const order = Array.from({ length: count }, (_, s) => (s * 5 + 3) % 13);
        const xOff = Int32Array.from(order, (k) => k * nIn);
        const dOff = Int32Array.from(order, (k) => k * nOut);
        // Per sample: outputs, losses, and the summed gradient.
        const outputs: number[][] = [];
        const losses: number[] = [];
        order.forEach((k, s) => {
          outputs.push(Array.from(net.forward(data.inputs, k * nIn)));
          losses.push(net.sampleLoss(data.targets, k * nOut));
          net.backward(data.inputs, k * nIn, data.targets, k * nOut, s === 0);
        });
        const perSample = grads(net);
        net.forwardBatch(data.inputs, xOff, count);
        for (let s = 0; s < count; s++) {
          expect(Array.from(net.outputAt(s))).toEqual(outputs[s]);
          expect(net.sampleLoss(data.targets, dOff[s], s)).toBe(losses[s]);
        }
        net.backwardBatch(data.inputs, xOff, data.targets, dOff, count, true);
        expect(grads(net)).toEqual(perSample);
        // Adding (first = false) onto the gradient of the first two samples.
        if (count > 2) {
          net.forwardBatch(data.inputs, xOff, 2);
          net.backwardBatch(data.inputs, xOff, data.targets, dOff, 2, true);
          net.forwardBatch(data.inputs, xOff.subarray(2), count - 2);
          net.backwardBatch(data.inputs, xOff.subarray(2), data.targets, dOff.subarray(2), count - 2, false);
          expect(grads(net)).toEqual(perSample);
        }
      }
      // Not trivially zero.
      expect(
        grads(net)
          .flat()
          .some((g) => Math.abs(g) > 1e-3),
      ).toBe(true);
    });
  }

  it('number[] inputs give the same outputs as Float64Array inputs', () => {
    const net = Mlp.create({ inputs: 3, hidden: [4], outputs: 2 }, Rng.fromSeed(3));
    const x = [0.25, -1, 0.5];
    expect(net.predict(x)).toEqual(Array.from(net.forward(Float64Array.from(x))));
  });
});

describe('train in batches', () => {
  for (const batchSize of [1, 3, 70]) {
    it(`batch ${batchSize}: the same weights as per-sample gradients and SGD steps written out (exact)`, () => {
      const spec: MlpSpec = {
        inputs: 4,
        hidden: [6],
        outputs: 3,
        hiddenActivation: 'relu',
        outputActivation: 'softmax',
        loss: 'cross-entropy',
        direct: true,
      };
      const rng = Rng.fromSeed(`train-batch-${batchSize}`);
      const start = Mlp.create({ init: { name: 'uniform', range: 0.8 }, ...spec }, rng);
      // 150 samples: batches above the 64-sample chunk, and a ragged last batch.
      const data = randomData(rng, 150, spec, 'onehot');
      const eta = 0.05;
      const lambda = 0.01;
      const net = start.clone();
      const r = train(net, data, {
        learningRate: eta,
        maxEpochs: 2,
        batchSize,
        weightDecay: lambda,
        diagnostics: false,
      });
      const ref = start.clone();
      for (let epoch = 0; epoch < 2; epoch++) {
        for (let s0 = 0; s0 < data.count; s0 += batchSize) {
          const n = Math.min(batchSize, data.count - s0);
          ref.gradient(data.inputs, data.targets, s0, n, 'sum');
          const scale = 1 / n;
          for (const p of ref.parameters()) {
            const w = p.values;
            const g = p.grads;
            // The optimiser's two formulas, as train writes them.
            if (p.decay) for (let i = 0; i < w.length; i++) w[i] -= eta * (scale * g[i] + lambda * w[i]);
            else for (let i = 0; i < w.length; i++) w[i] -= eta * scale * g[i];
          }
        }
      }
      expect(r.final).toEqual(ref.exportWeights());
      expect(r.final).not.toEqual(start.exportWeights());
    });
  }
});

describe("evaluation: 'running'", () => {
  const spec: MlpSpec = {
    inputs: 2,
    hidden: [4],
    outputs: 1,
    hiddenActivation: 'tanh',
    loss: 'cross-entropy',
  };
  const xor = makeDataset(
    [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ],
    [0, 1, 1, 0],
  );

  it('records each epoch from the training pass: no epoch 0, the mean of the losses before each update', () => {
    const batchLosses: number[] = [];
    const r = train(Mlp.create(spec, Rng.fromSeed(7)), xor, {
      learningRate: 0.5,
      maxEpochs: 3,
      batchSize: 3,
      evaluation: 'running',
      onUpdate: (u) => batchLosses.push(u.loss * u.patterns.length),
    });
    expect(r.config.training.evaluation).toBe('running');
    expect(r.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
    expect(r.diagnostics.map((d) => d.epoch)).toEqual([1, 2, 3]);
    // Two updates per epoch (3 + 1 samples).
    for (let e = 0; e < 3; e++) {
      const want = (batchLosses[2 * e] + batchLosses[2 * e + 1]) / 4;
      expect(r.history[e].loss).toBeCloseTo(want, 12);
    }
    // The default still evaluates before training and after each epoch.
    const d = train(Mlp.create(spec, Rng.fromSeed(7)), xor, {
      learningRate: 0.5,
      maxEpochs: 3,
      batchSize: 3,
    });
    expect(d.config.training.evaluation).toBe('pass');
    expect(d.history.map((h) => h.epoch)).toEqual([0, 1, 2, 3]);
    expect(d.final).toEqual(r.final);
    expect(d.history[1].loss).not.toBe(r.history[0].loss);
  });

  it('stops on what the training pass saw, and is deterministic', () => {
    const run = () =>
      train(Mlp.create({ ...spec, init: 'uniform:1' }, Rng.fromSeed(11)), xor, {
        learningRate: 0.2,
        maxEpochs: 5000,
        evaluation: 'running',
        shuffle: true,
        rng: Rng.fromSeed(12),
        stop: stopWhenNoErrors(),
      });
    const r = run();
    expect(r.stopped).toBe(true);
    expect(r.epochs).toBeGreaterThan(1);
    expect(r.history[r.history.length - 1].errors).toBe(0);
    expect(r.history.slice(0, -1).every((h) => h.errors !== 0)).toBe(true);
    expect(JSON.stringify(run())).toBe(JSON.stringify(r));
  });

  it('rejects an unknown evaluation', () => {
    expect(() =>
      train(Mlp.create(spec, Rng.fromSeed(1)), xor, {
        learningRate: 0.5,
        maxEpochs: 1,
        evaluation: 'never' as 'pass',
      }),
    ).toThrow(UserError);
  });
});
