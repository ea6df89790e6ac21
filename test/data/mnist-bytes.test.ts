// Issue 19 decision 5: the MNIST digits are kept as bytes and read back through a 256-level table;
// every pixel must come back as the very double the `mnist` package gives, or results would move.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { MNIST_SIDE, loadMnistBytes, mnistImage } from '../../src/data/mnist-retina.js';

describe('MNIST as bytes', () => {
  it('gives back, bit for bit, the grey levels the package gives (digits of every class)', () => {
    // The package first, so that loadMnistBytes finds it in the module cache (one parse, not two).
    const digits = createRequire(import.meta.url)('mnist') as Array<{
      length: number;
      get(i: number): number[];
    }>;
    const m = loadMnistBytes();
    expect(m.pixels.length).toBe(m.count * MNIST_SIDE * MNIST_SIDE);
    let start = 0;
    for (let d = 0; d < 10; d++) {
      for (const i of [0, 1, digits[d].length - 1]) {
        const want = digits[d].get(i);
        const got = Array.from(mnistImage(m, start + i));
        expect(got).toEqual(want);
        expect(m.labels[start + i]).toBe(d);
      }
      start += digits[d].length;
    }
    expect(start).toBe(m.count);
  });
});
