import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearest } from '../../src/util/nearest.js';

describe('did you mean', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('rleu', 'relu')).toBe(1);
    expect(editDistance('relu', 'relu')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('ca', 'abc')).toBe(3); // optimal string alignment: no edit of a transposed pair
  });

  it('suggests the nearest plausible candidate, and nothing for a far-off name', () => {
    expect(nearest('rleu', ['relu', 'elu', 'tanh'])).toBe('relu');
    expect(nearest('sigmiod', ['sigmoid', 'tanh'])).toBe('sigmoid');
    expect(nearest('softplus', ['relu', 'tanh'])).toBeUndefined();
    expect(didYouMean('tnah', ['tanh'])).toBe(" (did you mean 'tanh'?)");
  });
});
