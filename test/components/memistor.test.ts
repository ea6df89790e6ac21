import { describe, expect, it } from 'vitest';
import { memistorSpec, type Memistor } from '../../src/components/memistor.js';
import { Simulator } from '../../src/sim/simulator.js';
import { constant, setAt } from './helpers.js';

function cell(params: Record<string, number> = {}) {
  const sim = new Simulator({ tickSeconds: 1e-3 });
  const x = constant(sim, 'x', 1);
  const i = constant(sim, 'i', 0);
  const m = sim.add(memistorSpec.create('m', params)) as Memistor;
  sim.connect('x.out', m, 'in');
  sim.connect('i.out', m, 'current');
  return { sim, m, x, i };
}

describe('memistor', () => {
  it('conductance follows the integral of the plating current, and stops at its bounds', () => {
    const { sim, m, i } = cell();
    const g0 = m.conductance; // the reference, 0.505 S
    const k = memistorSpec.params.sensitivity.default as number; // 19.8 S/(A·s)
    setAt(sim, 1000, i, 'value', 0.005); // 5 mA for 2 s
    setAt(sim, 3000, i, 'value', -0.002); // −2 mA for 1 s
    setAt(sim, 4000, i, 'value', 0);
    sim.run({ until: 3000 });
    expect(m.conductanceNow(sim)).toBeCloseTo(g0 + k * 0.005 * 2, 10);
    sim.run({ until: 5000 });
    expect(m.conductanceNow(sim)).toBeCloseTo(g0 + k * (0.005 * 2 - 0.002 * 1), 10);
    // Full range (0.99 S) takes about 10 s at 5 mA; 20 s pins it at 1 S (1 Ω) and no further.
    setAt(sim, 5000, i, 'value', 0.005);
    sim.run({ until: 25_000 });
    expect(m.conductanceNow(sim)).toBe(1);
    setAt(sim, 25_000, i, 'value', -0.005);
    sim.run({ until: 26_000 });
    expect(m.conductanceNow(sim)).toBeCloseTo(1 - k * 0.005, 10);
    sim.run({ until: 60_000 });
    expect(m.conductanceNow(sim)).toBe(0.01);
  });

  it('sweeps the full range 100 Ω → 1 Ω in about 10 s at 5 mA', () => {
    const { sim, m } = cell({ value: -0.99, scale: 2 });
    sim.run();
    expect(m.conductance).toBeCloseTo(0.01, 12);
    const t = m.travelSeconds(sim, 0.99);
    expect(t).toBeCloseTo(10, 9);
    m.command(sim, 0.99);
    sim.run();
    expect(sim.seconds(sim.now)).toBeCloseTo(10, 2);
    expect(m.weightNow(sim)).toBeCloseTo(0.99, 12);
  });

  it('reading does not disturb it; output = weight · input', () => {
    const { sim, m } = cell({ value: 0.3 });
    sim.run();
    const w = m.weightNow(sim);
    for (let r = 0; r < 5; r++) expect(m.weightNow(sim)).toBe(w);
    expect(sim.netValue(sim.netIndex('m.out')!)).toBe(w);
  });

  it('with nonlinearity the open-loop plating pulse falls short; drift relaxes toward the reference', () => {
    const a = cell({ nonlinearity: 0.8 });
    a.sim.run();
    a.m.command(a.sim, 0.8);
    a.sim.run();
    expect(a.m.weightNow(a.sim)).toBeLessThan(0.8);
    const b = cell({ value: 0.5, driftTimeConstant: 100 });
    b.sim.run({ until: 100_000 }); // 100 s = one time constant
    expect(b.m.weightNow(b.sim)).toBeCloseTo(0.5 * Math.exp(-1), 6);
  });
});
