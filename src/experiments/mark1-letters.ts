/**
 * mark1-letters: printed capital letters on the Mark I's retina, one R-unit per letter.
 *
 * The Mark I (CAL, 1958–60) had 8 R-units and was trained on printed characters (REFERENCES.md
 * §1.1–1.2). Its exact cards, fonts and results are not recorded: the accuracies often quoted
 * (E vs F > 80 %) are Wikipedia-only (REFERENCES D10, unverified) and may be simulations. So the
 * setting here is ours: letters from a 5×7 font scaled ×2 (10×14 cells), shifted up to ±2 cells and
 * with 3 % of cells flipped, learned by Rosenblatt's error correction (WL90 eqs. 17–18) on the
 * simulated Mark I, scored on fresh noisy samples the machine never saw.
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
  ...MARK1_STRUCTURE_PARAMS,
};

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
  title: 'Mark I: printed letters on the retina, one R-unit per letter',
  year: 1960,
  citation:
    'Mark I Perceptron Operators’ Manual, CAL, 1960; Rosenblatt, Principles of Neurodynamics, 1962; rule: Widrow & Lehr 1990 eqs. 17–18',
  question:
    'How well does the simulated Mark I, learning by error correction, recognise printed letters that are shifted and noisy, on samples it never saw?',
  group: 'mark1',
  params: MARK1_LETTERS_PARAMS,
  published: [
    {
      name: 'efAccuracy',
      description: 'E vs F, held-out accuracy (one R-unit)',
      value: 80,
      unit: '%',
      source: 'Wikipedia "Perceptron" (unverified, REFERENCES D10; setting unknown, maybe a simulation)',
      tolerance: { kind: 'atLeast' },
      toleranceNote:
        'the "> 80 %" for E vs F is Wikipedia-only and its setting (fonts, shifts, noise, training) is unknown, so meeting it says only that our E vs F task is at least that easy; it is no hardware result.',
    },
  ],
  run({ params, rng, progress }) {
    const letters = parseLetters(params.letters as string);
    const task = mark1LettersTask(params, rng.fork('task'));
    const machine = buildMark1(params, letters.length, RETINA, rng.fork('machine'));
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

    // E vs F on its own machine (one R-unit), the same sample sizes and noise.
    const efTask = mark1LettersTask(params, rng.fork('ef-task'), 'EF');
    const ef = buildMark1(params, 1, RETINA, rng.fork('ef-machine'));
    trainEpochs(ef, efTask, {
      epochs: params.epochs as number,
      rng: rng.fork('ef-order'),
      stopWhenPerfect: true,
    });
    const efAcc = accuracy(ef.engine, efTask.test, 2);
    progress(0.9);
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
        testAccuracy: '%',
        trainAccuracy: '%',
        chance: '%',
        secondsPerCorrection: 's',
        secondsPerPresentation: 's',
        presentationsToCriterion: 'presentations',
        corrections: 'presentations',
      },
      descriptions: {
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
      notes: [
        `No published figure exists for our setting (REFERENCES D10): ${classes} letters from a 5×7 font ×${params.scale as number}, shifts up to ±${params.jitter as number} cells, ${round(100 * (params.noise as number), 1)} % of cells flipped; ${params.trainPerLetter as number} training and ${params.testPerLetter as number} held-out samples per letter.`,
        'Machine: dense engine (identical to the circuit with ideal parts); fixed-increment error correction, η = 1, no R-unit bias; 512 A-units with x = 6, y = 4, θ = 2 (assumptions).',
        `Hardware time (the 8-letter machine's training; the E vs F run not counted): timed on the event-driven circuit (same plugboard) for a few presentations with and without a correction and scaled to the run's ${training.presentations} presentations and ${training.corrections} corrections; the timing model's values are assumptions (circuits/mark1.json).`,
        'Weight maps: for each S-cell, the sum over A-units of w · (excitatory − inhibitory connections from that cell): a linear picture of where each R-unit looks.',
      ],
    };
  },
};
