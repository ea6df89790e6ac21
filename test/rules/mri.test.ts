import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import {
  logicOutput,
  mriEpoch,
  mriForward,
  mriStep,
  shuffledOrder,
  unitsToFlip,
} from '../../src/rules/index.js';
import type { LogicElement, MriCorrection } from '../../src/rules/index.js';

const inputs = [
  [-1, -1],
  [-1, 1],
  [1, -1],
  [1, 1],
];
const XNOR = [1, -1, -1, 1];

describe('logic elements', () => {
  it('AND, OR, MAJ outputs (MAJ: more than half)', () => {
    expect(logicOutput('and', [1, 1, 1])).toBe(1);
    expect(logicOutput('and', [1, -1, 1])).toBe(-1);
    expect(logicOutput('or', [-1, -1, 1])).toBe(1);
    expect(logicOutput('or', [-1, -1])).toBe(-1);
    expect(logicOutput('maj', [1, 1, -1])).toBe(1);
    expect(logicOutput('maj', [1, -1, -1])).toBe(-1);
    expect(logicOutput('maj', [1, 1, -1, -1])).toBe(-1);
  });

  it.each<[LogicElement, number, number, 1 | -1, number]>([
    ['and', 3, 1, 1, 2],
    ['and', 3, 3, -1, 1],
    ['or', 3, 0, 1, 1],
    ['or', 3, 2, -1, 2],
    ['maj', 5, 1, 1, 2],
    ['maj', 5, 4, -1, 2],
    ['maj', 4, 2, 1, 1],
    ['maj', 5, 3, 1, 0],
  ])('%s of %i with %i at +1 needs %i → %i flips', (element, n, positives, d, k) => {
    expect(unitsToFlip(element, n, positives, d)).toBe(k);
  });
});

describe('mriStep (WL90 pp.1420–1427)', () => {
  it('changes nothing when the output is right', () => {
    const units = [
      [1, 0, 0],
      [0, 1, 0],
    ];
    const step = mriStep(units, [1, 1], 1, { element: 'and' });
    expect(step.mistake).toBe(false);
    expect(step.changed).toEqual([]);
  });

  it('MAJ: adapts the fewest units, those nearest zero, toward d; fast ends at d·margin', () => {
    // Sums on x = [1]: −0.3, −2, −0.1, 1, −0.5 → one +1 of five; d = +1 needs two more.
    const units = [
      [-0.3, 0],
      [-2, 0],
      [-0.1, 0],
      [1, 0],
      [-0.5, 0],
    ];
    const step = mriStep(units, [1], 1, { element: 'maj', correction: 'fast', margin: 0.2, bias: true });
    expect(step.adapted).toEqual([2, 0]);
    expect(mriForward(units, [1], 'maj').sums.map((s) => +s.toFixed(12))).toEqual([0.2, -2, 0.2, 1, -0.5]);
    expect(mriForward(units, [1], 'maj').output).toBe(1);
    expect(new Set(step.changed.map((c) => c.unit))).toEqual(new Set([0, 2]));
  });

  it('OR special case: d = −1 adapts every unit at +1; d = +1 only the smallest |s|', () => {
    const units = [
      [0.5, 0],
      [-0.2, 0],
      [2, 0],
    ];
    expect(mriStep(units, [1], -1, { element: 'or' }).adapted).toEqual([0, 2]);
    expect(mriForward(units, [1], 'or').outputs).toEqual([-1, -1, -1]);
    const step = mriStep(units, [1], 1, { element: 'or' });
    expect(step.adapted).toEqual([0]); // sums now −0.1, −0.2, −0.1: tie broken by lower index
  });

  it('slow correction is one α-LMS step toward d', () => {
    const units = [[-1, 0]];
    mriStep(units, [1], 1, { element: 'and', correction: 'slow', alpha: 0.5 });
    // s = −1, ε = 2, |X|² = 2 (with bias): Δw = 0.5·2·X/2 = 0.5·X.
    expect(units[0]).toEqual([-0.5, 0.5]);
  });

  it.each<MriCorrection>(['fast', 'slow'])(
    'two ADALINEs into AND learn XNOR from small random weights in random order (%s; WL90 Fig. 8)',
    (correction) => {
      for (let seed = 1; seed <= 10; seed++) {
        const rng = Rng.fromSeed(`mri-xnor-${seed}`);
        const units = [0, 1].map(() => Array.from({ length: 3 }, () => rng.uniform(-0.1, 0.1)));
        let epochs = 0;
        while (
          epochs < 200 &&
          mriEpoch(
            units,
            inputs,
            XNOR,
            { element: 'and', correction },
            shuffledOrder(4, () => rng.next()),
          ) > 0
        ) {
          epochs++;
        }
        const outputs = inputs.map((x) => mriForward(units, x, 'and').output);
        expect(outputs, `seed ${seed}`).toEqual(XNOR);
      }
    },
  );
});
