import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from '../../src/rng.js';
import {
  addScaled,
  addScaledInPlace,
  cyclicOrder,
  inputNormSq,
  linearSum,
  linearSums4,
  shuffledOrder,
} from '../../src/rules/index.js';

describe('rule arithmetic helpers', () => {
  it('the bias weight is last and multiplies +1', () => {
    expect(linearSum([2, 3, 10], [1, -1], true)).toBe(9);
    expect(linearSum([2, 3], [1, -1], false)).toBe(-1);
    expect(inputNormSq([1, -2], true)).toBe(6);
    expect(inputNormSq([1, -2], false)).toBe(5);
  });

  it('addScaled updates Float64Array weights in place and reports only changed entries', () => {
    const w = new Float64Array([1, 1, 1e20, 0]);
    const changed = addScaled(w, [1, 0, 1], true, 0.5);
    // w[1] has input 0; w[2] += 0.5 is lost to rounding at 1e20.
    expect(changed.map((c) => c.index)).toEqual([0, 3]);
    expect(Array.from(w)).toEqual([1.5, 1, 1e20, 0.5]);
  });

  it('shuffledOrder with an Rng equals Rng.permutation for the same state; cyclicOrder is 0..n−1', () => {
    const a = Rng.fromSeed(7);
    const b = Rng.fromSeed(7);
    for (let k = 0; k < 5; k++) expect(shuffledOrder(9, () => a.next())).toEqual(b.permutation(9));
    expect(cyclicOrder(4)).toEqual([0, 1, 2, 3]);
    expect([...shuffledOrder(50, () => a.next())].sort((x, y) => x - y)).toEqual(cyclicOrder(50));
  });
});

describe('addScaledInPlace', () => {
  it('moves the weights exactly as addScaled does (bit for bit, −0 kept)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 12 }),
        fc.double({ noNaN: true, min: -10, max: 10 }),
        fc.boolean(),
        (x, scale, bias) => {
          const w0 = Array.from({ length: x.length + (bias ? 1 : 0) }, (_, i) =>
            i % 3 === 0 ? -0 : i * 0.1,
          );
          const a = Float64Array.from(w0);
          const b = Float64Array.from(w0);
          addScaled(a, x, bias, scale);
          addScaledInPlace(b, x, bias, scale);
          expect(Array.from(b).map((v) => (Object.is(v, -0) ? '-0' : v))).toEqual(
            Array.from(a).map((v) => (Object.is(v, -0) ? '-0' : v)),
          );
        },
      ),
    );
  });
});

describe('linearSums4', () => {
  it('gives each of its four inputs exactly linearSum (same order of additions, −0 kept)', () => {
    const bits = (v: number) => (Object.is(v, -0) ? '-0' : v);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, bias, seed) => {
          const rng = Rng.fromSeed(seed);
          // Spread magnitudes so that the order of additions matters to the last bit.
          const value = () => (rng.next() < 0.1 ? -0 : rng.normal() * 10 ** rng.int(12));
          const w = Array.from({ length: n + (bias ? 1 : 0) }, value);
          const xs = Array.from({ length: 4 }, () => Float64Array.from({ length: n }, value));
          const out = new Float64Array(4);
          linearSums4(w, xs[0], xs[1], xs[2], xs[3], bias, out);
          expect(Array.from(out).map(bits)).toEqual(xs.map((x) => bits(linearSum(w, x, bias))));
        },
      ),
    );
  });

  it('refuses inputs of different lengths', () => {
    const x = [1, 2];
    expect(() => linearSums4([1, 1, 1], x, x, [1], x, true, new Float64Array(4))).toThrow(RangeError);
  });
});
