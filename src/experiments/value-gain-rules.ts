/**
 * value-gain-rules: Rosenblatt's 1958 α (uncompensated gain) and γ (parasitic gain) systems against
 * error correction, on one random-retina recall task.
 *
 * Sources: Rosenblatt, "The perceptron", Psychological Review 65(6):386–408 (1958), for the α and γ
 * systems (src/rules/value-gain.ts gives our reading, marked secondary in REFERENCES.md §1.3 and
 * D7); error correction from CAL Report VG-1796-G-4 (1960) and *Principles of Neurodynamics*
 * (1962) as in WL90 eqs. 17–18 (src/rules/perceptron.ts).
 *
 * No published figure: R58 draws its α/γ comparisons as curves of the probability of a correct
 * response against the number of stimuli learnt, computed from its probabilistic model, and this
 * project has not been able to read numbers off them from a primary copy (the only accounts found
 * are secondary summaries, which say in words that γ copes better than α when the responses have
 * unequal numbers of stimuli). So every row is reported as `no published figure`; the experiment
 * shows the three rules side by side and makes that qualitative statement checkable, without
 * calling it a reproduction.
 *
 * The task: a 20 × 20 retina, stimuli with each cell lit at random with probability `lit`; a
 * plugboard of A-units (the Mark I's `wirePlugboard`: x excitatory, y inhibitory connections,
 * threshold θ); the A-units split at random into two source sets, one per response. Training shows
 * each stimulus once with its response forced (monovalent, R58): α adds δ to the active members of
 * that response's set; γ adds δ to them and takes the same total from the set's inactive members.
 * A stimulus is answered by the response whose set has the larger sum of values over its active
 * members (R58's sum-dominant system; a tie counts as wrong). Error correction trains one threshold
 * unit with a bias on all A-units (±1 for the two responses), epochs until none is wrong or
 * `maxEpochs`. Each rule is scored on the stimuli it was trained on (recall), once with equal
 * numbers of stimuli per response and once with `skew` of them on the first response.
 */
import { associationResponses, wirePlugboard } from '../machines/plugboard.js';
import { MARK1_DEFAULTS } from '../machines/mark1-params.js';
import { perceptronEpoch, perceptronOutput } from '../rules/perceptron.js';
import { valueGainStep, type ValueGainSystem } from '../rules/value-gain.js';
import { linearSum } from '../rules/vector.js';
import type { Rng } from '../rng.js';
import type { Experiment, Series } from './types.js';

export interface RecallTask {
  /** A-unit responses (0/1) of every stimulus. */
  readonly a: Float64Array[];
  /** The response of every stimulus: 0 or 1. */
  readonly response: number[];
  /** Members of each response's source set (A-unit indices). */
  readonly sets: [number[], number[]];
}

/** Recall by a value-gain system: one forced presentation per stimulus, then score every stimulus. */
export function valueGainRecall(task: RecallTask, system: ValueGainSystem, increment = 1): number {
  const values = new Float64Array(task.a[0].length);
  task.a.forEach((a, k) =>
    valueGainStep(values, a, { system, increment, members: task.sets[task.response[k]] }),
  );
  let right = 0;
  task.a.forEach((a, k) => {
    const sum = (set: number[]) => set.reduce((s, i) => s + (a[i] > 0 ? values[i] : 0), 0);
    const mine = sum(task.sets[task.response[k]]);
    const other = sum(task.sets[1 - task.response[k]]);
    if (mine > other) right++;
  });
  return right / task.a.length;
}

/** Recall by error correction (fixed increment, η = 1, zero weights, bias), fixed order. */
export function errorCorrectionRecall(task: RecallTask, maxEpochs: number): number {
  const w = new Float64Array(task.a[0].length + 1);
  const ds = Float64Array.from(task.response, (r) => (r === 0 ? 1 : -1));
  for (let e = 0; e < maxEpochs; e++) if (perceptronEpoch(w, task.a, ds) === 0) break;
  let right = 0;
  task.a.forEach((a, k) => {
    if (perceptronOutput(linearSum(w, a, true)) === ds[k]) right++;
  });
  return right / task.a.length;
}

