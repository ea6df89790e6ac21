import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summerSpec, type SummerParams } from '../../src/components/amplifiers.js';
import { paramProblems, withDefaults } from '../../src/components/params.js';
import { Simulator } from '../../src/sim/simulator.js';
import { constant, countEvaluations, setAt, watch } from './helpers.js';

describe('summer', () => {
  it('out = gain · Σ wᵢ·inᵢ + offset (property, against a reference)', () => {
    const finite = fc.double({ min: -50, max: 50, noNaN: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) =>
          fc.record({
            xs: fc.array(finite, { minLength: n, maxLength: n }),
            ws: fc.oneof(fc.constant([] as number[]), fc.array(finite, { minLength: n, maxLength: n })),
            gain: finite,
            offset: finite,
          }),
        ),
        ({ xs, ws, gain, offset }) => {
          const sim = new Simulator();
          const s = sim.add(summerSpec.create('s', { inputs: xs.length, weights: ws, gain, offset }));
          xs.forEach((x, i) => sim.connect(constant(sim, `x${i}`, x).id + '.out', s, `in${i}`));
          sim.run();
          let sum = 0;
          xs.forEach((x, i) => (sum += (ws.length ? ws[i] : 1) * x));
          const expected = gain * sum + offset;
          expect(sim.netValue(sim.netIndex('s.out')!)).toBe(expected === 0 ? 0 : expected);
        },
      ),
    );
  });

  it('has pins in0..in{n-1} and checks the weights length', () => {
    expect(summerSpec.pins(withDefaults(summerSpec, { inputs: 3 }) as SummerParams)).toEqual({
      inputs: ['in0', 'in1', 'in2'],
      outputs: ['out'],
    });
    expect(paramProblems(summerSpec, { inputs: 3, weights: [1, 2] })).toEqual([
      ['weights', 'must have one weight per input (3) or be empty, got 2'],
    ]);
    expect(paramProblems(summerSpec, { inputs: 0 })[0][0]).toBe('inputs');
    expect(paramProblems(summerSpec, { inputs: 1.5 })[0][1]).toMatch(/integer/);
    expect(paramProblems(summerSpec, {})).toEqual([['inputs', 'is required']]);
    expect(summerSpec.create('s', { inputs: 2 }).params()).toEqual({
      inputs: 2,
      weights: [1, 1],
      gain: 1,
      offset: 0,
      delay: 0,
    });
  });

  it('output changes exactly `delay` ticks after an input change', () => {
    const sim = new Simulator({ tickSeconds: 1e-6 });
    const a = constant(sim, 'a', 0);
    const s = sim.add(summerSpec.create('s', { inputs: 2, gain: 2, delay: 2.5e-6 })); // rounds to 3 ticks
    sim.connect('a.out', s, 'in0');
    const out = watch(sim, 's.out');
    setAt(sim, 10, a, 'value', 1);
    setAt(sim, 11, a, 'value', 4);
    sim.run();
    expect(out.changes()).toEqual([
      [13, 2],
      [14, 8],
    ]);
  });

  it('coalesces simultaneous input changes into one evaluation and one output event', () => {
    const sim = new Simulator();
    const xs = [0, 1, 2].map((i) => constant(sim, `x${i}`, 0));
    const s = sim.add(summerSpec.create('s', { inputs: 3 }));
    xs.forEach((x, i) => sim.connect(`${x.id}.out`, s, `in${i}`));
    const evals = countEvaluations(s);
    const out = watch(sim, 's.out');
    sim.run();
    evals.length = 0;
    xs.forEach((x, i) => setAt(sim, 50, x, 'value', i + 1));
    sim.run();
    expect(evals).toEqual([50]);
    expect(out.changes()).toEqual([[50, 6]]);
  });

  it('an unchanged sum schedules nothing downstream', () => {
    const sim = new Simulator();
    const a = constant(sim, 'a', 0);
    const b = constant(sim, 'b', 0);
    const s = sim.add(summerSpec.create('s', { inputs: 2 }));
    const next = sim.add(summerSpec.create('next', { inputs: 1 }));
    sim.connect('a.out', s, 'in0');
    sim.connect('b.out', s, 'in1');
    sim.connect('s.out', next, 'in0');
    const evals = countEvaluations(next);
    setAt(sim, 10, a, 'value', 1);
    setAt(sim, 10, b, 'value', -1); // 1 + (−1) = 0: no change
    sim.run();
    expect(evals).toEqual([0]);
  });
});
