/**
 * activations-saturation: the local gradient of sigmoid and tanh, and what it does to a deep net.
 *
 * σ′(x) = σ(x)(1 − σ(x)) is at most ¼ (at 0) and almost zero once the unit saturates; tanh′ = 1 −
 * tanh² is 1 at 0 (REFERENCES.md §6; cs231n, "Commonly used activation functions": a saturated
 * unit's local gradient "kills" the gradient flowing through it). Those are identities of the
 * formulas: they are unit tests (test/backprop/activations.test.ts), not verdicts here, since they
 * cannot come out otherwise.
 *
 * What can: the effect on a deep net. Backprop multiplies the gradient by w·f′ once per layer. We
 * build nets of `depth` hidden layers of `width` units with the same initial weights for every
 * activation (Glorot-uniform by default), and compare the gradient norm of the first layer's
 * weights with the last layer's, once at initialisation and then over every update of a short
 * training run (the library's per-layer gradient-norm diagnostic). With sigmoid and weights of gain
 * about 1 the gradient shrinks by at least 4× per layer on the way to the input, at the start and
 * while training; larger initial weights (`--set initRange=1`) offset σ′ and the factor rises above
 * ¼, so the verdict rests on the set-up, and a test shows it failing there.
 */
import { Mlp, parseActivation, makeDataset, train } from '../backprop/index.js';
import { Rng } from '../rng.js';
import type { Experiment, Series } from './types.js';

const ACTIVATIONS = ['sigmoid', 'tanh', 'relu'] as const;
/** Activations whose training is measured (sigmoid for the verdict, tanh beside it). */
const TRAINED = ['sigmoid', 'tanh'] as const;

function localGradient(name: string, x: number): number {
  const act = parseActivation(name);
  return act.derivative(x, act.apply(x));
}

export interface DeepNetOptions {
  depth: number;
  width: number;
  inputs: number;
  samples: number;
  nets: number;
  seed: number;
  /** Initial weights U[−r, r]; 0 for Glorot-uniform. */
  initRange?: number;
}

/** Net k of a set-up with its data: the same data and weights for every activation, only f and f′ differ. */
function deepNet(activation: string, options: DeepNetOptions, k: number) {
  const { depth, width, inputs, samples, seed } = options;
  const rng = Rng.fromSeed(`${seed}:${k}`);
  const X = Array.from({ length: samples }, () => Array.from({ length: inputs }, () => rng.normal()));
  const Y = X.map(() => [rng.normal()]);
  const data = makeDataset(X, Y);
  const r = options.initRange ?? 0;
  const net = Mlp.create(
    {
      inputs,
      hidden: new Array<number>(depth).fill(width),
      outputs: 1,
      hiddenActivation: activation,
      outputActivation: 'identity',
      init: r > 0 ? { name: 'uniform', range: r } : 'glorot-uniform',
      biasInit: 0,
    },
    rng,
  );
  return { net, data, rng };
}

/** Per-layer L2 norms of the weight gradient (input side first) of a fresh net, averaged over nets in log space. */
export function initialGradientNorms(activation: string, options: DeepNetOptions): number[] {
  const { depth, samples, nets } = options;
  const logSum = new Array<number>(depth + 1).fill(0);
  for (let k = 0; k < nets; k++) {
    const { net, data } = deepNet(activation, options, k);
    net.gradient(data.inputs, data.targets, 0, samples, 'mean');
    net.layers.forEach((L, l) => {
      let sq = 0;
      for (const g of L.gW) sq += g * g;
      logSum[l] += Math.log10(Math.sqrt(sq));
    });
  }
  return logSum.map((s) => 10 ** (s / nets));
}

export interface TrainingSaturation {
  /** Geometric mean over nets and epochs of (first hidden layer's gradient norm / last's)^(1/(depth−1)). */
  perLayerFactor: number;
  /** Mean local gradient f′(z) over hidden units and samples after training, averaged over nets. */
  meanLocalGradient: number;
  /** Fraction of hidden units saturated on every sample after training (the library's diagnostic). */
  saturatedFraction: number;
}

/**
 * Train each net for `epochs` (mini-batches of 8, shuffled) and measure what training does to the
 * gradient: the per-layer factor from the gradient norms of every update (the library's
 * diagnostics), and, after training, the mean local gradient and the saturated fraction.
 */