interface TaskParams {
  aUnits: number;
  excitatory: number;
  inhibitory: number;
  theta: number;
  lit: number;
}

function makeTask(p: TaskParams, counts: [number, number], rng: Rng): RecallTask {
  const sUnits = MARK1_DEFAULTS.retinaWidth * MARK1_DEFAULTS.retinaHeight;
  const board = wirePlugboard(
    {
      sUnits,
      aUnits: p.aUnits,
      excitatory: p.excitatory,
      inhibitory: p.inhibitory,
      maxFanOut: Math.max(
        MARK1_DEFAULTS.maxFanOut,
        Math.ceil((p.aUnits * (p.excitatory + p.inhibitory)) / sUnits) + 1,
      ),
    },
    rng.fork('plugboard'),
  );
  const perm = rng.permutation(p.aUnits);
  const half = Math.floor(p.aUnits / 2);
  const sets: [number[], number[]] = [perm.slice(0, half), perm.slice(half)];
  const response = rng.shuffle([
    ...new Array<number>(counts[0]).fill(0),
    ...new Array<number>(counts[1]).fill(1),
  ]);
  const retina = new Float64Array(sUnits);
  const a = response.map(() => {
    for (let s = 0; s < sUnits; s++) retina[s] = rng.next() < p.lit ? 1 : 0;
    return associationResponses(board, retina, p.theta);
  });
  return { a, response, sets };
}

const RULES = ['alpha', 'gamma', 'errorCorrection'] as const;

