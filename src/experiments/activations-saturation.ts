/**
 * activations-saturation: the local gradient of sigmoid and tanh, and what it does to a deep net.
 *
 * σ′(x) = σ(x)(1 − σ(x)) is at most ¼ (at 0) and almost zero once the unit saturates:
 * σ′(±10) = e⁻¹⁰/(1 + e⁻¹⁰)² ≈ 4.54·10⁻⁵. tanh′(x) = 1 − tanh²(x) = sech²(x) is 1 at 0 and
 * ≈ 8.24·10⁻⁹ at ±10 (REFERENCES.md §6; cs231n, "Commonly used activation functions": a saturated
 * unit's local gradient "kills" the gradient flowing through it). We read these values off the
 * library's activations and hold them to the closed forms.
 *
 * The effect on a deep net: backprop multiplies the gradient by f′ once per layer. We build nets of
 * `depth` hidden layers of `width` units with the same Glorot-uniform initial weights (the same seed
 * for each activation, so the weights are identical), compute the loss gradient at initialisation
 * on random regression data, and compare the gradient norm of the first layer's weights with the
 * last layer's. With sigmoid (σ′ ≤ ¼) the gradient shrinks by about 4× per layer on the way to the
 * input; with tanh and ReLU it stays within an order of magnitude. No paper gives these numbers for
 * this net, so they are reported without a published figure.
 */
import { Mlp, parseActivation, makeDataset } from '../backprop/index.js';
import { Rng } from '../rng.js';
import type { Experiment, Series } from './types.js';

/** Closed forms: σ′(10) = e⁻¹⁰/(1 + e⁻¹⁰)², tanh′(10) = sech²(10) (computed in double precision). */
const SIGMOID_GRAD_AT_10 = 4.539580773595167e-5;
const TANH_GRAD_AT_10 = 8.244614455767395e-9;
const ACTIVATIONS = ['sigmoid', 'tanh', 'relu'] as const;

function localGradient(name: string, x: number): number {
  const act = parseActivation(name);
  return act.derivative(x, act.apply(x));
}

/** Per-layer L2 norms of the weight gradient (input side first) of a fresh net, averaged over seeds in log space. */
export function initialGradientNorms(
  activation: string,
  options: { depth: number; width: number; inputs: number; samples: number; nets: number; seed: number },
): number[] {
  const { depth, width, inputs, samples, nets, seed } = options;
  const logSum = new Array<number>(depth + 1).fill(0);
  for (let k = 0; k < nets; k++) {
    // The same data and weights for every activation: only f and f′ differ.
    const rng = Rng.fromSeed(`${seed}:${k}`);
    const X = Array.from({ length: samples }, () => Array.from({ length: inputs }, () => rng.normal()));
    const Y = X.map(() => [rng.normal()]);
    const data = makeDataset(X, Y);
    const net = Mlp.create(
      {
        inputs,
        hidden: new Array<number>(depth).fill(width),
        outputs: 1,
        hiddenActivation: activation,
        outputActivation: 'identity',
        init: 'glorot-uniform',
        biasInit: 0,
      },
      rng,
    );
    net.gradient(data.inputs, data.targets, 0, samples, 'mean');
    net.layers.forEach((L, l) => {
      let sq = 0;
      for (const g of L.gW) sq += g * g;
      logSum[l] += Math.log10(Math.sqrt(sq));
    });
  }
  return logSum.map((s) => 10 ** (s / nets));
}

