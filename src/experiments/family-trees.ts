/**
 * family-trees: Rumelhart, Hinton & Williams's two isomorphic family trees (Nature 323:533–536,
 * 1986, Figs. 2–4; REFERENCES.md §5, R10, D6).
 *
 * The source's set-up, as we read it: 104 cases (person 1, relation) → person(s) 2 from an English
 * and an Italian tree of 12 people each (src/experiments/lib/family-trees.ts derives them); a
 * layered sigmoid net in which the 24 one-hot person-1 units feed 6 units of their own and the 12
 * one-hot relation units 6 others, those 12 feed 12 central units, which feed 6 units that feed
 * the 24 person-2 output units. Trained on 100 cases, 4 held out, for 1,500 sweeps, one weight
 * change per sweep (the summed gradient of E = ½Σ(y − d)²), ε = 0.005 and momentum 0.5 for the first
 * 20 sweeps, then momentum 0.9 and ε = 0.01 (D6: the text is read both as 0.01 and 0.001, so it is a
 * parameter), every weight decremented by 0.2 % after each change. A case counts as correct when
 * the output units that should be on are above 0.8 and the others below 0.2. The paper reports
 * that the trained net got the four held-out cases right.
 *
 * Left open by the source, our choices (assumptions): initial weights and biases U[−0.3, 0.3]
 * (RHW's symmetry runs), biases on every unit and not decayed, 0/1 targets, and which four cases
 * are held out (the paper does not name them: each run draws four at random from its own seed).
 * Because one set of four can be easy or hard, we train several nets and report the mean number
 * of held-out cases right, and the mean number of training cases right.
 *
 * What we found: with this schedule every net stays on the plateau where all 24 output units are
 * nearly off (E ≈ 50 summed over the 100 cases, about half a unit of error per answer) for all 1,500
 * sweeps, with U[−0.3, 0.3] and with U[−1, 1] initial weights; without the decay the nets leave it
 * after 500–1,000 sweeps but still have training cases wrong after 5,000; ε = 0.05 leaves it within
 * 1,500 sweeps but gets only 16–28 training cases right. So something the paper does not state (the
 * initial weights, how the summed gradient is scaled, the targets) must differ from our reading,
 * and both figures are declared `differs` with that reason rather than bought by a tuned set-up.
 */
import { Rng } from '../rng.js';
import { Mlp } from '../backprop/index.js';
import { caseVectors, familyCases, type FamilyCase } from './lib/family-trees.js';
import type { Experiment, Series } from './types.js';

const PLATEAU =
  'with the schedule as we read it (one change per sweep of the summed gradient, ε 0.01, momentum 0.9, 0.2 % decay) the nets stay on the plateau where every output unit is nearly off, so few or no cases come out right; the paper leaves the initial weights, the scaling of the gradient and the targets unstated, and no choice of ours within the source was found that learns in 1,500 sweeps. It is the set-up, not our code: the same set-up written again in NumPy (scripts/crosscheck/family-trees-numpy.py) sits on the same plateau (error 50.8, no case right, from sweep 250 to 1,500), and leaves it only without decay and with U[−1, 1] weights';

/** The published criterion: on-units above this, off-units below 1 − this (RHW p.535). */
export const FAMILY_ON = 0.8;

export interface FamilyTreesOptions {
  sweeps: number;
  warmSweeps: number;
  warmRate: number;
  warmMomentum: number;
  rate: number;
  momentum: number;
  decay: number;
  heldOut: number;
  /** Initial weights and biases from U[−initRange, initRange]. */
  initRange: number;
}

export interface FamilyRun {
  trainCorrect: number;
  heldOutCorrect: number;
  trainCount: number;
  heldOutCount: number;
  /** ½Σ(y − d)² over the training cases, every `every` sweeps. */
  loss: number[];
  /** ½Σ(y − d)² over the training cases after the last sweep. */
  finalLoss: number;
}

function correct(y: ArrayLike<number>, target: readonly number[]): boolean {
  for (let u = 0; u < target.length; u++) {
    if (target[u] === 1 ? !(y[u] > FAMILY_ON) : !(y[u] < 1 - FAMILY_ON)) return false;
  }
  return true;
}