export const valueGainRules: Experiment = {
  id: 'value-gain-rules',
  title: 'Rosenblatt’s α and γ value-gain systems against error correction',
  year: 1958,
  citation:
    'Rosenblatt, "The perceptron", Psychological Review 65(6):386–408, 1958 (α and γ systems); error correction from CAL VG-1796-G-4 (1960) and Principles of Neurodynamics (1962)',
  question:
    'How well do Rosenblatt’s 1958 α and γ systems recall the stimuli they were shown, with equal and with unequal numbers of stimuli per response, beside 1960 error correction?',
  group: 'mark1',
  params: {
    stimuli: {
      kind: 'integer',
      default: 100,
      fast: 40,
      full: 400,
      min: 2,
      max: 5000,
      doc: 'stimuli learnt, both responses together',
    },
    skew: {
      kind: 'number',
      default: 0.8,
      min: 0.5,
      max: 0.95,
      doc: 'share of the stimuli on the first response in the unequal environment (0.5 is equal)',
    },
    aUnits: { kind: 'integer', default: 512, fast: 256, min: 2, max: 4096, doc: 'A-units (Mark I: 512)' },
    excitatory: {
      kind: 'integer',
      default: 6,
      min: 0,
      max: 40,
      doc: 'excitatory connections per A-unit (x)',
    },
    inhibitory: {
      kind: 'integer',
      default: 4,
      min: 0,
      max: 40,
      doc: 'inhibitory connections per A-unit (y)',
    },
    theta: { kind: 'integer', default: 2, min: 1, max: 40, doc: 'A-unit threshold θ' },
    lit: { kind: 'number', default: 0.3, min: 0.01, max: 0.99, doc: 'probability that a retina cell is lit' },
    maxEpochs: { kind: 'integer', default: 100, min: 1, doc: 'error correction: most epochs' },
    repeats: {
      kind: 'integer',
      default: 5,
      fast: 2,
      full: 20,
      min: 1,
      max: 1000,
      doc: 'plugboards and stimulus sets averaged over',
    },
  },
  // No number could be read from R58's curves (see the module comment): nothing to judge against.
  published: [],
  run({ params, rng, progress }) {
    const p: TaskParams = {
      aUnits: params.aUnits as number,
      excitatory: params.excitatory as number,
      inhibitory: params.inhibitory as number,
      theta: params.theta as number,
      lit: params.lit as number,
    };
    const n = params.stimuli as number;
    const repeats = params.repeats as number;
    const maxEpochs = params.maxEpochs as number;
    const skewed = Math.min(n - 1, Math.max(1, Math.round(n * (params.skew as number))));
    const envs: { name: string; counts: [number, number] }[] = [
      { name: 'Equal', counts: [Math.ceil(n / 2), Math.floor(n / 2)] },
      { name: 'Unequal', counts: [skewed, n - skewed] },
    ];
    const values: Record<string, number> = {};
    const descriptions: Record<string, string> = {};
    const sizes = [10, 20, 50, 100, 200, 400].filter((s) => s <= n);
    const curves: Record<string, number[]> = {};
    let done = 0;
    const total = envs.length * repeats * (1 + sizes.length);
    for (const env of envs) {
      const sums = { alpha: 0, gamma: 0, errorCorrection: 0 };
      for (let r = 0; r < repeats; r++) {
        const task = makeTask(p, env.counts, rng.fork(`${env.name}-${r}`));
        sums.alpha += valueGainRecall(task, 'alpha');
        sums.gamma += valueGainRecall(task, 'gamma');
        sums.errorCorrection += errorCorrectionRecall(task, maxEpochs);
        progress(++done / total);
      }
      for (const rule of RULES) {
        values[`${rule}${env.name}`] = sums[rule] / repeats;
        descriptions[`${rule}${env.name}`] =
          `${rule === 'errorCorrection' ? 'error correction' : `${rule} system`}: fraction of the ${n} stimuli recalled, ${env.name === 'Equal' ? 'equal numbers per response' : `${env.counts[0]}:${env.counts[1]} between the responses`}`;
      }
      // Recall against the number of stimuli learnt (R58 draws its curves on this axis).
      for (const rule of RULES) curves[`${rule}${env.name}`] = [];
      for (const size of sizes) {
        const share = env.name === 'Equal' ? 0.5 : (params.skew as number);
        const first = Math.min(size - 1, Math.max(1, Math.round(size * share)));
        const acc = { alpha: 0, gamma: 0, errorCorrection: 0 };
        for (let r = 0; r < repeats; r++) {
          const task = makeTask(p, [first, size - first], rng.fork(`${env.name}-${size}-${r}`));
          acc.alpha += valueGainRecall(task, 'alpha');
          acc.gamma += valueGainRecall(task, 'gamma');
          acc.errorCorrection += errorCorrectionRecall(task, maxEpochs);
          progress(++done / total);
        }
        for (const rule of RULES) curves[`${rule}${env.name}`].push(acc[rule] / repeats);
      }
    }
    const series: Record<string, Series> = {};
    // Fewer than 10 stimuli leave no point on the curve: no series rather than an empty one.
    for (const [key, y] of Object.entries(curves)) {
      if (y.length === 0) continue;
      series[key] = { x: sizes, y, xLabel: 'stimuli learnt', yLabel: `fraction recalled (${key})` };
    }
    return {
      values: {},
      extra: values,
      descriptions,
      series,
      notes: [
        'no published figure: R58’s α/γ curves could not be read from a primary copy, so nothing is judged; the secondary accounts say only that γ copes better than α when responses have unequal numbers of stimuli',
        `${p.aUnits} A-units (x = ${p.excitatory}, y = ${p.inhibitory}, θ = ${p.theta}) on the 20×20 retina, cells lit with probability ${p.lit}; two source sets of half the A-units each; α and γ with δ = 1, one forced presentation per stimulus, sum-dominant answers (a tie is wrong); error correction η = 1 from zero weights with a bias, at most ${maxEpochs} epochs; averaged over ${repeats} plugboards and stimulus sets`,
      ],
    };
  },
};
