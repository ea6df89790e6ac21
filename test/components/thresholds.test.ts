import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summerSpec } from '../../src/components/amplifiers.js';
import {
  DEFAULT_RELAY_DROP_OUT_S,
  DEFAULT_RELAY_PULL_IN_S,
  quantizerSpec,
  relaySpec,
  thresholdHigh,
} from '../../src/components/thresholds.js';
import type { ComponentSpec } from '../../src/components/spec.js';
import { OscillationError } from '../../src/errors.js';
import { Simulator } from '../../src/sim/simulator.js';
import { constant, countEvaluations, setAt, watch } from './helpers.js';

/** A constant `x` feeding a threshold unit `t`; 1 ms ticks. */
function unit(spec: ComponentSpec, params: Record<string, number | string>, input = -100) {
  const sim = new Simulator({ tickSeconds: 1e-3 });
  const x = constant(sim, 'x', input);
  const t = sim.add(spec.create('t', params));
  sim.connect('x.out', t, 'in');
  return { sim, x, t, out: watch(sim, 't.out') };
}

describe('quantizer and relay: transfer function', () => {
  it('quantizer: +1 when input ≥ θ (a tie fires, Rosenblatt 1958 p.389), else −1 (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        (x, th) => {
          const { sim } = unit(quantizerSpec, { threshold: th }, x);
          sim.run();
          expect(sim.netValue(sim.netIndex('t.out')!)).toBe(x >= th ? 1 : -1);
        },
      ),
    );
  });

  it('a tie fires by default; tie = low makes the comparison strict', () => {
    const a = unit(quantizerSpec, { threshold: 0.5 }, 0);
    setAt(a.sim, 10, a.x, 'value', 0.5);
    a.sim.run();
    expect(a.out.changes()).toEqual([
      [0, -1],
      [10, 1],
    ]);
    const b = unit(quantizerSpec, { threshold: 0.5, tie: 'low' }, 0);
    setAt(b.sim, 10, b.x, 'value', 0.5);
    b.sim.run();
    expect(b.out.changes()).toEqual([[0, -1]]);
  });

  it('relay defaults: 0/1 contacts, pull-in and drop-out delays (assumptions)', () => {
    const r = relaySpec.create('r', {}).params();
    expect(r).toMatchObject({
      high: 1,
      low: 0,
      pullInDelay: DEFAULT_RELAY_PULL_IN_S,
      dropOutDelay: DEFAULT_RELAY_DROP_OUT_S,
    });
    expect(quantizerSpec.create('q', {}).params()).toMatchObject({
      high: 1,
      low: -1,
      pullInDelay: 0,
      dropOutDelay: 0,
    });
    expect(relaySpec.params.pullInDelay.assumption).toBe(true);
  });

  it('hysteresis, rising: goes high at θ; falling: stays high down to θ − h, low below', () => {
    const { sim, x, out } = unit(quantizerSpec, { threshold: 1, hysteresis: 0.5 }, 0);
    const inputs = [0.9, 1, 0.6, 0.5, 0.49, 0.8, 0.99, 1.2, 0.7, 0.3];
    inputs.forEach((v, i) => setAt(sim, 10 * (i + 1), x, 'value', v));
    sim.run();
    expect(out.changes()).toEqual([
      [0, -1],
      [20, 1], // 1 ≥ θ
      // 0.6 and 0.5 (= θ − h) stay high
      [50, -1], // 0.49 < θ − h
      // 0.8, 0.99 stay low: below θ
      [80, 1], // 1.2
      // 0.7 stays high
      [100, -1], // 0.3
    ]);
  });

  it('hysteresis matches a reference state machine for any input sequence (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -8, max: 8 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: -4, max: 4 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom('high', 'low'),
        (xs, th, h, tie) => {
          const { sim, x, out } = unit(quantizerSpec, { threshold: th / 2, hysteresis: h / 2, tie }, 0);
          xs.forEach((v, i) => setAt(sim, i + 1, x, 'value', v / 2));
          sim.run();
          // Reference: fold over the inputs (0 at t = 0).
          let high = thresholdHigh(0, false, th / 2, h / 2, tie);
          for (const v of xs) {
            const ref =
              tie === 'high'
                ? high
                  ? v / 2 >= (th - h) / 2
                  : v / 2 >= th / 2
                : high
                  ? v / 2 > (th - h) / 2
                  : v / 2 > th / 2;
            high = thresholdHigh(v / 2, high, th / 2, h / 2, tie);
            expect(high).toBe(ref);
          }
          expect(out.probe.valueAt(xs.length)).toBe(high ? 1 : -1);
        },
      ),
    );
  });
});

