// rbm-pretraining beyond the catalogue's verdict at seed 1: the same verdict at seeds 2 and 3, and a
// broken set-up (no pre-training epochs: the unrolled stack is its N(0, 0.01²) start) that must
// turn the verdict to `differs`, so the reproduction could have failed.
import { describe, expect, it } from 'vitest';
import { rbmPretraining } from '../../src/experiments/rbm-pretraining.js';
import { runExperiment } from '../../src/experiments/run.js';

const verdicts = (seed: number, set: string[] = []) =>
  Object.fromEntries(
    runExperiment(rbmPretraining, { seed, mode: 'fast', set })
      .results.filter((r) => r.verdict !== 'no published figure')
      .map((r) => [r.name, r.verdict]),
  );

describe('rbm-pretraining', () => {
  it.each([2, 3])('seed %i: pre-training helps, more as depth grows (fast mode)', (seed) => {
    expect(verdicts(seed)).toEqual({ gainAtDepth4: 'reproduced', gainGrowth: 'reproduced' });
  });

  it('with 0 pre-training epochs the deep-net gain is gone: differs', () => {
    expect(verdicts(1, ['pretrainEpochs=0']).gainAtDepth4).toBe('differs');
  });
});
