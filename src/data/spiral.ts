/**
 * The spiral data set of the cs231n case study (cs231n/cs231n.github.io, neural-networks-case-study.md):
 * K classes of N points each on K interleaved spiral arms in the plane, not linearly separable.
 *
 *   r = linspace(0, 1, N);  t = linspace(4j, 4(j+1), N) + 0.2·randn(N);  x = (r·sin t, r·cos t)
 *
 * The noise comes from the project's seeded Rng (Marsaglia polar normals), not numpy's `randn`, so
 * our points differ from the notes' points for any seed; the shape and the noise level are the same.
 */
import type { Rng } from '../rng.js';

/** Defaults of the case study: 3 classes × 100 points, angular noise 0.2 rad, 4 rad per arm. */
export const SPIRAL_DEFAULT_CLASSES = 3;
export const SPIRAL_DEFAULT_POINTS_PER_CLASS = 100;
export const SPIRAL_DEFAULT_NOISE = 0.2;
export const SPIRAL_ARM_TURN = 4;

export interface SpiralOptions {
  classes?: number;
  pointsPerClass?: number;
  /** Standard deviation of the angular noise (radians). */
  noise?: number;
}

export interface SpiralData {
  /** Points as [x, y] rows; class j occupies rows j·N … (j+1)·N − 1. */
  points: [number, number][];
  /** Class index of each point. */
  labels: number[];
  classes: number;
}

/** numpy's linspace(start, stop, n) with both ends included. */
function linspace(start: number, stop: number, n: number, i: number): number {
  return n === 1 ? start : start + ((stop - start) * i) / (n - 1);
}

/** Generate the spiral set with noise drawn from `rng`. */
export function makeSpiral(rng: Rng, options: SpiralOptions = {}): SpiralData {
  const classes = options.classes ?? SPIRAL_DEFAULT_CLASSES;
  const n = options.pointsPerClass ?? SPIRAL_DEFAULT_POINTS_PER_CLASS;
  const noise = options.noise ?? SPIRAL_DEFAULT_NOISE;
  if (!Number.isInteger(classes) || classes < 1)
    throw new RangeError(`spiral: classes must be ≥ 1, got ${classes}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`spiral: pointsPerClass must be ≥ 1, got ${n}`);
  if (!(noise >= 0)) throw new RangeError(`spiral: noise must be ≥ 0, got ${noise}`);
  const points: [number, number][] = [];
  const labels: number[] = [];
  for (let j = 0; j < classes; j++) {
    for (let i = 0; i < n; i++) {
      const r = linspace(0, 1, n, i);
      const t = linspace(SPIRAL_ARM_TURN * j, SPIRAL_ARM_TURN * (j + 1), n, i) + noise * rng.normal();
      points.push([r * Math.sin(t), r * Math.cos(t)]);
      labels.push(j);
    }
  }
  return { points, labels, classes };
}

/** One-hot target rows for `labels`. */
export function oneHot(labels: readonly number[], classes: number): number[][] {
  return labels.map((c) => Array.from({ length: classes }, (_, k) => (k === c ? 1 : 0)));
}
