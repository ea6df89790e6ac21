// Pins for the backprop and activation experiments beyond the catalogue's verdicts: the spiral data
// generator, the case-study training loop against the library's `train`, the mirror-pair analysis.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { Mlp, makeDataset, train } from '../../src/backprop/index.js';
import { makeSpiral, oneHot } from '../../src/data/spiral.js';
import { initSpiralModel, trainSpiralModel } from '../../src/experiments/spiral.js';
import { mirrorPairs } from '../../src/experiments/symmetry-backprop.js';
import { quantile } from '../../src/experiments/lib/stats.js';
import { thin } from '../../src/experiments/xor-backprop.js';
import { zeroGradientFraction } from '../../src/experiments/activations-dead-relu.js';
import { activationsCost } from '../../src/experiments/activations-cost.js';
import { initialGradientNorms } from '../../src/experiments/activations-saturation.js';
import { runExperiment } from '../../src/experiments/run.js';

describe('spiral data (cs231n case study)', () => {
  it('has 3 arms of 100 points in the unit disc, class-major, radius linspace(0, 1)', () => {
    const d = makeSpiral(Rng.fromSeed(1));
    expect(d.points).toHaveLength(300);
    expect(d.labels.slice(0, 100).every((c) => c === 0)).toBe(true);
    expect(d.labels.slice(200).every((c) => c === 2)).toBe(true);
    for (const [j, offset] of [0, 100, 200].entries()) {
      expect(Math.hypot(...d.points[offset])).toBe(0);
      expect(Math.hypot(...d.points[offset + 99])).toBeCloseTo(1, 12);
      expect(Math.hypot(...d.points[offset + 50])).toBeCloseTo(50 / 99, 12);
      expect(d.labels[offset]).toBe(j);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(makeSpiral(Rng.fromSeed(7))).toEqual(makeSpiral(Rng.fromSeed(7)));
    expect(makeSpiral(Rng.fromSeed(7)).points).not.toEqual(makeSpiral(Rng.fromSeed(8)).points);
  });

  it('without noise puts point i of arm j at angle linspace(4j, 4(j+1))', () => {
    const d = makeSpiral(Rng.fromSeed(1), { noise: 0, pointsPerClass: 5 });
    const [x, y] = d.points[5 + 2]; // arm 1, point 2: r = 0.5, t = 4 + 2 = 6
    expect(x).toBeCloseTo(0.5 * Math.sin(6), 12);
    expect(y).toBeCloseTo(0.5 * Math.cos(6), 12);
  });

  it('oneHot gives one 1 per row', () => {
    expect(oneHot([0, 2, 1], 3)).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
  });
});

describe('the case-study training loop equals the library', () => {
  for (const hidden of [0, 20]) {
    it(`${hidden === 0 ? 'linear softmax' : `2-${hidden}-3 ReLU net`}: same weights after 30 iterations as train()`, () => {
      const d = makeSpiral(Rng.fromSeed(3), { pointsPerClass: 30 });
      const m = initSpiralModel(Rng.fromSeed(4), 2, hidden, 3);
      // Copy the port's initial weights into an Mlp ([unit][input]): W1 is [input][unit], W2 [class][hidden].
      const w1 = Array.from({ length: hidden || 3 }, (_, u) =>
        Array.from({ length: 2 }, (_, i) => m.W1[i * (hidden || 3) + u]),
      );
      const w2 = Array.from({ length: 3 }, (_, k) => Array.from(m.W2.subarray(k * hidden, (k + 1) * hidden)));
      const json = {
        layers:
          hidden === 0
            ? [{ weights: w1, bias: Array.from(m.b1) }]
            : [
                { weights: w1, bias: Array.from(m.b1) },
                { weights: w2, bias: Array.from(m.b2) },
              ],
      };
      const spec = {
        inputs: 2,
        hidden: hidden === 0 ? [] : [hidden],
        outputs: 3,
        hiddenActivation: 'relu',
        outputActivation: 'softmax',
        loss: 'cross-entropy' as const,
      };
      const net = Mlp.fromWeights(spec, json);
      const r = train(net, makeDataset(d.points, oneHot(d.labels, 3)), {
        learningRate: 1,
        weightDecay: 1e-3,
        batchSize: 'full',
        reduction: 'mean',
        maxEpochs: 30,
        diagnostics: false,
      });
      const port = trainSpiralModel(m, d, { iterations: 30 });
      const lib = r.final.layers.at(-1)!.weights;
      for (let k = 0; k < 3; k++) {
        for (let i = 0; i < (hidden || 2); i++) {
          const w = hidden === 0 ? m.W1[i * 3 + k] : m.W2[k * hidden + i];
          expect(lib[k][i]).toBeCloseTo(w, 10);
        }
      }
      expect(port.accuracy.at(-1)).toBeCloseTo(1 - r.history.at(-1)!.errors! / d.points.length, 12);
    });
  }
});

describe('1986 experiment helpers', () => {
  it('mirrorPairs: RHW Fig. 1 style weights give antisymmetry 0 and ratio 4', () => {
    const r = mirrorPairs([-14.2, 3.6, -7.2, 7.2, -3.6, 14.2]);
    expect(r.antisymmetry).toBe(0);
    expect(r.ratio).toBeCloseTo(14.2 / 3.6, 12);
    expect(mirrorPairs([1, 2, 3, 3, 2, 1]).antisymmetry).toBe(1);
  });

  it('quantile interpolates; thin keeps the ends', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    const x = Array.from({ length: 1000 }, (_, i) => i);
    const t = thin(x, x, 10);
    expect(t.x).toHaveLength(10);
    expect(t.x[0]).toBe(0);
    expect(t.x.at(-1)).toBe(999);
  });
});