/** Train one net from `rng` (which also picks the held-out cases) and score it. */
/** `onSweep(fraction)` is called every `every` sweeps with the fraction of sweeps done (progress display). */
export function trainFamilyTrees(
  o: FamilyTreesOptions,
  rng: Rng,
  every = 50,
  onSweep?: (fraction: number) => void,
): FamilyRun {
  const all = familyCases();
  const order = rng.permutation(all.length);
  const held = new Set(Array.from(order.slice(0, o.heldOut)));
  const train: FamilyCase[] = all.filter((_, i) => !held.has(i));
  const test: FamilyCase[] = all.filter((_, i) => held.has(i));
  const net = Mlp.create(
    {
      inputs: 36,
      hidden: [12, 12, 6],
      outputs: 24,
      hiddenActivation: 'sigmoid',
      outputActivation: 'sigmoid',
      loss: 'squared',
      init: { name: 'uniform', range: o.initRange },
      biasInit: 'same',
    },
    rng,
  );
  // The first layer is two separate groups: units 0–5 see only the 24 person units, 6–11 only the
  // 12 relation units. A dense layer with the cross weights held at 0 is that architecture.
  const first = net.layers[0];
  const mask = new Float64Array(first.W.length);
  for (let u = 0; u < 12; u++) {
    for (let i = 0; i < 36; i++) mask[u * 36 + i] = u < 6 === i < 24 ? 1 : 0;
  }
  for (let j = 0; j < mask.length; j++) first.W[j] *= mask[j];

  const n = train.length;
  const X = new Float64Array(n * 36);
  const Y = new Float64Array(n * 24);
  const xOff = new Int32Array(n);
  const dOff = new Int32Array(n);
  train.forEach((c, k) => {
    const v = caseVectors(c);
    X.set(v.input, k * 36);
    Y.set(v.target, k * 24);
    xOff[k] = k * 36;
    dOff[k] = k * 24;
  });
  const params = net.parameters();
  const velocity = params.map((p) => new Float64Array(p.values.length));
  const loss: number[] = [];
  for (let sweep = 1; sweep <= o.sweeps; sweep++) {
    net.forwardBatch(X, xOff, n);
    if (sweep === 1 || sweep % every === 0) {
      let e = 0;
      for (let s = 0; s < n; s++) e += net.sampleLoss(Y, dOff[s], s);
      loss.push(e);
      onSweep?.(sweep / o.sweeps);
    }
    net.backwardBatch(X, xOff, Y, dOff, n, true);
    const warm = sweep <= o.warmSweeps;
    const eps = warm ? o.warmRate : o.rate;
    const mu = warm ? o.warmMomentum : o.momentum;
    params.forEach((p, pi) => {
      const v = velocity[pi];
      const w = p.values;
      const g = p.grads;
      const m = p.values === first.W ? mask : null;
      for (let j = 0; j < w.length; j++) {
        v[j] = mu * v[j] - eps * g[j] * (m === null ? 1 : m[j]);
        w[j] += v[j];
        if (p.decay) w[j] *= 1 - o.decay;
      }
    });
  }
  net.forwardBatch(X, xOff, n);
  let finalLoss = 0;
  for (let s = 0; s < n; s++) finalLoss += net.sampleLoss(Y, dOff[s], s);
  const score = (cases: FamilyCase[]) =>
    cases.filter((c) => {
      const v = caseVectors(c);
      return correct(net.forward(v.input), v.target);
    }).length;
  return {
    trainCorrect: score(train),
    heldOutCorrect: score(test),
    trainCount: train.length,
    heldOutCount: test.length,
    loss,
    finalLoss,
  };
}

