/**
 * What the Mark I experiments share: building the machine in the dense engine with its plugboard
 * at hand, training it epoch by epoch, scoring it, and drawing its weights back onto the retina.
 *
 * The machine is the Mark I of `src/machines/mark1-params.ts` (20×20 retina, 512 A-units, one pot
 * per A-unit split among the R-units, x = 6 excitatory and y = 4 inhibitory connections, θ = 2; the
 * last three are assumptions), learning by
 * Rosenblatt's error correction (fixed increment, η = 1, WL90 eqs. 17–18) with no R-unit bias
 * (WL90 Fig. 13). Responses are read as `compare` reads them (`classFromOutputs`): for two classes
 * the sign of the one R-unit, otherwise the R-unit with the largest sum (one R-unit per class).
 */
import { denseMachineFromResolved } from '../../dense/index.js';
import { resolveMachineOptions } from '../../machines/options.js';
import type { ArWiring, Mark1Structure } from '../../machines/mark1-params.js';
import type { MachineOptions } from '../../machines/options.js';
import type { Plugboard } from '../../machines/plugboard.js';
import { trainMachine } from '../../machines/train.js';
import type { LearningStep, MachineEngine, RuleName } from '../../machines/types.js';
import { Rng } from '../../rng.js';
import type { RngState } from '../../rng.js';
import { classFromOutputs } from '../compare.js';
import type { CompareTask, TaskSplit } from '../compare.js';
import type { ExperimentParam, LearnerView, ParamValues, Picture } from '../types.js';

export type { CompareTask, TaskSplit };

/** ±1 desired responses: one R-unit for two classes (+1 = class 1), else one per class. */
export function oneVsRest(labels: readonly number[], classes: number): number[][] {
  if (classes === 2) return labels.map((l) => [l === 1 ? 1 : -1]);
  return labels.map((l) => Array.from({ length: classes }, (_, k) => (k === l ? 1 : -1)));
}

export function split(x: number[][], labels: number[], classes: number): TaskSplit {
  return { x, y: oneVsRest(labels, classes), labels };
}

/** Parameters every Mark I experiment takes (the structure assumptions of mark1-params.ts). */
export const MARK1_STRUCTURE_PARAMS: Readonly<Record<string, ExperimentParam>> = {
  aUnits: { kind: 'integer', default: 512, min: 1, doc: 'A-units (512 on the Mark I)' },
  theta: { kind: 'integer', default: 2, doc: 'A-unit threshold θ (assumption; not recorded)' },
  excitatory: {
    kind: 'integer',
    default: 6,
    min: 0,
    doc: 'excitatory S→A connections per A-unit (assumption)',
  },
  inhibitory: {
    kind: 'integer',
    default: 4,
    min: 0,
    doc: 'inhibitory S→A connections per A-unit (assumption)',
  },
  arWiring: {
    kind: 'string',
    default: 'partitioned',
    oneOf: ['partitioned', 'full'],
    doc: "A→R pots: 'partitioned' (one per A-unit, 512 on the Mark I, REFERENCES D1) or 'full' (every A-unit to every R-unit)",
  },
};

/** Fill missing parameters from an experiment's defaults (for callers such as `compare`). */
export function withDefaults(
  spec: Readonly<Record<string, ExperimentParam>>,
  params: Partial<ParamValues> | undefined,
): ParamValues {
  const out: ParamValues = {};
  for (const [k, p] of Object.entries(spec)) out[k] = params?.[k] ?? p.default;
  return out;
}

export interface Mark1Build {
  readonly engine: MachineEngine;
  readonly board: Plugboard;
  readonly structure: Mark1Structure;
  readonly rule: RuleName;
  /** The options the machine was built from, and its generator's state before the build: the
   * event engine rebuilds the very same machine (same plugboard) from them. */
  readonly options: Omit<MachineOptions, 'rng'>;
  readonly rngState: RngState;
}

/** A dense-engine Mark I for `outputs` R-units on a width×height retina, wired from `rng`. */
export function buildMark1(
  params: ParamValues,
  outputs: number,
  retina: { width: number; height: number },
  rng: Rng,
): Mark1Build {
  const rule: RuleName = 'fixed';
  const rngState = rng.state();
  const options: Omit<MachineOptions, 'rng'> = {
    inputs: retina.width * retina.height,
    outputs,
    rule,
    lr: 1,
    mark1: {
      retinaWidth: retina.width,
      retinaHeight: retina.height,
      aUnits: params.aUnits as number,
      theta: params.theta as number,
      excitatory: params.excitatory as number,
      inhibitory: params.inhibitory as number,
      arWiring: (params.arWiring ?? 'partitioned') as ArWiring,
      // Keep the fan-out limit from binding only when someone asks for more connections than it allows.
      maxFanOut: Math.max(
        40,
        Math.ceil(
          ((params.aUnits as number) * ((params.excitatory as number) + (params.inhibitory as number))) /
            (retina.width * retina.height),
        ) + 1,
      ),
    },
  };
  const r = resolveMachineOptions('mark1', { ...options, rng: Rng.fromState(rngState) });
  return {
    options,
    rngState,
    engine: denseMachineFromResolved(r),
    board: r.board as Plugboard,
    structure: r.mark1 as Mark1Structure,
    rule,
  };
}