describe('activation experiments', () => {
  const spec = (act: string) => ({
    inputs: 2,
    hidden: [100],
    outputs: 3,
    hiddenActivation: act,
    outputActivation: 'softmax',
  });

  it('maxout (2 pieces) has twice the hidden-layer parameters of ReLU: 600 against 300 for 2-100-3', () => {
    const hiddenParams = (net: Mlp) =>
      net.parameters().reduce((s, p) => s + (p.layer === 0 ? p.values.length : 0), 0);
    const relu = Mlp.create(spec('relu'), Rng.fromSeed(1));
    const maxout = Mlp.create(spec('maxout'), Rng.fromSeed(1));
    expect(hiddenParams(relu)).toBe(300);
    expect(hiddenParams(maxout)).toBe(600);
    expect(maxout.parameterCount - relu.parameterCount).toBe(300);
  });

  it('zeroGradientFraction: a ReLU unit with z ≤ 0 everywhere is dead; leaky ReLU and maxout never are', () => {
    const data = makeDataset(
      [
        [1, 0],
        [0, 1],
      ],
      [
        [1, 0, 0],
        [0, 1, 0],
      ],
    );
    for (const act of ['relu', 'leaky-relu', 'maxout']) {
      const net = Mlp.create(spec(act), Rng.fromSeed(2));
      const L = net.layers[0];
      // Unit 0 (all its pieces): negative weights and bias, so z < 0 on both samples.
      for (let r = 0; r < L.pieces; r++) {
        L.W[r * 2] = -1;
        L.W[r * 2 + 1] = -1;
        L.b[r] = -0.5;
      }
      const f = zeroGradientFraction(net, data.inputs, data.count);
      // ReLU: unit 0 at least (others may be dead on these two samples by chance).
      if (act === 'relu') expect(f).toBeGreaterThanOrEqual(1 / 100);
      else expect(f).toBe(0);
    }
  });

  it('a deep sigmoid net loses gradient towards the input; tanh does not (same weights)', () => {
    const options = { depth: 6, width: 16, inputs: 5, samples: 16, nets: 2, seed: 1 };
    const sig = initialGradientNorms('sigmoid', options);
    const tanh = initialGradientNorms('tanh', options);
    expect(sig[0] / sig[5]).toBeLessThan(1e-2);
    expect(tanh[0] / tanh[5]).toBeGreaterThan(0.1);
  });

  it('activations-cost: the fast mode reports no timing-derived numbers', () => {
    const r = runExperiment(activationsCost, {
      seed: 1,
      mode: 'fast',
      set: ['rounds=1', 'repeats=5', 'size=64'],
    });
    expect(r.results.some((row) => row.name.endsWith('Ns') || row.name.endsWith('OverRelu'))).toBe(false);
    expect(r.notes.join(' ')).not.toMatch(/ns per element, forward/);
  });
});
