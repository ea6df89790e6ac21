// The event-driven engine against the rule functions: with ideal parts each machine's steps and
// weights equal what calling src/rules/ directly on the same data in the same order gives.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { createEventMachine, type EventMachineOptions } from '../../src/machines/index.js';
import { resolveMachineOptions, type ResolvedMachineOptions } from '../../src/machines/options.js';
import { rUnitBlock } from '../../src/machines/mark1-params.js';
import { associationResponses, type Plugboard } from '../../src/machines/plugboard.js';
import type { LearningStep, MachineEngine, MachineModel } from '../../src/machines/types.js';
import { Rng } from '../../src/rng.js';
import { Probe } from '../../src/sim/probe.js';
import {
  alphaLmsStep,
  mriStep,
  mriiStep,
  muLmsStep,
  perceptronStep,
  valueGainStep,
  type ZeroSumConvention,
} from '../../src/rules/index.js';

type Data = { xs: number[][]; ds: number[][] };

function train(
  m: MachineEngine,
  data: Data,
  epochs: number,
  order?: (e: number) => number[],
): LearningStep[] {
  const steps: LearningStep[] = [];
  let step = 0;
  for (let e = 1; e <= epochs; e++) {
    const o = order ? order(e) : data.xs.map((_, i) => i);
    for (const p of o) steps.push(m.present(data.xs[p], data.ds[p], { step: ++step, epoch: e, pattern: p }));
  }
  return steps;
}

function randomData(
  seed: number,
  n: number,
  inputs: number,
  outputs: number,
  kind: 'real' | 'pm1' | 'unit',
): Data {
  const rng = Rng.fromSeed(seed);
  const xs: number[][] = [];
  const ds: number[][] = [];
  for (let p = 0; p < n; p++) {
    xs.push(
      Array.from({ length: inputs }, () =>
        kind === 'real'
          ? Math.round(rng.uniform(-2, 2) * 8) / 8
          : kind === 'pm1'
            ? rng.next() < 0.5
              ? -1
              : 1
            : rng.next() < 0.4
              ? 1
              : 0,
      ),
    );
    ds.push(Array.from({ length: outputs }, () => (rng.next() < 0.5 ? -1 : 1)));
  }
  return { xs, ds };
}

/** The rule vectors of a WeightsJson layer: each unit's weights with its bias last. */
function vectors(layer: { weights: number[][]; bias: number[] }, bias = true): Float64Array[] {
  return layer.weights.map((w, u) => Float64Array.from(bias ? [...w, layer.bias[u]] : w));
}

function asLayer(ws: Float64Array[], bias = true): { weights: number[][]; bias: number[] } {
  return {
    weights: ws.map((w) => Array.from(bias ? w.subarray(0, w.length - 1) : w)),
    bias: ws.map((w) => (bias ? w[w.length - 1] : 0)),
  };
}

describe('perceptron (one threshold unit on real inputs)', () => {
  for (const rule of ['fixed', 'absolute'] as const) {
    for (const tie of ['error', 'negative', 'positive'] as ZeroSumConvention[]) {
      it(`${rule}, tie ${tie}: steps and weights equal perceptronStep's`, () => {
        const data = randomData(3, 8, 3, 2, 'real');
        const m = createEventMachine('perceptron', {
          inputs: 3,
          outputs: 2,
          rule,
          tie,
          lr: 0.5,
          rng: Rng.fromSeed(1),
        });
        const steps = train(m, data, 3);
        const w = [new Float64Array(4), new Float64Array(4)];
        let k = 0;
        for (let e = 1; e <= 3; e++)
          data.xs.forEach((x, p) => {
            const s = steps[k++];
            const rs = w.map((wu, u) =>
              perceptronStep(wu, x, data.ds[p][u], { eta: 0.5, tie, correction: rule }),
            );
            expect(s.sums).toEqual(rs.map((r) => r.sum));
            expect(s.outputs).toEqual(rs.map((r) => r.output));
            expect(s.mistake).toBe(rs.some((r) => r.mistake));
            expect(s.changes).toEqual(
              rs.flatMap((r, u) =>
                r.changed.map((c) => ({
                  layer: 0,
                  unit: u,
                  input: c.index === 3 ? -1 : c.index,
                  before: c.before,
                  after: c.after,
                })),
              ),
            );
          });
        expect(m.weights()).toEqual({ layers: [asLayer(w)] });
        expect(m.respond(data.xs[0]).sums).toEqual(
          w.map((wu) => wu[0] * data.xs[0][0] + wu[1] * data.xs[0][1] + wu[2] * data.xs[0][2] + wu[3]),
        );
      });
    }
  }
});