export const activationsSaturation: Experiment = {
  id: 'activations-saturation',
  title: 'Saturated sigmoid and tanh units, and the vanishing gradient of a deep sigmoid net',
  year: 2010,
  citation:
    'cs231n course notes, "Neural Networks Part 1: Commonly used activation functions" (secondary); Glorot & Bengio, AISTATS 2010',
  question:
    'How small is the local gradient of a saturated sigmoid or tanh unit, and how fast does the gradient fade towards the input of a deep sigmoid net compared with tanh and ReLU?',
  group: 'activations',
  params: {
    depth: { kind: 'integer', default: 8, min: 2, max: 50, doc: 'hidden layers of the deep net' },
    width: { kind: 'integer', default: 32, min: 1, doc: 'units per hidden layer' },
    nets: {
      kind: 'integer',
      default: 20,
      fast: 4,
      min: 1,
      doc: 'random nets (weights and data) per activation; norms are averaged in log space',
    },
  },
  published: [
    {
      name: 'sigmoidGradAt0',
      description: "sigmoid's local gradient σ′(0) (its maximum)",
      value: 0.25,
      source: 'σ′ = σ(1−σ) (REFERENCES.md §6; cs231n)',
      tolerance: { kind: 'absolute', value: 1e-15 },
    },
    {
      name: 'sigmoidGradAt10',
      description: "sigmoid's local gradient σ′(10), saturated",
      value: SIGMOID_GRAD_AT_10,
      source: 'σ′ = σ(1−σ) = e⁻ˣ/(1+e⁻ˣ)² at x = 10',
      tolerance: { kind: 'absolute', value: 1e-13 },
      toleranceNote:
        'about 1e-9 relative: σ(1−σ) is computed from σ(10) = 0.9999546…, which loses about 5 digits',
    },
    {
      name: 'sigmoidGradAtMinus10',
      description: "sigmoid's local gradient σ′(−10), saturated",
      value: SIGMOID_GRAD_AT_10,
      source: 'σ′ is even: σ′(−x) = σ′(x)',
      tolerance: { kind: 'absolute', value: 1e-13 },
    },
    {
      name: 'tanhGradAt0',
      description: "tanh's local gradient at 0 (its maximum)",
      value: 1,
      source: "tanh′ = 1 − tanh² (REFERENCES.md §6; WL90's sgm′ = 1 − y²)",
      tolerance: { kind: 'absolute', value: 1e-15 },
    },
    {
      name: 'tanhGradAt10',
      description: "tanh's local gradient at 10, saturated",
      value: TANH_GRAD_AT_10,
      source: 'tanh′ = 1 − tanh² = sech² at x = 10',
      tolerance: { kind: 'absolute', value: 1e-14 },
      toleranceNote:
        'about 1e-6 relative: 1 − y² with y = 0.999999996 cancels 8 of the 16 digits; the library computes the derivative from y, as backprop does',
    },
    {
      name: 'tanhGradAtMinus10',
      description: "tanh's local gradient at −10, saturated",
      value: TANH_GRAD_AT_10,
      source: 'tanh′ is even',
      tolerance: { kind: 'absolute', value: 1e-14 },
    },
    {
      name: 'sigmoidPerLayerFactor',
      description:
        'deep sigmoid net at initialisation: mean factor per layer by which the weight gradient changes towards the input',
      value: 0.25,
      source:
        'σ′ ≤ ¼ (cs231n; REFERENCES.md §6): each sigmoid layer multiplies the backpropagated gradient by σ′',
      tolerance: { kind: 'atMost' },
      toleranceNote:
        'a consequence of the formula, not a measurement from a paper: with weights of gain about 1 (Glorot), every sigmoid layer shrinks the gradient at least 4×; larger weights could offset it, so this holds for the initialisation used here',
    },
  ],
  run({ params, seed, progress }) {
    const depth = params.depth as number;
    const options = {
      depth,
      width: params.width as number,
      inputs: 10,
      samples: 64,
      nets: params.nets as number,
      seed,
    };
    const norms: Record<string, number[]> = {};
    ACTIVATIONS.forEach((a, i) => {
      norms[a] = initialGradientNorms(a, options);
      progress((i + 1) / ACTIVATIONS.length);
    });
    const extra: Record<string, number> = {};
    const descriptions: Record<string, string> = {};
    const series: Record<string, Series> = {};
    for (const a of ACTIVATIONS) {
      const n = norms[a];
      // First hidden layer's weights against the last hidden layer's (the output layer is linear).
      const ratio = n[0] / n[depth - 1];
      extra[`${a}FirstOverLast`] = ratio;
      descriptions[`${a}FirstOverLast`] =
        `${a}: gradient norm of hidden layer 1's weights / hidden layer ${depth}'s, at initialisation`;
      if (depth > 1) {
        extra[`${a}PerLayerFactor`] = ratio ** (1 / (depth - 1));
        descriptions[`${a}PerLayerFactor`] =
          `${a}: mean factor per layer by which the gradient changes towards the input`;
      }
      series[a] = {
        x: n.map((_, l) => l + 1),
        y: n.map((v) => Math.log10(v)),
        xLabel: `layer (1 = first hidden, ${depth + 1} = output)`,
        yLabel: 'log10 ‖∂E/∂W‖ at initialisation',
      };
    }
    const sig10 = localGradient('sigmoid', 10);
    series.sigmoidLocalGradient = {
      x: Array.from({ length: 41 }, (_, i) => -10 + i / 2),
      y: Array.from({ length: 41 }, (_, i) => localGradient('sigmoid', -10 + i / 2)),
      xLabel: 'net input x',
      yLabel: 'local gradient f′(x)',
    };
    series.tanhLocalGradient = {
      x: Array.from({ length: 41 }, (_, i) => -10 + i / 2),
      y: Array.from({ length: 41 }, (_, i) => localGradient('tanh', -10 + i / 2)),
      xLabel: 'net input x',
      yLabel: 'local gradient f′(x)',
    };
    const sigmoidPerLayerFactor = extra.sigmoidPerLayerFactor ?? NaN;
    delete extra.sigmoidPerLayerFactor;
    return {
      values: {
        sigmoidPerLayerFactor,
        sigmoidGradAt0: localGradient('sigmoid', 0),
        sigmoidGradAt10: sig10,
        sigmoidGradAtMinus10: localGradient('sigmoid', -10),
        tanhGradAt0: localGradient('tanh', 0),
        tanhGradAt10: localGradient('tanh', 10),
        tanhGradAtMinus10: localGradient('tanh', -10),
      },
      extra,
      descriptions,
      series,
      notes: [
        `deep net: 10 inputs, ${depth} hidden layers of ${options.width} units, 1 linear output, squared error on 64 random N(0,1) samples and targets; Glorot-uniform weights, zero biases, identical for the three activations; gradient of the mean loss at initialisation`,
        'Glorot-uniform suits tanh; ReLU nets are usually started with He weights, which makes their gradient grow slightly towards the input instead; neither vanishes like sigmoid',
      ],
    };
  },
};
