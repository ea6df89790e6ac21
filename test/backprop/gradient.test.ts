/** Backprop gradients against central-difference numerical gradients of the summed loss. */
import { describe, expect, it } from 'vitest';
import { Mlp, type MlpSpec } from '../../src/backprop/mlp.js';
import { makeDataset } from '../../src/backprop/train.js';
import { Rng } from '../../src/rng.js';

const H = 1e-6;

function randomData(rng: Rng, n: number, nIn: number, nOut: number, kind: 'real' | 'binary' | 'onehot') {
  const x = Array.from({ length: n }, () => Array.from({ length: nIn }, () => rng.uniform(-1.5, 1.5)));
  const y = Array.from({ length: n }, () => {
    if (kind === 'real') return Array.from({ length: nOut }, () => rng.uniform(-1, 1));
    if (kind === 'binary') return Array.from({ length: nOut }, () => (rng.next() < 0.5 ? 0 : 1));
    const c = rng.int(nOut);
    return Array.from({ length: nOut }, (_, i) => (i === c ? 1 : 0));
  });
  return makeDataset(x, y);
}

/** Largest |analytic − numeric| / max(1e-4, |numeric|) over every parameter. */
function gradientError(
  spec: MlpSpec,
  seed: number,
  kind: 'real' | 'binary' | 'onehot',
): { err: number; params: number; maxGrad: number } {
  const rng = Rng.fromSeed(seed);
  const net = Mlp.create({ init: { name: 'uniform', range: 0.8 }, ...spec }, rng);
  const data = randomData(rng, 5, spec.inputs, spec.outputs, kind);
  const loss = () => net.gradient(data.inputs, data.targets, 0, data.count, 'sum');
  loss();
  const analytic = net.parameters().map((p) => Float64Array.from(p.grads));
  let err = 0;
  let count = 0;
  let maxGrad = 0;
  net.parameters().forEach((p, pi) => {
    for (let i = 0; i < p.values.length; i++) {
      const w = p.values[i];
      p.values[i] = w + H;
      const up = loss();
      p.values[i] = w - H;
      const down = loss();
      p.values[i] = w;
      const numeric = (up - down) / (2 * H);
      const a = analytic[pi][i];
      err = Math.max(err, Math.abs(a - numeric) / Math.max(1e-4, Math.abs(numeric)));
      maxGrad = Math.max(maxGrad, Math.abs(a));
      count++;
    }
  });
  return { err, params: count, maxGrad };
}

const HIDDEN = [
  'identity',
  'sigmoid',
  'tanh',
  'relu',
  'leaky-relu:0.1',
  'prelu',
  'elu:0.7',
  'maxout',
  'maxout:3',
];

