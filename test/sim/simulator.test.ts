import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summerSpec } from '../../src/components/amplifiers.js';
import { constantSpec } from '../../src/components/sources.js';
import { quantizerSpec } from '../../src/components/thresholds.js';
import { OscillationError } from '../../src/errors.js';
import { Component } from '../../src/sim/component.js';
import { EventKind, EventQueue } from '../../src/sim/event-queue.js';
import { Probe } from '../../src/sim/probe.js';
import { Simulator } from '../../src/sim/simulator.js';

function countEvaluations(c: Component): number[] {
  const times: number[] = [];
  const evaluate = c.evaluate.bind(c);
  c.evaluate = (sim: Simulator) => {
    times.push(sim.now);
    evaluate(sim);
  };
  return times;
}

function setAt(sim: Simulator, time: number, c: Component, name: string, value: number): void {
  sim.at(time, () => {
    c.setParam(name, value);
    sim.touch(c);
  });
}

/** A quantizer that inverts (+1 below 0, −1 at or above), fed back on itself through `delay` seconds. */
function inverterLoop(delay: number, options: { maxEvaluationsPerInstant?: number } = {}) {
  const sim = new Simulator({ tickSeconds: 1, ...options });
  const q = sim.add(
    quantizerSpec.create('inv', { high: -1, low: 1, pullInDelay: delay, dropOutDelay: delay }),
  );
  sim.connect('inv.out', q, 'in');
  return sim;
}