export const familyTrees: Experiment = {
  id: 'family-trees',
  title: 'Family trees: relations learnt by backprop, and four cases never shown',
  year: 1986,
  citation:
    'Rumelhart, Hinton & Williams, "Learning representations by back-propagating errors", Nature 323:533–536 (1986), Figs. 2–4',
  question:
    'Trained for 1,500 sweeps on 100 of the 104 family-tree cases, does the RHW network get the training cases and the four held-out cases right?',
  group: 'backprop',
  params: {
    runs: {
      kind: 'integer',
      default: 4,
      fast: 1,
      full: 30,
      min: 1,
      max: 1000,
      doc: 'nets trained, each from its own seed with its own four held-out cases (run i of experiment seed s uses seed (s−1)·1000 + i)',
    },
    sweeps: {
      kind: 'integer',
      default: 1500,
      fast: 300,
      min: 1,
      doc: 'sweeps through the training cases (RHW: 1,500)',
    },
    rate: {
      kind: 'number',
      default: 0.01,
      min: 1e-6,
      max: 10,
      doc: 'ε after the first sweeps (RHW: 0.01, read by some as 0.001; D6)',
    },
    momentum: {
      kind: 'number',
      default: 0.9,
      min: 0,
      max: 0.999,
      doc: 'momentum after the first sweeps (RHW: 0.9)',
    },
    warmSweeps: {
      kind: 'integer',
      default: 20,
      min: 0,
      doc: 'first sweeps at ε = 0.005, momentum 0.5 (RHW: 20)',
    },
    initRange: {
      kind: 'number',
      default: 0.3,
      min: 0,
      max: 10,
      doc: 'initial weights and biases from U[−r, r] (assumption: the paper does not say; 0.3 as in its symmetry runs)',
    },
    decay: {
      kind: 'number',
      default: 0.002,
      min: 0,
      max: 0.5,
      doc: 'fraction of every weight removed after each change (RHW: 0.2 %)',
    },
  },
  published: [
    {
      name: 'heldOutCorrect',
      description: 'held-out cases right, of 4 (mean over the nets)',
      value: 4,
      unit: 'cases',
      source: 'RHW 1986 p.535 (REFERENCES.md §5, R10)',
      tolerance: { kind: 'range', min: 3, max: 4 },
      toleranceNote:
        'the paper reports one net with its four cases right and does not name the four; a mean of at least 3 of 4 over nets with random held-out sets is read as agreeing',
      expect: 'differs',
      differsBecause: PLATEAU,
    },
    {
      name: 'trainCorrect',
      description: 'training cases right, of 100 (mean over the nets)',
      value: 100,
      unit: 'cases',
      source: 'RHW 1986 p.535 (REFERENCES.md §5, R10)',
      tolerance: { kind: 'range', min: 99, max: 100 },
      toleranceNote: 'the paper trains to every training case right; we allow one case short on average',
      expect: 'differs',
      differsBecause: PLATEAU,
    },
  ],
  run({ params, seed, progress }) {
    const runs = params.runs as number;
    const opts: FamilyTreesOptions = {
      sweeps: params.sweeps as number,
      warmSweeps: params.warmSweeps as number,
      warmRate: 0.005,
      warmMomentum: 0.5,
      rate: params.rate as number,
      momentum: params.momentum as number,
      decay: params.decay as number,
      heldOut: 4,
      initRange: params.initRange as number,
    };
    const results: FamilyRun[] = [];
    for (let i = 1; i <= runs; i++) {
      results.push(
        trainFamilyTrees(opts, Rng.fromSeed((seed - 1) * 1000 + i), 50, (f) => progress((i - 1 + f) / runs)),
      );
    }
    const mean = (f: (r: FamilyRun) => number) => results.reduce((s, r) => s + f(r), 0) / runs;
    const every = 50;
    const series: Record<string, Series> = {
      firstRunLoss: {
        x: results[0].loss.map((_, i) => (i === 0 ? 1 : i * every)),
        y: results[0].loss,
        xLabel: 'sweep',
        yLabel: '½Σ(y−d)² over the training cases (first net)',
      },
      heldOutPerRun: {
        x: results.map((_, i) => i + 1),
        y: results.map((r) => r.heldOutCorrect),
        xLabel: 'net',
        yLabel: 'held-out cases right (of 4)',
      },
    };
    return {
      values: { heldOutCorrect: mean((r) => r.heldOutCorrect), trainCorrect: mean((r) => r.trainCorrect) },
      extra: {
        netsAllHeldOutRight: results.filter((r) => r.heldOutCorrect === r.heldOutCount).length,
        meanFinalLoss: mean((r) => r.finalLoss),
        nets: runs,
      },
      descriptions: {
        netsAllHeldOutRight: 'nets with all four held-out cases right',
        meanFinalLoss:
          'mean ½Σ(y−d)² over the training cases after the last sweep (about 50 on the all-off plateau)',
        nets: 'nets trained',
      },
      units: { heldOutCorrect: 'cases', trainCorrect: 'cases' },
      series,
      notes: [
        `36 → 12 (6 person + 6 relation units, two separate groups) → 12 → 6 → 24 sigmoid units; ${opts.sweeps} sweeps, one change per sweep with the summed gradient; ε 0.005, momentum 0.5 for ${opts.warmSweeps} sweeps, then ε ${opts.rate}, momentum ${opts.momentum}; weights × (1 − ${opts.decay}) after each change`,
        `our choices: U[−${opts.initRange}, ${opts.initRange}] initial weights and biases, biases not decayed, 0/1 targets, the four held-out cases drawn at random per net (the paper does not name them)`,
      ],
    };
  },
};
