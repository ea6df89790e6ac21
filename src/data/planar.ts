/**
 * Two-dimensional two-class data sets for the backprop playground, after TensorFlow Playground's
 * (tensorflow/playground, src/dataset.ts: circle, xor, gauss, spiral; REFERENCES.md "TF Playground").
 * Shapes follow theirs; the sizes, radii and spreads below are our choices (assumptions), and every
 * draw comes from the project's seeded Rng. Points lie in about [−1, 1]²; labels are 0 and 1.
 */
import type { Rng } from '../rng.js';
import { makeSpiral } from './spiral.js';

export type PlanarKind = 'xor' | 'circles' | 'blobs' | 'spiral';
export const PLANAR_KINDS: readonly PlanarKind[] = ['xor', 'circles', 'blobs', 'spiral'];

export interface PlanarData {
  readonly points: [number, number][];
  readonly labels: number[];
}

/** Points per class by default (assumption: TF Playground draws 500 in all; we keep the page light). */
export const PLANAR_DEFAULT_PER_CLASS = 100;
/** XOR: a margin kept free around both axes, as TF Playground's padding (assumption). */
export const XOR_MARGIN = 0.05;
/** Circles: inner disc radius and outer ring radii (assumption, TF Playground's proportions 0–0.5, 0.7–1). */
export const CIRCLES_INNER = 0.5;
export const CIRCLES_RING = [0.7, 1] as const;
/** Blobs: centres at ±this on both axes, standard deviation BLOB_SD (assumption). */
export const BLOB_CENTRE = 0.5;
export const BLOB_SD = 0.2;

export function makePlanar(
  kind: PlanarKind,
  rng: Rng,
  perClass = PLANAR_DEFAULT_PER_CLASS,
  noise = 0,
): PlanarData {
  const points: [number, number][] = [];
  const labels: number[] = [];
  const jitter = (): number => (noise > 0 ? noise * rng.normal() : 0);
  const push = (x: number, y: number, label: number): void => {
    points.push([x + jitter(), y + jitter()]);
    labels.push(label);
  };
  switch (kind) {
    case 'xor':
      for (let label = 0; label < 2; label++) {
        for (let i = 0; i < perClass; i++) {
          // Quadrants with x·y > 0 are class 1; each point drawn in its class's two quadrants.
          const sx = rng.next() < 0.5 ? -1 : 1;
          const sy = label === 1 ? sx : -sx;
          push(sx * rng.uniform(XOR_MARGIN, 1), sy * rng.uniform(XOR_MARGIN, 1), label);
        }
      }
      break;
    case 'circles':
      for (let label = 0; label < 2; label++) {
        for (let i = 0; i < perClass; i++) {
          const [lo, hi] = label === 1 ? [0, CIRCLES_INNER] : CIRCLES_RING;
          const r = rng.uniform(lo, hi);
          const a = rng.uniform(0, 2 * Math.PI);
          push(r * Math.cos(a), r * Math.sin(a), label);
        }
      }
      break;
    case 'blobs':
      for (let label = 0; label < 2; label++) {
        const c = label === 1 ? BLOB_CENTRE : -BLOB_CENTRE;
        for (let i = 0; i < perClass; i++)
          push(c + BLOB_SD * rng.normal(), c + BLOB_SD * rng.normal(), label);
      }
      break;
    case 'spiral': {
      const s = makeSpiral(rng, { classes: 2, pointsPerClass: perClass });
      s.points.forEach(([x, y], i) => push(x, y, s.labels[i]));
      break;
    }
  }
  return { points, labels };
}
