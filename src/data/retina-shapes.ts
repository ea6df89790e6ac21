/**
 * Simple figures on the Mark I's retina: squares and circles under shifts, squares optionally
 * turned (`mark1-shapes`), and a mark on the left or the right half of the field (`mark1-left-right`, the
 * July 1958 demonstration: cards "marked left vs right", REFERENCES.md §1.2, secondary).
 *
 * The original cards are not recorded; sizes, positions and noise here are our choices, drawn from
 * a passed Rng. Illumination 1 = ink, 0 = blank; row-major, row 0 at the top.
 */
import type { Rng } from '../rng.js';

export type ShapeKind = 'square' | 'circle';
export const SHAPE_KINDS: readonly ShapeKind[] = ['square', 'circle'];

export interface ShapeBox {
  /** Retina size in cells. */
  readonly width: number;
  readonly height: number;
  /** Top-left cell of the shape's bounding box. */
  readonly x: number;
  readonly y: number;
  /** Side (square) or diameter (circle) in cells. */
  readonly size: number;
  /** Filled figure, or its outline one cell thick. */
  readonly filled: boolean;
  /**
   * Rotation of a square about its centre, in radians (0 or absent: axis-aligned). A rotated square
   * may reach past its box; cells off the retina are dropped. A circle looks the same at any angle.
   */
  readonly angle?: number;
}

/**
 * Draw a square or a circle in its size×size box. A cell belongs to the circle when its centre lies
 * within radius size/2 of the box centre (filled) or within the ring of width 1 inside that radius
 * (outline); the square is the whole box or its border.
 */
export function renderShape(kind: ShapeKind, b: ShapeBox): number[] {
  if (kind === 'square' && b.angle) return renderRotatedSquare(b, b.angle);
  const out = new Array<number>(b.width * b.height).fill(0);
  const r = b.size / 2;
  for (let j = 0; j < b.size; j++) {
    for (let i = 0; i < b.size; i++) {
      let ink: boolean;
      if (kind === 'square') {
        ink = b.filled || i === 0 || j === 0 || i === b.size - 1 || j === b.size - 1;
      } else {
        const d = Math.hypot(i + 0.5 - r, j + 0.5 - r);
        ink = d <= r && (b.filled || d > r - 1);
      }
      const x = b.x + i;
      const y = b.y + j;
      if (ink && x >= 0 && x < b.width && y >= 0 && y < b.height) out[y * b.width + x] = 1;
    }
  }
  return out;
}

/**
 * A square turned by `angle`: a cell is ink when its centre, turned back by the angle about the
 * square's centre, lies within the square (filled) or within its border one cell wide (outline).
 * At angle 0 this draws the same cells as the axis-aligned square.
 */
function renderRotatedSquare(b: ShapeBox, angle: number): number[] {
  const out = new Array<number>(b.width * b.height).fill(0);
  const r = b.size / 2;
  const cx = b.x + r;
  const cy = b.y + r;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const reach = Math.ceil(r * Math.SQRT2) + 1;
  for (let y = Math.max(0, Math.floor(cy - reach)); y < Math.min(b.height, Math.ceil(cy + reach)); y++) {
    for (let x = Math.max(0, Math.floor(cx - reach)); x < Math.min(b.width, Math.ceil(cx + reach)); x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const u = Math.abs(cos * dx + sin * dy);
      const v = Math.abs(-sin * dx + cos * dy);
      const m = Math.max(u, v);
      if (m <= r && (b.filled || m > r - 1)) out[y * b.width + x] = 1;
    }
  }
  return out;
}

/** Flip each cell with probability `noise` (in place). */
function flip(retina: number[], noise: number, rng: Rng): number[] {
  if (noise > 0) for (let i = 0; i < retina.length; i++) if (rng.next() < noise) retina[i] = 1 - retina[i];
  return retina;
}

