// Medians over runs must count the runs that never converged (censored at the cap).
import { describe, expect, it } from 'vitest';
import { censoredMedian, censoredQuantile, quantile } from '../../../src/experiments/lib/stats.js';

describe('censoredQuantile', () => {
  it('equals the plain quantile when every run finished', () => {
    const xs = [3, 5, 8, 13, 21];
    for (const q of [0, 0.25, 0.5, 0.75, 1]) expect(censoredQuantile(xs, xs.length, q)).toBe(quantile(xs, q));
  });

  it('counts unfinished runs as longer than every finished one', () => {
    // 4 finished of 6: sorted with two beyond the cap, [10, 20, 30, 40, ∞, ∞]: median between 30 and 40.
    expect(censoredQuantile([10, 20, 30, 40], 6, 0.5)).toBe(35);
    // Leaving them out would give 25.
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
  });

  it('is Infinity when the quantile falls among the unfinished runs, NaN for no runs', () => {
    expect(censoredQuantile([10, 20], 5, 0.5)).toBe(Infinity);
    // Interpolating between the last finished run and an unfinished one is unknown too.
    expect(censoredQuantile([10, 20], 4, 0.5)).toBe(Infinity);
    expect(censoredQuantile([], 0, 0.5)).toBeNaN();
  });
});

describe('censoredMedian', () => {
  it('reports the fraction that finished beside the median and quartiles', () => {
    const m = censoredMedian([1, 2, 3, 4, 5, 6], 8);
    // 8 runs, 2 unfinished: Q3 at position 5.25 lies between the last finished run and an unfinished one.
    expect(m).toEqual({ median: 4.5, q1: 2.75, q3: Infinity, finishedFraction: 0.75 });
  });
});
