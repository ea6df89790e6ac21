import { describe, expect, it } from 'vitest';
import { estimateSecondsLeft } from '../../src/report/progress.js';

describe('progress estimates', () => {
  it('come from the whole time so far: a quarter done in 18 s leaves about 54 s', () => {
    expect(estimateSecondsLeft(18_000, 0.25)).toBeCloseTo(54, 9);
    expect(estimateSecondsLeft(10_000, 1)).toBe(0);
    expect(estimateSecondsLeft(5_000, 0)).toBeNull();
  });
});
