import { describe, expect, it } from 'vitest';
import { associationUnitSpec } from '../../src/components/association-unit.js';
import { Simulator } from '../../src/sim/simulator.js';
import { constant } from './helpers.js';

function unit(exc: number[], inh: number[], params: Record<string, number | string> = {}) {
  const sim = new Simulator();
  const a = sim.add(
    associationUnitSpec.create('a', { excitatory: exc.length, inhibitory: inh.length, delay: 0, ...params }),
  );
  exc.forEach((v, k) => {
    constant(sim, `e${k}`, v);
    sim.connect(`e${k}.out`, a, `e${k}`);
  });
  inh.forEach((v, k) => {
    constant(sim, `i${k}`, v);
    sim.connect(`i${k}.out`, a, `i${k}`);
  });
  sim.run();
  return sim.netValue(sim.netIndex('a.out')!);
}

describe('association-unit', () => {
  it('fires when Σexc − Σinh ≥ θ (a tie fires, R58 p.389)', () => {
    expect(unit([1, 1, 0], [1], { theta: 1 })).toBe(1);
    expect(unit([1, 1, 0], [1, 1], { theta: 1 })).toBe(0);
    expect(unit([1, 1], [], { theta: 2 })).toBe(1);
    expect(unit([1, 0], [], { theta: 2 })).toBe(0);
  });

  it('faults: dead never fires, stuck always fires', () => {
    expect(unit([1, 1], [], { theta: 1, fault: 'dead' })).toBe(0);
    expect(unit([0, 0], [], { theta: 1, fault: 'stuck' })).toBe(1);
  });
});
