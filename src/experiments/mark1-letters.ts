/**
 * mark1-letters: printed capital letters on the Mark I's retina, and the E vs F figure.
 *
 * The published figure is from Wikipedia's article "Mark I Perceptron" (capabilities; secondary,
 * REFERENCES D10: no primary found, and it may describe a simulation). Its set-up for E vs F, in our
 * words: a perceptron of 1,000 A-units trained on 60 images told E from F correctly more than 80 %
 * of the time. Not given, so assumptions here: the font (a 5×7 font scaled ×2), the variation of
 * the images (shifts up to ±2 cells, 3 % of cells flipped), the test set, the training schedule
 * (error correction, WL90 eqs. 17–18, until an error-free pass or the epoch cap). With 60 images one
 * machine's score swings by ±7 points with its plugboard and its images, so we report the median of
 * several machines, each with its own plugboard and images.
 *
 * The 8-letter task (one R-unit per letter, the Mark I's 8 R-units) has no published figure.
 */
import { GLYPH_LETTERS, glyphSamples } from '../data/retina-glyphs.js';
import type { GlyphSampleOptions } from '../data/retina-glyphs.js';
import { UserError } from '../errors.js';
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
  mark1LearnerView,
  withDefaults,
} from './lib/mark1-common.js';
import type { CompareTask } from './lib/mark1-common.js';
import { mark1HardwareTime } from './lib/mark1-hardware.js';
import type { Experiment, ExperimentParam, ParamValues } from './types.js';

const RETINA = { width: 20, height: 20 };

export const MARK1_LETTERS_PARAMS: Readonly<Record<string, ExperimentParam>> = {
  letters: {
    kind: 'string',
    default: 'ABCDEFGH',
    doc: 'the letters, one R-unit each (2 to 26 distinct capitals; the Mark I had 8 R-units)',
  },
  trainPerLetter: {
    kind: 'integer',
    default: 100,
    fast: 40,
    full: 300,
    min: 1,
    doc: 'training samples per letter',
  },
  testPerLetter: {
    kind: 'integer',
    default: 100,
    fast: 30,
    full: 200,
    min: 1,
    doc: 'held-out samples per letter',
  },
  epochs: {
    kind: 'integer',
    default: 60,
    fast: 30,
    full: 150,
    min: 1,
    doc: 'epoch cap (stops at the first error-free epoch)',
  },
  jitter: {
    kind: 'integer',
    default: 2,
    min: 0,
    max: 5,
    doc: 'largest shift from the centre, in cells, in x and y',
  },
  noise: {
    kind: 'number',
    default: 0.03,
    min: 0,
    max: 0.5,
    doc: 'probability that a retina cell is flipped',
  },
  scale: { kind: 'integer', default: 2, min: 1, max: 2, doc: 'font dots per cell side (5×7 font)' },
  efTrainPerLetter: {
    kind: 'integer',
    default: 30,
    min: 1,
    doc: 'E vs F: training images of each letter (the source: 60 images in all)',
  },
  efTestPerLetter: {
    kind: 'integer',
    default: 200,
    fast: 100,
    min: 1,
    doc: 'E vs F: held-out images of each letter',
  },
  efAUnits: { kind: 'integer', default: 1000, min: 1, doc: 'E vs F: A-units (the source: 1,000)' },
  efMachines: {
    kind: 'integer',
    default: 9,
    fast: 5,
    full: 31,
    min: 1,
    doc: 'E vs F: machines (plugboards and image sets) run; the median is reported',
  },
  ...MARK1_STRUCTURE_PARAMS,
};

/** R-units for a task of `classes` letters: one for two (its sign), else one per letter. */
function rUnitsFor(classes: number): number {
  return classes === 2 ? 1 : classes;
}

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function parseLetters(text: string): string[] {
  const letters = [...text.toUpperCase()];
  for (const l of letters) {
    if (!GLYPH_LETTERS.includes(l)) throw new UserError(`letters: '${l}' is not a capital letter A–Z`);
  }
  if (new Set(letters).size !== letters.length) throw new UserError(`letters: '${text}' repeats a letter`);
  if (letters.length < 2) throw new UserError('letters: give at least two letters');
  return letters;
}

function glyphOptions(p: ParamValues): GlyphSampleOptions {
  return {
    width: RETINA.width,
    height: RETINA.height,
    scale: p.scale as number,
    jitter: p.jitter as number,
    noise: p.noise as number,
  };
}

