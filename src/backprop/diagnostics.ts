/**
 * Per-epoch diagnostics that make the lessons of the activation story measurable (DESIGN.md, "The
 * modern path"): dead ReLUs, saturated sigmoid/tanh units, per-layer gradient norms, sign agreement
 * of weight gradients (the zig-zag of non-zero-centred inputs), mean activations, and the cost of
 * one activation evaluation.
 *
 * Definitions (also in docs/backprop.md):
 * - dead unit: a unit of a ReLU-family layer (relu, leaky-relu, prelu, elu) whose output is exactly
 *   0 on every training sample, measured in the evaluation pass after the epoch. Leaky ReLU, PReLU
 *   and ELU output 0 only when their net input is exactly 0, so in practice they never die.
 * - saturated unit: a unit of a bounded element-wise layer (sigmoid [0,1], tanh [−1,1]) whose output
 *   lies within SATURATION_MARGIN (1 %) of the output range from a bound on every training sample
 *   (sigmoid y ≤ 0.01 or y ≥ 0.99; tanh y ≤ −0.98 or y ≥ 0.98; it may sit at different bounds on
 *   different samples).
 * - the overall dead and saturated fractions count hidden layers only; per-layer values cover all.
 * - gradient norm of layer l: the L2 norm of the gradient of the loss with respect to that layer's
 *   weights, biases, PReLU slopes (and direct weights for the output layer), as used by each update
 *   (batch-reduced, before momentum and weight decay), averaged over the epoch's updates.
 * - sign agreement of layer l: for each unit (row of W) and each update, |Σᵢ sign gᵢ| / #{gᵢ ≠ 0}
 *   over its incoming-weight gradients gᵢ (biases excluded); 1.0 = all the same sign, ≈ 0 for
 *   random signs. Averaged over the rows with some non-zero gradient and over the epoch's updates.
 *   With per-sample updates gᵢ = δ·xᵢ, so positive inputs (sigmoid outputs) give exactly 1.0.
 * - mean activation of layer l: the mean output over units and training samples (evaluation pass).
 */
import type { Rng } from '../rng.js';
import { ACTIVATION_NAMES, type Activation, activationFromConfig } from './activations.js';

/** A bounded unit is saturated when within this fraction of its output range from a bound. */
export const SATURATION_MARGIN = 0.01;

export interface EpochDiagnostics {
  epoch: number;
  /** Dead fraction over hidden ReLU-family units; null when there are none. */
  deadFraction: number | null;
  /** Per layer (input side first): dead fraction, null where the layer is not ReLU-family. */
  deadPerLayer: (number | null)[];
  /** Saturated fraction over hidden sigmoid/tanh units; null when there are none. */
  saturatedFraction: number | null;
  saturatedPerLayer: (number | null)[];
  /** Per layer: mean over the epoch's updates of the gradient's L2 norm; null at epoch 0. */
  gradientNorm: number[] | null;
  /** Per layer: mean sign agreement of incoming-weight gradients; null at epoch 0. */
  signAgreement: (number | null)[] | null;
  /** Per layer: mean output over units and samples. */
  meanActivation: number[];
}

/** Sign agreement of one gradient row: |Σ sign g| / #nonzero, or NaN when all are zero. */
export function rowSignAgreement(g: ArrayLike<number>, start: number, length: number): number {
  let pos = 0;
  let neg = 0;
  for (let i = start; i < start + length; i++) {
    const v = g[i];
    if (v > 0) pos++;
    else if (v < 0) neg++;
  }
  const n = pos + neg;
  return n === 0 ? NaN : Math.abs(pos - neg) / n;
}

/** Whether an output value of a bounded activation is saturated. */
export function isSaturatedValue(y: number, lo: number, hi: number): boolean {
  const m = SATURATION_MARGIN * (hi - lo);
  return y <= lo + m || y >= hi - m;
}

export interface ActivationCost {
  name: string;
  /** Nanoseconds per element for the layer-wise forward pass. */
  forwardNs: number;
  /** Nanoseconds per element for the layer-wise backward pass (null for step, which has none). */
  backwardNs: number | null;
}

/**
 * Measure the cost of one activation evaluation for each activation (ns per element), by running
 * the layer-wise `forward` and `backward` over `size` net inputs drawn from N(0, 1), `repeats`
 * times after a warm-up, timed with process.hrtime. A measurement, never an assertion: numbers
 * depend on the machine and its load.
 */
export function measureActivationCost(
  rng: Rng,
  options: { names?: readonly string[]; size?: number; repeats?: number } = {},
): ActivationCost[] {
  const names = options.names ?? ACTIVATION_NAMES;
  const size = options.size ?? 4096;
  const repeats = options.repeats ?? 200;
  const results: ActivationCost[] = [];
  for (const name of names) {
    const act: Activation = activationFromConfig({ name });
    const k = act.pieces;
    const z = new Float64Array(size * k);
    for (let i = 0; i < z.length; i++) z[i] = rng.normal();
    const a = new Float64Array(size);
    const dA = new Float64Array(size).fill(1);
    const dZ = new Float64Array(size * k);
    const slopes = act.learnsSlopes ? new Float64Array(size).fill(0.25) : null;
    const argmax = k > 1 ? new Int32Array(size) : null;
    const time = (f: () => void): number => {
      for (let r = 0; r < Math.min(20, repeats); r++) f();
      const t0 = process.hrtime.bigint();
      for (let r = 0; r < repeats; r++) f();
      return Number(process.hrtime.bigint() - t0) / (repeats * size);
    };
    const forwardNs = time(() => act.forward(z, a, size, slopes, argmax));
    const backwardNs = act.trainable ? time(() => act.backward(z, a, dA, dZ, size, slopes, argmax)) : null;
    results.push({ name: act.name, forwardNs, backwardNs });
  }
  return results;
}
