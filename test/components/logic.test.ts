import { describe, expect, it } from 'vitest';
import { andSpec, logicValue, majSpec, orSpec, type LogicFunction } from '../../src/components/logic.js';
import type { ComponentSpec } from '../../src/components/spec.js';
import { Simulator } from '../../src/sim/simulator.js';
import { constant, countEvaluations, setAt, watch } from './helpers.js';

const SPECS: Record<LogicFunction, ComponentSpec> = { and: andSpec, or: orSpec, maj: majSpec };

/** Plain reference functions on booleans, written independently of `logicValue`. */
const REFERENCE: Record<LogicFunction, (bits: boolean[]) => boolean> = {
  and: (b) => b.every(Boolean),
  or: (b) => b.some(Boolean),
  maj: (b) => b.filter(Boolean).length > b.length / 2,
};

function gate(fn: LogicFunction, values: number[], params: Record<string, number> = {}) {
  const sim = new Simulator();
  const g = sim.add(SPECS[fn].create('g', { inputs: values.length, ...params }));
  values.forEach((v, i) => sim.connect(constant(sim, `x${i}`, v).id + '.out', g, `in${i}`));
  sim.run();
  return sim.netValue(sim.netIndex('g.out')!);
}

describe.each(['and', 'or', 'maj'] as const)('%s', (fn) => {
  it('matches the reference exhaustively for n = 1..6, with ±1 and with 0/1 inputs', () => {
    for (let n = 1; n <= 6; n++) {
      for (let m = 0; m < 1 << n; m++) {
        const bits = Array.from({ length: n }, (_, i) => ((m >> i) & 1) === 1);
        const want = REFERENCE[fn](bits) ? 1 : -1;
        expect(
          gate(
            fn,
            bits.map((b) => (b ? 1 : -1)),
          ),
        ).toBe(want);
        expect(
          gate(
            fn,
            bits.map((b) => (b ? 1 : 0)),
          ),
        ).toBe(want);
        expect(logicValue(fn, bits.filter(Boolean).length, n)).toBe(want === 1);
      }
    }
  });

  it('uses its inputThreshold (strictly greater counts as true) and output levels', () => {
    expect(gate(fn, [0.5], { inputThreshold: 0.5, high: 5, low: 2 })).toBe(2);
    expect(gate(fn, [0.51], { inputThreshold: 0.5, high: 5, low: 2 })).toBe(5);
  });

  it('output changes exactly `delay` ticks after the input, and only when it changes', () => {
    const sim = new Simulator({ tickSeconds: 1e-3 });
    const g = sim.add(SPECS[fn].create('g', { inputs: 1, delay: 0.005 }));
    const a = constant(sim, 'a', -1);
    sim.connect('a.out', g, 'in0');
    const next = sim.add(SPECS[fn].create('next', { inputs: 1 }));
    sim.connect('g.out', next, 'in0');
    const evals = countEvaluations(next);
    const out = watch(sim, 'g.out');
    setAt(sim, 100, a, 'value', 1);
    setAt(sim, 200, a, 'value', 0.5); // still true: nothing downstream
    setAt(sim, 300, a, 'value', -3);
    sim.run();
    expect(out.changes()).toEqual([
      [5, -1],
      [105, 1],
      [305, -1],
    ]);
    expect(evals).toEqual([0, 5, 105, 305]);
  });
});

describe('maj', () => {
  it('a tie with an even number of inputs is false', () => {
    expect(gate('maj', [1, -1])).toBe(-1);
    expect(gate('maj', [1, 1, -1, -1])).toBe(-1);
    expect(gate('maj', [1, 1, 1, -1])).toBe(1);
  });

  it('unconnected inputs read 0, which is false', () => {
    const sim = new Simulator();
    const g = sim.add(majSpec.create('g', { inputs: 3 }));
    sim.connect(constant(sim, 'a', 1).id + '.out', g, 'in0');
    sim.run();
    expect(sim.netValue(sim.netIndex('g.out')!)).toBe(-1);
  });
});
