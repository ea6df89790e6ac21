import { describe, expect, it } from 'vitest';
import {
  constantSpec,
  photocellSpec,
  switchSpec,
  DEFAULT_PHOTOCELL_RESPONSE_S,
} from '../../src/components/sources.js';
import { summerSpec } from '../../src/components/amplifiers.js';
import { UserError } from '../../src/errors.js';
import { Simulator } from '../../src/sim/simulator.js';
import { countEvaluations, setAt, watch } from './helpers.js';

describe('switch', () => {
  it.each([
    ['bipolar', 'off', -1],
    ['bipolar', 'on', 1],
    ['unipolar', 'off', 0],
    ['unipolar', 'on', 1],
  ] as const)('%s levels, %s → %d', (levels, position, level) => {
    const sim = new Simulator();
    const s = sim.add(switchSpec.create('s', { levels, position }));
    sim.run();
    expect(sim.netValue(s.outputNets[0])).toBe(level);
  });

  it('defaults to bipolar, off', () => {
    const sim = new Simulator();
    sim.add(switchSpec.create('s', {}));
    const w = watch(sim, 's.out');
    sim.run();
    expect(w.changes()).toEqual([[0, -1]]);
  });

  it('follows settable position exactly `delay` ticks later, both ways', () => {
    const sim = new Simulator({ tickSeconds: 1e-6 });
    const s = sim.add(switchSpec.create('s', { levels: 'unipolar', delay: 0.001 }));
    const w = watch(sim, 's.out');
    setAt(sim, 500, s, 'position', 'on');
    setAt(sim, 5000, s, 'position', false);
    setAt(sim, 7000, s, 'position', true);
    sim.run();
    // Unipolar off is 0, the nets' initial value: no change at start.
    expect(w.changes()).toEqual([
      [1500, 1],
      [6000, 0],
      [8000, 1],
    ]);
  });

  it('setting the same position schedules nothing downstream', () => {
    const sim = new Simulator();
    const s = sim.add(switchSpec.create('s', { position: 'on' }));
    const sum = sim.add(summerSpec.create('sum', { inputs: 1 }));
    sim.connect('s.out', sum, 'in0');
    const evals = countEvaluations(sum);
    setAt(sim, 10, s, 'position', 'on');
    setAt(sim, 20, s, 'position', true);
    const r = sim.run();
    expect(evals).toEqual([0, 0]); // start-up, then the switch's first level at t=0
    expect(r.time).toBe(20);
  });

  it('rejects bad positions and unsettable parameters', () => {
    const s = switchSpec.create('s', {});
    expect(() => s.setParam('position', 'maybe')).toThrow(UserError);
    expect(() => s.setParam('position', 1)).toThrow(/position/);
    expect(() => s.setParam('levels', 'unipolar')).toThrow(/settable: position/);
    expect(s.settableParams()).toEqual(['position']);
  });

  it('rejects bad parameters at creation', () => {
    expect(() => switchSpec.create('s', { levels: 'tristate' })).toThrow(/levels: expected one of/);
    expect(() => switchSpec.create('s', { delay: -1 })).toThrow(/delay: must be ≥ 0/);
    expect(() => switchSpec.create('s', { color: 'red' })).toThrow(/color: unknown parameter/);
  });
});

describe('photocell', () => {
  it('output = darkLevel + sensitivity · illumination, after responseTime', () => {
    const sim = new Simulator({ tickSeconds: 1e-3 });
    const p = sim.add(
      photocellSpec.create('p', { sensitivity: 2, darkLevel: 0.1, illumination: 0, responseTime: 0.02 }),
    );
    const w = watch(sim, 'p.out');
    setAt(sim, 100, p, 'illumination', 0.5);
    setAt(sim, 200, p, 'illumination', 1);
    setAt(sim, 205, p, 'illumination', 0);
    sim.run();
    expect(w.changes()).toEqual([
      [20, 0.1],
      [120, 1.1],
      [220, 2.1],
      [225, 0.1],
    ]);
  });

  it('is slow by default (CdS, an assumption) and illumination is relative 0..1', () => {
    expect(photocellSpec.params.responseTime.default).toBe(DEFAULT_PHOTOCELL_RESPONSE_S);
    expect(photocellSpec.params.responseTime.assumption).toBe(true);
    const sim = new Simulator(); // 1 µs ticks
    const p = sim.add(photocellSpec.create('p', { illumination: 1 }));
    const w = watch(sim, 'p.out');
    sim.run();
    expect(w.changes()).toEqual([[sim.ticks(DEFAULT_PHOTOCELL_RESPONSE_S), 1]]);
    expect(() => p.setParam('illumination', 1.5)).toThrow(/illumination: must be ≤ 1/);
    expect(() => p.setParam('illumination', -0.1)).toThrow(UserError);
    expect(() => p.setParam('sensitivity', 3)).toThrow(/no settable parameter 'sensitivity'/);
  });

  it('an unchanged illumination schedules nothing', () => {
    const sim = new Simulator();
    const p = sim.add(photocellSpec.create('p', { illumination: 0.25, responseTime: 0 }));
    const r0 = sim.run();
    setAt(sim, 100, p, 'illumination', 0.25);
    const r = sim.run();
    expect(r0.events).toBe(1);
    expect(r.events).toBe(1); // the action only; no net change
  });
});

describe('constant', () => {
  it('defaults to +1 (the bias input) and is settable with no delay', () => {
    const sim = new Simulator();
    const c = sim.add(constantSpec.create('c', {}));
    const w = watch(sim, 'c.out');
    setAt(sim, 7, c, 'value', -2.5);
    setAt(sim, 9, c, 'value', -2.5);
    sim.run();
    expect(w.changes()).toEqual([
      [0, 1],
      [7, -2.5],
    ]);
    expect(c.params()).toEqual({ value: -2.5 });
    expect(() => c.setParam('value', 'high')).toThrow(UserError);
  });
});
