/**
 * boolean-16: which of the 16 Boolean functions of two inputs one threshold element can learn.
 *
 * WL90 p.1418 (REFERENCES.md §3, §8 R3): an ADALINE with two inputs and a bias realises 14 of the
 * 2^(2^2) = 16 functions, all but exclusive-or and its complement (the two that are not linearly
 * separable). We train each function on two machines with ±1 inputs and a bias weight:
 * - the single threshold unit with Rosenblatt's fixed-increment rule (the `perceptron` machine, whose
 *   weights are motor-driven pots), until an epoch without mistakes or the epoch cap;
 * - the ADALINE with α-LMS (knob gains), for a fixed number of epochs, then judged by its quantized
 *   output (sgn of the sum) on all four patterns.
 * A function is learnt when the trained machine responds correctly to all four patterns. The exact
 * separability test (lib/linear-separability.ts) is reported beside them as the ground truth.
 */
import type { MachineEngine } from '../machines/types.js';
import { linearSeparability } from './lib/linear-separability.js';
import { buildMachine, engineParam } from './lib/machines.js';
import type { EngineChoice } from './lib/machines.js';
import type { Experiment } from './types.js';

/** The four input patterns, in counting order with −1 for 0; function f's output on pattern i is bit i of f. */
export const BOOLEAN_PATTERNS: readonly (readonly number[])[] = [
  [-1, -1],
  [-1, 1],
  [1, -1],
  [1, 1],
];

/** Names of the 16 functions by index (bit i of the index = output on BOOLEAN_PATTERNS[i]). */
export const BOOLEAN_FUNCTION_NAMES: readonly string[] = [
  'FALSE',
  'NOR',
  '¬x1∧x2',
  '¬x1',
  'x1∧¬x2',
  '¬x2',
  'XOR',
  'NAND',
  'AND',
  'XNOR',
  'x2',
  '¬x1∨x2',
  'x1',
  'x1∨¬x2',
  'OR',
  'TRUE',
];

/** Targets ±1 of function f on the four patterns. */
export function booleanTargets(f: number): number[] {
  return BOOLEAN_PATTERNS.map((_, i) => ((f >> i) & 1 ? 1 : -1));
}

function learns(machine: MachineEngine, targets: number[], epochs: number, stopWhenClean: boolean): boolean {
  let step = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    let mistakes = 0;
    BOOLEAN_PATTERNS.forEach((x, i) => {
      if (machine.present(x, [targets[i]], { step: ++step, epoch, pattern: i }).mistake) mistakes++;
    });
    if (stopWhenClean && mistakes === 0) break;
  }
  return BOOLEAN_PATTERNS.every((x, i) => machine.respond(x).outputs[0] === targets[i]);
}

export const boolean16: Experiment = {
  id: 'boolean-16',
  title: 'The 16 Boolean functions of two inputs: 14 learnable by one threshold element',
  year: 1990,
  citation: 'Widrow & Lehr, "30 Years of Adaptive Neural Networks", Proc. IEEE 78(9):1415–1442, 1990, p.1418',
  question:
    'Of the 16 Boolean functions of two ±1 inputs, which can one adaptive threshold element with a bias learn?',
  group: 'adaline',
  params: {
    perceptronEpochs: { kind: 'integer', default: 50, min: 1, doc: 'epoch cap of the perceptron rule' },
    adalineEpochs: { kind: 'integer', default: 40, fast: 25, min: 1, doc: 'epochs of α-LMS on the ADALINE' },
    alpha: { kind: 'number', default: 0.5, min: 0.01, max: 1.99, doc: 'α of α-LMS' },
    engine: engineParam('event'),
  },
  published: [
    {
      name: 'perceptronLearned',
      description: 'functions learnt by the threshold unit (perceptron rule)',
      value: 14,
      unit: 'of 16',
      source: 'WL90 p.1418 (REFERENCES.md §3, §8 R3)',
      tolerance: { kind: 'equal' },
    },
    {
      name: 'adalineLearned',
      description: 'functions learnt by the ADALINE (α-LMS, quantized output)',
      value: 14,
      unit: 'of 16',
      source: 'WL90 p.1418',
      tolerance: { kind: 'equal' },
    },
    {
      name: 'failuresAreXorAndXnor',
      description: 'the functions neither machine learns are exactly XOR and XNOR (1 = yes)',
      value: 1,
      source: 'WL90 p.1418; Minsky & Papert 1969 (parity)',
      tolerance: { kind: 'equal' },
      byConstruction:
        'XOR and XNOR are the two 2-input functions no line separates, so they fail whatever the rule does; given the two counts of 14 above (which can fail), the failures can only be those two',
    },
  ],
  run({ params, rng, progress }) {
    const engine = params.engine as EngineChoice;
    const machineRng = rng.fork('machines');
    const perceptronOk: boolean[] = [];
    const adalineOk: boolean[] = [];
    const separable: boolean[] = [];
    let hardwareSeconds = 0;
    for (let f = 0; f < 16; f++) {
      const targets = booleanTargets(f);
      const p = buildMachine(engine, 'perceptron', {
        inputs: 2,
        outputs: 1,
        rule: 'fixed',
        rng: machineRng.fork(`perceptron-${f}`),
      });
      perceptronOk.push(learns(p, targets, params.perceptronEpochs as number, true));
      const a = buildMachine(engine, 'adaline', {
        inputs: 2,
        outputs: 1,
        rule: 'alpha-lms',
        lr: params.alpha as number,
        rng: machineRng.fork(`adaline-${f}`),
      });
      adalineOk.push(learns(a, targets, params.adalineEpochs as number, false));
      hardwareSeconds += p.hardwareSeconds() + a.hardwareSeconds();
      separable.push(linearSeparability(BOOLEAN_PATTERNS, targets).separable);
      progress((f + 1) / 16);
    }
    const count = (xs: boolean[]) => xs.filter(Boolean).length;
    const failed = BOOLEAN_FUNCTION_NAMES.filter((_, f) => !perceptronOk[f] || !adalineOk[f]);
    const xorXnor = failed.length === 2 && failed.includes('XOR') && failed.includes('XNOR');
    return {
      values: {
        perceptronLearned: count(perceptronOk),
        adalineLearned: count(adalineOk),
        failuresAreXorAndXnor: xorXnor ? 1 : 0,
      },
      extra: { linearlySeparable: count(separable) },
      units: { linearlySeparable: 'of 16' },
      descriptions: { linearlySeparable: 'functions linearly separable (exact simplex test)' },
      pictures: [
        {
          title: 'learnt by the ADALINE: function f at row ⌊f/4⌋, column f mod 4 (index bits = outputs)',
          width: 4,
          height: 4,
          values: adalineOk.map((ok) => (ok ? 1 : 0)),
          scale: 'unsigned',
        },
      ],
      notes: [
        `Not learnt: ${failed.join(', ') || 'none'}.`,
        `Learnt by the perceptron: ${BOOLEAN_FUNCTION_NAMES.filter((_, f) => perceptronOk[f]).join(', ')}.`,
        `Both machines ran on the ${engine === 'event' ? 'event-driven circuits (perceptron: motor-driven pots; ADALINE: knobs)' : 'dense engine'}, ±1 inputs and a bias weight, from zero weights.`,
      ],
      ...(engine === 'event' ? { hardwareSeconds: Math.round(hardwareSeconds * 1000) / 1000 } : {}),
    };
  },
};
