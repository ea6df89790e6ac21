/**
 * fault-tolerance: how the Mark I's accuracy falls as A-units die and potentiometers stick.
 *
 * The Mark I's knowledge is spread over hundreds of random A-units and thousands of weights, so it
 * was expected to degrade gracefully when parts fail (a theme of Rosenblatt's; no measured figure
 * for the hardware is recorded, so this experiment has no published figure). Task: the letters of
 * `mark1-letters` (8 letters, jitter and noise). Three kinds of fault, each at a range of fractions:
 * - A-units die after training (their output stays 0; the weights are those learnt with them);
 * - A-units are dead from the start, and the machine learns with the rest;
 * - potentiometers are stuck at their initial setting (0) through training (the motor never turns).
 *
 * The dense engine models ideal parts only, so faults are applied here around the same rule: each
 * R-unit learns by fixed-increment error correction, η = 1, a zero sum counted as an error, no bias
 * (WL90 eqs. 17–18), on the same plugboard's A-unit responses. (The event engine models the same
 * faults as parts: nonIdeal.deadUnits and stuckWeights.)
 */
import { rUnitBlock } from '../machines/mark1-params.js';
import { associationResponses } from '../machines/plugboard.js';
import type { Rng } from '../rng.js';
import { classFromOutputs } from './compare.js';
import { MARK1_STRUCTURE_PARAMS, buildMark1, round, withDefaults } from './lib/mark1-common.js';
import type { CompareTask } from './lib/mark1-common.js';
import { MARK1_LETTERS_PARAMS, mark1LettersTask } from './mark1-letters.js';
import type { Experiment, ExperimentParam, ParamValues } from './types.js';

const RETINA = { width: 20, height: 20 };
const FRACTIONS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

export const FAULT_TOLERANCE_PARAMS: Readonly<Record<string, ExperimentParam>> = {
  letters: MARK1_LETTERS_PARAMS.letters,
  trainPerLetter: {
    kind: 'integer',
    default: 60,
    fast: 20,
    full: 200,
    min: 1,
    doc: 'training samples per letter',
  },
  testPerLetter: {
    kind: 'integer',
    default: 60,
    fast: 20,
    full: 200,
    min: 1,
    doc: 'held-out samples per letter',
  },
  epochs: { kind: 'integer', default: 25, fast: 10, full: 60, min: 1, doc: 'epoch cap for each training' },
  jitter: MARK1_LETTERS_PARAMS.jitter,
  noise: MARK1_LETTERS_PARAMS.noise,
  scale: MARK1_LETTERS_PARAMS.scale,
  ...MARK1_STRUCTURE_PARAMS,
};

/** The same letters task as mark1-letters, with this experiment's sample sizes. */
export function faultToleranceTask(params: Partial<ParamValues>, rng: Rng): CompareTask {
  return mark1LettersTask(withDefaults(FAULT_TOLERANCE_PARAMS, params), rng);
}

/** Sparse A-unit responses: the indices of the units that fire. */
function activeUnits(a: Float64Array): Int32Array {
  const idx: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) idx.push(i);
  return Int32Array.from(idx);
}

interface Faults {
  readonly dead: Uint8Array;
  /** present[k * aUnits + a] = 1: R-unit k has a pot for A-unit a (all with full A→R wiring). */
  readonly present: Uint8Array;
  /** stuck[k * aUnits + a] = 1: R-unit k's pot for A-unit a never moves. */
  readonly stuck: Uint8Array;
}

function train(
  active: Int32Array[],
  y: number[][],
  units: number,
  aUnits: number,
  faults: Faults,
  epochs: number,
  rng: Rng,
): Float64Array {
  const w = new Float64Array(units * aUnits);
  for (let e = 0; e < epochs; e++) {
    let mistakes = 0;
    for (const p of rng.permutation(active.length)) {
      const act = active[p];
      for (let k = 0; k < units; k++) {
        const o = k * aUnits;
        let s = 0;
        for (let i = 0; i < act.length; i++) if (!faults.dead[act[i]]) s += w[o + act[i]];
        const d = y[p][k];
        // Fixed-increment error correction: a wrong sign or a zero sum adds d·x (x ∈ {0, 1}).
        if (d * s <= 0) {
          mistakes++;
          for (let i = 0; i < act.length; i++) {
            const a = act[i];
            if (!faults.dead[a] && !faults.stuck[o + a] && faults.present[o + a]) w[o + a] += d;
          }
        }
      }
    }
    if (mistakes === 0) break;
  }
  return w;
}

function score(
  active: Int32Array[],
  labels: number[],
  w: Float64Array,
  units: number,
  aUnits: number,
  dead: Uint8Array,
  classes: number,
): number {
  let right = 0;
  const sums = new Float64Array(units);
  active.forEach((act, p) => {
    for (let k = 0; k < units; k++) {
      let s = 0;
      for (let i = 0; i < act.length; i++) if (!dead[act[i]]) s += w[k * aUnits + act[i]];
      sums[k] = s;
    }
    if (classFromOutputs(sums, classes) === labels[p]) right++;
  });
  return right / labels.length;
}

function pickFraction(n: number, fraction: number, rng: Rng): Uint8Array {
  const mask = new Uint8Array(n);
  for (const i of rng.permutation(n).slice(0, Math.round(fraction * n))) mask[i] = 1;
  return mask;
}

