import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALPHA_LMS_PRACTICAL_RANGE,
  ALPHA_LMS_STABLE_RANGE,
  alphaLmsStep,
  inputCorrelationTrace,
  isAlphaLmsStable,
  linearSum,
  lmsEpoch,
  muLmsBound,
  muLmsStep,
} from '../../src/rules/index.js';

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
/** An input value: exactly 0 or of magnitude ≥ 1e-3 (|X|² must not underflow to 0). */
const input = fc.oneof(fc.constant(0), finite(1e-3, 5), finite(-5, -1e-3));

describe('α-LMS (WL90 eq. 10, R4)', () => {
  it("one step multiplies the pattern's linear error by exactly (1 − α), random W, X, d, α", () => {
    fc.assert(
      fc.property(
        fc.array(input, { minLength: 1, maxLength: 20 }),
        fc.array(finite(-5, 5), { minLength: 21, maxLength: 21 }),
        finite(-10, 10),
        finite(0.001, 1.999),
        fc.boolean(),
        (x, w0, d, alpha, bias) => {
          fc.pre(x.some((v) => v !== 0) || bias);
          const w = w0.slice(0, x.length + (bias ? 1 : 0));
          const step = alphaLmsStep(w, x, d, alpha, { bias });
          const after = d - linearSum(w, x, bias);
          // Tolerance: rounding in sums of |wᵢxᵢ| up to ~25 each, over ≤ 21 terms.
          const scale =
            Math.abs(d) + x.reduce((a, v, i) => a + Math.abs(w0[i] * v), 0) + Math.abs(step.error) + 1;
          expect(Math.abs(after - (1 - alpha) * step.error)).toBeLessThanOrEqual(
            1e-12 * scale * x.length + 1e-12,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('α = 1 with 16 ±1 inputs and a bias moves each gain by ±ε/17 (WH60)', () => {
    const x = Array.from({ length: 16 }, (_, i) => (i % 3 === 0 ? -1 : 1));
    const w = new Float64Array(17);
    const step = alphaLmsStep(w, x, 1, 1);
    expect(step.error).toBe(1);
    expect(step.changed).toHaveLength(17);
    for (let i = 0; i < 16; i++) expect(w[i]).toBeCloseTo(x[i] / 17, 15);
    expect(w[16]).toBeCloseTo(1 / 17, 15);
    expect(linearSum(w, x, true)).toBeCloseTo(1, 14);
  });

  it('a zero input leaves its weight unchanged and unreported', () => {
    const w = [1, 2, 3, 4];
    const step = alphaLmsStep(w, [0, 1, 0], -1, 0.5);
    expect(step.changed.map((c) => c.index)).toEqual([1, 3]);
    expect(w[0]).toBe(1);
    expect(w[2]).toBe(3);
  });

  it('exports the stable range 0 < α < 2 and the practical range 0.1 < α < 1', () => {
    expect(ALPHA_LMS_STABLE_RANGE).toMatchObject({
      min: 0,
      max: 2,
      minInclusive: false,
      maxInclusive: false,
    });
    expect(ALPHA_LMS_PRACTICAL_RANGE).toMatchObject({ min: 0.1, max: 1 });
    expect([0, 0.01, 1, 1.99, 2, -1, Number.NaN].map(isAlphaLmsStable)).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('α inside (0, 2) converges on a realisable linear task; α = 2.5 diverges', () => {
    const xs = [
      [1, 2],
      [-1, 0.5],
      [0.3, -2],
      [2, 1],
    ];
    const ds = xs.map((x) => 0.5 * x[0] - x[1] + 0.25);
    const run = (alpha: number) => {
      const w = [0, 0, 0];
      let mse = 0;
      for (let e = 0; e < 300; e++) mse = lmsEpoch(w, xs, ds, { kind: 'alpha', alpha });
      return { w, mse };
    };
    const good = run(0.5);
    expect(good.mse).toBeLessThan(1e-12);
    expect(good.w[0]).toBeCloseTo(0.5, 6);
    expect(good.w[1]).toBeCloseTo(-1, 6);
    expect(good.w[2]).toBeCloseTo(0.25, 6);
    expect(run(2.5).mse).toBeGreaterThan(1e6);
  });
});

describe('μ-LMS (WL90 eqs. 33–34, R6)', () => {
  it('Δw = 2μεX including the bias input', () => {
    const w = [1, -1, 0.5];
    const step = muLmsStep(w, [2, 3], 1, 0.05); // s = 2 − 3 + 0.5 = −0.5, ε = 1.5
    expect(step.error).toBe(1.5);
    expect(w[0]).toBeCloseTo(1 + 0.15 * 2, 15);
    expect(w[1]).toBeCloseTo(-1 + 0.15 * 3, 15);
    expect(w[2]).toBeCloseTo(0.5 + 0.15, 15);
  });

  it('1/trace R is the mean |X|² (bias included) inverted', () => {
    const xs = [
      [1, 1],
      [2, 0],
      [0, -3],
    ];
    expect(inputCorrelationTrace(xs)).toBeCloseTo((3 + 5 + 10) / 3, 14);
    expect(muLmsBound(xs)).toBeCloseTo(3 / 18, 14);
    expect(muLmsBound(xs, false)).toBeCloseTo(3 / 15, 14);
    expect(() => muLmsBound([])).toThrow(RangeError);
  });

  it('μ below 1/trace R converges on random ±1 data; far above it diverges', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(-1, 1), { minLength: 4, maxLength: 4 }), {
          minLength: 8,
          maxLength: 16,
        }),
        (xs) => {
          const ds = xs.map((x) => x[0] - 0.5 * x[2] + 0.3);
          const bound = muLmsBound(xs);
          const train = (mu: number) => {
            const w = [0, 0, 0, 0, 0];
            let mse = 0;
            for (let e = 0; e < 400; e++) mse = lmsEpoch(w, xs, ds, { kind: 'mu', mu });
            return mse;
          };
          expect(train(0.2 * bound)).toBeLessThan(1e-6);
          const diverged = train(3 * bound);
          expect(Number.isNaN(diverged) || diverged > 1).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });
});
