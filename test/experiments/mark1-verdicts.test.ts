/**
 * Every verdict with a published figure must be able to fail: for each Mark I and ADALINE/MADALINE
 * experiment, a plausible wrong set-up or broken rule (a rate off by 10×, too few presentations or
 * training images, too few A-units, a threshold rule off by one) turns its verdict to `differs`.
 * The defaults' own verdicts are held by catalogue.test.ts. Sizes are small: each run is fast.
 *
 * Not here: fault-tolerance and mnist-mark1-vs-mlp have no published figure, so no verdict to break.
 */
import { describe, expect, it, vi } from 'vitest';
import { findExperiment } from '../../src/experiments/registry.js';
import { runExperiment } from '../../src/experiments/run.js';
import type { Verdict } from '../../src/experiments/run.js';

function verdicts(id: string, set: string[]): Record<string, { measured: unknown; verdict: Verdict }> {
  const report = runExperiment(findExperiment(id), { seed: 1, mode: 'fast', set });
  return Object.fromEntries(
    report.results
      .filter((r) => r.verdict !== 'no published figure')
      .map((r) => [r.name, { measured: r.measured, verdict: r.verdict }]),
  );
}

const SMALL_LETTERS = ['trainPerLetter=5', 'testPerLetter=5', 'efMachines=3'];

describe('a wrong set-up turns the verdict to differs', () => {
  it('mark1-letters: E vs F with 6 training images instead of 60', () => {
    expect(verdicts('mark1-letters', [...SMALL_LETTERS, 'efTrainPerLetter=3']).efAccuracy.verdict).toBe(
      'differs',
    );
  });

  it('mark1-letters: E vs F with 20 A-units instead of 1,000', () => {
    expect(verdicts('mark1-letters', [...SMALL_LETTERS, 'efAUnits=20']).efAccuracy.verdict).toBe('differs');
  });

  it('mark1-shapes: 120 training images instead of 10,000', () => {
    expect(verdicts('mark1-shapes', ['trainPerShape=60']).testAccuracy.verdict).toBe('differs');
  });

  it('mark1-shapes: 20 A-units instead of 500', () => {
    expect(verdicts('mark1-shapes', ['trainPerShape=300', 'aUnits=20']).testAccuracy.verdict).toBe('differs');
  });

  it('mark1-left-right: a 50-card deck "matches" only by how trials are counted (one pass of the deck)', () => {
    const report = runExperiment(findExperiment('mark1-left-right'), {
      seed: 1,
      mode: 'fast',
      set: ['machines=3', 'testPerSide=5'],
    });
    const deck = report.results.find((r) => r.name === 'trialsDeck50');
    expect(deck?.measured).toBe(50);
    expect(report.results.find((r) => r.name === 'trialsToLearn')?.verdict).toBe('differs');
  });

  it('adaline-time-constant: α = 0.1, a rate 10× too small', () => {
    const v = verdicts('adaline-time-constant', ['alpha=0.1', 'runs=60']);
    expect(v.tau.verdict).toBe('differs');
    expect(v.tau.measured as number).toBeGreaterThan(40);
  });

  it('adaline-time-constant: α = 1.9, too large a step, decays on another time scale', () => {
    expect(verdicts('adaline-time-constant', ['alpha=1.9', 'runs=60']).tau.verdict).toBe('differs');
  });

  it('adaline-tgf: one epoch (too few presentations)', () => {
    expect(verdicts('adaline-tgf', ['epochs=1']).classifiedFraction.verdict).toBe('differs');
  });

  it('madaline-xnor: one epoch (too few presentations)', () => {
    expect(verdicts('madaline-xnor', ['epochs=1', 'seeds=10']).solvedFraction.verdict).toBe('differs');
  });

  it('madaline-mri-order: two epochs (too few to converge or to cycle)', () => {
    const v = verdicts('madaline-mri-order', ['epochs=2', 'seeds=10']);
    expect(v.cyclicCyclingFraction.verdict).toBe('differs');
    expect(v.randomMinusCyclicConverged.verdict).toBe('differs');
  });

  it('rosenblatt-pa: an A-unit that fires only above θ (not at θ) departs from P_a', async () => {
    vi.resetModules();
    vi.doMock('../../src/machines/plugboard.js', async (importOriginal) => {
      const real = await importOriginal<typeof import('../../src/machines/plugboard.js')>();
      return {
        ...real,
        // Σexc − Σinh > θ instead of ≥ θ: the same as raising θ by one on whole-number sums.
        associationResponses: (
          board: Parameters<typeof real.associationResponses>[0],
          x: Parameters<typeof real.associationResponses>[1],
          theta: number,
          out?: Float64Array,
        ) => real.associationResponses(board, x, theta + 1, out),
      };
    });
    try {
      const registry = await import('../../src/experiments/registry.js');
      const run = await import('../../src/experiments/run.js');
      const report = run.runExperiment(registry.findExperiment('rosenblatt-pa'), { seed: 1, mode: 'fast' });
      expect(report.results.find((r) => r.name === 'maxStandardError')?.verdict).toBe('differs');
    } finally {
      vi.doUnmock('../../src/machines/plugboard.js');
      vi.resetModules();
    }
  });
});

describe('mark1-letters with two letters', () => {
  it('--set letters=EF runs (one R-unit, its sign) instead of crashing', () => {
    const report = runExperiment(findExperiment('mark1-letters'), {
      seed: 1,
      mode: 'fast',
      set: ['letters=EF', ...SMALL_LETTERS],
    });
    const acc = report.results.find((r) => r.name === 'testAccuracy')?.measured as number;
    expect(acc).toBeGreaterThanOrEqual(0);
    expect(acc).toBeLessThanOrEqual(100);
    expect(report.results.find((r) => r.name === 'chance')?.measured).toBe(50);
  });
});
