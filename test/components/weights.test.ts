import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summerSpec } from '../../src/components/amplifiers.js';
import { paramProblems } from '../../src/components/params.js';
import { potentiometerSpec, potSetting, type Potentiometer } from '../../src/components/weights.js';
import { UserError } from '../../src/errors.js';
import { Simulator } from '../../src/sim/simulator.js';
import { constant, countEvaluations, setAt, watch } from './helpers.js';

function potCircuit(params: Record<string, number>, input: number) {
  const sim = new Simulator({ tickSeconds: 1e-3 });
  const src = constant(sim, 'x', input);
  const pot = sim.add(potentiometerSpec.create('w', params)) as Potentiometer;
  sim.connect('x.out', pot, 'in');
  return { sim, src, pot, out: watch(sim, 'w.out') };
}

describe('potentiometer', () => {
  it('output = w · input within the range (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (w, x) => {
          const { sim } = potCircuit({ value: w }, x);
          sim.run();
          expect(sim.netValue(sim.netIndex('w.out')!)).toBe(w * x + 0); // the kernel treats −0 as 0
        },
      ),
    );
  });

  it('clamps a value beyond the range to the end-stop, at creation and when set', () => {
    const { sim, pot, out } = potCircuit({ value: 3, min: -2, max: 2 }, 1);
    expect(pot.value).toBe(2);
    setAt(sim, 10, pot, 'value', -7);
    setAt(sim, 20, pot, 'value', 1.5);
    setAt(sim, 30, pot, 'value', 99);
    sim.run();
    expect(out.changes()).toEqual([
      [0, 2],
      [10, -2],
      [20, 1.5],
      [30, 2],
    ]);
    expect(pot.params().value).toBe(2);
  });

  it('quantises to the nearest step from min', () => {
    expect(potSetting(0.1, -1, 1, 0.25)).toBe(0);
    expect(potSetting(0.13, -1, 1, 0.25)).toBe(0.25);
    expect(potSetting(-0.875, -1, 1, 0.25)).toBe(-0.75); // a tie goes up
    expect(potSetting(5, -1, 1, 0.25)).toBe(1);
    expect(potSetting(0.95, 0, 1, 0.3)).toBeCloseTo(0.9, 12); // max off the grid: the last step below it
    expect(potSetting(0.3, 0, 0.3, 0.1)).toBeCloseTo(0.3, 12); // max on the grid despite 0.3/0.1 < 3
    expect(potSetting(0.37, -1, 1, 0)).toBe(0.37); // 0 = continuous
  });

  it('quantised settings are the nearest reachable step (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: -5, max: 0, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (v, min, span, res) => {
          const max = min + span;
          fc.pre(res <= span);
          const s = potSetting(v, min, max, res);
          const k = Math.round((s - min) / res);
          expect(Math.abs(s - (min + k * res))).toBeLessThan(1e-9); // on the grid
          expect(s).toBeGreaterThanOrEqual(min);
          expect(s).toBeLessThanOrEqual(max + 1e-9);
          // No other reachable step is nearer to the clamped request.
          const c = Math.min(max, Math.max(min, v));
          for (const kk of [k - 1, k + 1]) {
            const other = min + kk * res;
            if (other >= min - 1e-9 && other <= max + 1e-9) {
              expect(Math.abs(c - s)).toBeLessThanOrEqual(Math.abs(c - other) + 1e-9);
            }
          }
        },
      ),
    );
  });

  it('applies resolution to run-time settings', () => {
    const { sim, pot, out } = potCircuit({ value: 0, resolution: 0.5 }, 2);
    setAt(sim, 5, pot, 'value', 0.3); // → 0.5
    setAt(sim, 6, pot, 'value', 0.6); // → 0.5: unchanged, no output event
    setAt(sim, 7, pot, 'value', 0.8); // → 1
    sim.run();
    expect(out.changes()).toEqual([
      [5, 1],
      [7, 2],
    ]);
  });

  it('output follows an input change or a new setting exactly `delay` ticks later', () => {
    const { sim, src, pot, out } = potCircuit({ value: 0.5, delay: 0.004 }, 0);
    setAt(sim, 10, src, 'value', 2);
    setAt(sim, 100, pot, 'value', -1);
    sim.run();
    expect(out.changes()).toEqual([
      [14, 1],
      [104, -2],
    ]);
  });

  it('an unchanged product schedules nothing downstream', () => {
    const { sim, src, pot } = potCircuit({ value: 0 }, 1);
    const sum = sim.add(summerSpec.create('s', { inputs: 1 }));
    sim.connect('w.out', sum, 'in0');
    const evals = countEvaluations(sum);
    setAt(sim, 10, src, 'value', 5); // w = 0: output stays 0
    setAt(sim, 20, pot, 'value', 0);
    sim.run();
    expect(evals).toEqual([0]); // start-up only
  });

  it('checks its range and settings', () => {
    expect(paramProblems(potentiometerSpec, { min: 1, max: 1 })).toEqual([
      ['max', 'must be greater than min (1), got 1'],
    ]);
    expect(paramProblems(potentiometerSpec, { resolution: 3 })[0][0]).toBe('resolution');
    expect(paramProblems(potentiometerSpec, { resolution: -0.1 })[0][0]).toBe('resolution');
    expect(() => potentiometerSpec.create('w', { min: 2, max: -2 })).toThrow(UserError);
    const pot = potentiometerSpec.create('w', {});
    expect(() => pot.setParam('value', Number.NaN)).toThrow(/finite/);
    expect(() => pot.setParam('max', 3)).toThrow(UserError);
  });
});
