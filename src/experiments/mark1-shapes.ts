/**
 * mark1-shapes: squares vs circles of varying size under shifts.
 *
 * A figure of 99.8 % for "square vs circle" is often quoted for the Mark I, but only Wikipedia says
 * so (REFERENCES.md §1.2, D10: unverified, setting unknown, maybe a simulation). Our setting:
 * outlines of squares and circles 6 to 12 cells across, shifted up to ±4 cells, learned by error
 * correction on the simulated Mark I (one R-unit: +1 = circle) and scored on fresh shapes.
 */
import { shapeSamples } from '../data/retina-shapes.js';
import type { ShapeSampleOptions } from '../data/retina-shapes.js';
import type { Rng } from '../rng.js';
import {
  MARK1_STRUCTURE_PARAMS,
  accuracy,
  buildMark1,
  retinaPicture,
  round,
  split,
  trainEpochs,
  weightPictures,
  withDefaults,
} from './lib/mark1-common.js';
import type { CompareTask } from './lib/mark1-common.js';
import { mark1HardwareTime } from './lib/mark1-hardware.js';
import type { Experiment, ExperimentParam, ParamValues } from './types.js';

const RETINA = { width: 20, height: 20 };
const CLASSES = ['square', 'circle'];

export const MARK1_SHAPES_PARAMS: Readonly<Record<string, ExperimentParam>> = {
  trainPerShape: {
    kind: 'integer',
    default: 500,
    fast: 60,
    full: 2000,
    min: 1,
    doc: 'training shapes of each kind',
  },
  testPerShape: {
    kind: 'integer',
    default: 250,
    fast: 50,
    full: 1000,
    min: 1,
    doc: 'held-out shapes of each kind',
  },
  epochs: {
    kind: 'integer',
    default: 60,
    fast: 30,
    full: 200,
    min: 1,
    doc: 'epoch cap (stops at the first error-free epoch)',
  },
  sizeMin: { kind: 'integer', default: 6, min: 2, max: 20, doc: 'smallest side / diameter, cells' },
  sizeMax: { kind: 'integer', default: 12, min: 2, max: 20, doc: 'largest side / diameter, cells' },
  shift: {
    kind: 'integer',
    default: 4,
    min: 0,
    max: 10,
    doc: 'largest shift from the centre, cells, in x and y',
  },
  filled: { kind: 'boolean', default: false, doc: 'filled figures instead of outlines' },
  noise: { kind: 'number', default: 0, min: 0, max: 0.5, doc: 'probability that a retina cell is flipped' },
  ...MARK1_STRUCTURE_PARAMS,
};

function shapeOptions(p: ParamValues): ShapeSampleOptions {
  return {
    width: RETINA.width,
    height: RETINA.height,
    sizeMin: p.sizeMin as number,
    sizeMax: Math.max(p.sizeMin as number, p.sizeMax as number),
    shift: p.shift as number,
    filled: p.filled as boolean,
    noise: p.noise as number,
  };
}

/** Squares (label 0) and circles (label 1, the R-unit's +1), train and test drawn apart. */
export function mark1ShapesTask(params: Partial<ParamValues>, rng: Rng): CompareTask {
  const p = withDefaults(MARK1_SHAPES_PARAMS, params);
  const train = shapeSamples(p.trainPerShape as number, rng.fork('train'), shapeOptions(p));
  const test = shapeSamples(p.testPerShape as number, rng.fork('test'), shapeOptions(p));
  return {
    train: split(train.x, train.labels, 2),
    test: split(test.x, test.labels, 2),
    classes: CLASSES,
    retina: RETINA,
  };
}

