// Issue 19 decision 3: in training the Mark I's motor-driven pots show their new setting on arrival
// only, unless the circuit is probed or the user sets `timing.motorUpdateInterval`; the learning
// outcome is that of simulating every step of every motion.
import { describe, expect, it } from 'vitest';
import { createEventMachine, type EventMachineOptions } from '../../src/machines/index.js';
import type { LearningStep } from '../../src/machines/types.js';
import { Rng } from '../../src/rng.js';
import { Probe } from '../../src/sim/probe.js';

// A 6×6 retina; "left" patterns light cells in columns 0–2, "right" in columns 3–5; R-unit 1 learns
// a second, arbitrary split so that both units' pots turn.
function leftRight(seed: number, n: number): { xs: number[][]; ds: number[][] } {
  const rng = Rng.fromSeed(seed);
  const xs: number[][] = [];
  const ds: number[][] = [];
  for (let p = 0; p < n; p++) {
    const left = p % 2 === 0;
    const x = new Array<number>(36).fill(0);
    for (let r = 0; r < 6; r++)
      for (let c = 0; c < 3; c++) if (rng.next() < 0.6) x[r * 6 + (left ? c : c + 3)] = 1;
    xs.push(x);
    ds.push([left ? 1 : -1, p % 3 === 0 ? 1 : -1]);
  }
  return { xs, ds };
}

const PROBES = ['w0_0.out', 'w1_37.out', 'r0s.out', 'r1s.out', 'r1.out'];

function run(options: Partial<EventMachineOptions>, probed: boolean) {
  const m = createEventMachine('mark1', {
    inputs: 36,
    outputs: 2,
    mark1: { aUnits: 60, excitatory: 3, inhibitory: 1, theta: 1, maxFanOut: 40 },
    rng: Rng.fromSeed(3),
    ...options,
  });
  const sim = m.simulator;
  const probes = probed ? PROBES.map((n) => new Probe(sim, n)) : [];
  const data = leftRight(4, 12);
  const steps: LearningStep[] = [];
  let step = 0;
  for (let e = 1; e <= 4; e++)
    data.xs.forEach((x, p) => steps.push(m.present(x, data.ds[p], { step: ++step, epoch: e, pattern: p })));
  return {
    // Hardware time may differ (a relay that flips during a motion flips at arrival instead).
    learned: steps.map(({ time: _time, ...s }) => s),
    corrections: steps.filter((s) => s.mistake).length,
    weights: m.weights(),
    responses: data.xs.map((x) => m.respond(x)),
    samples: probes.map((p) => p.samples),
    events: sim.eventCount,
  };
}

describe('Mark I motor pots in training', () => {
  const stepping = { timing: { motorUpdateInterval: 0.25 } };

  it('unprobed, they move once: the same steps, weights and responses as simulating every step', () => {
    const once = run({}, false);
    const every = run(stepping, false);
    expect(once.corrections).toBeGreaterThan(3);
    expect(once.learned).toEqual(every.learned);
    expect(once.weights).toEqual(every.weights);
    expect(once.responses).toEqual(every.responses);
    expect(once.events).toBeLessThan(every.events);
  });

  it('probed, or with timing.motorUpdateInterval set, every step of every motion is simulated', () => {
    const probed = run({}, true);
    const every = run(stepping, true);
    expect(probed.samples).toEqual(every.samples);
    expect(probed.events).toBe(every.events);
    // A pot moved by a correction shows intermediate settings (η = 1 at 1 unit/s, every 0.25 s).
    const pot = probed.samples[0].map((s) => s.value);
    expect(pot.some((v) => v !== 0 && Math.abs(v) !== Math.round(Math.abs(v)))).toBe(true);
    // Unprobed with the interval set: as many events as probed (the probes add none).
    expect(run(stepping, false).events).toBe(every.events);
  });

  it('with a correction window the motors halt mid-way: the same weights either way', () => {
    const window = { nonIdeal: { correctionWindow: 0.5 } };
    const once = run(window, false);
    const every = run({ ...window, ...stepping }, false);
    expect(once.learned).toEqual(every.learned);
    expect(once.weights).toEqual(every.weights);
  });
});