describe('event queue', () => {
  type Op = { push: [number, number] } | { pop: true };
  const op: fc.Arbitrary<Op> = fc.oneof(
    {
      arbitrary: fc.record({
        push: fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: -2, max: 2 })),
      }),
      weight: 3,
    },
    { arbitrary: fc.constant({ pop: true as const }), weight: 1 },
  );

  it('pops in (time, priority, insertion) order, for any interleaving of pushes and pops (property)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const q = new EventQueue();
        const reference: Array<{ time: number; priority: number; id: number }> = [];
        let id = 0;
        const byOrder = (a: (typeof reference)[0], b: (typeof reference)[0]) =>
          a.time - b.time || a.priority - b.priority || a.id - b.id;
        const popBoth = () => {
          reference.sort(byOrder);
          const want = reference.shift()!;
          const slot = q.pop();
          expect([q.timeOf(slot), q.priorityOf(slot), q.valueOf(slot)]).toEqual([
            want.time,
            want.priority,
            want.id,
          ]);
        };
        for (const o of ops) {
          if ('push' in o) {
            const [time, priority] = o.push;
            q.push(time, priority, EventKind.NetChange, 0, id);
            reference.push({ time, priority, id: id++ });
          } else if (reference.length > 0) {
            popBoth();
          }
          expect(q.size).toBe(reference.length);
        }
        while (reference.length > 0) popBoth();
        expect(q.peekTime()).toBe(Infinity);
      }),
    );
  });

  it('popAt(t) pops only events due by t, in the same order as pop (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: -1, max: 1 })), {
          maxLength: 400,
        }),
        fc.integer({ min: 0, max: 6 }),
        (events, t) => {
          const a = new EventQueue();
          const b = new EventQueue();
          events.forEach(([time, priority], id) => {
            a.push(time, priority, EventKind.NetChange, 0, id);
            b.push(time, priority, EventKind.NetChange, 0, id);
          });
          const due = events.filter(([time]) => time <= t).length;
          const got: number[] = [];
          for (let slot = a.popAt(t); slot >= 0; slot = a.popAt(t)) got.push(a.valueOf(slot));
          const want: number[] = [];
          for (let i = 0; i < due; i++) want.push(b.valueOf(b.pop()));
          expect(got).toEqual(want);
          expect(a.size).toBe(events.length - due);
          expect(a.peekTime()).toBe(b.peekTime());
        },
      ),
    );
  });

  it('keeps that order when batches of equal (time, priority) interleave with popAt (property)', () => {
    // Batches fill the lanes (and, past four keys, the heap); popAt takes a few of the events due,
    // so a lane that comes first is popped from again and again while others and the heap fill up
    // (also with events that come before it: same time, lower priority).
    type BatchOp = { batch: [number, number, number] } | { popAt: [number, number] } | { clear: true };
    const batchOp: fc.Arbitrary<BatchOp> = fc.oneof(
      {
        arbitrary: fc.record({
          batch: fc.tuple(
            fc.integer({ min: 0, max: 8 }),
            fc.integer({ min: -1, max: 1 }),
            fc.integer({ min: 1, max: 6 }),
          ),
        }),
        weight: 6,
      },
      {
        arbitrary: fc.record({
          popAt: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 8 })),
        }),
        weight: 4,
      },
      { arbitrary: fc.constant({ clear: true as const }), weight: 1 },
    );
    fc.assert(
      fc.property(fc.array(batchOp, { maxLength: 600 }), (ops) => {
        const q = new EventQueue();
        let reference: Array<{ time: number; priority: number; id: number }> = [];
        let id = 0;
        let now = 0;
        const byOrder = (a: (typeof reference)[0], b: (typeof reference)[0]) =>
          a.time - b.time || a.priority - b.priority || a.id - b.id;
        for (const o of ops) {
          if ('batch' in o) {
            // As in the kernel, nothing is scheduled before the time of the last pop.
            const [dt, priority, n] = o.batch;
            for (let i = 0; i < n; i++) {
              q.push(now + dt, priority, EventKind.NetChange, 0, id);
              reference.push({ time: now + dt, priority, id: id++ });
            }
          } else if ('popAt' in o) {
            const [ahead, count] = o.popAt;
            const until = now + ahead;
            reference.sort(byOrder);
            for (let i = 0; i < count; i++) {
              const slot = q.popAt(until);
              if (reference.length === 0 || reference[0].time > until) {
                expect(slot).toBe(-1);
                break;
              }
              const want = reference.shift()!;
              expect([q.timeOf(slot), q.priorityOf(slot), q.valueOf(slot)]).toEqual([
                want.time,
                want.priority,
                want.id,
              ]);
              now = want.time;
            }
          } else {
            q.clear();
            reference = [];
          }
          expect(q.size).toBe(reference.length);
        }
        reference.sort(byOrder);
        for (const want of reference) expect(q.valueOf(q.pop())).toBe(want.id);
        expect(q.peekTime()).toBe(Infinity);
      }),
    );
  });

  it('simultaneous stimulus actions run in insertion order', () => {
    const sim = new Simulator();
    const order: number[] = [];
    for (const i of [3, 1, 2]) sim.at(5, () => order.push(i));
    sim.at(5, () => order.push(0), -5); // a lower priority number goes first
    sim.run();
    expect(order).toEqual([0, 3, 1, 2]);
  });
});

describe('coalescing', () => {
  it('k input changes to one component in one instant → exactly one evaluation (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 100 }), (k, t) => {
        const sim = new Simulator();
        const xs = Array.from({ length: k }, (_, i) => sim.add(constantSpec.create(`x${i}`, { value: 0 })));
        const s = sim.add(summerSpec.create('s', { inputs: k }));
        xs.forEach((x, i) => sim.connect(`x${i}.out`, s, `in${i}`));
        const evals = countEvaluations(s);
        xs.forEach((x, i) => setAt(sim, t, x, 'value', i + 1));
        sim.run();
        expect(evals).toEqual([0, t]);
      }),
    );
  });

  it('evaluates once per instant in which some input actually changed, for any stimulus (property)', () => {
    const change = fc.record({
      time: fc.integer({ min: 1, max: 15 }),
      input: fc.integer({ min: 0, max: 3 }),
      value: fc.integer({ min: -1, max: 1 }),
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), (changes) => {
        const sim = new Simulator();
        const xs = [0, 1, 2, 3].map((i) => sim.add(constantSpec.create(`x${i}`, { value: 0 })));
        const s = sim.add(summerSpec.create('s', { inputs: 4, weights: [1, 10, 100, 1000] }));
        xs.forEach((x, i) => sim.connect(`x${i}.out`, s, `in${i}`));
        const evals = countEvaluations(s);
        for (const c of changes) setAt(sim, c.time, xs[c.input], 'value', c.value);
        sim.run();
        // Reference: the instants at which some input's final value differs from its previous one.
        const current = [0, 0, 0, 0];
        const expected: number[] = [];
        for (let t = 1; t <= 15; t++) {
          const next = [...current];
          for (const c of changes) if (c.time === t) next[c.input] = c.value;
          if (next.some((v, i) => v !== current[i])) expected.push(t);
          current.splice(0, 4, ...next);
        }
        expect(evals).toEqual([0, ...expected]);
      }),
    );
  });
});