export const mark1Shapes: Experiment = {
  id: 'mark1-shapes',
  title: 'Mark I: squares vs circles of varying size under shifts',
  year: 1960,
  citation:
    'Mark I Perceptron (CAL, 1958–60); the 99.8 % figure: Wikipedia "Perceptron" (unverified, REFERENCES D10)',
  question:
    'How well does the simulated Mark I tell squares from circles of varying size and position, on shapes it never saw?',
  group: 'mark1',
  params: MARK1_SHAPES_PARAMS,
  published: [
    {
      name: 'testAccuracy',
      description: 'square vs circle, held-out accuracy',
      value: 99.8,
      unit: '%',
      source: 'Wikipedia "Perceptron" (unverified, REFERENCES D10; setting unknown)',
      tolerance: { kind: 'absolute', value: 1 },
      toleranceNote:
        'the 99.8 % is Wikipedia-only, with no source, setting (sizes, shifts, training) or even whether it was the hardware; we allow 1 point, and expect to differ.',
      expect: 'differs',
      differsBecause:
        'The 99.8 % is unverified (Wikipedia only) and its setting unknown; under our shifts of ±4 cells and sizes 6–12 the random, fixed A-units of the Mark I do not see shape independently of position, so a single R-unit with error correction generalises well below 99.8 % to shapes it has not seen (about 65–85 % with 200–1,000 training shapes of each kind); without shifts (--set shift=0) it reaches about 100 %.',
    },
  ],
  run({ params, rng, progress }) {
    const task = mark1ShapesTask(params, rng.fork('task'));
    const build = buildMark1(params, 1, RETINA, rng.fork('machine'));
    const t = trainEpochs(build, task, {
      epochs: params.epochs as number,
      rng: rng.fork('order'),
      stopWhenPerfect: true,
      trackTest: true,
      progress: (f) => progress(0.9 * f),
    });
    const hw = mark1HardwareTime(build, task, t);
    progress(1);
    const x = t.errorsPerEpoch.map((_, i) => i + 1);
    return {
      values: { testAccuracy: round(100 * accuracy(build.engine, task.test, 2), 2) },
      extra: {
        trainAccuracy: round(100 * accuracy(build.engine, task.train, 2), 2),
        epochs: t.errorsPerEpoch.length,
        presentationsToCriterion: t.presentationsToCriterion ?? NaN,
        corrections: t.corrections,
      },
      units: {
        testAccuracy: '%',
        trainAccuracy: '%',
        presentationsToCriterion: 'presentations',
        corrections: 'presentations',
      },
      descriptions: {
        trainAccuracy: 'training accuracy at the end',
        epochs: 'epochs run (stops at the first error-free epoch)',
        presentationsToCriterion:
          'presentations before the first error-free epoch (NaN: none within the cap)',
        corrections: 'presentations that made a correction',
      },
      series: {
        trainingErrors: { x, y: t.errorsPerEpoch, xLabel: 'epoch', yLabel: 'training errors per epoch' },
        testAccuracy: {
          x,
          y: t.testAccuracyPerEpoch.map((a) => round(100 * a, 2)),
          xLabel: 'epoch',
          yLabel: 'held-out accuracy %',
        },
      },
      pictures: [
        retinaPicture('a square', task.train.x[0], RETINA),
        retinaPicture('a circle', task.train.x[1], RETINA),
        ...weightPictures(build.engine, build.board, ['circle (+1) vs square (−1)'], RETINA),
      ],
      hardwareSeconds: hw.seconds,
      notes: [
        `${(params.filled as boolean) ? 'Filled' : 'Outlined'} squares and circles ${params.sizeMin as number}–${params.sizeMax as number} cells across, shifted up to ±${params.shift as number} cells; ${params.trainPerShape as number} training and ${params.testPerShape as number} held-out shapes of each kind.`,
        'Machine: dense engine, fixed-increment error correction, η = 1, no R-unit bias; x = 6, y = 4, θ = 2 are assumptions. Try --set shift=0 to see how much of the difficulty is the shifts.',
        `Hardware time from the event-driven circuit's timing model (${hw.perCorrection} s per correction, ${hw.perPresentation} s per presentation without; assumptions, circuits/mark1.json).`,
      ],
    };
  },
};