/** The letters task: noisy jittered samples, one ±1 target per letter; train and test drawn apart. */
export function mark1LettersTask(params: Partial<ParamValues>, rng: Rng, letterText?: string): CompareTask {
  const p = withDefaults(MARK1_LETTERS_PARAMS, params);
  const letters = parseLetters(letterText ?? (p.letters as string));
  const o = glyphOptions(p);
  const train = glyphSamples(letters, p.trainPerLetter as number, rng.fork('train'), o);
  const test = glyphSamples(letters, p.testPerLetter as number, rng.fork('test'), o);
  return {
    train: split(train.x, train.labels, letters.length),
    test: split(test.x, test.labels, letters.length),
    classes: letters,
    retina: RETINA,
  };
}

export const mark1Letters: Experiment = {
  id: 'mark1-letters',
  title: 'Mark I: printed letters on the retina; E vs F',
  year: 1960,
  citation:
    'Wikipedia, "Mark I Perceptron", capabilities (E vs F; secondary, REFERENCES D10); Mark I Perceptron Operators’ Manual, CAL, 1960; rule: Widrow & Lehr 1990 eqs. 17–18',
  question:
    'With 1,000 A-units and 60 training images, does the simulated Mark I tell E from F more than 80 % of the time, and how well does it recognise 8 shifted, noisy letters?',
  group: 'mark1',
  params: MARK1_LETTERS_PARAMS,
  published: [
    {
      name: 'efAccuracy',
      description:
        'E vs F, held-out accuracy with 1,000 A-units and 60 training images (one R-unit), median over machines',
      value: 80,
      unit: '%',
      source:
        'Wikipedia, "Mark I Perceptron", capabilities: 1,000 A-units, 60 training images, more than 80 % (secondary, REFERENCES D10)',
      tolerance: { kind: 'atLeast' },
      toleranceNote:
        'the source says "more than 80 %" (a bound) and gives no test set, font or image variation, and it may describe a simulation; one machine with 60 images swings by ±7 points with its plugboard and images, so we hold the median of several machines to the bound itself, with no slack. It says only that E vs F on our images is at least as easy as the source\'s; a broken rule or too little training falls below it (test/experiments/mark1-verdicts.test.ts).',
    },
  ],
  run({ params, rng, progress }) {
    const letters = parseLetters(params.letters as string);
    const task = mark1LettersTask(params, rng.fork('task'));
    const machine = buildMark1(params, rUnitsFor(letters.length), RETINA, rng.fork('machine'));
    const training = trainEpochs(machine, task, {
      epochs: params.epochs as number,
      rng: rng.fork('order'),
      stopWhenPerfect: true,
      trackTest: true,
      progress: (f) => progress(0.8 * f),
    });
    const classes = letters.length;
    const testAcc = accuracy(machine.engine, task.test, classes);
    const trainAcc = accuracy(machine.engine, task.train, classes);

    // E vs F in the source's setting: machines of efAUnits A-units (one R-unit), 60 training images
    // each, the same font, shifts and noise; each machine has its own plugboard and images.
    const efParams: ParamValues = {
      ...params,
      trainPerLetter: params.efTrainPerLetter as number,
      testPerLetter: params.efTestPerLetter as number,
      aUnits: params.efAUnits as number,
    };
    const efScores: number[] = [];
    const efMachines = params.efMachines as number;
    for (let m = 0; m < efMachines; m++) {
      const tag = m === 0 ? '' : `-${m}`;
      const efTask = mark1LettersTask(efParams, rng.fork(`ef-task${tag}`), 'EF');
      const ef = buildMark1(efParams, 1, RETINA, rng.fork(`ef-machine${tag}`));
      trainEpochs(ef, efTask, {
        epochs: params.epochs as number,
        rng: rng.fork(`ef-order${tag}`),
        stopWhenPerfect: true,
      });
      efScores.push(100 * accuracy(ef.engine, efTask.test, 2));
      progress(0.8 + (0.1 * (m + 1)) / efMachines);
    }
    const efAcc = median(efScores) / 100;
    const hw = mark1HardwareTime(machine, task, training);
    progress(1);

    const epochsRun = training.errorsPerEpoch.length;
    const x = training.errorsPerEpoch.map((_, i) => i + 1);
    const samples = letters.map((l, k) =>
      retinaPicture(`a held-out ${l}`, task.test.x[task.test.labels.indexOf(k)], RETINA),
    );
    return {
      values: { efAccuracy: round(100 * efAcc, 2) },
      extra: {
        efAccuracyMin: round(Math.min(...efScores), 2),
        efAccuracyMax: round(Math.max(...efScores), 2),
        testAccuracy: round(100 * testAcc, 2),
        trainAccuracy: round(100 * trainAcc, 2),
        epochs: epochsRun,
        presentationsToCriterion: training.presentationsToCriterion ?? NaN,
        corrections: training.corrections,
        chance: round(100 / classes, 2),
        secondsPerCorrection: hw.perCorrection,
        secondsPerPresentation: hw.perPresentation,
      },
      hardwareSeconds: hw.seconds,
      units: {
        efAccuracy: '%',
        efAccuracyMin: '%',
        efAccuracyMax: '%',
        testAccuracy: '%',
        trainAccuracy: '%',
        chance: '%',
        secondsPerCorrection: 's',
        secondsPerPresentation: 's',
        presentationsToCriterion: 'presentations',
        corrections: 'presentations',
      },
      descriptions: {
        efAccuracyMin: 'E vs F: the lowest machine',
        efAccuracyMax: 'E vs F: the highest machine',
        testAccuracy: `held-out accuracy, ${classes} letters (${letters.join('')}), largest R-unit sum wins`,
        trainAccuracy: 'training accuracy at the end',
        epochs: 'epochs run (stops at the first error-free epoch)',
        presentationsToCriterion:
          'presentations before the first error-free epoch (NaN: none within the cap)',
        corrections: 'presentations that made a correction',
        chance: 'chance accuracy',
        secondsPerCorrection: 'simulated seconds per presentation that corrects (event engine, timing model)',
        secondsPerPresentation: 'simulated seconds per presentation without a correction (event engine)',
      },
      series: {
        trainingErrors: {
          x,
          y: training.errorsPerEpoch,
          xLabel: 'epoch',
          yLabel: 'training errors per epoch',
        },
        testAccuracy: {
          x,
          y: training.testAccuracyPerEpoch.map((a) => round(100 * a, 2)),
          xLabel: 'epoch',
          yLabel: 'held-out accuracy %',
        },
      },
      pictures: [...samples, ...weightPictures(machine.engine, machine.board, letters, RETINA)],
      learner: mark1LearnerView(machine, task.train, letters, RETINA),
      notes: [
        `E vs F (the published figure): Wikipedia, "Mark I Perceptron" (secondary) gives 1,000 A-units, 60 training images and more than 80 %; font, image variation and test set are not given. Ours: ${params.efAUnits as number} A-units, ${2 * (params.efTrainPerLetter as number)} training and ${2 * (params.efTestPerLetter as number)} held-out images, median of ${efMachines} machines (${round(Math.min(...efScores), 1)}–${round(Math.max(...efScores), 1)} %).`,
        `The ${classes}-letter task has no published figure (REFERENCES D10): letters from a 5×7 font ×${params.scale as number}, shifts up to ±${params.jitter as number} cells, ${round(100 * (params.noise as number), 1)} % of cells flipped; ${params.trainPerLetter as number} training and ${params.testPerLetter as number} held-out samples per letter.`,
        `Machine: dense engine (identical to the circuit with ideal parts); fixed-increment error correction, η = 1, no R-unit bias; ${params.aUnits as number} A-units with x = 6, y = 4, θ = 2 (assumptions); A→R wiring '${params.arWiring as string}'${params.arWiring === 'partitioned' && classes > 2 ? ` (one pot per A-unit: each of the ${classes} R-units sees ${Math.floor((params.aUnits as number) / classes)} A-units, which is why it learns the ${classes} letters poorly; --set arWiring=full gives every R-unit every A-unit)` : ''}.`,
        `Hardware time (the 8-letter machine's training; the E vs F run not counted): timed on the event-driven circuit (same plugboard) for a few presentations with and without a correction and scaled to the run's ${training.presentations} presentations and ${training.corrections} corrections; the timing model's values are assumptions (circuits/mark1.json).`,
        'Weight maps: for each S-cell, the sum over A-units of w · (excitatory − inhibitory connections from that cell): a linear picture of where each R-unit looks.',
      ],
    };
  },
};
