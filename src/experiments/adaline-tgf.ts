/**
 * adaline-tgf: the ADALINE learns T, G and F (plain and shifted) with targets +60, 0 and −60.
 *
 * Task: Hagan, Demuth & Beale, *Neural Network Design*, exercise P10.11, citing Widrow & Hoff 1960
 * (REFERENCES.md §2.1, §8 R7; secondary): six 4×4 patterns, desired outputs T = +60, G = 0, F = −60.
 * The published result is qualitative: all six are classified.
 *
 * What "classified" means here: one ADALINE has one quantizer, which can only say ±1, so a three-level
 * target cannot be read from its binary output. We read the analog sum (WH60's meter) and call a
 * pattern classified when its sum is nearer its own target level than either other level, i.e. within
 * ±30 of it (Hagan's exercise likewise reads the linear output). We also report the largest |error|.
 *
 * Run: α-LMS on the ADALINE from zero gains, ±1 switch inputs and a bias, patterns in a fresh random
 * order each epoch (WL90's advice) or cyclically. Six patterns in 17 dimensions are linearly
 * independent here, so LMS can drive every error to 0; the learnt gains are the minimum-norm exact
 * solution (every step is along a pattern, so the gains stay in the patterns' span).
 */
import { ADALINE_GRID, TGF_TARGETS, tgfPatterns } from '../data/adaline-patterns.js';
import { buildMachine, engineParam } from './lib/machines.js';
import type { EngineChoice } from './lib/machines.js';
import { round } from './lib/stats.js';
import type { Experiment, Picture } from './types.js';

const LEVELS = Object.values(TGF_TARGETS);

/** `sumT`, `sumTShifted`, … */
function sumKey(name: string): string {
  return 'sum' + name.replace(' shifted', 'Shifted');
}

/** The target level nearest to a sum (ties to the first level listed). */
function nearestLevel(s: number): number {
  let best = LEVELS[0];
  for (const l of LEVELS) if (Math.abs(s - l) < Math.abs(s - best)) best = l;
  return best;
}

