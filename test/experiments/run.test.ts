import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { findExperiment } from '../../src/experiments/registry.js';
import { judge, resolveParams } from '../../src/experiments/run.js';
import type { PublishedFigure } from '../../src/experiments/types.js';

const fig = (tolerance: PublishedFigure['tolerance'], value = 100): PublishedFigure => ({
  name: 'x',
  description: 'x',
  value,
  source: 'test',
  tolerance,
});

describe('verdicts', () => {
  it('apply each kind of tolerance', () => {
    expect(judge(109, fig({ kind: 'relative', value: 0.1 }))).toBe('reproduced');
    expect(judge(111, fig({ kind: 'relative', value: 0.1 }))).toBe('differs');
    expect(judge(95, fig({ kind: 'absolute', value: 5 }))).toBe('reproduced');
    expect(judge(94.9, fig({ kind: 'absolute', value: 5 }))).toBe('differs');
    expect(judge(100, fig({ kind: 'atMost' }))).toBe('reproduced');
    expect(judge(101, fig({ kind: 'atMost' }))).toBe('differs');
    expect(judge(99, fig({ kind: 'atLeast' }))).toBe('differs');
    expect(judge(40, fig({ kind: 'range', min: 30, max: 70 }))).toBe('reproduced');
    expect(judge(71, fig({ kind: 'range', min: 30, max: 70 }))).toBe('differs');
    expect(judge(14, fig({ kind: 'equal' }, 14))).toBe('reproduced');
    expect(judge(13, fig({ kind: 'equal' }, 14))).toBe('differs');
    expect(judge(NaN, fig({ kind: 'atLeast' }))).toBe('differs');
  });

  it("judge a published single run by our runs' spread, not by our median", () => {
    const single = fig({ kind: 'withinRuns', low: 'p5', high: 'p95', label: 'spread' });
    // The median (first argument) lies far off or beyond the cap: only the spread counts.
    expect(judge(Infinity, single, { p5: 80, p95: Infinity })).toBe('reproduced');
    expect(judge(400, single, { p5: 60, p95: 120 })).toBe('reproduced');
    expect(judge(100, single, { p5: 101, p95: Infinity })).toBe('differs');
    expect(judge(100, single, { p5: 20, p95: 99 })).toBe('differs');
    // No runs at all (NaN bounds) is no evidence.
    expect(judge(NaN, single, { p5: NaN, p95: NaN })).toBe('differs');
    expect(() => judge(100, single, {})).toThrow(/not measured/);
  });
});

describe('parameters', () => {
  const exp = findExperiment('xor-perceptron');

  it('take defaults, fast values and --set overrides', () => {
    expect(resolveParams(exp, 'default')).toEqual({ epochs: 1000, shuffle: true });
    expect(resolveParams(exp, 'fast').epochs).toBe(200);
    expect(resolveParams(exp, 'default', ['epochs=12', 'shuffle=false'])).toEqual({
      epochs: 12,
      shuffle: false,
    });
  });

  it('reject an unknown key listing the valid ones, and values of the wrong type', () => {
    expect(() => resolveParams(exp, 'default', ['epoch=3'])).toThrow(
      /no parameter 'epoch' \(did you mean 'epochs'\?\); valid keys: epochs, shuffle/,
    );
    expect(() => resolveParams(exp, 'default', ['epochs=many'])).toThrow(/expected a number, got 'many'/);
    expect(() => resolveParams(exp, 'default', ['epochs=2.5'])).toThrow(/expected a whole number/);
    expect(() => resolveParams(exp, 'default', ['shuffle=yes'])).toThrow(/expected true or false/);
    expect(() => resolveParams(exp, 'default', ['epochs'])).toThrow(UserError);
  });

  it('unknown experiment ids suggest the nearest', () => {
    expect(() => findExperiment('xor-perceptorn')).toThrow(
      /unknown experiment 'xor-perceptorn' \(did you mean 'xor-perceptron'\?\)/,
    );
  });
});
