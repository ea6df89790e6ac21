// The five classics of issue 13: each verdict comes out as published on the default set-up, and a
// plausible wrong set-up (too few epochs, an order below n, …) turns it to `differs`, so that no
// "reproduced" holds by construction.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { runExperiment, type ExperimentReport } from '../../src/experiments/run.js';
import type { Experiment } from '../../src/experiments/types.js';
import {
  masksUpToOrder,
  maskResponses,
  minskyPapertParity,
  trainParity,
} from '../../src/experiments/minsky-papert-parity.js';
import { Rng } from '../../src/rng.js';
import { valueGainRules } from '../../src/experiments/value-gain-rules.js';
import {
  connectednessFigures,
  isConnected,
  localMasks,
  minskyPapertConnectedness,
} from '../../src/experiments/minsky-papert-connectedness.js';
import { familyTrees, trainFamilyTrees } from '../../src/experiments/family-trees.js';
import { familyCases, PEOPLE, RELATIONS } from '../../src/experiments/lib/family-trees.js';
import { censoredMedian, fitLine, xorWidth } from '../../src/experiments/xor-width.js';

function verdicts(report: ExperimentReport, exp: Experiment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of exp.published) out[f.name] = report.results.find((r) => r.name === f.name)!.verdict;
  return out;
}

describe('xor-width (PDP8 p.333)', () => {
  it('default set-up: the fall per doubling of H is reproduced, the level differs as declared', () => {
    const r = runExperiment(xorWidth, { seed: 1 });
    expect(verdicts(r, xorWidth)).toEqual({ slopePerDoubling: 'reproduced', intercept: 'differs' });
  });

  it('too few presentations: every run is censored, the slope is 0 and differs', () => {
    const r = runExperiment(xorWidth, { seed: 1, mode: 'fast', set: ['maxSweeps=300'] });
    expect(r.results.find((x) => x.name === 'slopePerDoubling')!.verdict).toBe('differs');
  });

  it('a censored median counts the runs that never converged; the line fit is least squares', () => {
    expect(censoredMedian([10, null, null], 100)).toBe(100);
    expect(censoredMedian([10, 20, null], 100)).toBe(20);
    expect(fitLine([1, 2, 3], [5, 3, 1])).toEqual({ a: 7, b: -2 });
  });

  it('bad widths exit 2 with a message', () => {
    expect(() => runExperiment(xorWidth, { mode: 'fast', set: ['widths=2,x'] })).toThrow(UserError);
  });
});

describe('minsky-papert-parity (Perceptrons, Thm 3.1.1)', () => {
  it('default set-up: at every n the smallest order that learns parity is n', () => {
    const r = runExperiment(minskyPapertParity, { seed: 1 });
    expect(verdicts(r, minskyPapertParity)).toEqual({ mismatches: 'reproduced' });
  });

  it('too few epochs: order n does not learn in time, so the verdict differs', () => {
    const r = runExperiment(minskyPapertParity, { seed: 1, mode: 'fast', set: ['maxEpochs=100'] });
    expect(verdicts(r, minskyPapertParity)).toEqual({ mismatches: 'differs' });
  });

  it('the A layer holds every mask of order ≤ k; order n−1 never learns, order n does', () => {
    expect(masksUpToOrder(3, 2)).toEqual([1, 2, 4, 3, 5, 6]);
    expect(Array.from(maskResponses(0b101, masksUpToOrder(3, 3)))).toEqual([1, 0, 1, 0, 1, 0, 0]);
    const rng = Rng.fromSeed(7);
    expect(trainParity(3, 2, 500, rng).learned).toBe(false);
    expect(trainParity(3, 3, 500, rng).learned).toBe(true);
  });
});