export const adalineTgf: Experiment = {
  id: 'adaline-tgf',
  title: 'The ADALINE learns T, G and F (and shifted copies) with targets +60, 0, −60',
  year: 1960,
  citation:
    'Widrow & Hoff, "Adaptive Switching Circuits", IRE WESCON Conv. Rec. 4:96–104, 1960; task as in Hagan, Demuth & Beale, Neural Network Design, P10.11',
  question: 'Can one ADALINE, trained by α-LMS, map 4×4 T, G and F, plain and shifted, to +60, 0 and −60?',
  group: 'adaline',
  params: {
    epochs: { kind: 'integer', default: 60, fast: 40, min: 1, doc: 'passes through the six patterns' },
    alpha: {
      kind: 'number',
      default: 0.5,
      min: 0.01,
      max: 1.99,
      doc: 'α of α-LMS (WL90 eq. 16: 0.1 < α < 1)',
    },
    shuffle: {
      kind: 'boolean',
      default: true,
      doc: 'a fresh random order each epoch (false: T, G, F, T′, G′, F′)',
    },
    engine: engineParam('event'),
  },
  published: [
    {
      name: 'classifiedFraction',
      description: 'fraction of the six patterns whose sum is nearest its own target (+60, 0, −60)',
      value: 1,
      source: 'Hagan NND P10.11 citing WH60 (REFERENCES.md §2.1, §8 R7; secondary)',
      tolerance: { kind: 'equal' },
      toleranceNote:
        'qualitative ("all classified"), so all six must be: a pattern counts when its ADALINE sum is within ±30 of its target, i.e. nearer its own level than the others (one quantizer cannot show three levels).',
      byConstruction:
        "six linearly independent patterns in 17 dimensions always have an exact solution, which α-LMS from zero gains reaches for any 0 < α < 2 given the epochs; it checks the rule's arithmetic, not a historical outcome",
    },
  ],
  run({ params, rng, progress }) {
    const engine = params.engine as EngineChoice;
    const epochs = params.epochs as number;
    const patterns = tgfPatterns();
    const machine = buildMachine(engine, 'adaline', {
      inputs: ADALINE_GRID * ADALINE_GRID,
      outputs: 1,
      rule: 'alpha-lms',
      lr: params.alpha as number,
      rng: rng.fork('machine'),
    });
    const order = rng.fork('order');
    const n = patterns.length;
    const rmsCurve: number[] = [];
    const classifiedCurve: number[] = [];
    let firstAllClassified = 0;
    let step = 0;
    const classifiedNow = () =>
      patterns.filter((p) => nearestLevel(machine.respond(p.inputs).sums[0]) === p.target).length / n;
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const seq = params.shuffle ? order.permutation(n) : Array.from({ length: n }, (_, i) => i);
      let sse = 0;
      for (const i of seq) {
        const s = machine.present(patterns[i].inputs, [patterns[i].target], {
          step: ++step,
          epoch,
          pattern: i,
        });
        sse += s.errors[0] * s.errors[0];
      }
      rmsCurve.push(round(Math.sqrt(sse / n), 4));
      const c = classifiedNow();
      classifiedCurve.push(c);
      if (c === 1 && firstAllClassified === 0) firstAllClassified = epoch;
      progress(epoch / epochs);
    }
    const sums = patterns.map((p) => machine.respond(p.inputs).sums[0]);
    const maxAbsError = Math.max(...patterns.map((p, i) => Math.abs(p.target - sums[i])));
    const w = machine.weights().layers[0];
    const gains = w.weights[0];
    const pictures: Picture[] = patterns.map((p) => ({
      title: `${p.name} (target ${p.target > 0 ? '+' : ''}${p.target}): sum ${round(sums[patterns.indexOf(p)], 2)}`,
      width: ADALINE_GRID,
      height: ADALINE_GRID,
      values: [...p.inputs],
      scale: 'signed',
      // ±1 switch settings, drawn on their own scale (beside the ±23 gains they would vanish).
      kind: 'input' as const,
    }));
    pictures.push({
      title: `learnt gains (bias ${round(w.bias[0], 3)})`,
      width: ADALINE_GRID,
      height: ADALINE_GRID,
      values: gains.map((g) => round(g, 4)),
      scale: 'signed',
    });
    const x = Array.from({ length: epochs }, (_, i) => i + 1);
    return {
      values: { classifiedFraction: classifiedNow() },
      extra: {
        maxAbsError: round(maxAbsError, 6),
        epochsToAllClassified: firstAllClassified,
        ...Object.fromEntries(patterns.map((p, i) => [sumKey(p.name), round(sums[i], 4)])),
      },
      units: { epochsToAllClassified: 'epochs' },
      descriptions: {
        maxAbsError: 'largest |target − sum| after training',
        epochsToAllClassified: 'first epoch after which all six were classified (0: never)',
        ...Object.fromEntries(
          patterns.map((p) => [sumKey(p.name), `ADALINE sum for ${p.name} (target ${p.target})`]),
        ),
      },
      series: {
        'rms error': { x, y: rmsCurve, xLabel: 'epoch', yLabel: 'rms error (before each step)' },
        classified: { x, y: classifiedCurve, xLabel: 'epoch', yLabel: 'fraction classified' },
      },
      pictures,
      notes: [
        `α-LMS, α = ${params.alpha}, ${epochs} epochs of the six patterns (${params.shuffle ? 'random order each epoch' : 'cyclic order'}), from zero gains, on the ${engine === 'event' ? 'event-driven ADALINE circuit (knob gains)' : 'dense ADALINE'}.`,
        'The letters are our 3-column drawings (src/data/adaline-patterns.ts); the exercise’s exact pixels are not reproduced. "Classified": the sum is within ±30 of its target (nearest of +60, 0, −60).',
      ],
      ...(engine === 'event' ? { hardwareSeconds: round(machine.hardwareSeconds(), 3) } : {}),
    };
  },
};