describe('oscillation', () => {
  it('a zero-delay inverter loop stops with an OscillationError naming the component', () => {
    const sim = inverterLoop(0);
    let error: unknown;
    try {
      sim.run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OscillationError);
    const oe = error as OscillationError;
    expect(oe.components).toEqual(['inv']);
    expect(oe.time).toBe(0);
    expect(oe.message).toMatch(/'inv'/);
    expect(oe.message).toMatch(/non-zero delay/);
  });

  it('names every component of a longer zero-delay loop, and not the bystanders', () => {
    const sim = new Simulator({ maxEvaluationsPerInstant: 50 });
    const src = sim.add(constantSpec.create('src', { value: 1 }));
    const a = sim.add(summerSpec.create('a', { inputs: 2 }));
    const b = sim.add(quantizerSpec.create('b', { threshold: 0.5, high: -1, low: 1 }));
    const bystander = sim.add(summerSpec.create('bystander', { inputs: 1, delay: 0 }));
    sim.connect('src.out', a, 'in0');
    sim.connect('b.out', a, 'in1');
    sim.connect('a.out', b, 'in');
    sim.connect('src.out', bystander, 'in0');
    expect(src.id).toBe('src');
    let error: unknown;
    try {
      sim.run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OscillationError);
    expect([...(error as OscillationError).components].sort()).toEqual(['a', 'b']);
  });

  it('a loop with a delay oscillates in time and stops at the time limit or the event budget', () => {
    const sim = inverterLoop(3);
    const probe = new Probe(sim, 'inv.out');
    const r = sim.run({ until: 20 });
    expect(r.reason).toBe('time');
    expect(r.time).toBe(20);
    expect(sim.now).toBe(20);
    // Power-on low (+1) at t=0; input +1 ≥ 0 fires (−1) 3 ticks later, which drops it 3 ticks later…
    expect(probe.samples.map((s) => s.time)).toEqual([0, 3, 6, 9, 12, 15, 18]);
    const b = sim.run({ maxEvents: 7 });
    expect(b.reason).toBe('budget');
    expect(b.events).toBe(7);
  });
});

