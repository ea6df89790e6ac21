/**
 * Boolean pattern sets of the 1986 backprop experiments, with 0/1 inputs and targets.
 *
 * Pure: no imports. Patterns are listed in binary counting order, the first input being the most
 * significant bit.
 */

export interface BooleanTask {
  name: string;
  inputs: number[][];
  /** One row per pattern; each of these tasks has a single target. */
  targets: number[][];
}

/** All 2ⁿ binary vectors of length n in counting order, most significant bit first. */
export function allBinaryVectors(n: number): number[][] {
  if (!Number.isInteger(n) || n < 0 || n > 24)
    throw new RangeError(`allBinaryVectors: n must be an integer in 0..24, got ${n}`);
  const out: number[][] = [];
  for (let v = 0; v < 2 ** n; v++) {
    out.push(Array.from({ length: n }, (_, i) => (v >> (n - 1 - i)) & 1));
  }
  return out;
}

/** XOR: target 1 when exactly one of the two inputs is on (PDP vol. 1 ch. 8, p.330). */
export function xorTask(): BooleanTask {
  const inputs = allBinaryVectors(2);
  return { name: 'xor', inputs, targets: inputs.map(([a, b]) => [a ^ b]) };
}

/** n-bit parity: target 1 when an odd number of inputs is on (PDP8 p.334; 4 bits → 16 patterns). */
export function parityTask(bits = 4): BooleanTask {
  const inputs = allBinaryVectors(bits);
  return { name: `parity-${bits}`, inputs, targets: inputs.map((x) => [x.reduce((s, b) => s ^ b, 0)]) };
}

/** Symmetry: target 1 when the vector is a mirror image of itself about its centre (RHW 1986; 6 bits → 64 patterns). */
export function symmetryTask(bits = 6): BooleanTask {
  const inputs = allBinaryVectors(bits);
  return {
    name: `symmetry-${bits}`,
    inputs,
    targets: inputs.map((x) => [x.every((b, i) => b === x[bits - 1 - i]) ? 1 : 0]),
  };
}
