/** The network: forward values, the weights JSON shape and its checks, the training API. */
import { describe, expect, it } from 'vitest';
import { Mlp } from '../../src/backprop/mlp.js';
import { makeDataset, stopWhenNoErrors, stopWhenWithin, train } from '../../src/backprop/train.js';
import { UserError } from '../../src/errors.js';
import { Rng } from '../../src/rng.js';

const sig = (x: number) => 1 / (1 + Math.exp(-x));

describe('forward pass and the weights shape', () => {
  it('uses [unit][input] weights from the input side, and direct links', () => {
    const net = Mlp.fromWeights(
      { inputs: 2, hidden: [1], outputs: 1, direct: true },
      {
        layers: [
          { weights: [[2, -1]], bias: [0.5] },
          { weights: [[3]], bias: [-1] },
        ],
        direct: { weights: [[0.25, -0.5]] },
      },
    );
    const h = sig(2 * 1 - 1 * 2 + 0.5);
    expect(net.predict([1, 2])[0]).toBeCloseTo(sig(3 * h - 1 + 0.25 - 1), 15);
  });

  it('export → import round-trips, including PReLU slopes, maxout pieces and direct links', () => {
    const spec = {
      inputs: 3,
      hidden: [4, 2],
      outputs: 2,
      hiddenActivation: ['prelu', 'maxout:3'],
      outputActivation: 'softmax',
      loss: 'cross-entropy' as const,
      direct: true,
    };
    const a = Mlp.create(spec, Rng.fromSeed(3));
    a.layers[0].slopes![1] = 0.7;
    const json = JSON.parse(JSON.stringify(a.exportWeights()));
    expect(json.layers[0].slopes).toEqual([0.25, 0.7, 0.25, 0.25]);
    expect(json.layers[1].weights).toHaveLength(2);
    expect(json.layers[1].weights[0]).toHaveLength(4);
    expect(json.layers[1].extraPieces).toHaveLength(2);
    expect(json.direct.weights).toHaveLength(2);
    expect(json.direct.weights[0]).toHaveLength(3);
    const b = Mlp.fromWeights(spec, json);
    expect(b.exportWeights()).toEqual(a.exportWeights());
    expect(b.predict([0.1, -0.2, 0.3])).toEqual(a.predict([0.1, -0.2, 0.3]));
  });

  it('names the layer and the expected vs given shape when shapes do not match', () => {
    const spec = { inputs: 3, hidden: [4], outputs: 1 };
    const good = Mlp.create(spec, Rng.fromSeed(1)).exportWeights();
    const transposed = {
      layers: [
        {
          weights: [
            [1, 1, 1, 1],
            [1, 1, 1, 1],
            [1, 1, 1, 1],
          ],
          bias: [0, 0, 0, 0],
        },
        good.layers[1],
      ],
    };
    expect(() => Mlp.fromWeights(spec, transposed, 'init.json')).toThrow(UserError);
    expect(() => Mlp.fromWeights(spec, transposed, 'init.json')).toThrow(
      /^init\.json: layers\[0\]\.weights: expected 4×3 \(\[unit\]\[input\]: 4 units, 3 inputs\), got 3×4/,
    );
    expect(() => Mlp.fromWeights(spec, { layers: [good.layers[0]] })).toThrow(/expected 2 layers/);
    expect(() =>
      Mlp.fromWeights(spec, { layers: [good.layers[0], { weights: [[1, 2, 3, 4]], bias: [] }] }),
    ).toThrow(/layers\[1\]\.bias: expected 1 values, got 0/);
    expect(() =>
      Mlp.fromWeights(spec, { layers: [good.layers[0], { weights: [[1, 2, 3, 'x']], bias: [0] }] }),
    ).toThrow(/layers\[1\]\.weights\[0\]\[3\]: expected a finite number/);
    expect(() => Mlp.fromWeights(spec, { ...good, direct: { weights: [[1, 2, 3]] } })).toThrow(
      /no direct connections/,
    );
    expect(() => Mlp.fromWeights({ ...spec, direct: true }, good)).toThrow(/direct/);
    expect(() => Mlp.fromWeights({ ...spec, hiddenActivation: 'maxout' }, good)).toThrow(/extraPieces/);
  });

  it('leaves the network unchanged when an import fails', () => {
    const spec = { inputs: 2, hidden: [2], outputs: 1 };
    const net = Mlp.create(spec, Rng.fromSeed(1));
    const before = net.exportWeights();
    const bad = {
      layers: [
        {
          weights: [
            [9, 9],
            [9, 9],
          ],
          bias: [9, 9],
        },
        { weights: [[9]], bias: [9] },
      ],
    };
    expect(() => net.importWeights(bad)).toThrow(UserError);
    expect(net.exportWeights()).toEqual(before);
  });

  it('rejects impossible networks with UserErrors', () => {
    expect(() =>
      Mlp.create(
        { inputs: 2, hidden: [2], outputs: 1, outputActivation: 'tanh', loss: 'cross-entropy' },
        Rng.fromSeed(1),
      ),
    ).toThrow(/cross-entropy needs a sigmoid/);
    expect(() => Mlp.create({ inputs: 0, hidden: [], outputs: 1 }, Rng.fromSeed(1))).toThrow(
      /inputs must be an integer/,
    );
    expect(() =>
      Mlp.create({ inputs: 2, hidden: [2, 2], outputs: 1, hiddenActivation: ['relu'] }, Rng.fromSeed(1)),
    ).toThrow(/one per layer/);
  });
});

