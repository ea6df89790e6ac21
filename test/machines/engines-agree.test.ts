/**
 * The event-driven engine (circuits, `createEventMachine`) and the dense engine (typed arrays,
 * `createDenseMachine`) with ideal parts: for every model and rule, on several small tasks and
 * seeds, trained through the same `trainMachine`, every LearningStep (sums, outputs, desired,
 * errors, mistake, changes) and the final weights are identical — exactly, not approximately.
 * Only `time` differs: the dense engine has no timing model.
 *
 * The zero-sum convention (`tie`) is varied where zero sums happen (integer sums from zero initial
 * weights), and the dense engine's whole-epoch fast path (`presentEpoch`, taken when nobody watches
 * the steps) is checked against the event engine presenting one step at a time.
 */
import { describe, expect, it } from 'vitest';
import { createDenseMachine } from '../../src/machines/create-dense.js';
import { createEventMachine } from '../../src/machines/index.js';
import type { WeightTechnology } from '../../src/machines/index.js';
import { MODEL_RULES } from '../../src/machines/options.js';
import type { MachineOptions } from '../../src/machines/options.js';
import { trainMachine } from '../../src/machines/train.js';
import type { LearningStep, MachineEngine, MachineModel, RuleName } from '../../src/machines/types.js';
import type { ZeroSumConvention } from '../../src/rules/index.js';
import { Rng } from '../../src/rng.js';

interface Task {
  name: string;
  x: number[][];
  d: number[][];
}

function retinaTask(seed: number, n: number, cells: number, classes: number): Task {
  const rng = Rng.fromSeed(`retina${seed}`);
  const x: number[][] = [];
  const d: number[][] = [];
  for (let i = 0; i < n; i++) {
    x.push(Array.from({ length: cells }, () => (rng.next() < 0.35 ? 1 : 0)));
    const c = rng.int(classes);
    d.push(
      classes === 2 ? [c === 1 ? 1 : -1] : Array.from({ length: classes }, (_, k) => (k === c ? 1 : -1)),
    );
  }
  return { name: `retina${seed} ${classes} classes`, x, d };
}

function realTask(seed: number, n: number, outputs: number): Task {
  const rng = Rng.fromSeed(`real${seed}`);
  const x = Array.from({ length: n }, () => [rng.normal(), rng.normal(), rng.normal()]);
  const d = x.map((r) =>
    Array.from({ length: outputs }, (_, k) => (r[k % 3] - 0.5 * r[(k + 1) % 3] > 0.1 ? 1 : -1)),
  );
  return { name: `real${seed} ${outputs} outputs`, x, d };
}

function bipolarTask(seed: number, n: number, inputs: number, outputs: number): Task {
  const rng = Rng.fromSeed(`bipolar${seed}`);
  const x = Array.from({ length: n }, () =>
    Array.from({ length: inputs }, () => (rng.next() < 0.5 ? -1 : 1)),
  );
  const d = x.map(() => Array.from({ length: outputs }, () => (rng.next() < 0.5 ? -1 : 1)));
  return { name: `bipolar${seed} ${inputs}→${outputs}`, x, d };
}

function regressionTask(seed: number): Task {
  const rng = Rng.fromSeed(`reg${seed}`);
  const x = Array.from({ length: 12 }, () => Array.from({ length: 4 }, () => (rng.next() < 0.5 ? -1 : 1)));
  const d = x.map((r) => [0.5 * r[0] - r[1] + 0.25 * r[3] + 0.1 * rng.normal()]);
  return { name: `regression${seed}`, x, d };
}

const XNOR: Task = {
  name: 'xnor',
  x: [
    [-1, -1],
    [-1, 1],
    [1, -1],
    [1, 1],
  ],
  d: [[1], [-1], [-1], [1]],
};

const SMALL_MARK1 = {
  retinaWidth: 6,
  retinaHeight: 6,
  aUnits: 24,
  excitatory: 4,
  inhibitory: 2,
  maxFanOut: 8,
  theta: 1,
};

interface Case {
  model: MachineModel;
  rule: RuleName;
  task: Task;
  extra?: Partial<MachineOptions>;
  /** The event engine's weight technology (its default when absent). */
  technology?: WeightTechnology;
}

const TIES: readonly ZeroSumConvention[] = ['error', 'negative', 'positive'];