describe('stopping', () => {
  function chain() {
    const sim = new Simulator({ tickSeconds: 1 });
    const x = sim.add(constantSpec.create('x', { value: 1 }));
    const s = sim.add(summerSpec.create('s', { inputs: 1, delay: 10 }));
    sim.connect('x.out', s, 'in0');
    return { sim, x, s };
  }

  it('stops on an empty queue', () => {
    const { sim } = chain();
    const r = sim.run();
    expect(r).toMatchObject({ reason: 'quiescent', time: 10 });
    expect(sim.netValue(sim.netIndex('s.out')!)).toBe(1);
    expect(sim.run()).toMatchObject({ reason: 'quiescent', events: 0, evaluations: 0 });
  });

  it('stops at a time without processing later events, and resumes', () => {
    const { sim } = chain();
    const r = sim.run({ until: 9 });
    expect(r).toMatchObject({ reason: 'time', time: 9 });
    expect(sim.netValue(sim.netIndex('s.out')!)).toBe(0);
    // Events at `until` are processed (the queue then empties: see the gap below for the reason).
    expect(sim.run({ until: 10 })).toMatchObject({ time: 10 });
    expect(sim.netValue(sim.netIndex('s.out')!)).toBe(1);
  });

  it('stops at an event budget', () => {
    const { sim, x } = chain();
    for (let t = 1; t <= 5; t++) setAt(sim, t * 100, x, 'value', t + 1);
    const r = sim.run({ maxEvents: 3 });
    expect(r).toMatchObject({ reason: 'budget', events: 3 });
    expect(sim.run()).toMatchObject({ reason: 'quiescent', time: 510 });
    expect(sim.eventCount).toBe(18); // start-up: x@0, s@10 (its initial 0) and s@10 (1); then 5 × (action, x, s)
  });

  it('rejects running backwards and scheduling in the past', () => {
    const { sim } = chain();
    sim.at(1000, () => {});
    expect(sim.run({ until: 50 })).toMatchObject({ reason: 'time', time: 50 });
    expect(() => sim.run({ until: 40 })).toThrow(/already 50/);
    expect(() => sim.at(49, () => {})).toThrow(/not before now/);
    expect(() => sim.at(50.5, () => {})).toThrow(/whole ticks/);
  });

  it('advances to `until` even when the queue empties first', () => {
    const { sim } = chain();
    expect(sim.run({ until: 100 })).toMatchObject({ reason: 'quiescent', time: 100 });
    expect(sim.now).toBe(100);
  });

  it('counts evaluations per run: many zero-delay settles at one simulated time are not an oscillation', () => {
    const sim = new Simulator({ tickSeconds: 1 });
    const x = sim.add(constantSpec.create('x', { value: 0 }));
    const s = sim.add(summerSpec.create('s', { inputs: 1 }));
    sim.connect('x.out', s, 'in0');
    sim.run();
    for (let i = 1; i <= 3 * sim.maxEvaluationsPerInstant; i++) {
      x.setParam('value', i);
      sim.touch(x);
      sim.run();
    }
    expect(sim.now).toBe(0);
    expect(sim.netValue(sim.netIndex('s.out')!)).toBe(3 * sim.maxEvaluationsPerInstant);
  });

  it('evaluates a component touched between runs, once', () => {
    const { sim, x } = chain();
    sim.run();
    x.setParam('value', 5);
    sim.touch(x);
    const r = sim.run();
    expect(sim.netValue(sim.netIndex('s.out')!)).toBe(5);
    // x once, then the summer once when x's new value arrives.
    expect(r.evaluations).toBe(2);
  });
});

describe('probes', () => {
  it('record changes only, with their times', () => {
    const sim = new Simulator();
    const x = sim.add(constantSpec.create('x', { value: 0 }));
    const p = new Probe(sim, 'x.out');
    const seen: number[] = [];
    sim.probe(sim.netIndex('x.out')!, (_t, v) => seen.push(v)); // a second listener on the same net
    [0, 2, 2, 2, -1, -1, 0, 0].forEach((v, i) => setAt(sim, 10 * (i + 1), x, 'value', v));
    sim.run();
    expect(p.samples).toEqual([
      { time: 20, value: 2 },
      { time: 50, value: -1 },
      { time: 70, value: 0 },
    ]);
    expect(seen).toEqual([2, -1, 0]);
    expect(p.valueAt(5)).toBe(0);
    expect(p.valueAt(55)).toBe(-1);
  });

  it('reject unknown nets', () => {
    expect(() => new Probe(new Simulator(), 'nobody.out')).toThrow(/no net named/);
  });

  it('a run is reproducible: the same circuit and stimulus give the same samples', () => {
    const build = () => {
      const sim = inverterLoop(2);
      const p = new Probe(sim, 'inv.out');
      sim.run({ until: 50 });
      return p.samples;
    };
    expect(build()).toEqual(build());
  });
});
