/**
 * minsky-papert-parity: an order-limited perceptron learns n-bit parity only when its A-units may
 * look at all n retina points.
 *
 * Source: Minsky & Papert, *Perceptrons* (1969), ch. 3, Theorem 3.1.1 (REFERENCES.md §4, §10):
 * parity on a retina of n points has order n, i.e. a perceptron ψ = [Σαᵢφᵢ > θ] computes it only
 * when some φᵢ depends on every point. Below order n no choice of weights works, so no learning
 * rule can find one; at order n weights exist, and error correction finds them (convergence
 * theorem, REFERENCES.md §1.4).
 *
 * Our perceptron: the retina is n points with values 0/1; the A layer is dense and order-limited:
 * one A-unit per non-empty subset S of at most k points, firing when every point of S is lit (M&P's
 * "masks", §1.5: every predicate of support S is a linear combination of the masks of the subsets
 * of S, so nothing of order ≤ k is missing). One R-unit with a bias learns by Rosenblatt's
 * fixed-increment error correction (src/rules/perceptron.ts, η = 1, zero weights), on all 2ⁿ
 * patterns in an order reshuffled every epoch by the run's generator, until an epoch without a
 * mistake or `maxEpochs`.
 *
 * The verdict counts the retina sizes n = 2…bits at which the smallest order that learned is not
 * n. It is 0 only if order n learns in time at every n and no lower order ever does; too few
 * epochs or a broken rule make it differ.
 */
import { perceptronEpoch } from '../rules/perceptron.js';
import type { Rng } from '../rng.js';
import type { Experiment, Series } from './types.js';

/** Every non-empty subset of {0…n−1} with at most k members, as bit masks, by size then value. */
export function masksUpToOrder(n: number, k: number): number[] {
  const out: number[] = [];
  for (let size = 1; size <= k; size++) {
    for (let m = 1; m < 1 << n; m++) if (popcount(m) === size) out.push(m);
  }
  return out;
}

function popcount(m: number): number {
  let c = 0;
  for (let v = m; v !== 0; v &= v - 1) c++;
  return c;
}

/** The A layer's response to retina pattern `p` (bit i = point i lit): 1 where the mask's points are all lit. */
export function maskResponses(p: number, masks: readonly number[]): Float64Array {
  const a = new Float64Array(masks.length);
  for (let j = 0; j < masks.length; j++) a[j] = (p & masks[j]) === masks[j] ? 1 : 0;
  return a;
}

export interface ParityRun {
  /** Whether an epoch without a mistake came within `maxEpochs`. */
  learned: boolean;
  /** Epochs trained (the mistake-free one included). */
  epochs: number;
  /** Fewest mistakes in any epoch. */
  fewestMistakes: number;
}

/** Train one order-k perceptron on n-bit parity by error correction. */
export function trainParity(n: number, k: number, maxEpochs: number, rng: Rng, eta = 1): ParityRun {
  const masks = masksUpToOrder(n, k);
  const count = 1 << n;
  const xs = Array.from({ length: count }, (_, p) => maskResponses(p, masks));
  const ds = Float64Array.from({ length: count }, (_, p) => (popcount(p) % 2 === 1 ? 1 : -1));
  const w = new Float64Array(masks.length + 1);
  const order = Array.from({ length: count }, (_, i) => i);
  let fewest = count;
  for (let e = 1; e <= maxEpochs; e++) {
    rng.shuffle(order);
    const mistakes = perceptronEpoch(w, xs, ds, { eta }, order);
    fewest = Math.min(fewest, mistakes);
    if (mistakes === 0) return { learned: true, epochs: e, fewestMistakes: 0 };
  }
  return { learned: false, epochs: maxEpochs, fewestMistakes: fewest };
}

