/**
 * Printed capital letters on the Mark I's 20×20 retina.
 *
 * The Mark I was shown printed letters on cards before its photocell "eye" (REFERENCES.md §1.2); the
 * cards themselves are not recorded, so we draw the letters from a 5×7 dot-matrix font table (the
 * common 5×7 character-generator shapes), scaled by a whole factor and placed on the retina with
 * a random position jitter and pixel noise, both drawn from a passed Rng (never an unseeded generator).
 *
 * Retina values are illuminations in [0, 1]: 1 where the letter's ink is (the photocell is lit),
 * 0 elsewhere; noise flips a cell. Row-major, row 0 at the top.
 */
import type { Rng } from '../rng.js';

/** Glyph width and height in font dots. */
export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;

/** The 5×7 font: one string per row, '#' = ink. */
export const GLYPHS_5X7: Readonly<Record<string, readonly string[]>> = {
  A: ['.###.', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  B: ['####.', '#...#', '#...#', '####.', '#...#', '#...#', '####.'],
  C: ['.###.', '#...#', '#....', '#....', '#....', '#...#', '.###.'],
  D: ['####.', '#...#', '#...#', '#...#', '#...#', '#...#', '####.'],
  E: ['#####', '#....', '#....', '####.', '#....', '#....', '#####'],
  F: ['#####', '#....', '#....', '####.', '#....', '#....', '#....'],
  G: ['.###.', '#...#', '#....', '#.###', '#...#', '#...#', '.####'],
  H: ['#...#', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  I: ['.###.', '..#..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  J: ['..###', '...#.', '...#.', '...#.', '...#.', '#..#.', '.##..'],
  K: ['#...#', '#..#.', '#.#..', '##...', '#.#..', '#..#.', '#...#'],
  L: ['#....', '#....', '#....', '#....', '#....', '#....', '#####'],
  M: ['#...#', '##.##', '#.#.#', '#.#.#', '#...#', '#...#', '#...#'],
  N: ['#...#', '#...#', '##..#', '#.#.#', '#..##', '#...#', '#...#'],
  O: ['.###.', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  P: ['####.', '#...#', '#...#', '####.', '#....', '#....', '#....'],
  Q: ['.###.', '#...#', '#...#', '#...#', '#.#.#', '#..#.', '.##.#'],
  R: ['####.', '#...#', '#...#', '####.', '#.#..', '#..#.', '#...#'],
  S: ['.####', '#....', '#....', '.###.', '....#', '....#', '####.'],
  T: ['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '..#..'],
  U: ['#...#', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  V: ['#...#', '#...#', '#...#', '#...#', '#...#', '.#.#.', '..#..'],
  W: ['#...#', '#...#', '#...#', '#.#.#', '#.#.#', '#.#.#', '.#.#.'],
  X: ['#...#', '#...#', '.#.#.', '..#..', '.#.#.', '#...#', '#...#'],
  Y: ['#...#', '#...#', '#...#', '.#.#.', '..#..', '..#..', '..#..'],
  Z: ['#####', '....#', '...#.', '..#..', '.#...', '#....', '#####'],
};

export const GLYPH_LETTERS: readonly string[] = Object.keys(GLYPHS_5X7);

export interface GlyphPlacement {
  /** Retina size in cells. */
  readonly width: number;
  readonly height: number;
  /** Each font dot becomes a scale×scale block of cells. */
  readonly scale: number;
  /** Offset of the glyph from the centred position, in cells (positive: right, down). */
  readonly dx: number;
  readonly dy: number;
}

function glyphRows(letter: string): readonly string[] {
  const rows = GLYPHS_5X7[letter];
  if (!rows) throw new RangeError(`no glyph for '${letter}'; the font has ${GLYPH_LETTERS.join('')}`);
  return rows;
}

/** Top-left cell of a glyph of this scale centred on the retina (before the offset). */
export function centredOrigin(width: number, height: number, scale: number): { x: number; y: number } {
  return {
    x: Math.floor((width - GLYPH_WIDTH * scale) / 2),
    y: Math.floor((height - GLYPH_HEIGHT * scale) / 2),
  };
}

/** The letter drawn on the retina, no noise: 1 on ink, 0 elsewhere; ink off the retina is cut. */
export function renderGlyph(letter: string, p: GlyphPlacement): number[] {
  const rows = glyphRows(letter);
  const out = new Array<number>(p.width * p.height).fill(0);
  const o = centredOrigin(p.width, p.height, p.scale);
  for (let gy = 0; gy < GLYPH_HEIGHT; gy++) {
    for (let gx = 0; gx < GLYPH_WIDTH; gx++) {
      if (rows[gy][gx] !== '#') continue;
      for (let sy = 0; sy < p.scale; sy++) {
        for (let sx = 0; sx < p.scale; sx++) {
          const x = o.x + p.dx + gx * p.scale + sx;
          const y = o.y + p.dy + gy * p.scale + sy;
          if (x >= 0 && x < p.width && y >= 0 && y < p.height) out[y * p.width + x] = 1;
        }
      }
    }
  }
  return out;
}

/** Flip each cell of a 0/1 retina with probability `noise` (in place; returns it). */
export function addPixelNoise(retina: number[], noise: number, rng: Rng): number[] {
  if (noise > 0) {
    for (let i = 0; i < retina.length; i++) if (rng.next() < noise) retina[i] = 1 - retina[i];
  }
  return retina;
}

export interface GlyphSampleOptions {
  readonly width: number;
  readonly height: number;
  readonly scale: number;
  /** Largest shift from the centre, in cells, each way, in x and y (uniform whole cells). */
  readonly jitter: number;
  /** Probability that a cell is flipped (black ↔ white). */
  readonly noise: number;
}

export const DEFAULT_GLYPH_OPTIONS: GlyphSampleOptions = {
  width: 20,
  height: 20,
  scale: 2,
  jitter: 2,
  noise: 0.03,
};

/**
 * One noisy, jittered sample of `letter`. The shift is limited so that the glyph stays on the
 * retina. Draws: dx, dy, then one uniform per cell for the noise.
 */
export function sampleGlyph(
  letter: string,
  rng: Rng,
  o: GlyphSampleOptions = DEFAULT_GLYPH_OPTIONS,
): number[] {
  const origin = centredOrigin(o.width, o.height, o.scale);
  const maxDx = o.width - GLYPH_WIDTH * o.scale - origin.x;
  const maxDy = o.height - GLYPH_HEIGHT * o.scale - origin.y;
  const dx = pickShift(o.jitter, origin.x, maxDx, rng);
  const dy = pickShift(o.jitter, origin.y, maxDy, rng);
  const retina = renderGlyph(letter, { width: o.width, height: o.height, scale: o.scale, dx, dy });
  return addPixelNoise(retina, o.noise, rng);
}

function pickShift(jitter: number, before: number, after: number, rng: Rng): number {
  const min = Math.max(-jitter, -before);
  const max = Math.min(jitter, after);
  if (max < min) return 0;
  return min + rng.int(max - min + 1);
}

/** `perLetter` samples of each letter, interleaved letter by letter; labels index into `letters`. */
export function glyphSamples(
  letters: readonly string[],
  perLetter: number,
  rng: Rng,
  o: GlyphSampleOptions = DEFAULT_GLYPH_OPTIONS,
): { x: number[][]; labels: number[] } {
  const x: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < perLetter; i++) {
    letters.forEach((letter, k) => {
      x.push(sampleGlyph(letter, rng, o));
      labels.push(k);
    });
  }
  return { x, labels };
}
