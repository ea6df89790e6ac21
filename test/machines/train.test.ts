/** The epoch loop: presentation order, counts, the loss of each rule, the onStep hook. */
import { describe, expect, it } from 'vitest';
import { createDenseMachine } from '../../src/machines/create-dense.js';
import { lossKind, trainMachine } from '../../src/machines/train.js';
import type { LearningStep } from '../../src/machines/types.js';
import { Rng } from '../../src/rng.js';

const xs = [
  [1, 0],
  [0, 1],
  [1, 1],
  [-1, -1],
  [2, -1],
];
const labels = [1, -1, 1, -1, 1];

describe('trainMachine', () => {
  it('presents in file order without shuffling, and a fresh permutation per epoch with it', () => {
    const seen: number[][] = [[], [], []];
    const m = createDenseMachine('perceptron', { inputs: 2, outputs: 1, rng: Rng.fromSeed(1) });
    const data = { x: xs, d: labels.map((v) => [v]) };
    trainMachine(m, data, {
      epochs: 2,
      shuffle: false,
      rule: 'fixed',
      onStep: (s) => seen[s.epoch].push(s.pattern),
    });
    expect(seen[1]).toEqual([0, 1, 2, 3, 4]);
    expect(seen[2]).toEqual([0, 1, 2, 3, 4]);

    const shuffled: number[][] = [[], [], [], []];
    const m2 = createDenseMachine('perceptron', { inputs: 2, outputs: 1, rng: Rng.fromSeed(1) });
    trainMachine(m2, data, {
      epochs: 3,
      shuffle: true,
      rng: Rng.fromSeed(7),
      rule: 'fixed',
      onStep: (s) => shuffled[s.epoch].push(s.pattern),
    });
    const expected = Rng.fromSeed(7);
    for (let e = 1; e <= 3; e++) expect(shuffled[e]).toEqual(expected.permutation(5));
  });

  it('numbers steps from 1 across epochs and counts mistakes per epoch', () => {
    const steps: LearningStep[] = [];
    const m = createDenseMachine('perceptron', { inputs: 2, outputs: 1, rng: Rng.fromSeed(1) });
    const r = trainMachine(
      m,
      { x: xs, d: labels.map((v) => [v]) },
      { epochs: 4, shuffle: false, rule: 'fixed', onStep: (s) => steps.push(s) },
    );
    expect(r.steps).toBe(20);
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const h of r.history) {
      expect(h.errors).toBe(steps.filter((s) => s.epoch === h.epoch && s.mistake).length);
    }
    expect(r.history[0].errors).toBeGreaterThan(0);
  });

  it('loss: perceptron criterion for the perceptron rules', () => {
    const steps: LearningStep[] = [];
    const m = createDenseMachine('perceptron', { inputs: 2, outputs: 1, rng: Rng.fromSeed(1) });
    const r = trainMachine(
      m,
      { x: xs, d: labels.map((v) => [v]) },
      { epochs: 1, shuffle: false, rule: 'fixed', onStep: (s) => steps.push(s) },
    );
    const expected = steps.reduce((t, s) => t + Math.max(0, -s.desired[0] * s.sums[0]), 0) / 5;
    expect(r.history[0].loss).toBe(expected);
    expect(lossKind('value-gain-alpha')).toBe('perceptron-criterion');
  });

  it('loss: mean squared linear error (before each step) for LMS', () => {
    const steps: LearningStep[] = [];
    const m = createDenseMachine('adaline', {
      inputs: 2,
      outputs: 1,
      rule: 'alpha-lms',
      lr: 0.5,
      rng: Rng.fromSeed(1),
    });
    const d = [0.5, -1, 2, 0, 1];
    const r = trainMachine(
      m,
      { x: xs, d: d.map((v) => [v]) },
      { epochs: 1, shuffle: false, rule: 'alpha-lms', onStep: (s) => steps.push(s) },
    );
    // From zero weights the first step's linear error is d itself.
    expect(steps[0].errors[0]).toBe(0.5);
    expect(r.history[0].loss).toBe(steps.reduce((t, s) => t + s.errors[0] ** 2, 0) / 5);
  });

  it('loss: fraction of wrong outputs for MRI and MRII', () => {
    const steps: LearningStep[] = [];
    const bip = [
      [-1, -1],
      [-1, 1],
      [1, -1],
      [1, 1],
    ];
    const xnor = [[1], [-1], [-1], [1]];
    const m = createDenseMachine('madaline', {
      inputs: 2,
      outputs: 1,
      rule: 'mri',
      madaline: { adalines: 2, element: 'and' },
      rng: Rng.fromSeed(3),
    });
    const r = trainMachine(
      m,
      { x: bip, d: xnor },
      { epochs: 1, shuffle: false, rule: 'mri', onStep: (s) => steps.push(s) },
    );
    expect(r.history[0].loss).toBe(steps.filter((s) => s.mistake).length / 4);
    expect(lossKind('mrii')).toBe('hamming');
  });

  it('two ADALINEs into AND learn XNOR by MRI in random order (WL90 Fig. 8, R8)', () => {
    const bip = [
      [-1, -1],
      [-1, 1],
      [1, -1],
      [1, 1],
    ];
    const xnor = [[1], [-1], [-1], [1]];
    let solved = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const m = createDenseMachine('madaline', {
        inputs: 2,
        outputs: 1,
        rule: 'mri',
        madaline: { adalines: 2, element: 'and' },
        rng: Rng.fromSeed(seed),
      });
      const r = trainMachine(
        m,
        { x: bip, d: xnor },
        { epochs: 100, shuffle: true, rng: Rng.fromSeed(seed + 50), rule: 'mri' },
      );
      if (r.history.at(-1)?.errors === 0) solved++;
    }
    expect(solved).toBeGreaterThanOrEqual(7);
  });

  it('refuses to shuffle without a generator, and bad epoch counts', () => {
    const m = createDenseMachine('perceptron', { inputs: 2, outputs: 1, rng: Rng.fromSeed(1) });
    const data = { x: xs, d: labels.map((v) => [v]) };
    expect(() => trainMachine(m, data, { epochs: 1, shuffle: true, rule: 'fixed' })).toThrow(RangeError);
    expect(() => trainMachine(m, data, { epochs: 1.5, shuffle: false, rule: 'fixed' })).toThrow(RangeError);
    expect(trainMachine(m, data, { epochs: 0, shuffle: false, rule: 'fixed' }).history).toEqual([]);
  });
});
