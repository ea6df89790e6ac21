/**
 * Cover's function-counting theorem (Cover 1965; WL90 p.1421 and Fig. 5; REFERENCES.md §3, §8 R2).
 *
 * N points in general position in K dimensions (K weights, the bias counted when there is one) have
 *   T(N, K) = 2 Σ_{k=0}^{K−1} C(N−1, k)
 * linearly separable dichotomies (homogeneous: the separating hyperplane passes through the origin of
 * the K-dimensional space; with a bias, the points are (x, 1) and K = inputs + 1). So a random
 * dichotomy is separable with probability P = T/2^N = 2^(1−N) Σ_{k<K} C(N−1, k), which is 1 for N ≤ K
 * and exactly ½ at N = 2K (the binomial sum is then half of 2^(2K−1)).
 *
 * Counts are exact (BigInt); the probability is the nearest double to the exact ratio.
 */

/** C(n, k) exactly. */
export function binomial(n: number, k: number): bigint {
  if (!Number.isInteger(n) || !Number.isInteger(k) || n < 0) throw new RangeError(`binomial(${n}, ${k})`);
  if (k < 0 || k > n) return 0n;
  const kk = Math.min(k, n - k);
  let c = 1n;
  for (let i = 1; i <= kk; i++) c = (c * BigInt(n - kk + i)) / BigInt(i);
  return c;
}

/** T(N, K): the number of linearly separable dichotomies of N points in general position in K dimensions. */
export function coverCount(points: number, dims: number): bigint {
  if (!Number.isInteger(points) || points < 0)
    throw new RangeError(`points must be a whole number ≥ 0, got ${points}`);
  if (!Number.isInteger(dims) || dims < 0)
    throw new RangeError(`dims must be a whole number ≥ 0, got ${dims}`);
  if (points === 0) return 1n; // the one empty dichotomy
  let sum = 0n;
  for (let k = 0; k < dims; k++) sum += binomial(points - 1, k);
  return 2n * sum;
}

/** P(N, K) = T(N, K) / 2^N as a number in [0, 1] (exactly 0.5 at N = 2K). N ≤ 1000 (doubles' range). */
export function coverProbability(points: number, dims: number): number {
  if (points > 1000) throw new RangeError(`coverProbability: at most 1000 points, got ${points}`);
  // Both conversions are exact or correctly rounded; 2^N is a power of two, so the ratio is too.
  return Number(coverCount(points, dims)) / 2 ** points;
}
