/**
 * minsky-papert-connectedness: a diameter-limited perceptron loses connectedness once the retina
 * is wider than what one A-unit sees, while it keeps learning a local predicate on the same figures.
 *
 * Source: Minsky & Papert, *Perceptrons* (1969), ch. 5 (§5.5: connectedness is not of finite order)
 * and ch. 8 (diameter-limited perceptrons); REFERENCES.md §4, §10. Their argument, in our words:
 * take figures whose two ends lie farther apart than any A-unit can see. Each A-unit then reads the
 * left end, the right end, or neither, so the weighted sum splits into a part that depends on the
 * left end only and a part that depends on the right end only. Connectedness of the four figures
 * built from two choices at each end is an exclusive-or of those choices, which no such sum can
 * threshold.
 *
 * Our figures: a retina of 5 rows × W columns; rows 0, 2 and 4 hold three horizontal bars from
 * column i to column j (i < j); at each end a single cell joins the top bar to the middle one (row 1)
 * or the middle bar to the bottom one (row 3). Every span i < j and all four end choices: 4·W(W−1)/2
 * figures, labelled by a flood fill (4-neighbour connectedness), not by formula. The figure is
 * connected exactly when the two ends make different joins.
 *
 * Our perceptron: one A-unit per lit-cell mask of order ≤ `order` whose cells fit in a `diameter` ×
 * `diameter` square (diameter-limited, M&P ch. 8), one R-unit with a bias, Rosenblatt's error
 * correction (src/rules/perceptron.ts, η = 1, zero weights), epochs over every figure reshuffled
 * by the run's generator until one passes without a mistake or `maxEpochs`.
 *
 * The local predicate on the same figures: "the left end joins the top bar to the middle one" (a
 * lit row-1 cell with no top-bar cell to its left); it reads a 2 × 2 neighbourhood, so any
 * diameter ≥ 2 can learn it at every width.
 */
import { perceptronEpoch } from '../rules/perceptron.js';
import type { Rng } from '../rng.js';
import type { Experiment, Series } from './types.js';

/** Rows of the retina: three bars and the two rows of joins between them. */
export const CONNECTEDNESS_ROWS = 5;

export interface Figure {
  /** Row-major cells, 1 lit. */
  readonly cells: Uint8Array;
  readonly connected: boolean;
  /** The left end joins the top bar to the middle one (the local predicate). */
  readonly leftJoinsTop: boolean;
}

/** Whether the lit cells form one 4-connected piece (an empty retina counts as not connected). */
export function isConnected(cells: Uint8Array, width: number): boolean {
  const seen = new Uint8Array(cells.length);
  const start = cells.indexOf(1);
  if (start < 0) return false;
  const stack = [start];
  seen[start] = 1;
  let reached = 0;
  while (stack.length > 0) {
    const p = stack.pop()!;
    reached++;
    const r = Math.floor(p / width);
    const c = p % width;
    const next = [
      r > 0 ? p - width : -1,
      r < cells.length / width - 1 ? p + width : -1,
      c > 0 ? p - 1 : -1,
      c < width - 1 ? p + 1 : -1,
    ];
    for (const q of next) {
      if (q >= 0 && cells[q] === 1 && seen[q] === 0) {
        seen[q] = 1;
        stack.push(q);
      }
    }
  }
  let lit = 0;
  for (const v of cells) lit += v;
  return reached === lit;
}

/** Every figure of the family on a 5 × `width` retina. */
export function connectednessFigures(width: number): Figure[] {
  const out: Figure[] = [];
  for (let i = 0; i < width; i++) {
    for (let j = i + 1; j < width; j++) {
      for (const left of [1, 3]) {
        for (const right of [1, 3]) {
          const cells = new Uint8Array(CONNECTEDNESS_ROWS * width);
          for (const row of [0, 2, 4]) for (let c = i; c <= j; c++) cells[row * width + c] = 1;
          cells[left * width + i] = 1;
          cells[right * width + j] = 1;
          out.push({ cells, connected: isConnected(cells, width), leftJoinsTop: left === 1 });
        }
      }
    }
  }
  return out;
}

/** Masks (lists of cell indices) of order ≤ `order` whose cells fit in a `diameter`-wide square. */
export function localMasks(width: number, diameter: number, order: number): number[][] {
  const n = CONNECTEDNESS_ROWS * width;
  const near = (a: number, b: number) =>
    Math.abs(Math.floor(a / width) - Math.floor(b / width)) < diameter &&
    Math.abs((a % width) - (b % width)) < diameter;
  const out: number[][] = [];
  const grow = (mask: number[]): void => {
    out.push(mask);
    if (mask.length === order) return;
    for (let q = mask[mask.length - 1] + 1; q < n; q++) {
      if (mask.every((p) => near(p, q))) grow([...mask, q]);
    }
  };
  for (let p = 0; p < n; p++) grow([p]);
  return out;
}

/** Whether error correction on the A layer's responses reaches an epoch without a mistake. */
export function learnsByErrorCorrection(
  xs: readonly Float64Array[],
  ds: Float64Array,
  maxEpochs: number,
  rng: Rng,
): { learned: boolean; epochs: number } {
  const w = new Float64Array(xs[0].length + 1);
  const order = Array.from({ length: xs.length }, (_, i) => i);
  for (let e = 1; e <= maxEpochs; e++) {
    rng.shuffle(order);
    if (perceptronEpoch(w, xs, ds, {}, order) === 0) return { learned: true, epochs: e };
  }
  return { learned: false, epochs: maxEpochs };
}

