import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from '../../src/rng.js';
import {
  addScaled,
  addScaledInPlace,
  cyclicOrder,
  inputNormSq,
  linearSum,
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
