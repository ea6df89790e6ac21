// The deep-net lessons of 2010-2011 measured: glorot-bengio-saturation and rectifier-sparsity.
// The catalogue test checks their fast-mode verdicts; here each set-up is broken on purpose and
// must turn its verdicts to `differs`, and the pieces they rest on are pinned.
import { describe, expect, it } from 'vitest';
import { Mlp, Softplus, activationFromConfig } from '../../src/backprop/index.js';
import { Rng } from '../../src/rng.js';
import { findExperiment } from '../../src/experiments/registry.js';
import { runExperiment } from '../../src/experiments/run.js';
import { hiddenStats, mnistDeepSplit, sgdStream, testError } from '../../src/experiments/lib/deep-mnist.js';

const verdicts = (id: string, set: string[]) => {
  const r = runExperiment(findExperiment(id), { seed: 1, mode: 'fast', set });
  return Object.fromEntries(r.results.filter((x) => x.published !== null).map((x) => [x.name, x.verdict]));
};

describe('softplus (Glorot, Bordes & Bengio 2011)', () => {
  it('is ln(1 + e^x) without overflow, with derivative σ(x), and never exactly 0 in range', () => {
    const f = activationFromConfig({ name: 'softplus' });
    expect(f).toBeInstanceOf(Softplus);
    for (const x of [-30, -2, -0.5, 0, 0.5, 2, 30]) {
      expect(f.apply(x)).toBeCloseTo(Math.log(1 + Math.exp(x)), 12);
      const h = 1e-6;
      expect(f.derivative(x, f.apply(x))).toBeCloseTo((f.apply(x + h) - f.apply(x - h)) / (2 * h), 8);
    }
    expect(f.apply(1000)).toBe(1000);
    expect(f.apply(-700)).toBeGreaterThan(0);
  });
});

describe('deep-net helpers', () => {
  it('hiddenStats counts exact zeros, saturation, mean and spread per hidden layer', () => {
    // Two hidden layers (relu, sigmoid) with hand-set weights that read only the first input.
    const x = new Float64Array(784 * 2);
    const set = { x, labels: [0, 0], count: 2 };
    x[0] = 2; // relu outputs (2, 0), sigmoid(200) ≈ 1: saturated
    x[784] = -0.5; // relu outputs (0, 0.5), sigmoid(50) ≈ 1
    const net = Mlp.fromWeights(
      {
        inputs: 784,
        hidden: [2, 1],
        outputs: 1,
        hiddenActivation: ['relu', 'sigmoid'],
        outputActivation: 'sigmoid',
      },
      {
        layers: [
          {
            weights: [
              [1, ...new Array<number>(783).fill(0)],
              [-1, ...new Array<number>(783).fill(0)],
            ],
            bias: [0, 0],
          },
          { weights: [[100, 100]], bias: [0] },
          { weights: [[1]], bias: [0] },
        ],
      },
    );
    const s = hiddenStats(net, set);
    expect(s).toHaveLength(2);
    expect(s[0].zeros).toBe(0.5);
    expect(s[0].mean).toBeCloseTo(2.5 / 4, 12);
    const m = 2.5 / 4;
    expect(s[0].std).toBeCloseTo(Math.sqrt((4 + 0.25) / 4 - m * m), 12);
    expect(s[0].saturated).toBe(0); // relu has no bounds
    expect(s[1].saturated).toBe(1);
    expect(s[1].zeros).toBe(0);
  });

  it('sgdStream presents exactly the examples asked, checkpoints each chunk, and learns', () => {
    const data = mnistDeepSplit(200, 100, Rng.fromSeed(5));
    expect(data.train.count).toBe(200);
    expect(data.test.labels).toHaveLength(100);
    const net = Mlp.create(
      {
        inputs: 784,
        hidden: [16],
        outputs: 10,
        hiddenActivation: 'tanh',
        outputActivation: 'softmax',
        loss: 'cross-entropy',
        init: 'glorot-uniform',
      },
      Rng.fromSeed(6),
    );
    const before = testError(net, data.test);
    const seen: number[] = [];
    sgdStream(net, data.train, {
      examples: 650,
      every: 200,
      batchSize: 10,
      learningRate: 0.1,
      rng: Rng.fromSeed(7),
      checkpoint: (n) => seen.push(n),
    });
    expect(seen).toEqual([0, 200, 400, 600, 650]);
    expect(testError(net, data.test)).toBeLessThan(before - 0.3);
  });
});

describe('glorot-bengio-saturation', () => {
  it('differs when the two nets swap set-ups (tanh/normalised first, sigmoid/standard second)', () => {
    const v = verdicts('glorot-bengio-saturation', [
      'baselineActivation=tanh',
      'baselineInit=glorot-uniform',
      'baselineRate=0.1',
      'fixActivation=sigmoid',
      'fixInit=standard',
      'fixRate=0.5',
    ]);
    expect(v).toEqual({
      baselineTopMeanMin: 'differs',
      baselineLowerMean: expect.any(String),
      fixTopSpreadRatio: 'differs',
      errorGap: 'differs',
    });
  });
});

describe('rectifier-sparsity', () => {
  it('differs when the rectifier is replaced by softplus (no true zeros)', () => {
    const v = verdicts('rectifier-sparsity', ['rectifier=softplus']);
    expect(v.rectifierZeroFraction).toBe('differs');
    expect(v.rectifierZeroFractionPaper).toBe('differs');
  });
});
