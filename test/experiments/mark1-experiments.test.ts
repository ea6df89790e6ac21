// The Mark I experiments' building blocks: Rosenblatt's P_a against hand-computed cases, the glyph
// font and its placement, determinism of jitter and noise, MNIST scaling and splitting.
import { describe, expect, it } from 'vitest';
import {
  renderGlyph,
  sampleGlyph,
  glyphSamples,
  DEFAULT_GLYPH_OPTIONS,
} from '../../src/data/retina-glyphs.js';
import { markSamples, renderShape, shapeSamples } from '../../src/data/retina-shapes.js';
import { scaleImage, splitIndices } from '../../src/data/mnist-retina.js';
import { binomial, rosenblattPa } from '../../src/experiments/lib/mark1-pa.js';
import { oneVsRest, weightMap } from '../../src/experiments/lib/mark1-common.js';
import { COMPARE_TASKS } from '../../src/experiments/lib/tasks.js';
import { Rng } from '../../src/rng.js';

describe('Rosenblatt 1958 P_a', () => {
  it('binomial coefficients', () => {
    expect([binomial(6, 0), binomial(6, 2), binomial(10, 5), binomial(4, 5)]).toEqual([1, 15, 252, 0]);
  });

  it('matches hand-computed small cases', () => {
    // x = 1, y = 0, θ = 1: fires iff its one cell is lit.
    expect(rosenblattPa(1, 0, 1, 0.3)).toBeCloseTo(0.3, 12);
    // x = 2, y = 1, θ = 1: e = 1 and the inhibitory cell dark, or e = 2 (any i ≤ 1):
    // 2R(1−R)·(1−R) + R².
    for (const r of [0.1, 0.5, 0.8]) {
      expect(rosenblattPa(2, 1, 1, r)).toBeCloseTo(2 * r * (1 - r) ** 2 + r * r, 12);
    }
    // x = 2, y = 2, θ = 2: both excitatory lit and no inhibitory lit: R²(1−R)².
    expect(rosenblattPa(2, 2, 2, 0.4)).toBeCloseTo(0.16 * 0.36, 12);
    // θ above x never fires; θ = 0 with no inhibition always fires.
    expect(rosenblattPa(3, 1, 4, 0.9)).toBe(0);
    expect(rosenblattPa(3, 0, 0, 0.2)).toBeCloseTo(1, 12);
  });

  it('falls as θ rises and as inhibition grows', () => {
    const r = 0.3;
    expect(rosenblattPa(6, 4, 1, r)).toBeGreaterThan(rosenblattPa(6, 4, 2, r));
    expect(rosenblattPa(6, 4, 2, r)).toBeGreaterThan(rosenblattPa(6, 4, 3, r));
    expect(rosenblattPa(6, 0, 2, r)).toBeGreaterThan(rosenblattPa(6, 4, 2, r));
  });
});

describe('retina glyphs', () => {
  it('draws a known letter: T at scale 1, centred on a 7×9 retina', () => {
    const t = renderGlyph('T', { width: 7, height: 9, scale: 1, dx: 0, dy: 0 });
    const rows = Array.from({ length: 9 }, (_, y) =>
      t
        .slice(y * 7, y * 7 + 7)
        .map((v) => (v ? '#' : '.'))
        .join(''),
    );
    expect(rows).toEqual([
      '.......',
      '.#####.',
      '...#...',
      '...#...',
      '...#...',
      '...#...',
      '...#...',
      '...#...',
      '.......',
    ]);
  });

  it('scale 2 doubles every dot: an L has 11 dots, so 44 cells', () => {
    const l = renderGlyph('L', { width: 20, height: 20, scale: 2, dx: 0, dy: 0 });
    expect(l.reduce((a, b) => a + b, 0)).toBe(44);
  });

  it('jitter and noise are deterministic for a seed and vary between seeds', () => {
    const a = sampleGlyph('E', Rng.fromSeed(5));
    const b = sampleGlyph('E', Rng.fromSeed(5));
    const c = sampleGlyph('E', Rng.fromSeed(6));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const clean = sampleGlyph('E', Rng.fromSeed(5), { ...DEFAULT_GLYPH_OPTIONS, noise: 0, jitter: 0 });
    expect(clean).toEqual(renderGlyph('E', { width: 20, height: 20, scale: 2, dx: 0, dy: 0 }));
  });

  it('keeps jittered glyphs whole on the retina', () => {
    const rng = Rng.fromSeed(1);
    const ink = renderGlyph('H', { width: 20, height: 20, scale: 2, dx: 0, dy: 0 }).reduce(
      (a, b) => a + b,
      0,
    );
    for (let i = 0; i < 50; i++) {
      const s = sampleGlyph('H', rng, { ...DEFAULT_GLYPH_OPTIONS, noise: 0, jitter: 5 });
      expect(s.reduce((a, b) => a + b, 0)).toBe(ink);
    }
  });

  it('labels samples by letter', () => {
    const s = glyphSamples(['A', 'B', 'C'], 2, Rng.fromSeed(1));
    expect(s.labels).toEqual([0, 1, 2, 0, 1, 2]);
  });
});

