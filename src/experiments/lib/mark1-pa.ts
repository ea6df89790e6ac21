/**
 * Rosenblatt's 1958 probability that an A-unit fires (REFERENCES.md §1.3, R58, formula secondary).
 *
 * An A-unit with x excitatory and y inhibitory connections to distinct S-points fires when
 * (lit excitatory) − (lit inhibitory) ≥ θ (R58 p.389; a tie fires). When each S-point is lit
 * independently with probability R:
 *
 *   P_a = Σ_{e=θ..x} Σ_{i=0..min(y, e−θ)} C(x,e) R^e (1−R)^(x−e) · C(y,i) R^i (1−R)^(y−i)
 *
 * implemented term by term. For θ ≤ 0 (outside R58's use) the same event needs e from 0, so the
 * outer sum starts at max(0, θ); for θ ≥ 0 it is R58's sum exactly.
 */

/** Binomial coefficient C(n, k) as a float (exact for the small n used here). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  const kk = Math.min(k, n - k);
  for (let j = 1; j <= kk; j++) c = (c * (n - kk + j)) / j;
  return Math.round(c);
}

/** Binomial probability of exactly k successes in n trials of probability p. */
export function binomialPmf(n: number, k: number, p: number): number {
  return binomial(n, k) * p ** k * (1 - p) ** (n - k);
}

/** R58's P_a for x excitatory, y inhibitory connections, threshold θ and lit fraction R. */
export function rosenblattPa(x: number, y: number, theta: number, r: number): number {
  for (const [name, v] of [
    ['x', x],
    ['y', y],
  ] as const) {
    if (!Number.isInteger(v) || v < 0)
      throw new RangeError(`P_a: ${name} must be a whole number ≥ 0, got ${v}`);
  }
  if (!Number.isInteger(theta)) throw new RangeError(`P_a: θ must be a whole number, got ${theta}`);
  if (!(r >= 0 && r <= 1)) throw new RangeError(`P_a: R must be in [0, 1], got ${r}`);
  let p = 0;
  for (let e = Math.max(0, theta); e <= x; e++) {
    const pe = binomialPmf(x, e, r);
    for (let i = 0; i <= Math.min(y, e - theta); i++) p += pe * binomialPmf(y, i, r);
  }
  return p;
}
