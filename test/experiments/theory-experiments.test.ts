// The exact tools behind the theory experiments: the simplex separability test, Cover's counting
// formula, the exponential fits, and the data the ADALINE experiments draw on.
import { describe, expect, it } from 'vitest';
import { BOOLEAN_FUNCTION_NAMES, booleanTargets } from '../../src/experiments/boolean-16.js';
import { binomial, coverCount, coverProbability } from '../../src/experiments/lib/cover.js';
import { fitExponential, fitLogLinear } from '../../src/experiments/lib/exp-fit.js';
import { isLinearlySeparable, linearSeparability } from '../../src/experiments/lib/linear-separability.js';
import { tgfPatterns } from '../../src/data/adaline-patterns.js';
import { Rng } from '../../src/rng.js';
import { perceptronEpoch } from '../../src/rules/perceptron.js';

const CORNERS = [
  [-1, -1],
  [-1, 1],
  [1, -1],
  [1, 1],
];

function dot(w: ArrayLike<number>, x: readonly number[], bias: boolean): number {
  let s = bias ? w[x.length] : 0;
  for (let i = 0; i < x.length; i++) s += w[i] * x[i];
  return s;
}

function gaussianPoints(rng: Rng, n: number, dims: number): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: dims }, () => rng.normal()));
}

describe('linearSeparability (Phase I simplex, Bland)', () => {
  it('XOR and XNOR are not separable, with a certificate λ ≥ 0, Σλ = 1, Σλyz = 0', () => {
    for (const ys of [
      [-1, 1, 1, -1],
      [1, -1, -1, 1],
    ]) {
      const r = linearSeparability(CORNERS, ys);
      expect(r.separable).toBe(false);
      if (r.separable) continue;
      expect(Array.from(r.combination).every((l) => l >= 0)).toBe(true);
      expect(r.combination.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (let c = 0; c < 3; c++) {
        const s = CORNERS.reduce((acc, x, j) => acc + r.combination[j] * ys[j] * (c < 2 ? x[c] : 1), 0);
        expect(Math.abs(s)).toBeLessThan(1e-12);
      }
    }
  });

  it('the other 14 two-input functions are separable, and the weights returned separate them', () => {
    let count = 0;
    for (let f = 0; f < 16; f++) {
      const ys = booleanTargets(f);
      const r = linearSeparability(CORNERS, ys);
      if (!r.separable) {
        expect(['XOR', 'XNOR']).toContain(BOOLEAN_FUNCTION_NAMES[f]);
        continue;
      }
      count++;
      CORNERS.forEach((x, i) => expect(ys[i] * dot(r.weights, x, true)).toBeGreaterThan(0));
    }
    expect(count).toBe(14);
  });

  it('known small cases: 1-D, contradictory duplicates, no bias, empty set', () => {
    expect(isLinearlySeparable([[0], [1], [2]], [-1, 1, 1])).toBe(true);
    expect(isLinearlySeparable([[0], [1], [2]], [-1, 1, -1])).toBe(false);
    expect(
      isLinearlySeparable(
        [
          [0.5, 0.5],
          [0.5, 0.5],
        ],
        [1, -1],
      ),
    ).toBe(false);
    expect(isLinearlySeparable([[1], [-1]], [1, -1], { bias: false })).toBe(true);
    // Without a bias the boundary passes through the origin: 1 and 2 cannot be told apart.
    expect(isLinearlySeparable([[1], [2]], [1, -1], { bias: false })).toBe(false);
    expect(isLinearlySeparable([[1], [2]], [1, -1])).toBe(true);
    expect(isLinearlySeparable([], [])).toBe(true);
    // Only a bias: separable iff all labels agree.
    expect(isLinearlySeparable([[], []], [1, 1])).toBe(true);
    expect(isLinearlySeparable([[], []], [1, -1])).toBe(false);
  });

  it('refuses labels other than ±1 and ragged points', () => {
    expect(() => linearSeparability([[0]], [0])).toThrow(RangeError);
    expect(() => linearSeparability([[0], [1, 2]], [1, -1])).toThrow(RangeError);
    expect(() => linearSeparability([[0]], [1, -1])).toThrow(RangeError);
  });

  it('concentric rings are not separable, half-planes are', () => {
    const rng = Rng.fromSeed('rings');
    const pts: number[][] = [];
    const inner: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t = rng.uniform(0, 2 * Math.PI);
      const r = i % 2 === 0 ? 1 : 3;
      pts.push([r * Math.cos(t), r * Math.sin(t)]);
      inner.push(i % 2 === 0 ? 1 : -1);
    }
    expect(isLinearlySeparable(pts, inner)).toBe(false);
    expect(
      isLinearlySeparable(
        pts,
        pts.map(([x, y]) => (x + 0.3 * y > 0.1 ? 1 : -1)),
      ),
    ).toBe(true);
  });

  it('counts exactly T(N, d) separable dichotomies of N points in general position (exhaustive)', () => {
    const rng = Rng.fromSeed('cover-exhaustive');
    for (const [n, dims] of [
      [4, 3],
      [5, 3],
      [6, 3],
      [6, 4],
      [7, 4],
      [8, 4],
      [5, 2],
      [6, 5],
    ]) {
      const pts = gaussianPoints(rng, n, dims - 1);
      let separable = 0;
      for (let mask = 0; mask < 2 ** n; mask++) {
        const ys = Array.from({ length: n }, (_, i) => ((mask >> i) & 1 ? 1 : -1));
        if (isLinearlySeparable(pts, ys)) separable++;
      }
      expect(BigInt(separable), `N=${n}, d=${dims}`).toBe(coverCount(n, dims));
    }
  });

  it('agrees with a perceptron on random sets: converged ⇒ separable; not separable ⇒ never converges', () => {
    const rng = Rng.fromSeed('lp-vs-perceptron');
    let converged = 0;
    let refused = 0;
    for (let trial = 0; trial < 300; trial++) {
      const dims = 1 + rng.int(5);
      const n = 1 + rng.int(4 * (dims + 1));
      const pts = gaussianPoints(rng, n, dims);
      const ys = pts.map(() => (rng.next() < 0.5 ? -1 : 1));
      const r = linearSeparability(pts, ys);
      const w = new Float64Array(dims + 1);
      let ok = false;
      for (let e = 0; e < 300 && !ok; e++) ok = perceptronEpoch(w, pts, ys, { tie: 'error' }) === 0;
      if (ok) {
        converged++;
        expect(r.separable, `trial ${trial}`).toBe(true);
      }
      if (!r.separable) {
        refused++;
        expect(ok).toBe(false);
      } else {
        pts.forEach((x, i) => expect(ys[i] * dot(r.weights, x, true)).toBeGreaterThan(0));
      }
    }
    expect(converged).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  });
});