describe('ADALINE', () => {
  it('α-LMS: one step through the circuit multiplies the pattern’s error by (1 − α)', () => {
    const rng = Rng.fromSeed(5);
    for (const alpha of [0.1, 0.5, 1, 1.5]) {
      const init = {
        layers: [
          { weights: [Array.from({ length: 16 }, () => rng.uniform(-1, 1))], bias: [rng.uniform(-1, 1)] },
        ],
      };
      const m = createEventMachine('adaline', {
        inputs: 16,
        outputs: 1,
        lr: alpha,
        init,
        rng,
        technology: 'knob',
      });
      const x = Array.from({ length: 16 }, () => (rng.next() < 0.5 ? -1 : 1));
      const before = m.respond(x).sums[0];
      const s = m.present(x, [1], { step: 1, epoch: 1, pattern: 0 });
      expect(s.sums[0]).toBe(before);
      const after = m.respond(x).sums[0];
      expect(1 - after).toBeCloseTo((1 - alpha) * (1 - before), 12);
      // WH60: with ±1 inputs and α = 1 every gain moves by ±ε/17.
      if (alpha === 1)
        for (const c of s.changes)
          expect(Math.abs(c.after - c.before)).toBeCloseTo(Math.abs(1 - before) / 17, 12);
    }
  });

  for (const rule of ['alpha-lms', 'mu-lms'] as const) {
    it(`${rule}: steps and weights equal ${rule === 'alpha-lms' ? 'alphaLmsStep' : 'muLmsStep'}'s (ideal knobs)`, () => {
      const data = randomData(7, 6, 4, 1, 'pm1');
      data.ds = data.ds.map((d, p) => [d[0] * (1 + p / 4)]); // real desired responses
      const lr = rule === 'alpha-lms' ? 0.3 : 0.02;
      const m = createEventMachine('adaline', { inputs: 4, outputs: 1, rule, lr, rng: Rng.fromSeed(2) });
      const steps = train(m, data, 3);
      const w = new Float64Array(5);
      let k = 0;
      for (let e = 1; e <= 3; e++)
        data.xs.forEach((x, p) => {
          const r =
            rule === 'alpha-lms' ? alphaLmsStep(w, x, data.ds[p][0], lr) : muLmsStep(w, x, data.ds[p][0], lr);
          const s = steps[k++];
          expect(s.sums).toEqual([r.sum]);
          expect(s.errors).toEqual([r.error]);
          expect(s.changes.map((c) => c.after)).toEqual(r.changed.map((c) => c.after));
        });
      expect(m.weights()).toEqual({ layers: [asLayer([w])] });
    });
  }

  it('knobby ADALINE: hardware time = setup + per knob (operator reach + travel ÷ hand speed)', () => {
    const m = createEventMachine('adaline', { inputs: 3, outputs: 1, lr: 1, rng: Rng.fromSeed(1) });
    const s = m.present([1, -1, 1], [1], { step: 1, epoch: 1, pattern: 0 });
    // 5 s to set the switches, then 4 knobs × (2 s + 0.25 ÷ 1 unit/s).
    expect(s.time).toBeCloseTo(5 + 4 * (2 + 0.25), 9);
    expect(m.hardwareSeconds()).toBe(s.time);
  });

  it('memistor ADALINE converges (and its weights stay within the memistor range)', () => {
    // WH60-style task: 4×4 ±1 patterns, targets ±1; 6 random patterns are separable with 17 gains.
    const data = randomData(11, 6, 16, 1, 'pm1');
    const m = createEventMachine('adaline', {
      inputs: 16,
      outputs: 1,
      lr: 0.5,
      rng: Rng.fromSeed(3),
      technology: 'memistor',
    });
    const steps = train(m, data, 25);
    const last = steps.slice(-6);
    expect(last.every((s) => !s.mistake)).toBe(true);
    const mse = last.reduce((a, s) => a + s.errors[0] ** 2, 0) / 6;
    expect(mse).toBeLessThan(0.05);
    for (const w of m.weights().layers[0].weights[0]) expect(Math.abs(w)).toBeLessThanOrEqual(4.95);
    // Plating takes seconds: the hardware time is dominated by it (not by 1 µs ticks).
    expect(m.hardwareSeconds()).toBeGreaterThan(25 * 6 * 5);
  });
});

