/**
 * The WebAssembly perceptron epoch (src/wasm/perceptron.ts) against the JavaScript reference: the
 * same presentations, decisions and corrections as `linearSum` + `perceptronDecideFromSum` +
 * `addScaledInPlace` one presentation at a time, so the weights and every sum must be the same bits.
 * Random shapes (odd and even input counts, fewer than four presentations, repeats in the order),
 * integer inputs for exact ties, and signed zeros in the weights.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addScaledInPlace,
  linearSum,
  perceptronDecideFromSum,
  perceptronOutput,
} from '../../src/rules/index.js';
import type { ZeroSumConvention } from '../../src/rules/index.js';
import { setWasmEnabled } from '../../src/wasm/assembler.js';
import { epochPlan, float64Matrix } from '../../src/wasm/perceptron.js';

const ties: ZeroSumConvention[] = ['error', 'positive', 'negative'];
const tieValue = (t: ZeroSumConvention) => perceptronOutput(0, t);

function referenceEpoch(
  w: Float64Array,
  xs: Float64Array[],
  order: number[],
  d: Float64Array,
  bias: boolean,
  eta: number,
  tie: ZeroSumConvention,
): Float64Array {
  const sums = new Float64Array(order.length);
  order.forEach((p, q) => {
    const sum = linearSum(w, xs[p], bias);
    sums[q] = sum;
    const decision = perceptronDecideFromSum(w, xs[p], d[q], sum, { eta, tie, correction: 'fixed', bias });
    if (decision.scale !== 0) addScaledInPlace(w, xs[p], bias, decision.scale);
  });
  return sums;
}

const bits = (a: Float64Array) => Array.from(new BigUint64Array(Float64Array.from(a).buffer), String);

describe('WebAssembly perceptron epoch', () => {
  afterEach(() => setWasmEnabled(true));

  it('gives the JavaScript reference epoch bit for bit over random shapes', () => {
    fc.assert(
      fc.property(
        fc.record({
          rows: fc.integer({ min: 1, max: 9 }),
          cols: fc.integer({ min: 1, max: 13 }),
          bias: fc.boolean(),
          integers: fc.boolean(),
          eta: fc.constantFrom(1, 0.5, 0.1),
          tie: fc.constantFrom(...ties),
          seed: fc.integer({ min: 0, max: 1e9 }),
          length: fc.integer({ min: 1, max: 30 }),
        }),
        ({ rows, cols, bias, integers, eta, tie, seed, length }) => {
          // A small LCG is enough to spread values; fast-check's seed drives it.
          let state = seed >>> 0;
          const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
          const value = () => (integers ? Math.floor(next() * 3) - 1 : next() * 2 - 1);
          const data = float64Matrix(rows, cols);
          for (let i = 0; i < data.length; i++) data[i] = value();
          const xs = Array.from({ length: rows }, (_, r) => data.subarray(r * cols, (r + 1) * cols));
          const order = Array.from({ length }, () => Math.floor(next() * rows));
          const d = Float64Array.from(order, () => (next() < 0.5 ? -1 : 1));
          const size = bias ? cols + 1 : cols;
          const w0 = Float64Array.from({ length: size }, () => (integers ? -0 : value()));
          const plan = epochPlan(xs, order, cols);
          expect(plan).not.toBeNull();
          const w = Float64Array.from(w0);
          const sums = new Float64Array(length);
          plan!.run(w, d, bias, eta, tieValue(tie), sums);
          const wRef = Float64Array.from(w0);
          const sumsRef = referenceEpoch(wRef, xs, order, d, bias, eta, tie);
          expect(bits(w)).toEqual(bits(wRef));
          expect(bits(sums)).toEqual(bits(sumsRef));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('leaves patterns outside its memory, and everything when switched off, to JavaScript', () => {
    const data = float64Matrix(2, 3);
    const xs = [data.subarray(0, 3), data.subarray(3, 6)];
    expect(epochPlan(xs, [0, 1], 3)).not.toBeNull();
    expect(epochPlan([new Float64Array(3), xs[1]], [0, 1], 3)).toBeNull();
    setWasmEnabled(false);
    expect(epochPlan(xs, [0, 1], 3)).toBeNull();
    expect(float64Matrix(2, 3).buffer.byteLength).toBe(48);
  });
});
