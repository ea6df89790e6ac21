import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { motorPotSpec, type MotorPot } from '../../src/components/motor-pot.js';
import { Simulator } from '../../src/sim/simulator.js';
import { constant, countEvaluations, setAt, watch } from './helpers.js';

function motor(params: Record<string, number | boolean>) {
  const sim = new Simulator({ tickSeconds: 1e-3 });
  constant(sim, 'x', 1);
  const pot = sim.add(motorPotSpec.create('w', params)) as MotorPot;
  sim.connect('x.out', pot, 'in');
  return { sim, pot, out: watch(sim, 'w.out') };
}

describe('motor-pot', () => {
  it('needs exactly distance ÷ slew of simulated time (within one tick), for any move', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (from, to, slew) => {
          const { sim, pot, out } = motor({ value: from, endStops: false, slew, updateInterval: 0.05 });
          sim.run();
          const t0 = sim.now;
          pot.command(sim, to);
          sim.run();
          expect(pot.value).toBe(to);
          if (to !== from) {
            const changes = out.changes();
            const arrival = changes[changes.length - 1][0] - t0;
            expect(Math.abs(arrival - (Math.abs(to - from) / slew) * 1000)).toBeLessThanOrEqual(1);
            // The output moves monotonically toward the target.
            const values = changes.filter(([t]) => t >= t0).map(([, v]) => v);
            for (let i = 1; i < values.length; i++)
              expect(Math.sign(values[i] - values[i - 1])).toBe(Math.sign(to - from));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stops at the end-stops, after (end-stop − start) ÷ slew', () => {
    const { sim, pot, out } = motor({ value: 0.5, min: -1, max: 1, slew: 2, updateInterval: 0 });
    sim.run();
    pot.command(sim, 7);
    sim.run();
    expect(pot.value).toBe(1);
    expect(out.changes().at(-1)).toEqual([250, 1]); // 0.5 units at 2 units/s = 0.25 s
  });

  it('ignores commands inside the dead-band, and a stuck motor never turns', () => {
    const { sim, pot } = motor({ value: 0, endStops: false, deadBand: 0.2 });
    sim.run();
    pot.command(sim, 0.1);
    sim.run();
    expect(pot.value).toBe(0);
    expect(pot.ignoredCommands).toBe(1);
    pot.command(sim, 0.3);
    sim.run();
    expect(pot.value).toBe(0.3);
    const stuck = motor({ value: 0.2, stuck: true });
    stuck.sim.run();
    stuck.pot.command(stuck.sim, -0.5);
    stuck.sim.run();
    expect(stuck.pot.value).toBe(0.2);
    expect(stuck.sim.now).toBe(0);
  });

  it('lands on the resolution grid', () => {
    const { sim, pot } = motor({ value: 0, min: -1, max: 1, resolution: 0.25 });
    sim.run();
    pot.command(sim, 0.3);
    sim.run();
    expect(pot.value).toBe(0.25);
  });

  it('a stimulus setting `target` starts the motor; halt stops it where it is', () => {
    const { sim, pot } = motor({ value: 0, endStops: false, slew: 1, updateInterval: 0.1 });
    setAt(sim, 10, pot, 'target', 1);
    sim.run({ until: 510 });
    expect(pot.busy).toBe(true);
    pot.halt(sim);
    sim.run();
    expect(pot.busy).toBe(false);
    expect(pot.value).toBeCloseTo(0.5, 12);
  });
});

describe('motor-pot at rest at 0 (quiet: not evaluated on finite input changes)', () => {
  // The same circuit and stimulus with the kernel skipping quiet evaluations and without: every
  // net change (time and value) and the final weight must be the same; only evaluations differ.
  function run(skipQuiet: boolean, inputs: number[], commands: Array<[number, number]>) {
    const sim = new Simulator({ tickSeconds: 1e-3, skipQuiet });
    constant(sim, 'x', 0);
    const pot = sim.add(
      motorPotSpec.create('w', { value: 0, endStops: false, updateInterval: 0.05 }),
    ) as MotorPot;
    sim.connect('x.out', pot, 'in');
    const out = watch(sim, 'w.out');
    // The input net is driven directly, so that it can also take non-finite values.
    const xNet = sim.netIndex('x.out')!;
    inputs.forEach((v, i) => sim.at(10 + 100 * i, () => sim.scheduleNet(xNet, v, 0)));
    for (const [t, target] of commands) sim.at(t, () => pot.command(sim, target));
    sim.run();
    return { changes: out.changes(), w: pot.value, now: sim.now, evaluations: sim.evaluationCount };
  }

  it('gives the same output changes, weight and time as evaluating it every time (property)', () => {
    const value = fc.oneof(
      fc.constantFrom(0, 1, -0, Infinity, -Infinity, NaN),
      fc.double({ min: -3, max: 3, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 25 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2600 }), fc.constantFrom(0, 1, -1, 0.5)), {
          maxLength: 4,
        }),
        (inputs, commands) => {
          const quiet = run(true, inputs, commands);
          const every = run(false, inputs, commands);
          expect(quiet.changes).toEqual(every.changes);
          expect(Object.is(quiet.w, every.w)).toBe(true);
          expect(quiet.now).toBe(every.now);
          expect(quiet.evaluations).toBeLessThanOrEqual(every.evaluations);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is skipped while at 0, and evaluated again once commanded away from 0', () => {
    const inputs = [1, 0, 1, 0];
    const skipped = run(true, inputs, []);
    const all = run(false, inputs, []);
    expect(skipped.changes).toEqual(all.changes);
    expect(skipped.evaluations).toBeLessThan(all.evaluations);
    const moved = run(true, [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0], [[5, 0.5]]);
    expect(moved.changes).toEqual(run(false, [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0], [[5, 0.5]]).changes);
    expect(moved.changes.at(-1)).toEqual([1110, 0]);
  });
});

describe('motor-pot with moveOnce (issue 19 decision 3: the wiper shown on arrival only unless probed)', () => {
  // x = 1 into the pot, its output read straight from the net (no probe) or through a probe.
  function build(moveOnce: boolean, probed: boolean) {
    const sim = new Simulator({ tickSeconds: 1e-3 });
    constant(sim, 'x', 1);
    const pot = sim.add(
      motorPotSpec.create('w', { value: 0.25, endStops: false, slew: 1, updateInterval: 0.1, moveOnce }),
    ) as MotorPot;
    sim.connect('x.out', pot, 'in');
    const evaluations = countEvaluations(pot);
    const out = probed ? watch(sim, 'w.out') : null;
    return { sim, pot, evaluations, out, net: sim.netIndex('w.out')! };
  }

  it('unprobed: evaluated at the command and at arrival only; same setting and arrival time', () => {
    const once = build(true, false);
    const every = build(false, false);
    for (const m of [once, every]) {
      m.sim.run();
      m.pot.command(m.sim, 1.25);
      m.sim.run();
    }
    expect(once.pot.value).toBe(1.25);
    expect(once.sim.now).toBe(every.sim.now);
    expect(once.sim.netValue(once.net)).toBe(every.sim.netValue(every.net));
    // At time 0 (start-up, the input, the command), then at arrival; the stepping pot also wakes
    // every 0.1 s on the way.
    expect(once.evaluations).toEqual([0, 0, 0, 1000]);
    expect(every.evaluations).toEqual([0, 0, 0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  });

  it('a reader during the motion sees the setting the motor started from, until arrival', () => {
    const { sim, pot, net } = build(true, false);
    sim.run();
    pot.command(sim, 1.25);
    sim.run({ until: 600 });
    expect(pot.busy).toBe(true);
    expect(sim.netValue(net)).toBe(0.25); // the stepping pot would show 0.75 by now
    sim.run();
    expect(sim.netValue(net)).toBe(1.25);
    // Halted mid-way, it shows where the wiper is, as the stepping pot does.
    const h = build(true, false);
    h.sim.run();
    h.pot.command(h.sim, 1.25);
    h.sim.run({ until: 500 });
    h.pot.halt(h.sim);
    h.sim.run();
    expect(h.pot.value).toBeCloseTo(0.75, 12);
    expect(h.sim.netValue(h.net)).toBe(h.pot.value);
  });

  it('probed: every step of the motion is shown, as without moveOnce', () => {
    const once = build(true, true);
    const every = build(false, true);
    for (const m of [once, every]) {
      m.sim.run();
      m.pot.command(m.sim, 1.25);
      m.sim.run();
    }
    expect(once.out!.changes()).toEqual(every.out!.changes());
    expect(once.out!.changes().length).toBe(1 + 10);
  });
});