describe('MADALINE', () => {
  const xnor: Data = {
    xs: [
      [-1, -1],
      [-1, 1],
      [1, -1],
      [1, 1],
    ],
    ds: [[1], [-1], [-1], [1]],
  };

  it('MRI: two ADALINEs into AND learn XNOR (WL90 Fig. 8), memistor weights, random order', () => {
    const order = Rng.fromSeed(99);
    let learned = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const m = createEventMachine('madaline', {
        inputs: 2,
        outputs: 1,
        rule: 'mri',
        madaline: { adalines: 2, element: 'and' },
        rng: Rng.fromSeed(seed),
      });
      train(m, xnor, 30, () => order.permutation(4));
      if (xnor.xs.every((x, p) => m.respond(x).outputs[0] === xnor.ds[p][0])) learned++;
    }
    expect(learned).toBeGreaterThanOrEqual(3); // MRI can hang up (WL90 p.1427); most seeds succeed
  });

  it('MRI (ideal motor-driven pots): steps and weights equal mriStep’s, changes in adaptation order', () => {
    const opts: EventMachineOptions = {
      inputs: 2,
      outputs: 1,
      rule: 'mri',
      madaline: { adalines: 3, element: 'maj' },
      rng: Rng.fromSeed(4),
      technology: 'motor-pot',
    };
    const r = resolveMachineOptions('madaline', { ...opts, rng: Rng.fromSeed(4) });
    const m = createEventMachine('madaline', opts);
    const units = vectors(r.initial.layers[0]);
    const data = randomData(8, 6, 2, 1, 'pm1');
    const steps = train(m, data, 4);
    let k = 0;
    for (let e = 1; e <= 4; e++)
      data.xs.forEach((x, p) => {
        const rs = mriStep(units, x, data.ds[p][0], { element: 'maj' });
        const s = steps[k++];
        expect(s.sums).toEqual(rs.sums);
        expect(s.outputs).toEqual([rs.output]);
        expect(s.changes).toEqual(
          rs.changed.map((c) => ({
            layer: 0,
            unit: c.unit,
            input: c.index === 2 ? -1 : c.index,
            before: c.before,
            after: c.after,
          })),
        );
      });
    expect(m.weights()).toEqual({ layers: [asLayer(units)] });
  });

  it('MRII (ideal pots): steps and weights equal mriiStep’s', () => {
    const opts: EventMachineOptions = {
      inputs: 2,
      outputs: 1,
      rule: 'mrii',
      lr: 0.5,
      madaline: { adalines: 3 },
      rng: Rng.fromSeed(6),
      technology: 'motor-pot',
    };
    const r = resolveMachineOptions('madaline', { ...opts, rng: Rng.fromSeed(6) });
    const m = createEventMachine('madaline', opts);
    const net = { hidden: vectors(r.initial.layers[0]), output: vectors(r.initial.layers[1]) };
    const xor: Data = { xs: xnor.xs, ds: xnor.ds.map(([d]) => [-d]) };
    const steps = train(m, xor, 5);
    let k = 0;
    for (let e = 1; e <= 5; e++)
      xor.xs.forEach((x, p) => {
        const rs = mriiStep(net, x, xor.ds[p], { hiddenAlpha: 0.5, outputAlpha: 0.5 });
        const s = steps[k++];
        expect(s.sums).toEqual(rs.before.outputSums);
        expect(s.mistake).toBe(rs.errorsBefore > 0);
      });
    expect(m.weights()).toEqual({ layers: [asLayer(net.hidden), asLayer(net.output)] });
  });
});