describe('train', () => {
  const xor = makeDataset(
    [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ],
    [[0], [1], [1], [0]],
  );

  it('returns history from epoch 0, initial and final weights, and a config with every default', () => {
    const net = Mlp.create({ inputs: 2, hidden: [2], outputs: 1 }, Rng.fromSeed(1));
    const r = train(net, xor, { learningRate: 0.5, maxEpochs: 5 });
    expect(r.history.map((h) => h.epoch)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(r.history[0].errors).toBeGreaterThanOrEqual(0);
    expect(r.initial).not.toEqual(r.final);
    expect(r.final).toEqual(net.exportWeights());
    expect(r.config.network).toEqual({
      inputs: 2,
      hidden: [2],
      outputs: 1,
      hiddenActivations: [{ name: 'sigmoid' }],
      outputActivation: { name: 'sigmoid' },
      loss: 'squared',
      direct: false,
      init: { name: 'uniform', range: 0.3 },
      biasInit: 'same',
    });
    expect(r.config.training).toMatchObject({
      learningRate: 0.5,
      momentum: 0,
      weightDecay: 0,
      batchSize: 1,
      reduction: 'mean',
      shuffle: false,
      task: 'classification',
      stop: null,
    });
    expect(JSON.parse(JSON.stringify(r.config))).toEqual(r.config);
  });

  it('regression reports errors as null', () => {
    const net = Mlp.create(
      { inputs: 1, hidden: [3], outputs: 1, outputActivation: 'identity' },
      Rng.fromSeed(1),
    );
    const r = train(net, makeDataset([[0], [1]], [[0.3], [2]]), { learningRate: 0.1, maxEpochs: 3 });
    expect(r.history.every((h) => h.errors === null)).toBe(true);
    expect(r.history[3].loss).toBeLessThan(r.history[0].loss);
  });

  it('stops at the first epoch the stop criterion holds and counts sweeps', () => {
    const net = Mlp.create({ inputs: 2, hidden: [1], outputs: 1, direct: true }, Rng.fromSeed(1));
    const r = train(net, xor, {
      learningRate: 0.5,
      momentum: 0.9,
      batchSize: 'full',
      reduction: 'sum',
      maxEpochs: 5000,
      stop: stopWhenWithin(0.1),
    });
    expect(r.stopped).toBe(true);
    expect(r.epochs).toBe(r.history.length - 1);
    const outs = [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ].map((x) => net.predict(x)[0]);
    outs.forEach((o, k) => expect(Math.abs(o - [0, 1, 1, 0][k])).toBeLessThan(0.1));
    expect(r.history.at(-1)!.errors).toBe(0);
    expect(r.config.training.stop).toBe('every output within 0.1 of its target');
  });

  it('softmax classification counts arg-max errors and reaches zero', () => {
    const rng = Rng.fromSeed(2);
    const x = Array.from({ length: 30 }, (_, k) => [
      Math.cos(k) * (1 + (k % 3)),
      Math.sin(k) * (1 + (k % 3)),
    ]);
    const y = x.map((_, k) => [0, 1, 2].map((c) => (c === k % 3 ? 1 : 0)));
    const net = Mlp.create(
      {
        inputs: 2,
        hidden: [8],
        outputs: 3,
        hiddenActivation: 'tanh',
        outputActivation: 'softmax',
        loss: 'cross-entropy',
        init: 'glorot-uniform',
      },
      rng,
    );
    const r = train(net, makeDataset(x, y), {
      learningRate: 0.1,
      momentum: 0.9,
      maxEpochs: 2000,
      batchSize: 5,
      stop: stopWhenNoErrors(),
    });
    expect(r.history[0].errors).toBeGreaterThan(0);
    expect(r.stopped).toBe(true);
    expect(r.history.at(-1)!.errors).toBe(0);
  });

  it('weight decay shrinks weights but not biases; PReLU slopes learn without decay', () => {
    const data = makeDataset([[0.5], [-0.5]], [[0], [0]]);
    const spec = {
      inputs: 1,
      hidden: [2],
      outputs: 1,
      hiddenActivation: 'prelu',
      outputActivation: 'identity',
    };
    const w = {
      layers: [
        { weights: [[1], [-1]], bias: [0.2, 0.2], slopes: [0.25, 0.25] },
        { weights: [[0, 0]], bias: [0] },
      ],
    };
    const net = Mlp.fromWeights(spec, w);
    const r = train(net, data, { learningRate: 0.1, weightDecay: 0.5, maxEpochs: 1 });
    // Output weights are 0, so the loss gradient of layer 0 is 0: only decay moves it.
    expect(r.final.layers[0].weights).toEqual([[1 * 0.95 * 0.95], [-1 * 0.95 * 0.95]]);
    expect(r.final.layers[0].bias).toEqual([0.2, 0.2]);
    expect(r.final.layers[0].slopes).toEqual([0.25, 0.25]);
    const net2 = Mlp.fromWeights(spec, { layers: [w.layers[0], { weights: [[1, 1]], bias: [0] }] });
    const r2 = train(net2, makeDataset([[-1]], [[2]]), { learningRate: 0.1, maxEpochs: 1 });
    expect(r2.final.layers[0].slopes![0]).not.toBe(0.25);
  });

  it('momentum: the second step adds μ times the first', () => {
    const data = makeDataset([[1]], [[1]]);
    const spec = { inputs: 1, hidden: [], outputs: 1, outputActivation: 'identity' };
    const net = Mlp.fromWeights(spec, { layers: [{ weights: [[0]], bias: [0] }] });
    const r = train(net, data, { learningRate: 0.1, momentum: 0.5, maxEpochs: 2 });
    // step 1: g = −1 → v = 0.1, w = 0.1; step 2: y = 0.2, g = −0.8 → v = 0.05 + 0.08 = 0.13, w = 0.23
    expect(r.final.layers[0].weights[0][0]).toBeCloseTo(0.23, 14);
  });

  it('shuffle is reproducible from the rng and differs from the fixed order', () => {
    const data = makeDataset(
      Array.from({ length: 12 }, (_, k) => [k / 12, (k % 5) / 5]),
      Array.from({ length: 12 }, (_, k) => [k % 2]),
    );
    const spec = { inputs: 2, hidden: [3], outputs: 1 };
    const run = (shuffle: boolean, seed: number) =>
      train(Mlp.create(spec, Rng.fromSeed(1)), data, {
        learningRate: 0.5,
        maxEpochs: 3,
        shuffle,
        rng: Rng.fromSeed(seed),
      }).final;
    expect(run(true, 9)).toEqual(run(true, 9));
    expect(run(true, 9)).not.toEqual(run(false, 9));
    expect(() =>
      train(Mlp.create(spec, Rng.fromSeed(1)), data, { learningRate: 0.5, maxEpochs: 1, shuffle: true }),
    ).toThrow(/shuffle needs an rng/);
  });

  it('refuses step units, mismatched data and bad options', () => {
    const stepNet = Mlp.create(
      { inputs: 2, hidden: [2], outputs: 1, hiddenActivation: 'step' },
      Rng.fromSeed(1),
    );
    expect(() => train(stepNet, xor, { learningRate: 0.5, maxEpochs: 1 })).toThrow(
      /step, which has no derivative/,
    );
    expect(stepNet.predict([1, 0])[0]).toBeGreaterThan(0);
    const net = Mlp.create({ inputs: 3, hidden: [2], outputs: 1 }, Rng.fromSeed(1));
    expect(() => train(net, xor, { learningRate: 0.5, maxEpochs: 1 })).toThrow(/data has 2 inputs/);
    const net2 = Mlp.create({ inputs: 2, hidden: [2], outputs: 1 }, Rng.fromSeed(1));
    expect(() => train(net2, xor, { learningRate: -1, maxEpochs: 1 })).toThrow(UserError);
    expect(() => train(net2, xor, { learningRate: 0.1, maxEpochs: 1, batchSize: 0 })).toThrow(/batchSize/);
  });
});
