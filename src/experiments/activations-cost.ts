/**
 * activations-cost: what one evaluation of each activation costs on this machine.
 *
 * cs231n ("Commonly used activation functions", on ReLU): "Compared to tanh/sigmoid neurons that
 * involve expensive operations (exponentials, etc.), the ReLU can be implemented by simply
 * thresholding a matrix of activations at zero." ELU needs an exponential on its negative side too
 * (Clevert et al. 2015). We time the library's layer-wise forward and backward passes
 * (`measureActivationCost`, N(0, 1) net inputs) in several rounds and compare medians.
 *
 * Timings are not reproducible: they depend on the machine, its load and the JIT. The published
 * figures are therefore held as orderings, 1 when the activation's median forward+backward time is
 * above ReLU's and 0 otherwise, which a few nanoseconds of noise cannot flip when the gap is
 * several-fold. The nanoseconds themselves are reported as extras and notes only when `timings` is
 * on (the default); the fast mode used by the test suite turns it off so that the same seed gives
 * the same JSON.
 */
import { measureActivationCost } from '../backprop/index.js';
import type { Experiment } from './types.js';
import { quantile } from './lib/stats.js';

const NAMES = ['relu', 'leaky-relu', 'prelu', 'elu', 'sigmoid', 'tanh', 'maxout'] as const;
/** Slower means a median above ReLU's by this factor (guards against noise for near-equal costs). */
const SLOWER_FACTOR = 1.2;

export const activationsCost: Experiment = {
  id: 'activations-cost',
  title: 'The cost of one activation evaluation: exponentials against a threshold',
  year: 2016,
  citation: 'cs231n course notes, "Neural Networks Part 1: Commonly used activation functions" (secondary)',
  question:
    'Are sigmoid and tanh (and ELU), which need an exponential, slower to evaluate than ReLU, and by how much?',
  group: 'activations',
  params: {
    rounds: {
      kind: 'integer',
      default: 9,
      fast: 7,
      min: 1,
      doc: 'timing rounds over all activations (median reported)',
    },
    size: { kind: 'integer', default: 4096, fast: 2048, min: 16, doc: 'net inputs per layer call' },
    repeats: { kind: 'integer', default: 200, fast: 50, min: 1, doc: 'layer calls per timing' },
    timings: {
      kind: 'boolean',
      default: true,
      fast: false,
      doc: 'report the measured nanoseconds (not reproducible; off in the fast mode)',
    },
  },
  published: [
    {
      name: 'sigmoidSlower',
      description: `sigmoid slower than ReLU (1 = median forward+backward time > ${SLOWER_FACTOR}× ReLU's)`,
      value: 1,
      source: 'cs231n: tanh/sigmoid "involve expensive operations (exponentials, etc.)"',
      tolerance: { kind: 'equal' },
      toleranceNote:
        'an ordering, not a ratio: the notes give no number, and timings vary with machine and load',
    },
    {
      name: 'tanhSlower',
      description: `tanh slower than ReLU (1 = median time > ${SLOWER_FACTOR}× ReLU's)`,
      value: 1,
      source: 'cs231n (as above)',
      tolerance: { kind: 'equal' },
    },
  ],
  run({ params, rng, progress }) {
    const rounds = params.rounds as number;
    const samples: Record<string, { f: number[]; b: number[] }> = {};
    for (const n of NAMES) samples[n] = { f: [], b: [] };
    for (let r = 0; r < rounds; r++) {
      // Rotate the order each round so that no activation always runs first (JIT warm-up, caches).
      const order = NAMES.map((_, i) => NAMES[(i + r) % NAMES.length]);
      for (const c of measureActivationCost(rng.fork(`round:${r}`), {
        names: order,
        size: params.size as number,
        repeats: params.repeats as number,
      })) {
        samples[c.name].f.push(c.forwardNs);
        samples[c.name].b.push(c.backwardNs ?? NaN);
      }
      progress((r + 1) / rounds);
    }
    const med = (xs: number[]) =>
      quantile(
        [...xs].sort((a, b) => a - b),
        0.5,
      );
    const cost: Record<string, { f: number; b: number; total: number }> = {};
    for (const n of NAMES) {
      const f = med(samples[n].f);
      const b = med(samples[n].b);
      cost[n] = { f, b, total: f + b };
    }
    const slower = (n: string) => (cost[n].total > SLOWER_FACTOR * cost.relu.total ? 1 : 0);
    const values = { sigmoidSlower: slower('sigmoid'), tanhSlower: slower('tanh') };
    const extra: Record<string, number> = { eluSlower: slower('elu') };
    const descriptions: Record<string, string> = {
      eluSlower: `ELU slower than ReLU (1 = median time > ${SLOWER_FACTOR}× ReLU's; its exponential runs on negative inputs only)`,
    };
    const units: Record<string, string> = {};
    const notes = [
      `layer-wise forward and backward over ${params.size as number} N(0,1) net inputs, ${params.repeats as number} calls per timing, median of ${rounds} rounds in rotating order`,
    ];
    if (params.timings) {
      for (const n of NAMES) {
        extra[`${n}Ns`] = cost[n].total;
        units[`${n}Ns`] = 'ns';
        descriptions[`${n}Ns`] = `${n}: forward + backward per element (this machine, this run)`;
        if (n !== 'relu') {
          extra[`${n}OverRelu`] = cost[n].total / cost.relu.total;
          descriptions[`${n}OverRelu`] = `${n} time / ReLU time`;
        }
      }
      notes.push(
        `measured (ns per element, forward + backward): ${NAMES.map((n) => `${n} ${cost[n].f.toFixed(1)} + ${cost[n].b.toFixed(1)}`).join('; ')}`,
        'these timings are not reproducible (machine, load, JIT); only the 0/1 orderings are compared with the source',
      );
    } else {
      notes.push(
        'timings omitted (timings=false) so that the output is reproducible; run with --set timings=true to see them',
      );
    }
    return { values, extra, units, descriptions, notes };
  },
};