describe("Cover's function-counting formula", () => {
  it('binomial coefficients', () => {
    expect(binomial(5, 2)).toBe(10n);
    expect(binomial(0, 0)).toBe(1n);
    expect(binomial(4, 5)).toBe(0n);
    expect(binomial(60, 30)).toBe(118264581564861424n);
  });

  it('P(N = 2d) is exactly ½ for every d', () => {
    for (let d = 1; d <= 60; d++) expect(coverProbability(2 * d, d)).toBe(0.5);
  });

  it('P = 1 up to N = d (every dichotomy), T(N, 1) = 2, T(4, 3) = 14 (all of 16 but XOR, XNOR)', () => {
    for (let d = 1; d <= 12; d++) for (let n = 0; n <= d; n++) expect(coverProbability(n, d)).toBe(1);
    for (let n = 1; n <= 20; n++) expect(coverCount(n, 1)).toBe(2n);
    expect(coverCount(4, 3)).toBe(14n);
    expect(coverProbability(4, 3)).toBe(14 / 16);
  });

  it('P(N, d) + P(N, N − d) = 1 (the binomial sum is symmetric)', () => {
    for (let n = 2; n <= 40; n++)
      for (let d = 1; d < n; d++) {
        expect(coverProbability(n, d) + coverProbability(n, n - d)).toBeCloseTo(1, 14);
      }
  });

  it('falls with N for fixed d', () => {
    for (let n = 11; n <= 60; n++) expect(coverProbability(n, 10)).toBeLessThan(coverProbability(n - 1, 10));
  });
});

describe('exponential fits', () => {
  const x = Array.from({ length: 80 }, (_, k) => k);
  it('recover τ, amplitude and floor from an exact curve', () => {
    const y = x.map((k) => 17 * Math.exp(-k / 16.5) + 0.4);
    const f = fitExponential(x, y);
    expect(f.tau).toBeCloseTo(16.5, 4);
    expect(f.a).toBeCloseTo(17, 4);
    expect(f.c).toBeCloseTo(0.4, 4);
    const g = fitLogLinear(
      x,
      x.map((k) => 3 * Math.exp(-k / 7)),
    );
    expect(g.tau).toBeCloseTo(7, 10);
    expect(g.a).toBeCloseTo(3, 10);
    expect(
      fitExponential(
        x,
        x.map((k) => 2 * Math.exp(-k / 5)),
        { floor: 0 },
      ).tau,
    ).toBeCloseTo(5, 5);
  });

  it('refuse too few points and non-positive values for the log fit', () => {
    expect(() => fitExponential([0, 1], [1, 2])).toThrow(RangeError);
    expect(() => fitLogLinear([0, 1, 2], [1, 0, 2])).toThrow(RangeError);
  });
});

describe('ADALINE T/G/F patterns', () => {
  const patterns = tgfPatterns();

  it('six 4×4 ±1 patterns: T, G, F and their copies shifted one column right; targets +60, 0, −60', () => {
    expect(patterns.map((p) => p.name)).toEqual(['T', 'G', 'F', 'T shifted', 'G shifted', 'F shifted']);
    expect(patterns.map((p) => p.target)).toEqual([60, 0, -60, 60, 0, -60]);
    for (const p of patterns) {
      expect(p.inputs).toHaveLength(16);
      expect(p.inputs.every((v) => v === 1 || v === -1)).toBe(true);
    }
    for (let k = 0; k < 3; k++) {
      const plain = patterns[k].rows;
      const shifted = patterns[k + 3].rows;
      plain.forEach((row, r) => expect(shifted[r]).toBe('.' + row.slice(0, 3)));
    }
    expect(new Set(patterns.map((p) => p.inputs.join())).size).toBe(6);
  });

  it('are linearly independent with the bias input, so α-LMS can zero every error', () => {
    const m = patterns.map((p) => [...p.inputs, 1]);
    let rank = 0;
    for (let c = 0; c < 17 && rank < m.length; c++) {
      const pivot = m.findIndex((row, r) => r >= rank && Math.abs(row[c]) > 1e-9);
      if (pivot < 0) continue;
      [m[rank], m[pivot]] = [m[pivot], m[rank]];
      for (let r = 0; r < m.length; r++) {
        if (r === rank) continue;
        const f = m[r][c] / m[rank][c];
        for (let j = 0; j < 17; j++) m[r][j] -= f * m[rank][j];
      }
      rank++;
    }
    expect(rank).toBe(6);
  });
});