export const minskyPapertConnectedness: Experiment = {
  id: 'minsky-papert-connectedness',
  title: 'Connectedness against a local predicate on a diameter-limited perceptron',
  year: 1969,
  citation:
    'Minsky & Papert, Perceptrons (MIT Press, 1969), ch. 5 §5.5 and ch. 8 (diameter-limited perceptrons)',
  question:
    'Does a perceptron whose A-units each see a small patch learn connectedness only while the figures fit in a patch, though it learns a local predicate of the same figures at every width?',
  group: 'theory',
  params: {
    diameter: {
      kind: 'integer',
      default: 4,
      min: 3,
      // Order-3 masks grow with the square's area: 6 keeps the A layer to some 10⁴ units.
      max: 6,
      doc: 'an A-unit’s cells fit in a square of this many rows and columns (3 or more, so a join and the bars beside it fit)',
    },
    order: {
      kind: 'integer',
      default: 2,
      min: 1,
      max: 3,
      doc: 'most cells an A-unit reads (the order limit)',
    },
    maxWidth: {
      kind: 'integer',
      default: 8,
      fast: 6,
      full: 10,
      min: 4,
      max: 12,
      doc: 'widest retina tried; widths run from 3 to this',
    },
    maxEpochs: {
      kind: 'integer',
      default: 500,
      fast: 200,
      full: 1500,
      min: 1,
      doc: 'epochs over every figure before a predicate counts as not learnt',
    },
  },
  published: [
    {
      name: 'widestMinusDiameter',
      description: 'widest retina up to which connectedness was learnt at every width, minus the diameter',
      value: 0,
      unit: 'columns',
      source: 'Minsky & Papert 1969, ch. 5 §5.5 and ch. 8 (REFERENCES.md §4, §10)',
      tolerance: { kind: 'equal' },
      toleranceNote:
        'exact: below the diameter one A-unit can see both ends and order-2 masks suffice, so error correction must learn; beyond it the theorem forbids any weights. Negative means too few epochs; positive would contradict the theorem',
    },
    {
      name: 'localLearntFraction',
      description:
        'fraction of the widths at which the local predicate (left end joins the top bar) was learnt',
      value: 1,
      source:
        'Minsky & Papert 1969, ch. 8 (local predicates are within a diameter-limited perceptron’s reach)',
      tolerance: { kind: 'equal' },
      toleranceNote:
        'exact: the predicate is a threshold of masks inside a 2 × 2 square, so it must be learnt at every width',
    },
  ],
  run({ params, rng, progress }) {
    const diameter = params.diameter as number;
    const order = params.order as number;
    const maxWidth = params.maxWidth as number;
    const maxEpochs = params.maxEpochs as number;
    const widths: number[] = [];
    const connectedLearnt: number[] = [];
    const localLearnt: number[] = [];
    const extra: Record<string, number> = {};
    const descriptions: Record<string, string> = {};
    for (let width = 3; width <= maxWidth; width++) {
      const figures = connectednessFigures(width);
      const masks = localMasks(width, diameter, order);
      const xs = figures.map((f) =>
        Float64Array.from(masks, (m) => (m.every((p) => f.cells[p] === 1) ? 1 : 0)),
      );
      const conn = learnsByErrorCorrection(
        xs,
        Float64Array.from(figures, (f) => (f.connected ? 1 : -1)),
        maxEpochs,
        rng,
      );
      const local = learnsByErrorCorrection(
        xs,
        Float64Array.from(figures, (f) => (f.leftJoinsTop ? 1 : -1)),
        maxEpochs,
        rng,
      );
      widths.push(width);
      connectedLearnt.push(conn.learned ? 1 : 0);
      localLearnt.push(local.learned ? 1 : 0);
      extra[`connectedEpochsW${width}`] = conn.learned ? conn.epochs : NaN;
      descriptions[`connectedEpochsW${width}`] =
        `width ${width} (${figures.length} figures, ${masks.length} A-units): epochs to learn connectedness (NaN: not learnt)`;
      progress((width - 2) / (maxWidth - 2));
    }
    let widest = 2;
    for (let k = 0; k < widths.length && connectedLearnt[k] === 1; k++) widest = widths[k];
    const learntBeyond = widths.filter((w, k) => w > diameter && connectedLearnt[k] === 1).length;
    const series: Record<string, Series> = {
      connectedness: {
        x: widths,
        y: connectedLearnt,
        xLabel: 'retina width',
        yLabel: 'connectedness learnt (1) or not (0)',
      },
      local: {
        x: widths,
        y: localLearnt,
        xLabel: 'retina width',
        yLabel: 'local predicate learnt (1) or not (0)',
      },
    };
    return {
      values: {
        widestMinusDiameter: widest - diameter,
        localLearntFraction: localLearnt.reduce((s, v) => s + v, 0) / widths.length,
      },
      extra: { ...extra, learntBeyondDiameter: learntBeyond },
      descriptions: {
        ...descriptions,
        learntBeyondDiameter:
          'widths wider than the diameter at which connectedness was learnt (the theorem says 0)',
      },
      units: { widestMinusDiameter: 'columns' },
      series,
      notes: [
        `A-units: every mask of at most ${order} cells inside a ${diameter} × ${diameter} square; one R-unit with a bias, fixed-increment error correction from zero weights; a predicate is learnt when an epoch passes without a mistake within ${maxEpochs} epochs`,
        'figures: three bars joined at each end top-to-middle or middle-to-bottom, every span and all four joins; connected (by flood fill) exactly when the two joins differ',
      ],
    };
  },
};