export function trainingSaturation(
  activation: string,
  options: DeepNetOptions & { epochs: number; learningRate: number },
): TrainingSaturation {
  const { depth, nets } = options;
  let logFactor = 0;
  let epochsSeen = 0;
  let grad = 0;
  let saturated = 0;
  for (let k = 0; k < nets; k++) {
    const { net, data, rng } = deepNet(activation, options, k);
    const r = train(net, data, {
      learningRate: options.learningRate,
      batchSize: 8,
      maxEpochs: options.epochs,
      shuffle: true,
      rng: rng.fork('order'),
      diagnostics: true,
    });
    for (const e of r.diagnostics ?? []) {
      if (e.gradientNorm === null) continue;
      logFactor += Math.log(e.gradientNorm[0] / e.gradientNorm[depth - 1]) / (depth - 1);
      epochsSeen++;
    }
    saturated += r.diagnostics?.at(-1)?.saturatedFraction ?? NaN;
    // Mean f′ over hidden units and samples, from the trained net's forward pass.
    let sum = 0;
    let count = 0;
    for (let s = 0; s < data.count; s++) {
      net.forward(data.inputs, s * options.inputs);
      for (let l = 0; l < depth; l++) {
        const L = net.layers[l];
        for (let u = 0; u < L.units; u++) sum += L.act.derivative(L.z[u], L.a[u]);
        count += L.units;
      }
    }
    grad += sum / count;
  }
  return {
    perLayerFactor: Math.exp(logFactor / epochsSeen),
    meanLocalGradient: grad / nets,
    saturatedFraction: saturated / nets,
  };
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
    initRange: {
      kind: 'number',
      default: 0,
      min: 0,
      max: 100,
      doc: 'initial weights U[−r, r] with this r; 0 = Glorot-uniform (the default, gain about 1)',
    },
    epochs: {
      kind: 'integer',
      default: 20,
      fast: 10,
      min: 1,
      max: 10000,
      doc: 'epochs of training of the deep sigmoid net (mini-batches of 8, rate `learningRate`)',
    },
    learningRate: { kind: 'number', default: 0.1, min: 0, max: 100, doc: 'learning rate of that training' },
    trainedNets: {
      kind: 'integer',
      default: 5,
      fast: 2,
      min: 1,
      max: 1000,
      doc: 'nets trained per activation (the first of the `nets` set-ups)',
    },
  },
  published: [
    {
      name: 'sigmoidPerLayerFactor',
      description:
        'deep sigmoid net at initialisation: mean factor per layer by which the weight gradient changes towards the input',
      value: 0.25,
      source:
        'σ′ ≤ ¼ (cs231n; REFERENCES.md §6): each sigmoid layer multiplies the backpropagated gradient by σ′',
      tolerance: { kind: 'atMost' },
      toleranceNote:
        'a consequence of the formula for weights of gain about 1 (Glorot): each layer multiplies the gradient by w·σ′, so larger weights offset σ′ (with initRange=1 the factor is about 0.5); the verdict holds for the initialisation used',
    },
    {
      name: 'sigmoidPerLayerFactorTraining',
      description:
        'deep sigmoid net during training: the same factor from the gradient norms of every update, averaged (geometric mean) over the epochs',
      value: 0.25,
      source: 'cs231n: a saturated sigmoid "kills" the gradient; σ′ ≤ ¼ (REFERENCES.md §6)',
      tolerance: { kind: 'atMost' },
      toleranceNote:
        'measured on what training does, not on the formula: the weights move, units saturate, and the factor could rise above ¼; it stayed below for Glorot weights at seeds 1-3',
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
      initRange: params.initRange as number,
    };
    const norms: Record<string, number[]> = {};
    ACTIVATIONS.forEach((a, i) => {
      norms[a] = initialGradientNorms(a, options);
      progress((i + 1) / (ACTIVATIONS.length + TRAINED.length));
    });
    const trained: Record<string, TrainingSaturation> = {};
    TRAINED.forEach((a, i) => {
      trained[a] = trainingSaturation(a, {
        ...options,
        nets: params.trainedNets as number,
        epochs: params.epochs as number,
        learningRate: params.learningRate as number,
      });
      progress((ACTIVATIONS.length + i + 1) / (ACTIVATIONS.length + TRAINED.length));
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
    for (const a of TRAINED) {
      const t = trained[a];
      if (a !== 'sigmoid') {
        extra[`${a}PerLayerFactorTraining`] = t.perLayerFactor;
        descriptions[`${a}PerLayerFactorTraining`] =
          `${a}: mean factor per layer towards the input during training`;
      }
      extra[`${a}MeanLocalGradient`] = t.meanLocalGradient;
      descriptions[`${a}MeanLocalGradient`] =
        `${a}: mean local gradient f′(z) over hidden units and samples after training (max ${a === 'sigmoid' ? '¼' : '1'})`;
      extra[`${a}SaturatedAfterTraining`] = t.saturatedFraction;
      descriptions[`${a}SaturatedAfterTraining`] =
        `${a}: fraction of hidden units within 1% of a bound on every sample after training`;
    }
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
        sigmoidPerLayerFactorTraining: trained.sigmoid.perLayerFactor,
      },
      extra,
      descriptions,
      series,
      notes: [
        `deep net: 10 inputs, ${depth} hidden layers of ${options.width} units, 1 linear output, squared error on 64 random N(0,1) samples and targets; ${options.initRange > 0 ? `U[−${options.initRange}, ${options.initRange}]` : 'Glorot-uniform'} weights, zero biases, identical for every activation; gradient of the mean loss at initialisation, then ${params.trainedNets as number} net(s) per activation trained ${params.epochs as number} epochs at rate ${params.learningRate as number} (batches of 8) with the gradient norms of every update recorded`,
        'the identities σ′ ≤ ¼, σ′(±10) ≈ 4.5e-5, tanh′(0) = 1 and tanh′(±10) ≈ 8.2e-9 hold by the formulas and are unit tests (test/backprop/activations.test.ts), not verdicts',
        'Glorot-uniform suits tanh; ReLU nets are usually started with He weights, which makes their gradient grow slightly towards the input instead; neither vanishes like sigmoid',
      ],
    };
  },
};
