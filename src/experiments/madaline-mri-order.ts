/**
 * madaline-mri-order: MRI with random versus cyclic presentation order.
 *
 * WL90 p.1427 (REFERENCES.md §3, §8 R19), on MRI with five ADALINEs into a majority element (Fig. 15):
 * the patterns should be presented in random order, because with cyclic order the weights can cycle
 * and never settle. We make that measurable:
 *
 * - Task: a realisable one, so that a solution exists and every failure is the rule's. A random
 *   "teacher" MADALINE (five ADALINEs with Gaussian weights into MAJ) labels `patterns` distinct random
 *   ±1 patterns of `inputs` switches. Near the network's capacity (about 2 × 45 weights, Koford via
 *   WL90 p.1421) MRI needs many epochs and the order matters.
 * - Each seed trains two identical MADALINEs (same initial small random weights), one in cyclic order,
 *   one in a fresh random order each epoch, until an epoch without mistakes or an epoch cap.
 * - Cycling is detected exactly: with cyclic order the rule is a deterministic map from the weights at
 *   the start of an epoch to those at its end, so if the end-of-epoch weights ever repeat bit for bit,
 *   the run is periodic and will never converge. (With random order a repeat proves nothing, so we
 *   count only non-convergence there.)
 * Runs on the dense MADALINE (a sweep of thousands of epochs; the dense engine computes what the
 * circuit computes with ideal parts).
 */
import type { MachineEngine } from '../machines/types.js';
import { logicOutput } from '../rules/adaline.js';
import { Rng } from '../rng.js';
import { buildMachine, engineParam } from './lib/machines.js';
import type { EngineChoice } from './lib/machines.js';
import { binomialStandardError, mean, round } from './lib/stats.js';
import type { Experiment } from './types.js';

const ADALINES = 5;

interface RunResult {
  /** First clean epoch, 0 if none within the cap. */
  readonly converged: number;
  /** Cycle length in epochs when the end-of-epoch weights repeated (cyclic order only), else 0. */
  readonly period: number;
}

function teacherTask(rng: Rng, inputs: number, patterns: number): { xs: number[][]; ds: number[] } {
  const teacher = Array.from({ length: ADALINES }, () =>
    Array.from({ length: inputs + 1 }, () => rng.normal()),
  );
  const codes = rng.permutation(2 ** inputs).slice(0, patterns);
  const xs = codes.map((v) => Array.from({ length: inputs }, (_, i) => ((v >> i) & 1 ? 1 : -1)));
  const ds = xs.map((x) =>
    logicOutput(
      'maj',
      teacher.map((w) => {
        let s = w[inputs];
        for (let i = 0; i < inputs; i++) s += w[i] * x[i];
        return s > 0 ? 1 : -1;
      }),
    ),
  );
  return { xs, ds };
}

function weightKey(machine: MachineEngine): string {
  const l = machine.weights().layers[0];
  // Number → string round-trips exactly, so equal keys mean bit-identical weights.
  return l.weights.map((row, u) => `${row.join(',')},${l.bias[u]}`).join(';');
}

function train(
  machine: MachineEngine,
  xs: number[][],
  ds: number[],
  epochs: number,
  order: Rng | null,
): RunResult {
  const n = xs.length;
  const cyclic = Array.from({ length: n }, (_, i) => i);
  const seen = new Map<string, number>();
  let step = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    let mistakes = 0;
    for (const i of order ? order.permutation(n) : cyclic) {
      if (machine.present(xs[i], [ds[i]], { step: ++step, epoch, pattern: i }).mistake) mistakes++;
    }
    if (mistakes === 0) return { converged: epoch, period: 0 };
    if (!order) {
      const key = weightKey(machine);
      const before = seen.get(key);
      if (before !== undefined) return { converged: 0, period: epoch - before };
      seen.set(key, epoch);
    }
  }
  return { converged: 0, period: 0 };
}