function cases(): Case[] {
  const out: Case[] = [];
  for (const rule of MODEL_RULES.perceptron) {
    for (const task of [realTask(1, 12, 1), realTask(2, 12, 2)]) {
      out.push({ model: 'perceptron', rule, task, extra: { lr: rule === 'absolute' ? 0.5 : 1 } });
    }
  }
  // Every zero-sum convention, on bipolar inputs whose integer sums are often exactly 0.
  for (const rule of MODEL_RULES.perceptron) {
    for (const tie of TIES) {
      out.push({ model: 'perceptron', rule, task: bipolarTask(6, 10, 4, 2), extra: { tie } });
    }
  }
  for (const rule of MODEL_RULES.mark1) {
    for (const tie of ['negative', 'positive'] as const) {
      out.push({
        model: 'mark1',
        rule,
        task: retinaTask(3, 8, 36, 2),
        extra: { tie, mark1: { ...SMALL_MARK1, rBias: true, arWiring: 'partitioned' } },
      });
    }
  }
  for (const rule of MODEL_RULES.mark1) {
    for (const task of [retinaTask(1, 10, 36, 2), retinaTask(2, 10, 36, 3)]) {
      // Both A→R wirings: one pot per A-unit (the default) and every A-unit to every R-unit.
      for (const [rBias, arWiring] of [
        [false, 'partitioned'],
        [true, 'partitioned'],
        [false, 'full'],
        [true, 'full'],
      ] as const) {
        out.push({ model: 'mark1', rule, task, extra: { mark1: { ...SMALL_MARK1, rBias, arWiring } } });
      }
    }
  }
  for (const rule of MODEL_RULES.adaline) {
    for (const task of [regressionTask(1), bipolarTask(3, 10, 4, 1)]) {
      out.push({ model: 'adaline', rule, task, extra: { lr: rule === 'mu-lms' ? 0.02 : 0.4 } });
    }
  }
  for (const technology of ['knob', 'memistor'] as const) {
    for (const element of ['and', 'or', 'maj'] as const) {
      for (const correction of ['fast', 'slow'] as const) {
        out.push({
          model: 'madaline',
          rule: 'mri',
          task: element === 'and' ? XNOR : bipolarTask(4, 8, 3, 2),
          extra: { madaline: { element, correction, adalines: element === 'and' ? 2 : 3 } },
          technology,
        });
      }
    }
    for (const task of [XNOR, bipolarTask(5, 8, 3, 2)]) {
      out.push({ model: 'madaline', rule: 'mrii', task, extra: { madaline: { adalines: 3 } }, technology });
    }
  }
  for (const technology of ['knob', 'memistor'] as const) {
    out.push({
      model: 'adaline',
      rule: 'alpha-lms',
      task: regressionTask(2),
      extra: { lr: 0.3 },
      technology,
    });
  }
  return out;
}

/** Train `c` in one engine; unwatched (no `onStep`), a machine with `presentEpoch` takes it. */
function run(engine: 'event' | 'dense', c: Case, seed: number, watched = true) {
  const options: MachineOptions = {
    inputs: c.task.x[0].length,
    outputs: c.task.d[0].length,
    rule: c.rule,
    rng: Rng.fromSeed(seed),
    ...c.extra,
  };
  const m: MachineEngine =
    engine === 'event'
      ? createEventMachine(c.model, { ...options, technology: c.technology })
      : createDenseMachine(c.model, options);
  let fastEpochs = 0;
  const fast = m.presentEpoch?.bind(m);
  if (fast) {
    m.presentEpoch = (x, d, order) => {
      const outcome = fast(x, d, order);
      if (outcome) fastEpochs++;
      return outcome;
    };
  }
  const steps: Omit<LearningStep, 'time'>[] = [];
  const result = trainMachine(
    m,
    { x: c.task.x, d: c.task.d },
    {
      epochs: 3,
      shuffle: true,
      rng: Rng.fromSeed(seed + 100),
      rule: c.rule,
      onStep: watched
        ? (s) => {
            const { time: _time, ...rest } = s;
            steps.push({ ...rest, changes: s.changes.map((ch) => ({ ...ch })) });
          }
        : undefined,
    },
  );
  return { steps, weights: m.weights(), history: result.history, fastEpochs };
}

describe('event and dense engines agree exactly with ideal parts', () => {
  for (const c of cases()) {
    it(`${c.model} ${c.rule} on ${c.task.name} ${JSON.stringify(c.extra?.madaline ?? (c.extra?.mark1 ? { rBias: c.extra.mark1.rBias, arWiring: c.extra.mark1.arWiring } : ''))} ${c.technology ?? ''}`, () => {
      for (const seed of [1, 2]) {
        const event = run('event', c, seed);
        const dense = run('dense', c, seed);
        expect(dense.steps.length).toBe(event.steps.length);
        for (let k = 0; k < dense.steps.length; k++) {
          expect(dense.steps[k], `seed ${seed} step ${k + 1}`).toEqual(event.steps[k]);
        }
        expect(dense.weights).toEqual(event.weights);
        expect(dense.history).toEqual(event.history);
      }
    });
  }

  // The dense perceptron's whole-epoch path against the event engine's steps, for every tie.
  for (const tie of TIES) {
    for (const task of [bipolarTask(6, 10, 4, 2), realTask(1, 12, 1)]) {
      const c: Case = { model: 'perceptron', rule: 'fixed', task, extra: { tie } };
      it(`perceptron fixed on ${task.name} tie ${tie}: dense presentEpoch = event steps`, () => {
        for (const seed of [1, 2]) {
          const event = run('event', c, seed);
          const dense = run('dense', c, seed, false);
          expect(dense.fastEpochs).toBe(3);
          expect(dense.weights).toEqual(event.weights);
          expect(dense.history).toEqual(event.history);
        }
      });
    }
  }

  it('the tie cases meet zero sums, and the tie changes what is learnt', () => {
    const learnt = TIES.map((tie) => {
      const c: Case = { model: 'perceptron', rule: 'fixed', task: bipolarTask(6, 10, 4, 2), extra: { tie } };
      const r = run('dense', c, 1);
      expect(r.steps.some((s) => s.sums.includes(0))).toBe(true);
      return JSON.stringify(r.steps);
    });
    expect(new Set(learnt).size).toBe(TIES.length);
  });

  it('the cases exercise learning (some steps change weights)', () => {
    const dense = run('dense', cases()[0], 1);
    expect(dense.steps.some((s) => s.changes.length > 0)).toBe(true);
  });
});