export interface ShapeSampleOptions {
  readonly width: number;
  readonly height: number;
  /** Sizes drawn uniformly from sizeMin..sizeMax (whole cells). */
  readonly sizeMin: number;
  readonly sizeMax: number;
  /** Largest shift of the box from the centred position, each way, in x and y (clipped to fit). */
  readonly shift: number;
  readonly filled: boolean;
  /** Probability that a cell is flipped. */
  readonly noise: number;
  /** Turn each square by an angle drawn uniformly from [0°, 90°) (drawn after the shifts). */
  readonly rotate?: boolean;
}

export const DEFAULT_SHAPE_OPTIONS: ShapeSampleOptions = {
  width: 20,
  height: 20,
  sizeMin: 6,
  sizeMax: 12,
  shift: 4,
  filled: false,
  noise: 0,
};

function pick(lo: number, hi: number, rng: Rng): number {
  return hi < lo ? lo : lo + rng.int(hi - lo + 1);
}

/** One square or circle: draws size, then x and y shifts, then the noise. */
export function sampleShape(
  kind: ShapeKind,
  rng: Rng,
  o: ShapeSampleOptions = DEFAULT_SHAPE_OPTIONS,
): number[] {
  const size = pick(o.sizeMin, Math.min(o.sizeMax, o.width, o.height), rng);
  const cx = Math.floor((o.width - size) / 2);
  const cy = Math.floor((o.height - size) / 2);
  const x = pick(Math.max(0, cx - o.shift), Math.min(o.width - size, cx + o.shift), rng);
  const y = pick(Math.max(0, cy - o.shift), Math.min(o.height - size, cy + o.shift), rng);
  // Every sample draws its angle when asked to, circles too, so squares and circles use the stream alike.
  const angle = o.rotate ? rng.uniform(0, Math.PI / 2) : 0;
  return flip(
    renderShape(kind, { width: o.width, height: o.height, x, y, size, filled: o.filled, angle }),
    o.noise,
    rng,
  );
}

/** `perKind` squares and circles, alternating; label 0 = square, 1 = circle. */
export function shapeSamples(
  perKind: number,
  rng: Rng,
  o: ShapeSampleOptions = DEFAULT_SHAPE_OPTIONS,
): { x: number[][]; labels: number[] } {
  const x: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < perKind; i++) {
    SHAPE_KINDS.forEach((kind, k) => {
      x.push(sampleShape(kind, rng, o));
      labels.push(k);
    });
  }
  return { x, labels };
}

export type Side = 'left' | 'right';
export const SIDES: readonly Side[] = ['left', 'right'];

export interface MarkOptions {
  readonly width: number;
  readonly height: number;
  /** Side of the square mark, in cells. */
  readonly markSize: number;
  /** Probability that a cell is flipped. */
  readonly noise: number;
}

export const DEFAULT_MARK_OPTIONS: MarkOptions = { width: 20, height: 20, markSize: 3, noise: 0 };

/**
 * A card with one filled square mark placed uniformly at random anywhere wholly inside the left
 * (columns 0 … width/2 − 1) or the right half of the field. Draws x, y, then the noise.
 */
export function sampleMark(side: Side, rng: Rng, o: MarkOptions = DEFAULT_MARK_OPTIONS): number[] {
  const half = Math.floor(o.width / 2);
  const s = Math.min(o.markSize, half, o.height);
  const x0 = side === 'left' ? 0 : o.width - half;
  const x = x0 + rng.int(half - s + 1);
  const y = rng.int(o.height - s + 1);
  return flip(
    renderShape('square', { width: o.width, height: o.height, x, y, size: s, filled: true }),
    o.noise,
    rng,
  );
}

/** `perSide` cards of each side, alternating; label 0 = left, 1 = right. */
export function markSamples(
  perSide: number,
  rng: Rng,
  o: MarkOptions = DEFAULT_MARK_OPTIONS,
): { x: number[][]; labels: number[] } {
  const x: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < perSide; i++) {
    SIDES.forEach((side, k) => {
      x.push(sampleMark(side, rng, o));
      labels.push(k);
    });
  }
  return { x, labels };
}
