/** The RBM library: energies against brute force, the update's momentum and decay, training, stacking. */
import { describe, expect, it } from 'vitest';
import { Mlp } from '../../src/backprop/mlp.js';
import { UserError } from '../../src/errors.js';
import {
  RbmScratch,
  createRbm,
  freeEnergy,
  gradBuffers,
  packRows,
  rbmFromJson,
  rbmToJson,
  rbmTransform,
  rbmUpdate,
  trainRbm,
  trainStack,
  unrollIntoMlp,
  zeroVelocity,
} from '../../src/rbm/index.js';
import type { RbmParams } from '../../src/rbm/index.js';
import { Rng } from '../../src/rng.js';

/** −log Σ_h exp(−E(v, h)) by enumerating every hidden state. */
function bruteFreeEnergy(p: RbmParams, v: number[]): number {
  let z = 0;
  for (let m = 0; m < 1 << p.hidden; m++) {
    let negE = 0;
    for (let i = 0; i < p.visible; i++) negE += p.b[i] * v[i];
    for (let j = 0; j < p.hidden; j++) {
      if (!((m >> j) & 1)) continue;
      negE += p.c[j];
      for (let i = 0; i < p.visible; i++) negE += p.W[j * p.visible + i] * v[i];
    }
    z += Math.exp(negE);
  }
  return -Math.log(z);
}

function randomRbm(visible: number, hidden: number, seed: number): RbmParams {
  const rng = Rng.fromSeed(seed);
  const p = createRbm(visible, hidden, rng, 1);
  for (let i = 0; i < visible; i++) p.b[i] = rng.normal();
  for (let j = 0; j < hidden; j++) p.c[j] = rng.normal();
  return p;
}

/** Eight 12-pixel patterns: two bars families, so that hidden units have structure to find. */
function barsData(): number[][] {
  const rows: number[][] = [];
  for (let k = 0; k < 4; k++) {
    rows.push(Array.from({ length: 12 }, (_, i) => (Math.floor(i / 3) === k ? 1 : 0)));
    rows.push(Array.from({ length: 12 }, (_, i) => (i % 4 === k ? 1 : 0)));
  }
  return rows;
}

describe('energies', () => {
  it('free energy equals −log Σ_h exp(−E(v,h)) by enumeration', () => {
    const p = randomRbm(5, 4, 3);
    const rows = [
      [1, 0, 1, 1, 0],
      [0, 0, 0, 0, 0],
      [0.3, 0.9, 0.1, 0.5, 1],
    ];
    const f = freeEnergy(p, Float64Array.from(rows.flat()), 3, new RbmScratch(p));
    rows.forEach((v, r) => expect(f[r]).toBeCloseTo(bruteFreeEnergy(p, v), 12));
  });

  it('saving and loading keep every number; a misshapen file is a UserError naming the place', () => {
    const p = randomRbm(4, 3, 5);
    const back = rbmFromJson(JSON.parse(JSON.stringify(rbmToJson(p))));
    expect(Array.from(back.W)).toEqual(Array.from(p.W));
    expect(Array.from(back.b)).toEqual(Array.from(p.b));
    expect(Array.from(back.c)).toEqual(Array.from(p.c));
    const bad = rbmToJson(p);
    bad.layers[0].weights[2] = [1, 2];
    expect(() => rbmFromJson(bad, 'w.json')).toThrow(/w\.json: layers\[0\]\.weights\[2\] must hold 4/);
  });

  it('data outside [0, 1] is refused with its row and column', () => {
    expect(() =>
      packRows(
        [
          [0, 1],
          [0.5, 1.5],
        ],
        2,
      ),
    ).toThrow(UserError);
    expect(() =>
      packRows(
        [
          [0, 1],
          [0.5, 1.5],
        ],
        2,
      ),
    ).toThrow(/row 2, column 2: 1.5 is outside \[0, 1\]/);
  });
});