describe('retina shapes and marks', () => {
  it('outline square of side 4 has 12 cells; a filled one 16', () => {
    const base = { width: 10, height: 10, x: 2, y: 3, size: 4 };
    expect(renderShape('square', { ...base, filled: false }).reduce((a, b) => a + b, 0)).toBe(12);
    expect(renderShape('square', { ...base, filled: true }).reduce((a, b) => a + b, 0)).toBe(16);
  });

  it('left marks lie in the left half, right marks in the right half', () => {
    const s = markSamples(20, Rng.fromSeed(3));
    s.x.forEach((card, i) => {
      const cols = card.flatMap((v, k) => (v ? [k % 20] : []));
      expect(cols.length).toBeGreaterThan(0);
      if (s.labels[i] === 0) expect(Math.max(...cols)).toBeLessThan(10);
      else expect(Math.min(...cols)).toBeGreaterThanOrEqual(10);
    });
  });

  it('shape samples are deterministic for a seed', () => {
    expect(shapeSamples(5, Rng.fromSeed(2))).toEqual(shapeSamples(5, Rng.fromSeed(2)));
  });
});

describe('MNIST on the retina', () => {
  it('area scaling keeps the ink mass (× the area ratio) and the range [0, 1]', () => {
    const rng = Rng.fromSeed(9);
    const img = Array.from({ length: 784 }, (_, i) => {
      const x = i % 28;
      const y = Math.floor(i / 28);
      return x > 8 && x < 20 && y > 4 && y < 24 ? rng.next() : 0;
    });
    const out = scaleImage(img, 28, 28, 20, 20);
    const inSum = img.reduce((a, b) => a + b, 0);
    const outSum = out.reduce((a, b) => a + b, 0);
    expect(outSum).toBeCloseTo(inSum * (400 / 784), 6);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...out)).toBeLessThanOrEqual(1);
  });

  it('split indices are a slice of a permutation, with no index twice', () => {
    const s = splitIndices(100, 60, 40, Rng.fromSeed(4));
    expect([...s.train, ...s.test].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(splitIndices(100, 60, 40, Rng.fromSeed(4))).toEqual(s);
    expect(() => splitIndices(10, 8, 3, Rng.fromSeed(1))).toThrow(RangeError);
  });
});

describe('Mark I task helpers', () => {
  it('one-vs-rest targets: one R-unit for two classes, else one per class', () => {
    expect(oneVsRest([0, 1], 2)).toEqual([[-1], [1]]);
    expect(oneVsRest([2], 3)).toEqual([[-1, -1, 1]]);
  });

  it('weight map: w · (excitatory − inhibitory) summed per S-cell', () => {
    const board = {
      excitatory: [Int32Array.from([0, 1]), Int32Array.from([1])],
      inhibitory: [Int32Array.from([2]), Int32Array.from([0])],
      fanOut: new Int32Array(3),
    };
    expect(weightMap([2, 3], board, 3)).toEqual([2 - 3, 2 + 3, -2]);
  });

  it('compare tasks build the same patterns for the same seed', () => {
    for (const [id, entry] of Object.entries(COMPARE_TASKS)) {
      if (id === 'mnist-mark1-vs-mlp') continue;
      const a = entry.task({}, Rng.fromSeed(1));
      const b = entry.task({}, Rng.fromSeed(1));
      expect(a.train.x.length).toBeGreaterThan(0);
      expect(a.train.y[0].length).toBe(a.classes.length === 2 ? 1 : a.classes.length);
      expect(a).toEqual(b);
    }
  });
});
