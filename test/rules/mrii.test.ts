import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.js';
import { mriiEpoch, mriiForward, mriiStep, shuffledOrder } from '../../src/rules/index.js';
import type { MriiNetwork } from '../../src/rules/index.js';

const inputs = [
  [-1, -1],
  [-1, 1],
  [1, -1],
  [1, 1],
];
const XOR = [[-1], [1], [1], [-1]];

function randomNet(rng: Rng, nIn: number, nHidden: number, nOut: number): MriiNetwork {
  const vec = (n: number) => Array.from({ length: n }, () => rng.uniform(-0.5, 0.5));
  return {
    hidden: Array.from({ length: nHidden }, () => vec(nIn + 1)),
    output: Array.from({ length: nOut }, () => vec(nHidden + 1)),
  };
}

describe('mriiStep (Winter & Widrow 1987; WL90 p.1427)', () => {
  it('changes nothing when every output is right', () => {
    const net: MriiNetwork = { hidden: [[1, 0, 0]], output: [[1, 0]] };
    const step = mriiStep(net, [1, 1], [1]);
    expect(step.errorsBefore).toBe(0);
    expect(step.changed).toEqual([]);
  });

  it('accepts the trial flip of the hidden unit nearest zero when it fixes the output', () => {
    // Hidden sums on [1, 1]: 0.1 (unit 0), 3 (unit 1). Output = sgn(y0 + 0.2·y1 − 0.5) = sgn(1 + 0.2 − 0.5) = +1.
    // Target −1: flipping unit 0 gives sgn(−1 + 0.2 − 0.5) = −1, so unit 0 is adapted; unit 1 never is.
    const net: MriiNetwork = {
      hidden: [
        [0.05, 0.05, 0],
        [1, 1, 1],
      ],
      output: [[1, 0.2, -0.5]],
    };
    const outBefore = Array.from(net.output[0]);
    const step = mriiStep(net, [1, 1], [-1], { hiddenAlpha: 1 });
    expect(step.errorsBefore).toBe(1);
    expect(step.accepted).toEqual([[0]]);
    expect(step.outputsAdapted).toEqual([]);
    expect(step.errorsAfter).toBe(0);
    expect(net.hidden[1]).toEqual([1, 1, 1]);
    expect(net.output[0]).toEqual(outBefore);
    expect(mriiForward(net, [1, 1]).hiddenSums[0]).toBeCloseTo(-1, 12); // α = 1: sum lands on −1
    expect(step.changed.every((c) => c.layer === 'hidden' && c.unit === 0)).toBe(true);
  });

  it('adapts the output unit by α-LMS when no hidden flip helps', () => {
    // Output ignores hidden units (zero weights): only its bias decides, so flips cannot help.
    const net: MriiNetwork = { hidden: [[1, 1, 0]], output: [[0, 0.5]] };
    const step = mriiStep(net, [1, 1], [-1], { outputAlpha: 1 });
    expect(step.accepted).toEqual([]);
    expect(step.outputsAdapted).toEqual([0]);
    expect(mriiForward(net, [1, 1]).outputSums[0]).toBeCloseTo(-1, 12);
    expect(step.errorsAfter).toBe(0);
  });

  it('learns XOR with 3 hidden ADALINEs on most seeds (random order)', () => {
    const solved: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const rng = Rng.fromSeed(`mrii-xor-${seed}`);
      const net = randomNet(rng, 2, 3, 1);
      for (let epoch = 0; epoch < 100; epoch++) {
        if (
          mriiEpoch(
            net,
            inputs,
            XOR,
            {},
            shuffledOrder(4, () => rng.next()),
          ) === 0
        )
          break;
      }
      if (inputs.every((x, i) => mriiForward(net, x).outputs[0] === XOR[i][0])) solved.push(seed);
    }
    // Exploration over 50 seeds solved ~85 %; MRII can hang up (WL90), so not every seed is required.
    expect(solved.length).toBeGreaterThanOrEqual(12);
  });
});
