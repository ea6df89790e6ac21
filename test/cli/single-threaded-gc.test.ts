import { describe, expect, it } from 'vitest';
import { SINGLE_THREADED_GC, isPlainSweep } from '../../src/cli/single-threaded-gc.js';

const argv = (...args: string[]) => ['node', 'perceptron-sim.js', ...args];

describe('isPlainSweep (the launcher re-runs these before loading the CLI)', () => {
  it('accepts `[--debug] sweep <experiment> …` in a process without the flag', () => {
    expect(isPlainSweep(argv('sweep', 'xor-perceptron', '--seeds', '1..4'), [])).toBe(true);
    expect(isPlainSweep(argv('--debug', 'sweep', 'xor-perceptron'), [])).toBe(true);
  });

  it('leaves everything else to the CLI', () => {
    expect(isPlainSweep(argv('sweep', 'xor-perceptron'), [SINGLE_THREADED_GC])).toBe(false);
    expect(isPlainSweep(argv('sweep', 'merge', 'a.jsonl'), [])).toBe(false);
    expect(isPlainSweep(argv('sweep', 'xor-perceptron', '--help'), [])).toBe(false);
    expect(isPlainSweep(argv('sweep', '-h'), [])).toBe(false);
    expect(isPlainSweep(argv('sweep', '--seeds', '1..4', 'xor-perceptron'), [])).toBe(false);
    expect(isPlainSweep(argv('sweep'), [])).toBe(false);
    expect(isPlainSweep(argv('run', 'xor-perceptron'), [])).toBe(false);
    expect(isPlainSweep(argv(), [])).toBe(false);
  });
});