describe('family-trees (RHW 1986)', () => {
  it('the trees give 104 cases, 52 per tree, the Italian the English one mapped name for name', () => {
    const cases = familyCases();
    expect(cases.length).toBe(104);
    const english = cases.filter((c) => c.person < 12);
    expect(english.length).toBe(52);
    const shift = (c: (typeof cases)[number]) => ({
      ...c,
      person: c.person + 12,
      answers: c.answers.map((a) => a + 12),
    });
    expect(cases.slice(52)).toEqual(english.map(shift));
    const say = (p: string, r: string) =>
      cases.find((c) => PEOPLE[c.person] === p && RELATIONS[c.relation] === r)?.answers.map((a) => PEOPLE[a]);
    expect(say('Colin', 'aunt')).toEqual(['Margaret', 'Jennifer']);
    expect(say('Charles', 'nephew')).toEqual(['Colin']);
    expect(say('Sophia', 'uncle')).toEqual(['Emilio', 'Tomaso']);
  });

  it('default set-up: both figures differ as declared (the nets stay on the all-off plateau)', () => {
    const r = runExperiment(familyTrees, { seed: 1, set: ['runs=1'] });
    expect(verdicts(r, familyTrees)).toEqual({ heldOutCorrect: 'differs', trainCorrect: 'differs' });
    expect(r.results.find((x) => x.name === 'meanFinalLoss')!.measured).toBeGreaterThan(45);
  });

  it('the trainer is not the reason: a larger step leaves the plateau within the same sweeps', () => {
    const run = trainFamilyTrees(
      {
        sweeps: 1500,
        warmSweeps: 20,
        warmRate: 0.005,
        warmMomentum: 0.5,
        rate: 0.05,
        momentum: 0.9,
        decay: 0.002,
        heldOut: 4,
        initRange: 1,
      },
      Rng.fromSeed(1),
    );
    expect(run.finalLoss).toBeLessThan(35);
    expect(run.trainCorrect).toBeGreaterThan(0);
  });
});

describe('minsky-papert-connectedness (Perceptrons ch. 5, ch. 8)', () => {
  it('default set-up: connectedness learnt up to the diameter and not beyond; the local predicate everywhere', () => {
    const r = runExperiment(minskyPapertConnectedness, { seed: 1 });
    expect(verdicts(r, minskyPapertConnectedness)).toEqual({
      widestMinusDiameter: 'reproduced',
      localLearntFraction: 'reproduced',
    });
  });

  it('too few epochs, or A-units of order 1, turn the verdicts to differs', () => {
    const short = runExperiment(minskyPapertConnectedness, { mode: 'fast', set: ['maxEpochs=2'] });
    expect(verdicts(short, minskyPapertConnectedness)).toEqual({
      widestMinusDiameter: 'differs',
      localLearntFraction: 'differs',
    });
    // Order 1 cannot tell connectedness even inside the square (it is an exclusive-or of the joins).
    const order1 = runExperiment(minskyPapertConnectedness, { mode: 'fast', set: ['order=1'] });
    expect(verdicts(order1, minskyPapertConnectedness).widestMinusDiameter).toBe('differs');
  });

  it('the figures: connected by flood fill exactly when the two joins differ; masks stay inside the square', () => {
    const figs = connectednessFigures(4);
    expect(figs.length).toBe(4 * 6);
    expect(figs.filter((f) => f.connected).length).toBe(12);
    // Two cells side by side are connected, two cells on a diagonal are not (4-neighbours).
    expect(isConnected(Uint8Array.from([1, 1, 0, 0]), 2)).toBe(true);
    expect(isConnected(Uint8Array.from([1, 0, 0, 1]), 2)).toBe(false);
    for (const m of localMasks(6, 3, 2)) {
      const cols = m.map((p) => p % 6);
      const rows = m.map((p) => Math.floor(p / 6));
      expect(Math.max(...cols) - Math.min(...cols)).toBeLessThan(3);
      expect(Math.max(...rows) - Math.min(...rows)).toBeLessThan(3);
    }
  });
});

describe('value-gain-rules (R58 α and γ against error correction)', () => {
  it('no figure could be read from R58, so no row claims a verdict', () => {
    expect(valueGainRules.published).toEqual([]);
    const r = runExperiment(valueGainRules, { seed: 1, mode: 'fast' });
    expect(new Set(r.results.map((x) => x.verdict))).toEqual(new Set(['no published figure']));
    expect(r.notes.join(' ')).toMatch(/no published figure/);
  });

  it('α answers the busier response when the responses are unequal; γ and error correction do better', () => {
    for (const seed of [1, 2]) {
      const r = runExperiment(valueGainRules, { seed, mode: 'fast' });
      const v = (name: string) => r.results.find((x) => x.name === name)!.measured;
      expect(v('alphaUnequal')).toBeCloseTo(0.8, 6);
      expect(v('gammaUnequal')).toBeGreaterThan(v('alphaUnequal'));
      expect(v('gammaEqual')).toBeGreaterThan(v('alphaEqual'));
      expect(v('errorCorrectionEqual')).toBe(1);
    }
  });
});