/** Fraction of a split the engine classifies right (read as `compare` reads it). */
export function accuracy(engine: MachineEngine, s: TaskSplit, classes: number): number {
  if (s.x.length === 0) return NaN;
  let right = 0;
  for (let i = 0; i < s.x.length; i++) {
    if (classFromOutputs(engine.respond(s.x[i]).sums, classes) === s.labels[i]) right++;
  }
  return right / s.x.length;
}

export interface Mark1Training {
  /** Training errors (presentations answered wrong before correction) per epoch. */
  readonly errorsPerEpoch: number[];
  /** Held-out accuracy after each epoch (when asked for). */
  readonly testAccuracyPerEpoch: number[];
  /** Presentations before the first error-free epoch, or null if none was. */
  readonly presentationsToCriterion: number | null;
  readonly presentations: number;
  /** Corrections made (presentations with a mistake). */
  readonly corrections: number;
}

/**
 * Train for up to `epochs` epochs in a fresh random order each, stopping after the first
 * error-free epoch when `stopWhenPerfect`.
 */
export function trainEpochs(
  build: Mark1Build,
  task: CompareTask,
  o: {
    epochs: number;
    rng: Rng;
    stopWhenPerfect: boolean;
    trackTest?: boolean;
    progress?: (f: number) => void;
    onStep?: (step: LearningStep) => void;
  },
): Mark1Training {
  const errorsPerEpoch: number[] = [];
  const testAccuracyPerEpoch: number[] = [];
  let toCriterion: number | null = null;
  let presentations = 0;
  let corrections = 0;
  const n = task.train.x.length;
  for (let e = 1; e <= o.epochs; e++) {
    const r = trainMachine(
      build.engine,
      { x: task.train.x, d: task.train.y },
      { epochs: 1, shuffle: true, rng: o.rng, rule: build.rule, onStep: o.onStep },
    );
    const errors = r.history[0].errors;
    errorsPerEpoch.push(errors);
    corrections += errors;
    if (o.trackTest) testAccuracyPerEpoch.push(accuracy(build.engine, task.test, task.classes.length));
    o.progress?.(e / o.epochs);
    if (errors === 0 && toCriterion === null) {
      toCriterion = presentations;
      presentations += n;
      if (o.stopWhenPerfect) break;
      continue;
    }
    presentations += n;
  }
  return {
    errorsPerEpoch,
    testAccuracyPerEpoch,
    presentationsToCriterion: toCriterion,
    presentations,
    corrections,
  };
}

/**
 * The A→R weights of R-unit `unit` drawn back onto the retina: for each S-cell, the sum over A-units
 * of w · (number of excitatory minus inhibitory connections from that cell to the A-unit). A cell
 * that excites A-units with positive weights shows positive: light there pushes the R-unit on.
 * (A linear picture of a thresholded machine: it shows where the weights point, not exact responses.)
 */
export function weightMap(weights: readonly number[], board: Plugboard, cells: number): number[] {
  const map = new Array<number>(cells).fill(0);
  for (let a = 0; a < board.excitatory.length; a++) {
    const w = weights[a];
    if (w === 0) continue;
    for (const s of board.excitatory[a]) map[s] += w;
    for (const s of board.inhibitory[a]) map[s] -= w;
  }
  return map;
}

export function retinaPicture(
  title: string,
  values: number[],
  retina: { width: number; height: number },
): Picture {
  return { title, width: retina.width, height: retina.height, values, scale: 'unsigned' };
}

export function weightPictures(
  engine: MachineEngine,
  board: Plugboard,
  classes: readonly string[],
  retina: { width: number; height: number },
): Picture[] {
  const w = engine.weights().layers[0].weights;
  return w.map((row, k) => ({
    title: `R-unit ${k + 1}${w.length === classes.length ? ` (${classes[k]})` : ''}: A→R weights mapped to the retina`,
    width: retina.width,
    height: retina.height,
    values: weightMap(row, board, retina.width * retina.height),
    scale: 'signed' as const,
  }));
}

/**
 * The HTML report's view of a Mark I that an experiment trains first (the one `run --trace`
 * records): its R-units named by class when there is one per class, the training retinas by index,
 * and its wiring, through which the report draws the A→R weights back onto the retina.
 */
export function mark1LearnerView(
  machine: Mark1Build,
  train: { readonly x: readonly (readonly number[])[] },
  classes: readonly string[],
  retina: { width: number; height: number },
): LearnerView {
  return {
    unitNames: machine.structure.rUnits === classes.length ? classes : undefined,
    patterns: train.x,
    inputShape: retina,
    model: 'mark1',
    fixed: machine.engine.fixedConfig(),
  };
}

export { round } from './stats.js';
