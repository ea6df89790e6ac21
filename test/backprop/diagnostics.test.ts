/** Diagnostics on small fixed-seed tasks: saturation, dead ReLUs, sign agreement, NaN guard. */
import { describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES } from '../../src/backprop/activations.js';
import { measureActivationCost, rowSignAgreement } from '../../src/backprop/diagnostics.js';
import { Mlp } from '../../src/backprop/mlp.js';
import { makeDataset, train } from '../../src/backprop/train.js';
import { parityTask } from '../../src/data/boolean-tasks.js';
import { UserError } from '../../src/errors.js';
import { Rng } from '../../src/rng.js';

function randomTask(seed: number, n: number, nIn: number) {
  const rng = Rng.fromSeed(seed);
  const x = Array.from({ length: n }, () => Array.from({ length: nIn }, () => rng.normal()));
  return { x, rng };
}

describe('saturation', () => {
  it('a sigmoid net initialised large has most hidden units saturated; a small init has none', () => {
    // "Saturated" must hold on every sample, so |z| > 4.6 for all 16 parity patterns: U[±100] does it.
    const t = parityTask(4);
    const data = makeDataset(t.inputs, t.targets);
    const spec = { inputs: 4, hidden: [8, 8], outputs: 1 };
    const big = train(Mlp.create({ ...spec, init: 'uniform:100' }, Rng.fromSeed(2)), data, {
      learningRate: 0.1,
      maxEpochs: 1,
    });
    const small = train(Mlp.create({ ...spec, init: 'uniform:0.3' }, Rng.fromSeed(2)), data, {
      learningRate: 0.1,
      maxEpochs: 1,
    });
    expect(big.diagnostics[0].saturatedFraction).toBeGreaterThan(0.5);
    expect(big.diagnostics[1].saturatedFraction).toBeGreaterThan(0.5);
    expect(small.diagnostics[0].saturatedFraction).toBe(0);
    expect(small.diagnostics[1].saturatedFraction).toBe(0);
    expect(small.diagnostics[0].deadFraction).toBeNull();
  });

  it('tanh units count as saturated within 1% of the range (|y| ≥ 0.98) on every sample', () => {
    const data = makeDataset([[1], [-1]], [[0], [0]]);
    const net = Mlp.fromWeights(
      { inputs: 1, hidden: [3], outputs: 1, hiddenActivation: 'tanh', outputActivation: 'identity' },
      // unit 0: |tanh(±3)| = 0.995 (saturated); unit 1: tanh(±2) = ±0.964 (not); unit 2: tanh(5 ± 0) always 0.9999
      {
        layers: [
          { weights: [[3], [2], [0]], bias: [0, 0, 5] },
          { weights: [[0, 0, 0]], bias: [0] },
        ],
      },
    );
    const r = train(net, data, { learningRate: 0, maxEpochs: 0 });
    expect(r.diagnostics[0].saturatedPerLayer[0]).toBeCloseTo(2 / 3, 12);
    expect(r.diagnostics[0].saturatedPerLayer[1]).toBeNull();
  });
});

describe('dead units', () => {
  const { x } = randomTask(7, 64, 4);
  const data = makeDataset(
    x,
    x.map((r) => [r[0] + r[1] > 0 ? 1 : 0]),
  );
  const run = (act: string, lr: number) =>
    train(
      Mlp.create(
        {
          inputs: 4,
          hidden: [32],
          outputs: 1,
          hiddenActivation: act,
          outputActivation: 'sigmoid',
          loss: 'cross-entropy',
          init: 'he-normal',
        },
        Rng.fromSeed(1),
      ),
      data,
      { learningRate: lr, maxEpochs: 20, batchSize: 16 },
    );

  it('a ReLU net at a high learning rate loses a large fraction of units; leaky ReLU loses none', () => {
    const relu = run('relu', 10);
    expect(relu.diagnostics[0].deadFraction).toBe(0);
    expect(relu.diagnostics.at(-1)!.deadFraction).toBeGreaterThan(0.25);
    const leaky = run('leaky-relu', 10);
    expect(leaky.diagnostics.at(-1)!.deadFraction).toBe(0);
    expect(leaky.diagnostics.at(-1)!.deadPerLayer).toEqual([0, null]);
  });

  it('the same ReLU net at a moderate learning rate keeps all its units', () => {
    expect(run('relu', 0.5).diagnostics.at(-1)!.deadFraction).toBe(0);
  });

  it('a unit with a large negative bias is dead', () => {
    const net = Mlp.fromWeights(
      { inputs: 1, hidden: [2], outputs: 1, hiddenActivation: 'relu', outputActivation: 'identity' },
      {
        layers: [
          { weights: [[1], [1]], bias: [0, -100] },
          { weights: [[1, 1]], bias: [0] },
        ],
      },
    );
    const r = train(net, makeDataset([[1], [2], [-1]], [[1], [2], [0]]), {
      learningRate: 0.01,
      maxEpochs: 1,
    });
    expect(r.diagnostics[1].deadFraction).toBe(0.5);
    expect(r.diagnostics[1].meanActivation[0]).toBeGreaterThan(0);
  });
});

