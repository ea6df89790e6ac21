import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { valueGainStep } from '../../src/rules/index.js';

describe('Rosenblatt 1958 value-gain systems (interpretation, REFERENCES §1.3)', () => {
  it('α-system: each active unit gains δ, inactive units keep their value', () => {
    const v = [1, 2, 3, 4];
    const changed = valueGainStep(v, [1, 0, 1, 0], { system: 'alpha', increment: 0.5 });
    expect(v).toEqual([1.5, 2, 3.5, 4]);
    expect(changed).toEqual([
      { index: 0, before: 1, after: 1.5 },
      { index: 2, before: 3, after: 3.5 },
    ]);
  });

  it('γ-system: active units gain δ, the k·δ is taken equally from the inactive units', () => {
    const v = [1, 1, 1, 1];
    valueGainStep(v, [1, 0, 0, 0], { system: 'gamma', increment: 0.3 });
    expect(v[0]).toBeCloseTo(1.3, 15);
    for (const i of [1, 2, 3]) expect(v[i]).toBeCloseTo(0.9, 15);
  });

  it('γ-system keeps the set total constant (random sets, activities, increments)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.boolean()), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (cells, increment) => {
          const v = cells.map(([value]) => value);
          const a = cells.map(([, on]) => (on ? 1 : 0));
          const total = v.reduce((s, x) => s + x, 0);
          valueGainStep(v, a, { system: 'gamma', increment });
          expect(v.reduce((s, x) => s + x, 0)).toBeCloseTo(total, 9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('γ-system changes nothing when all or none of the set is active', () => {
    const v = [1, 2];
    expect(valueGainStep(v, [1, 1], { system: 'gamma', increment: 1 })).toEqual([]);
    expect(valueGainStep(v, [0, 0], { system: 'gamma', increment: 1 })).toEqual([]);
    expect(v).toEqual([1, 2]);
  });

  it('members restrict the update to one R-unit source set inside a larger vector', () => {
    const v = [0, 0, 0, 0, 0];
    valueGainStep(v, [1, 1, 0, 1, 0], { system: 'gamma', increment: 1, members: [1, 2, 4] });
    // Set {1, 2, 4}: unit 1 active gains 1; units 2 and 4 inactive lose 0.5 each; 0 and 3 outside the set.
    expect(v).toEqual([0, 1, -0.5, 0, -0.5]);
  });

  it('negative reinforcement lowers active values (α-system)', () => {
    const v = [1, 1];
    valueGainStep(v, [0, 1], { system: 'alpha', increment: -0.25 });
    expect(v).toEqual([1, 0.75]);
  });

  it('rejects mismatched lengths and bad member indices', () => {
    expect(() => valueGainStep([1, 2], [1], { system: 'alpha', increment: 1 })).toThrow(RangeError);
    expect(() => valueGainStep([1, 2], [1, 1], { system: 'alpha', increment: 1, members: [2] })).toThrow(
      RangeError,
    );
  });
});
