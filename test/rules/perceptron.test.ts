import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cyclicOrder,
  isPerceptronMistake,
  linearSum,
  perceptronDecide,
  perceptronDecideFromSum,
  perceptronEpoch,
  perceptronOutput,
  perceptronStep,
} from '../../src/rules/index.js';
import type { PerceptronOptions, ZeroSumConvention } from '../../src/rules/index.js';

describe('perceptronStep', () => {
  it('adds η·X on a missed positive, subtracts on a missed negative, bias on +1 last', () => {
    const w = [0.5, -1, 0];
    const step = perceptronStep(w, [1, 1], 1, { eta: 0.25 }); // s = -0.5: wrong
    expect(step.mistake).toBe(true);
    expect(w).toEqual([0.75, -0.75, 0.25]);
    const step2 = perceptronStep(w, [2, 0], -1, { eta: 0.25 }); // s = 1.75: wrong
    expect(step2.mistake).toBe(true);
    expect(w).toEqual([0.25, -0.75, 0]);
    // x₁ = 0 leaves w₁ alone: only changed weights are reported.
    expect(step2.changed.map((c) => c.index)).toEqual([0, 2]);
    expect(step2.changed[0]).toEqual({ index: 0, before: 0.75, after: 0.25 });
  });

  it('changes nothing on a correct response', () => {
    const w = [1, 0, 0];
    const step = perceptronStep(w, [3, 1], 1);
    expect(step).toMatchObject({ mistake: false, multiple: 0, changed: [] });
    expect(w).toEqual([1, 0, 0]);
  });

  it('without bias the weight vector has one entry per input', () => {
    const w = [0, 0];
    perceptronStep(w, [1, -1], -1, { bias: false });
    expect(w).toEqual([-1, 1]);
    expect(() => perceptronStep([0, 0], [1, -1], 1)).toThrow(RangeError);
  });

  it.each<[ZeroSumConvention, number, boolean]>([
    ['error', 1, true],
    ['error', -1, true],
    ['negative', 1, true],
    ['negative', -1, false],
    ['positive', 1, false],
    ['positive', -1, true],
  ])('zero sum under tie=%s with d=%i is a mistake: %s', (tie, d, mistake) => {
    expect(isPerceptronMistake(0, d, tie)).toBe(mistake);
    const w = [0, 0];
    expect(perceptronStep(w, [1], d, { tie }).mistake).toBe(mistake);
    expect(w).toEqual(mistake ? [d, d] : [0, 0]);
  });

  it('perceptronOutput reports an undecided zero only under tie=error', () => {
    expect(perceptronOutput(0, 'error')).toBe(0);
    expect(perceptronOutput(0, 'negative')).toBe(-1);
    expect(perceptronOutput(0, 'positive')).toBe(1);
    expect(perceptronOutput(-1e-300, 'positive')).toBe(-1);
  });

  it('absolute correction uses the smallest integer multiple that fixes the response', () => {
    // s = -5, |X|² = 2 (with bias), η = 1: need c·2 > 5, so c = 3.
    const w = [-6, 1];
    const step = perceptronStep(w, [1], 1, { correction: 'absolute' });
    expect(step.multiple).toBe(3);
    expect(w).toEqual([-3, 4]);
    expect(linearSum(w, [1], true)).toBe(1);
    // s = -4: c·2 > 4 needs c = 3 under 'error', but a zero sum counts as +1 under 'positive': c = 2.
    expect(perceptronStep([-5, 1], [1], 1, { correction: 'absolute', tie: 'error' }).multiple).toBe(3);
    expect(perceptronStep([-5, 1], [1], 1, { correction: 'absolute', tie: 'positive' }).multiple).toBe(2);
    // A barely wrong response needs only c = 1.
    expect(perceptronStep([-0.1, 0], [1], 1, { correction: 'absolute' }).multiple).toBe(1);
  });

  it('absolute correction always leaves the presented pattern right (random cases)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 7, maxLength: 7 }),
        fc.constantFrom(1, -1),
        fc.constantFrom<ZeroSumConvention>('error', 'negative', 'positive'),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        (x, w0, d, tie, eta) => {
          const w = w0.slice(0, x.length + 1);
          const step = perceptronStep(w, x, d, { correction: 'absolute', tie, eta });
          expect(isPerceptronMistake(linearSum(w, x, true), d, tie)).toBe(false);
          if (step.mistake) {
            // c − 1 would not have been enough.
            const smaller = w0.slice(0, x.length + 1);
            const trial = smaller.map(
              (v, i) => v + (step.multiple - 1) * eta * d * (i < x.length ? x[i] : 1),
            );
            expect(isPerceptronMistake(linearSum(trial, x, true), d, tie)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Points x in dims dimensions with label sign(w*·X̃) and margin ≥ γ w.r.t. the unit w* (X̃ = [x, 1]). */
const separableData = fc
  .record({
    dims: fc.integer({ min: 1, max: 5 }),
    seedW: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
    points: fc.array(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 5, maxLength: 5 }), {
      minLength: 1,
      maxLength: 60,
    }),
    gamma: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
  })
  .map(({ dims, seedW, points, gamma }) => {
    const raw = seedW.slice(0, dims + 1);
    const norm = Math.hypot(...raw);
    return {
      dims,
      wStar: norm > 1e-3 ? raw.map((v) => v / norm) : null,
      points: points.map((p) => p.slice(0, dims)),
      gamma,
    };
  });

describe('Novikoff bound (REFERENCES §1.4, R1)', () => {
  it('the fixed-increment rule makes at most (R/γ)² mistakes on separable data, any tie, η, order', () => {
    fc.assert(
      fc.property(
        separableData,
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        fc.constantFrom<ZeroSumConvention>('error', 'negative', 'positive'),
        fc.boolean(),
        ({ dims, wStar, points, gamma }, eta, tie, reverse) => {
          fc.pre(wStar !== null);
          const xs: number[][] = [];
          const ds: number[] = [];
          for (const p of points) {
            const m = linearSum(wStar!, p, true);
            if (Math.abs(m) >= gamma) {
              xs.push(p);
              ds.push(m > 0 ? 1 : -1);
            }
          }
          fc.pre(xs.length > 0);
          const r = Math.max(...xs.map((x) => Math.hypot(...x, 1)));
          const bound = (r / gamma) ** 2;
          const w = new Array<number>(dims + 1).fill(0);
          const options: PerceptronOptions = { eta, tie };
          const order = cyclicOrder(xs.length);
          if (reverse) order.reverse();
          let total = 0;
          for (let epoch = 0; epoch < 10_000; epoch++) {
            const mistakes = perceptronEpoch(w, xs, ds, options, order);
            total += mistakes;
            if (mistakes === 0) break;
          }
          expect(perceptronEpoch(w.slice(), xs, ds, options, order)).toBe(0); // it converged
          expect(total).toBeLessThanOrEqual(bound);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('2-input Boolean functions (WL90 p.1418, R3)', () => {
  const inputs = [
    [-1, -1],
    [-1, 1],
    [1, -1],
    [1, 1],
  ];
  /** Function number f (0..15): output for input row k is bit k of f, as ±1. */
  const truthTable = (f: number): number[] => inputs.map((_, k) => ((f >> k) & 1 ? 1 : -1));
  const XOR = [-1, 1, 1, -1];
  const XNOR = [1, -1, -1, 1];

  it.each<ZeroSumConvention>(['error', 'negative', 'positive'])(
    'a threshold element with bias learns exactly 14 of 16 (all but XOR, XNOR); tie=%s',
    (tie) => {
      const failed: number[][] = [];
      for (let f = 0; f < 16; f++) {
        const ds = truthTable(f);
        const w = [0, 0, 0];
        let learned = false;
        for (let epoch = 0; epoch < 1000 && !learned; epoch++)
          learned = perceptronEpoch(w, inputs, ds, { tie }) === 0;
        if (!learned) failed.push(ds);
      }
      expect(failed).toHaveLength(2);
      expect(failed).toContainEqual(XOR);
      expect(failed).toContainEqual(XNOR);
    },
  );
});

describe('perceptronDecideFromSum', () => {
  it('decides as perceptronDecide when given the sum linearSum computes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 0, maxLength: 6 }),
        fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 7, maxLength: 7 }),
        fc.constantFrom(-1, 1),
        fc.constantFrom<ZeroSumConvention>('error', 'negative', 'positive'),
        fc.constantFrom<'fixed' | 'absolute'>('fixed', 'absolute'),
        fc.boolean(),
        (x, w7, d, tie, correction, bias) => {
          const w = w7.slice(0, x.length + (bias ? 1 : 0));
          const options: PerceptronOptions = { eta: 0.5, tie, correction, bias };
          const sum = linearSum(w, x, bias);
          expect(perceptronDecideFromSum(w, x, d, sum, options)).toEqual(perceptronDecide(w, x, d, options));
        },
      ),
    );
  });
});
