/**
 * The dense perceptron's whole-epoch fast path (`presentEpoch`, taken by `trainMachine` when no one
 * watches the steps) must train exactly as presenting pattern by pattern does: same weights, bit for
 * bit, and the same history. Watching (an `onStep` hook) forces the step-by-step path, so the two are
 * compared on the same data and seed.
 */
import { describe, expect, it } from 'vitest';
import { createDenseMachine } from '../../src/machines/create-dense.js';
import { trainMachine } from '../../src/machines/train.js';
import type { TrainMachineResult } from '../../src/machines/train.js';
import type { MachineEngine, WeightsJson } from '../../src/machines/types.js';
import { Rng } from '../../src/rng.js';
import type { ZeroSumConvention } from '../../src/rules/index.js';
import { epochPlan, float64Matrix } from '../../src/wasm/perceptron.js';

interface Case {
  name: string;
  samples: number;
  inputs: number;
  outputs: number;
  tie: ZeroSumConvention;
  lr: number;
  shuffle: boolean;
  /** Small integers make zero sums (ties) common; uniform reals make them rare. */
  integers: boolean;
}

const cases: Case[] = [
  {
    name: 'one unit, data order',
    samples: 103,
    inputs: 7,
    outputs: 1,
    tie: 'error',
    lr: 1,
    shuffle: false,
    integers: false,
  },
  {
    name: 'three units, shuffled',
    samples: 50,
    inputs: 5,
    outputs: 3,
    tie: 'negative',
    lr: 0.5,
    shuffle: true,
    integers: false,
  },
  {
    name: 'integer inputs, many ties',
    samples: 41,
    inputs: 4,
    outputs: 2,
    tie: 'error',
    lr: 1,
    shuffle: true,
    integers: true,
  },
  {
    name: 'positive ties, fewer than four patterns',
    samples: 3,
    inputs: 3,
    outputs: 2,
    tie: 'positive',
    lr: 2,
    shuffle: false,
    integers: true,
  },
];

/** With `wasm`, the patterns are rows of a matrix in WebAssembly memory: the WebAssembly epoch runs. */
function makeData(c: Case, wasm: boolean): { x: Float64Array[]; d: Float64Array[] } {
  const rng = Rng.fromSeed(`present-epoch ${c.name}`);
  const matrix = wasm ? float64Matrix(c.samples, c.inputs) : new Float64Array(c.samples * c.inputs);
  for (let i = 0; i < matrix.length; i++) matrix[i] = c.integers ? rng.int(3) - 1 : rng.uniform(-1, 1);
  const x = Array.from({ length: c.samples }, (_, k) => matrix.subarray(k * c.inputs, (k + 1) * c.inputs));
  // Random labels: mistakes to the last epoch, so the weights keep moving.
  const d = Array.from({ length: c.samples }, () =>
    Float64Array.from({ length: c.outputs }, () => (rng.next() < 0.5 ? -1 : 1)),
  );
  return { x, d };
}

function trainBoth(
  c: Case,
  epochs: number,
  wasm: boolean,
): { fast: TrainMachineResult; slow: TrainMachineResult; weights: WeightsJson[] } {
  const data = makeData(c, wasm);
  const build = () =>
    createDenseMachine('perceptron', {
      inputs: c.inputs,
      outputs: c.outputs,
      rule: 'fixed',
      lr: c.lr,
      tie: c.tie,
      rng: Rng.fromSeed(3),
    });
  const fastMachine = build();
  const slowMachine = build();
  const options = { epochs, shuffle: c.shuffle, rule: 'fixed' as const };
  const fast = trainMachine(fastMachine, data, { ...options, rng: Rng.fromSeed(9) });
  let watched = 0;
  const slow = trainMachine(slowMachine, data, { ...options, rng: Rng.fromSeed(9), onStep: () => watched++ });
  expect(watched).toBe(epochs * c.samples);
  return { fast, slow, weights: [fastMachine.weights(), slowMachine.weights()] };
}

/** Weights compared bit for bit (Object.is tells −0 from 0). */
function expectSameBits(a: WeightsJson, b: WeightsJson): void {
  const flat = (w: WeightsJson) => w.layers.flatMap((l) => [...l.weights.flat(), ...l.bias]);
  const fa = flat(a);
  const fb = flat(b);
  expect(fa.length).toBe(fb.length);
  const differing = fa.flatMap((v, i) => (Object.is(v, fb[i]) ? [] : [[i, v, fb[i]]]));
  expect(differing).toEqual([]);
}

describe('dense perceptron: a whole epoch at once equals pattern by pattern', () => {
  for (const [c, wasm] of cases.flatMap((c) => [[c, false] as const, [c, true] as const])) {
    it(`${c.name}${wasm ? ', data in WebAssembly memory' : ''}`, () => {
      if (wasm) expect(epochPlan(makeData(c, true).x, [0], c.inputs)).not.toBeNull();
      const { fast, slow, weights } = trainBoth(c, 6, wasm);
      expectSameBits(weights[0], weights[1]);
      expect(fast.steps).toBe(slow.steps);
      expect(fast.history.map((h) => h.errors)).toEqual(slow.history.map((h) => h.errors));
      // The losses are summed in the same order, so they are equal to the last bit.
      expect(fast.history.map((h) => h.loss)).toEqual(slow.history.map((h) => h.loss));
      // The case learns something: the weights moved and some epoch had mistakes.
      expect(weights[0].layers[0].weights.flat().some((v) => v !== 0)).toBe(true);
      expect(fast.history.some((h) => h.errors > 0)).toBe(true);
    });
  }
});

describe('presentEpoch', () => {
  const build = (model: 'perceptron' | 'mark1', rule: 'fixed' | 'absolute'): MachineEngine =>
    createDenseMachine(model, {
      inputs: 16,
      outputs: 2,
      rule,
      rng: Rng.fromSeed(1),
      mark1: { aUnits: 20 },
    });
  const x = [new Float64Array(16).fill(1), new Float64Array(16).fill(-1)];
  const d = [Float64Array.of(1, -1), Float64Array.of(-1, 1)];

  it('is offered only where it is exact, and changes nothing where it declines', () => {
    for (const [model, rule] of [
      ['mark1', 'fixed'],
      ['perceptron', 'absolute'],
    ] as const) {
      const m = build(model, rule);
      const before = JSON.stringify(m.weights());
      expect(m.presentEpoch?.(x, d, [0, 1]) ?? null).toBeNull();
      expect(JSON.stringify(m.weights())).toBe(before);
    }
    const m = build('perceptron', 'fixed');
    const outcome = m.presentEpoch?.(x, d, [0, 1, 0]);
    expect(outcome).not.toBeNull();
    // Zero weights: the first presentation is a zero-sum mistake on both units; after that correction
    // pattern 1 (the negation of pattern 0) is answered right, and pattern 0 again too.
    expect(Array.from(outcome?.mistakes ?? [])).toEqual([1, 0, 0]);
    expect(Array.from(outcome?.sums ?? [])).toEqual([0, 0, -15, 15, 17, -17]);
  });

  it('rejects a pattern of the wrong length before any weight moves', () => {
    const m = build('perceptron', 'fixed');
    const before = JSON.stringify(m.weights());
    expect(() => m.presentEpoch?.([x[0], new Float64Array(15)], d, [0, 1])).toThrow(/15 inputs/);
    expect(JSON.stringify(m.weights())).toBe(before);
  });
});