describe('Mark I', () => {
  // 6×6 retina; "left" patterns light cells only in columns 0–2, "right" only in columns 3–5.
  function leftRight(seed: number, n: number): Data {
    const rng = Rng.fromSeed(seed);
    const xs: number[][] = [];
    const ds: number[][] = [];
    for (let p = 0; p < n; p++) {
      const left = p % 2 === 0;
      const x = new Array<number>(36).fill(0);
      for (let r = 0; r < 6; r++)
        for (let c = 0; c < 3; c++) if (rng.next() < 0.6) x[r * 6 + (left ? c : c + 3)] = 1;
      xs.push(x);
      ds.push([left ? 1 : -1]);
    }
    return { xs, ds };
  }
  const structure = { aUnits: 60, excitatory: 3, inhibitory: 1, theta: 1, maxFanOut: 40 };

  it('learns a separable left/right task on a 6×6 retina (hardware error correction)', () => {
    const data = leftRight(1, 12);
    const m = createEventMachine('mark1', { inputs: 36, outputs: 1, mark1: structure, rng: Rng.fromSeed(2) });
    const steps = train(m, data, 15);
    const lastEpoch = steps.slice(-12);
    expect(lastEpoch.some((s) => s.mistake)).toBe(false);
    expect(data.xs.every((x, p) => m.respond(x).outputs[0] === data.ds[p][0])).toBe(true);
    // Each correction turned motors: hardware time counts at least 1 s (η = 1 at 1 unit/s) per mistake.
    const mistakes = steps.filter((s) => s.mistake).length;
    expect(m.hardwareSeconds()).toBeGreaterThan(mistakes);
  });

  it('skipping the evaluations of pots at rest at 0 changes nothing: steps, times, weights, probed nets', () => {
    const data = leftRight(4, 12);
    const run = (skipQuiet: boolean) => {
      const m = createEventMachine('mark1', {
        inputs: 36,
        outputs: 2,
        mark1: structure,
        rng: Rng.fromSeed(3),
      });
      const sim = m.simulator;
      sim.skipQuiet = skipQuiet;
      // Probed as `run --vcd --probe` would: a pot that starts at 0 and is moved, its A-unit, the sum, the relay.
      // (Partitioned wiring: R-unit 1's pots are those of A-units 30…59.)
      const probes = ['w0_0.out', 'w1_37.out', 'a0.out', 'r0s.out', 'r1.out'].map((n) => new Probe(sim, n));
      const d = data.ds.map(([v], p) => [v, p % 3 === 0 ? 1 : -1]);
      const steps = train(m, { xs: data.xs, ds: d }, 4);
      return {
        steps,
        weights: m.weights(),
        time: m.hardwareSeconds(),
        samples: probes.map((p) => p.samples),
        evaluations: sim.evaluationCount,
      };
    };
    const skipped = run(true);
    const all = run(false);
    expect(skipped.steps).toEqual(all.steps);
    expect(skipped.weights).toEqual(all.weights);
    expect(skipped.time).toBe(all.time);
    expect(skipped.samples).toEqual(all.samples);
    expect(skipped.samples[0].length).toBeGreaterThan(1);
    expect(skipped.evaluations).toBeLessThan(all.evaluations);
  });

  /** What R-unit u sees of the A-unit responses: all of them, or (partitioned) its block, the rest 0. */
  function seenBy(a: ArrayLike<number>, r: ResolvedMachineOptions, u: number): number[] {
    const [lo, hi] = rUnitBlock(r.mark1!, u);
    return Array.from(a, (v, j) => (j >= lo && j < hi ? v : 0));
  }
  function membersOf(r: ResolvedMachineOptions, u: number): number[] {
    const [lo, hi] = rUnitBlock(r.mark1!, u);
    return Array.from({ length: hi - lo }, (_, i) => lo + i);
  }

  for (const arWiring of ['partitioned', 'full'] as const)
    for (const rule of ['fixed', 'absolute', 'value-gain-alpha', 'value-gain-gamma'] as const) {
      it(`${rule}, ${arWiring} A→R wiring: weights equal the rule functions on the plugboard's A-unit responses`, () => {
        const data = leftRight(3, 6);
        data.ds = data.ds.map(([d], p) => [d, p % 3 === 0 ? 1 : -1]);
        const opts: EventMachineOptions = {
          inputs: 36,
          outputs: 2,
          rule,
          mark1: { ...structure, rBias: rule === 'fixed', arWiring },
          rng: Rng.fromSeed(5),
        };
        // resolveMachineOptions forks the generator, so each call needs its own.
        const r = resolveMachineOptions('mark1', { ...opts, rng: Rng.fromSeed(5) });
        const m = createEventMachine('mark1', opts);
        const bias = rule === 'fixed';
        const w = vectors(r.initial.layers[0], bias);
        const steps = train(m, data, 3);
        let k = 0;
        for (let e = 1; e <= 3; e++)
          data.xs.forEach((x, p) => {
            const a = associationResponses(r.board as Plugboard, x, structure.theta);
            const s = steps[k++];
            w.forEach((wu, u) => {
              if (rule === 'fixed' || rule === 'absolute') {
                const rs = perceptronStep(wu, seenBy(a, r, u), data.ds[p][u], { correction: rule, bias });
                expect(s.sums[u]).toBe(rs.sum);
              } else {
                valueGainStep(wu, a, {
                  system: rule === 'value-gain-alpha' ? 'alpha' : 'gamma',
                  increment: data.ds[p][u],
                  members: membersOf(r, u),
                });
              }
            });
          });
        expect(m.weights()).toEqual({ layers: [asLayer(w, bias)] });
        expect((m.fixedConfig().plugboard as { excitatory: number[][] }).excitatory).toEqual(
          (r.board as Plugboard).excitatory.map((e) => Array.from(e)),
        );
      });
    }

  it('the full Mark I (400 photocells, 512 A-units, 8 R-units, 512 pots) runs a few presentations like the rule', () => {
    const rng = Rng.fromSeed(8);
    const opts: EventMachineOptions = { inputs: 400, outputs: 8, rng: Rng.fromSeed(9) };
    const r = resolveMachineOptions('mark1', { ...opts, rng: Rng.fromSeed(9) });
    const m = createEventMachine('mark1', opts);
    const w = vectors(r.initial.layers[0], false);
    for (let p = 0; p < 3; p++) {
      const x = Array.from({ length: 400 }, () => (rng.next() < 0.3 ? 1 : 0));
      const d = Array.from({ length: 8 }, () => (rng.next() < 0.5 ? 1 : -1));
      const s = m.present(x, d, { step: p + 1, epoch: 1, pattern: p });
      const a = associationResponses(r.board as Plugboard, x, r.mark1!.theta);
      expect(s.sums).toEqual(
        w.map((wu, u) => perceptronStep(wu, seenBy(a, r, u), d[u], { bias: false }).sum),
      );
    }
    expect(m.weights()).toEqual({ layers: [asLayer(w, false)] });
    // One motor-driven pot per A-unit (REFERENCES D1), 64 to each R-unit.
    const pots = m.simulator.allComponents().filter((c) => c.type === 'motor-pot');
    expect(pots.length).toBe(512);
    expect(pots.filter((c) => c.id.startsWith('w7_')).map((c) => c.id)).toEqual(
      Array.from({ length: 64 }, (_, i) => `w7_${448 + i}`),
    );
  });
});