export const faultTolerance: Experiment = {
  id: 'fault-tolerance',
  title: 'Mark I: accuracy as A-units die and potentiometers stick',
  year: 1960,
  citation:
    'Mark I Perceptron (CAL, 1958–60); rule: Widrow & Lehr 1990 eqs. 17–18; no published fault measurement',
  question:
    'How does the simulated Mark I’s letter recognition degrade as more A-units die or more weights stick?',
  group: 'mark1',
  params: FAULT_TOLERANCE_PARAMS,
  published: [],
  run({ params, rng, progress }) {
    const task = faultToleranceTask(params, rng.fork('task'));
    const classes = task.classes.length;
    const build = buildMark1(params, classes, RETINA, rng.fork('machine'));
    const theta = build.structure.theta;
    const aUnits = build.structure.aUnits;
    const units = task.train.y[0].length;
    const toActive = (xs: number[][]) =>
      xs.map((x) => activeUnits(associationResponses(build.board, x, theta)));
    const trainA = toActive(task.train.x);
    const testA = toActive(task.test.x);
    const epochs = params.epochs as number;
    const none = new Uint8Array(aUnits);
    const noStuck = new Uint8Array(units * aUnits);
    // The pots that exist: one per A-unit with partitioned wiring (512), every pair with full.
    const present = new Uint8Array(units * aUnits);
    const pots: number[] = [];
    for (let k = 0; k < units; k++) {
      const [lo, hi] = rUnitBlock({ ...build.structure, rUnits: units }, k);
      for (let a = lo; a < hi; a++) {
        present[k * aUnits + a] = 1;
        pots.push(k * aUnits + a);
      }
    }
    const healthy = train(
      trainA,
      task.train.y,
      units,
      aUnits,
      { dead: none, stuck: noStuck, present },
      epochs,
      rng.fork('order-healthy'),
    );

    const deadAfter: number[] = [];
    const deadBefore: number[] = [];
    const stuck: number[] = [];
    FRACTIONS.forEach((f, i) => {
      const dead = pickFraction(aUnits, f, rng.fork(`dead-${i}`));
      deadAfter.push(score(testA, task.test.labels, healthy, units, aUnits, dead, classes));
      const wDead = train(
        trainA,
        task.train.y,
        units,
        aUnits,
        { dead, stuck: noStuck, present },
        epochs,
        rng.fork(`order-dead-${i}`),
      );
      deadBefore.push(score(testA, task.test.labels, wDead, units, aUnits, dead, classes));
      const st = new Uint8Array(units * aUnits);
      pickFraction(pots.length, f, rng.fork(`stuck-${i}`)).forEach((on, j) => {
        if (on) st[pots[j]] = 1;
      });
      const wStuck = train(
        trainA,
        task.train.y,
        units,
        aUnits,
        { dead: none, stuck: st, present },
        epochs,
        rng.fork(`order-stuck-${i}`),
      );
      stuck.push(score(testA, task.test.labels, wStuck, units, aUnits, none, classes));
      progress((i + 1) / FRACTIONS.length);
    });
    const pct = (v: number[]) => v.map((a) => round(100 * a, 2));
    const at = (v: number[], f: number) => round(100 * v[FRACTIONS.indexOf(f)], 2);
    const x = FRACTIONS.map((f) => round(100 * f, 0));
    return {
      values: {},
      extra: {
        accuracyNoFaults: at(deadAfter, 0),
        accuracyHalfDeadAfter: at(deadAfter, 0.5),
        accuracyHalfDeadBefore: at(deadBefore, 0.5),
        accuracyHalfStuck: at(stuck, 0.5),
        accuracy90DeadAfter: at(deadAfter, 0.9),
        chance: round(100 / classes, 2),
      },
      units: {
        accuracyNoFaults: '%',
        accuracyHalfDeadAfter: '%',
        accuracyHalfDeadBefore: '%',
        accuracyHalfStuck: '%',
        accuracy90DeadAfter: '%',
        chance: '%',
      },
      descriptions: {
        accuracyNoFaults: 'held-out accuracy, no faults',
        accuracyHalfDeadAfter: 'held-out accuracy, half the A-units dead after training',
        accuracyHalfDeadBefore:
          'held-out accuracy, half the A-units dead from the start (learnt without them)',
        accuracyHalfStuck: 'held-out accuracy, half the pots stuck at 0 through training',
        accuracy90DeadAfter: 'held-out accuracy, 90 % of the A-units dead after training',
        chance: 'chance accuracy',
      },
      series: {
        deadAfterTraining: {
          x,
          y: pct(deadAfter),
          xLabel: 'A-units dead %',
          yLabel: 'held-out accuracy % (died after training)',
        },
        deadBeforeTraining: {
          x,
          y: pct(deadBefore),
          xLabel: 'A-units dead %',
          yLabel: 'held-out accuracy % (dead from the start)',
        },
        stuckPots: {
          x,
          y: pct(stuck),
          xLabel: 'pots stuck %',
          yLabel: 'held-out accuracy % (stuck at 0 through training)',
        },
      },
      notes: [
        "No published figure: the Mark I's tolerance of failed parts was a claim of the design (distributed, random connections), but no measurement on the hardware is recorded (REFERENCES.md has none).",
        `Task: ${classes} letters as in mark1-letters, ${params.trainPerLetter as number} training and ${params.testPerLetter as number} held-out samples per letter; each training stops at an error-free epoch or after ${epochs} epochs.`,
        "Faults are applied around the fixed-increment rule on the plugboard's A-unit responses (the dense engine models ideal parts only); dead A-units output 0, stuck pots keep their initial 0.",
      ],
    };
  },
};