describe('quantizer and relay: timing', () => {
  it('pull-in and drop-out delays apply to low→high and high→low', () => {
    const { sim, x, out } = unit(relaySpec, { threshold: 0.5, pullInDelay: 0.02, dropOutDelay: 0.007 });
    setAt(sim, 100, x, 'value', 1);
    setAt(sim, 300, x, 'value', 0);
    sim.run();
    expect(out.changes()).toEqual([
      [120, 1],
      [307, 0],
    ]);
  });

  it('is inertial: a crossing undone before the delay never reaches the output', () => {
    // With transport delays the late pull-in (t=120) would land after the early drop-out (t=105)
    // and leave the relay closed with its input low.
    const { sim, x, out } = unit(relaySpec, { threshold: 0.5, pullInDelay: 0.02, dropOutDelay: 0.003 });
    setAt(sim, 100, x, 'value', 1);
    setAt(sim, 102, x, 'value', 0);
    setAt(sim, 200, x, 'value', 1);
    setAt(sim, 230, x, 'value', 0);
    setAt(sim, 232, x, 'value', 1); // back before the 3 ms drop-out completes
    sim.run();
    expect(out.changes()).toEqual([[220, 1]]);
    expect(out.probe.valueAt(1000)).toBe(1);
  });

  it('the input must stay past θ for the whole pull-in delay, even with hysteresis', () => {
    const { sim, x, out } = unit(relaySpec, {
      threshold: 1,
      hysteresis: 0.5,
      pullInDelay: 0.01,
      dropOutDelay: 0.01,
    });
    setAt(sim, 100, x, 'value', 1);
    setAt(sim, 105, x, 'value', 0.8); // in the hysteresis band, but the contacts are still open
    setAt(sim, 200, x, 'value', 1);
    setAt(sim, 300, x, 'value', 0.8); // band: stays closed
    setAt(sim, 400, x, 'value', 0.2);
    sim.run();
    expect(out.changes()).toEqual([
      [210, 1],
      [410, 0],
    ]);
  });

  it('power-on: a relay whose input is already past θ pulls in after its delay; a quantizer at once', () => {
    const r = unit(relaySpec, { threshold: 0 }, 0);
    r.sim.run();
    expect(r.out.changes()).toEqual([[10, 1]]); // low (0) until the pull-in; 0 is the nets' initial value
    // At start-up every net reads 0, which is ≥ θ = 0: the quantizer goes straight to +1, no −1 first.
    const q = unit(quantizerSpec, {}, 3);
    q.sim.run();
    expect(q.out.changes()).toEqual([[0, 1]]);
  });

  it('threshold is settable at run time', () => {
    const { sim, t, out } = unit(quantizerSpec, { threshold: 0 }, 0.5);
    setAt(sim, 10, t, 'threshold', 1);
    setAt(sim, 20, t, 'threshold', 0.5);
    sim.run();
    expect(out.changes()).toEqual([
      [0, 1],
      [10, -1],
      [20, 1],
    ]);
    expect(() => t.setParam('hysteresis', 1)).toThrow(/settable: threshold/);
  });

  it('input changes that keep the output schedule nothing downstream', () => {
    const { sim, x } = unit(quantizerSpec, {}, 1);
    const next = sim.add(summerSpec.create('next', { inputs: 1 }));
    sim.connect('t.out', next, 'in0');
    const evals = countEvaluations(next);
    [2, 3, 0, 7].forEach((v, i) => setAt(sim, 10 * (i + 1), x, 'value', v));
    sim.run();
    expect(evals).toEqual([0, 0]);
  });

  it('an inverting zero-delay quantizer fed back on itself is reported, not hung', () => {
    const sim = new Simulator();
    const q = sim.add(quantizerSpec.create('inv', { high: -1, low: 1 }));
    sim.connect('inv.out', q, 'in');
    expect(() => sim.run()).toThrow(OscillationError);
  });
});