describe('sign agreement (the zig-zag)', () => {
  const { x } = randomTask(3, 40, 6);
  const data = makeDataset(
    x,
    x.map((r) => [Math.tanh(r[0] - r[1]), r[2] > 0 ? 0.5 : -0.5]),
  );
  const run = (act: string, batchSize: number) =>
    train(
      Mlp.create(
        {
          inputs: 6,
          hidden: [12, 8],
          outputs: 2,
          hiddenActivation: act,
          outputActivation: 'identity',
          init: 'glorot-uniform',
        },
        Rng.fromSeed(5),
      ),
      data,
      { learningRate: 0.05, maxEpochs: 3, batchSize },
    );

  it('sigmoid hidden layers give sign agreement 1.0 in the next layer per sample; tanh does not', () => {
    const sig = run('sigmoid', 1).diagnostics.at(-1)!.signAgreement!;
    const tanh = run('tanh', 1).diagnostics.at(-1)!.signAgreement!;
    expect(sig[1]).toBe(1);
    expect(sig[2]).toBe(1);
    expect(tanh[1]).toBeLessThan(0.6);
    expect(tanh[2]).toBeLessThan(0.6);
    // Layer 0 sees the zero-mean raw inputs, whatever the activation.
    expect(sig[0]).toBeLessThan(0.6);
  });

  it('over a mini-batch the sigmoid agreement stays well above tanh', () => {
    const sig = run('sigmoid', 8).diagnostics.at(-1)!.signAgreement!;
    const tanh = run('tanh', 8).diagnostics.at(-1)!.signAgreement!;
    // Summing over a batch mixes signs (cs231n), but far less than with zero-centred tanh inputs.
    expect(sig[1]!).toBeGreaterThan(0.5);
    expect(sig[2]!).toBeGreaterThan(0.8);
    expect(sig[1]! - tanh[1]!).toBeGreaterThan(0.3);
    expect(sig[2]! - tanh[2]!).toBeGreaterThan(0.3);
  });

  it('rowSignAgreement is |Σ sign| / nonzero count', () => {
    expect(rowSignAgreement([1, 2, 3, 0], 0, 4)).toBe(1);
    expect(rowSignAgreement([1, -2, 3, -4], 0, 4)).toBe(0);
    expect(rowSignAgreement([9, 1, -2, 3, 4], 1, 4)).toBe(0.5);
    expect(rowSignAgreement([0, 0], 0, 2)).toBeNaN();
  });
});

describe('gradient norms and mean activations', () => {
  it('gradient norms are per layer, positive during training and null at epoch 0', () => {
    const { x } = randomTask(4, 20, 3);
    const data = makeDataset(
      x,
      x.map((r) => [r[0] > 0 ? 1 : 0]),
    );
    const r = train(Mlp.create({ inputs: 3, hidden: [5, 4], outputs: 1 }, Rng.fromSeed(1)), data, {
      learningRate: 0.5,
      maxEpochs: 2,
    });
    expect(r.diagnostics).toHaveLength(3);
    expect(r.diagnostics[0].gradientNorm).toBeNull();
    const g = r.diagnostics[1].gradientNorm!;
    expect(g).toHaveLength(3);
    for (const v of g) expect(v).toBeGreaterThan(0);
    // Vanishing gradient with sigmoid: the first layer's gradient is smaller than the output layer's.
    expect(g[0]).toBeLessThan(g[2]);
    for (const m of r.diagnostics[1].meanActivation) {
      expect(m).toBeGreaterThan(0);
      expect(m).toBeLessThan(1);
    }
  });

  it('diagnostics can be switched off', () => {
    const data = makeDataset([[0], [1]], [[0], [1]]);
    const r = train(Mlp.create({ inputs: 1, hidden: [2], outputs: 1 }, Rng.fromSeed(1)), data, {
      learningRate: 0.5,
      maxEpochs: 2,
      diagnostics: false,
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.history).toHaveLength(3);
  });
});

describe('NaN guard', () => {
  it('stops at once with a UserError naming the epoch and the layer, advising a lower learning rate', () => {
    const { x } = randomTask(7, 64, 4);
    const data = makeDataset(
      x,
      x.map((r) => [Math.sin(r[0]) + r[1] * r[2]]),
    );
    const net = Mlp.create(
      {
        inputs: 4,
        hidden: [32, 32],
        outputs: 1,
        hiddenActivation: 'relu',
        outputActivation: 'identity',
        init: 'he-normal',
      },
      Rng.fromSeed(1),
    );
    let err: unknown;
    try {
      train(net, data, { learningRate: 0.3, maxEpochs: 50 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const ue = err as UserError;
    expect(ue.message).toMatch(/diverged in epoch 1\b/);
    expect(ue.message).toMatch(/layer \d \((hidden|output)/);
    expect(ue.suggestion).toMatch(/lower the learning rate \(now 0\.3\)/);
  });
});

describe('activation cost', () => {
  it('measures a positive finite cost for every activation (step has no backward)', () => {
    const costs = measureActivationCost(Rng.fromSeed(1), { size: 256, repeats: 5 });
    expect(costs.map((c) => c.name)).toEqual([...ACTIVATION_NAMES]);
    for (const c of costs) {
      expect(Number.isFinite(c.forwardNs) && c.forwardNs > 0).toBe(true);
      if (c.name === 'step') expect(c.backwardNs).toBeNull();
      else expect(c.backwardNs).toBeGreaterThan(0);
    }
  });
});