describe('analytic gradients equal numerical gradients', () => {
  for (const act of HIDDEN) {
    it(`hidden ${act}, two hidden layers, squared error with identity output`, () => {
      const r = gradientError(
        {
          inputs: 3,
          hidden: [4, 3],
          outputs: 2,
          hiddenActivation: act,
          outputActivation: 'identity',
          loss: 'squared',
        },
        11,
        'real',
      );
      expect(r.maxGrad).toBeGreaterThan(1e-3);
      expect(r.err).toBeLessThan(1e-5);
    });
  }

  const combos: {
    out: string;
    loss: 'squared' | 'cross-entropy';
    outputs: number;
    kind: 'real' | 'binary' | 'onehot';
  }[] = [
    { out: 'identity', loss: 'squared', outputs: 2, kind: 'real' },
    { out: 'sigmoid', loss: 'squared', outputs: 2, kind: 'binary' },
    { out: 'tanh', loss: 'squared', outputs: 2, kind: 'real' },
    { out: 'relu', loss: 'squared', outputs: 2, kind: 'real' },
    { out: 'elu', loss: 'squared', outputs: 2, kind: 'real' },
    { out: 'softmax', loss: 'squared', outputs: 3, kind: 'onehot' },
    { out: 'sigmoid', loss: 'cross-entropy', outputs: 1, kind: 'binary' },
    { out: 'sigmoid', loss: 'cross-entropy', outputs: 3, kind: 'binary' },
    { out: 'softmax', loss: 'cross-entropy', outputs: 3, kind: 'onehot' },
  ];
  for (const c of combos) {
    it(`output ${c.out} with ${c.loss} loss (${c.outputs} outputs)`, () => {
      const r = gradientError(
        {
          inputs: 2,
          hidden: [3],
          outputs: c.outputs,
          hiddenActivation: 'tanh',
          outputActivation: c.out,
          loss: c.loss,
        },
        5,
        c.kind,
      );
      expect(r.err).toBeLessThan(1e-5);
    });
  }

  it('direct input→output links (the 1986 XOR net, 2-1-1 + direct)', () => {
    const r = gradientError({ inputs: 2, hidden: [1], outputs: 1, direct: true }, 3, 'binary');
    expect(r.params).toBe(2 + 1 + 1 + 1 + 2);
    expect(r.err).toBeLessThan(1e-5);
  });

  it('direct links with softmax cross-entropy, three hidden layers of mixed activations', () => {
    const r = gradientError(
      {
        inputs: 3,
        hidden: [4, 2, 3],
        outputs: 3,
        direct: true,
        hiddenActivation: ['prelu:0.1', 'maxout:2', 'sigmoid'],
        outputActivation: 'softmax',
        loss: 'cross-entropy',
      },
      8,
      'onehot',
    );
    expect(r.err).toBeLessThan(1e-5);
  });

  it('single-layer network (no hidden layer)', () => {
    const r = gradientError(
      { inputs: 4, hidden: [], outputs: 2, outputActivation: 'sigmoid', loss: 'cross-entropy' },
      2,
      'binary',
    );
    expect(r.params).toBe(10);
    expect(r.err).toBeLessThan(1e-5);
  });

  it('PReLU slope gradients are non-zero and match', () => {
    const rng = Rng.fromSeed(99);
    const net = Mlp.create(
      {
        inputs: 3,
        hidden: [5],
        outputs: 1,
        hiddenActivation: 'prelu',
        outputActivation: 'identity',
        init: { name: 'uniform', range: 1 },
      },
      rng,
    );
    const data = randomData(rng, 6, 3, 1, 'real');
    net.gradient(data.inputs, data.targets, 0, data.count);
    const slopes = net.parameters().find((p) => p.kind === 'slopes')!;
    expect(slopes.name).toBe('layers[0].slopes');
    expect(Array.from(slopes.values)).toEqual([0.25, 0.25, 0.25, 0.25, 0.25]);
    const g = Float64Array.from(slopes.grads);
    expect(g.some((v) => Math.abs(v) > 1e-4)).toBe(true);
    for (let i = 0; i < g.length; i++) {
      const s = slopes.values[i];
      slopes.values[i] = s + H;
      const up = net.gradient(data.inputs, data.targets, 0, data.count);
      slopes.values[i] = s - H;
      const down = net.gradient(data.inputs, data.targets, 0, data.count);
      slopes.values[i] = s;
      expect(g[i]).toBeCloseTo((up - down) / (2 * H), 6);
    }
  });

  it('mean reduction divides the gradient by the batch size', () => {
    const rng = Rng.fromSeed(4);
    const net = Mlp.create({ inputs: 2, hidden: [3], outputs: 1 }, rng);
    const data = randomData(rng, 4, 2, 1, 'binary');
    net.gradient(data.inputs, data.targets, 0, 4, 'sum');
    const sum = Float64Array.from(net.layers[0].gW);
    net.gradient(data.inputs, data.targets, 0, 4, 'mean');
    for (let i = 0; i < sum.length; i++) expect(net.layers[0].gW[i]).toBeCloseTo(sum[i] / 4, 14);
  });
});