export const minskyPapertParity: Experiment = {
  id: 'minsky-papert-parity',
  title: 'Parity has order n: an order-limited perceptron learns it only at order n',
  year: 1969,
  citation: 'Minsky & Papert, Perceptrons (MIT Press, 1969), ch. 3, Theorem 3.1.1',
  question:
    'Does a perceptron whose A-units each see at most k retina points learn n-bit parity exactly when k ≥ n?',
  group: 'theory',
  params: {
    bits: {
      kind: 'integer',
      default: 6,
      fast: 4,
      full: 7,
      min: 2,
      // 2ⁿ patterns × 2ⁿ masks at order n: 8 already takes minutes.
      max: 8,
      doc: 'largest retina: parity is tried on n = 2 … bits points',
    },
    maxEpochs: {
      kind: 'integer',
      default: 6000,
      fast: 1000,
      full: 40000,
      min: 1,
      // Order n took about 4× more epochs per added point (seed 1: 12, 44, 124, 526, 1916 for
      // n = 2…6), so the cap leaves room of about 3× at the default's largest n.
      doc: 'epochs over all 2ⁿ patterns before an order counts as not learning',
    },
    eta: { kind: 'number', default: 1, min: 1e-6, max: 1e6, doc: 'the increment η (Rosenblatt: 1)' },
  },
  published: [
    {
      name: 'mismatches',
      description:
        'retina sizes n = 2…bits at which the smallest order that learned parity is not n (0: order n, never less)',
      value: 0,
      source: 'Minsky & Papert 1969, Theorem 3.1.1 (REFERENCES.md §4)',
      tolerance: { kind: 'equal' },
      toleranceNote:
        'exact: the theorem leaves no room below order n, and at order n the convergence theorem promises a solution in finitely many mistakes; a mismatch means order n did not learn within maxEpochs (or something lower did, which would contradict the theorem)',
    },
  ],
  run({ params, rng, progress }) {
    const bits = params.bits as number;
    const maxEpochs = params.maxEpochs as number;
    const eta = params.eta as number;
    let mismatches = 0;
    const extra: Record<string, number> = {};
    const descriptions: Record<string, string> = {};
    const ns: number[] = [];
    const minOrders: number[] = [];
    const total = ((bits + 2) * (bits - 1)) / 2;
    let done = 0;
    for (let n = 2; n <= bits; n++) {
      let minOrder = NaN;
      for (let k = 1; k <= n; k++) {
        const r = trainParity(n, k, maxEpochs, rng, eta);
        progress(++done / total);
        if (k === n - 1) {
          extra[`fewestMistakesN${n}`] = r.fewestMistakes;
          descriptions[`fewestMistakesN${n}`] =
            `n = ${n}, order ${n - 1}: fewest mistakes in an epoch of ${1 << n} patterns (never 0 by the theorem)`;
        }
        if (r.learned && Number.isNaN(minOrder)) {
          minOrder = k;
          extra[`epochsN${n}`] = r.epochs;
          descriptions[`epochsN${n}`] = `n = ${n}: epochs to learn at order ${k}`;
        }
      }
      if (minOrder !== n) mismatches++;
      extra[`minOrderN${n}`] = minOrder;
      descriptions[`minOrderN${n}`] = `n = ${n}: smallest order that learned parity (NaN: none)`;
      ns.push(n);
      minOrders.push(minOrder);
    }
    const series: Record<string, Series> = {
      minOrder: {
        x: ns,
        y: minOrders,
        xLabel: 'retina points n',
        yLabel: 'smallest order that learned parity',
      },
    };
    return {
      values: { mismatches },
      extra,
      descriptions,
      series,
      notes: [
        `A layer: one mask per subset of at most k of the n points (all predicates of order ≤ k are their linear combinations); one R-unit with a bias, fixed-increment error correction, η = ${eta}, zero initial weights, all 2ⁿ patterns reshuffled every epoch; an order "learns" when an epoch passes without a mistake within ${maxEpochs} epochs`,
        'M&P state the order of parity as a theorem, not a measurement: what is measured here is that error correction finds the order-n solution in time and never one below it',
      ],
    };
  },
};