describe('determinism, options and non-idealities', () => {
  it('same seed → identical learning steps (photocell noise on)', () => {
    const run = () => {
      const m = createEventMachine('mark1', {
        inputs: 16,
        outputs: 1,
        mark1: { aUnits: 20, excitatory: 2, inhibitory: 1, theta: 1 },
        nonIdeal: { photocellNoise: 0.3 },
        rng: Rng.fromSeed(21),
      });
      const data = randomData(4, 5, 16, 1, 'unit');
      return train(m, data, 2);
    };
    expect(run()).toEqual(run());
  });

  it('refuses α-LMS outside 0 < α < 2 and unknown settings, naming them', () => {
    const base = { inputs: 2, outputs: 1, rng: Rng.fromSeed(1) };
    expect(() => createEventMachine('adaline', { ...base, lr: 2 })).toThrow(/0 < α < 2/);
    expect(() => createEventMachine('adaline', { ...base, lr: 0.5, timing: { warp: 1 } })).toThrow(
      /timing\.warp/,
    );
    expect(() => createEventMachine('adaline', { ...base, lr: 0.5, nonIdeal: { endStop: -1 } })).toThrow(
      UserError,
    );
    expect(() =>
      createEventMachine('mark1', {
        ...base,
        inputs: 4,
        mark1: { aUnits: 3, excitatory: 1, inhibitory: 0, theta: 1 },
        technology: 'memistor',
      }),
    ).toThrow(/motor-driven/);
    const m = createEventMachine('mark1', {
      ...base,
      inputs: 4,
      mark1: { aUnits: 3, excitatory: 1, inhibitory: 0, theta: 1 },
    });
    expect(() => m.present([0, 2, 0, 0], [1], { step: 1, epoch: 1, pattern: 0 })).toThrow(/illumination/);
  });

  it('non-idealities change the hardware and are recorded: resolution, stuck pot, dead A-unit, correction window', () => {
    const model: MachineModel = 'perceptron';
    const m = createEventMachine(model, {
      inputs: 2,
      outputs: 1,
      lr: 0.3,
      rng: Rng.fromSeed(1),
      nonIdeal: { weightResolution: 0.25, stuckWeights: [{ layer: 0, unit: 0, input: 1 }] },
    });
    m.present([1, 1], [1], { step: 1, epoch: 1, pattern: 0 });
    expect(m.weights()).toEqual({ layers: [{ weights: [[0.25, 0]], bias: [0.25] }] });
    expect(m.fixedConfig().nonIdealities).toMatchObject({ on: ['stuckWeights', 'weightResolution'] });

    const mk = (nonIdeal: EventMachineOptions['nonIdeal']) =>
      createEventMachine('mark1', {
        inputs: 4,
        outputs: 1,
        mark1: { aUnits: 4, excitatory: 1, inhibitory: 0, theta: 1, maxFanOut: 4 },
        rng: Rng.fromSeed(2),
        nonIdeal,
      });
    const dead = mk({ deadUnits: [0, 1, 2, 3] });
    dead.present([1, 1, 1, 1], [1], { step: 1, epoch: 1, pattern: 0 });
    expect(dead.weights().layers[0].weights[0]).toEqual([0, 0, 0, 0]); // no active A-unit, nothing to turn
    const cut = mk({ correctionWindow: 0.5 });
    cut.present([1, 1, 1, 1], [1], { step: 1, epoch: 1, pattern: 0 });
    // The teacher decides in 0.1 s, the motors then run 0.4 s of the 1 s a full increment needs.
    for (const w of cut.weights().layers[0].weights[0]) expect(w).toBeCloseTo(0.4, 9);
  });
});