describe('the update step', () => {
  const p0 = randomRbm(3, 2, 7);
  const vPos = Float64Array.from([1, 0, 1]);
  const hPos = Float64Array.from([0.8, 0.3]);
  const vNeg = Float64Array.from([0, 1, 1]);
  const hNeg = Float64Array.from([0.4, 0.6]);

  it('weight decay shrinks W by lr·λ·W when the two phases agree, and leaves the biases', () => {
    const p = structuredClone(p0);
    const same = { vPos, hPos, nPos: 1, vNeg: vPos, hNeg: hPos, nNeg: 1 };
    rbmUpdate(
      p,
      zeroVelocity(p),
      same,
      { learningRate: 0.5, momentum: 0, weightDecay: 0.1 },
      gradBuffers(p),
      new RbmScratch(p),
    );
    p.W.forEach((w, k) => expect(w).toBeCloseTo(p0.W[k] * (1 - 0.05), 15));
    expect(Array.from(p.b)).toEqual(Array.from(p0.b));
    expect(Array.from(p.c)).toEqual(Array.from(p0.c));
  });

  it('the gradient is ε(h₊v₊ᵀ − h₋v₋ᵀ), and momentum repeats μ times the last change', () => {
    const p = structuredClone(p0);
    const vel = zeroVelocity(p);
    const s = new RbmScratch(p);
    const g = gradBuffers(p);
    const o = { learningRate: 0.2, momentum: 0.5, weightDecay: 0 };
    rbmUpdate(p, vel, { vPos, hPos, nPos: 1, vNeg, hNeg, nNeg: 1 }, o, g, s);
    for (let j = 0; j < 2; j++) {
      for (let i = 0; i < 3; i++) {
        expect(p.W[j * 3 + i] - p0.W[j * 3 + i]).toBeCloseTo(
          0.2 * (hPos[j] * vPos[i] - hNeg[j] * vNeg[i]),
          15,
        );
      }
    }
    const after1 = p.W.slice();
    const d1 = p.W.map((w, k) => w - p0.W[k]);
    // Second step with agreeing phases (zero gradient): only momentum moves the weights.
    rbmUpdate(p, vel, { vPos, hPos, nPos: 1, vNeg: vPos, hNeg: hPos, nNeg: 1 }, o, g, s);
    p.W.forEach((w, k) => expect(w - after1[k]).toBeCloseTo(0.5 * d1[k], 15));
  });
});

describe('training', () => {
  const rows = barsData();
  const data = packRows(rows, 12);

  for (const rule of ['cd', 'pcd'] as const) {
    it(`${rule}: reconstruction error falls and pseudo-likelihood rises; the same seed gives the same bits`, () => {
      const run = (seed: number) => {
        const p = createRbm(12, 8, Rng.fromSeed(seed));
        const r = trainRbm(p, data, rows.length, {
          rule,
          learningRate: 0.5,
          epochs: 300,
          batchSize: 4,
          rng: Rng.fromSeed(seed + 100),
        });
        return { p, r };
      };
      const a = run(1);
      const first = a.r.history[0];
      const last = a.r.history.at(-1)!;
      expect(a.r.history).toHaveLength(300);
      expect(a.r.steps).toBe(600);
      expect(last.reconstructionError).toBeLessThan(0.1 * first.reconstructionError);
      expect(last.pseudoLikelihood).toBeGreaterThan(first.pseudoLikelihood + 3);
      const b = run(1);
      expect(Array.from(b.p.W)).toEqual(Array.from(a.p.W));
      expect(Array.from(run(2).p.W)).not.toEqual(Array.from(a.p.W));
    });
  }

  it('CD-k with k = 3 samples a different negative phase than k = 1', () => {
    const w = (k: number) => {
      const p = createRbm(12, 8, Rng.fromSeed(1));
      trainRbm(p, data, rows.length, { k, epochs: 2, batchSize: 4, rng: Rng.fromSeed(9) });
      return Array.from(p.W);
    };
    expect(w(3)).not.toEqual(w(1));
  });
});

describe('stacking and unrolling', () => {
  it('an unrolled stack computes, layer by layer, the RBMs’ hidden probabilities', () => {
    const rows = barsData();
    const data = packRows(rows, 12);
    const { rbms, results } = trainStack(
      data,
      rows.length,
      12,
      [6, 4],
      { epochs: 5, batchSize: 4 },
      Rng.fromSeed(4),
    );
    expect(results.map((r) => r.history.length)).toEqual([5, 5]);
    expect(rbms.map((r) => [r.visible, r.hidden])).toEqual([
      [12, 6],
      [6, 4],
    ]);
    const net = Mlp.create({ inputs: 12, hidden: [6, 4], outputs: 2 }, Rng.fromSeed(5));
    unrollIntoMlp(net, rbms);
    const h1 = rbmTransform(rbms[0], data, rows.length);
    const h2 = rbmTransform(rbms[1], h1, rows.length);
    net.forward(rows[3]);
    Array.from(net.layers[1].as[0]).forEach((a, j) => expect(a).toBeCloseTo(h2[3 * 4 + j], 14));
  });

  it('refuses a non-sigmoid layer and a size mismatch', () => {
    const rbm = createRbm(3, 2, Rng.fromSeed(1));
    const tanh = Mlp.create(
      { inputs: 3, hidden: [2], outputs: 1, hiddenActivation: 'tanh' },
      Rng.fromSeed(1),
    );
    expect(() => unrollIntoMlp(tanh, [rbm])).toThrow(/needs sigmoid hidden layers/);
    const wide = Mlp.create({ inputs: 3, hidden: [5], outputs: 1 }, Rng.fromSeed(1));
    expect(() => unrollIntoMlp(wide, [rbm])).toThrow(/3→5, its RBM 3→2/);
  });
});