export const madalineMriOrder: Experiment = {
  id: 'madaline-mri-order',
  title: 'MRI on five ADALINEs into MAJ: random versus cyclic presentation order',
  year: 1962,
  citation:
    'Widrow & Lehr, "30 Years of Adaptive Neural Networks", Proc. IEEE 78(9):1415–1442, 1990, pp.1426–1427, Fig. 15 (MRI: Widrow & Hoff, early 1960s; Ridgway 1962)',
  question:
    'Does cyclic presentation make MRI’s weights cycle where random presentation converges, as WL90 warns?',
  group: 'adaline',
  params: {
    seeds: {
      kind: 'integer',
      default: 200,
      fast: 40,
      full: 1000,
      min: 1,
      doc: 'independent tasks and initial weights',
    },
    inputs: { kind: 'integer', default: 8, min: 2, max: 16, doc: 'switch inputs per pattern' },
    patterns: {
      kind: 'integer',
      default: 120,
      min: 1,
      doc: 'distinct random patterns, labelled by a random 5-ADALINE MAJ teacher',
    },
    epochs: { kind: 'integer', default: 200, min: 1, doc: 'epoch cap per run' },
    engine: engineParam('dense'),
  },
  published: [
    {
      name: 'cyclicCyclingFraction',
      description: 'fraction of cyclic-order runs whose weights enter an exact cycle (never converge)',
      value: 'cyclic order may cycle',
      source: 'WL90 p.1427 (REFERENCES.md §3, §8 R19)',
      tolerance: { kind: 'range', min: 0.005, max: 1 },
      toleranceNote:
        'qualitative ("can make the weights cycle"): reproduced when at least one run in 200 cycles. Cycling is proved, not guessed: the end-of-epoch weights repeat bit for bit under a deterministic map.',
    },
    {
      name: 'randomMinusCyclicConverged',
      description:
        'converged fraction with random order minus with cyclic order (same tasks, same initial weights)',
      value: 'random order recommended',
      source: 'WL90 p.1427',
      tolerance: { kind: 'range', min: 0.000001, max: 1 },
      toleranceNote:
        'qualitative: random order must converge more often than cyclic order on the same tasks. The difference’s binomial standard error is reported beside it (differenceStandardError).',
    },
  ],
  run({ params, rng, progress }) {
    const seeds = params.seeds as number;
    const inputs = params.inputs as number;
    const patterns = Math.min(params.patterns as number, 2 ** inputs);
    const epochs = params.epochs as number;
    const engine = params.engine as EngineChoice;
    const tasks = rng.fork('tasks');
    const machines = rng.fork('machines');
    const orders = rng.fork('orders');
    const cyc: RunResult[] = [];
    const rnd: RunResult[] = [];
    let hardwareSeconds = 0;
    for (let s = 0; s < seeds; s++) {
      const { xs, ds } = teacherTask(tasks, inputs, patterns);
      const machineState = machines.fork(`seed-${s}`).state();
      const build = () =>
        buildMachine(engine, 'madaline', {
          inputs,
          outputs: 1,
          rule: 'mri',
          // The same generator state for both orders: identical initial weights.
          rng: Rng.fromState(machineState),
          madaline: { adalines: ADALINES, element: 'maj', correction: 'fast' },
          technology: 'memistor',
        });
      const a = build();
      const b = build();
      cyc.push(train(a, xs, ds, epochs, null));
      rnd.push(train(b, xs, ds, epochs, orders.fork(`seed-${s}`)));
      hardwareSeconds += a.hardwareSeconds() + b.hardwareSeconds();
      progress((s + 1) / seeds);
    }
    const frac = (rs: RunResult[], f: (r: RunResult) => boolean) => rs.filter(f).length / rs.length;
    const cycConverged = frac(cyc, (r) => r.converged > 0);
    const rndConverged = frac(rnd, (r) => r.converged > 0);
    const cycling = frac(cyc, (r) => r.period > 0);
    const epochsOf = (rs: RunResult[]) => rs.filter((r) => r.converged > 0).map((r) => r.converged);
    const periods = cyc.filter((r) => r.period > 0).map((r) => r.period);
    // Both convergence curves: fraction of runs converged by each epoch.
    const marks = Array.from({ length: 30 }, (_, i) => Math.max(1, Math.round(((i + 1) * epochs) / 30)));
    const curve = (rs: RunResult[]) => marks.map((e) => frac(rs, (r) => r.converged > 0 && r.converged <= e));
    const se = Math.sqrt(
      binomialStandardError(cycConverged, seeds) ** 2 + binomialStandardError(rndConverged, seeds) ** 2,
    );
    // Runs that converged in random order but cycled in cyclic order: the cleanest evidence.
    const rescued = cyc.filter((r, i) => r.period > 0 && rnd[i].converged > 0).length;
    return {
      values: {
        cyclicCyclingFraction: cycling,
        randomMinusCyclicConverged: round(rndConverged - cycConverged, 6),
      },
      extra: {
        cyclicConverged: cycConverged,
        randomConverged: rndConverged,
        differenceStandardError: round(se, 4),
        cycledButRandomConverged: rescued,
        meanCyclePeriod: round(mean(periods), 3),
        cyclicMeanEpochs: round(mean(epochsOf(cyc)), 3),
        randomMeanEpochs: round(mean(epochsOf(rnd)), 3),
      },
      units: {
        meanCyclePeriod: 'epochs',
        cyclicMeanEpochs: 'epochs',
        randomMeanEpochs: 'epochs',
        cycledButRandomConverged: 'runs',
      },
      descriptions: {
        cyclicConverged: 'fraction of runs converged, cyclic order',
        randomConverged: 'fraction of runs converged, random order',
        differenceStandardError: 'binomial standard error of the difference (independent-runs bound)',
        cycledButRandomConverged: 'tasks where cyclic order cycled but random order converged',
        meanCyclePeriod: 'mean length of the weight cycles',
        cyclicMeanEpochs: 'mean epochs to converge, cyclic order (converged runs)',
        randomMeanEpochs: 'mean epochs to converge, random order (converged runs)',
      },
      series: {
        cyclic: { x: marks, y: curve(cyc), xLabel: 'epoch', yLabel: 'fraction of runs converged' },
        random: { x: marks, y: curve(rnd), xLabel: 'epoch', yLabel: 'fraction of runs converged' },
      },
      notes: [
        `${seeds} tasks: ${patterns} distinct random ±1 patterns of ${inputs} inputs labelled by a random MADALINE (5 ADALINEs into MAJ), learnt by MRI (fast correction) on a ${engine} MADALINE of the same shape from small random weights, cyclic and random order from the same start, cap ${epochs} epochs.`,
        `Cyclic order: ${round(cycConverged * 100, 1)}% converged, ${round(cycling * 100, 1)}% caught in exact weight cycles (period ${periods.length ? `${Math.min(...periods)}–${Math.max(...periods)}` : '—'} epochs). Random order: ${round(rndConverged * 100, 1)}% converged; its failures are slow or hung-up runs, not provable cycles. Random order is a little slower when both converge.`,
      ],
      ...(engine === 'event' ? { hardwareSeconds: round(hardwareSeconds, 3) } : {}),
    };
  },
};
